"""`validate`: check plan files and print every problem as path:line:column: message."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tracker.cli.common import (
    add_command,
    add_language_option,
    add_path_argument,
    chosen_path,
    files_counted,
    problems_counted,
    valid_objectives_counted,
)
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from tracker.i18n import t, tn
from tracker.load.unreadable import Unreadable
from tracker.load.verdict import Verdict, load_verdict
from tracker.problems import Problem, problem_total

FORMATS = ("text", "github", "json")


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "validate",
        run,
        help=t("check the data files; exit 1 when any problem is found"),
        description=t(
            "Check plan files. Exit 0 when valid (warnings are printed but pass), 1 when any "
            "error (or, with --strict, any warning), 2 on a usage error."
        ),
    )
    add_path_argument(parser)
    add_language_option(parser)
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=t("text (default), github (workflow annotations) or json"),
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help=t("fail (exit 1) on sanity warnings too, not only on errors"),
    )


def run(args: argparse.Namespace) -> int:
    chosen = chosen_path(args)
    if chosen and not Path(chosen).exists():
        print(t("error: {path}: no such file or folder", path=chosen), file=sys.stderr)
        return EXIT_USAGE
    # The verdict alone (read back when nothing changed; tracker.load.verdict), not the
    # models: what is printed is the same either way.
    portfolio = load_verdict(chosen)
    problems = sorted(portfolio.problems, key=lambda p: (p.path, p.line, p.column))
    errors = [p for p in problems if not p.is_warning]
    failing = problems if args.strict else errors
    if args.format == "json":
        payload = {
            "valid": not failing,
            "files": portfolio.files,
            "objectives": len(portfolio.objectives),
            "unreadable": [u.as_dict() for u in portfolio.unreadable],
            "problems": [p.as_dict() for p in problems],
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem.as_github_annotation() if args.format == "github" else str(problem))
        line = summary(portfolio, errors, problem_total(problems))
        print(
            line if failing else t("ok: {summary}", summary=line),
            file=sys.stderr if failing else sys.stdout,
        )
    return EXIT_PROBLEMS if failing else EXIT_OK


def summary(portfolio: Verdict, errors: list[Problem], shown: int) -> str:
    """One line: what is wrong, how many objectives count and which could not be read."""
    warning_count = shown - problem_total(errors)  # `shown` counts past each file's cap too
    found = problems_counted(problem_total(errors))
    if warning_count:
        warnings = tn("{count} warning", "{count} warnings", warning_count)
        found = t("{problems} and {warnings}", problems=found, warnings=warnings)
    text = t(
        "{problems} in {files}; {objectives}",
        problems=found,
        files=files_counted(len(portfolio.files)),
        objectives=valid_objectives_counted(len(portfolio.objectives)),
    )
    if portfolio.unreadable:
        names = ", ".join(u.label() for u in sorted(portfolio.unreadable, key=Unreadable.place))
        unread = tn(
            "{count} objective could not be read ({names})",
            "{count} objectives could not be read ({names})",
            len(portfolio.unreadable),
            names=names,
        )
        text = f"{text}; {unread}"
    return text
