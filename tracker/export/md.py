"""A short Markdown summary of the pack, to paste into an e-mail or a wiki page.

Text from the data is escaped so that a title with Markdown or HTML in it shows as typed,
and only http(s) addresses become links.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from tracker.export import pack as sections
from tracker.export.pack import MeetingPack
from tracker.export.text import day, long_day, number, percent, plain, web_link
from tracker.i18n import t
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.analysis import share_in_words

LIST_LIMIT = 10  # a summary, not the report: the rest is in the deck or the workbook
# Parentheses and "!" only act after a "]", which is escaped, so they stay readable.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def render(pack: MeetingPack, progress: Callable[[float, str], None]) -> bytes:
    progress(0.3, "Writing the summary")
    parts = [
        _title(pack),
        _summary(pack),
        _status_by_plan(pack),
        _ammunition(pack),
        _attention(pack),
        _changes(pack),
        f"_{escape(pack.footer)}_\n",
    ]
    return "\n".join(part for part in parts if part).encode("utf-8")


def escape(text: object) -> str:
    """Plain text that Markdown (and the HTML it may contain) shows exactly as typed."""
    value = _SPECIAL.sub(r"\\\1", plain(text))
    return _ENTITY.sub("&amp;", value)


def link(label: str, url: object) -> str:
    """A Markdown link for an http(s) address; the label alone for anything else."""
    address = web_link(url)
    if address is None:
        return escape(label)
    for character, code in (("<", "%3C"), (">", "%3E"), ("(", "%28"), (")", "%29")):
        address = address.replace(character, code)
    return f"[{escape(label)}]({address})"


def _title(pack: MeetingPack) -> str:
    lines = [f"# {escape(pack.title)}", ""]
    if pack.unreadable_note:
        # First of all: the figures below leave these objectives out.
        lines.extend([f"> **{escape(pack.unreadable_note)}**", ""])
    plans = ", ".join(f"{escape(title)} ({escape(plan_id)})" for plan_id, title in pack.plans)
    lines.append(f"{plans}. {escape(pack.as_of_line)}; prepared ")
    lines[-1] += f"{long_day(pack.prepared)}."
    lines.append("")
    lines.extend(f"> {escape(note)}" for note in pack.notes if note != pack.unreadable_note)
    return "\n".join(lines) + "\n"


def _summary(pack: MeetingPack) -> str:
    k = pack.kpis
    average = (
        "no figure yet"
        if k.average_progress is None
        else f"{k.average_progress:.0f}% (over the {k.progress_known} of {k.objectives} "
        "objectives that report progress)"
    )
    lines = [
        f"## {sections.SUMMARY}",
        "",
        f"- **{k.objectives}** objectives: {k.completed} of {k.objectives} completed "
        f"({share_in_words(k.completed, k.objectives)}), "
        f"{k.on_track} on track, {k.at_risk} at risk, {k.off_track} off track, "
        f"{k.not_assessed} not assessed",
        f"- **{k.overdue}** overdue (assessed, past the due date), "
        f"**{k.past_due_unassessed}** {t('past due, never assessed')}, "
        f"**{k.stale}** with no recent update",
        f"- average progress: {average}",
        f"- {len(pack.changes)} changes recorded since {pack.since.isoformat()}",
    ]
    return "\n".join(lines) + "\n"


def _status_by_plan(pack: MeetingPack) -> str:
    table = pack.status_by_plan
    titles = dict(pack.plans)
    header = ["Plan", *(STATUS_LABELS[s] for s in STATUS_ORDER), "Total"]
    lines = [f"## {sections.STATUS_BY_PLAN}", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for plan_id, row in table.iterrows():
        counts = [str(int(row[s])) for s in STATUS_ORDER]
        label = escape(titles.get(str(plan_id), plan_id))
        lines.append(f"| {label} | " + " | ".join(counts) + f" | {int(row.sum())} |")
    return "\n".join(lines) + "\n"


def _ammunition(pack: MeetingPack) -> str:
    if not pack.ammunition:
        return ""
    lines = [f"## {sections.AMMUNITION}", ""]
    for outlook in pack.ammunition[:LIST_LIMIT]:
        target = f"{number(outlook.target)} {escape(outlook.unit)}"
        if outlook.destroyed is None:
            lines.append(f"- {escape(outlook.title)}: {t('not measured yet')} (target {target})")
            continue
        projected = (
            f", at this rate done by {day(outlook.projected_completion)}"
            if outlook.projected_completion
            else ""
        )
        lines.append(
            f"- {escape(outlook.title)}: {number(outlook.destroyed)} of {target} "
            f"({percent(outlook.percent)}) by {day(outlook.as_of)}{projected}; "
            f"due {day(outlook.due)}"
        )
    return "\n".join(lines) + "\n"


def _attention(pack: MeetingPack) -> str:
    table = pack.attention
    lines = [f"## {sections.ATTENTION}", ""]
    if table.empty:
        return "\n".join([*lines, "None.", ""])
    for row in table.head(LIST_LIMIT).itertuples(index=False):
        lines.append(
            f"- **{escape(row.title)}** ({escape(row.id)}), {escape(row.owner)}: "
            f"{escape(row.reason)}, due {day(row.due)}"
        )
    lines.extend(_more(len(table)))
    return "\n".join(lines) + "\n"


def _changes(pack: MeetingPack) -> str:
    table = pack.changes
    lines = [f"## {pack.changes_title}", ""]
    if table.empty:
        return "\n".join([*lines, f"Nothing recorded since {pack.since.isoformat()}.", ""])
    for change in table.head(LIST_LIMIT).itertuples(index=False):
        detail = plain(change.detail)
        shown = link(detail, change.url) if not pd.isna(change.url) else escape(detail)
        lines.append(f"- {day(change.date)} · {escape(change.title)}: {shown}")
    lines.extend(_more(len(table)))
    return "\n".join(lines) + "\n"


def _more(total: int) -> list[str]:
    if total <= LIST_LIMIT:
        return []
    return [f"- … and {total - LIST_LIMIT} more in the deck, the briefing and the workbook"]
