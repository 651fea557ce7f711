"""Kill `python -m tracker update` with SIGKILL at random moments, 200 times, and lose nothing.

Each round starts a real update command on a copy of the shipped data, waits a random time
drawn around the command's usual run time (so many kills land while it reads, validates,
writes or renames), and kills it with SIGKILL if it is still running. Afterwards:

- every plan file parses (PyYAML) and validates (`python -m tracker validate` exits 0);
- every update whose command printed "saved" and exited 0 is in the files exactly once;
- no update is in the files twice, and every objective is still there.

It also counts where the kills landed: before anything was written, with the new text in a
temporary file not yet renamed (a leftover `.tmp` file), or after the rename but before the
command could report (the update is in the file, unreported).

    python bench/faults.py                 # 200 rounds, figures into SECURITY.md
    python bench/faults.py --rounds 20 --no-write
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.results import machine_line, replace_section, table  # noqa: E402
from tracker.load.loader import load_portfolio  # noqa: E402

SHIPPED = PROJECT / "commitments"
ROUNDS = 200
NOTE = "bench-fault-{}"


def copy_of_shipped(work: Path) -> Path:
    data = work / "commitments"
    data.mkdir()
    for plan_file in sorted(SHIPPED.glob("*.yaml")):
        shutil.copy(plan_file, data / plan_file.name)
    return data


def update_command(data: Path, objective_id: str, note: str) -> list[str]:
    return [
        sys.executable, "-m", "tracker", "update", objective_id,
        "--status", "on-track", "--note", note, "--by", "Fault bench",
        "--date", date.today().isoformat(), "--data", str(data), "--no-git-commit",
    ]  # fmt: skip


def run_once(command: list[str], env: dict[str, str], kill_after: float | None) -> tuple[str, str]:
    """Run the command, killing it after `kill_after` seconds; ("killed"|"exit N", stdout)."""
    process = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        process.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.communicate()
        return "killed", ""
    out, _err = process.communicate()
    return f"exit {process.returncode}", out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-write", action="store_true", help="do not update SECURITY.md")
    args = parser.parse_args(argv)
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="ipap-faults-") as temporary:
        work = Path(temporary)
        data = copy_of_shipped(work)
        env = {**os.environ, "IPAP_CACHE_DIR": str(work / "cache"), "PYTHONPATH": str(PROJECT)}
        objectives = [o.id for o in load_portfolio(data).objectives]
        shipped_count = len(objectives)
        # The command's usual run time, so the kills can be spread across all of it.
        timings = []
        for number in range(3):
            started = time.perf_counter()
            outcome, out = run_once(
                update_command(data, objectives[0], f"warm-up-{number}"), env, None
            )
            timings.append(time.perf_counter() - started)
            assert outcome == "exit 0" and "saved" in out, (outcome, out)
        usual = sorted(timings)[1]
        reported: list[str] = []
        durations: list[float] = []
        outcomes: Counter[str] = Counter()
        landed: Counter[str] = Counter()
        started_all = time.perf_counter()
        for number in range(args.rounds):
            note = NOTE.format(number)
            objective_id = chance.choice(objectives)
            before = {p.name: p.read_bytes() for p in data.glob("*.yaml")}
            temporaries = {p.name for p in data.iterdir() if p.name.endswith(".tmp")}
            kill_after = chance.uniform(0.3, 1.3) * usual
            started = time.perf_counter()
            outcome, out = run_once(update_command(data, objective_id, note), env, kill_after)
            took = time.perf_counter() - started
            outcomes[outcome] += 1
            # The machine's load changes while this runs: follow the usual run time, so the
            # kills stay spread over the whole command (a kill means it takes longer now).
            usual = usual * 1.05 if outcome == "killed" else 0.7 * usual + 0.3 * took
            durations.append(took if outcome != "killed" else usual)
            if outcome == "exit 0" and out.splitlines() and "saved " in out:
                reported.append(note)
            if outcome == "killed":
                after = {p.name: p.read_bytes() for p in data.glob("*.yaml")}
                new_temporaries = {
                    p.name for p in data.iterdir() if p.name.endswith(".tmp")
                } - temporaries
                if after != before:
                    landed["after the rename, before reporting"] += 1
                elif new_temporaries:
                    landed["with the new text written, before the rename"] += 1
                else:
                    landed["before anything was written"] += 1
        seconds = time.perf_counter() - started_all
        findings = check(data, reported, shipped_count, env)
        leftovers = sorted(p.name for p in data.iterdir() if p.name.endswith(".tmp"))
    typical = sorted(durations)[len(durations) // 2] if durations else usual
    text = summary(args.rounds, typical, seconds, outcomes, landed, reported, findings, leftovers)
    print(text)
    if not args.no_write and args.rounds == ROUNDS:
        replace_section("faults", text)
        print("\nwrote the figures into SECURITY.md")
    return 0 if not findings["broken"] else 1


def check(data: Path, reported: list[str], shipped_count: int, env: dict[str, str]) -> dict:
    """What the files hold after the kills, and every promise they break."""
    broken: list[str] = []
    for path in sorted(data.glob("*.yaml")):
        try:
            yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            broken.append(f"{path.name} does not parse: {error}")
    validate = subprocess.run(
        [sys.executable, "-m", "tracker", "validate", str(data)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    if validate.returncode != 0:
        broken.append(f"validate exit {validate.returncode}: {validate.stdout[-300:]}")
    portfolio = load_portfolio(data)
    notes = Counter(u.note for o in portfolio.objectives for u in o.updates if u.note)
    missing = [note for note in reported if notes[note] != 1]
    if missing:
        broken.append(f"{len(missing)} reported updates not in the files once: {missing[:5]}")
    twice = [note for note, count in notes.items() if count > 1]
    if twice:
        broken.append(f"{len(twice)} updates written twice: {twice[:5]}")
    if len(portfolio.objectives) != shipped_count:
        broken.append(f"{len(portfolio.objectives)} objectives, not {shipped_count}")
    in_files = sum(1 for note in notes if note.startswith("bench-fault-"))
    lost = len(missing) + len(twice)
    return {"broken": broken, "in_files": in_files, "validate": validate.returncode, "lost": lost}


def summary(
    rounds: int,
    usual: float,
    seconds: float,
    outcomes: Counter[str],
    landed: Counter[str],
    reported: list[str],
    findings: dict,
    leftovers: list[str],
) -> str:
    killed = outcomes["killed"]
    others = {k: v for k, v in outcomes.items() if k not in ("killed", "exit 0")}
    rows = [
        ["update commands run", str(rounds)],
        ["usual run time of one command (followed as the load changed)", f"{usual:.2f} s"],
        ["finished and reported 'saved'", str(len(reported))],
        ["other exits", ", ".join(f"{k}: {v}" for k, v in others.items()) or "none"],
        ["killed with SIGKILL", str(killed)],
        *[[f"... of which killed {where}", str(count)] for where, count in sorted(landed.items())],
        ["updates in the files afterwards", str(findings["in_files"])],
        ["reported updates missing or doubled", str(findings["lost"])],
        ["`python -m tracker validate` afterwards", f"exit {findings['validate']}"],
        ["temporary files left by killed writers (ignored by the loader)", str(len(leftovers))],
        ["total time", f"{seconds:.0f} s"],
    ]
    verdict = (
        "No promise broken: every file parses and validates, every reported update is in the "
        "files exactly once, none is doubled, every objective is still there."
        if not findings["broken"]
        else "BROKEN: " + "; ".join(findings["broken"])
    )
    return f"{machine_line()}\n\n{table(['', 'figure'], rows)}\n\n{verdict}"


if __name__ == "__main__":
    sys.exit(main())
