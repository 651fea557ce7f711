"""Record a save as a git commit whose author is the editor, when the data is in a git repo.

Runs the `git` program (no library needed) through tracker.gitrun, so a save's commit has
the same guard rails as a sync (no prompt, no hook, no filter of the clone), with a time
limit; it commits only the file that was saved, so other work in the same checkout is never
swept in.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from tracker.gitrun import Done, GitFailed, Repository, configured

# Another commit in the same repository (another save, a person at the terminal) holds
# git's index lock for a moment; waiting a little is enough.
_INDEX_LOCK_RETRIES = 20
_GIT_TIMEOUT_SECONDS = 60


@dataclass(frozen=True)
class CommitOutcome:
    committed: bool
    detail: str  # the new commit's id, or why there is none
    commit: str = ""


def configured_identity(folder: Path) -> tuple[str, str]:
    """git's user.name and user.email as seen from `folder` ('' when unset or no git)."""
    return configured(folder, "user.name"), configured(folder, "user.email")


def commit_file(
    path: Path, message: str, author_name: str, author_email: str = ""
) -> CommitOutcome:
    """Commit the current content of `path` alone, authored by the editor.

    The committer stays whoever git is configured as on this machine (the app's service
    account, say); when nothing is configured the tracker's name stands in (tracker.gitrun),
    so a fresh server can still keep an audit trail.
    """
    try:
        repository = Repository.find(path, timeout=_GIT_TIMEOUT_SECONDS)
    except GitFailed as error:  # found, but git stopped answering while it was asked
        return CommitOutcome(False, f"git could not run: {error.detail}")
    if repository is None:
        return CommitOutcome(False, f"{path.parent} is not inside a git repository")
    root = repository.root
    relative = str(path.resolve().relative_to(root.resolve()))
    author = {"GIT_AUTHOR_NAME": author_name, "GIT_AUTHOR_EMAIL": author_email}
    steps = [
        ["add", "--", relative],
        # A pathspec makes git commit only this file, whatever else is staged.
        ["commit", "--quiet", "-m", message, "--", relative],
        ["rev-parse", "HEAD"],
    ]
    output = ""
    for step in steps:
        try:
            result = _retry_on_index_lock(repository, step, author)
        except GitFailed as error:
            return CommitOutcome(False, f"git could not run: {error.detail}")
        if result.returncode != 0:
            return CommitOutcome(False, f"git {step[0]} failed: {result.last_line}")
        output = result.out.strip()
    return CommitOutcome(True, output[:12], commit=output)


def _retry_on_index_lock(repository: Repository, args: list[str], env: dict[str, str]) -> Done:
    result = repository.run(*args, check=False, env=env)
    for attempt in range(_INDEX_LOCK_RETRIES):
        if result.returncode == 0 or "index.lock" not in result.err:
            break
        time.sleep(0.05 * (attempt + 1))
        result = repository.run(*args, check=False, env=env)
    return result
