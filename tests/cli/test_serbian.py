"""The command line in Serbian: `validate`, `summary`, `update` and `report` speak the
language of --lang (or IPAP_LANG), problem sentences of the loader and rules included; the
machine formats stay English."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.english import english_left
from tests.support import BAD, SHIPPED

CYRILLIC = re.compile(r"[\u0400-\u04FF]")
LOCATED = re.compile(r"^(?P<file>[^:]+\.yaml):(?P<line>\d+):(?P<column>\d+): (?P<sentence>.+)$")


def _nth(text: str, old: str, new: str, n: int = 1) -> str:
    """`text` with the n-th occurrence of `old` replaced (the broken copy's mistakes)."""
    at = -1
    for _ in range(n):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old) :]


@pytest.fixture
def broken_copy(shipped_copy: Path) -> Path:
    """The shipped data with a desk officer's usual mistakes in IPAP 2: a misspelt key, a
    reference to no area, a day that does not exist, a plain-text link, due before start."""
    plan = shipped_copy / "ipap2.yaml"
    text = plan.read_text(encoding="utf-8")
    text = _nth(text, "    status: not-assessed\n", "    staus: not-assessed\n")
    text = _nth(text, "    area: science-cooperation\n", "    area: science-cooperaton\n")
    text = _nth(text, "    due: 2021-12-31\n", "    due: 2021-13-31\n", 3)
    text = _nth(text, 'url: "https://atlanticcouncil.rs/', 'url: "ftp://atlanticcouncil.rs/', 3)
    text = _nth(text, "    due: 2021-12-31\n", "    due: 2019-01-01\n", 4)
    plan.write_text(text, encoding="utf-8")
    return shipped_copy


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_validate_names_every_mistake_at_its_place_in_serbian(
    run_cli, broken_copy: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("IPAP_LANG", "en")
    if language == "sr-Cyrl":
        result = run_cli("validate", "--lang", "sr-Cyrl", str(broken_copy))
    else:  # IPAP_LANG alone chooses too
        monkeypatch.setenv("IPAP_LANG", "sr-Latn")
        result = run_cli("validate", str(broken_copy))
    assert result.code == 1
    lines = result.out.splitlines()
    located = [LOCATED.match(line) for line in lines]
    assert len(lines) >= 5 and all(located), lines
    errors = [m for m in located if m and not m["sentence"].startswith(("упозорење", "upozorenje"))]
    assert {m["file"] for m in errors} == {str(broken_copy / "ipap2.yaml")}
    summary = result.err.strip()
    shown = [*(m["sentence"] for m in located if m), summary]
    assert not english_left(shown, language)
    if language == "sr-Cyrl":
        assert all(CYRILLIC.search(sentence) for sentence in shown), shown
        assert "непознат кључ 'staus': да ли сте мислили 'status'?" in result.out
        assert "рок (1. 1. 2019.) је пре почетка (7. 11. 2019.)" in result.out
        assert "2 датотеке:" in summary and "грешака" in summary
        assert "3 циља нису могла да се прочитају (ipap2-exercises" in summary
    else:
        assert not any(CYRILLIC.search(sentence) for sentence in shown), shown
        assert "nepoznat ključ 'staus': da li ste mislili 'status'?" in result.out
        assert "rok (1. 1. 2019.) je pre početka" in result.out


def test_validate_json_and_github_stay_english(run_cli, broken_copy: Path) -> None:
    result = run_cli("validate", "--lang", "sr-Cyrl", "--format", "json", str(broken_copy))
    messages = [problem["message"] for problem in json.loads(result.out)["problems"]]
    assert "objective 'ipap2-exercises': due (2019-01-01) is before start" in " ".join(
        messages
    ) or any("is before start" in message for message in messages)
    assert not any(CYRILLIC.search(message) for message in messages)
    result = run_cli("validate", "--lang", "sr-Cyrl", "--format", "github", str(broken_copy))
    assert result.out.startswith("::") and not CYRILLIC.search(result.out)


def test_a_clean_folder_is_ok_in_serbian(run_cli, shipped_copy: Path) -> None:
    result = run_cli("validate", "--lang", "sr-Cyrl", str(shipped_copy))
    assert result.code == 0
    # One colon: "у реду – 2 датотеке: …" (was "у реду: 2 датотеке: …").
    assert result.out.startswith("у реду – 2 датотеке: 0 грешака; ")
    assert result.out.rstrip().endswith("исправних циљева")


def test_summary_in_serbian(run_cli, broken_copy: Path) -> None:
    result = run_cli("summary", "--lang", "sr-Cyrl", str(broken_copy))
    assert result.code == 1
    assert "Није процењено" in result.out and "Укупно" in result.out
    assert not english_left(result.out.splitlines(), "sr-Cyrl")


@pytest.mark.parametrize(
    ("language", "plans"), [("sr-Cyrl", ["ИПАП 1", "ИПАП 2"]), ("sr-Latn", ["IPAP 1", "IPAP 2"])]
)
def test_summary_names_the_plans_as_serbian_writes_them(
    run_cli, language: str, plans: list[str]
) -> None:
    result = run_cli("summary", "--lang", language, str(SHIPPED))
    assert result.code == 0
    names = [line.split("  ")[0] for line in result.out.splitlines()[2:]]
    assert names == [*plans, "Укупно" if language == "sr-Cyrl" else "Ukupno"]
    assert "ipap1" not in result.out and "ipap2" not in result.out


def test_update_and_report_in_serbian(run_cli, shipped_copy: Path, tmp_path: Path) -> None:
    result = run_cli(
        "update", "ipap2-ammo", "--status", "on-track", "--note", "Почело", "--by", "Деск",
        "--date", "2020-01-15", "--dry-run", "--data", str(shipped_copy), "--lang", "sr-Cyrl",
    )  # fmt: skip
    said = result.out + result.err
    assert CYRILLIC.search(said) and "пробно покретање" in said, said
    assert not english_left(said.splitlines(), "sr-Cyrl")
    out = tmp_path / "pack.md"
    result = run_cli("report", "--data", str(shipped_copy), "-o", str(out), "--lang", "sr-Latn")
    said = result.out + result.err
    assert result.code == 0 and out.exists(), said
    assert said.startswith("upisano") and not english_left(said.splitlines(), "sr-Latn")


def test_every_mistake_of_the_bad_corpus_is_said_in_serbian(run_cli) -> None:
    """Each broken file the loader's tests keep (syntax, tabs, aliases, tags, duplicate keys,
    types, dates, links, ...): every sentence validate prints reads in Cyrillic."""
    english = []
    for path in sorted(BAD.glob("*.yaml")):
        result = run_cli("validate", "--lang", "sr-Cyrl", str(path))
        for line in (result.out + result.err).splitlines():
            if line.strip() and not CYRILLIC.search(line):
                english.append(line)
    assert not english
