"""Options every command shares: where the data is."""

from __future__ import annotations

import argparse

from tracker import settings
from tracker.i18n import LANGUAGE_ENV, LANGUAGES, tn


def add_data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="PATH",
        help=f"data file or folder (default: ${settings.DATA_ENV}, else commitments/)",
    )


def add_path_argument(parser: argparse.ArgumentParser) -> None:
    """A positional PATH as well as --data, so `validate FILE` reads as users expect."""
    parser.add_argument("path", nargs="?", metavar="PATH", help="data file or folder")
    add_data_option(parser)


def chosen_path(args: argparse.Namespace) -> str | None:
    return getattr(args, "path", None) or getattr(args, "data", None)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    """`--lang`: the language of the human messages (machine formats stay English)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=f"language of the messages (default: ${LANGUAGE_ENV}, else en)",
    )


def problems_counted(count: int) -> str:
    return tn("{count} problem", "{count} problems", count)


def files_counted(count: int) -> str:
    return tn("{count} file", "{count} files", count)


def valid_objectives_counted(count: int) -> str:
    return tn("{count} valid objective", "{count} valid objectives", count)
