"""One sync of a clone with its shared repository: fetch, replay, check, check out, push.

The order is what makes it safe to kill at any moment:
1. fetch (only the remote-tracking refs move);
2. decide per objective (tracker.sync.objectives): the same objective changed on both sides
   stops here, with the local commits kept and a branch named for the objective;
3. replay the local commits onto the shared branch in git's object store only (git's own
   three-way merge, `git merge-tree`, the cherry-pick a rebase makes; no working file is
   touched and no ref moves), skipping a commit whose change is already there, and never
   making a merge commit;
4. validate the result with every plan file; a result with a new problem goes nowhere;
5. move this clone to the result (`git reset --keep`, under every plan file's lock and a
   marker that lets the next sync finish an interrupted one);
6. push the result; if the shared branch moved meanwhile, start again from 1; if a ref lock
   stopped it, wait for the lock or remove it once it is stale (tracker.sync.reflocks).
The shared history only ever receives commits this clone holds, so a save reaches it once.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from tracker import settings
from tracker.edit.atomic import write_atomically
from tracker.edit.store import file_lock, remove_leftover_temporaries
from tracker.gitrun import GitFailed, Repository, password_in_address, without_password
from tracker.load.loader import YAML_SUFFIXES, assemble, load_text
from tracker.problems import Problem
from tracker.sync import reflocks
from tracker.sync.objectives import Arrival, Conflict, History

# One sync at a time per clone; another waits this long before giving up (the app: less).
SYNC_LOCK_TIMEOUT_SECONDS = 60.0
PUSH_ATTEMPTS = 3
CONFLICT_BRANCH_PREFIX = "conflict/"
MARKER = "ipap-sync-checkout.json"
RUNNING = "ipap-sync-running"
STATUS = "ipap-sync-status.json"
SYNC_LOCK = "ipap-sync"  # its lock is .ipap-sync.lock in the clone's git folder


class State:
    """How a sync ended; the command line's exit code and the app's message follow from it."""

    IN_SYNC = "in-sync"
    CONFLICT = "conflict"
    INVALID = "invalid"
    UNREACHABLE = "unreachable"
    NOT_A_CLONE = "not-a-clone"
    NO_UPSTREAM = "no-upstream"
    REFUSED = "refused"  # something in the clone needs a person first: see Reason
    BUSY = "busy"
    LOCKED = "locked"  # a ref lock in the shared repository stopped the push: see Reason


class Reason:
    """Why a sync was refused before it started, or which lock stopped it (LOCKED)."""

    UNCOMMITTED = "uncommitted"  # files changed but not committed: the sync would move them
    PASSWORD = "password"  # the remote's address holds a password
    UNRELATED = "unrelated"  # the clone and the shared branch have no history in common
    GIT = "git"  # git itself failed; detail has its words
    LOCK_STUCK = "lock-stuck"  # a lock this machine cannot remove (not a folder here, or refused)
    LOCK_IN_USE = "lock-in-use"  # a lock renewed for the whole wait: a git is at work there


@dataclass
class Outcome:
    state: str
    came_in: list[Arrival] = field(default_factory=list)
    went_out: list[Arrival] = field(default_factory=list)
    waiting: int = 0  # local commits the shared repository does not have yet
    conflicts: list[Conflict] = field(default_factory=list)
    unmergeable: list[str] = field(default_factory=list)  # files git could not combine
    problems: list[Problem] = field(default_factory=list)
    kept_on: str = ""  # the branch that holds the local commits after a conflict
    detail: str = ""  # git's own last line, or the name of what needs attention
    reason: str = ""  # for REFUSED: one of Reason
    shared_branch: str = ""  # e.g. origin/main
    pushed_to: str = ""  # the branch the local commits went to (review mode: the editor's)
    review: bool = False
    files_changed: bool = False  # this clone's files changed: caches must be refreshed
    recovered: bool = False  # an interrupted sync was finished first
    cleared_locks: list[str] = field(default_factory=list)  # stale ref locks removed

    @property
    def ok(self) -> bool:
        return self.state == State.IN_SYNC


@dataclass(frozen=True)
class _Clone:
    repository: Repository
    git_dir: Path
    branch: str
    remote: str
    remote_branch: str  # on the remote, e.g. main
    prefix: str  # the data folder inside the clone ('' for its top)


class Resolve:
    """How the person asked a conflict to be settled (the default: stop and ask)."""

    ASK = ""
    THEIRS = "theirs"  # drop my commits that changed a conflicting objective (kept on a branch)
    MINE = "mine"  # replay everything; where both changed the same lines, mine wins


def sync(
    data: str | os.PathLike[str] | None = None,
    push_to: str | None = None,
    editor: str = "",
    lock_timeout: float = SYNC_LOCK_TIMEOUT_SECONDS,
    resolve: str = Resolve.ASK,
) -> Outcome:
    """Bring the clone holding the data folder and its shared repository level, or say why not.

    `push_to` is review mode's branch pattern (`updates/{editor}`): the local commits go to
    that branch for review instead of to the shared branch.
    """
    root = settings.data_path(data)
    clone, refusal = _open(root)
    if clone is None:
        assert refusal is not None
        return refusal
    lock = file_lock(clone.git_dir / SYNC_LOCK, timeout=lock_timeout)
    try:
        lock.acquire()
    except Timeout:
        return Outcome(State.BUSY, shared_branch=f"{clone.remote}/{clone.remote_branch}")
    running = clone.git_dir / RUNNING
    try:
        # The sync lock is ours: a running-marker left behind is a sync that was killed,
        # and git's index lock beside it was that sync's git's.
        interrupted = running.exists()
        write_atomically(running, str(os.getpid()).encode("ascii"))
        outcome = _sync_locked(clone, root, push_to, editor, resolve, interrupted)
        _write_status(clone, outcome)
        return outcome
    except GitFailed as failure:
        outcome = Outcome(State.REFUSED, detail=failure.detail, reason=Reason.GIT)
        _write_status(clone, outcome)
        return outcome
    finally:
        running.unlink(missing_ok=True)
        lock.release()


def _open(root: Path) -> tuple[_Clone | None, Outcome | None]:
    if not root.exists():
        return None, Outcome(State.NOT_A_CLONE, detail=str(root))
    repository = Repository.find(root)
    if repository is None:
        return None, Outcome(State.NOT_A_CLONE, detail=str(root))
    branch = repository.run("symbolic-ref", "--short", "-q", "HEAD", check=False).out.strip()
    if not branch:
        return None, Outcome(State.NO_UPSTREAM, detail="HEAD")
    remote = repository.config(f"branch.{branch}.remote")
    merge = repository.config(f"branch.{branch}.merge")
    if not remote or remote == "." or not merge.startswith("refs/heads/"):
        return None, Outcome(State.NO_UPSTREAM, detail=branch)
    for flag in ((), ("--push",)):
        url = repository.run("remote", "get-url", *flag, remote, check=False).out.strip()
        if password_in_address(url):
            return None, Outcome(
                State.REFUSED, detail=without_password(url), reason=Reason.PASSWORD
            )
    folder = root if root.is_dir() else root.parent
    prefix = folder.resolve().relative_to(repository.root.resolve()).as_posix()
    clone = _Clone(
        repository,
        repository.git_dir(),
        branch,
        remote,
        merge.removeprefix("refs/heads/"),
        "" if prefix == "." else prefix,
    )
    return clone, None


def _sync_locked(
    clone: _Clone, root: Path, push_to: str | None, editor: str, resolve: str, interrupted: bool
) -> Outcome:
    repository = clone.repository
    shared = f"{clone.remote}/{clone.remote_branch}"
    recovered = _finish_interrupted(clone, interrupted)
    if push_to and not editor:  # a timed sync: the branch of whoever saved last here
        editor = repository.run("log", "-1", "--format=%an", check=False).out.strip()
    target = review_branch(push_to, editor) if push_to else clone.remote_branch
    came_in: list[Arrival] = []
    went_out: list[Arrival] = []
    files_changed = False
    # A killed git (a sync's fetch or move, anyone's) may have left a ref lock in the clone
    # too: the fetch would then fail for ever, and the sync say the repository is out of reach.
    refs = [f"refs/heads/{clone.branch}", f"refs/remotes/{shared}"]
    cleared = reflocks.clear_stale(clone.git_dir, reflocks.ref_lock_paths(clone.git_dir, refs))
    cleared_locks = cleared.removed

    def ended(outcome: Outcome) -> Outcome:
        """The outcome with what every ending of this sync says alike."""
        outcome.shared_branch, outcome.review = shared, bool(push_to)
        outcome.recovered, outcome.cleared_locks = recovered, cleared_locks
        outcome.came_in, outcome.files_changed = came_in, files_changed
        outcome.waiting = _waiting(clone, shared)
        return outcome

    attempts = retries = 0
    locked: reflocks.Settled | None = None
    while attempts < PUSH_ATTEMPTS:
        fetched = repository.run("fetch", "--quiet", "--no-tags", clone.remote, check=False)
        if fetched.returncode != 0:
            return ended(Outcome(State.UNREACHABLE, detail=fetched.last_line))
        step = _bring_level(clone, root, shared, resolve)
        came_in += step.came_in
        files_changed = files_changed or step.files_changed
        if step.state != State.IN_SYNC:
            return ended(step)
        head = repository.out("rev-parse", "HEAD")
        pushed, detail = _push(clone, head, target, shared, bool(push_to))
        if pushed == _Pushed.UNREACHABLE:
            return ended(Outcome(State.UNREACHABLE, detail=detail))
        if pushed == _Pushed.DONE:
            went_out = step.went_out
            break
        locked = None
        if pushed == _Pushed.LOCKED:
            remote_dir = reflocks.local_git_dir(repository, clone.remote)
            expected = (
                reflocks.ref_lock_paths(remote_dir, [f"refs/heads/{target}"]) if remote_dir else []
            )
            locked = reflocks.settle(remote_dir, detail, expected)
            cleared_locks += locked.removed
            if locked.held and remote_dir is not None:  # waited the bound out, or refused
                return ended(_locked(locked))
            if locked.removed and retries < PUSH_ATTEMPTS:
                retries += 1
                continue  # a stale lock removed: the push again, at no attempt's cost
        attempts += 1
    else:
        if locked is not None and locked.held:
            return ended(_locked(locked))
        return ended(Outcome(State.BUSY))
    outcome = ended(Outcome(State.IN_SYNC, went_out=went_out))
    outcome.pushed_to = target if went_out else ""
    return outcome


def _locked(settled: reflocks.Settled) -> Outcome:
    reason = Reason.LOCK_STUCK if not settled.removable else Reason.LOCK_IN_USE
    return Outcome(State.LOCKED, detail=settled.held, reason=reason)


def review_branch(pattern: str, editor: str) -> str:
    """`updates/{editor}` for 'Ana Petrović' is `updates/ana-petrovic`: a valid branch name."""
    plain = unicodedata.normalize("NFKD", editor).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "editor"
    return pattern.replace("{editor}", slug).strip("/")


def _bring_level(clone: _Clone, root: Path, shared: str, resolve: str) -> Outcome:
    """Replay local commits onto the shared branch and check the clone out there (no push)."""
    repository = clone.repository
    with _plan_file_locks(root):
        dirty = repository.run("status", "--porcelain", "--untracked-files=no").out
        if dirty.strip():
            names = [line[3:] for line in dirty.splitlines() if line.strip()]
            return Outcome(State.REFUSED, detail=", ".join(names[:5]), reason=Reason.UNCOMMITTED)
        local = repository.out("rev-parse", "HEAD")
        upstream = repository.out("rev-parse", f"refs/remotes/{shared}")
        base = repository.run("merge-base", local, upstream, check=False).out.strip()
        if not base:
            return Outcome(State.REFUSED, detail=shared, reason=Reason.UNRELATED)
        history = History(repository)
        paths = _plan_paths(clone, local) + _plan_paths(clone, upstream)
        paths = sorted(set(paths))
        came_in = history.commits(local, upstream, paths)
        if base == upstream:  # nothing new came in: check what goes out
            new_problems = _new_problems(clone, upstream, local)
            if new_problems:
                return Outcome(State.INVALID, problems=new_problems)
            return Outcome(State.IN_SYNC, went_out=history.commits(upstream, local, paths))
        if base != local:
            conflicts = history.conflicts(base, local, upstream, paths)
            if conflicts and resolve == Resolve.ASK:
                kept = _keep_on_branch(repository, conflicts[0].objective, local)
                return Outcome(State.CONFLICT, conflicts=conflicts, kept_on=kept)
            if conflicts:
                _keep_on_branch(repository, conflicts[0].objective, local)
            dropped = (
                {(c.file, c.objective) for c in conflicts} if resolve == Resolve.THEIRS else set()
            )
            result, unmergeable = _replay(
                repository, history, base, local, upstream, dropped, resolve == Resolve.MINE
            )
            if unmergeable:
                kept = _keep_on_branch(repository, Path(unmergeable[0]).stem, local)
                return Outcome(State.CONFLICT, unmergeable=unmergeable, kept_on=kept)
        else:
            result = upstream
        new_problems = _new_problems(clone, local, result)
        if new_problems:
            return Outcome(State.INVALID, problems=new_problems)
        went_out = history.commits(upstream, result, paths)
        files_changed = _tree(repository, result) != _tree(repository, local)
        _check_out(clone, local, result)
        return Outcome(
            State.IN_SYNC, came_in=came_in, went_out=went_out, files_changed=files_changed
        )


def _replay(
    repository: Repository,
    history: History,
    base: str,
    local: str,
    onto: str,
    dropped: set[tuple[str, str]],
    mine_wins: bool,
) -> tuple[str, list[str]]:
    """Each local commit made again on top of `onto`, as a rebase does; or the files git
    could not combine. Nothing but new objects in the store: no file, no ref. A commit that
    changed an objective in `dropped` is left out (it stays on the conflict branch)."""
    commits = repository.out("rev-list", "--reverse", "--no-merges", f"{base}..{local}")
    head = onto
    for commit in commits.split():
        if dropped and _touches(history, commit, dropped):
            continue
        tree, unmergeable = _cherry_pick(repository, commit, head)
        if unmergeable and mine_wins:
            tree = _mine_wins(repository, commit, head, tree, unmergeable)
        elif unmergeable:
            return head, unmergeable
        if tree == _tree(repository, head):
            continue  # its change is already in the shared history: not sent twice
        head = _recommit(repository, commit, tree, head)
    return head, []


def _touches(history: History, commit: str, dropped: set[tuple[str, str]]) -> bool:
    files = {file for file, _ in dropped}
    for path in history.files_changed(f"{commit}^", commit, sorted(files)):
        if any((path, key) in dropped for key in history.changed(f"{commit}^", commit, path)):
            return True
    return False


def _mine_wins(repository: Repository, commit: str, onto: str, tree: str, files: list[str]) -> str:
    """`tree` with each file git could not combine merged again by `git merge-file --theirs`
    (where both sides changed the same lines, the commit's lines win), in a scratch index."""
    scratch = Path(tempfile.mkdtemp(prefix="ipap-sync-", dir=repository.git_dir()))
    env = {"GIT_INDEX_FILE": str(scratch / "index")}
    try:
        repository.run("read-tree", tree, env=env)
        for number, path in enumerate(files):
            sides = []
            for label, revision in (("shared", onto), ("base", f"{commit}^"), ("mine", commit)):
                text = repository.show(revision, path)
                if text is None:
                    raise GitFailed(["merge-file"], f"{path} was added or removed on one side")
                side = scratch / f"{number}-{label}"
                side.write_text(text, encoding="utf-8")
                sides.append(str(side))
            merged = repository.run("merge-file", "-q", "--theirs", *sides, check=False)
            if merged.returncode < 0:
                raise GitFailed(["merge-file"], merged.last_line, merged.returncode)
            blob = repository.out("hash-object", "-w", "--no-filters", sides[0])
            repository.run("update-index", "--add", "--cacheinfo", f"100644,{blob},{path}",
                           env=env)  # fmt: skip
        return repository.run("write-tree", env=env).out.strip()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _cherry_pick(repository: Repository, commit: str, onto: str) -> tuple[str, list[str]]:
    """The tree of `commit`'s change applied to `onto`, by git's merge with the commit's
    parent as the base (what `git cherry-pick` computes), made in the object store."""
    scaffold = {
        "GIT_AUTHOR_NAME": "IPAP Tracker",
        "GIT_AUTHOR_EMAIL": "",
        "GIT_AUTHOR_DATE": "1000000000 +0000",
        "GIT_COMMITTER_DATE": "1000000000 +0000",
    }
    # merge-tree takes the merge base from history, so three scaffold commits give it the
    # parent's tree as the base (git 2.39 has no --merge-base).
    base = repository.run(
        "commit-tree", f"{commit}^^{{tree}}", "-m", "base", env=scaffold
    ).out.strip()
    ours = repository.run(
        "commit-tree", f"{onto}^{{tree}}", "-p", base, "-m", "ours", env=scaffold
    ).out.strip()
    theirs = repository.run(
        "commit-tree", f"{commit}^{{tree}}", "-p", base, "-m", "theirs", env=scaffold
    ).out.strip()
    done = repository.run(
        "merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs, check=False
    )
    lines = done.out.splitlines()
    if done.returncode == 0 and lines:
        return lines[0], []
    if done.returncode == 1 and lines:
        return lines[0], sorted({line for line in lines[1:] if line})
    raise GitFailed(["merge-tree"], done.last_line, done.returncode)


def _recommit(repository: Repository, commit: str, tree: str, parent: str) -> str:
    """A new commit with `commit`'s author, date and message, on `parent`."""
    fields = repository.out("log", "-1", "--date=raw", "--format=%an%x1f%ae%x1f%ad", commit)
    name, email, date = fields.split("\x1f")
    message = repository.run("log", "-1", "--format=%B", commit).out.rstrip("\n")
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date}
    return repository.run("commit-tree", tree, "-p", parent, "-m", message, env=env).out.strip()


def _tree(repository: Repository, revision: str) -> str:
    return repository.out("rev-parse", f"{revision}^{{tree}}")


def _plan_paths(clone: _Clone, revision: str) -> list[str]:
    """The plan files of the data folder at a revision (directly inside it, as the loader reads)."""
    args = ["ls-tree", "--name-only", revision]
    if clone.prefix:
        args += ["--", f"{clone.prefix}/"]
    names = clone.repository.out(*args).splitlines()
    return [name for name in names if Path(name).suffix in YAML_SUFFIXES]


def validate_revision(clone: _Clone, revision: str) -> list[Problem]:
    """Every problem of the plan files at a revision, as `python -m tracker validate` reports."""
    loads = []
    for path in _plan_paths(clone, revision):
        text = clone.repository.show(revision, path)
        if text is not None:
            loads.append(load_text(text, path))
    return assemble(loads).problems


def _new_problems(clone: _Clone, local: str, result: str) -> list[Problem]:
    """Problems of the result this clone does not already have (by file and sentence)."""
    known = {(p.path, p.message) for p in validate_revision(clone, local)}
    return [p for p in validate_revision(clone, result) if (p.path, p.message) not in known]


def _keep_on_branch(repository: Repository, objective: str, commit: str) -> str:
    """A branch named for the objective, at the local commits: they stay findable by name."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", objective).strip(".-") or "objective"
    branch = f"{CONFLICT_BRANCH_PREFIX}{name}"
    existing = repository.run("rev-parse", "-q", "--verify", f"refs/heads/{branch}", check=False)
    if existing.returncode == 0 and existing.out.strip() != commit:
        stamp = repository.out("rev-parse", "--short", commit)
        branch = f"{branch}-{stamp}"
    repository.run("branch", "-f", branch, commit)
    return branch


def _check_out(clone: _Clone, local: str, result: str) -> None:
    """Move the branch and its files to `result`; a marker lets the next sync finish it."""
    if result == local:
        return
    marker = clone.git_dir / MARKER
    record = {"branch": clone.branch, "from": local, "to": result, "pid": os.getpid()}
    write_atomically(marker, json.dumps(record).encode("utf-8"))
    _move_files(clone, result)
    marker.unlink(missing_ok=True)


def _move_files(clone: _Clone, target: str) -> None:
    """Make the working files and the branch say `target`, each file replaced whole.

    `git checkout` writes a file in place, so a sync killed at that moment would leave a
    half-written plan file; here each changed file is written with the tracker's atomic
    write (old or new, never half), then `git reset --mixed` moves the branch and the index.
    """
    repository = clone.repository
    raw = repository.run("diff", "--raw", "-z", "--no-renames", "--no-ext-diff", target).out
    fields = raw.split("\0")
    changes: list[tuple[str, str]] = []
    for index in range(0, len(fields) - 1, 2):
        modes, path = fields[index], fields[index + 1]
        if not modes.startswith(":"):
            break
        # `git diff TARGET` reads from the target to the files: the first mode is the target's
        # (000000 when the target has no such file).
        changes.append((modes[1:].split()[0], path))
    for mode, path in changes:
        file = repository.root / path
        if mode == "000000":
            file.unlink(missing_ok=True)
        elif mode in ("100644", "100755"):
            file.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(file, repository.blob(target, path))
            remove_leftover_temporaries(file)
        else:  # a link or a submodule: git's own checkout, which is whole for those
            repository.run("checkout", target, "--", path)
    repository.run("reset", "--quiet", "--mixed", target)


def _marker(git_dir: Path) -> dict[str, object]:
    try:
        value = json.loads((git_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _finish_interrupted(clone: _Clone, interrupted: bool) -> bool:
    """Clean up after a sync that was killed: its git's index lock goes, and a check-out it
    left half done is finished (its target was validated, and the files were clean)."""
    if not interrupted:
        return False
    index_lock = clone.git_dir / "index.lock"
    for _ in range(30):  # its git may outlive it by a moment: let it finish
        if not index_lock.exists():
            break
        time.sleep(0.1)
    index_lock.unlink(missing_ok=True)
    marker = clone.git_dir / MARKER
    if marker.exists():
        target = str(_marker(clone.git_dir).get("to") or "HEAD")
        exists = clone.repository.run("cat-file", "-e", f"{target}^{{commit}}", check=False)
        _move_files(clone, target if exists.returncode == 0 else "HEAD")
        marker.unlink(missing_ok=True)
    return True


class _Pushed:
    """How a push ended."""

    DONE = "done"  # the target branch has the commit
    MOVED = "moved"  # the target branch moved meanwhile: level again, then push again
    LOCKED = "locked"  # a ref lock stopped it; the detail is all git said, for its lock names
    UNREACHABLE = "unreachable"


def _push(clone: _Clone, head: str, target: str, shared: str, review: bool) -> tuple[str, str]:
    """(one of _Pushed, git's last line or, for LOCKED, all it said)."""
    repository = clone.repository
    if not review:
        if repository.out("rev-parse", f"refs/remotes/{shared}") == head:
            return _Pushed.DONE, ""
        refspec = [f"{head}:refs/heads/{target}"]
    else:
        if repository.run("merge-base", "--is-ancestor", head, f"refs/remotes/{shared}",
                          check=False).returncode == 0:  # fmt: skip
            return _Pushed.DONE, ""  # everything is on the shared branch already: nothing to review
        tracked = f"refs/remotes/{clone.remote}/{target}"
        known = repository.run("rev-parse", "-q", "--verify", tracked, check=False).out.strip()
        if known == head:
            return _Pushed.DONE, ""
        # The editor's own branch is replayed onto the shared branch at every sync, so it
        # is replaced, but only if it is still what this clone last saw of it.
        refspec = [f"--force-with-lease=refs/heads/{target}:{known}", f"{head}:refs/heads/{target}"]
    done = repository.run("push", "--quiet", "--no-verify", clone.remote, *refspec, check=False)
    if done.returncode == 0:
        if review:
            repository.run("update-ref", f"refs/remotes/{clone.remote}/{target}", head)
        else:
            repository.run("update-ref", f"refs/remotes/{shared}", head)
        return _Pushed.DONE, ""
    text = done.err + done.out
    if "rejected" in text and (reflocks.named_locks(text) or "failed to update ref" in text):
        return _Pushed.LOCKED, text
    if "rejected" in text or "stale info" in text or "fetch first" in text:
        return _Pushed.MOVED, done.last_line
    return _Pushed.UNREACHABLE, done.last_line


def _waiting(clone: _Clone, shared: str) -> int:
    done = clone.repository.run(
        "rev-list", "--count", "--no-merges", f"refs/remotes/{shared}..HEAD", check=False
    )
    return int(done.out.strip() or 0) if done.returncode == 0 else 0


@contextlib.contextmanager
def _plan_file_locks(root: Path) -> Iterator[None]:
    """Every plan file's save lock, so no save lands while the clone's files move."""
    from tracker.load.loader import find_files

    locks = [file_lock(path.resolve()) for path in find_files(root) if path.exists()]
    taken: list[FileLock] = []
    try:
        for lock in locks:
            lock.acquire()
            taken.append(lock)
        yield
    finally:
        for lock in reversed(taken):
            lock.release()


def _write_status(clone: _Clone, outcome: Outcome) -> None:
    """What the app's sidebar shows, shared by every process serving this clone."""
    path = clone.git_dir / STATUS
    previous = read_status(clone.git_dir)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    status = {
        "last_attempt": now,
        "last_synced": now if outcome.ok else previous.get("last_synced", ""),
        "state": outcome.state,
        "waiting": outcome.waiting,
        "reachable": outcome.state != State.UNREACHABLE,
        "conflicts": [
            {
                "file": c.file,
                "objective": c.objective,
                "mine": sorted({a.name for a in c.mine}),
                "theirs": sorted({a.name for a in c.theirs}),
            }
            for c in outcome.conflicts
        ],
        "kept_on": outcome.kept_on,
        "detail": outcome.detail,
        "reason": outcome.reason,
    }
    with contextlib.suppress(OSError):
        write_atomically(path, json.dumps(status).encode("utf-8"))


def read_status(git_dir: Path) -> dict[str, object]:
    try:
        value = json.loads((git_dir / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
