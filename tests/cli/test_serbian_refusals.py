"""A refused `update` says why in the reader's language: Serbian in Cyrillic with `--lang
sr-Cyrl`, in Latin with `sr-Latn`, no English sentence of the catalogue left; the English
stays for `--lang en` and for the machine format of `validate`."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.english import english_left

PROJECT = Path(__file__).resolve().parents[2]
STORE_DATA = PROJECT / "tests" / "data" / "store"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(STORE_DATA, target)
    return target


def _update(run_cli, data: Path, language: str, *args: str):
    return run_cli("update", *args, "--by", "Ana Petrovic", "--data", str(data), "--lang", language)


# Each refusal: the command's arguments, its exit code, and what the Cyrillic and the Latin
# say (the objective's id, a suggestion, a located problem's sentence).
REFUSALS = {
    "unknown objective": (
        ("alpha-amo", "--status", "on-track"),
        2,
        ["ниједан циљ у", "нема ИД „alpha-amo”", "Да ли сте мислили „alpha-ammo”?"],
        ["nijedan cilj u", "nema ID „alpha-amo”", "Da li ste mislili „alpha-ammo”?"],
    ),
    "no metric for a measurement": (
        ("alpha-ex", "--status", "on-track", "--note", "n", "--measurement", "5"),
        2,
        ["циљ „alpha-ex” нема показатељ (metric)", "прво додајте овом циљу `metric:`"],
        ["cilj „alpha-ex” nema pokazatelj (metric)", "prvo dodajte ovom cilju `metric:`"],
    ),
    "nothing new": (
        ("alpha-ex", "--status", "on-track"),
        1,
        ["ово ажурирање не бележи ништа ново: „alpha-ex” већ има статус „on-track”"],
        ["ovo ažuriranje ne beleži ništa novo: „alpha-ex” već ima status „on-track”"],
    ),
}


@pytest.mark.parametrize("refusal", sorted(REFUSALS))
@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_a_refused_update_says_why_in_serbian(
    run_cli, data: Path, refusal: str, language: str
) -> None:
    args, code, cyrillic, latin = REFUSALS[refusal]
    before = {path.name: path.read_bytes() for path in data.glob("*.yaml")}
    result = _update(run_cli, data, language, *args)
    assert result.code == code, result.err
    lines = result.err.strip().splitlines()
    assert lines[0].startswith("грешка: " if language == "sr-Cyrl" else "greška: "), lines
    for part in cyrillic if language == "sr-Cyrl" else latin:
        assert part in result.err, result.err
    assert not english_left(lines, language), result.err
    if language == "sr-Latn":
        assert not CYRILLIC.search(result.err), result.err
    assert {path.name: path.read_bytes() for path in data.glob("*.yaml")} == before


def test_the_same_refusal_in_english_reads_as_before(run_cli, data: Path) -> None:
    result = _update(run_cli, data, "en", "alpha-amo", "--status", "on-track")
    assert result.code == 2
    assert result.err.startswith("error: no objective has the id 'alpha-amo' in ")
    assert "Did you mean 'alpha-ammo'?" in result.err


def test_a_file_over_the_size_limit_is_refused_with_serbian_numbers(
    run_cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is a measured figure: the reader's decimal sign ("0,002 MB"); the machine
    format of `validate` keeps the English sentence and figure ("0.002 MB")."""
    monkeypatch.setenv("IPAP_MAX_FILE_MB", "0.002")
    result = _update(run_cli, data, "sr-Cyrl", "alpha-ammo", "--status", "on-track", "--note", "n")
    assert result.code == 2, result.err
    assert "датотека је већа од ограничења од 0,002 MB (IPAP_MAX_FILE_MB)" in result.err
    assert "ништа није уписано" in result.err
    assert not english_left(result.err.strip().splitlines(), "sr-Cyrl"), result.err
    shown = run_cli("validate", "--lang", "sr-Cyrl", str(data))
    assert "више од ограничења од 0,002 MB; поделите је" in shown.out, shown.out
    machine = run_cli("validate", "--lang", "sr-Cyrl", "--format", "json", str(data))
    messages = [problem["message"] for problem in json.loads(machine.out)["problems"]]
    assert any("over the 0.002 MB limit" in message for message in messages), messages
    assert not any(CYRILLIC.search(message) for message in messages)
