"""The name of the code that shapes a cache's entries: a digest of its source files, the
libraries it relies on and the language codes, so that entries made by other code are never
read. Light (no pydantic), for the caches a warm command reads without the models."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from tracker.i18n import LANGUAGES

_TRACKER = Path(__file__).resolve().parents[1]


def code_version(files: Iterable[Path], format_version: int, libraries: Iterable[str]) -> str:
    """`v{format_version}-` and a digest of `files` (tracker modules), the installed versions
    of `libraries` and the language codes, as a folder name."""
    digest = hashlib.sha256()
    for path in files:
        name = path.relative_to(_TRACKER).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    # The translation keys are the language codes, defined outside the code above.
    digest.update(repr(LANGUAGES).encode())
    for library in libraries:
        try:
            digest.update(f"{library}=={metadata.version(library)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} absent".encode())
    return f"v{format_version}-{digest.hexdigest()[:16]}"
