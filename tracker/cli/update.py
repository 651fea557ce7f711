"""`update`: record a status change for one objective, safely, from the command line.

The same code as the app's update form (tracker.edit.store): the file keeps its comments,
the change is validated before it is written, and concurrent saves never lose one
another's entries. Whoever runs this can already write the files, so no password is
asked; `--by` names who made the change (default: IPAP_USER, git's user.name, the OS user).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from typing import Any

from tracker import settings
from tracker.cli.common import (
    add_by_option,
    add_command,
    add_data_option,
    add_dry_run_option,
    add_git_commit_option,
    add_language_option,
    editor_from,
    git_commit_wanted,
    iso_date,
    number,
    typed_text,
    usage,
)
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from tracker.i18n import t, tp
from tracker.statuses import STATUS_ORDER


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "update",
        run,
        help=t("record a status update for one objective (keeps comments, validates first)"),
        description=t(
            "Append an update to an objective, set its status and progress, and add "
            "evidence or a measurement. Sanity warnings (a negative measurement, ...) are "
            "printed and do not stop the save. Exit 0 when saved, 1 when the change would make "
            "the file invalid or records nothing new (nothing written), 2 on a usage error or "
            "an unknown id."
        ),
    )
    parser.add_argument(
        "objective_id",
        metavar=tp("a placeholder on the command line", "OBJECTIVE_ID"),
        help=t("e.g. ipap2-ammo"),
    )
    parser.add_argument("--status", required=True, choices=STATUS_ORDER, help=t("the new status"))
    parser.add_argument("--progress", type=number, metavar="N", help=t("percent done, 0 to 100"))
    parser.add_argument(
        "--note",
        type=typed_text,
        metavar=tp("a placeholder on the command line", "TEXT"),
        help=t("what changed and why, in a sentence"),
    )
    parser.add_argument(
        "--source",
        type=typed_text,
        metavar=tp("a placeholder on the command line", "URL_OR_CITATION"),
        help=t("where the assessment comes from: a web address or a plain citation"),
    )
    add_by_option(parser, t("who made the change (default: IPAP_USER, git user.name)"))
    parser.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=t("the day of the update (default: today)"),
    )
    parser.add_argument(
        "--evidence-url",
        type=typed_text,
        metavar=tp("a placeholder on the command line", "URL"),
        help=t("link that shows the work"),
    )
    parser.add_argument(
        "--evidence-title",
        type=typed_text,
        metavar=tp("a placeholder on the command line", "TITLE"),
        help=t("what the link is"),
    )
    parser.add_argument(
        "--evidence-kind",
        type=typed_text,
        metavar=tp("a placeholder on the command line", "KIND"),
        help=t("decision, report, news, training, ..."),
    )
    parser.add_argument(
        "--evidence-access",
        choices=("public", "internal"),
        help=t("internal evidence is left out of public editions (default: public)"),
    )
    parser.add_argument(
        "--evidence-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=t("the evidence's own date (default: the update's date)"),
    )
    parser.add_argument(
        "--measurement",
        type=number,
        metavar=tp("a placeholder on the command line", "VALUE"),
        help=t("a new value of the objective's metric"),
    )
    parser.add_argument(
        "--measurement-date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help=t("the day the value was measured (default: the update's date)"),
    )
    add_data_option(parser)
    add_language_option(parser)
    add_dry_run_option(parser, t("print the change as a diff"))
    add_git_commit_option(
        parser,
        t(
            "commit the saved file with --by as author (default: [editing] git_commit "
            "in .streamlit/secrets.toml)"
        ),
    )


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every other command (`validate` in CI above all)
    # would otherwise pay for loading ruamel.yaml, filelock and argon2 it never uses.
    from tracker.edit.describe import change_in_words
    from tracker.edit.store import EvidenceLink, StatusChange, StoreError, preview, save

    evidence_given = (
        args.evidence_url
        or args.evidence_title
        or args.evidence_kind
        or args.evidence_access
        or args.evidence_date
    )
    if evidence_given and not args.evidence_title:
        return usage(t("evidence needs --evidence-title TITLE (and --evidence-url URL if public)"))
    if evidence_given and not args.evidence_url and args.evidence_access != "internal":
        return usage(
            t(
                "public evidence needs --evidence-url URL; an internal document may have none "
                "(--evidence-access internal)"
            )
        )
    if args.measurement_date and args.measurement is None:
        return usage(t("--measurement-date needs --measurement VALUE"))
    data = settings.data_path(args.data)
    editor = editor_from(args, data)
    if editor is None:
        return usage(t("who made the change? pass --by NAME or set IPAP_USER"))
    change = StatusChange(
        objective_id=args.objective_id,
        status=args.status,
        date=args.date or datetime.date.today(),
        progress=args.progress,
        note=args.note,
        evidence=(
            EvidenceLink(
                args.evidence_title,
                args.evidence_url,
                args.evidence_kind,
                access=args.evidence_access or "public",
                date=args.evidence_date,
            )
            if evidence_given
            else None
        ),
        measurement=args.measurement,
        source=args.source,
        measurement_date=args.measurement_date,
    )
    try:
        if args.dry_run:
            proposal = preview(data, change, editor)
            print(proposal.diff, end="")
            if proposal.note:  # beside "dry run", on stderr: stdout stays a patch
                print(t("note: {note}", note=proposal.note), file=sys.stderr)
            for problem in (*proposal.problems, *proposal.warnings):
                print(problem, file=sys.stderr)
            if proposal.problems:
                print(t("the change would make the file invalid; nothing written"), file=sys.stderr)
                return EXIT_PROBLEMS
            print(t("dry run: nothing written"), file=sys.stderr)
            return EXIT_OK
        saved = save(data, change, editor, git_commit=git_commit_wanted(args))
    except StoreError as refusal:
        print(t("error: {message}", message=refusal.text), file=sys.stderr)
        for problem in refusal.problems:
            print(problem, file=sys.stderr)
        return EXIT_USAGE if refusal.usage_error else EXIT_PROBLEMS
    proposal = saved.proposal
    print(proposal.diff, end="")
    if proposal.note:
        print(t("note: {note}", note=proposal.note))
    for warning in proposal.warnings:  # saved all the same: a warning never blocks a save
        print(warning, file=sys.stderr)
    print(
        t(
            "saved {file}: {id}: {change} (by {name})",
            file=proposal.shown,
            id=change.objective_id,
            change=change_in_words(change, proposal.old_status),
            name=editor.name,
        )
    )
    if saved.commit is not None:
        if saved.commit.committed:
            print(t("git commit {commit} by {name}", commit=saved.commit.detail, name=editor.name))
        else:
            print(
                t("warning: saved but not committed: {reason}", reason=saved.commit.detail),
                file=sys.stderr,
            )
    return EXIT_OK
