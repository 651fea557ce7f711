"""A counted unit takes the form its figure asks for (Serbian "41 циљ", not "41 циљева"),
and a unit without a figure names the count instead of pretending one."""

from __future__ import annotations

import pytest

from tracker.i18n import using_language
from tracker.tables.wording import quantity, unit_name, unmeasured_target

SERBIAN_CYRILLIC = {
    1: "1 циљ",
    2: "2 циља",
    5: "5 циљева",
    11: "11 циљева",
    21: "21 циљ",
    22: "22 циља",
    101: "101 циљ",
    1234: "1.234 циља",
}


@pytest.mark.parametrize(("count", "expected"), sorted(SERBIAN_CYRILLIC.items()))
def test_goals_follow_the_serbian_plural_rule(count: int, expected: str) -> None:
    with using_language("sr-Cyrl"):
        assert quantity(count, "goals") == expected


def test_latin_serbian_is_the_transliteration() -> None:
    with using_language("sr-Latn"):
        assert quantity(21, "goals") == "21 cilj"
        assert quantity(5, "goals") == "5 ciljeva"


def test_english_counts_goals() -> None:
    with using_language("en"):
        assert quantity(1, "goals") == "1 goal"
        assert quantity(41, "goals") == "41 goals"


def test_a_unit_without_a_figure_names_the_count() -> None:
    with using_language("sr-Cyrl"):
        assert unit_name("goals") == "број циљева"
        assert quantity(3, "tonnes") == "3 тона"


def test_other_units_stay_as_written() -> None:
    with using_language("sr-Cyrl"):
        assert quantity(12.5, "rounds") == "12,5 rounds"


UNMEASURED = {
    1: "од 1 циља ",
    2: "од 2 циља ",
    5: "од 5 циљева ",
    11: "од 11 циљева ",
    21: "од 21 циља ",
    22: "од 22 циља ",
    101: "од 101 циља ",
}


@pytest.mark.parametrize(("count", "expected"), sorted(UNMEASURED.items()))
def test_after_of_goals_take_the_genitive(count: int, expected: str) -> None:
    with using_language("sr-Cyrl"):
        notice = unmeasured_target(count, "goals")
    assert notice.startswith("Још није мерено: у односу на циљну вредност ")
    assert expected in notice


def test_after_of_in_latin_and_english() -> None:
    with using_language("sr-Latn"):
        assert "od 41 cilja " in unmeasured_target(41, "goals")
    with using_language("en"):
        assert "target of 41 goals," in unmeasured_target(41, "goals")
        assert "target of 2,000 tonnes," in unmeasured_target(2000, "tonnes")
