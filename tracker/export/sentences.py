"""The one-line readings under each heading, shared so the deck and the briefing say the same.

Each sentence is what a presenter would say out loud about a chart or a table.
"""

from __future__ import annotations

import pandas as pd

from tracker.export.pack import MeetingPack
from tracker.export.text import day, number, percent, plain, web_link
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.analysis import AmmunitionOutlook

_CHANGE_WORDS = {
    "status": ("status change", "status changes"),
    "update": ("update", "updates"),
    "measurement": ("measurement", "measurements"),
    "evidence": ("piece of evidence", "pieces of evidence"),
}


def plans_phrase(pack: MeetingPack) -> str:
    if len(pack.plans) == 1:
        return pack.plans[0][1]
    return f"{len(pack.plans)} plans"


def summary(pack: MeetingPack) -> str:
    objectives = pack.kpis.objectives
    return f"{objectives} objectives in {plans_phrase(pack)}; {pack.as_of_line}."


def status(table: pd.DataFrame) -> str:
    """How many objectives a status chart shows, and how they split."""
    totals = table.sum()
    shown = [f"{int(totals[s])} {STATUS_LABELS[s].lower()}" for s in STATUS_ORDER if totals[s]]
    return f"{int(totals.sum())} objectives: " + ", ".join(shown) + "."


def progress(table: pd.DataFrame) -> str:
    known = int(table["known"].sum())
    total = int(table["objectives"].sum())
    return (
        f"Average progress of the objectives with a known figure ({known} of {total}); "
        "areas with no figure have no bar."
    )


def ammunition(outlooks: list[AmmunitionOutlook]) -> str:
    """How much is destroyed, and will it be done in time."""
    if not outlooks:
        return "No ammunition-destruction objective with a target in this selection."
    if len(outlooks) == 1:
        only = outlooks[0]
        if only.destroyed is None:
            return f"No destruction recorded yet against the target of {amount(only)}."
        when = (
            f"at this rate done by {day(only.projected_completion)}"
            if only.projected_completion
            else "no completion date can be projected yet"
        )
        return (
            f"{percent(only.percent)} of {amount(only)} destroyed by {day(only.as_of)}; "
            f"{when} (due {day(only.due)})."
        )
    measured = [o for o in outlooks if o.destroyed is not None]
    late = [o for o in outlooks if o.on_course is False]
    parts = [f"{len(outlooks)} destruction targets"]
    parts.append(
        f"{len(measured)} with measurements" if measured else "no destruction recorded yet"
    )
    if late:
        parts.append(f"{len(late)} not on course to meet the due date")
    return "; ".join(parts) + "."


def amount(outlook: AmmunitionOutlook) -> str:
    return f"{number(outlook.target)} {plain(outlook.unit)}"


def campaign(table: pd.DataFrame) -> str:
    if table.empty:
        return "No evidence of information-campaign activities in this selection."
    total = int(table.to_numpy().sum())
    return f"{total} recorded activities of the information campaign, by quarter and kind."


def changes(pack: MeetingPack) -> str:
    table = pack.changes
    if table.empty:
        return (
            f"Nothing was recorded between {pack.since.isoformat()} and the data date "
            f"({day(pack.data_date) or 'none'})."
        )
    counts = table["change"].value_counts()
    listed = [
        f"{n} {_CHANGE_WORDS[kind][0] if n == 1 else _CHANGE_WORDS[kind][1]}"
        for kind, n in counts.items()
        if kind in _CHANGE_WORDS
    ]
    return f"{len(table)} records ({', '.join(listed)}), newest first."


def attention(table: pd.DataFrame) -> str:
    if table.empty:
        return "No objective is overdue, at risk or off track."
    overdue = int(table["reason"].str.contains("overdue").sum())
    return f"{len(table)} objectives need attention ({overdue} overdue); earliest due first."


def evidence(pack: MeetingPack) -> str:
    table = pack.evidence
    if table.empty:
        return "No evidence is recorded for these objectives."
    linked = int(table["url"].map(web_link).notna().sum())
    return f"{len(table)} items, {linked} with a link; newest first. {pack.audience_note}"
