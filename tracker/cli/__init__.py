"""The command line: a thin layer that parses options and calls the library.

Each command lives in `tracker/cli/` with `add_parser(subparsers)` and `run(args)`,
so adding a command is adding a module and one line below.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext

from tracker.cli import (
    hash_password,
    import_plan,
    import_updates,
    report,
    schema,
    summary,
    sync,
    update,
    validate,
    workbook,
)
from tracker.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE
from tracker.i18n import language_of, using_language


def language_for(args: argparse.Namespace) -> AbstractContextManager[object]:
    """The language --lang asks for, for this command only; else IPAP_LANG's (or English).

    Machine formats (`--format json` or `github`) stay English whatever was asked.
    """
    if getattr(args, "format", None) in ("json", "github"):
        return using_language("en")
    if language_of(getattr(args, "lang", None)):  # an unknown one is the command's to refuse
        return using_language(args.lang)
    return nullcontext()


COMMANDS = [
    validate,
    summary,
    schema,
    report,
    update,
    sync,
    workbook,
    import_updates,
    import_plan,
    hash_password,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tracker",
        description="Check, summarise and update the IPAP commitment files.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:  # argparse has printed the usage error already
        return int(exit_request.code or 0) and EXIT_USAGE
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        with language_for(args):
            return int(args.run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug must still not show a traceback to a desk officer
        print(
            f"error: {type(error).__name__}: {error}\n"
            "This is a bug in the tracker, not in your data; nothing was written. "
            "Please report it with the command you ran.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
