"""Writers that tests/edit/test_faults.py kills, starves of disk or locks out, one a process.

They run in processes forked from a server that has imported the store already, so a test can
start dozens of them in a few seconds. Each reports what it saved in a log file, one line per
save, written after the save returned, exactly as a command that printed "saved" would.
"""

from __future__ import annotations

import datetime
import os
import resource
import signal
import time
from pathlib import Path

from tracker.edit import atomic, auth, store
from tracker.edit.store import StatusChange

DAY = datetime.date(2026, 11, 20)
TODAY = datetime.date(2026, 11, 23)
NOBODY = 65534


def report(log: str, line: str) -> None:
    """Append one line and flush it to disk: a report can be trusted once it is there."""
    descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(descriptor, (line + "\n").encode("utf-8"))
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def change(objective_id: str, note: str) -> StatusChange:
    return StatusChange(objective_id, "on-track", DAY, progress=None, note=note)


def save(folder: str, objective_id: str, note: str, by: str = "Fault tester") -> None:
    store.save(folder, change(objective_id, note), auth.command_line_editor(by), today=TODAY)


def keep_saving(folder: str, log: str, objective_ids: list[str], first: int) -> None:
    """Save update after update, round the objectives, until killed."""
    number = first
    while True:
        note = f"fault-note-{number}"
        save(folder, objective_ids[number % len(objective_ids)], note)
        report(log, note)
        number += 1


def save_and_hang(folder: str, log: str, objective_id: str, note: str, where: str) -> None:
    """Save once, stopping for good at `where` ("rename": the new text is written and flushed
    but not yet renamed into place; "after-rename": renamed, the folder not yet flushed)."""

    def hang(*_args: object) -> None:
        report(log, f"reached {where}")
        time.sleep(600)

    if where == "rename":
        replace = os.replace

        def replace_unless_plan_file(source: str, target: str) -> None:
            # The parse cache renames its entries too: stop only at the plan file's rename.
            if str(target).endswith(".yaml"):
                hang()
            replace(source, target)

        os.replace = replace_unless_plan_file  # type: ignore[assignment]
    else:
        atomic.fsync_folder = hang  # type: ignore[assignment]
    save(folder, objective_id, note)
    report(log, f"saved {note}")


def save_with_file_size_limit(folder: str, log: str, objective_id: str, limit: int) -> None:
    """Save with the kernel refusing to let any file grow past `limit` bytes: a write fails
    for real (EFBIG), the way it fails on a full disk, even for root."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, do not kill the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    _save_and_report(folder, log, objective_id)


def save_as_another_user(folder: str, log: str, objective_id: str) -> None:
    """Save as a user without write access to the folder; as root, become `nobody` first,
    since the permission bits do not stop root."""
    if os.geteuid() == 0:
        # What the save imports on first use (the lock's filelock), while root can still read
        # root's own site-packages: `nobody` cannot, and a real user never changes user midway.
        import filelock  # noqa: F401

        os.setgid(NOBODY)
        os.setuid(NOBODY)
    _save_and_report(folder, log, objective_id)


def _save_and_report(folder: str, log: str, objective_id: str) -> None:
    try:
        save(folder, objective_id, "refused")
    except store.StoreError as refusal:
        report(log, f"{type(refusal).__name__}: {refusal.message}")
    else:
        report(log, "saved")


def lines(log: str | Path) -> list[str]:
    path = Path(log)
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []
