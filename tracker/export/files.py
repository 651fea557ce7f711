"""Write a finished report so that a reader never sees half a file, whatever goes wrong."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

from filelock import FileLock, Timeout

from tracker.edit import atomic
from tracker.export.pack import ReportError

LOCK_TIMEOUT_SECONDS = 30


def check_content(fmt: str, content: bytes) -> None:
    """Refuse to write bytes that are not the format they claim to be (a bug, never data)."""
    if not content:
        raise ReportError(f"the {fmt} report came out empty; nothing was written")
    if fmt in ("pptx", "xlsx"):
        if not zipfile.is_zipfile(BytesIO(content)):
            raise ReportError(f"the {fmt} report is not a valid Office file; nothing was written")
    elif fmt == "pdf" and not content.startswith(b"%PDF-"):
        raise ReportError("the PDF report is not a PDF; nothing was written")


def write_atomically(path: Path, content: bytes) -> None:
    """Write a report through `tracker.edit.atomic`: the old file or the new, never half.

    A lock beside the file keeps two writers (two app sessions, a script) from interleaving
    their renames with a reader's view of the folder.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReportError(f"{folder}: no such folder; create it or choose another -o path")
    lock = FileLock(str(folder / f".{path.name}.lock"))
    try:
        with lock.acquire(timeout=LOCK_TIMEOUT_SECONDS):
            atomic.write_atomically(path, content)
    except Timeout:
        raise ReportError(
            f"{path}: another program is writing this file; try again in a moment"
        ) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise ReportError(f"{path}: cannot write here ({reason}); choose another -o path") from None
