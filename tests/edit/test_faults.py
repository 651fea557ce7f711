"""Faults while saving: writers killed with SIGKILL at random and at the worst moments, a disk
that refuses to grow a file, a folder the writer may not change. Afterwards every file parses
and validates, every save that was reported is in the file exactly once, and a refused save
leaves the file as it was with a sentence that says why.

A quick version of bench/faults.py, which kills 200 real `python -m tracker update` commands.
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import random
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.edit import fault_workers as workers
from tracker.edit import store
from tracker.load.loader import load_portfolio

SHIPPED = Path(__file__).resolve().parents[2] / "commitments"
KILLS = 20
# On a slow shared machine the first save of a fresh process can take a second or more.
WAIT_SECONDS = 60.0


class Writers:
    """Writers forked from a server that has imported the store (milliseconds to start one),
    each killed at the end of its test whatever happens, so no test leaves one behind."""

    def __init__(self) -> None:
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["tests.edit.fault_workers"])
        self.started: list[multiprocessing.process.BaseProcess] = []

    def start(self, target: object, *args: object) -> multiprocessing.process.BaseProcess:
        process = self.context.Process(target=target, args=args, daemon=True)
        process.start()
        self.started.append(process)
        return process


@pytest.fixture
def writers(processes_start_clean: None) -> Iterator[Writers]:
    started = Writers()
    try:
        yield started
    finally:
        for process in started.started:
            kill(process)


@pytest.fixture
def data() -> Iterator[Path]:
    """A copy of the shipped data that any user may read (the read-only test drops to
    `nobody`, who cannot enter pytest's private temporary folders)."""
    folder = Path(tempfile.mkdtemp(prefix="ipap-faults-"))
    try:
        folder.chmod(0o755)
        target = folder / "commitments"
        shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns(".*", "*.json", "*.md"))
        target.chmod(0o755)
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def log(data: Path) -> Path:
    path = data.parent / "saved.log"
    path.touch(mode=0o666)
    path.chmod(0o666)
    return path


def ipap2_ids(data: Path) -> list[str]:
    return [o.id for o in load_portfolio(data).objectives if o.plan_id == "ipap2"][:5]


def wait_for(log: Path, line: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while line not in workers.lines(log):
        assert time.monotonic() < deadline, f"the writer never reached {line!r}"
        time.sleep(0.02)


def kill(process: multiprocessing.process.BaseProcess) -> None:
    if process.pid is not None and process.is_alive():
        os.kill(process.pid, signal.SIGKILL)
    process.join(WAIT_SECONDS)


def assert_intact(data: Path, reported: list[str]) -> list[str]:
    """Every file valid; every reported save there exactly once; no save there twice.
    Returns the notes of every update in the files."""
    portfolio = load_portfolio(data)
    assert portfolio.errors() == [], "\n".join(map(str, portfolio.errors()))
    assert sorted(Path(f).name for f in portfolio.files) == ["ipap1.yaml", "ipap2.yaml"]
    notes = [u.note or "" for o in portfolio.objectives for u in o.updates]
    for note in reported:
        assert notes.count(note) == 1, (
            f"the reported save {note!r} is in the files {notes.count(note)} times"
        )
    ours = [note for note in notes if note.startswith("fault-note-")]
    assert len(ours) == len(set(ours)), "an update was written twice"
    return notes


def test_writers_killed_at_random_moments_lose_no_reported_update(
    writers: Writers, data: Path, log: Path
) -> None:
    ids = ipap2_ids(data)
    moments = random.Random(8)
    for round_number in range(KILLS):
        writer = writers.start(workers.keep_saving, str(data), str(log), ids, round_number * 1000)
        if round_number == 0:  # let one save land, so the last check is never vacuous
            wait_for(log, "fault-note-0")
        time.sleep(moments.uniform(0.0, 0.5))
        kill(writer)
        assert writer.exitcode == -signal.SIGKILL, "the writer died on its own"
    reported = workers.lines(log)
    assert reported, "no save finished between the kills: the check would prove nothing"
    notes = assert_intact(data, reported)
    # Every save that reached the file was whole: every objective is still there.
    assert len(load_portfolio(data).objectives) == len(load_portfolio(SHIPPED).objectives)
    # Saved, then killed before it could say so: at most one such update a kill.
    unreported = [n for n in notes if n.startswith("fault-note-") and n not in reported]
    assert len(unreported) <= KILLS
    # A killed writer's lock dies with it: the next save goes straight through.
    started = time.monotonic()
    workers.save(str(data), ids[0], "after-the-kills")
    assert time.monotonic() - started < store.LOCK_TIMEOUT_SECONDS
    assert "after-the-kills" in (data / "ipap2.yaml").read_text(encoding="utf-8")


def test_a_writer_killed_before_the_rename_leaves_the_old_file(
    writers: Writers, data: Path, log: Path
) -> None:
    path = data / "ipap2.yaml"
    before = path.read_bytes()
    writer = writers.start(
        workers.save_and_hang, str(data), str(log), ipap2_ids(data)[0], "never-saved", "rename"
    )
    wait_for(log, "reached rename")
    leftovers = [p.name for p in data.iterdir() if p.name.endswith(".tmp")]
    assert leftovers, "the new text should be written to a temporary file by now"
    kill(writer)
    assert path.read_bytes() == before
    assert_intact(data, [])
    # The temporary file the killed writer left is not read as a plan file, and the next
    # save is not blocked by the dead writer's lock.
    workers.save(str(data), ipap2_ids(data)[0], "next-save")
    assert_intact(data, ["next-save"])


def test_a_writer_killed_after_the_rename_leaves_the_whole_new_file(
    writers: Writers, data: Path, log: Path
) -> None:
    writer = writers.start(
        workers.save_and_hang,
        str(data),
        str(log),
        ipap2_ids(data)[0],
        "renamed-save",
        "after-rename",
    )
    wait_for(log, "reached after-rename")
    kill(writer)
    assert_intact(data, ["renamed-save"])


def test_a_full_disk_gives_a_clear_error_and_leaves_the_file(
    writers: Writers, data: Path, log: Path
) -> None:
    path = data / "ipap2.yaml"
    before = path.read_bytes()
    writer = writers.start(
        workers.save_with_file_size_limit, str(data), str(log), ipap2_ids(data)[0], len(before)
    )
    writer.join(WAIT_SECONDS)
    (outcome,) = workers.lines(log)
    assert outcome.startswith("WriteFailed: ")
    assert "File too large" in outcome and "Nothing was written" in outcome
    assert "Free some space" in outcome
    assert path.read_bytes() == before
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")]


def test_a_disk_that_fills_up_on_flush_gives_a_clear_error(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems report a full disk only when the data is flushed."""
    path = data / "ipap2.yaml"
    before = path.read_bytes()

    def disk_full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(store.WriteFailed) as refused:
        workers.save(str(data), ipap2_ids(data)[0], "x")
    assert "No space left on device" in refused.value.message
    assert "disk holding" in refused.value.message and "is full" in refused.value.message
    assert "Nothing was written" in refused.value.message
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_folder_gives_a_clear_error_even_for_root(
    writers: Writers, data: Path, log: Path
) -> None:
    for lock in data.glob(".*.lock"):
        lock.unlink()
    data.chmod(0o555)
    path = data / "ipap2.yaml"
    before = path.read_bytes()
    try:
        writer = writers.start(
            workers.save_as_another_user, str(data), str(log), ipap2_ids(data)[0]
        )
        writer.join(WAIT_SECONDS)
    finally:
        data.chmod(0o755)
    (outcome,) = workers.lines(log)
    assert outcome.startswith("WriteFailed: ") and "must be writable" in outcome, outcome
    assert "Permission denied" in outcome
    assert path.read_bytes() == before
