"""Hostile files against the loader, each in a fresh process: time, peak memory, bounded errors.

Every case is a folder holding a copy of the shipped plan files plus one hostile file. A fresh
Python process loads the folder the way the app does (`load_portfolio`) and reports how long it
took, how much memory it added at its peak (peak RSS minus RSS after the imports), how many
problems came back, whether every problem is located, whether the shipped objectives still
loaded ("the app keeps serving the rest") and whether anything was executed. The bounds are the
issue's: under 2 s and under 200 MB extra per file, at most 200 messages plus a count.

    python bench/hostile.py            # run all cases, print a table, update SECURITY.md
    python bench/hostile.py --no-write # print only
    python bench/hostile.py --case alias-bomb --case binary

Exit status 1 when any case breaks a bound.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.results import machine_line, replace_section, table  # noqa: E402
from tracker import settings  # noqa: E402

SECONDS_BOUND = 2.0
EXTRA_MB_BOUND = 200.0
MESSAGES_BOUND = 201  # 200 problems and the "... and N more" line
MB = 1024 * 1024
SHIPPED = PROJECT / "commitments"
# The files that test the limit are as large as the limit allows (IPAP_MAX_FILE_MB, default
# 10), and those that test the cap on entries hold as many as it allows (IPAP_MAX_ENTRIES): run
# with other values to see what they cost.
LIMIT = settings.max_file_bytes()
MOST_ENTRIES = settings.max_entries()
JUST_UNDER = LIMIT - 64 * 1024
MARKER_NAME = "executed.txt"

PLAN_HEADER = """plan:
  id: hostile
  title: Hostile plan
  start: 2019-11-07
  end: 2021-12-31
  areas:
    - {id: exercises, title: Joint exercises}
objectives:
"""

OBJECTIVE = """  - id: hostile-{n}
    title: Objective number {n} with a title of ordinary length
    type: activity
    area: exercises
    owner: Ministry of Defence
    start: 2019-11-07
    due: 2021-12-31
    status: on-track
    updates:
      - {{date: 2020-01-15, status: on-track, progress: 40, note: Started, by: Desk officer}}
"""
# An objective with no update, its title lengthened by `more`.
OBJECTIVE_ALONE = OBJECTIVE.split("    updates:")[0].replace(
    "ordinary length", "ordinary length{more}"
)


def _repeat_until(
    path: Path, head: str, piece: Callable[[int], str], size: int, tail: str = ""
) -> None:
    """Write head, then pieces numbered 0, 1, ... and the tail, in at most `size` bytes."""
    with path.open("w", encoding="utf-8") as handle:
        handle.write(head)
        written = len(head.encode()) + len(tail.encode())
        number = 0
        for batch in (1000, 1):  # whole thousands, then single pieces up to the size
            while True:
                chunk = "".join(piece(number + i) for i in range(batch))
                encoded = len(chunk.encode())
                if written + encoded > size:
                    break
                handle.write(chunk)
                written += encoded
                number += batch
        handle.write(tail)


def alias_bomb(path: Path) -> None:
    """The 'billion laughs': nine levels of ten aliases each, 10**9 strings if expanded."""
    levels = ['a0: &a0 ["lol"]']
    levels += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    path.write_text("\n".join(levels) + "\n", encoding="utf-8")


def deep_block(path: Path) -> None:
    nested = "plan:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(1000))
    path.write_text(nested + "  " * 1001 + "x\n", encoding="utf-8")


def deep_flow(path: Path) -> None:
    path.write_text("plan: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n", encoding="utf-8")


def deep_flow_lines(path: Path) -> None:
    """Flow nesting with one '[' a line: no single line looks deep."""
    levels = (JUST_UNDER - 16) // 4
    path.write_text("plan:\n" + " [\n" * levels + " " + "]" * levels + "\n", encoding="utf-8")


def file_of_100_mb(path: Path) -> None:
    """Real text, not a sparse file: a plan of valid objectives, 100 MB long."""
    _repeat_until(path, PLAN_HEADER, lambda n: OBJECTIVE.format(n=n), max(100 * MB, 2 * LIMIT))


def largest_accepted(path: Path) -> None:
    """The worst a file can do and still be read: just under the file limit, all valid."""
    _repeat_until(path, PLAN_HEADER, lambda n: OBJECTIVE.format(n=n), JUST_UNDER)


def largest_at_the_cap(path: Path) -> None:
    """The dearest file the cap on entries lets in: as many objectives as it allows (the
    dearest entries: a model of 17 fields each) and no update, each title long enough to take
    the file just under the size limit."""
    plain = sum(len(OBJECTIVE_ALONE.format(n=n, more="").encode()) for n in range(MOST_ENTRIES))
    room = max(0, JUST_UNDER - len(PLAN_HEADER.encode()) - plain)
    words = " and more words"
    more = words * (room // MOST_ENTRIES // len(words))
    with path.open("w", encoding="utf-8") as handle:
        handle.write(PLAN_HEADER)
        for number in range(MOST_ENTRIES):
            handle.write(OBJECTIVE_ALONE.format(n=number, more=more))


def largest_of_mistakes(path: Path) -> None:
    """Just under the limit, and every objective wrong: the most problems a file can raise."""
    _repeat_until(path, PLAN_HEADER, lambda n: f"  - {{id: o{n}, wrong{n}: 1}}\n", JUST_UNDER)


def wide_mapping(path: Path) -> None:
    """One flow mapping with over a million keys, just under the limit."""
    _repeat_until(path, "plan: {", lambda n: f"k{n}: 1, ", JUST_UNDER, tail="}\n")


def largest_accepted_slow(path: Path) -> None:
    """Valid, but with a comment after a value on every objective, which the fast parser leaves
    to the located one: the slowest a valid file can be read."""
    commented = OBJECTIVE.replace("type: activity", "type: activity  # as agreed")
    _repeat_until(path, PLAN_HEADER, lambda n: commented.format(n=n), JUST_UNDER)


def long_list(path: Path) -> None:
    """One objective whose updates list holds as many items as the limit allows."""
    head = PLAN_HEADER + OBJECTIVE.format(n=0).rstrip() + "\n      - "
    _repeat_until(path, head, lambda _n: "1\n      - ", JUST_UNDER, tail="1\n")


def many_tags(path: Path) -> None:
    """A tag on every value: each is a problem, capped and counted."""
    _repeat_until(path, "plan: [", lambda _n: "!x 1, ", JUST_UNDER, tail="]\n")


def duplicate_keys(path: Path) -> None:
    """The same key a million times: each is a problem, capped."""
    _repeat_until(path, "plan:\n", lambda _n: "  id: x\n", min(8 * MB, JUST_UNDER))


def binary(path: Path) -> None:
    path.write_bytes(os.urandom(4 * MB) + b"\x00")


def not_utf8(path: Path) -> None:
    path.write_bytes(("plan:\n  title: Niš, Čačak, Užice\n" * 1000).encode("cp1250"))


def python_tags(path: Path) -> None:
    marker = path.parent / MARKER_NAME
    payloads = [
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
        '!!python/name:os.system ""',
        "!!python/module:os ''",
        f'!!python/object/apply:builtins.exec ["open(\\"{marker}\\", \\"w\\")"]',
        f'!python/object/apply:os.system ["touch {marker}"]',
    ]
    lines = [PLAN_HEADER.rstrip("\n")]
    for number, payload in enumerate(payloads):
        lines.append(OBJECTIVE.format(n=number).replace("Ministry of Defence", payload).rstrip())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def huge_string(path: Path) -> None:
    title = "A" * JUST_UNDER
    path.write_text(
        PLAN_HEADER + OBJECTIVE.format(n=0).replace("with a title of ordinary length", title),
        encoding="utf-8",
    )


def long_line(path: Path) -> None:
    """One 19 MB line with no newline at all."""
    path.write_text("plan: " + "word " * (JUST_UNDER // 5), encoding="utf-8")


def five_thousand_problems(path: Path) -> None:
    lines = ["plan: {id: p, title: P, start: 2019-01-01, end: 2020-01-01}", "objectives:"]
    lines += [f"  - {{id: o{i}, wrong{i}: 1}}" for i in range(5000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def control_characters(path: Path) -> None:
    path.write_text(PLAN_HEADER.replace("Hostile plan", "bell\x07here"), encoding="utf-8")


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    build: Callable[[Path], None] | None
    valid: bool = False  # a valid file: bounded too, but it has no problem to report


_MB = f"{LIMIT / MB:g} MB"
CASES = [
    Case("baseline", "the shipped files alone, for comparison", None, valid=True),
    Case("alias-bomb", "billion laughs: 9 levels x 10 aliases", alias_bomb),
    Case("deep-block", "1,000-deep block nesting", deep_block),
    Case("deep-flow", "1,000,000 nested '['", deep_flow),
    Case("deep-flow-lines", "nested '[' one a line, as many as the limit holds", deep_flow_lines),
    Case("100-mb", f"{max(100 * MB, 2 * LIMIT) // MB} MB of real YAML text", file_of_100_mb),
    Case(
        "largest-valid",
        f"valid objectives, just under the {_MB} limit",
        largest_accepted,
        valid=True,
    ),
    Case(
        "largest-valid-slow",
        f"valid, just under {_MB}, read by the located parser",
        largest_accepted_slow,
        valid=True,
    ),
    Case(
        "largest-at-cap",
        f"{MOST_ENTRIES:,} objectives (the cap on entries), just under {_MB}",
        largest_at_the_cap,
        valid=True,
    ),
    Case("largest-invalid", f"just under {_MB}, every objective wrong", largest_of_mistakes),
    Case("long-list", f"one list with as many items as {_MB} holds", long_list),
    Case("many-tags", f"a tag on every value, {_MB} of them", many_tags),
    Case("wide-mapping", f"one mapping with as many keys as {_MB} holds", wide_mapping),
    Case("duplicate-keys", "the same key, up to a million times", duplicate_keys),
    Case("binary", "4 MB of random bytes", binary),
    Case("not-utf8", "cp1250 text", not_utf8),
    Case("python-tags", "six !!python/... payloads that would touch a file", python_tags),
    Case("huge-string", f"one title just under {_MB}", huge_string, valid=True),
    Case("long-line", f"one line just under {_MB}", long_line),
    Case("5000-problems", "5,000 wrong objectives", five_thousand_problems),
    Case("control-chars", "a BEL character in a title", control_characters),
]


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(folder: Path) -> dict[str, object]:
    """Run in the fresh child process: load the folder once and report."""
    from datetime import date

    from tracker.load.loader import load_portfolio

    before = _rss_mb()
    started = time.perf_counter()
    portfolio = load_portfolio(folder, today=date(2026, 11, 23))
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    hostile = [p for p in portfolio.problems if Path(p.path).name == "hostile.yaml"]
    shipped = sum(1 for o in portfolio.objectives if not Path(o.file).name.startswith("hostile"))
    return {
        "seconds": seconds,
        "extra_mb": max(0.0, peak - before),
        "messages": len(hostile),
        "located": all(p.line >= 1 and p.column >= 1 and p.message for p in hostile),
        "first": str(hostile[0]).split(": ", 1)[1] if hostile else "",
        "shipped_objectives": shipped,
        "executed": (folder / MARKER_NAME).exists(),
    }


def stages(path: Path) -> dict[str, float]:
    """Run in a fresh child: where a valid file's load spends memory, stage by stage (MB of
    RSS above the imports after each): the fast parse's plain values, then the models."""
    import gc

    from tracker.load import fastparse
    from tracker.load.loader import load_file

    text = path.read_text(encoding="utf-8")
    before = _rss_mb()
    parsed = fastparse.parse_fast(text)
    values_mb = _rss_mb() - before
    objectives = len(parsed.value.get("objectives") or []) if parsed is not None else 0
    del parsed
    gc.collect()
    started = time.perf_counter()
    load = load_file(path)
    seconds = time.perf_counter() - started
    models_mb = _rss_mb() - before
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "objectives": objectives,
        "values_mb": values_mb,
        "models_mb": models_mb,
        "peak_mb": peak - before,
        "seconds": seconds,
        "problems": len(load.problems),
    }


# The cases whose cost grows with the file limit (at 10 MB, before the cap on entries, each of
# them broke the bound), and the dearest file the cap lets in.
AT_LIMIT = (
    "largest-valid",
    "largest-valid-slow",
    "largest-at-cap",
    "largest-invalid",
    "long-list",
    "wide-mapping",
    "duplicate-keys",
    "huge-string",
)


def at_limit(megabytes: float) -> dict[str, object]:
    """The largest cases at a file limit (each in a fresh process, as `main` runs them), and
    where the dearest valid file the loader reads spends its memory: what bench/run.py reports
    of the limit issue 19 asks for."""
    environment = {**os.environ, settings.MAX_FILE_MB_ENV: f"{megabytes:g}"}
    done = subprocess.run(
        [sys.executable, __file__, "--at-limit-child"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=1800,
        env=environment,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["(no output)"]
        return {"error": tail[0]}
    found: dict[str, object] = json.loads(lines[-1])
    return found


def _at_limit_child() -> dict[str, object]:
    chosen = [case for case in CASES if case.name in AT_LIMIT]
    with tempfile.TemporaryDirectory(prefix="ipap-hostile-") as temporary:
        work = Path(temporary)
        results = [run_case(case, work) for case in chosen]
        valid = work / "largest-at-cap.yaml"
        largest_at_the_cap(valid)
        done = subprocess.run(
            [sys.executable, __file__, "--stages", str(valid)],
            capture_output=True,
            text=True,
            cwd=PROJECT,
            timeout=600,
            env={**os.environ, settings.CACHE_ENV: "off"},
        )
        breakdown = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout else {}
    return {
        "limit_mb": LIMIT / MB,
        "most_entries": MOST_ENTRIES,
        "cases": results,
        "stages": breakdown,
    }


def run_case(case: Case, work: Path) -> dict[str, object]:
    folder = work / case.name
    folder.mkdir()
    for plan_file in sorted(SHIPPED.glob("*.yaml")):
        shutil.copy(plan_file, folder / plan_file.name)
    size = 0
    if case.build is not None:
        hostile = folder / "hostile.yaml"
        case.build(hostile)
        size = hostile.stat().st_size
    # A cache folder of its own: every case is a first load, never a cache hit from a run before.
    environment = {**os.environ, settings.CACHE_DIR_ENV: str(work / f"{case.name}-cache")}
    completed = subprocess.run(
        [sys.executable, __file__, "--measure", str(folder)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=600,
        env=environment,
    )
    shutil.rmtree(folder, ignore_errors=True)
    if completed.returncode != 0:
        tail = completed.stderr.strip().splitlines()[-1:] or ["(no output)"]
        return {"name": case.name, "size": size, "crashed": tail[0]}
    return {"name": case.name, "size": size, **json.loads(completed.stdout)}


def verdict(result: dict[str, object], case: Case, shipped: int) -> list[str]:
    """The bounds a case broke, in words (empty when it kept them all)."""
    if "crashed" in result:
        return [f"the loader crashed: {result['crashed']}"]
    broken = []
    if float(result["seconds"]) >= SECONDS_BOUND:  # type: ignore[arg-type]
        broken.append(f"took {result['seconds']:.2f} s")
    if float(result["extra_mb"]) >= EXTRA_MB_BOUND:  # type: ignore[arg-type]
        broken.append(f"used {result['extra_mb']:.0f} MB extra")
    if int(result["messages"]) > MESSAGES_BOUND:  # type: ignore[call-overload]
        broken.append(f"{result['messages']} messages")
    if not case.valid and int(result["messages"]) == 0:  # type: ignore[call-overload]
        broken.append("no problem reported")
    if not result["located"]:
        broken.append("a problem without a location")
    if result["shipped_objectives"] != shipped:
        broken.append(f"only {result['shipped_objectives']} of {shipped} shipped objectives loaded")
    if result["executed"]:
        broken.append("a payload ran")
    return broken


def report(results: list[dict[str, object]]) -> tuple[str, bool]:
    cases = {case.name: case for case in CASES}
    rows = []
    all_kept = True
    shipped = int(results[0].get("shipped_objectives", -1))  # type: ignore[call-overload]
    for result in results:
        case = cases[str(result["name"])]
        broken = verdict(result, case, shipped)
        all_kept = all_kept and not broken
        size = int(result["size"])  # type: ignore[call-overload]
        shown_size = f"{size / MB:.1f} MB" if size >= MB / 10 else f"{size / 1024:.0f} KB"
        if "crashed" in result:
            rows.append([str(result["name"]), case.description, shown_size])
            rows[-1] += ["-", "-", "-", "-", "; ".join(broken)]
            continue
        first = str(result["first"])
        first = first if len(first) <= 90 else first[:87] + "..."
        rows.append(
            [
                str(result["name"]),
                case.description,
                "-" if result["name"] == "baseline" else shown_size,
                f"{result['seconds']:.2f}",
                f"{result['extra_mb']:.0f}",
                str(result["messages"]),
                first or "-",
                "ok" if not broken else "BROKEN: " + "; ".join(broken),
            ]
        )
    header = ["case", "file", "size", "seconds", "extra MB", "messages", "first message", "bounds"]
    text = (
        f"{machine_line()} File limit {_MB} ({settings.MAX_FILE_MB_ENV}). Bounds: under "
        f"{SECONDS_BOUND:.0f} s and {EXTRA_MB_BOUND:.0f} MB extra "
        f"per load, at most {MESSAGES_BOUND - 1} messages plus a count, every message located, "
        "the shipped objectives still loaded, nothing executed. Each case runs in a fresh "
        "process; 'extra MB' is peak RSS minus RSS after the imports.\n\n" + table(header, rows)
    )
    return text, all_kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", help="run only these cases (repeatable)")
    parser.add_argument("--no-write", action="store_true", help="do not update SECURITY.md")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--stages", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--at-limit-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure is not None:
        print(json.dumps(measure(args.measure)))
        return 0
    if args.stages is not None:
        print(json.dumps(stages(args.stages)))
        return 0
    if args.at_limit_child:
        print(json.dumps(_at_limit_child()))
        return 0
    known = {case.name: case for case in CASES}
    unknown = [name for name in args.case or [] if name not in known]
    if unknown:
        parser.error(f"unknown case {', '.join(unknown)}; choose from {', '.join(known)}")
    chosen = [known["baseline"]] + [c for c in CASES if c.name in (args.case or known)]
    chosen = list({case.name: case for case in chosen}.values())
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="ipap-hostile-") as temporary:
        work = Path(temporary)
        for case in chosen:
            result = run_case(case, work)
            results.append(result)
            print(
                f"{case.name:16} "
                + (
                    f"{result['seconds']:6.2f} s {result['extra_mb']:6.0f} MB "
                    f"{result['messages']:4} messages"
                    if "crashed" not in result
                    else f"crashed: {result['crashed']}"
                ),
                flush=True,
            )
    text, all_kept = report(results)
    print()
    print(text)
    default_limit = int(settings.DEFAULT_MAX_FILE_MB * MB) == LIMIT
    if not args.no_write and args.case is None and default_limit:
        replace_section("hostile", text)
        print("\nwrote the figures into SECURITY.md")
    return 0 if all_kept else 1


if __name__ == "__main__":
    sys.exit(main())
