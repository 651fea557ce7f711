"""`summary`: objectives per plan and status, as a table for a terminal or an e-mail."""

from __future__ import annotations

import argparse
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

if TYPE_CHECKING:
    import pandas as pd


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers, "summary", run, help="print objectives per plan and status as a table"
    )
    add_path_argument(parser)
    add_language_option(parser)


def status_table(objectives: pd.DataFrame) -> pd.DataFrame:
    """Plans down, statuses across in their fixed order, with totals."""
    import pandas as pd

    table = pd.crosstab(objectives["plan"], objectives["status"], dropna=False)
    table = table.reindex(columns=STATUS_ORDER, fill_value=0)
    table.columns = [t(STATUS_LABELS[s]) for s in STATUS_ORDER]
    total = t("Total")
    table[total] = table.sum(axis=1)
    table.loc[total] = table.sum(axis=0)
    table.index.name = t("Plan")
    return table


def run(args: argparse.Namespace) -> int:
    # pandas only once there is a table to print: `summary --help` starts without it.
    from tracker.load.loader import load_portfolio
    from tracker.tables.frames import build_frames

    portfolio = load_portfolio(chosen_path(args))
    frames = build_frames(portfolio)
    if frames.objectives.empty:
        print(t("no valid objectives found"))
    else:
        print(status_table(frames.objectives).to_string())
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
