"""cProfile's answer in two short tables: the project's own functions by cumulative time
(which step of the page or command the time goes to), and every function by own time (what
is actually slow). bench/run.py prints both for a "long lists" target it missed (issue 19).

Kept apart from bench/probes.py and bench/processes.py, which both profile: an in-process
probe passes its `pstats.Stats`, a whole process the file that `python -m cProfile -o` wrote.
"""

from __future__ import annotations

import pstats
from pathlib import Path
from typing import Any

# The project's own code, by the start of its path relative to the project.
PROJECT_PARTS = ("tracker/", "components/", "app.py")
ROWS = 10
WAITING = ("<built-in method time.sleep>", "<method 'acquire' of '_thread.lock' objects>")


def _where(filename: str, project: Path) -> str:
    """A path relative to the project (or its last two parts, for a library's file)."""
    path = filename.replace("\\", "/")
    root = str(project).replace("\\", "/").rstrip("/") + "/"
    if path.startswith(root):
        return path[len(root) :]
    parts = path.split("/")
    return "/".join(parts[-2:]) if len(parts) > 1 else path


def summarise(stats: pstats.Stats, project: Path, whole_s: float) -> dict[str, Any]:
    """The two tables' rows: (function, file:line, own s, cumulative s) for the project's
    functions by cumulative time, and for every function by own time."""
    entries = []
    for (filename, line, name), row in stats.stats.items():  # type: ignore[attr-defined]
        _calls, _primitive, own, cumulative, _callers = row
        where = _where(filename, project)
        entries.append(
            {"function": name, "file": f"{where}:{line}", "own_s": own, "cumulative_s": cumulative}
        )
    ours = [
        e for e in entries if e["file"].startswith(PROJECT_PARTS) and e["function"] != "<module>"
    ]
    return {
        "whole_s": whole_s,
        "project": sorted(ours, key=lambda e: -e["cumulative_s"])[:ROWS],
        # A thread waiting for another (AppTest's, for the script's) is not work to cut.
        "own": sorted(
            (e for e in entries if e["function"] not in WAITING), key=lambda e: -e["own_s"]
        )[:ROWS],
    }


def from_file(path: Path, project: Path, whole_s: float) -> dict[str, Any]:
    return summarise(pstats.Stats(str(path)), project, whole_s)


def table(summary: dict[str, Any] | None) -> str:
    """Markdown for RESULTS.md: both tables, with each row's share of the profiled whole."""
    if not summary or not summary.get("own"):
        return "(no profile recorded)"
    whole = summary.get("whole_s") or 0.0

    def rows(entries: list[dict[str, Any]], key: str) -> list[str]:
        return [
            f"| `{e['function']}` | {e['file']} | {e['own_s']:.3f} s | {e['cumulative_s']:.3f} s | "
            + (f"{e[key] / whole:.0%}" if whole else "—")
            + " |"
            for e in entries
        ]

    head = "| Function | File:line | Own | Cumulative | Share of the whole |\n|---|---|---|---|---|"
    return "\n".join(
        [
            f"The whole, profiled: {whole:.3f} s. The project's functions by cumulative time:",
            "",
            head,
            *rows(summary["project"], "cumulative_s"),
            "",
            "Every function by own time:",
            "",
            head,
            *rows(summary["own"], "own_s"),
        ]
    )
