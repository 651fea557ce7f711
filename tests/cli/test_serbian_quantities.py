"""validate's warnings give a figure's unit in the reader's language and in the form the
figure asks for ("-2 тоне", "400 тона", "2.000,5 тоне"), chosen when the warning is said:
the same problem, made once, reads in every language; the JSON keeps the English."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import RULES_PLAN, CliResult, objective

AMMUNITION = ("metric:", "  unit: tonnes", "  target: 2000.5", "  measurements:")
NEGATIVE = objective("o-neg", *AMMUNITION, "    - {date: 2020-01-01, value: -2}")
SHORT = objective(
    "o-short", *AMMUNITION, "    - {date: 2020-01-01, value: 400}", status="completed"
)


@pytest.mark.parametrize(
    ("language", "negative", "short"),
    [
        ("sr-Cyrl", "(-2 тоне)", "400 тона од циљне вредности 2.000,5 тоне"),
        ("sr-Latn", "(-2 tone)", "400 tona od ciljne vrednosti 2.000,5 tone"),
        ("en", "(-2 tonnes)", "400 tonnes of the 2,000.5 tonnes target"),
    ],
)
def test_warnings_give_the_unit_in_the_form_of_its_figure(
    tmp_path: Path, run_cli: Callable[..., CliResult], language: str, negative: str, short: str
) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES_PLAN + NEGATIVE + SHORT, encoding="utf-8")
    said = run_cli("validate", "--lang", language, str(path)).out
    assert negative in said and short in said, said
    if language != "en":
        assert "tonnes" not in said
    machine = run_cli("validate", "--lang", language, "--format", "json", str(path)).out
    messages = " ".join(problem["message"] for problem in json.loads(machine)["problems"])
    assert "(-2 tonnes)" in messages and "400 tonnes of the 2,000.5 tonnes target" in messages
