"""`--help` of the command line and of every command, and argparse's own messages (usage,
section titles, usage errors), in the language of --lang or IPAP_LANG; English as before."""

from __future__ import annotations

import argparse
import gettext
import re

import pytest

from tests.english import english_left
from tracker.cli import COMMANDS, build_parser
from tracker.cli.language import ARGPARSE_MESSAGES, language_asked
from tracker.i18n.catalogues import read_catalogue

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_SIGNS = re.compile(r"\{[^{}]*\}|%\(\w+\)[sr]|%[sr]")
# argparse's English, as it prints it in a help or a usage error.
ARGPARSE_ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "show this help message and exit",
    "error:",
    "the following arguments are required",
    "invalid choice",
    "choose from",
    "not allowed with argument",
    "unrecognized arguments",
)
SERBIAN_USAGE = {"sr-Cyrl": "употреба: python -m tracker", "sr-Latn": "upotreba: python -m tracker"}


def _commands() -> dict[str, argparse.ArgumentParser]:
    (commands,) = (
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    )
    assert len(commands.choices) == len(COMMANDS)
    return dict(commands.choices)


COMMAND_NAMES = list(_commands())
WITH_LANG = [
    name
    for name, parser in _commands().items()
    if any("--lang" in action.option_strings for action in parser._actions)
]


def _english_in(output: str, language: str) -> list[object]:
    """English catalogue messages and argparse words left in the output: each line, and the
    whole text with its wrapping undone (argparse breaks a long help over lines)."""
    whole = " ".join(output.split())
    found = english_left([whole, *output.splitlines()], language)
    # A message of signs alone ("'{label}' ({status})") is no English left.
    left: list[object] = sorted(m for m in found if re.search("[A-Za-z]", _SIGNS.sub("", m[0])))
    left += [word for word in ARGPARSE_ENGLISH if word in whole]
    return left


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
@pytest.mark.parametrize("command", [None, *COMMAND_NAMES])
def test_every_help_reads_in_serbian_by_ipap_lang(
    run_cli, monkeypatch: pytest.MonkeyPatch, language: str, command: str | None
) -> None:
    monkeypatch.setenv("IPAP_LANG", language)
    monkeypatch.setenv("COLUMNS", "100")
    result = run_cli(*([command] if command else []), "--help")
    assert result.code == 0
    assert result.out.startswith(SERBIAN_USAGE[language]), result.out[:80]
    assert _english_in(result.out, language) == []
    assert bool(CYRILLIC.search(result.out)) is (language == "sr-Cyrl")


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
@pytest.mark.parametrize("command", WITH_LANG)
def test_lang_chooses_the_help_language_wherever_it_stands(
    run_cli, monkeypatch: pytest.MonkeyPatch, language: str, command: str
) -> None:
    monkeypatch.setenv("IPAP_LANG", "en")
    before = run_cli(command, "--lang", language, "--help")  # --help stops the parse first
    after = run_cli(command, "--help", f"--lang={language}")
    assert before.code == after.code == 0
    assert before.out == after.out
    assert _english_in(before.out, language) == []


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_usage_errors_read_in_serbian(
    run_cli, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("IPAP_LANG", language)
    missing = run_cli("update")
    wrong = run_cli("update", "ipap2-ammo", "--status", "finished")
    both = run_cli("sync", "--take-theirs", "--keep-mine")
    unknown = run_cli("summary", "--frobnicate")
    number = run_cli("update", "ipap2-ammo", "--status", "on-track", "--progress", "half")
    for result in (missing, wrong, both, unknown, number):
        assert result.code == 2
        assert _english_in(result.err, language) == [], result.err
    if language == "sr-Cyrl":
        assert "грешка: потребни су следећи аргументи: ИД_ЦИЉА, --status" in missing.err
        assert "аргумент --status: неисправан избор: 'finished'" in wrong.err
        assert "није дозвољено уз аргумент --take-theirs" in both.err
        assert "непознати аргументи: --frobnicate" in unknown.err
        assert "аргумент --progress: „half” није број" in number.err
    else:
        assert "greška: potrebni su sledeći argumenti: ID_CILJA, --status" in missing.err


def test_english_help_and_errors_are_argparse_s_own(
    run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPAP_LANG", "en")
    monkeypatch.setenv("COLUMNS", "100")
    top = run_cli("--help")
    assert top.out.startswith("usage: python -m tracker [-h] [--lang {en,sr-Cyrl,sr-Latn}] COMMAND")
    assert "positional arguments:" in top.out and "options:" in top.out
    assert "show this help message and exit" in top.out
    assert "check the data files; exit 1 when any problem is found" in top.out
    update = run_cli("update", "--help")
    assert "--by NAME" in update.out and "OBJECTIVE_ID" in update.out
    missing = run_cli("update")
    assert "error: the following arguments are required: OBJECTIVE_ID, --status" in missing.err
    number = run_cli("update", "x", "--status", "on-track", "--progress", "half")
    refused = "argument --progress: 'half' is not a number: write it as 400, 400.5 or 400,5"
    assert refused in number.err


def test_argparse_gets_its_own_functions_back() -> None:
    from tracker.cli import main

    before = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    assert before == (gettext.gettext, gettext.ngettext)
    main(["--lang", "sr-Cyrl", "summary", "--help"])
    assert (argparse._, argparse.ngettext) == before  # type: ignore[attr-defined]


def test_the_language_is_found_before_argparse_reads_the_arguments() -> None:
    assert language_asked(["validate", "--lang", "sr-Latn"]) == "sr-Latn"
    assert language_asked(["--help", "--lang=sr"]) == "sr-Cyrl"
    assert language_asked(["validate", "--lang"]) is None
    assert language_asked(["validate", "--lang", "fr"]) is None
    assert language_asked(["update", "x", "--note", "--", "--lang", "sr-Cyrl"]) is None


_FIELD = re.compile(r"%(?:\((\w+)\))?[sr]")


@pytest.mark.parametrize("language", ["en", "sr-Cyrl", "sr-Latn"])
def test_argparse_messages_keep_their_fields(language: str) -> None:
    catalogue = read_catalogue(language)
    for message in ARGPARSE_MESSAGES:
        entry = catalogue.get(message)
        assert entry is not None, message
        if entry.string:
            assert sorted(_FIELD.findall(entry.string)) == sorted(_FIELD.findall(message))
            assert entry.string.endswith("\n") is message.endswith("\n")
        else:
            assert language == "en"


def test_the_language_may_come_before_the_command(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m tracker --lang sr-Cyrl validate` as a reader would type it, not only
    `validate --lang sr-Cyrl`; a command's own --lang still decides for that command."""
    monkeypatch.setenv("IPAP_LANG", "en")
    before = run_cli("--lang", "sr-Cyrl", "validate")
    assert before.code == 0, before.err
    assert before.out.startswith("у реду – 2 датотеке"), before.out
    latin = run_cli("--lang", "sr-Latn", "summary")
    assert "Nije procenjeno" in latin.out and "IPAP 1" in latin.out
    own = run_cli("--lang", "sr-Cyrl", "validate", "--lang", "en")
    assert own.out.startswith("ok: 0 problems in 2 files"), own.out
