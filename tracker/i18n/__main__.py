"""The translator's commands: `python -m tracker.i18n extract | update | compile | init LANG`.

Each is Babel's own command (`pybabel ...`) with this project's settings filled in, so a
translator types one short command and gets the same files as everyone else.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from tracker.cli.exits import EXIT_OK, EXIT_USAGE
from tracker.i18n import LANGUAGES
from tracker.i18n.catalogues import (
    DERIVED,
    DOMAIN,
    LOCALES_DIR,
    TEMPLATE,
    compiled,
    kept_languages,
    locale_name,
    mo_path,
    read_catalogue,
)

PROJECT = Path(__file__).resolve().parents[2]
# t("message"), tn("one", "other", count), tp("context", "message"), tnp("context", "one",
# "other", count), N_("message"), and the
# sentences problems are made of, said("message"), said_n("one", "other", count) and
# said_p("context", "message"): the calls that hold messages.
KEYWORDS = ("t", "tn:1,2", "tp:1c,2", "tnp:1c,2,3", "N_", "said", "said_n:1,2", "said_p:1c,2")
USAGE = "usage: python -m tracker.i18n extract | update | compile | init LANGUAGE"


def _babel(*arguments: str) -> None:
    """Babel's command line, run from the project so the catalogues name files relatively."""
    here = Path.cwd()
    os.chdir(PROJECT)
    try:
        CommandLineInterface().run(["pybabel", "-q", *arguments])
    finally:
        os.chdir(here)


def extract(output: Path = TEMPLATE) -> None:
    """Every message of the code into the template `locales/messages.pot` (or `output`)."""
    keywords = [f"--keyword={keyword}" for keyword in KEYWORDS]
    _babel(
        "extract",
        "--no-default-keywords",
        *keywords,
        "--mapping-file=babel.cfg",
        "--add-location=file",
        "--sort-output",
        "--project=IPAP Tracker",
        "--copyright-holder=IPAP Tracker",
        f"--output-file={output}",
        ".",
    )


def update() -> None:
    """New messages of the template into each kept catalogue (marked untranslated or fuzzy)."""
    for language in kept_languages(LANGUAGES):
        _babel(
            "update",
            f"--input-file={TEMPLATE}",
            f"--output-dir={LOCALES_DIR}",
            f"--locale={locale_name(language)}",
            f"--domain={DOMAIN}",
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        )


def compile_all() -> None:
    """A `.mo` per language, the derived ones (sr-Latn) transliterated from their source."""
    for language in LANGUAGES:
        target = mo_path(language)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compiled(read_catalogue(language)))
        made_from = f" (from {DERIVED[language]})" if language in DERIVED else ""
        print(f"compiled {target.relative_to(PROJECT)}{made_from}")


def init(language: str) -> None:
    """A new language's catalogue from the template, with Babel's plural rule for it."""
    _babel(
        "init",
        f"--input-file={TEMPLATE}",
        f"--output-dir={LOCALES_DIR}",
        f"--locale={locale_name(language)}",
        f"--domain={DOMAIN}",
    )


def main(arguments: list[str]) -> int:
    commands = {"extract": extract, "update": update, "compile": compile_all}
    if len(arguments) == 1 and arguments[0] in commands:
        commands[arguments[0]]()
        return EXIT_OK
    if len(arguments) == 2 and arguments[0] == "init":
        init(arguments[1])
        return EXIT_OK
    print(USAGE, file=sys.stderr)
    return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
