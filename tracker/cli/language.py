"""The command line's own words in the reader's language: its help and argparse's.

The help of every command is written in English with t() and read in the language asked for
(`--lang`, else IPAP_LANG, else English), so the parser is built once that language is known:
`language_asked()` finds `--lang` in the arguments before argparse reads them (`--help` may
come first and stops the parse).

argparse's own words ("usage: ", "the following arguments are required: %s") come from the
standard library's gettext calls, which read the process-wide gettext domain. No
`gettext.install()` and no process-wide domain: while `argparse_speaking()` is on, argparse's
`_` and `ngettext` look the message up in this project's catalogue of the current thread's
language (tracker.i18n), and any message the catalogue lacks reads as argparse would have
written it. The messages a user can meet are listed below so extraction keeps them in the
catalogue; the ones only a programming mistake raises (a conflicting option) stay English.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from tracker.i18n import N_, current_language, language_of
from tracker.i18n.catalogues import translations

# argparse's messages a user of the command line can meet, as argparse writes them (their
# %-placeholders are argparse's, filled by argparse after the lookup).
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
)


def language_asked(argv: Sequence[str]) -> str | None:
    """The language `--lang X` (or `--lang=X`) names among the arguments, before argparse
    has read them; None when none is given or it names no language (argparse refuses it)."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            return language_of(argv[index + 1])
        if argument.startswith("--lang="):
            return language_of(argument.removeprefix("--lang="))
    return None


def _gettext(fallback: Callable[[str], str]) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        found = translations(current_language()).gettext(message)
        return found if found != message else fallback(message)

    return gettext


def _ngettext(fallback: Callable[[str, str, int], str]) -> Callable[[str, str, int], str]:
    def ngettext(singular: str, plural: str, count: int) -> str:
        found = translations(current_language()).ngettext(singular, plural, count)
        return found if found not in (singular, plural) else fallback(singular, plural, count)

    return ngettext


@contextmanager
def argparse_speaking() -> Iterator[None]:
    """Within the block argparse says its own words in the thread's language (see above);
    the functions it had come back after."""
    before = argparse.__dict__.get("_"), argparse.__dict__.get("ngettext")
    if before[0] is None or before[1] is None:  # an argparse without them: it stays English
        yield
        return
    argparse._ = _gettext(before[0])  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext(before[1])  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = before  # type: ignore[attr-defined]
