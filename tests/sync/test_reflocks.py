"""A ref lock left in the shared repository (or in the clone) by a git that was killed: a
stale one is removed and the sync goes on, a young one is waited for and never taken from
a git still using it, and one this machine cannot reach is named with what to do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support import PROJECT
from tests.sync.clones import Office, git
from tracker.gitrun import Repository
from tracker.sync import State, reflocks, sync
from tracker.sync.messages import describe
from tracker.sync.procedure import Reason


def _stale(path: Path) -> Path:
    """A lock file as a killed git leaves it, a minute ago."""
    path.write_text("0" * 40 + "\n")
    old = time.time() - 60
    os.utime(path, (old, old))
    return path


def _in_history(shared: Path, note: str) -> int:
    return git(shared, "log", "--format=%B", "main").count(note)


def test_a_stale_lock_in_a_shared_folder_is_removed_and_the_save_goes_out(
    offices: tuple[Path, Office, Office],
) -> None:
    shared, defence, foreign = offices
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    locks = [_stale(shared / "refs" / "heads" / "main.lock"), _stale(shared / "HEAD.lock")]
    before = time.monotonic()
    outcome = sync(defence.folder)
    assert outcome.ok, describe(outcome)
    assert time.monotonic() - before < reflocks.STALE_LOCK_SECONDS  # nothing waited out
    assert sorted(outcome.cleared_locks) == sorted(str(lock) for lock in locks)
    assert not any(lock.exists() for lock in locks)
    assert outcome.waiting == 0 and _in_history(shared, "Exercise postponed") == 1
    lines = describe(outcome)
    assert lines[0] == "In sync with origin/main."
    assert f"Removed {locks[0]}: a lock file left by a git that was stopped" in "\n".join(lines)
    # The other office is not "busy" either: it takes the save in and sends its own.
    foreign.save("alpha-quiet", "on-track", "Talks started")
    assert sync(foreign.folder).ok
    assert _in_history(shared, "Talks started") == 1


def test_a_young_lock_is_waited_for_and_left_to_the_git_that_holds_it(
    offices: tuple[Path, Office, Office],
) -> None:
    shared, defence, _ = offices
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    lock = shared / "refs" / "heads" / "main.lock"
    lock.write_text("")  # a push at work there right now
    seen: list[bool] = []

    def the_push_finishes() -> None:
        time.sleep(1.5)
        seen.append(lock.exists())  # still there: the sync did not take it
        lock.unlink()

    finisher = threading.Thread(target=the_push_finishes)
    before = time.monotonic()
    finisher.start()
    outcome = sync(defence.folder)
    finisher.join()
    assert seen == [True]
    assert outcome.ok, describe(outcome)
    assert time.monotonic() - before >= 1.5  # it waited for the lock to go
    assert outcome.cleared_locks == []
    assert _in_history(shared, "Exercise postponed") == 1


def test_a_lock_renewed_all_the_while_is_reported_and_kept(
    offices: tuple[Path, Office, Office], monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, defence, _ = offices
    monkeypatch.setattr(reflocks, "STALE_LOCK_SECONDS", 1.0)
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    lock = shared / "refs" / "heads" / "main.lock"
    lock.write_text("")
    stop = threading.Event()

    def a_long_update() -> None:
        while not stop.wait(0.1):
            os.utime(lock)

    worker = threading.Thread(target=a_long_update)
    worker.start()
    try:
        outcome = sync(defence.folder)
    finally:
        stop.set()
        worker.join()
    assert outcome.state == State.LOCKED and outcome.reason == Reason.LOCK_IN_USE
    assert outcome.detail == str(lock) and lock.exists()
    assert outcome.waiting == 1 and _in_history(shared, "Exercise postponed") == 0
    assert str(lock) in describe(outcome)[0] and describe(outcome)[0].startswith("Not synced")
    # Once the update is over (its lock gone), the save goes out.
    lock.unlink()
    assert sync(defence.folder).ok
    assert _in_history(shared, "Exercise postponed") == 1


def _over_ssh(office: Office, shared: Path, tmp_path: Path) -> None:
    """The office reaches the shared repository by an ssh address: its files are not here."""
    fake = tmp_path / "fake-ssh"
    fake.write_text('#!/bin/sh\nshift\nexec sh -c "$1"\n')  # host, then git's command
    fake.chmod(0o755)
    git(office.folder, "config", "core.sshCommand", str(fake))
    git(office.folder, "config", "ssh.variant", "simple")
    git(office.folder, "remote", "set-url", "origin", f"ssh://git.example.invalid{shared}")


def test_a_lock_in_a_repository_reached_by_ssh_is_named_with_what_to_do(
    offices: tuple[Path, Office, Office], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, defence, _ = offices
    monkeypatch.setattr(reflocks, "REMOTE_LOCK_RETRY_SECONDS", 0.0)
    _over_ssh(defence, shared, tmp_path)
    assert sync(defence.folder).ok  # the address works
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    lock = _stale(shared / "refs" / "heads" / "main.lock")
    outcome = sync(defence.folder)
    assert outcome.state == State.LOCKED and outcome.reason == Reason.LOCK_STUCK
    assert Path(outcome.detail).resolve() == lock.resolve()
    assert lock.exists()  # never removed through a guess about a server's files
    headline = describe(outcome)[0]
    assert outcome.detail in headline and "remove that file" in headline
    assert outcome.waiting == 1
    lock.unlink()  # what the message asks of the person
    assert sync(defence.folder).ok
    assert _in_history(shared, "Exercise postponed") == 1


def _killed_holding_the_ref_lock(office: Office, shared: Path, tmp_path: Path) -> None:
    """`python -m tracker sync` killed with its git while receive-pack holds the ref lock
    in the shared folder (a hook of the shared repository that runs at that moment)."""
    inside = tmp_path / "inside"
    hook = shared / "hooks" / "reference-transaction"
    hook.write_text(f'#!/bin/sh\n[ "$1" = prepared ] && touch "{inside}" && sleep 60\nexit 0\n')
    hook.chmod(0o755)
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "sync", "--data", str(office.folder)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not inside.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        hook.unlink()


def test_a_sync_killed_while_the_shared_folder_holds_its_lock_leaves_nobody_busy(
    offices: tuple[Path, Office, Office], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared, defence, foreign = offices
    monkeypatch.setattr(reflocks, "STALE_LOCK_SECONDS", 1.0)  # the killed push is a moment old
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    _killed_holding_the_ref_lock(defence, shared, tmp_path)
    left = shared / "refs" / "heads" / "main.lock"
    assert left.exists()  # what the killed receive-pack left
    foreign.save("alpha-quiet", "on-track", "Talks started")
    for office in (foreign, defence, foreign):
        outcome = sync(office.folder)
        assert outcome.ok, describe(outcome)
    assert not left.exists()
    for note in ("Exercise postponed", "Talks started"):
        assert _in_history(shared, note) == 1
    assert git(defence.folder, "rev-parse", "HEAD") == git(foreign.folder, "rev-parse", "HEAD")


def test_a_stale_ref_lock_in_the_clone_is_removed(
    offices: tuple[Path, Office, Office],
) -> None:
    shared, defence, foreign = offices
    foreign.save("alpha-quiet", "on-track", "Talks started")
    assert sync(foreign.folder).ok
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    # A fetch killed while it moved the remote-tracking branch: every later fetch would fail.
    lock = _stale(defence.folder / ".git" / "refs" / "remotes" / "origin" / "main.lock")
    outcome = sync(defence.folder)
    assert outcome.ok, describe(outcome)
    assert outcome.cleared_locks == [str(lock)] and not lock.exists()
    assert _in_history(shared, "Exercise postponed") == 1


def test_only_lock_files_inside_the_shared_folder_are_ever_touched(tmp_path: Path) -> None:
    repository = tmp_path / "shared.git"
    (repository / "refs" / "heads").mkdir(parents=True)
    (repository / "HEAD").write_text("ref: refs/heads/main\n")
    outside = _stale(tmp_path / "elsewhere.lock")
    not_a_lock = _stale(repository / "refs" / "heads" / "main")
    text = (
        f"remote: error: cannot lock ref 'refs/heads/main': Unable to create '{outside}': "
        f"File exists.\n ! [remote rejected] main (failed to update ref) '{not_a_lock}'"
    )
    assert reflocks.named_locks(text) == [str(outside)]
    settled = reflocks.settle(repository, text, [not_a_lock])
    assert settled.removed == [] and not settled.held
    assert outside.exists() and not_a_lock.exists()


def test_which_push_addresses_are_folders_on_this_machine(
    offices: tuple[Path, Office, Office],
) -> None:
    shared, defence, _ = offices
    repository = Repository(defence.folder)

    def folder(url: str) -> Path | None:
        git(defence.folder, "remote", "set-url", "origin", url)
        return reflocks.local_git_dir(repository, "origin")

    assert folder(str(shared)) == shared.resolve()
    assert folder(f"file://{shared}") == shared.resolve()
    assert folder(os.path.relpath(shared, defence.folder)) == shared.resolve()
    assert folder(str(shared.with_suffix(""))) == shared.resolve()  # git adds .git itself
    for elsewhere in (
        f"ssh://git.example.invalid{shared}",
        f"git.example.invalid:{shared}",
        "https://git.example.invalid/ipap/data.git",
        str(shared.parent / "missing.git"),
    ):
        assert folder(elsewhere) is None, elsewhere
