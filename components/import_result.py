"""What an import on the Import updates page did, kept as data and said when it is shown.

The result is kept as counts, file names and the catalogue's sentences with their values, never
as text: the page says it in the reader's language each time it is drawn, so a reader who
switches language after an import reads the result in the new one. (Kept in a module, not in
the page's script, which Streamlit runs afresh each time, making its classes new each run.)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from components.text import escape_markdown
from tracker.i18n import t, tn
from tracker.sheets.updates import ImportRefused


@dataclass(frozen=True)
class ImportDone:
    """A saved import: how many updates went into which files, and a git commit that failed."""

    count: int
    files: tuple[str, ...]
    not_committed: str | None = None  # git's own words, as git wrote them

    def text(self) -> str:
        message = tn(
            "Imported {count} update into {files}.",
            "Imported {count} updates into {files}.",
            self.count,
            files=escape_markdown(", ".join(self.files)),
        )
        if self.not_committed is not None:
            reason = escape_markdown(self.not_committed)
            message += " " + t("Not recorded in git: {reason}.", reason=reason)
        return message


@dataclass(frozen=True)
class ImportStopped:
    """A save refused part way (every file put back): the refusal, for the file it was of."""

    upload: tuple[str, str]  # the file's digest and name
    refusal: ImportRefused

    def text(self) -> str:
        return escape_markdown(self.refusal.text)


def upload_of(content: bytes, name: str) -> tuple[str, str]:
    """The uploaded file as a refusal remembers it: its digest and its name."""
    return hashlib.sha256(content).hexdigest(), name
