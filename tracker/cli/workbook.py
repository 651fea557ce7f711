"""`workbook`: the update workbook an institution fills in, or an empty plan table.

`python -m tracker workbook -o FILE.xlsx [--plan ID] [--owner TEXT] [--lang LANG]` writes one
row per open objective (tracker.sheets.workbook); `--template` writes the table that
`import-plan` reads. The file is written atomically and an existing one is not replaced
unless `--overwrite` is given.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from tracker.cli.common import add_command, add_data_option, usage
from tracker.cli.exits import EXIT_OK
from tracker.i18n import LANGUAGES, current_language, t, tn, tp


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "workbook",
        run,
        help=t("write an update workbook for institutions to fill in (.xlsx)"),
        description=t(
            "Write a workbook with one row per open objective, for an institution to fill "
            "in and send back to `python -m tracker import`. Exit 0 when written, 2 on a "
            "usage error (unknown plan, no owner matching, a file already there)."
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar=tp("a placeholder on the command line", "FILE.xlsx"),
        help=t("where to write"),
    )
    parser.add_argument(
        "--plan",
        metavar=tp("a placeholder on the command line", "ID"),
        help=t("only this plan's objectives"),
    )
    parser.add_argument(
        "--owner",
        metavar=tp("a placeholder on the command line", "TEXT"),
        help=t("only objectives whose owner contains TEXT (one institution)"),
    )
    parser.add_argument(
        "--lang",
        metavar=tp("a placeholder on the command line", "LANG"),
        help=t(
            "language of the headers and the About sheet ({languages})",
            languages=", ".join(LANGUAGES),
        ),
    )
    parser.add_argument(
        "--template",
        action="store_true",
        help=t("write the empty table of objectives that `import-plan` reads instead"),
    )
    parser.add_argument("--overwrite", action="store_true", help=t("replace FILE if it exists"))
    add_data_option(parser)


def run(args: argparse.Namespace) -> int:
    from tracker.export.files import check_content, write_atomically
    from tracker.export.pack import ReportError
    from tracker.sheets.workbook import NoObjectives, plan_template, update_workbook

    language = args.lang or current_language()
    if language not in LANGUAGES:
        return usage(f"there is no '{language}' language: choose one of {', '.join(LANGUAGES)}")
    output = Path(args.output)
    if output.suffix.lower() != ".xlsx":
        return usage(t("{path}: the workbook is an Excel file: name it FILE.xlsx", path=output))
    if output.exists() and not args.overwrite:
        return usage(
            t("{path} already exists: choose another name, or pass --overwrite", path=output)
        )
    if not output.parent.is_dir():
        return usage(t("{path}: no such folder", path=output.parent))
    try:
        made = (
            plan_template(language)
            if args.template
            else update_workbook(args.data, args.plan, args.owner, language)
        )
    except NoObjectives as refusal:
        return usage(str(refusal))
    try:  # as a report is written: checked, under its lock, whole or not at all
        check_content("xlsx", made.content)
        write_atomically(output, made.content)
    except ReportError as refusal:
        return usage(str(refusal))
    if args.template:
        print(
            t(
                "wrote {path}: an empty table of objectives for `python -m tracker import-plan`",
                path=output,
            )
        )
    else:
        print(
            tn(
                "wrote {path}: {count} open objective to update",
                "wrote {path}: {count} open objectives to update",
                made.rows,
                path=output,
            )
        )
    return EXIT_OK
