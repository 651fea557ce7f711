"""`validate`: check plan files and print every problem as path:line:column: message."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tracker.cli.common import add_path_argument, chosen_path, counted
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from tracker.load.loader import load_portfolio
from tracker.problems import problem_total

FORMATS = ("text", "github", "json")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check the data files; exit 1 when any problem is found",
        description="Check plan files. Exit 0 when valid, 1 when any problem, 2 on a usage error.",
    )
    add_path_argument(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), github (workflow annotations) or json",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    chosen = chosen_path(args)
    if chosen and not Path(chosen).exists():
        print(f"error: {chosen}: no such file or folder", file=sys.stderr)
        return EXIT_USAGE
    portfolio = load_portfolio(chosen)
    problems = sorted(portfolio.problems, key=lambda p: (p.path, p.line, p.column))
    summary = (
        f"{counted(problem_total(problems), 'problem')} in "
        f"{counted(len(portfolio.files), 'file')}; "
        f"{counted(len(portfolio.objectives), 'valid objective')}"
    )
    if args.format == "json":
        payload = {
            "valid": not problems,
            "files": portfolio.files,
            "objectives": len(portfolio.objectives),
            "problems": [p.as_dict() for p in problems],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem.as_github_annotation() if args.format == "github" else str(problem))
        print(
            ("ok: " if not problems else "") + summary, file=sys.stderr if problems else sys.stdout
        )
    return EXIT_PROBLEMS if problems else EXIT_OK
