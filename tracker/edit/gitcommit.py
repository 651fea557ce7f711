"""Record a save as a git commit whose author is the editor, when the data is in a git repo.

Runs the `git` program (no library needed) with a time limit and no prompt, and commits
only the file that was saved, so other work in the same checkout is never swept in.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

# Another commit in the same repository (another save, a person at the terminal) holds
# git's index lock for a moment; waiting a little is enough.
_INDEX_LOCK_RETRIES = 20
_GIT_TIMEOUT_SECONDS = 60
FALLBACK_COMMITTER = "IPAP Tracker"


@dataclass(frozen=True)
class CommitOutcome:
    committed: bool
    detail: str  # the new commit's id, or why there is none
    commit: str = ""


def _git(
    args: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=_GIT_TIMEOUT_SECONDS,
        check=False,
    )


def repository_root(path: Path) -> Path | None:
    """The top of the git work tree holding `path`, or None when it is not in one."""
    folder = path if path.is_dir() else path.parent
    try:
        result = _git(["rev-parse", "--show-toplevel"], folder)
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return Path(result.stdout.strip())


def configured_identity(folder: Path) -> tuple[str, str]:
    """git's user.name and user.email as seen from `folder` ('' when unset or no git)."""
    values = []
    for key in ("user.name", "user.email"):
        try:
            result = _git(["config", "--get", key], folder)
            values.append(result.stdout.strip() if result.returncode == 0 else "")
        except (OSError, subprocess.SubprocessError):
            values.append("")
    return values[0], values[1]


def commit_file(
    path: Path, message: str, author_name: str, author_email: str = ""
) -> CommitOutcome:
    """Commit the current content of `path` alone, authored by the editor.

    The committer stays whoever git is configured as on this machine (the app's service
    account, say); when nothing is configured the tracker's name stands in, so a fresh
    server can still keep an audit trail.
    """
    root = repository_root(path)
    if root is None:
        return CommitOutcome(False, f"{path.parent} is not inside a git repository")
    relative = str(path.resolve().relative_to(root.resolve()))
    env = dict(os.environ)
    env["GIT_AUTHOR_NAME"] = author_name
    env["GIT_AUTHOR_EMAIL"] = author_email
    committer_name, committer_email = configured_identity(root)
    if not committer_name:
        env["GIT_COMMITTER_NAME"] = FALLBACK_COMMITTER
    if not committer_email:
        env["GIT_COMMITTER_EMAIL"] = ""
    env["GIT_TERMINAL_PROMPT"] = "0"
    steps = [
        ["add", "--", relative],
        # A pathspec makes git commit only this file, whatever else is staged.
        ["commit", "--quiet", "-m", message, "--", relative],
        ["rev-parse", "HEAD"],
    ]
    output = ""
    for step in steps:
        try:
            result = _retry_on_index_lock(step, root, env)
        except (OSError, subprocess.SubprocessError) as error:
            return CommitOutcome(False, f"git could not run: {error}")
        if result.returncode != 0:
            reason = (result.stderr or result.stdout).strip().splitlines()
            return CommitOutcome(
                False, f"git {step[0]} failed: {reason[-1] if reason else result.returncode}"
            )
        output = result.stdout.strip()
    return CommitOutcome(True, output[:12], commit=output)


def _retry_on_index_lock(
    args: list[str], root: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    result = _git(args, root, env)
    for attempt in range(_INDEX_LOCK_RETRIES):
        if result.returncode == 0 or "index.lock" not in (result.stderr or ""):
            break
        time.sleep(0.05 * (attempt + 1))
        result = _git(args, root, env)
    return result
