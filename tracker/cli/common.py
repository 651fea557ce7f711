"""Options every command shares: where the data is."""

from __future__ import annotations

import argparse

from tracker import settings


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


def counted(count: int, noun: str) -> str:
    """'1 problem', '3 problems': the command line speaks English, and '1 problems' reads as
    a mistake in the tool."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
