"""`schema`: write (or check) commitments/schema.json from the models."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tracker.cli.common import add_command
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS
from tracker.i18n import t, tp


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "schema",
        run,
        help=t("write the JSON Schema editors use to check the YAML files"),
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar=tp("a placeholder on the command line", "FILE"),
        help=t("where to write it (default: schema.json in commitments/)"),
    )
    parser.add_argument(
        "--check", action="store_true", help=t("exit 1 if the file on disk is out of date")
    )


def run(args: argparse.Namespace) -> int:
    # The models only here: every other command starts without building them.
    from tracker.schema import SCHEMA_PATH, schema_text

    target = Path(args.output) if args.output else SCHEMA_PATH
    expected = schema_text()
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != expected:
            print(f"{target} is out of date: run `python -m tracker schema`", file=sys.stderr)
            return EXIT_PROBLEMS
        print(f"{target} is current")
        return EXIT_OK
    target.write_text(expected, encoding="utf-8")
    print(f"wrote {target}")
    return EXIT_OK
