"""`sync`: bring the data folder's git clone and its shared repository level.

Fetches, replays this clone's commits onto the shared branch (never a merge commit),
validates the result with every plan file, and pushes; prints what came in and what went
out. Exit 0 in sync; 1 when a conflict, an invalid result, an unreachable repository, a
lock in the shared repository or something in the clone stopped it (nothing pushed, nothing
lost); 2 when the folder is not a git clone, has no upstream, or its remote's address holds
a password.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tracker.cli.common import add_command, add_data_option, add_language_option
from tracker.cli.exits import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from tracker.i18n import t, tp


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "sync",
        run,
        help=t("pull and push the data folder's git clone (conflicts decided per objective)"),
        description=t(
            "Fetch the shared repository, replay this clone's commits onto it, validate "
            "every plan file and push. Exit 0 in sync, 1 when a conflict or an invalid "
            "result stopped it (nothing pushed, nothing lost), 2 when the folder is not a "
            "git clone or has no upstream."
        ),
    )
    add_data_option(parser)
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--take-theirs",
        action="store_true",
        help=t("settle a conflict with the shared version (yours stays on the conflict branch)"),
    )
    choice.add_argument(
        "--keep-mine",
        action="store_true",
        help=t("settle a conflict with your change on top of theirs"),
    )
    parser.add_argument(
        "--push-to",
        metavar=tp("a placeholder on the command line", "BRANCH"),
        help=t(
            'review mode: push to this branch instead, e.g. "updates/{editor}" '
            "(default: [sync] push_to in .streamlit/secrets.toml)",
            editor="{editor}",
        ),
    )
    parser.add_argument(
        "--by",
        metavar=tp("a placeholder on the command line", "NAME"),
        help=t("the editor {editor} names in --push-to", editor="{editor}"),
    )
    add_language_option(parser)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from tracker import settings
    from tracker.edit import auth
    from tracker.sync import Resolve, State, sync
    from tracker.sync.config import sync_settings
    from tracker.sync.messages import describe
    from tracker.sync.procedure import Reason

    data = settings.data_path(args.data)
    push_to = args.push_to
    if push_to is None:
        secrets, mistakes = auth.read_secrets()
        for mistake in mistakes:
            print(t("warning: {mistake}", mistake=mistake), file=sys.stderr)
        configured = sync_settings(secrets)
        for mistake in configured.mistakes:
            print(t("warning: {mistake}", mistake=mistake), file=sys.stderr)
        push_to = configured.push_to
    editor = args.by or ""
    if push_to and not editor:
        editor = auth.default_user(data if data.exists() else Path.cwd())[0]
    resolve = Resolve.THEIRS if args.take_theirs else Resolve.MINE if args.keep_mine else ""
    outcome = sync(data, push_to=push_to, editor=editor, resolve=resolve)
    stream = sys.stdout if outcome.ok else sys.stderr
    for line in describe(outcome):
        print(line, file=stream)
    if outcome.ok:
        return EXIT_OK
    if outcome.state in (State.NOT_A_CLONE, State.NO_UPSTREAM) or (
        outcome.reason == Reason.PASSWORD
    ):
        return EXIT_USAGE
    return EXIT_PROBLEMS
