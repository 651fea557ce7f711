"""Meeting material: one function turns the shared frames into a deck, briefing, PDF, workbook
or text summary.

Each format is one module with `render(pack, progress) -> bytes`; adding a format is adding
a module and one line in FORMATS (tracker/editions.py, which the command line reads
without importing this package).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import import_module

from tracker.editions import AUDIENCES, DEFAULT_AUDIENCE, FORMATS, MEDIA_TYPES, SUFFIXES
from tracker.export.pack import (
    MeetingPack,
    ReportError,
    for_audience,
    gather,
)
from tracker.load.loader import Portfolio
from tracker.tables.filters import Filters, apply_filters
from tracker.tables.frames import Frames
from tracker.tables.window import newest_fact

Progress = Callable[[float, str], None]


def default_audience(fmt: str) -> str:
    return DEFAULT_AUDIENCE[_checked(fmt)]


def build_report(
    frames: Frames,
    portfolio: Portfolio,
    fmt: str,
    plan: str | None = None,
    since: date | None = None,
    audience: str | None = None,
    progress: Progress | None = None,
    selection: str | None = None,
) -> bytes:
    """The report as bytes, ready to write or download; raises ReportError with a reason.

    `progress(share, message)` is called as the work advances (share from 0 to 1), for a
    progress bar; `selection` describes any filter already applied to `frames`.
    """
    fmt = _checked(fmt)
    report = progress or _silent
    report(0.05, "Gathering the figures")
    pack = gather(frames, portfolio, plan, since, audience or DEFAULT_AUDIENCE[fmt], selection)
    renderer = import_module(f"tracker.export.{fmt}")
    content: bytes = renderer.render(pack, report)
    report(1.0, "Done")
    return content


def report_date(frames: Frames, plan: str | None, audience: str) -> date | None:
    """The data date the report will show: its newest fact, for that plan and audience."""
    shown = for_audience(frames, audience)
    if plan:
        shown = apply_filters(shown, Filters(plan=(plan,)))
    return newest_fact(shown)


def report_filename(
    fmt: str, plan: str | None, as_of: date | None, audience: str | None = None
) -> str:
    """A name that says what the file is and for whom, e.g.
    ipap-meeting-pack-ipap2-2019-12-19-public.pptx: two editions never share a name."""
    fmt = _checked(fmt)
    parts = ["ipap-meeting-pack"]
    if plan:
        parts.append(plan)
    if as_of:
        parts.append(as_of.isoformat())
    parts.append(audience or DEFAULT_AUDIENCE[fmt])
    return "-".join(parts) + SUFFIXES[fmt]


def _checked(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ReportError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
    return fmt


def _silent(_share: float, _message: str) -> None:
    return None


__all__ = [
    "AUDIENCES",
    "DEFAULT_AUDIENCE",
    "FORMATS",
    "MEDIA_TYPES",
    "MeetingPack",
    "Progress",
    "ReportError",
    "build_report",
    "default_audience",
    "gather",
    "report_date",
    "report_filename",
]
