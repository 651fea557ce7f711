"""Two offices, each with its own clone and its own app, update the shipped plans for a week.

A week is five days of saves made the way the app makes them (pull, save as a commit, push),
with the timer's syncs between them, a morning each day when the shared repository cannot
be reached (it is moved away: both offices keep saving, sometimes to the same objective),
and, after each outage, the conflicts that brings settled as people would: half "keep mine",
half "take theirs, then record it again". Checked after every step and at the end:

- every acknowledged save reaches the shared history exactly once;
- every conflict was reported naming its objective, with both sides kept (theirs on the
  shared branch, mine on the conflict branch named for the objective);
- no plan file is ever invalid on either clone;
- no merge commit is made.

    python bench/sync_week.py          # 5 days x 2 offices x 6 saves; figures into SECURITY.md
    python bench/sync_week.py --days 1 --no-write
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.results import machine_line, replace_section, table  # noqa: E402
from tests.sync.clones import Office, clone, git, make_shared  # noqa: E402
from tracker.load.loader import load_portfolio  # noqa: E402
from tracker.sync import Outcome, Resolve, State, sync  # noqa: E402

SHIPPED = PROJECT / "commitments"
DAYS = 5
SAVES_PER_DAY = 6  # per office
STATUSES = ("on-track", "at-risk", "off-track", "not-started")


class Week:
    def __init__(self, work: Path, chance: random.Random) -> None:
        data = work / "plans"
        data.mkdir()
        for plan_file in sorted(SHIPPED.glob("*.yaml")):
            shutil.copy(plan_file, data / plan_file.name)
        self.shared = make_shared(work, data)
        self.away = work / "away.git"
        self.offices = [
            clone(self.shared, work / "defence", "Ana Petrovic"),
            clone(self.shared, work / "foreign", "Marko Markovic"),
        ]
        self.objectives = [o.id for o in load_portfolio(self.offices[0].folder).objectives]
        self.chance = chance
        self.acknowledged: list[str] = []
        self.sync_seconds: list[float] = []
        self.counts: Counter[str] = Counter()
        self.invalid_seen = 0
        self.conflicts_unkept: list[str] = []

    def run_sync(self, office: Office, resolve: str = Resolve.ASK) -> Outcome:
        started = time.perf_counter()
        outcome = sync(office.folder, resolve=resolve)
        self.sync_seconds.append(time.perf_counter() - started)
        self.counts[f"sync: {outcome.state}"] += 1
        if outcome.state == State.CONFLICT:
            self.check_conflict(office, outcome)
            self.settle(office, outcome)
        self.check_valid()
        return outcome

    def save(self, office: Office, objective_id: str, note: str) -> None:
        office.save(objective_id, self.chance.choice(STATUSES), note)
        self.acknowledged.append(note)
        self.counts["saves acknowledged"] += 1

    def app_save(self, office: Office, objective_id: str, note: str) -> None:
        """As the app saves: pull, save as a commit, push."""
        self.run_sync(office)
        self.save(office, objective_id, note)
        self.run_sync(office)

    def check_conflict(self, office: Office, outcome: Outcome) -> None:
        self.counts["conflicts reported"] += len(outcome.conflicts) or 1
        for conflict in outcome.conflicts:
            mine_kept = bool(conflict.mine) and all(
                git(office.folder, "merge-base", "--is-ancestor", a.commit, outcome.kept_on) == ""
                for a in conflict.mine
            )
            theirs_kept = bool(conflict.theirs) and all(
                git(office.folder, "merge-base", "--is-ancestor", a.commit, "origin/main") == ""
                for a in conflict.theirs
            )
            if not (mine_kept and theirs_kept):
                self.conflicts_unkept.append(conflict.objective)

    def settle(self, office: Office, outcome: Outcome) -> None:
        """Half the time keep mine; else take theirs and record my changes again."""
        if not outcome.conflicts or self.chance.random() < 0.5:
            self.counts["settled: keep mine"] += 1
            assert self.run_sync(office, Resolve.MINE).state != State.CONFLICT
            return
        self.counts["settled: take theirs, record again"] += 1
        dropped = {(c.file, c.objective) for c in outcome.conflicts}
        log = git(office.folder, "log", "--format=%H", "origin/main..HEAD").split()
        again: list[tuple[str, str]] = []
        for commit in log:
            subject = git(office.folder, "log", "-1", "--format=%s%n%b", commit)
            objective_id = subject.split(":", 1)[0]
            if any(objective_id == objective for _, objective in dropped):
                note = next(line for line in subject.splitlines()[1:] if line.strip())
                again.append((objective_id, note))
        assert self.run_sync(office, Resolve.THEIRS).ok
        for objective_id, note in reversed(again):
            self.acknowledged.remove(note)  # the save is made again, with the same note
            self.save(office, objective_id, note)
        self.run_sync(office)

    def check_valid(self) -> None:
        for office in self.offices:
            if load_portfolio(office.folder).problems:
                self.invalid_seen += 1

    def outage(self, start: bool) -> None:
        if start:
            shutil.move(self.shared, self.away)
        else:
            shutil.move(self.away, self.shared)

    def day(self, number: int, saves: int) -> None:
        chance = self.chance
        offline_until = chance.randrange(2, saves // 2)
        self.outage(True)
        self.counts["outages"] += 1
        for step in range(saves):
            if step == offline_until:
                self.outage(False)
            for office in self.offices:
                # Offline, both offices sometimes update the same few objectives.
                pool = self.objectives[:3] if step < offline_until else self.objectives
                note = f"day {number} step {step} by {office.name}"
                self.app_save(office, chance.choice(pool), note)
                if chance.random() < 0.3:
                    self.run_sync(chance.choice(self.offices))  # the other's timer
        for office in (*self.offices, self.offices[0]):
            self.run_sync(office)

    def findings(self) -> dict[str, Any]:
        history = git(self.shared, "log", "--format=%B", "main")
        missing = [note for note in self.acknowledged if history.count(note) == 0]
        doubled = [note for note in self.acknowledged if history.count(note) > 1]
        heads = {git(office.folder, "rev-parse", "HEAD") for office in self.offices}
        return {
            "missing": missing,
            "doubled": doubled,
            "merges": git(self.shared, "rev-list", "--merges", "main").split(),
            "clones level": len(heads) == 1 and heads == {git(self.shared, "rev-parse", "main")},
            "invalid seen": self.invalid_seen,
            "conflicts not kept": self.conflicts_unkept,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--saves", type=int, default=SAVES_PER_DAY, help="per office per day")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-write", action="store_true", help="do not update SECURITY.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ipap-sync-week-") as temporary:
        week = Week(Path(temporary), random.Random(args.seed))
        for number in range(1, args.days + 1):
            week.day(number, args.saves)
        findings = week.findings()
        seconds = time.perf_counter() - started
        text = summary(week, findings, seconds, args)
    print(text)
    broken = (
        findings["missing"]
        or findings["doubled"]
        or findings["merges"]
        or not findings["clones level"]
        or findings["invalid seen"]
        or findings["conflicts not kept"]
    )
    if not args.no_write and args.days == DAYS and args.saves == SAVES_PER_DAY:
        replace_section("sync", text)
        print("\nwrote the figures into SECURITY.md")
    return 1 if broken else 0


def summary(week: Week, findings: dict[str, Any], seconds: float, args: Any) -> str:
    timings = sorted(week.sync_seconds)
    counts = week.counts
    states = [
        [name, str(count)] for name, count in sorted(counts.items()) if name.startswith("sync: ")
    ]
    rows = [
        ["days x offices x saves a day", f"{args.days} x 2 x {args.saves}"],
        ["saves acknowledged", str(len(week.acknowledged))],
        ["syncs run", str(len(timings))],
        *states,
        ["outages (shared repository moved away)", str(counts["outages"])],
        [
            "conflicts reported (objective named, both sides kept)",
            f"{counts['conflicts reported']} ({len(findings['conflicts not kept'])} not kept)",
        ],
        ["... settled by keep mine", str(counts["settled: keep mine"])],
        [
            "... settled by take theirs and record again",
            str(counts["settled: take theirs, record again"]),
        ],
        [
            "acknowledged saves missing from / doubled in the shared history",
            f"{len(findings['missing'])} / {len(findings['doubled'])}",
        ],
        ["invalid plan files seen on a clone after any step", str(findings["invalid seen"])],
        ["merge commits in the shared history", str(len(findings["merges"]))],
        ["clones and shared branch level at the end", "yes" if findings["clones level"] else "no"],
        ["one sync: median / slowest", f"{statistics.median(timings):.2f} s / {timings[-1]:.2f} s"],
        ["total time", f"{seconds:.0f} s"],
    ]
    return "\n\n".join([machine_line(), table(["", "figure"], rows)])


if __name__ == "__main__":
    sys.exit(main())
