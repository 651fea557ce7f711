"""A sync killed with SIGKILL at random moments, 30 times, loses nothing and breaks nothing.

Two offices save in turn; after each save one of them starts `python -m tracker sync` and
it is killed (with every git it started) after a random time drawn over a sync's usual run.
After every kill both clones hold only valid plan files; the office then saves again the way
the app does (sync first, then save), so the next sync finds what the killed one left. At
the end every acknowledged save is in the shared history exactly once and in both clones.
(`python bench/sync_week.py` runs a larger simulation.)
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.support import PROJECT
from tests.sync.clones import Office, git, two_offices
from tracker.load.loader import load_portfolio
from tracker.sync import sync

ROUNDS = 30
# Each office updates its own objectives, so every sync can combine; conflicts have a test.
OBJECTIVES = {"Ana Petrovic": ("alpha-ex", "alpha-ammo"), "Marko Markovic": ("alpha-quiet",)}


class Worker:
    """A sync process, imported and waiting, in a process group of its own."""

    def __init__(self, office: Office) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.sync.sync_worker", str(office.folder)],
            cwd=PROJECT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )

    def ready(self) -> None:
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "ready"

    def run(self, kill_after: float | None) -> int | None:
        """Start the sync; kill the whole group after `kill_after` s (None: let it finish)."""
        process = self.process
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
        try:
            return process.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None


def git_dir(office: Office) -> Path:
    return office.folder / ".git"


def _valid(office: Office) -> None:
    portfolio = load_portfolio(office.folder)
    assert not portfolio.problems, portfolio.problems
    assert len(portfolio.objectives) == 4


def test_a_sync_killed_at_random_moments_loses_no_acknowledged_save(tmp_path: Path) -> None:
    shared, *offices = two_offices(tmp_path)
    chance = random.Random(17)
    workers = [Worker(office) for office in offices]
    # The usual length of a sync: the faster of two uninterrupted ones (the first is cold, and
    # kill times drawn from a cold length land after most syncs have finished).
    lengths: list[float] = []
    for _ in range(2):
        workers[0].ready()
        started = time.perf_counter()
        assert workers[0].run(None) == 0
        lengths.append(time.perf_counter() - started)
        workers[0] = Worker(offices[0])
    usual = min(lengths)
    acknowledged: list[str] = []
    killed = 0
    for round_number in range(ROUNDS):
        index = round_number % 2
        office = offices[index]
        if (git_dir(office) / "ipap-sync-running").exists():
            # As the app saves after a sync was killed: pull first (which finishes what the
            # killed sync left), then save.
            sync(office.folder)
        note = f"round {round_number} by {office.name}"
        office.save(chance.choice(OBJECTIVES[office.name]), "on-track", note)
        acknowledged.append(note)
        workers[index].ready()
        if workers[index].run(chance.uniform(0.0, usual * 1.2)) is None:
            killed += 1
        workers[index] = Worker(office)  # imports while the other office takes its turn
        for each in offices:
            _valid(each)
    for worker in workers:
        worker.process.kill()
        worker.process.wait()
    assert killed >= ROUNDS // 2  # most kills really landed inside a sync
    for office in (*offices, offices[0]):
        outcome = sync(office.folder)
        assert outcome.ok, outcome
    history = git(shared, "log", "--format=%B", "main")
    for note in acknowledged:
        assert history.count(note) == 1, note
    for office in offices:
        _valid(office)
        notes = [
            update.note
            for objective in load_portfolio(office.folder).objectives
            for update in objective.updates
        ]
        assert sorted(n for n in notes if n and n.startswith("round ")) == sorted(acknowledged)
    assert git(shared, "rev-list", "--merges", "main") == ""
