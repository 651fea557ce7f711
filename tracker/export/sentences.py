"""The one-line readings under each heading, shared so the deck and the briefing say the same.

Each sentence is what a presenter would say out loud about a chart or a table, in the
reader's language (`tracker.i18n`).
"""

from __future__ import annotations

import pandas as pd

from tracker.charts import plan_name
from tracker.export.pack import MeetingPack
from tracker.export.text import day, one_line, percent, web_link
from tracker.i18n import format_count, t, tn
from tracker.model import RECOMMENDED_EVIDENCE_KINDS
from tracker.statuses import STATUS_ORDER
from tracker.tables.analysis import AmmunitionOutlook
from tracker.tables.wording import change_name, of_quantity, quantity, status_count, unit_name

# A title page names each plan in full up to this many; past it, the short names alone.
MAX_PLANS_NAMED = 4


def change_kind(kind: object) -> str:
    """The kind of a change (the table's machine word) as a reader names it."""
    text = one_line(kind)
    return change_name(text)


def evidence_kind(kind: object) -> str:
    """A recommended evidence kind in the reader's words; any other kind as written."""
    text = one_line(kind)
    return t(text) if text in RECOMMENDED_EVIDENCE_KINDS else text


def access(value: object) -> str:
    text = one_line(value)
    return {"public": t("public"), "internal": t("internal")}.get(text, text)


def yes_no(value: bool | None) -> str:
    """Yes, no, or a dash for unknown: an unknown is never shown as a no."""
    return {True: t("yes"), False: t("no"), None: "–"}[value]


def change_count(kind: str, count: int) -> str:
    """'3 status changes': how many changes of one kind, in the reader's words."""
    if kind == "status":
        return tn("{count} status change", "{count} status changes", count)
    if kind == "update":
        return tn("{count} update", "{count} updates", count)
    if kind == "measurement":
        return tn("{count} measurement", "{count} measurements", count)
    if kind == "evidence":
        return tn("{count} piece of evidence", "{count} pieces of evidence", count)
    return f"{format_count(count)} {one_line(kind)}"


def plans_named(pack: MeetingPack, in_full: bool = False) -> str:
    """The plans in scope for a title page: each short name as the app says it ("IPAP 2")
    with its title, or past a few plans the short names alone, so a title page of 25 plans
    stays a title page (`in_full`: every title, for the workbook that lists everything)."""
    if len(pack.plans) > MAX_PLANS_NAMED and not in_full:
        return ", ".join(plan_name(plan_id) for plan_id, _title in pack.plans)
    named = []
    for plan_id, title in pack.plans:
        short = plan_name(plan_id)
        named.append(short if title == short else t("{short}: {title}", short=short, title=title))
    return "; ".join(named)


def plans_phrase(pack: MeetingPack) -> str:
    if len(pack.plans) == 1:
        return pack.plans[0][1]
    return tn("{count} plan", "{count} plans", len(pack.plans))


def summary(pack: MeetingPack) -> str:
    return tn(
        "{count} objective in {plans}; {as_of}.",
        "{count} objectives in {plans}; {as_of}.",
        pack.kpis.objectives,
        plans=plans_phrase(pack),
        as_of=pack.as_of_line,
    )


def status(table: pd.DataFrame) -> str:
    """How many objectives a status chart shows, and how they split."""
    totals = table.sum()
    shown = [status_count(int(totals[s]), s) for s in STATUS_ORDER if totals[s]]
    return tn(
        "{count} objective: {split}.",
        "{count} objectives: {split}.",
        int(totals.sum()),
        split=", ".join(shown),
    )


def progress(table: pd.DataFrame) -> str:
    known = int(table["known"].sum())
    total = int(table["objectives"].sum())
    return t(
        "Average progress of the objectives with a known figure ({known} of {total}); "
        "areas with no figure have no bar.",
        known=known,
        total=total,
    )


def areas_left_out(groups: int, objectives: int) -> str:
    """Under a chart that draws only the largest areas: what it leaves out ("" when none)."""
    if not groups:
        return ""
    return tn(
        "{count} smaller area is not drawn here ({objectives} objectives): the meeting "
        "pack's workbook lists every area.",
        "{count} smaller areas are not drawn here ({objectives} objectives in all): the "
        "meeting pack's workbook lists every area.",
        groups,
        objectives=format_count(objectives),
    )


def ammunition(outlooks: list[AmmunitionOutlook]) -> str:
    """How much is destroyed, and will it be done in time."""
    if not outlooks:
        return t("No ammunition-destruction objective with a target in this selection.")
    if len(outlooks) == 1:
        only = outlooks[0]
        if only.destroyed is None:
            return t(
                "No destruction recorded yet against the target of {amount}.",
                amount=of_amount(only),
            )
        when = (
            t("the target is reached")
            if only.reached
            else t("at this rate done by {when}", when=day(only.projected_completion))
            if only.projected_completion
            else t("no completion date can be projected yet")
        )
        return t(
            "{percent} of {amount} destroyed by {as_of}; {when} (due {due}).",
            percent=percent(only.percent),
            amount=of_amount(only),
            as_of=day(only.as_of),
            when=when,
            due=day(only.due),
        )
    measured = [o for o in outlooks if o.destroyed is not None]
    late = [o for o in outlooks if o.on_course is False]
    parts = [tn("{count} destruction target", "{count} destruction targets", len(outlooks))]
    parts.append(
        tn("{count} with measurements", "{count} with measurements", len(measured))
        if measured
        else t("no destruction recorded yet")
    )
    if late:
        parts.append(
            tn(
                "{count} not on course to meet the due date",
                "{count} not on course to meet the due date",
                len(late),
            )
        )
    return "; ".join(parts) + "."


def amount(outlook: AmmunitionOutlook) -> str:
    """The target with its unit in the form the figure asks for ("2 тоне", "5 тона")."""
    return quantity(outlook.target, one_line(outlook.unit))


def of_amount(outlook: AmmunitionOutlook) -> str:
    """The target as it reads after "of" ("5 of 21 tonnes"): Serbian „од 21 тоне", the
    genitive (tracker.tables.wording.of_quantity)."""
    return of_quantity(outlook.target, one_line(outlook.unit))


def unit(name: object) -> str:
    """A unit of measurement in the reader's words where it is a known one; else as written."""
    return unit_name(one_line(name))


def campaign(table: pd.DataFrame) -> str:
    if table.empty:
        return t("No evidence of information-campaign activities in this selection.")
    return tn(
        "{count} recorded activity of the information campaign, by quarter and kind.",
        "{count} recorded activities of the information campaign, by quarter and kind.",
        int(table.to_numpy().sum()),
    )


def changes(pack: MeetingPack) -> str:
    table = pack.changes
    if table.empty:
        return t(
            "Nothing was recorded between {since} and the data date ({as_of}).",
            since=day(pack.since),
            as_of=day(pack.data_date) or t("none"),
        )
    counts = table["change"].value_counts()
    listed = [change_count(str(kind), int(n)) for kind, n in counts.items()]
    return tn(
        "{count} record ({kinds}), newest first.",
        "{count} records ({kinds}), newest first.",
        len(table),
        kinds=", ".join(listed),
    )


def attention(pack: MeetingPack) -> str:
    """What the attention list holds, and what it leaves out: an objective past its due date
    that nobody ever assessed is no verdict on the work and is not listed, but a meeting told
    only "no objective is overdue" when 37 of 38 are past due with no assessment is misled."""
    table = pack.attention
    unassessed = pack.kpis.past_due_unassessed
    if table.empty and unassessed:
        return tn(
            "No assessed objective is overdue, at risk or off track; {count} objective is "
            "past its due date with no assessment.",
            "No assessed objective is overdue, at risk or off track; {count} objectives are "
            "past their due date with no assessment.",
            unassessed,
        )
    if table.empty:
        return t("No objective is overdue, at risk or off track.")
    reading = tn(
        "{count} objective needs attention ({overdue} overdue); earliest due first.",
        "{count} objectives need attention ({overdue} overdue); earliest due first.",
        len(table),
        overdue=int(table["overdue"].sum()),
    )
    if not unassessed:
        return reading
    return t(
        "{reading} Not listed: objectives past their due date with no assessment ({count}).",
        reading=reading,
        count=format_count(unassessed),
    )


def evidence(pack: MeetingPack) -> str:
    table = pack.evidence
    if table.empty:
        return t("No evidence is recorded for these objectives.")
    linked = int(table["url"].map(web_link).notna().sum())
    return tn(
        "{count} item, {linked} with a link; newest first. {note}",
        "{count} items, {linked} with a link; newest first. {note}",
        len(table),
        linked=linked,
        note=pack.audience_note,
    )
