"""`import`: apply a filled update workbook (or its CSV) through the store, all or nothing.

`python -m tracker import FILE.xlsx|FILE.csv [--dry-run] [--by NAME] [--git-commit] [--force]`
prints every problem as `FILE.xlsx:Updates!D7: message` and the YAML diff of every change;
if any row is refused nothing is written. Exit 0 when imported (or, with --dry-run, when
it would be), 1 when rows are refused, 2 on a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tracker import settings
from tracker.cli.common import (
    add_by_option,
    add_command,
    add_data_option,
    add_dry_run_option,
    add_git_commit_option,
    add_language_option,
    add_table_argument,
    editor_from,
    git_commit_wanted,
    usage,
)
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS
from tracker.i18n import t


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "import",
        run,
        help=t("import a filled update workbook or CSV (all rows or none)"),
        description=t(
            "Check every filled row of an update workbook, show the change each makes, and "
            "save them all through the same store as `update`, or none. Exit 0 when imported, "
            "1 when a row is refused (nothing written), 2 on a usage error."
        ),
    )
    add_table_argument(parser)
    add_dry_run_option(parser, t("check and print the changes"))
    add_by_option(parser, t("who made the changes (default: IPAP_USER, git user.name)"))
    parser.add_argument(
        "--force",
        action="store_true",
        help=t("apply rows whose objective changed since the workbook was made"),
    )
    add_git_commit_option(
        parser,
        t(
            "commit each changed file with --by as author (default: [editing] git_commit "
            "in .streamlit/secrets.toml)"
        ),
    )
    add_data_option(parser)
    add_language_option(parser)


def run(args: argparse.Namespace) -> int:
    from tracker.sheets.updates import ImportRefused, apply_checked, check_file, summary

    path = Path(args.file)
    if not path.is_file():
        return usage(t("{path}: no such file", path=path))
    data = settings.data_path(args.data)
    if not data.exists():
        return usage(
            t(
                "{path}: no such file or folder: check --data, or set {variable}",
                path=data,
                variable=settings.DATA_ENV,
            )
        )
    editor = editor_from(args, data)
    if editor is None:
        return usage(t("who made the changes? pass --by NAME or set IPAP_USER"))
    checked = check_file(path, data, editor, force=args.force)
    for answer in checked.answers:
        print(answer.proposal.diff, end="")
        if answer.proposal.note:
            print(
                t("note: row {row}: {note}", row=answer.row, note=answer.proposal.note),
                file=sys.stderr,
            )
    for problem in sorted(checked.problems):
        print(problem, file=sys.stderr)
    if not checked.can_import:
        print(t("{summary}; nothing written", summary=summary(checked)), file=sys.stderr)
        return EXIT_PROBLEMS
    if not checked.answers:
        print(t("{summary}; nothing to import", summary=summary(checked)), file=sys.stderr)
        return EXIT_OK
    if args.dry_run:
        print(t("{summary}; dry run: nothing written", summary=summary(checked)), file=sys.stderr)
        return EXIT_OK
    try:
        imported = apply_checked(checked, data, editor, git_commit=git_commit_wanted(args))
    except ImportRefused as refusal:
        print(t("error: {message}", message=refusal.text), file=sys.stderr)
        return EXIT_PROBLEMS
    files = sorted({saved.proposal.shown for saved in imported.saved})
    print(
        t(
            "imported {path}: {summary}; saved {files} (by {name})",
            path=path,
            summary=summary(checked),
            files=", ".join(files),
            name=editor.name,
        )
    )
    for commit in imported.commits:
        if commit.committed:
            print(t("git commit {commit} by {name}", commit=commit.detail, name=editor.name))
        else:
            print(
                t("warning: saved but not committed: {reason}", reason=commit.detail),
                file=sys.stderr,
            )
    return EXIT_OK
