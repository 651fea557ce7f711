"""The one lock every writer of a plan file holds, and the leftovers of writers that died.

A save, an import and a sync moving files all take `file_lock(path)` from reading the file to
renaming the new one over it, so two writers never interleave. While it is held, a temporary
file of that plan file can only be a killed writer's, which is what makes removing it safe.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.edit.refusals import WriteFailed, cannot_write
from tracker.i18n.sentence import said, said_n

if TYPE_CHECKING:
    from filelock import FileLock


@cache
def _hard_lock_only() -> dict[str, Any]:
    """A crashed writer's lock must go with its process: never a lock file that merely exists
    (SoftFileLock), which filelock 4 would otherwise fall back to where flock is missing.
    (filelock is imported on the first lock, not before: a dry run never takes one.)"""
    from filelock import FileLock

    wanted = "fallback_to_soft" in inspect.signature(FileLock.__init__).parameters
    return {"fallback_to_soft": False} if wanted else {}


# A save holds the lock for well under a second; waiting longer means something is stuck.
LOCK_TIMEOUT_SECONDS = 30.0


def lock_path(path: Path) -> Path:
    """The lock beside the file (hidden, and `*.lock` is ignored by git)."""
    return path.with_name(f".{path.name}.lock")


def file_lock(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> FileLock:
    """The cross-process lock every writer of `path` holds (a save, a sync moving files)."""
    return hard_lock(lock_path(path), timeout)


def hard_lock(lock_file: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> FileLock:
    """A lock held at `lock_file` that goes with its process (never a soft lock file)."""
    from filelock import FileLock

    return FileLock(lock_file, timeout=timeout, **_hard_lock_only())


@contextmanager
def holding_lock(target: Path, shown: str) -> Iterator[None]:
    """Hold `target`'s lock for the block, or refuse with WriteFailed saying why it cannot be."""
    from filelock import Timeout

    lock = file_lock(target)
    try:
        lock.acquire()
    except NotImplementedError:
        raise WriteFailed(
            said(
                "{file}: the file system of {folder} cannot lock files, so two saves at once "
                "could lose one; nothing was written. Keep the data on a local disk.",
                file=shown,
                folder=str(target.parent),
            )
        ) from None
    except Timeout:
        raise WriteFailed(
            said_n(
                "{file}: another save has held this file for over {count} second; nothing "
                "was written. Try again in a moment.",
                "{file}: another save has held this file for over {count} seconds; nothing "
                "was written. Try again in a moment.",
                round(LOCK_TIMEOUT_SECONDS),
                file=shown,
            )
        ) from None
    except OSError as error:
        raise cannot_write(shown, target.parent, error) from None
    try:
        yield
    finally:
        lock.release()


def remove_leftover_temporaries(path: Path) -> list[str]:
    """Remove the temporary files that writers of `path` killed before their rename left.

    Call only while holding `path`'s lock. Safe then because every writer of a plan file
    holds that lock from creating its temporary file to renaming or removing it, so a
    temporary file of `path` that exists while the lock is held belongs to a writer that
    died. Only names `write_atomically` makes for this very file are touched (mkstemp's
    `.{name}.` + random letters, digits or `_` + `.tmp`, so another file's such as
    `.{name}.b.yaml.x1.tmp` never match), and only regular files: a symlink or a folder of
    that name stays and is not followed. Removing is a courtesy, never part of the save:
    a leftover that cannot be removed stays until a later save, and no error comes out.
    Returns the names removed.
    """
    leftover = re.compile(re.escape(f".{path.name}.") + r"[a-z0-9_]+\.tmp")
    removed: list[str] = []
    try:
        with os.scandir(path.parent) as scan:
            entries = list(scan)
    except OSError:
        return removed
    for entry in entries:
        if not leftover.fullmatch(entry.name):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(entry.name)
    return removed
