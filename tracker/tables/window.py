"""How current the data is and which window "changes since" covers: one answer for every view.

The data date is per plan (the newest dated fact of that plan), because one update today must
not make a plan untouched since 2019 read as current. The changes window is one date, the
last review's, that the overview, the Changes page, the presentation and every export use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

import pandas as pd

from tracker.i18n import format_day, t
from tracker.tables.frames import Frames

# With no review date given, the window is the quarter before the newest entry: the usual
# gap between two review meetings, and never empty just because the data is old.
DEFAULT_SINCE_DAYS = 90


def newest_fact(frames: Frames) -> date | None:
    """The newest dated fact (update, evidence, measurement) in these frames."""
    newest = [
        table["date"].max()
        for table in (frames.updates, frames.evidence, frames.measurements)
        if not table.empty
    ]
    newest = [value for value in newest if not pd.isna(value)]
    return max(newest).date() if newest else None


def first_day(frames: Frames, plan_starts: Iterable[date]) -> date:
    """The earliest day a "changes since" window can start: the first plan's start, or an
    older dated fact (evidence may predate its plan), never later than today."""
    days = [day for day in plan_starts if day is not None]
    for table in (frames.updates, frames.evidence, frames.measurements):
        if not table.empty and not pd.isna(table["date"].min()):
            days.append(table["date"].min().date())
    return min([*days, frames.today])


def default_since(frames: Frames) -> date:
    """The window's start when no review date is set: 90 days before the newest entry."""
    return (newest_fact(frames) or frames.today) - timedelta(days=DEFAULT_SINCE_DAYS)


def since_label(since: date) -> str:
    """The window as every heading names it: its actual first day, never "last 30 days"."""
    return t("since {date}", date=format_day(since))


def plan_data_dates(frames: Frames) -> dict[str, date | None]:
    """Each plan in view with its own newest dated fact (None: nothing dated yet).

    Per plan, so an update to one plan today never makes another, untouched since 2019,
    read as current."""
    # unique(), not set(): a set walked 10,000 plan ids one Python string at a time.
    plans = sorted(frames.objectives["plan"].astype(str).unique())
    found: dict[str, date | None] = dict.fromkeys(plans)
    for table in (frames.updates, frames.evidence, frames.measurements):
        if table.empty:
            continue
        newest = table.groupby(table["plan"].astype(str))["date"].max()
        for plan, value in newest.items():
            if plan in found and not pd.isna(value):
                day = value.date()
                found[plan] = max(found[plan] or day, day)
    return found


# Up to this many plans each gets its own data date in the line under every title.
MAX_DATED_PLANS = 4


def as_of_text(frames: Frames, name: Callable[[str], str]) -> str:
    """ "Data as of 2019-12-19 · today 2026-12-01", or per plan where the plans differ."""
    return t(
        "Data as of {dates} · today {today}",
        dates=data_dates_text(frames, name),
        today=format_day(frames.today),
    )


def data_dates_text(frames: Frames, name: Callable[[str], str]) -> str:
    """The data dates alone ("2019-12-19", or per plan where the plans differ): the value of
    a row already labelled "Data as of" (the workbook's About sheet), which as_of_text's
    whole line would label twice."""
    dates = plan_data_dates(frames)
    distinct = set(dates.values())
    known = sorted(when for when in distinct if when)
    if len(distinct) <= 1:
        only = next(iter(distinct), None)
        shown = format_day(only) if only else t("nothing dated yet")
    elif len(dates) > MAX_DATED_PLANS and known:
        # A date per plan for 25 plans is a paragraph: the newest and the oldest say enough.
        shown = t(
            "{newest} (the newest of {count} plans; the oldest {oldest})",
            newest=format_day(known[-1]),
            count=len(dates),
            oldest=format_day(known[0]),
        )
    else:
        shown = ", ".join(
            t(
                "{plan} {date}",
                plan=name(plan),
                date=format_day(when) if when else t("nothing dated yet"),
            )
            for plan, when in dates.items()
        )
    return shown
