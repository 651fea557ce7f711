"""Entries of the throwaway cache folder: sealed with a checksum, written atomically under the
folder's lock, read back only when intact. Every failure to read or write is a miss, never an
error: the caller computes what it wanted instead.

Shared by the parse cache (tracker.load.cache) and the portfolio's verdicts
(tracker.load.verdict), so both keep one format of entry and one way of writing it; light on
purpose (no pydantic), since a warm `validate` reads a verdict without importing the models.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

CHECKSUM_BYTES = 32
LOCK_TIMEOUT_SECONDS = 5.0


def seal(magic: bytes, body: bytes) -> bytes:
    """An entry's bytes: a magic line, a BLAKE2 checksum of the body, then the body."""
    return magic + hashlib.blake2b(body, digest_size=CHECKSUM_BYTES).digest() + body


def unseal(magic: bytes, data: bytes) -> memoryview | None:
    """The body of an entry `seal` made, or None when it is foreign or damaged."""
    head = len(magic) + CHECKSUM_BYTES
    if len(data) <= head or not data.startswith(magic):
        return None
    body = memoryview(data)[head:]
    if hashlib.blake2b(body, digest_size=CHECKSUM_BYTES).digest() != data[len(magic) : head]:
        return None
    return body


def read_entry(path: Path) -> bytes | None:
    """The bytes of the entry at `path`, marked as recently used; None when there is none."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used entries are the last to be pruned
    return data


def write_entry(path: Path, data: bytes, *, keep: int, family: str) -> bool:
    """Store `data` at `path` atomically under its folder's lock; False if it could not be.

    Then keep the `keep` newest entries of the folder, and empty and remove the folders
    beside it whose names match `family` (entries of other code versions).
    """
    from filelock import FileLock, Timeout  # only a miss writes: a warm run never imports it

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with FileLock(str(folder / ".lock"), timeout=LOCK_TIMEOUT_SECONDS):
            handle, temporary = tempfile.mkstemp(
                dir=folder, prefix=f".{path.stem[:16]}-", suffix=".tmp"
            )
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
            _prune(folder, path.suffix, keep, family)
    except (OSError, Timeout):
        return False
    return True


def _prune(folder: Path, suffix: str, keep: int, family: str) -> None:
    entries = sorted(folder.glob(f"*{suffix}"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in entries[keep:]:
        with contextlib.suppress(OSError):
            stale.unlink()
    for other in folder.parent.glob(family):
        if other != folder and other.is_dir():
            for path in other.iterdir():
                with contextlib.suppress(OSError):
                    path.unlink()
            with contextlib.suppress(OSError):
                other.rmdir()
