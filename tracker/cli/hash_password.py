"""`hash-password`: print an editor's line for `.streamlit/secrets.toml`.

The secrets file then holds a salted argon2id hash, never the password itself. The
password is asked for twice without echo; piped input (one line) is read as is, for
scripts that set up a server.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from tracker.cli.common import add_command, usage
from tracker.cli.exits import EXIT_OK, EXIT_USAGE
from tracker.i18n import t, tp

MIN_PASSWORD_LENGTH = 10


def add_parser(subparsers: Any) -> None:
    parser = add_command(
        subparsers,
        "hash-password",
        run,
        help=t("print an editor's password hash line for .streamlit/secrets.toml"),
        description=t(
            "Ask for a password and print a line to paste under [editing.editors] in "
            '.streamlit/secrets.toml, e.g. "Ana Petrovic" = "$argon2id$...".'
        ),
    )
    parser.add_argument(
        "name",
        nargs="?",
        metavar=tp("a placeholder on the command line", "NAME"),
        help=t("the editor's name, as shown"),
    )


def run(args: argparse.Namespace) -> int:
    password = _read_password()
    if password is None:
        return EXIT_USAGE
    if len(password) < MIN_PASSWORD_LENGTH:
        return usage(f"use a password of at least {MIN_PASSWORD_LENGTH} characters")
    from tracker.edit.auth import hash_password  # argon2 is loaded only by this command

    hashed = hash_password(password)
    if args.name and args.name.strip():
        # A JSON string is also a valid TOML basic string: quotes and accents survive.
        print(f"{json.dumps(args.name.strip(), ensure_ascii=False)} = {json.dumps(hashed)}")
    else:
        print(json.dumps(hashed))
        print(
            'paste it under [editing.editors] as "Editor Name" = "<the hash above>"',
            file=sys.stderr,
        )
    return EXIT_OK


def _read_password() -> str | None:
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            print("error: no password on standard input", file=sys.stderr)
            return None
        return line
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Same password again: ")
    if first != second:
        print("error: the two passwords differ; nothing printed", file=sys.stderr)
        return None
    return first
