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
        assert unit_name("tonnes") == "тона"


# (figure, Cyrillic, Latin): 1 and 21 take the nominative singular, 2-4 and 22-24 the paucal,
# 5-20 (11-14 too) and 25 the genitive plural; a figure with decimals the genitive singular.
TONNES = [
    (1, "1 тона", "1 tona"),
    (2, "2 тоне", "2 tone"),
    (4, "4 тоне", "4 tone"),
    (5, "5 тона", "5 tona"),
    (11, "11 тона", "11 tona"),
    (12, "12 тона", "12 tona"),
    (21, "21 тона", "21 tona"),
    (22, "22 тоне", "22 tone"),
    (24, "24 тоне", "24 tone"),
    (25, "25 тона", "25 tona"),
    (112, "112 тона", "112 tona"),
    (2000, "2.000 тона", "2.000 tona"),
    (2002, "2.002 тоне", "2.002 tone"),
    (2.0, "2 тоне", "2 tone"),
    (2.5, "2,5 тоне", "2,5 tone"),
    (5.5, "5,5 тоне", "5,5 tone"),
    (2000.5, "2.000,5 тоне", "2.000,5 tone"),
]


@pytest.mark.parametrize(("figure", "cyrillic", "latin"), TONNES)
def test_tonnes_take_the_form_their_figure_asks_for(
    figure: float, cyrillic: str, latin: str
) -> None:
    with using_language("sr-Cyrl"):
        assert quantity(figure, "tonnes") == cyrillic
    with using_language("sr-Latn"):
        assert quantity(figure, "tonnes") == latin


def test_tonnes_in_english() -> None:
    with using_language("en"):
        assert quantity(1, "tonnes") == "1 tonne"
        assert quantity(2, "tonnes") == "2 tonnes"
        assert quantity(2000.5, "tonnes") == "2,000.5 tonnes"


def test_goals_with_decimals_take_the_genitive_singular() -> None:
    with using_language("sr-Cyrl"):
        assert quantity(2.5, "goals") == "2,5 циља"
    with using_language("sr-Latn"):
        assert quantity(0.5, "goals") == "0,5 cilja"
    with using_language("en"):
        assert quantity(2.5, "goals") == "2.5 goals"


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


UNMEASURED_TONNES = [
    (1, "од 1 тоне ", "od 1 tone "),
    (2, "од 2 тоне ", "od 2 tone "),
    (5, "од 5 тона ", "od 5 tona "),
    (21, "од 21 тоне ", "od 21 tone "),
    (22, "од 22 тоне ", "od 22 tone "),
    (2000, "од 2.000 тона ", "od 2.000 tona "),
    (2000.5, "од 2.000,5 тоне ", "od 2.000,5 tone "),
]


@pytest.mark.parametrize(("figure", "cyrillic", "latin"), UNMEASURED_TONNES)
def test_after_of_tonnes_take_the_genitive(figure: float, cyrillic: str, latin: str) -> None:
    with using_language("sr-Cyrl"):
        assert cyrillic in unmeasured_target(figure, "tonnes")
    with using_language("sr-Latn"):
        assert latin in unmeasured_target(figure, "tonnes")


def test_after_of_an_unknown_unit_is_escaped_and_kept() -> None:
    with using_language("sr-Cyrl"):
        notice = unmeasured_target(12.5, "rounds_fired", lambda text: text.replace("_", "\\_"))
    assert "од 12,5 rounds\\_fired " in notice


def test_after_of_in_latin_and_english() -> None:
    with using_language("sr-Latn"):
        assert "od 41 cilja " in unmeasured_target(41, "goals")
    with using_language("en"):
        assert "target of 41 goals," in unmeasured_target(41, "goals")
        assert "target of 2,000 tonnes," in unmeasured_target(2000, "tonnes")


def test_a_quantity_said_later_keeps_its_form_and_context_through_a_pickle() -> None:
    """A rule's warning is made once (English) and cached (pickled); said in Serbian it
    still chooses its form, the decimal one by its catalogue context."""
    import pickle

    from tracker.i18n.sentence import spoken
    from tracker.tables.wording import said_quantity

    made = {value: said_quantity(value, "tonnes") for value in (-2, 5, 2000.5)}
    assert [str(sentence) for sentence in made.values()] == [
        "-2 tonnes",
        "5 tonnes",
        "2,000.5 tonnes",
    ]
    kept = {value: pickle.loads(pickle.dumps(sentence)) for value, sentence in made.items()}
    with using_language("sr-Cyrl"):
        assert [spoken(sentence) for sentence in kept.values()] == [
            "-2 тоне",
            "5 тона",
            "2.000,5 тоне",
        ]


# After "of" („од”) Serbian wants the genitive, then the form the figure asks for: the
# genitive singular after a figure ending in 1 (not 11) and after decimals, the paucal after
# 2-4 (22-24; the same letters as the genitive singular for a feminine noun), the genitive
# plural after 5-20 and 25-30. Where the figure alone reads „21 тона” and „1 циљ”, after „од”
# it reads „21 тоне” and „1 циља”.
OF_TONNES = [
    (1, "1 тоне", "1 tone"),
    (2, "2 тоне", "2 tone"),
    (5, "5 тона", "5 tona"),
    (11, "11 тона", "11 tona"),
    (21, "21 тоне", "21 tone"),
    (22, "22 тоне", "22 tone"),
    (2000, "2.000 тона", "2.000 tona"),
    (2001, "2.001 тоне", "2.001 tone"),
    (2000.5, "2.000,5 тоне", "2.000,5 tone"),
]
OF_GOALS = [
    (1, "1 циља"),
    (2, "2 циља"),
    (5, "5 циљева"),
    (11, "11 циљева"),
    (21, "21 циља"),
    (22, "22 циља"),
    (2000, "2.000 циљева"),
    (2.5, "2,5 циља"),
]


@pytest.mark.parametrize(("figure", "cyrillic", "latin"), OF_TONNES)
def test_a_figure_after_of_takes_the_genitive(figure: float, cyrillic: str, latin: str) -> None:
    from tracker.tables.wording import of_quantity

    with using_language("sr-Cyrl"):
        assert of_quantity(figure, "tonnes") == cyrillic
    with using_language("sr-Latn"):
        assert of_quantity(figure, "tonnes") == latin


@pytest.mark.parametrize(("figure", "cyrillic"), OF_GOALS)
def test_a_count_of_goals_after_of_takes_the_genitive(figure: float, cyrillic: str) -> None:
    from tracker.tables.wording import of_quantity

    with using_language("sr-Cyrl"):
        assert of_quantity(figure, "goals") == cyrillic


def test_after_of_english_and_unknown_units_read_as_before() -> None:
    from tracker.tables.wording import of_quantity

    with using_language("en"):
        assert of_quantity(1, "tonnes") == "1 tonne"
        assert of_quantity(21, "tonnes") == "21 tonnes"
        assert of_quantity(2000.5, "tonnes") == "2,000.5 tonnes"
    with using_language("sr-Cyrl"):
        assert of_quantity(12.5, "rounds") == "12,5 rounds"
