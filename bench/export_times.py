"""Time each meeting-pack format on a data folder: load, frames, then one build per format.

Usage::

    python bench/export_times.py [DATA] [--formats pptx,html,pdf,xlsx,md]

Prints seconds and size per format; with a synthetic portfolio (bench/generate.py) this
shows how the exports scale. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.export import FORMATS, ReportError, build_report
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames


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
    for fmt in args.formats.split(","):
        begin = time.perf_counter()
        try:
            content = build_report(frames, portfolio, fmt)
        except ReportError as error:
            print(f"{fmt:5} failed: {error}")
            continue
        print(f"{fmt:5} {time.perf_counter() - begin:6.2f} s   {len(content) / 1e6:7.2f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
