"""Write a finished report so that a reader never sees half a file, whatever goes wrong."""

from __future__ import annotations

import hashlib
import os
import zipfile
from io import BytesIO
from pathlib import Path

from filelock import Timeout

from tracker import settings
from tracker.edit import atomic
from tracker.edit.locking import hard_lock
from tracker.export.pack import ReportError
from tracker.i18n import t

LOCK_TIMEOUT_SECONDS = 30


def check_content(fmt: str, content: bytes) -> None:
    """Refuse to write bytes that are not the format they claim to be (a bug, never data)."""
    if not content:
        raise ReportError(t("the {format} report came out empty; nothing was written", format=fmt))
    if fmt in ("pptx", "xlsx"):
        if not zipfile.is_zipfile(BytesIO(content)):
            raise ReportError(
                t("the {format} report is not a valid Office file; nothing was written", format=fmt)
            )
    elif fmt == "pdf" and not content.startswith(b"%PDF-"):
        raise ReportError(t("the PDF report is not a PDF; nothing was written"))


def output_lock_path(path: Path) -> Path:
    """The one place a report's lock lives: in the cache folder's `output-locks/`, named by a
    hash of the report's resolved path, so every writer of that file (however it names it)
    takes the same lock and nothing but the report is left in the reader's folder."""
    where = os.path.normcase(str(path.resolve()))
    digest = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return settings.output_locks_dir() / f"{digest}.lock"


def write_atomically(path: Path, content: bytes) -> None:
    """Write a report through `tracker.edit.atomic`: the old file or the new, never half.

    A lock (`output_lock_path`) keeps two writers (two app sessions, a script) from
    interleaving their renames with a reader's view of the folder.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(
            t("{folder}: no such folder; create it or choose another -o path", folder=folder)
        )
    lock_file = output_lock_path(path)
    try:
        lock_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReportError(
            t(
                "{folder}: cannot keep the report's lock here ({reason}); "
                "set {variable} to a folder you can write",
                folder=lock_file.parent,
                reason=reason,
                variable=settings.CACHE_DIR_ENV,
            )
        ) from None
    try:
        with hard_lock(lock_file, LOCK_TIMEOUT_SECONDS):
            atomic.write_atomically(path, content)
    except Timeout:
        raise ReportError(
            t("{path}: another program is writing this file; try again in a moment", path=path)
        ) from None
    except NotImplementedError:
        raise ReportError(
            t(
                "{folder}: this file system cannot lock files; "
                "set {variable} to a folder on a local disk",
                folder=lock_file.parent,
                variable=settings.CACHE_DIR_ENV,
            )
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReportError(
            t(
                "{path}: cannot write here ({reason}); choose another -o path",
                path=path,
                reason=reason,
            )
        ) from None
