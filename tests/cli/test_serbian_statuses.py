"""The command line names a status to a Serbian reader by its label in the reader's script,
with the key beside it where the reader must type it in the file ("„Према плану”
(on-track)"); the machine formats (--format json|github) stay English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import RULES_PLAN, CliResult, objective, writable_store

LATE = objective("o-late", status="on-track", due="2020-12-31")
DISAGREE = objective(
    "o-said", "updates:", "  - {date: 2020-05-01, status: at-risk}", status="on-track"
)


def _plan(folder: Path, *objectives: str) -> Path:
    path = folder / "rules.yaml"
    path.write_text(RULES_PLAN + "".join(objectives), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("language", "late", "agree"),
    [
        (
            "sr-Cyrl",
            "статус је „Према плану” (on-track), али је рок (31. 12. 2020.) истекао: унесите да "
            "ли је завршено или означите статус „Угрожено” (at-risk) или „У кашњењу” (off-track)",
            "статус је „Према плану” (on-track), али последње ажурирање (1. 5. 2020.) наводи "
            "„Угрожено” (at-risk)",
        ),
        (
            "sr-Latn",
            "status je „Prema planu” (on-track), ali je rok (31. 12. 2020.) istekao: unesite da "
            "li je završeno ili označite status „Ugroženo” (at-risk) ili „U kašnjenju” (off-track)",
            "status je „Prema planu” (on-track), ali poslednje ažuriranje (1. 5. 2020.) navodi "
            "„Ugroženo” (at-risk)",
        ),
    ],
)
def test_validate_names_statuses_by_label_and_key(
    tmp_path: Path, run_cli: Callable[..., CliResult], language: str, late: str, agree: str
) -> None:
    path = _plan(tmp_path, LATE, DISAGREE)
    result = run_cli("validate", "--lang", language, str(path))
    said = result.out + result.err
    assert late in said, said
    assert agree in said, said
    assert "'on-track'" not in said and "'at-risk'" not in said


def test_validate_json_keeps_the_english_sentence(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = _plan(tmp_path, LATE)
    result = run_cli("validate", "--lang", "sr-Cyrl", "--format", "json", str(path))
    (message,) = [problem["message"] for problem in json.loads(result.out)["problems"]]
    assert "status is 'On track' (on-track) but the due date (2020-12-31) has passed" in message
    assert "mark it 'At risk' (at-risk) or 'Off track' (off-track)" in message
    github = run_cli("validate", "--lang", "sr-Cyrl", "--format", "github", str(path)).out
    assert "'On track' (on-track)" in github and "Према" not in github


@pytest.mark.parametrize(
    ("language", "change"),
    [
        ("sr-Cyrl", "alpha-ammo: статус „Није процењено” → „Према плану”, напредак 15,5\u00a0%"),
        ("sr-Latn", "alpha-ammo: status „Nije procenjeno” → „Prema planu”, napredak 15,5\u00a0%"),
        ("en", "alpha-ammo: status 'Not assessed' -> 'On track', progress 15.5%"),
    ],
)
def test_update_says_the_change_by_the_statuses_labels(
    tmp_path: Path, run_cli: Callable[..., CliResult], language: str, change: str
) -> None:
    data = writable_store(tmp_path)
    result = run_cli(
        "update", "alpha-ammo", "--status", "on-track", "--progress", "15.5",
        "--note", "Почело", "--by", "Ana Petrovic", "--date", "2026-11-02",
        "--data", str(data), "--lang", language,
    )  # fmt: skip
    assert result.code == 0, result.err
    assert change in result.out, result.out
