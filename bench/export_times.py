"""Time each meeting-pack format on a data folder: load, frames, then one build per format.

Usage::

    python bench/export_times.py [DATA] [--formats pptx,html,pdf,xlsx,md]

Prints seconds and size per format; with a synthetic portfolio (bench/generate.py) this
shows how the exports scale. Nothing is written to disk. bench/probes.py's `exports` probe
calls `build_each` for bench/run.py's figures, so both time the same builds.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.export import FORMATS, ReportError, build_report
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames


def build_each(
    frames: Any, portfolio: Any, formats: Iterable[str], since: date | None = None
) -> dict[str, Any]:
    """`{fmt}_s` and `{fmt}_bytes` for each format built from the same loaded data, or
    `{fmt}_error` where the build was refused (no Chromium for a PDF, ...); `since` is the
    changes window's first day (None: the default window, 90 days before the newest entry)."""
    found: dict[str, Any] = {}
    for fmt in formats:
        begin = time.perf_counter()
        try:
            content = build_report(frames, portfolio, fmt, since=since)
        except ReportError as error:
            found[f"{fmt}_error"] = str(error)
            continue
        found[f"{fmt}_s"] = time.perf_counter() - begin
        found[f"{fmt}_bytes"] = len(content)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", help="data folder (default: commitments/)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    started = time.perf_counter()
    portfolio = load_portfolio(args.data)
    loaded = time.perf_counter()
    frames = build_frames(portfolio)
    framed = time.perf_counter()
    print(
        f"{len(portfolio.objectives)} objectives, {len(frames.updates)} updates, "
        f"{len(frames.evidence)} evidence, {len(frames.measurements)} measurements"
    )
    print(f"load {loaded - started:6.2f} s   frames {framed - loaded:6.2f} s")
    formats = args.formats.split(",")
    found = build_each(frames, portfolio, formats)
    for fmt in formats:
        if f"{fmt}_error" in found:
            print(f"{fmt:5} failed: {found[f'{fmt}_error']}")
        else:
            print(f"{fmt:5} {found[f'{fmt}_s']:6.2f} s   {found[f'{fmt}_bytes'] / 1e6:7.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
