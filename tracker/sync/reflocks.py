"""Ref lock files a killed git leaves behind, in the shared repository or in the clone.

git moves a ref by creating `NAME.lock` beside it, writing the new commit into it and
renaming it over `NAME`; a git killed in between leaves the lock, and every later update of
that ref fails with "cannot lock ref ... File exists" until someone removes it. A push to a
shared repository that is a folder (a bare repository on a file share) runs
git-receive-pack on this machine, as a child of the push: the pushing machine dying, or the
sync being killed with its git, leaves the lock in the shared repository, and without this
module every office would then be told "busy" at every sync, for ever.

A lock is judged by its age, read against the clock that stamped it (a file server's for a
share), never by guessing who made it: an old lock is removed, a young one is waited for.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracker.gitrun import Repository

STALE_LOCK_SECONDS = 10.0
"""A ref lock older than this was left by a git that died, and is removed.

git holds a ref lock for the milliseconds a ref update takes (and waits only 100 ms for
another git's, `core.filesRefLockTimeout`), so ten seconds is far beyond any live update,
while short enough that a sync waits a lock out instead of giving up on it."""

LOCK_POLL_SECONDS = 0.2  # how often a young lock is looked at again while it is waited for
REMOTE_LOCK_RETRY_SECONDS = 1.0
"""The pause before pushing again to a shared repository whose files this machine cannot
see (ssh, https): a push running there holds its lock for milliseconds."""

# The lock files git names in its messages ('...refs/heads/main.lock'), in any language:
# the path is printed as it is, between quotes.
_NAMED_LOCK = re.compile(r"""['"‘’“”„«»]([^'"‘’“”„«»\n]+\.lock)['"‘’“”„«»]""")


@dataclass
class Settled:
    """What became of the locks that stopped a push."""

    removed: list[str] = field(default_factory=list)  # stale locks removed (their paths)
    held: str = ""  # a lock still there (its path as git named it), or ''
    removable: bool = True  # False: this machine cannot remove `held` (not here, or refused)


def named_locks(text: str) -> list[str]:
    """The lock files a git message names (its "Unable to create '….lock': File exists")."""
    return list(dict.fromkeys(match.group(1) for match in _NAMED_LOCK.finditer(text)))


def local_git_dir(repository: Repository, remote: str) -> Path | None:
    """The git folder of the remote's push address when it is a folder on this machine
    (`/srv/share/data.git`, `../shared.git`, `file:///srv/share/data.git`), else None."""
    done = repository.run("remote", "get-url", "--push", remote, check=False)
    url = done.out.strip()
    if done.returncode != 0 or not url:
        return None
    if url.startswith("file://"):
        path = Path(unquote(urlsplit(url).path))
    elif "://" in url or ":" in url.split("/", 1)[0]:
        return None  # ssh, https, git, or scp-like host:path
    else:
        path = Path(url)
        if not path.is_absolute():
            path = repository.root / path
    for candidate in (path / ".git", path, path.with_name(path.name + ".git")):
        if (candidate / "HEAD").is_file() and (candidate / "refs").is_dir():
            return candidate.resolve()
    return None


def ref_lock_paths(git_dir: Path, refs: list[str]) -> list[Path]:
    """The lock files of these refs in a git folder (`HEAD` is locked with the branch it
    names, so it is always among them)."""
    return [git_dir / f"{ref}.lock" for ref in dict.fromkeys(["HEAD", *refs])]


def settle(git_dir: Path | None, text: str, expected: list[Path]) -> Settled:
    """Deal with the locks that stopped a push to a repository whose git folder is
    `git_dir` (None: not on this machine), named in git's `text` or at `expected`.

    Here: wait while a lock is young, remove it once it is stale; the push may then be
    made again. Elsewhere: nothing can be looked at, so only a short pause before the next
    attempt, and the lock's name for the reader if the attempts run out."""
    if git_dir is None:
        time.sleep(REMOTE_LOCK_RETRY_SECONDS)
        names = named_locks(text)
        return Settled(held=names[0] if names else "", removable=False)
    inside = git_dir.resolve()
    locks = list(expected)
    for name in named_locks(text):
        path = Path(name)
        with contextlib.suppress(OSError, ValueError):
            path.resolve().relative_to(inside)  # never a file outside the repository
            locks.append(path)
    return clear_stale(git_dir, locks)


def clear_stale(git_dir: Path, locks: list[Path]) -> Settled:
    """Remove each of these lock files once it is older than STALE_LOCK_SECONDS; wait for a
    younger one to go or to grow old (at most that long). Only `*.lock` files are touched."""
    locks = list(dict.fromkeys(lock for lock in locks if lock.name.endswith(".lock")))
    settled = Settled()
    if not any(lock.exists() for lock in locks):
        return settled
    offset = _clock(git_dir) - time.time()
    deadline = time.monotonic() + STALE_LOCK_SECONDS + 1.0
    while True:
        young: list[Path] = []
        for lock in locks:
            try:
                age = time.time() + offset - lock.stat().st_mtime
            except FileNotFoundError:
                continue  # gone: its git finished
            except OSError:
                return Settled(settled.removed, str(lock), removable=False)
            if age < STALE_LOCK_SECONDS:
                young.append(lock)
                continue
            try:
                lock.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                return Settled(settled.removed, str(lock), removable=False)
            settled.removed.append(str(lock))
        locks = young
        if not locks:
            return settled
        if time.monotonic() >= deadline:  # renewed all along: a git is at work there
            return Settled(settled.removed, str(locks[0]), removable=True)
        time.sleep(LOCK_POLL_SECONDS)


def _clock(folder: Path) -> float:
    """Now, by the clock that stamps the folder's files: a new file's time there.

    On a file share that is the server's clock, which may be off from this machine's by
    more than the bound: measured against this machine's, a lock just made there could
    look old (and be taken from a git still using it) or an old one young."""
    try:
        handle, name = tempfile.mkstemp(prefix="ipap-clock-", dir=folder)
    except OSError:
        return time.time()
    try:
        return os.fstat(handle).st_mtime
    finally:
        os.close(handle)
        with contextlib.suppress(OSError):
            os.unlink(name)
