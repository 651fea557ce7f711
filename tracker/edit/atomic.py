"""Replace a file so that a reader sees the old content or the new, never half of either.

The one way this project writes a file it keeps (plan files, reports, benchmark figures):
a temporary file in the same folder (a rename across file systems is a copy), flushed to disk,
renamed over the original, then the folder flushed so the rename itself survives a crash.
Locking is the caller's: what to lock, and for how long, differs between a plan file and a
report.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomically(path: Path, content: bytes) -> None:
    """Replace `path` with `content`, keeping the original's permissions (0o644 for a new file).

    The temporary file is named `.{name}.XXXXXXXX.tmp` (the store removes such leftovers of a
    killed writer) and is removed if anything fails before the rename.
    """
    folder = path.parent if str(path.parent) else Path(".")
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    fsync_folder(folder)


def fsync_folder(folder: Path) -> None:
    """Flush the folder entry so the rename itself is on disk (POSIX; a no-op elsewhere)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some file systems cannot flush a folder; the rename is still done
        pass
    finally:
        os.close(descriptor)
