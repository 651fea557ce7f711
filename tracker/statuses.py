"""The one place that defines the statuses: their order, labels and colours."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from tracker.i18n import N_
from tracker.i18n.sentence import Sentence, said


class Status(StrEnum):
    NOT_ASSESSED = "not-assessed"
    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


# The two text colours a status label is written in, on its own colour.
DARK_TEXT = "#1b2430"
LIGHT_TEXT = "#ffffff"


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio (1 to 21); AA asks 4.5 for body text."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable_text_colour(background: str) -> str:
    """Dark or white text, whichever has the higher contrast on `background`."""
    dark, light = contrast_ratio(background, DARK_TEXT), contrast_ratio(background, LIGHT_TEXT)
    return DARK_TEXT if dark >= light else LIGHT_TEXT


@dataclass(frozen=True)
class StatusStyle:
    label: str  # the English message; every screen and file shows it through t()
    colour: str
    meaning: str

    @property
    def text_colour(self) -> str:
        """The label's colour on this status's colour, chosen for contrast (WCAG AA)."""
        return readable_text_colour(self.colour)


# Colours are chosen so that neighbouring statuses differ in lightness too, and every
# chart also prints the label: the charts must read on a grey-scale projector.
STATUS_STYLES: dict[Status, StatusStyle] = {
    Status.NOT_ASSESSED: StatusStyle(N_("Not assessed"), "#8c8c8c", "no assessment yet"),
    Status.NOT_STARTED: StatusStyle(N_("Not started"), "#cfcfcf", "work has not begun"),
    Status.ON_TRACK: StatusStyle(N_("On track"), "#2e9e4f", "progressing as planned"),
    Status.AT_RISK: StatusStyle(N_("At risk"), "#f0a500", "may miss its due date"),
    Status.OFF_TRACK: StatusStyle(N_("Off track"), "#d7301f", "will miss its due date"),
    Status.COMPLETED: StatusStyle(N_("Completed"), "#1f5fbf", "done"),
    Status.CANCELLED: StatusStyle(N_("Cancelled"), "#111111", "dropped"),
}

STATUS_ORDER: list[str] = [status.value for status in Status]
STATUS_LABELS: dict[str, str] = {s.value: STATUS_STYLES[s].label for s in Status}
STATUS_COLOURS: dict[str, str] = {s.value: STATUS_STYLES[s].colour for s in Status}
STATUS_TEXT_COLOURS: dict[str, str] = {s.value: STATUS_STYLES[s].text_colour for s in Status}

# Statuses in which an objective no longer needs work: never overdue, never stale.
CLOSED_STATUSES: frozenset[str] = frozenset({Status.COMPLETED.value, Status.CANCELLED.value})


def status_rank(status: str) -> int:
    """Position in the fixed order, so tables and legends sort the same way everywhere."""
    try:
        return STATUS_ORDER.index(status)
    except ValueError:
        return len(STATUS_ORDER)


@lru_cache(maxsize=64)
def named_status(key: str) -> Sentence:
    """A status as a sentence names it to someone who must type its key: the label in the
    reader's language with the key beside it ("'At risk' (at-risk)", „У ризику” (at-risk)),
    said when shown, so a problem made once reads in every reader's language.

    One Sentence for each key (a Sentence is never changed once made), so that a run's
    thousands of warnings naming the same statuses share it, and it is said only once
    (tracker.i18n.sentence.spoken)."""
    label = STATUS_LABELS.get(key)
    if label is None:  # not a status (a broken file): only the key can be shown
        return said("'{status}'", status=key)
    return said("'{label}' ({status})", label=said(label), status=key)
