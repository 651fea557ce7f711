"""Benchmark the tracker at 1,000 and 10,000 objectives against the parser's own floors.

Measures, for each size, in fresh processes (see bench/probes.py):
  1. load: PyYAML's C loader and json.loads on the same data (the floors), rapidyaml's bare
     parse, and the tracker's full load (parse, validation, rules, frames) with no cache;
  2. warm start (a new process reading the parse cache) and a reload after one file changed;
  3. AppTest runs of the overview, cold and warm, against a one-line app (the floor);
  4. the overview in headless Chromium: time until its charts are drawn, bytes received;
  5. peak memory of the full load and of the running app, and the server's memory after
     every page and every meeting-pack format (bench/app_memory.py);
  6. the meeting deck and the HTML briefing.
Then writes bench/RESULTS.md with each figure beside its floor and target, and, for a target
missed, a profile of what stands in the way.

Usage::

    python bench/run.py            # 1,000 and 10,000 objectives: a few minutes
    python bench/run.py --quick    # 1,000 only, one run each, written to bench/out/
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
PROJECT = BENCH.parent
sys.path.insert(0, str(PROJECT))

from bench import app_memory, browser, cprofiled, file_limit, obstacles, processes  # noqa: E402
from bench.generate import FIRST_DAY, generate  # noqa: E402
from bench.report import (  # noqa: E402
    Check,
    Report,
    load_average,
    megabytes,
    seconds,
    times,
    write,
)

RESULTS = BENCH / "RESULTS.md"
# Issue 19's portfolio: ten plan files of 1,000 objectives each (2.2 MB a file), as a ministry
# keeps a plan for a decade; measured beside the 25-file one of the same 10,000 objectives.
DECADE_PLANS = 10
DECADE_OBJECTIVES = 1000
# Issue 19: the app server's memory at 10,000 objectives, every page visited and every pack built.
APP_MEMORY_MB = 300.0
# Issue 19's first paint: the overview's charts within 2x of Streamlit's own one-chart page.
FIRST_PAINT_FACTOR = 2.0
# Issue 19's long lists: the Changes page since the first plan's start, the workbook, and the
# whole `summary` and `update --dry-run` processes from a warm cache, at 10,000 objectives.
CHANGES_PAGE_S = 1.5
WORKBOOK_S = 5.0
COMMAND_S = 1.0
# Earlier than any plan's start: the Changes page holds the day to the first plan's start.
CHANGES_SINCE = date.fromordinal(FIRST_DAY).isoformat()
OUT = BENCH / "out"  # ignored by git
PROBE_TIMEOUT = 600


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def probe(
    kind: str, data: Path, env: dict[str, str], *extra: str, sampled_to: Path | None = None
) -> dict[str, Any]:
    """Run one probe in a fresh interpreter; its last output line is its JSON.

    With `sampled_to`, py-spy (when installed) samples the probe into that file as it runs.
    """
    import os

    command = [sys.executable, str(BENCH / "probes.py"), kind, str(data), *extra]
    py_spy = shutil.which("py-spy")
    if sampled_to is not None and py_spy is not None:
        command = [py_spy, "record", "--rate", "100", "--format", "raw", "--output",
                   str(sampled_to), "--", *command]  # fmt: skip
    completed = subprocess.run(
        command,
        cwd=PROJECT,
        env={**os.environ, "IPAP_DATA": str(data), **env},
        capture_output=True,
        text=True,
        timeout=PROBE_TIMEOUT,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if completed.returncode != 0 or not lines:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-5:]
        return {"error": f"{kind} failed ({completed.returncode}): " + " | ".join(tail)}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def best(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    """The run with the smallest `key`: the others measured the machine's other work too."""
    good = [run for run in runs if key in run]
    return min(good, key=lambda run: run[key]) if good else (runs[0] if runs else {})


def measure_size(n: int, repeats: int, work: Path, skip: set[str]) -> dict[str, Any]:
    """Every figure for one portfolio size."""
    data = work / f"portfolio-{n}"
    shutil.rmtree(data, ignore_errors=True)
    generate(n, data, seed=42)
    found: dict[str, Any] = {"n": n}
    log(f"{n:,} objectives: floors (PyYAML's C loader, json.loads, rapidyaml)")
    found["floors"] = probe("floors", data, {}, "--repeats", "1" if n >= 5000 else "3")

    log(f"{n:,}: full load without cache, {repeats} fresh processes")
    no_cache = {"IPAP_CACHE": "off"}
    found["cold"] = best([probe("load", data, no_cache) for _ in range(repeats)], "total_s")

    cache_dir = work / f"cache-{n}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    with_cache = {"IPAP_CACHE_DIR": str(cache_dir)}
    log(f"{n:,}: first load writing the cache, then {repeats} warm starts")
    found["writing"] = probe("load", data, with_cache)
    found["warm"] = best([probe("load", data, with_cache) for _ in range(repeats)], "load_s")

    log(f"{n:,}: reload after one file of {found['warm'].get('files', '?')} changed")
    changed = work / f"changed-{n}"
    shutil.rmtree(changed, ignore_errors=True)
    shutil.copytree(data, changed)
    probe("load", changed, with_cache)  # the same bytes: already cached
    victim = sorted(changed.glob("*.yaml"))[-1]
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("title: ", "title: Revised ", 1), encoding="utf-8")
    found["reload"] = probe("load", changed, with_cache)

    if "processes" not in skip:
        log(f"{n:,}: whole-process validate, cold and warm, against the C loader and json.load")
        found["processes"] = processes.measure(data, repeats)
    if "app" not in skip:
        log(f"{n:,}: AppTest overview, cold and warm, against a one-line app")
        app_cache = work / f"app-cache-{n}"
        shutil.rmtree(app_cache, ignore_errors=True)
        found["apptest"] = probe(
            "apptest",
            data,
            {"IPAP_CACHE_DIR": str(app_cache)},
            sampled_to=work / f"app-profile-{n}.txt",
        )
    if "changes" not in skip:
        log(f"{n:,}: the Changes page since the first plan's start (AppTest)")
        found["changes"] = probe("changes", data, with_cache, "--since", CHANGES_SINCE)
    if "browser" not in skip:
        log(f"{n:,}: the overview in headless Chromium")
        browser_cache = work / f"browser-cache-{n}"
        shutil.rmtree(browser_cache, ignore_errors=True)
        try:
            charts = len(value(found, "apptest", "charts") or []) or 4
            found["browser"] = browser.measure(data, browser_cache, charts)
        except Exception as error:  # a broken app or browser is a figure to report
            found["browser"] = {"error": f"{type(error).__name__}: {error}"}
    if "exports" not in skip:
        log(f"{n:,}: meeting deck, HTML briefing, workbook since the first plan's start")
        found["exports"] = probe("exports", data, with_cache, "--since", CHANGES_SINCE)
    return found


def profile_of(n: int, work: Path, warm: bool) -> dict[str, Any]:
    data = work / f"portfolio-{n}"
    env = {"IPAP_CACHE_DIR": str(work / f"cache-{n}")} if warm else {"IPAP_CACHE": "off"}
    return probe("load", data, env, "--profile")


def app_profile(n: int, work: Path) -> str:
    """Where the overview's script spent its time, from py-spy's samples of the AppTest probe."""
    import re
    from collections import Counter

    output = work / f"app-profile-{n}.txt"
    if shutil.which("py-spy") is None:
        return "(py-spy is not installed: `pip install -r requirements-dev.txt`)"
    if not output.exists():
        return "(py-spy could not sample the AppTest run: it needs permission to ptrace)"
    frame = re.compile(r"^(.*) \((.*?):\d+\)$")
    parts: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in output.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = [frame.match(f) for f in stack.split(";")]
        named = [(m.group(1), m.group(2)) for m in frames if m]
        if not any(file == "app.py" for _, file in named):
            continue
        samples = int(count)
        total += samples
        if any(name == "_assembled" for name, _ in named):
            parts["loading the data (parse or cache, rules, frames): cold run only"] += samples
        elif any(name == "_find_and_load" for name, _ in named):
            parts["importing the pages' modules: first run only"] += samples
        else:
            parts["building the page (every run)"] += samples
            seen: set[str] = set()
            for name, file in named:
                if file.startswith(("components/", "tracker/")) and name != "<module>":
                    key = f"`{name}` ({file})"
                    if key not in seen:
                        seen.add(key)
                        inclusive[key] += samples
    if not total:
        return "(no samples of the script)"
    lines = ["| Where the overview's script spends its time | Share |", "|---|---|"]
    lines += [f"| {part} | {count / total:.0%} |" for part, count in parts.most_common()]
    lines += ["", "| Function, on every run (inclusive) | Share of all samples |", "|---|---|"]
    lines += [f"| {key} | {count / total:.0%} |" for key, count in inclusive.most_common(15)]
    return "\n".join(lines)


def hot_spot_table(result: dict[str, Any]) -> str:
    spots = result.get("profile") or []
    if not spots:
        return f"(no profile: {result.get('error', 'nothing recorded')})"
    lines = ["| Function | File:line | Own time | Share |", "|---|---|---|---|"]
    for spot in spots:
        lines.append(
            f"| `{spot['function']}` | {spot['file']}:{spot['line']} | "
            f"{spot['seconds']:.3f} s | {spot['share']:.0%} |"
        )
    return "\n".join(lines)


def value(found: dict[str, Any], *keys: str) -> Any:
    current: Any = found
    for key in keys:
        if not isinstance(current, dict) or key not in current:
            return None
        current = current[key]
    return current


def _count(found: Any) -> str:
    return f"{found:,}" if isinstance(found, int) else "—"


def ratio(a: Any, b: Any) -> float | None:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b:
        return a / b
    return None


def build_report(results: list[dict[str, Any]], report: Report, work: Path) -> None:
    """The tables, the target checks and, for misses, the profiles."""
    by_n = {found["n"]: found for found in results}
    big = by_n[max(by_n)]
    label = f"{big['n']:,}"
    columns = [f"{found['n']:,} objectives" for found in results]

    def row(name: str, keys: tuple[str, ...], shown: Any = seconds) -> list[str]:
        return [name] + [shown(value(found, *keys)) for found in results]

    report.tables.append(
        (
            "1. Load: the floors and the tracker",
            ["Figure", *columns],
            [
                [
                    "YAML size (files)",
                    *[
                        f"{megabytes((value(f, 'floors', 'yaml_bytes') or 0) / 1e6)} "
                        f"({value(f, 'floors', 'files')})"
                        for f in results
                    ],
                ],
                row(
                    "PyYAML C loader, bare parse (`yaml.load`, CSafeLoader)",
                    ("floors", "c_loader_s"),
                ),
                row("`json.loads` of the same data as JSON", ("floors", "json_loads_s")),
                row("rapidyaml bare parse (reference)", ("floors", "rapidyaml_s")),
                row("Tracker full load, no cache: parse + validation + rules", ("cold", "load_s")),
                row("… + frames", ("cold", "frames_s")),
                row("**… total**", ("cold", "total_s")),
                [
                    "Full load ÷ C loader",
                    *[
                        times(ratio(value(f, "cold", "total_s"), value(f, "floors", "c_loader_s")))
                        for f in results
                    ],
                ],
                [
                    "Full load ÷ json.loads",
                    *[
                        times(
                            ratio(value(f, "cold", "total_s"), value(f, "floors", "json_loads_s"))
                        )
                        for f in results
                    ],
                ],
                row("Import of the tracker and pandas (not counted above)", ("cold", "import_s")),
            ],
        )
    )
    report.tables.append(
        (
            "2. Warm start and reload",
            ["Figure", *columns],
            [
                row("First load, writing the cache", ("writing", "load_s")),
                row("**Warm start: load_portfolio from the cache**", ("warm", "load_s")),
                row("… + frames", ("warm", "frames_s")),
                [
                    "Warm start ÷ json.loads",
                    *[
                        times(ratio(value(f, "warm", "load_s"), value(f, "floors", "json_loads_s")))
                        for f in results
                    ],
                ],
                row("Reload after one file changed", ("reload", "load_s")),
                [
                    "Files parsed again on that reload",
                    *[
                        f"{value(f, 'reload', 'files_parsed')} of {value(f, 'reload', 'files')}"
                        for f in results
                    ],
                ],
            ],
        )
    )
    if any("apptest" in f for f in results):
        report.tables.append(
            (
                "3. App (AppTest, in process)",
                ["Figure", *columns],
                [
                    row("Floor: an app that writes one line", ("apptest", "floor_s")),
                    row("Overview, cold (empty caches)", ("apptest", "cold_s")),
                    row("**Overview, warm (next run)**", ("apptest", "warm_s")),
                    [
                        "Warm ÷ floor",
                        *[
                            times(
                                ratio(value(f, "apptest", "warm_s"), value(f, "apptest", "floor_s"))
                            )
                            for f in results
                        ],
                    ],
                    [
                        "Charts: points sent (traces)",
                        *[
                            ", ".join(
                                f"{c['points']} ({c['traces']})"
                                for c in value(f, "apptest", "charts") or []
                            )
                            or "—"
                            for f in results
                        ],
                    ],
                    [
                        "Errors",
                        *[
                            "; ".join(value(f, "apptest", "exceptions") or [])
                            or str(value(f, "apptest", "error") or "none")
                            for f in results
                        ],
                    ],
                ],
            )
        )
    if any("changes" in f for f in results):
        report.tables.append(
            (
                "3b. The Changes page since the first plan's start (AppTest, data loaded)",
                ["Figure", *columns],
                [
                    row("Floor: an app that writes one line", ("changes", "floor_s")),
                    row("**Changes page, first opened in a session**", ("changes", "first_s")),
                    row("… run again (the same window)", ("changes", "rerun_s")),
                    [
                        "The window shown",
                        *[
                            str(value(f, "changes", "since_text") or "—").split(":", 1)[0]
                            for f in results
                        ],
                    ],
                    row("Changes counted in the tiles", ("changes", "changes_counted"), _count),
                    row(
                        "Rows sent (the page of newest, and by plan)",
                        ("changes", "rows_sent"),
                        _count,
                    ),
                    row(
                        "Bytes of those tables (Arrow)",
                        ("changes", "arrow_bytes"),
                        lambda v: f"{v / 1e3:.0f} KB" if v else "—",
                    ),
                    [
                        "Errors",
                        *[
                            "; ".join(value(f, "changes", "exceptions") or [])
                            or str(value(f, "changes", "error") or "none")
                            for f in results
                        ],
                    ],
                ],
            )
        )
    if any("browser" in f for f in results):
        report.tables.append(
            (
                "4. Browser (headless Chromium) and 5. memory",
                ["Figure", *columns],
                [
                    row(
                        "First visitor after start: charts drawn",
                        ("browser", "first", "charts_drawn_s"),
                    ),
                    row("**Next visitor: charts drawn**", ("browser", "next", "charts_drawn_s")),
                    [
                        "Floor: one small chart, a new visitor",
                        seconds(value(results[0], "browser_floor", "next", "charts_drawn_s")),
                        *["″" for _ in results[1:]],
                    ],
                    [
                        "Floor: one small chart, the same visitor reloading",
                        seconds(value(results[0], "browser_floor", "next", "come_back_s")),
                        *["″" for _ in results[1:]],
                    ],
                    row(
                        "The same visitor reloading (scripts cached): charts drawn",
                        ("browser", "next", "come_back_s"),
                    ),
                    row(
                        "Bytes over HTTP (page, scripts; first visit)",
                        ("browser", "first", "http"),
                        lambda v: megabytes(v / 1e6) if v else "—",
                    ),
                    row(
                        "Bytes over the websocket (the data; next visit)",
                        ("browser", "next", "websocket"),
                        lambda v: megabytes(v / 1e6) if v else "—",
                    ),
                    row("**App server peak RSS**", ("browser", "peak_rss_mb"), megabytes),
                    row("App server RSS at the end", ("browser", "rss_mb"), megabytes),
                    row("Full load peak RSS (no cache)", ("cold", "peak_rss_mb"), megabytes),
                    row("Warm start peak RSS", ("warm", "peak_rss_mb"), megabytes),
                    row("… RSS after imports", ("warm", "rss_imported_mb"), megabytes),
                    row("… after load_portfolio", ("warm", "rss_loaded_mb"), megabytes),
                    row("… after the frames", ("warm", "rss_framed_mb"), megabytes),
                    [
                        "Errors",
                        *[str(value(f, "browser", "error") or "none") for f in results],
                    ],
                ],
            )
        )
    if any("exports" in f for f in results):
        report.tables.append(
            (
                "6. Exports",
                ["Figure", *columns],
                [
                    row("Meeting deck (.pptx)", ("exports", "pptx_s")),
                    row("HTML briefing", ("exports", "html_s")),
                    row("Excel workbook (.xlsx)", ("exports", "xlsx_s")),
                    row(
                        "Deck size",
                        ("exports", "pptx_bytes"),
                        lambda v: megabytes(v / 1e6) if v else "—",
                    ),
                    row(
                        "Briefing size",
                        ("exports", "html_bytes"),
                        lambda v: megabytes(v / 1e6) if v else "—",
                    ),
                    row(
                        "Workbook size",
                        ("exports", "xlsx_bytes"),
                        lambda v: f"{v / 1e6:.1f} MB" if v else "—",
                    ),
                    ["Errors", *[str(value(f, "exports", "error") or "none") for f in results]],
                ],
            )
        )

    _whole_process_report(big, report)
    _app_memory_report(big, report)
    c_loader = value(big, "floors", "c_loader_s")
    json_floor = value(big, "floors", "json_loads_s")
    full = value(big, "cold", "total_s")
    floor = value(big, "apptest", "floor_s")
    report.checks += [
        Check(
            "1",
            f"Full load at {label} (parse + validation + frames)",
            full,
            0.2 * c_loader if c_loader else None,
            f"C loader {seconds(c_loader)}",
            "≤ 0.2× the C loader",
        ),
        Check(
            "1 (stretch)",
            f"Full load at {label}",
            full,
            10 * json_floor if json_floor else None,
            f"json.loads {seconds(json_floor)}",
            "≤ 10× json.loads",
        ),
        Check(
            "2",
            f"Warm start at {label} (load_portfolio in a new process)",
            value(big, "warm", "load_s"),
            3 * json_floor if json_floor else None,
            f"json.loads {seconds(json_floor)}",
            "≤ 3× json.loads",
        ),
        Check(
            "2",
            f"Files parsed again after one of {value(big, 'reload', 'files')} changed",
            value(big, "reload", "files_parsed"),
            1,
            "—",
            "only that file",
            unit="files",
        ),
    ]
    if "apptest" in big:
        report.checks += [
            Check(
                "3",
                f"Warm overview at {label} (AppTest)",
                value(big, "apptest", "warm_s"),
                3 * floor if floor else None,
                f"one-line app {seconds(floor)}",
                "≤ 3× the floor",
            ),
            Check(
                "3",
                f"Cold overview at {label} (AppTest)",
                value(big, "apptest", "cold_s"),
                1.5 * full + floor if full and floor else None,
                f"full load {seconds(full)} + floor",
                "≤ 1.5× the full load + the floor",
            ),
        ]
    if "changes" in big:
        report.checks.append(
            Check(
                "8",
                f"Changes page since the first plan's start at {label} (AppTest)",
                value(big, "changes", "first_s"),
                CHANGES_PAGE_S,
                f"one-line app {seconds(value(big, 'changes', 'floor_s'))}",
                f"≤ {CHANGES_PAGE_S:g} s",
            )
        )
    if "browser" in big:
        # Issue 19: charts within 2x of Streamlit's own one-chart page, measured in this run,
        # for a new visitor (an empty browser cache) and for the same visitor coming back.
        for visitor, key in (
            ("a new visitor: nothing cached", "charts_drawn_s"),
            ("the same visitor opening it again", "come_back_s"),
        ):
            one_chart = value(results[0], "browser_floor", "next", key)
            report.checks.append(
                Check(
                    "4",
                    f"Overview charts drawn at {label} (Chromium, {visitor})",
                    value(big, "browser", "next", key),
                    FIRST_PAINT_FACTOR * one_chart if one_chart else None,
                    f"one chart {seconds(one_chart)}",
                    f"≤ {FIRST_PAINT_FACTOR:g}× the one-chart floor",
                )
            )
        report.checks.append(
            Check(
                "5",
                f"App server peak RSS at {label}",
                value(big, "browser", "peak_rss_mb"),
                APP_MEMORY_MB,
                "—",
                f"≤ {APP_MEMORY_MB:.0f} MB",
                unit="MB",
            )
        )
    if "exports" in big:
        for fmt, name in (("pptx", "Meeting deck"), ("html", "HTML briefing")):
            report.checks.append(
                Check(
                    "6",
                    f"{name} at {label}",
                    value(big, "exports", f"{fmt}_s"),
                    10.0,
                    "—",
                    "< 10 s",
                )
            )
        report.checks.append(
            Check(
                "8",
                f"Excel workbook at {label} (every change since the first plan's start)",
                value(big, "exports", "xlsx_s"),
                WORKBOOK_S,
                "—",
                f"≤ {WORKBOOK_S:g} s",
            )
        )

    charts = value(big, "apptest", "charts") or []
    per_objective = [c for c in charts if c["points"] >= big["n"]]
    report.notes.append(
        (
            "Points per chart",
            f"At {label} objectives the overview's charts send "
            + ", ".join(f"{c['points']} points in {c['traces']} traces" for c in charts)
            + (
                ". No chart sends one point per objective."
                if charts and not per_objective
                else f". {len(per_objective)} chart(s) send a point per objective."
                if charts
                else "(not measured)."
            ),
        )
    )
    load_missed = any(c.met is False for c in report.checks if c.item.startswith("1"))
    warm_missed = any(c.met is False for c in report.checks if c.item == "2")
    load_profile: dict[str, Any] | None = None
    memory_parts: dict[str, Any] | None = None
    if load_missed:
        log(f"profiling the full load at {label}")
        load_profile = profile_of(big["n"], work, warm=False)
        report.notes.append(
            (
                f"Profile: full load at {label}, no cache (pyinstrument, own time)",
                hot_spot_table(load_profile),
            )
        )
    app_missed = any(c.met is False for c in report.checks if c.item in ("3", "4"))
    if app_missed and "apptest" in big:
        log(f"profiling the overview at {label} with py-spy")
        report.notes.append(
            (
                f"Profile: the overview at {label} in AppTest (py-spy, cold run and 3 warm runs)",
                app_profile(big["n"], work),
            )
        )
    if any(c.met is False for c in report.checks if c.item == "5"):
        log(f"measuring what the portfolio is made of at {label}")
        parts = memory_parts = probe(
            "memory",
            work / f"portfolio-{big['n']}",
            {"IPAP_CACHE_DIR": str(work / f"cache-{big['n']}")},
        )
        rows = sorted((parts.get("parts_mb") or {}).items(), key=lambda item: -item[1])
        report.notes.append(
            (
                f"Memory: what {label} objectives are made of (sys.getsizeof, warm load)",
                "| Part | MB |\n|---|---|\n"
                + "\n".join(f"| {name} | {size:.0f} |" for name, size in rows)
                + f"\n| Process after load and frames (RSS) | {megabytes(parts.get('rss_mb'))} |",
            )
        )
    if warm_missed:
        log(f"profiling the warm start at {label}")
        report.notes.append(
            (
                f"Profile: warm start at {label} (pyinstrument, own time)",
                hot_spot_table(profile_of(big["n"], work, warm=True)),
            )
        )
    _long_list_profiles(big, report, work)
    report.notes.insert(
        0,
        (
            "What stands in the way",
            obstacles.explain(big, results[0], report.checks, load_profile, memory_parts),
        ),
    )


def _in_words(summary: dict[str, Any] | None) -> str:
    """The profile's largest entries in a sentence: the project's steps by cumulative time,
    then the functions whose own time is largest."""
    if not summary or not summary.get("project"):
        return "(no profile recorded)"
    steps = ", ".join(
        f"`{e['function']}` ({e['file']}) {seconds(e['cumulative_s'])}"
        for e in summary["project"][:4]
    )
    own = ", ".join(
        f"`{e['function']}` ({e['file']}) {seconds(e['own_s'])}" for e in summary["own"][:4]
    )
    return (
        f"Of {seconds(summary.get('whole_s'))} profiled, the project's largest steps "
        f"(cumulative): {steps}. The largest own times: {own}."
    )


def _long_list_profiles(big: dict[str, Any], report: Report, work: Path) -> None:
    """For each missed target of the long lists (item 8), a cProfile of that page, export or
    command at the largest size, and its largest entries in words."""
    missed = [check.figure for check in report.checks if check.item == "8" and check.met is False]
    if not missed:
        return
    n = big["n"]
    label = f"{n:,}"
    data = work / f"portfolio-{n}"
    warm = {"IPAP_CACHE_DIR": str(work / f"cache-{n}")}
    if any(figure.startswith("Changes page") for figure in missed):
        log(f"profiling the Changes page at {label}")
        found = probe("changes", data, warm, "--since", CHANGES_SINCE, "--profile")
        summary = found.get("profile")
        report.notes.append(
            (
                f"Profile: the Changes page since the first plan's start at {label} (cProfile, "
                "one more run of the page)",
                f"The page counts {_count(value(big, 'changes', 'changes_counted'))} changes and "
                f"sends {_count(value(big, 'changes', 'rows_sent'))} rows. "
                + _in_words(summary)
                + "\n\n"
                + cprofiled.table(summary),
            )
        )
    if any(figure.startswith("Excel workbook") for figure in missed):
        log(f"profiling the workbook at {label}")
        summary = probe("exports", data, warm, "--since", CHANGES_SINCE, "--profile").get(
            "xlsx_profile"
        )
        report.notes.append(
            (
                f"Profile: the Excel workbook at {label} (cProfile, one more build)",
                _in_words(summary) + "\n\n" + cprofiled.table(summary),
            )
        )
    portfolios = [(f"{label} in {value(big, 'processes', 'files')} files", data)]
    if big.get("decade_data"):
        decade = Path(big["decade_data"])
        total = f"{DECADE_PLANS * DECADE_OBJECTIVES:,}"
        portfolios.append((f"{total} in {value(big, 'decade', 'files')} files", decade))
    for name, folder in portfolios:
        for command, arguments in processes.commands(folder).items():
            if not any(
                figure.startswith(f"Whole-process `{command}` at {name}") for figure in missed
            ):
                continue
            log(f"profiling `{command}` at {name}")
            summary = processes.command_profile(folder, arguments)
            report.notes.append(
                (
                    f"Profile: whole-process `{command}` at {name}, warm cache (cProfile)",
                    _in_words(summary) + "\n\n" + cprofiled.table(summary),
                )
            )


def measure_app_memory(n: int, work: Path) -> dict[str, Any]:
    """Issue 19's memory figure: the app server's RSS after each page and each pack format,
    on the `n`-objective portfolio measure_size generated, with an empty parse cache (the
    first visitor's load is the server's own)."""
    cache = work / f"app-memory-cache-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    try:
        return app_memory.measure(work / f"portfolio-{n}", cache)
    except Exception as error:  # a broken app or browser is a figure to report
        return {"error": f"{type(error).__name__}: {error}"}


def _app_memory_report(big: dict[str, Any], report: Report) -> None:
    """The server's RSS step by step, and its peak and settled figures against the target."""
    found = big.get("app_memory")
    if found is None:
        return
    label = f"{big['n']:,}"
    steps = found.get("steps") or []
    report.tables.append(
        (
            f"5b. App server memory at {label}: every page, then every pack format",
            ["Step (one visitor, in order)", "Took", "RSS", "Peak so far"],
            [
                [
                    "Server started, nothing loaded",
                    "—",
                    megabytes(value(found, "started", "rss_mb")),
                    "—",
                ],
                *[
                    [
                        step["step"],
                        seconds(step.get("s")),
                        megabytes(step.get("rss_mb")),
                        megabytes(step.get("peak_rss_mb")),
                    ]
                    for step in steps
                ],
                [
                    f"Settled ({app_memory.SETTLE_SECONDS:.0f} s after the last step)",
                    "—",
                    megabytes(found.get("settled_rss_mb")),
                    megabytes(found.get("peak_rss_mb")),
                ],
                ["Errors", str(found.get("error") or "none"), "", ""],
            ],
        )
    )
    for kind, key in (("peak", "peak_rss_mb"), ("settled", "settled_rss_mb")):
        report.checks.append(
            Check(
                "5",
                f"App server RSS after every page and every pack format at {label}: {kind}",
                found.get(key),
                APP_MEMORY_MB,
                "—",
                f"≤ {APP_MEMORY_MB:.0f} MB",
                unit="MB",
            )
        )


def _whole_process_report(big: dict[str, Any], report: Report) -> None:
    """Issue 19's figures: `python -m tracker validate` as a whole process, on default
    settings, beside a process that only parses, for both portfolios of 10,000 objectives."""
    portfolios = [
        (f"{big['n']:,} in {value(big, 'processes', 'files')} files", big.get("processes")),
        (
            f"{DECADE_PLANS * DECADE_OBJECTIVES:,} in {value(big, 'decade', 'files')} files",
            big.get("decade"),
        ),
    ]
    portfolios = [(name, found) for name, found in portfolios if found]
    if not portfolios:
        return

    def row(name: str, key: str, shown: Any = seconds) -> list[str]:
        return [name] + [shown(found.get(key)) for _, found in portfolios]

    def share(name: str, key: str, floor: str) -> list[str]:
        return [name] + [times(ratio(found.get(key), found.get(floor))) for _, found in portfolios]

    report.tables.append(
        (
            "7. Whole-process `python -m tracker validate` (default settings)",
            ["Figure", *[name for name, _ in portfolios]],
            [
                row("YAML size", "yaml_bytes", lambda v: megabytes(v / 1e6) if v else "—"),
                row("Largest file", "largest_bytes", lambda v: f"{v / 1e6:.1f} MB" if v else "—"),
                row("PyYAML C loader, bare parse, whole process", "c_loader_s"),
                row("`json.load` of the same data, whole process", "json_load_s"),
                row("**validate, no cache (cold)**", "cold_s"),
                share("Cold ÷ C loader", "cold_s", "c_loader_s"),
                row("**validate, warm parse cache**", "warm_s"),
                share("Warm ÷ json.load", "warm_s", "json_load_s"),
                row("Peak RSS, cold", "cold_rss_mb", megabytes),
                row("Peak RSS, warm", "warm_rss_mb", megabytes),
                row("Exit code (0: loaded, no errors)", "cold_exit", str),
                row("**`summary`, warm parse cache**", "summary_s"),
                row("**`update OBJECTIVE --dry-run`, warm parse cache**", "update_dry_run_s"),
                row("… the objective updated (last of the first file)", "update_objective", str),
                [
                    "Exit codes of `summary` / `update --dry-run`",
                    *[
                        f"{found.get('summary_exit')} / {found.get('update_dry_run_exit')}"
                        for _, found in portfolios
                    ],
                ],
            ],
        )
    )
    for name, found in portfolios:
        for command, key in (("summary", "summary"), ("update --dry-run", "update_dry_run")):
            exit_code = found.get(f"{key}_exit")
            report.checks.append(
                Check(
                    "8",
                    f"Whole-process `{command}` at {name}, warm cache"
                    + ("" if exit_code in (0, None) else f" (exit {exit_code})"),
                    found.get(f"{key}_s") if exit_code == 0 else None,
                    COMMAND_S,
                    f"json.load {seconds(found.get('json_load_s'))}",
                    f"≤ {COMMAND_S:g} s",
                )
            )
    limit_note = file_limit.note(big.get("file_limit") or {})
    if limit_note is not None:
        report.notes.append(limit_note)
    decade = big.get("decade")
    if not decade:
        return
    label = f"{DECADE_PLANS} files × {DECADE_OBJECTIVES:,}"
    c_loader, json_load = decade.get("c_loader_s"), decade.get("json_load_s")
    report.checks += [
        Check(
            "7",
            f"`validate` loads {label} on default settings (exit 0)",
            float(decade.get("cold_exit", 1)),
            0.0,
            "—",
            "exit 0",
            unit="exit",
        ),
        Check(
            "7",
            f"Whole-process `validate` at {label}, no cache",
            decade.get("cold_s"),
            0.15 * c_loader if c_loader else None,
            f"C loader {seconds(c_loader)}",
            "≤ 0.15× the C loader",
        ),
        Check(
            "7",
            f"Whole-process `validate` at {label}, warm cache",
            decade.get("warm_s"),
            3 * json_load if json_load else None,
            f"json.load {seconds(json_load)}",
            "≤ 3× json.load",
        ),
    ]
    missed = [check for check in report.checks[-2:] if check.met is False]
    profiles = big.get("decade_profiles") or {}
    if missed:
        report.notes.append(
            (
                f"What stands in the way at {label}",
                obstacles.whole_process(decade, profiles.get(False)),
            )
        )
    for warm, title in ((False, "no cache"), (True, "warm cache")):
        if warm in profiles:
            found = profiles[warm]
            report.notes.append(
                (
                    f"Profile: whole-process `validate` at {label}, {title} (cProfile)",
                    found if isinstance(found, str) else processes.table(found),
                )
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1,000 objectives, one run each")
    parser.add_argument("--sizes", help="comma-separated sizes (default 1000,10000)")
    parser.add_argument("--repeats", type=int, help="fresh processes per load figure (default 3)")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to leave out: processes, hostile, app, changes, browser, "
        "exports, app_memory",
    )
    parser.add_argument("--out", type=Path, help="report file (default bench/RESULTS.md)")
    args = parser.parse_args(argv)
    sizes = (
        [int(s) for s in args.sizes.split(",")]
        if args.sizes
        else ([1000] if args.quick else [1000, 10000])
    )
    repeats = args.repeats or (1 if args.quick else 3)
    out = args.out or (OUT / "RESULTS-quick.md" if args.quick else RESULTS)
    skip = {part.strip() for part in args.skip.split(",") if part.strip()}
    command = " ".join(["python bench/run.py", *(argv if argv is not None else sys.argv[1:])])
    report = Report(command.strip(), sizes, datetime.now(), load_average())
    began = time.monotonic()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ipap-bench-", dir=OUT) as folder:
        work = Path(folder)
        results = [measure_size(n, repeats, work, skip) for n in sizes]
        if "processes" not in skip:
            decade = work / "portfolio-10-plans"
            generate(DECADE_PLANS * DECADE_OBJECTIVES, decade, seed=42, plans=DECADE_PLANS)
            log(f"{DECADE_PLANS} files x {DECADE_OBJECTIVES:,}: whole-process validate")
            results[-1]["decade"] = processes.measure(decade, repeats)
            results[-1]["decade_data"] = str(decade)
            results[-1]["decade_profiles"] = {
                warm: processes.profile(decade, warm) for warm in (False, True)
            }
        if "app_memory" not in skip:
            log(f"{sizes[-1]:,}: the app server's memory, every page and every pack format")
            results[-1]["app_memory"] = measure_app_memory(sizes[-1], work)
        if "hostile" not in skip:
            log(f"hostile files at the {file_limit.limit_mb():g} MB file limit of issue 19")
            results[-1]["file_limit"] = file_limit.measure()
        if "browser" not in skip:
            log("browser floor: Streamlit drawing one small chart")
            try:
                results[0]["browser_floor"] = browser.measure_floor(work / "floor")
            except Exception as error:  # reported, like every other failure
                results[0]["browser_floor"] = {"error": f"{type(error).__name__}: {error}"}
        build_report(results, report, work)
        (OUT / "results.json").write_text(json.dumps(results, indent=1, default=str))
    report.load_after = load_average()
    report.minutes = (time.monotonic() - began) / 60
    write(report, out)
    log(f"wrote {out} in {report.minutes:.1f} minutes")
    missed = [check for check in report.checks if check.met is False]
    for check in missed:
        log(f"missed: {check.figure}: {check.measured} against {check.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
