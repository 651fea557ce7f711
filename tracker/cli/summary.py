"""`summary`: objectives per plan and status, as a table for a terminal or an e-mail."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import TYPE_CHECKING, Any

from tracker.cli.common import (
    add_command,
    add_language_option,
    add_path_argument,
    chosen_path,
    problems_counted,
)
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS
from tracker.i18n import t
from tracker.problems import problem_total
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.text import plan_name

if TYPE_CHECKING:
    from collections.abc import Iterable


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers, "summary", run, help=t("print objectives per plan and status as a table")
    )
    add_path_argument(parser)
    add_language_option(parser)


def status_table(objectives: Iterable[tuple[str, str]]) -> str:
    """Plans down (by name, "IPAP 1", „ИПАП 1”, in the order of their ids), statuses across
    in their fixed order, with totals, as aligned text.

    Counted from each objective's (plan id, status), as the portfolio's verdict keeps them:
    the table needs neither pandas, the frames nor the models, which were most of
    `summary`'s time at 10,000 objectives (issue 19)."""
    counts: dict[str, Counter[str]] = {}
    for plan_id, status in objectives:
        counts.setdefault(plan_id, Counter())[status] += 1
    rows = [
        (plan_name(plan), [by_status[s] for s in STATUS_ORDER])
        for plan, by_status in sorted(counts.items())
    ]
    rows = [(plan, [*cells, sum(cells)]) for plan, cells in rows]
    total = t("Total")
    rows.append(
        (total, [sum(column) for column in zip(*(cells for _, cells in rows), strict=True)])
    )
    headers = [t(STATUS_LABELS[s]) for s in STATUS_ORDER] + [total]
    return aligned(t("Plan"), headers, rows)


def aligned(index_name: str, headers: list[str], rows: list[tuple[str, list[int]]]) -> str:
    """A table as pandas prints one: names left-aligned under the index's name (on a line of
    its own), numbers right-aligned under their headers, two spaces between columns."""
    first = max([len(index_name), *(len(name) for name, _ in rows)])
    widths = [
        max([len(header), *(len(str(cells[k])) for _, cells in rows)])
        for k, header in enumerate(headers)
    ]
    lines = [" " * first + "".join(f"  {h:>{w}}" for h, w in zip(headers, widths, strict=True))]
    lines.append(index_name.ljust(len(lines[0])))
    for name, cells in rows:
        lines.append(
            name.ljust(first) + "".join(f"  {c:>{w}}" for c, w in zip(cells, widths, strict=True))
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    # Only once there is a table to print: `summary --help` starts without it. The verdict
    # (tracker.load.verdict) is read back when no file changed, without building the models.
    from tracker.load.verdict import load_verdict

    portfolio = load_verdict(chosen_path(args))
    if not portfolio.objectives:
        print(t("no valid objectives found"))
    else:
        print(status_table(portfolio.objectives))
    if portfolio.errors():  # sanity warnings are `validate`'s to show, not a failure
        print()
        print(
            t(
                "{problems} in the data: run `{command}` to see them",
                problems=problems_counted(problem_total(portfolio.errors())),
                command=validate_command(chosen_path(args)),
            )
        )
        return EXIT_PROBLEMS
    return EXIT_OK


def validate_command(path: str | None) -> str:
    """The command to print in a hint, with the same data path the user chose."""
    return f"python -m tracker validate {path}" if path else "python -m tracker validate"
