"""A short Markdown summary of the pack, to paste into an e-mail or a wiki page.

Text from the data is escaped so that a title with Markdown or HTML in it shows as typed,
and only http(s) addresses become links.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from tracker.charts import plan_name, status_label
from tracker.export import pack as sections
from tracker.export import sentences
from tracker.export.pack import MeetingPack, heading
from tracker.export.text import day, long_day, measured, one_line, percent, web_link
from tracker.i18n import format_count, t, tn
from tracker.statuses import STATUS_ORDER
from tracker.tables.analysis import share_in_words
from tracker.tables.wording import status_count

LIST_LIMIT = 10  # a summary, not the report: the rest is in the deck or the workbook
# Parentheses and "!" only act after a "]", which is escaped, so they stay readable.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# A command the app's own sentence names in backticks ("run `python -m tracker validate`"),
# once escaped: it becomes a code span again, as the sentence was written.
_OWN_CODE = re.compile(r"\\`([^`]+?)\\`")


def render(pack: MeetingPack, progress: Callable[[float, str], None]) -> bytes:
    progress(0.3, t("Writing the summary"))
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
    value = _SPECIAL.sub(r"\\\1", one_line(text))
    return _ENTITY.sub("&amp;", value)


def own_sentence(text: str) -> str:
    """One of the app's own sentences (never data) as Markdown: escaped like any text, but a
    command it quotes in backticks stays a code span, so it renders as written."""
    return _OWN_CODE.sub(lambda found: f"`{found.group(1).replace(chr(92), '')}`", escape(text))


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
    plans = escape(sentences.plans_named(pack))
    lines.append(
        t(
            "{plans}. {as_of}; prepared {when}.",
            plans=plans,
            as_of=escape(pack.as_of_line),
            when=long_day(pack.prepared),
        )
    )
    lines.append("")
    # The notes are the app's own sentences about the data (the edition, the problems found).
    lines.extend(f"> {own_sentence(note)}" for note in pack.notes if note != pack.unreadable_note)
    return "\n".join(lines) + "\n"


def _summary(pack: MeetingPack) -> str:
    k = pack.kpis
    average = (
        t("no figure yet")
        if k.average_progress is None
        else t(
            "{percent} (over the {known} of {total} objectives that report progress)",
            percent=percent(k.average_progress),
            known=k.progress_known,
            total=k.objectives,
        )
    )
    split = ", ".join(
        [
            t(
                "{count} of {total} completed ({share})",
                count=k.completed,
                total=k.objectives,
                share=share_in_words(k.completed, k.objectives),
            ),
            status_count(k.on_track, "on-track"),
            status_count(k.at_risk, "at-risk"),
            status_count(k.off_track, "off-track"),
            status_count(k.not_assessed, "not-assessed"),
        ]
    )
    lines = [
        f"## {heading(sections.SUMMARY)}",
        "",
        "- "
        + tn(
            "**{count}** objective: {split}",
            "**{count}** objectives: {split}",
            k.objectives,
            split=split,
        ),
        "- "
        + t(
            "**{overdue}** overdue (assessed, past the due date), **{never}** past due, never "
            "assessed, **{stale}** with no recent update",
            overdue=k.overdue,
            never=k.past_due_unassessed,
            stale=k.stale,
        ),
        "- " + t("average progress: {average}", average=average),
        "- "
        + tn(
            "{count} evidence item, {linked} with a link",
            "{count} evidence items, {linked} with a link",
            len(pack.evidence),
            linked=int(pack.evidence["url"].map(web_link).notna().sum())
            if len(pack.evidence)
            else 0,
        ),
        "- "
        + tn(
            "{count} change recorded since {since}",
            "{count} changes recorded since {since}",
            len(pack.changes),
            since=day(pack.since),
        ),
    ]
    if not pack.campaign.empty:
        lines.append(
            "- "
            + tn(
                "{count} recorded activity of the information campaign",
                "{count} recorded activities of the information campaign",
                int(pack.campaign.to_numpy().sum()),
            )
        )
    return "\n".join(lines) + "\n"


def _status_by_plan(pack: MeetingPack) -> str:
    """Plans by their short names, as the app, the deck and the briefing name them."""
    table = pack.status_by_plan
    header = [t("Plan"), *(status_label(s) for s in STATUS_ORDER), t("Total")]
    lines = [f"## {heading(sections.STATUS_BY_PLAN)}", ""]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|")
    for plan_id, row in table.iterrows():
        counts = [format_count(row[s]) for s in STATUS_ORDER]
        label = escape(plan_name(str(plan_id)))
        lines.append(f"| {label} | " + " | ".join(counts) + f" | {format_count(row.sum())} |")
    lines += ["", escape(sentences.plans_named(pack, in_full=True)) + "."]  # the names' key
    return "\n".join(lines) + "\n"


def _ammunition(pack: MeetingPack) -> str:
    if not pack.ammunition:
        return ""
    lines = [f"## {heading(sections.AMMUNITION)}", ""]
    for outlook in pack.ammunition[:LIST_LIMIT]:
        title = escape(outlook.title)
        if outlook.destroyed is None:
            lines.append(
                "- "
                + t(
                    "{objective}: not measured yet (target {target})",
                    objective=title,
                    target=escape(sentences.amount(outlook)),
                )
            )
            continue
        projected = (
            t(", the target is reached")
            if outlook.reached
            else t(", at this rate done by {when}", when=day(outlook.projected_completion))
            if outlook.projected_completion
            else ""
        )
        lines.append(
            "- "
            + t(
                "{objective}: {destroyed} of {target} ({percent}) by {as_of}{projected}; due {due}",
                objective=title,
                destroyed=measured(outlook.destroyed),
                target=escape(sentences.of_amount(outlook)),
                percent=percent(outlook.percent),
                as_of=day(outlook.as_of),
                projected=projected,
                due=day(outlook.due),
            )
        )
    return "\n".join(lines) + "\n"


def _attention(pack: MeetingPack) -> str:
    table = pack.attention
    lines = [f"## {heading(sections.ATTENTION)}", ""]
    if table.empty:
        return "\n".join([*lines, t("None."), ""])
    for row in table.head(LIST_LIMIT).itertuples(index=False):
        lines.append(
            f"- **{escape(row.title)}** ({escape(row.id)}), {escape(row.owner)}: "
            + t("{reason}, due {due}", reason=escape(row.reason), due=day(row.due))
        )
    lines.extend(_more(len(table)))
    return "\n".join(lines) + "\n"


def _changes(pack: MeetingPack) -> str:
    table = pack.changes
    lines = [f"## {pack.changes_title}", ""]
    if table.empty:
        return "\n".join([*lines, t("Nothing recorded since {since}.", since=day(pack.since)), ""])
    for change in table.head(LIST_LIMIT).itertuples(index=False):
        detail = one_line(change.detail)
        shown = link(detail, change.url) if not pd.isna(change.url) else escape(detail)
        lines.append(f"- {day(change.date)} · {escape(change.title)}: {shown}")
    lines.extend(_more(len(table)))
    return "\n".join(lines) + "\n"


def _more(total: int) -> list[str]:
    if total <= LIST_LIMIT:
        return []
    return [
        "- "
        + t(
            "… and {count} more in the deck, the briefing and the workbook",
            count=total - LIST_LIMIT,
        )
    ]
