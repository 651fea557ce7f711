"""A change in words: the one-line summary (an import's commit lists them), a save's commit
message, and the note on lines a save rewrites though the change is not about them."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.edit.auth import Editor
from tracker.edit.change import StatusChange, number_as_written
from tracker.edit.rewrites import Rewrite
from tracker.i18n import format_number, format_percent, t
from tracker.i18n.sentence import said, said_n
from tracker.statuses import STATUS_LABELS


def commit_message(change: StatusChange, old_status: str, editor: Editor) -> str:
    """First line names the objective and the change; the note follows, as in a review."""
    summary = describe_change(change, old_status)
    body = [f"{change.objective_id}: {summary}", ""]
    if change.note:
        body += [change.note, ""]
    body.append(f"Saved with IPAP Tracker by {editor.name} ({editor.signed_in_with}).")
    return "\n".join(body)


def describe_change(change: StatusChange, old_status: str) -> str:
    parts = [
        f"status {change.status}"
        if old_status == change.status
        else f"status {old_status or 'none'} -> {change.status}"
    ]
    if change.progress is not None:
        parts.append(f"progress {number_as_written(change.progress)}%")
    if change.evidence is not None:
        parts.append(f"evidence '{change.evidence.title}'")
    if change.measurement is not None:
        parts.append(f"measurement {number_as_written(change.measurement)}")
    return ", ".join(parts)


def change_in_words(change: StatusChange, old_status: str) -> str:
    """describe_change as the person who made the change reads it (`update`'s "saved" line):
    statuses by their labels, figures with the separators of the reader's language
    ("статус „Према плану” → „У ризику”, напредак 40 %"). The commit message keeps
    describe_change's keys: git history is read by tools and by every reader alike."""
    now = t(STATUS_LABELS[change.status])
    if old_status == change.status:
        parts = [t("status '{status}'", status=now)]
    else:
        before = t(STATUS_LABELS[old_status]) if old_status in STATUS_LABELS else old_status
        parts = [t("status '{before}' -> '{after}'", before=before or t("none"), after=now)]
    if change.progress is not None:
        progress = number_as_written(change.progress)
        decimals = 0 if isinstance(progress, int) else 1
        parts.append(t("progress {percent}", percent=format_percent(progress / 100, decimals)))
    if change.evidence is not None:
        parts.append(t("evidence '{title}'", title=change.evidence.title))
    if change.measurement is not None:
        measured = number_as_written(change.measurement)
        decimals = 0 if isinstance(measured, int) else len(repr(measured).partition(".")[2])
        parts.append(t("measurement {value}", value=format_number(measured, decimals)))
    return ", ".join(parts)


def rewritten_note(rewritten: Sequence[Rewrite]) -> str | None:
    """Tell the person saving which untouched lines the save writes another way, and how.

    The diff shows them too, but among the lines of the change they read as part of it.
    """
    if not rewritten:
        return None
    numbers = [str(r.line) for r in rewritten]
    where = (
        said("line {line}", line=numbers[0])
        if len(numbers) == 1
        else said("lines {lines} and {last}", lines=", ".join(numbers[:-1]), last=numbers[-1])
    )
    escapes = any(
        "\\" in r.before and r.after.count("\\") < r.before.count("\\") for r in rewritten
    )
    how = (
        said("only escapes such as \\u0161 are written out as the characters themselves")
        if escapes
        else said("only how they are written changes")
    )
    return said_n(
        "this save also rewrites {count} line you did not change ({where}): the values stay "
        "the same, {how}",
        "this save also rewrites {count} lines you did not change ({where}): the values stay "
        "the same, {how}",
        len(numbers),
        where=where,
        how=how,
    )
