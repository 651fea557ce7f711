"""Write bench/RESULTS.md: every figure beside its floor and its target, met or missed.

The file is written atomically (a temporary file renamed into place), so a reader or a
concurrent run never sees half a report.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from tracker.edit.atomic import write_atomically

LIBRARIES = ("streamlit", "pandas", "plotly", "pydantic", "PyYAML", "rapidyaml", "msgspec")


@dataclass
class Check:
    """One target: the figure, what it is held against, and whether it was met."""

    item: str
    figure: str
    measured: float | None
    limit: float | None
    floor: str
    target: str
    unit: str = "s"

    @property
    def met(self) -> bool | None:
        if self.measured is None or self.limit is None:
            return None
        return self.measured <= self.limit

    def verdict(self) -> str:
        return {True: "met", False: "**missed**", None: "not measured"}[self.met]


@dataclass
class Report:
    command: str
    sizes: list[int]
    started: datetime
    load_before: str
    load_after: str = ""
    tables: list[tuple[str, list[str], list[list[str]]]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    minutes: float = 0.0


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def seconds(value: Any) -> str:
    if not isinstance(value, (int, float)):
        return "—"
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def megabytes(value: Any) -> str:
    return f"{value:.0f} MB" if isinstance(value, (int, float)) else "—"


def times(value: Any) -> str:
    return f"{value:.2f}×" if isinstance(value, (int, float)) else "—"


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def render(report: Report) -> str:
    versions = ", ".join(f"{name} {_version(name)}" for name in LIBRARIES)
    parts = [
        "# Benchmark results",
        "",
        "Written by `python bench/run.py`; do not edit by hand. How to run it and what each "
        "figure means: the README's performance section.",
        "",
        f"- Date: {report.started:%Y-%m-%d %H:%M}",
        f"- Machine: {cpu_model()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} ({platform.system()} {platform.machine()})",
        f"- Libraries: {versions}",
        f"- Command: `{report.command}` (sizes: {', '.join(f'{n:,}' for n in report.sizes)}; "
        f"{report.minutes:.1f} minutes)",
        f"- Load average (1, 5, 15 min) before / after: {report.load_before} / "
        f"{report.load_after}. The machine is shared: each time is the best of several runs "
        "in fresh processes, and a high load average means every figure is pessimistic.",
        "",
        "## Targets",
        "",
        markdown_table(
            ["Item", "Figure", "Measured", "Floor", "Target", "Verdict"],
            [
                [
                    check.item,
                    check.figure,
                    _shown(check.measured, check.unit),
                    check.floor,
                    check.target,
                    check.verdict(),
                ]
                for check in report.checks
            ],
        ),
    ]
    for title, head, rows in report.tables:
        parts += ["", f"## {title}", "", markdown_table(head, rows)]
    for title, text in report.notes:
        parts += ["", f"## {title}", "", text.strip()]
    return "\n".join(parts) + "\n"


def _shown(value: float | None, unit: str) -> str:
    if unit == "MB":
        return megabytes(value)
    if unit == "files":
        return "—" if value is None else f"{value:.0f} file(s)"
    if unit == "exit":
        return "—" if value is None else f"exit {value:.0f}"
    return seconds(value)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def write(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, render(report).encode("utf-8"))
