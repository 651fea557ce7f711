"""Benchmark the search at 10,000 objectives: building the index, and each query of issue 14.

The index is built once per version of the data (the app keeps it beside the data); every
search after that is a few vectorised substring tests. Prints one Markdown table with the
median time and the number of objectives found for each query, so "Cacak" finding as many
as "Čačak" is visible beside its cost.

Usage::

    python bench/search.py                 # 10,000 objectives in 25 plans
    python bench/search.py --objectives 1000 --runs 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.generate import generate  # noqa: E402
from tracker.load.loader import load_portfolio  # noqa: E402
from tracker.tables.frames import build_frames  # noqa: E402
from tracker.tables.search import SearchIndex, ranked  # noqa: E402

TODAY = date(2026, 12, 1)
# The queries issue 14 tried, and their other spellings.
QUERIES = ("Cacak", "Čačak", "Чачак", "surplus Niš", "surplus nis", "2000 tonnes", "Nis",
           "ammunition")  # fmt: skip
# What a search may cost at 10,000 objectives before typing feels slow.
QUERY_TARGET_SECONDS = 0.25


def median_seconds(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=10_000)
    parser.add_argument("--plans", type=int, default=25)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        generate(args.objectives, folder, plans=args.plans)
        portfolio = load_portfolio(folder, today=TODAY)
    objectives = build_frames(portfolio, today=TODAY).objectives
    build = median_seconds(lambda: SearchIndex.of_portfolio(portfolio), max(1, args.runs // 2))
    index = SearchIndex.of_portfolio(portfolio)
    print(f"{len(portfolio.objectives):,} objectives; index built in {build:.2f} s (median)\n")
    print("| Query | Found | First hit | Median ms | Target ms |")
    print("|---|---|---|---|---|")
    slow = []
    for query in QUERIES:
        seconds = median_seconds(lambda q=query: ranked(objectives, index.rank(q)), args.runs)
        hits = ranked(objectives, index.scores(query))
        first = hits["title"].iloc[0] if len(hits) else "—"
        print(f"| {query} | {len(hits):,} | {first} | {seconds * 1000:.0f} | "
              f"{QUERY_TARGET_SECONDS * 1000:.0f} |")  # fmt: skip
        if seconds > QUERY_TARGET_SECONDS:
            slow.append(query)
    if slow:
        print(f"\nslower than the target: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
