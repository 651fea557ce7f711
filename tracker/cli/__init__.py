"""The command line: a thin layer that parses options and calls the library.

Each command lives in `tracker/cli/` with `add_parser(subparsers)` and `run(args)`,
so adding a command is adding a module and one line below.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext

from tracker import settings
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
from tracker.cli.common import add_language_option
from tracker.cli.exits import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_USAGE
from tracker.cli.language import argparse_speaking, language_asked
from tracker.i18n import current_language, language_of, t, tp, using_language


def language_for(args: argparse.Namespace) -> AbstractContextManager[object]:
    """The language --lang asks for, for this command only; else IPAP_LANG's (or English).

    Machine formats (`--format json` or `github`) stay English whatever was asked.
    """
    if getattr(args, "format", None) in ("json", "github"):
        return using_language("en")
    asked = getattr(args, "lang", None) or getattr(args, LANGUAGE_BEFORE_COMMAND, None)
    if language_of(asked):  # an unknown one is the command's to refuse
        return using_language(asked)
    return nullcontext()


# `python -m tracker --lang sr-Cyrl validate` as well as `validate --lang sr-Cyrl`: the first
# is kept apart, since a command's own --lang default would overwrite it in one namespace.
LANGUAGE_BEFORE_COMMAND = "lang_before_command"


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
    """Every command's parser, its help in the current language (see tracker.cli.language)."""
    parser = argparse.ArgumentParser(
        prog="python -m tracker",
        description=t("Check, summarise and update the IPAP commitment files."),
    )
    add_language_option(parser, dest=LANGUAGE_BEFORE_COMMAND)
    subparsers = parser.add_subparsers(
        dest="command", metavar=tp("a placeholder on the command line", "COMMAND")
    )
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    # The help and argparse's own messages read in the language --lang names (--help may
    # come before it), else IPAP_LANG's; the command itself runs in language_for(args).
    # IPAP_LANG is read once, here, and held for the thread: every message otherwise reads the
    # environment again (a missing variable costs a caught KeyError each time: a tenth of a
    # second for the 2,000 problems `validate` prints at 10 files of 1,000 objectives).
    asked = language_asked(arguments) or current_language()
    with using_language(asked), argparse_speaking():
        return _main(arguments)


def _warn_about_settings() -> None:
    """Each bad environment setting, once, on stderr before the command's own output (so
    `--format json|github` on stdout stays valid); the command runs with the default."""
    for mistake in settings.problems():
        print(t("warning: {mistake}", mistake=mistake), file=sys.stderr)


def _main(arguments: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exit_request:  # argparse has printed the usage error already
        return int(exit_request.code or 0) and EXIT_USAGE
    if not getattr(args, "run", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        with language_for(args):
            _warn_about_settings()
            return int(args.run(args))
    except KeyboardInterrupt:
        print(t("interrupted"), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # a bug must still not show a traceback to a desk officer
        print(
            t(
                "error: {kind}: {error}\n"
                "This is a bug in the tracker, not in your data; nothing was written. "
                "Please report it with the command you ran.",
                kind=type(error).__name__,
                error=str(error),
            ),
            file=sys.stderr,
        )
        return EXIT_INTERNAL
