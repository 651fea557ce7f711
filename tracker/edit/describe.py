"""A change in words: the one-line summary (an import's commit lists them) and a save's commit
message, with the first line naming the objective and the note following, as in a review."""

from __future__ import annotations

from tracker.edit.auth import Editor
from tracker.edit.change import StatusChange, number_as_written


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
