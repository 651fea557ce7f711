"""A bad environment setting (IPAP_MAX_ENTRIES=lots) is never replaced by its default in
silence: the CLI warns once on stderr, in the reader's language, before its own output, and
keeps its exit code; `--format json` stays valid on stdout (the app: tests/app)."""

from __future__ import annotations

import json

import pytest

from tests.support import DEMO_FILE
from tracker import settings
from tracker.i18n import using_language
from tracker.i18n.sentence import spoken

ENGLISH = (
    "warning: IPAP_MAX_ENTRIES=lots is not a whole number above 0; using the default 16,000. "
    "Set it to a whole number, or unset it."
)
SERBIAN = (
    "упозорење: IPAP_MAX_ENTRIES=lots није цео број већи од 0; користи се подразумевана "
    "вредност 16.000. Задајте цео број или уклоните ову променљиву окружења."
)


@pytest.mark.parametrize(
    ("name", "value", "default", "expected"),
    [
        ("IPAP_MAX_ENTRIES", "lots", 16_000, "not a whole number above 0"),
        ("IPAP_MAX_ENTRIES", "0", 16_000, "not a whole number above 0"),
        ("IPAP_STALE_DAYS", "²", 90, "not a whole number above 0"),
        ("IPAP_MAX_FILE_MB", "-3", 10 * 1024 * 1024, "using the default 10 MB"),
        ("IPAP_MAX_FILE_MB", "inf", 10 * 1024 * 1024, "not a number of megabytes"),
        ("IPAP_MAX_LOCATED_MB", "big", 2 * 1024 * 1024, "using the default 2 MB"),
    ],
)
def test_a_bad_value_leaves_the_default_and_is_told(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, default: int, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    getters = {
        "IPAP_MAX_ENTRIES": settings.max_entries,
        "IPAP_STALE_DAYS": settings.stale_days,
        "IPAP_MAX_FILE_MB": settings.max_file_bytes,
        "IPAP_MAX_LOCATED_MB": settings.max_located_bytes,
    }
    assert getters[name]() == default
    [problem] = settings.problems()
    assert problem.startswith(f"{name}={value} is ") and expected in problem


def test_good_and_unset_values_are_no_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPAP_MAX_FILE_MB", "0.001")
    monkeypatch.setenv("IPAP_MAX_ENTRIES", " 20000 ")
    monkeypatch.setenv("IPAP_LANG", "sr-RS")
    monkeypatch.delenv("IPAP_STALE_DAYS", raising=False)
    assert settings.problems() == []
    assert settings.max_entries() == 20_000 and settings.max_file_bytes() == 1048


def test_an_unknown_language_is_told_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPAP_LANG", "klingon")
    [problem] = settings.problems()
    assert problem == (
        "IPAP_LANG=klingon is not a language of the tracker; using English. "
        "Set it to en, sr-Cyrl or sr-Latn, or unset it."
    )
    with using_language("sr-Latn"):
        assert spoken(problem).startswith("IPAP_LANG=klingon nije podržan jezik; koristi se")


def test_the_cli_warns_once_on_stderr_in_english(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IPAP_MAX_ENTRIES", "lots")
    shown = run_cli("validate", str(DEMO_FILE))
    assert shown.code == 0, shown.err
    assert shown.err.splitlines().count(ENGLISH) == 1, shown.err
    assert "IPAP_MAX_ENTRIES" not in shown.out


def test_the_cli_warns_in_serbian(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IPAP_MAX_ENTRIES", "lots")
    shown = run_cli("validate", "--lang", "sr-Cyrl", str(DEMO_FILE))
    assert shown.code == 0, shown.err
    assert shown.err.splitlines().count(SERBIAN) == 1, shown.err


def test_json_stays_valid_with_the_warning_on_stderr(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IPAP_MAX_FILE_MB", "-3")
    shown = run_cli("validate", "--format", "json", str(DEMO_FILE))
    assert shown.code == 0, shown.err
    json.loads(shown.out)
    assert "warning: IPAP_MAX_FILE_MB=-3 is not a number of megabytes above 0" in shown.err


def test_github_annotations_stay_on_stdout_alone(run_cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("IPAP_STALE_DAYS", "soon")
    plain = run_cli("validate", "--format", "github", str(DEMO_FILE))
    monkeypatch.delenv("IPAP_STALE_DAYS")
    clean = run_cli("validate", "--format", "github", str(DEMO_FILE))
    assert (plain.code, plain.out) == (clean.code, clean.out)
    assert plain.err.startswith("warning: IPAP_STALE_DAYS=soon is not a whole number"), plain.err
