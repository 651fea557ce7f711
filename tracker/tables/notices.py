"""What a reader must be told before any figure: objectives that could not be read.

The loader counts every objective it could not read (`Portfolio.unreadable`); every page,
presentation screen and export puts this one sentence at the top, so a figure never hides
a hole in the data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from tracker.i18n import t, tn

# Beyond this many ids the sentence says how many more; the Data problems page lists all.
NAMED_IN_NOTICE = 8


class UnreadableObjective(Protocol):
    plan_id: str | None
    objective_id: str | None
    path: str
    line: int
    reason: str


def unreadable_of(portfolio: object) -> list[UnreadableObjective]:
    """The objectives the loader could not read, in file order."""
    found = list(getattr(portfolio, "unreadable", []) or [])
    return sorted(found, key=lambda item: (item.path, item.line))


def label(item: UnreadableObjective) -> str:
    """How a reader finds it: its id, else its place in the file."""
    return item.objective_id or f"{item.path}:{item.line}"


def unreadable_notice(
    unreadable: Sequence[UnreadableObjective], name: Callable[[str], str]
) -> str | None:
    """ "2 objectives could not be read (IPAP 2: ipap2-a, ipap2-b): the figures below leave
    them out." None when every objective was read."""
    if not unreadable:
        return None
    by_plan: dict[str, list[str]] = {}
    for item in unreadable[:NAMED_IN_NOTICE]:
        plan = name(item.plan_id) if item.plan_id else t("unknown plan")
        by_plan.setdefault(plan, []).append(label(item))
    which = "; ".join(f"{plan}: {', '.join(ids)}" for plan, ids in by_plan.items())
    more = len(unreadable) - NAMED_IN_NOTICE
    if more > 0:
        which += " " + tn("and {count} more", "and {count} more", more)
    return tn(
        "{count} objective could not be read ({which}): the figures below leave it out.",
        "{count} objectives could not be read ({which}): the figures below leave them out.",
        len(unreadable),
        which=which,
    )
