"""Whole processes, as a desk officer or CI runs them: `python -m tracker validate` against a
process that only parses the same files.

Each figure is the wall time of a fresh interpreter from start to exit, imports included, and
its peak RSS: the C loader's bare parse of the YAML (PyYAML's CSafeLoader, the cold floor),
`json.load` of the same data written as JSON (the warm floor), and `validate` with no cache
(cold) and from a warm parse cache (warm), on default settings; then, from the same warm
cache, `summary` and `update --dry-run` (of the last objective of the first file), the
commands a desk officer runs between meetings. Run side by side in one run,
so that a busy machine slows floor and tracker alike. Every process runs as an installed
Python runs by default, writing and reading its modules' bytecode (`__pycache__`):
PYTHONDONTWRITEBYTECODE, which a sandbox may set, is left out, since with it each `validate`
compiles the tracker's own modules from source again (a tenth of its time) while the floors,
importing only installed libraries, never do.

    python bench/processes.py DATA [--repeats N]    # prints the figures as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.support import python_json  # noqa: E402

# Runs COMMAND and prints its wall time and the peak RSS of that one child, in MB.
_TIMED = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
first = (done.stdout.strip().splitlines() or [""])[0]
print(json.dumps({"s": seconds, "rss_mb": peak, "code": done.returncode, "first": first[:200]}))
"""
_C_LOADER = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as handle:\n"
    "        yaml.load(handle, Loader=yaml.CSafeLoader)\n"
)
_JSON_LOAD = (
    "import json, sys\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as handle:\n"
    "        json.load(handle)\n"
)


def _timed(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    return python_json(_TIMED, *command, env=env, timeout=900)


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return min(runs, key=lambda run: run["s"])


def as_json(files: list[Path], folder: Path) -> list[Path]:
    """The same data as JSON files (rapidyaml's JSON: the same values, dates as text)."""
    import ryml

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in files:
        tree = ryml.parse_in_arena(path.read_bytes())
        target = folder / (path.stem + ".json")
        target.write_text(ryml.emit_json(tree), encoding="utf-8")
        json.loads(target.read_text(encoding="utf-8"))  # it is JSON
        written.append(target)
    return written


def _environment() -> dict[str, str]:
    """The environment of every measured process: the caller's, without the tracker's own
    settings (default settings are measured) and without PYTHONDONTWRITEBYTECODE."""
    return {
        key: value
        for key, value in os.environ.items()
        if (not key.startswith("IPAP_") or key == "IPAP_LANG") and key != "PYTHONDONTWRITEBYTECODE"
    }


def last_objective(path: Path) -> str:
    """The id of the last objective in a plan file: for `update`, the worst place (the whole
    file comes before it), as bench/update.py picks it."""
    found = re.findall(r"^  - id: ['\"]?([^'\"\s]+)", path.read_text(encoding="utf-8"), re.M)
    return found[-1] if found else ""


def measure(data: Path, repeats: int = 3, floor_repeats: int = 1) -> dict[str, Any]:
    """Every whole-process figure for the plan files in `data`."""
    files = sorted(data.glob("*.yaml"))
    base = _environment()
    with tempfile.TemporaryDirectory(prefix="ipap-processes-") as scratch:
        work = Path(scratch)
        json_files = as_json(files, work / "json")
        python = [sys.executable, "-c"]
        c_loader = _best(
            [_timed([*python, _C_LOADER, *map(str, files)], base) for _ in range(floor_repeats)]
        )
        json_load = _best(
            [_timed([*python, _JSON_LOAD, *map(str, json_files)], base) for _ in range(repeats)]
        )
        validate = [sys.executable, "-m", "tracker", "validate", str(data)]
        cold_env = {**base, "IPAP_CACHE": "off"}
        _timed([sys.executable, "-m", "tracker", "--help"], base)  # writes the bytecode
        cold = _best([_timed(validate, cold_env) for _ in range(repeats)])
        warm_env = {**base, "IPAP_CACHE_DIR": str(work / "cache")}
        _timed(validate, warm_env)  # writes the cache
        warm = _best([_timed(validate, warm_env) for _ in range(repeats)])
        tracker = [sys.executable, "-m", "tracker"]
        timed = commands(data)
        summary = _best([_timed([*tracker, *timed["summary"]], warm_env) for _ in range(repeats)])
        update = _best(
            [_timed([*tracker, *timed["update --dry-run"]], warm_env) for _ in range(repeats)]
        )
        shutil.rmtree(work / "cache", ignore_errors=True)
    return {
        "files": len(files),
        "yaml_bytes": sum(path.stat().st_size for path in files),
        "largest_bytes": max((path.stat().st_size for path in files), default=0),
        "c_loader_s": c_loader["s"],
        "json_load_s": json_load["s"],
        "cold_s": cold["s"],
        "cold_rss_mb": cold["rss_mb"],
        "cold_exit": cold["code"],
        "cold_first_line": cold["first"],
        "warm_s": warm["s"],
        "warm_rss_mb": warm["rss_mb"],
        "warm_exit": warm["code"],
        "summary_s": summary["s"],
        "summary_exit": summary["code"],
        "update_dry_run_s": update["s"],
        "update_dry_run_exit": update["code"],
        "update_objective": timed["update --dry-run"][1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data", type=Path)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.data, args.repeats)))
    return 0


# What a `validate` run spends its time on, by the function that does each part (cumulative
# time of every call to it), in the order they happen.
STAGES = (
    (
        "the portfolio's verdict: read back, or made by the steps below (tracker.load.verdict)",
        "tracker/load/verdict.py",
        "load_verdict",
    ),
    ("reading the parse cache (a pydantic model built per model)", "tracker/load/cache.py", "read"),
    ("fast parse: rapidyaml, its JSON, the checks that vouch for it", "fastparse.py", "parse_fast"),
    ("schema validation (pydantic)", "pydantic/type_adapter.py", "validate_python"),
    ("… and the plans (pydantic)", "pydantic/main.py", "model_validate"),
    (
        "… of which placing each objective (its line, from rapidyaml's tree)",
        "fastparse.py",
        "_objective_places",
    ),
    (
        "reading back the files the worker loaded (on two cores)",
        "tracker/load/parallel.py",
        "_received",
    ),
    ("the rules (judge)", "tracker/rules/__init__.py", "judge"),
    ("… of which placing their warnings", "tracker/load/locate.py", "where"),
    ("… of which rapidyaml parsing again to place them", "tracker/load/locate.py", "_ensure_tree"),
)


def profile(data: Path, warm: bool) -> list[tuple[str, float, float]]:
    """(stage, seconds, share of the whole process) for one `validate` run under cProfile."""
    import pstats
    import time

    base = _environment()
    with tempfile.TemporaryDirectory(prefix="ipap-profile-") as scratch:
        out = Path(scratch) / "validate.prof"
        env = {**base, "IPAP_CACHE_DIR": str(Path(scratch) / "cache")}
        if not warm:
            env["IPAP_CACHE"] = "off"
        command = [sys.executable, "-m", "tracker", "validate", str(data)]
        if warm:
            subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, check=False)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(out), *command[1:]],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            check=False,
        )
        whole = time.perf_counter() - started
        stats = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    rows = []
    main_s = _cumulative(stats, "tracker/cli/__init__.py", "main")
    rows.append(("interpreter start and imports (the rest of the process)", whole - main_s, 0.0))
    for name, where, function in STAGES:
        rows.append((name, _cumulative(stats, where, function), 0.0))
    printing = _cumulative(stats, "tracker/cli/validate.py", "run") - _cumulative(
        stats, "tracker/load/verdict.py", "load_verdict"
    )
    rows.append(("sorting and printing the problems", printing, 0.0))
    return [(name, spent, spent / whole if whole else 0.0) for name, spent, _ in rows] + [
        ("the whole process, profiled", whole, 1.0)
    ]


def _cumulative(stats: dict[Any, Any], where: str, function: str) -> float:
    """Cumulative seconds of the outermost calls to `function` in a file ending in `where`."""
    total = 0.0
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, callers) in stats.items():
        if name != function or not filename.replace("\\", "/").endswith(where):
            continue
        # Leave out calls from itself (recursion) so that nothing is counted twice.
        total += cumulative - sum(
            entry[3]
            for caller, entry in callers.items()
            if caller[2] == function and caller[0] == filename
        )
    return total


def profile_table(data: Path, warm: bool) -> str:
    return table(profile(data, warm))


def table(rows: list[tuple[str, float, float]]) -> str:
    """A profile's rows (`profile`) as RESULTS.md's table."""
    lines = ["| Where `validate` spends its time | Seconds | Share |", "|---|---|---|"]
    lines += [f"| {name} | {spent:.2f} | {share:.0%} |" for name, spent, share in rows]
    return "\n".join(lines)


def command_profile(data: Path, command: list[str]) -> dict[str, Any]:
    """cProfile of one whole `python -m tracker COMMAND...` process from a warm parse cache
    (bench/cprofiled.py's two tables); the cache is written by a first, unprofiled run."""
    import time

    from bench import cprofiled

    with tempfile.TemporaryDirectory(prefix="ipap-profile-") as scratch:
        out = Path(scratch) / "command.prof"
        env = {**_environment(), "IPAP_CACHE_DIR": str(Path(scratch) / "cache")}
        subprocess.run(
            [sys.executable, "-m", "tracker", "validate", str(data)],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            check=False,
        )
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "tracker", *command],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            check=False,
        )
        return cprofiled.from_file(out, PROJECT, time.perf_counter() - started)


def commands(data: Path) -> dict[str, list[str]]:
    """The commands timed warm besides `validate`, by the name RESULTS.md gives them."""
    files = sorted(data.glob("*.yaml"))
    target = last_objective(files[0]) if files else ""
    return {
        "summary": ["summary", str(data)],
        "update --dry-run": [
            "update",
            target,
            "--status",
            "on-track",
            "--note",
            "Benchmark dry run",
            "--by",
            "Bench",
            "--dry-run",
            "--data",
            str(data),
        ],
    }


if __name__ == "__main__":
    raise SystemExit(main())
