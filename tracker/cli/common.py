"""What the commands share: how one is declared, its common options, how a usage error reads.

Each command module starts with `add_command(...)` and takes its shared options from here,
so an option means and reads the same in every command that has it.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import settings
from tracker.cli.exits import EXIT_USAGE
from tracker.i18n import LANGUAGE_ENV, LANGUAGES, t, tn, tp
from tracker.text import written_number

if TYPE_CHECKING:
    from tracker.edit.auth import Editor


def add_command(
    subparsers: Any,
    name: str,
    run: Callable[[argparse.Namespace], int],
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """The command's parser, with `run(args)` as what it does (tracker.cli.main calls it)."""
    parser = subparsers.add_parser(name, help=help, description=description)
    parser.set_defaults(run=run)
    return parser


def usage(message: str) -> int:
    """Say on stderr what is wrong with the call, and give the exit code for it."""
    print(t("error: {message}", message=message), file=sys.stderr)
    return EXIT_USAGE


def iso_date(text: str) -> datetime.date:
    """An argparse type: a YYYY-MM-DD day, or a usage error saying how to write one."""
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            t("'{text}' is not a date: write it as YYYY-MM-DD", text=text)
        ) from None


def number(text: str) -> float:
    """An argparse type: a number written as the workbook import reads one (400.5 or 400,5:
    tracker.text.written_number), or a usage error saying how to write one (argparse's own
    would name Python's type, "invalid float value")."""
    found = written_number(text)
    if found is None:  # digits only: never inf or nan
        raise argparse.ArgumentTypeError(
            t("'{text}' is not a number: write it as 400, 400.5 or 400,5", text=text)
        )
    return found


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar=tp("a placeholder on the command line", "PATH"),
        help=t(
            "data file or folder (default: ${variable}, else commitments/)",
            variable=settings.DATA_ENV,
        ),
    )


def add_path_argument(parser: argparse.ArgumentParser) -> None:
    """A positional PATH as well as --data, so `validate FILE` reads as users expect."""
    parser.add_argument(
        "path",
        nargs="?",
        metavar=tp("a placeholder on the command line", "PATH"),
        help=t("data file or folder"),
    )
    add_data_option(parser)


def chosen_path(args: argparse.Namespace) -> str | None:
    return getattr(args, "path", None) or getattr(args, "data", None)


def add_table_argument(parser: argparse.ArgumentParser) -> None:
    """The workbook or CSV an import reads."""
    parser.add_argument(
        "file",
        metavar=tp("a placeholder on the command line", "FILE"),
        help=t("FILE.xlsx, or FILE.csv (UTF-8, ; or ,)"),
    )


def add_dry_run_option(parser: argparse.ArgumentParser, does: str) -> None:
    """`--dry-run`: do everything but write; `does` (translated) says what is printed instead."""
    parser.add_argument(
        "--dry-run", action="store_true", help=t("{does}; write nothing", does=does)
    )


def typed_text(text: str) -> str:
    """An argparse type for text that goes into a plan file. A terminal that is not UTF-8
    (cp1250, ISO 8859-5) hands Python its bytes as lone surrogates: saved, "Čačak" became
    "\\uDC8Aa\\uDCE8ak" in the file, which no YAML reader takes."""
    found = _UNDECODED.search(text)
    if found is not None:
        raise argparse.ArgumentTypeError(
            t(
                "this text is not UTF-8 as the terminal sent it (byte 0x{byte}): set the "
                "terminal to UTF-8 and type it again",
                byte=f"{ord(found.group()) - 0xDC00:02X}",
            )
        )
    return text


# What Python's file-system decoding makes of a byte that is not UTF-8 (PEP 383).
_UNDECODED = re.compile("[\udc80-\udcff]")


def add_by_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`--by NAME`: who made the change(s), recorded as `by` and as the commit's author;
    `help` (translated) says so."""
    parser.add_argument(
        "--by", type=typed_text, metavar=tp("a placeholder on the command line", "NAME"), help=help
    )


def add_git_commit_option(parser: argparse.ArgumentParser, help: str) -> None:
    """`--git-commit` / `--no-git-commit`; neither given: the [editing] setting decides;
    `help` (translated) says what is committed."""
    parser.add_argument(
        "--git-commit", action=argparse.BooleanOptionalAction, default=None, help=help
    )


def git_commit_wanted(args: argparse.Namespace) -> bool:
    """--git-commit or --no-git-commit when given, else `git_commit` in the [editing] settings."""
    from tracker.edit import auth

    if args.git_commit is not None:
        return bool(args.git_commit)
    secrets, mistakes = auth.read_secrets()
    for mistake in mistakes:
        print(t("warning: {mistake}", mistake=mistake), file=sys.stderr)
    return auth.editing_settings(secrets).git_commit


def editor_from(args: argparse.Namespace, data: Path) -> Editor | None:
    """Who runs the command: --by, else IPAP_USER, git's user.name or the login; None if unknown.

    Whoever runs a command can already write the files, so no password is asked.
    """
    from tracker.edit import auth

    if args.by is not None:
        name, email = args.by.strip(), ""
    else:
        name, email = auth.default_user(data if data.exists() else Path.cwd())
    return auth.command_line_editor(name, email) if name else None


def add_language_option(parser: argparse.ArgumentParser, dest: str = "lang") -> None:
    """`--lang`: the language of the human messages (machine formats stay English)."""
    parser.add_argument(
        "--lang",
        dest=dest,
        choices=LANGUAGES,
        help=t("language of the messages (default: ${variable}, else en)", variable=LANGUAGE_ENV),
    )


def problems_counted(count: int) -> str:
    return tn("{count} problem", "{count} problems", count)


def files_counted(count: int) -> str:
    return tn("{count} file", "{count} files", count)


def valid_objectives_counted(count: int) -> str:
    return tn("{count} valid objective", "{count} valid objectives", count)
