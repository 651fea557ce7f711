"""A refused `update` says why in the reader's language: Serbian in Cyrillic with `--lang
sr-Cyrl`, in Latin with `sr-Latn`, no English sentence of the catalogue left; the English
stays for `--lang en` and for the machine format of `validate`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.english import english_left
from tests.support import writable_store

PROJECT = Path(__file__).resolve().parents[2]
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return writable_store(tmp_path)


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
        ["ово ажурирање не бележи ништа ново: „alpha-ex” већ има статус „Према плану”"],
        ["ovo ažuriranje ne beleži ništa novo: „alpha-ex” već ima status „Prema planu”"],
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


def test_a_wrong_update_call_is_told_in_serbian(run_cli, data: Path) -> None:
    result = _update(
        run_cli, data, "sr-Cyrl", "alpha-ammo", "--status", "on-track",
        "--measurement-date", "2026-01-01",
    )  # fmt: skip
    assert result.code == 2
    assert result.err.strip() == "грешка: --measurement-date тражи --measurement ВРЕДНОСТ"
    result = _update(run_cli, data, "sr-Latn", "alpha-ammo", "--status", "on-track",
                     "--evidence-url", "https://example.org")  # fmt: skip
    assert result.code == 2
    assert result.err.strip() == (
        "greška: dokaz traži --evidence-title NASLOV (i --evidence-url ADRESA ako je javan)"
    )


def test_the_careful_readers_yaml_sentences_are_serbian(run_cli, data: Path) -> None:
    plan = data / "beta.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "---\nplan: {id: other}\n", "utf-8")
    result = run_cli("validate", "--lang", "sr-Cyrl", str(data))
    assert "овде почиње други YAML документ ('---'): држите један план у једној датотеци" in (
        result.out
    ), result.out
    assert "a second YAML document" not in result.out


def test_the_note_on_rewritten_lines_is_said_in_the_readers_language() -> None:
    from tracker.edit.describe import rewritten_note
    from tracker.edit.rewrites import Rewrite
    from tracker.i18n import using_language
    from tracker.i18n.sentence import spoken

    note = rewritten_note([Rewrite(5, 'a: "\\u0161"', "a: š"), Rewrite(1204, "x", "y")])
    assert note == (
        "this save also rewrites 2 lines you did not change (lines 5 and 1204): the values "
        "stay the same, only escapes such as \\u0161 are written out as the characters themselves"
    )
    with using_language("sr-Cyrl"):
        assert spoken(note) == (
            "ово чување поново исписује и 2 реда која нисте мењали (редови 5 и 1204): "
            "вредности остају исте, само се записи као што је \\u0161 исписују као сама слова"
        )
    with using_language("sr-Latn"):
        assert spoken(note).startswith("ovo čuvanje ponovo ispisuje i 2 reda")


def test_the_sync_settings_mistakes_are_told_in_serbian(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPAP_SYNC_MINUTES", "abc")
    result = run_cli("sync", "--lang", "sr-Cyrl", "--data", str(tmp_path))
    assert result.code == 2
    first = result.err.splitlines()[0]
    assert first == "упозорење: [sync] interval_minutes мора да буде број минута, а не 'abc'"
    monkeypatch.setenv("IPAP_SYNC_MINUTES", "0.1")
    result = run_cli("sync", "--lang", "sr-Latn", "--data", str(tmp_path))
    assert result.err.splitlines()[0] == (
        "upozorenje: [sync] interval_minutes iznosi najmanje 0,5; koristi se 0,5"
    )
    result = run_cli("sync", "--data", str(tmp_path))  # English as before
    assert result.err.splitlines()[0] == (
        "warning: [sync] interval_minutes is at least 0.5; 0.5 is used"
    )


def test_a_file_past_the_cap_on_entries_is_refused_at_its_place_in_serbian(
    run_cli, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate` says where the first entry past IPAP_MAX_ENTRIES is, in the reader's words;
    the machine format keeps the English sentence."""
    monkeypatch.setenv("IPAP_MAX_ENTRIES", "1")
    shown = run_cli("validate", "--lang", "sr-Cyrl", str(data))
    assert shown.code == 1, shown.out
    assert re.search(r"\.yaml:\d+:\d+: датотека садржи више од 1 уноса", shown.out), shown.out
    assert "повећајте ограничење подешавањем IPAP_MAX_ENTRIES" in shown.out
    machine = run_cli("validate", "--lang", "sr-Cyrl", "--format", "json", str(data))
    messages = [problem["message"] for problem in json.loads(machine.out)["problems"]]
    assert any("holds more than 1 entries" in message for message in messages), messages
