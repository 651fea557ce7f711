"""Write a bench script's latest figures into its marked section of SECURITY.md.

Each script owns one section between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`,
so running one bench never disturbs the others' figures, and the promises in SECURITY.md sit
beside the numbers that back them. The file is replaced atomically under a lock, because the
three bench scripts may finish at the same time.
"""

from __future__ import annotations

import os
import platform
from datetime import datetime
from pathlib import Path

from filelock import FileLock

from tracker.edit.atomic import write_atomically

PROJECT = Path(__file__).resolve().parent.parent
SECURITY_FILE = PROJECT / "SECURITY.md"


class MissingSection(Exception):
    """SECURITY.md has no markers for this bench: add them where the figures belong."""


def markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


def machine_line() -> str:
    """Which machine and when: figures mean little without it."""
    load = os.getloadavg()[0]  # a shared machine: what else was running matters
    return (
        f"Measured {datetime.now().strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores "
        f"(load average {load:.1f} when written), Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}."
    )


def replace_section(name: str, markdown: str, path: Path = SECURITY_FILE) -> None:
    """Put `markdown` between the section's markers, leaving everything else as it was."""
    start, end = markers(name)
    with FileLock(str(path) + ".lock", timeout=60):
        text = path.read_text(encoding="utf-8")
        head, found, rest = text.partition(start)
        _, found_end, tail = rest.partition(end)
        if not found or not found_end:
            raise MissingSection(f"{path}: add the lines {start!r} and {end!r} to hold the figures")
        updated = f"{head}{start}\n{markdown.strip()}\n{end}{tail}"
        write_atomically(path, updated.encode("utf-8"))


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
    return "\n".join(lines)
