"""`import-plan`: a new plan file from a table of objectives (.xlsx or CSV).

`python -m tracker import-plan FILE --id ID --title TEXT --start DATE --end DATE [-o FILE.yaml]`
writes the plan in the project's layout after validating it with every other plan file;
it never replaces an existing file. `python -m tracker workbook --template` writes the
table's expected shape. Exit 0 when written, 1 when the table has problems (each named by
its cell; nothing written), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tracker import settings
from tracker.cli.common import (
    add_command,
    add_data_option,
    add_dry_run_option,
    add_language_option,
    add_table_argument,
    iso_date,
    typed_text,
    usage,
)
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS
from tracker.i18n import t, tn, tp


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "import-plan",
        run,
        help=t("create a new plan file from a table of objectives (.xlsx or CSV)"),
        description=t(
            "Make a new plan file from a table of objectives (see `workbook --template`), "
            "validated before it is written; an existing file is never replaced. Exit 0 "
            "when written, 1 when the table has problems, 2 on a usage error."
        ),
    )
    add_table_argument(parser)
    parser.add_argument(
        "--id",
        required=True,
        metavar=tp("a placeholder on the command line", "ID"),
        help=t("the plan's id, e.g. ipap3"),
    )
    parser.add_argument(
        "--title",
        required=True,
        type=typed_text,
        metavar=tp("a placeholder on the command line", "TEXT"),
        help=t("the plan's title"),
    )
    parser.add_argument("--start", required=True, type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--end", required=True, type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument(
        "-o",
        "--output",
        metavar=tp("a placeholder on the command line", "FILE.yaml"),
        help=t("where to write (default: DATA/ID.yaml)"),
    )
    add_dry_run_option(parser, t("print the new file"))
    add_data_option(parser)
    add_language_option(parser)


def run(args: argparse.Namespace) -> int:
    from tracker.load.loader import display_path
    from tracker.model import is_identifier
    from tracker.sheets.plan_table import PlanHeader, PlanNotWritten, plan_from_file, write_new_plan

    source = Path(args.file)
    if not source.is_file():
        return usage(t("{path}: no such file", path=source))
    if not is_identifier(args.id):
        return usage(
            t(
                "'{id}' is not an id: lower-case letters, digits, '-', '.' and '_'",
                id=args.id,
            )
        )
    if args.end < args.start:
        return usage(t("--end {end} is before --start {start}", end=args.end, start=args.start))
    data = settings.data_path(args.data)
    folder = data if data.is_dir() else data.parent
    output = Path(args.output) if args.output else folder / f"{args.id}.yaml"
    if output.suffix not in (".yaml", ".yml"):
        return usage(t("{path}: a plan file is YAML: name it {id}.yaml", path=output, id=args.id))
    if output.exists():
        return usage(
            t("{path} already exists and is never replaced: choose another -o", path=output)
        )
    if not output.parent.is_dir():
        return usage(t("{path}: no such folder", path=output.parent))
    header = PlanHeader(args.id, args.title.strip(), args.start, args.end)
    made = plan_from_file(source, header, data if data.exists() else None, display_path(output))
    for problem in sorted(made.problems):
        print(problem, file=sys.stderr)
    if not made.can_write:
        print(
            t("{path}: the plan was not written; fix the cells named above", path=source),
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    if args.dry_run:
        print(made.text, end="")
        print(t("dry run: nothing written"), file=sys.stderr)
        return EXIT_OK
    try:
        write_new_plan(output, made.text)
    except PlanNotWritten as refusal:
        return usage(str(refusal))
    except OSError as error:
        return usage(
            t("{path}: cannot write here: {reason}", path=output, reason=error.strerror or error)
        )
    print(
        t(
            "wrote {path}: plan {id} with {objectives} in {areas}",
            path=output,
            id=args.id,
            objectives=tn("{count} objective", "{count} objectives", made.objectives),
            areas=tn("{count} area", "{count} areas", made.areas),
        )
    )
    return EXIT_OK
