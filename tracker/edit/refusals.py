"""Why a save was refused: one class per kind of refusal, each saying that nothing was written.

Every refusal is a StoreError with a sentence to show and, where there are any, the located
problems. The sentence is made with `said()`: its `message` is the English (for logs and
tests), and `text` says it again in the reader's language where it is shown (the app, the
command line's human output). `usage_error` decides the command line's exit code (2 for a
wrong request, 1 for a change that would break the file), so the CLI, the app and the
importers read one answer.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path

from tracker import settings
from tracker.i18n.sentence import said, spoken
from tracker.problems import Problem


class StoreError(Exception):
    """A refused change: a sentence to show, and the located problems when there are any."""

    # True when the request itself is wrong (unknown id, no metric, no editor): the
    # command line exits 2 for those and 1 for a change that would break the file.
    usage_error = False

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)

    @property
    def text(self) -> str:
        """The sentence in the reader's language (`message` stays English)."""
        return spoken(self.message)

    def __str__(self) -> str:
        return "\n".join([self.message, *(str(p) for p in self.problems)])


class NotAnEditor(StoreError):
    usage_error = True


class UnknownObjective(StoreError):
    usage_error = True


class CannotApply(StoreError):
    usage_error = True


class InvalidChange(StoreError):
    """The change would leave the file invalid; nothing was written."""


class LayoutNotKept(StoreError):
    """Writing would reformat parts of the file the user did not touch; nothing was written."""


class Conflict(StoreError):
    """The file changed on disk since the preview; nothing was overwritten."""


class WriteFailed(StoreError):
    """The file could not be locked or written; the original is unchanged."""


class NothingToRecord(StoreError):
    """The update would say nothing new (same status, nothing added); nothing was written.

    Saving it would still make the objective look freshly checked, which it was not.
    """


# A write that fails for want of room: asking for write access would send the user the wrong way.
_NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def cannot_write(shown: str, folder: Path, error: OSError) -> WriteFailed:
    """The refusal for a lock or a file that the operating system would not let us write."""
    reason = error.strerror or str(error)
    if error.errno in _NO_ROOM:
        return WriteFailed(
            said(
                "{file}: cannot save here ({reason}): the disk holding {folder} is full, or "
                "a size limit was reached. Nothing was written and the file is as it was. Free "
                "some space (or ask for a larger quota), then save again.",
                file=shown,
                reason=reason,
                folder=str(folder),
            )
        )
    return WriteFailed(
        said(
            "{file}: cannot save here ({reason}): the data folder {folder} must be writable "
            "by this user, for the file and for its lock. Nothing was written. Ask for write "
            "access, or point {setting} at a copy you can write to.",
            file=shown,
            reason=reason,
            folder=str(folder),
            setting=settings.DATA_ENV,
        )
    )
