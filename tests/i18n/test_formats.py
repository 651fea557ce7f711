"""Dates, numbers and months as each language writes them (Babel), in both Serbian scripts."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.i18n import format_date, format_number, format_percent, month_name, using_language

DAY = date(2021, 3, 15)


@pytest.mark.parametrize(
    ("language", "day", "number", "percent", "march"),
    [
        ("sr-Cyrl", "15. март 2021.", "2.000,5", "72,5\u00a0%", "мар"),
        ("sr-Latn", "15. mart 2021.", "2.000,5", "72,5\u00a0%", "mar"),
        ("en", "15 March 2021", "2,000.5", "72.5%", "Mar"),
    ],
)
def test_each_language_writes_dates_and_numbers_its_own_way(
    language: str, day: str, number: str, percent: str, march: str
) -> None:
    with using_language(language):
        assert format_date(DAY) == day
        assert format_number(2000.5, decimals=1) == number
        assert format_percent(0.725, decimals=1) == percent
        assert month_name(3) == march


def test_whole_numbers_and_long_month_names() -> None:
    with using_language("sr-Cyrl"):
        assert format_number(2000) == "2.000"
        assert format_percent(0.4) == "40\u00a0%"
        assert month_name(12, short=False) == "децембар"
    with using_language("sr-Latn"):
        assert month_name(12, short=False) == "decembar"
        assert format_date(date(2019, 11, 7)) == "7. novembar 2019."


@pytest.mark.parametrize(
    ("language", "almost_all", "hardly_any", "half_up", "a_third"),
    [
        ("en", ">99.9%", "<0.1%", "99.5%", "0.3%"),
        ("sr-Cyrl", ">99,9\u00a0%", "<0,1\u00a0%", "99,5\u00a0%", "0,3\u00a0%"),
        ("sr-Latn", ">99,9\u00a0%", "<0,1\u00a0%", "99,5\u00a0%", "0,3\u00a0%"),
    ],
)
def test_a_share_is_never_rounded_to_all_or_nothing(
    language: str, almost_all: str, hardly_any: str, half_up: str, a_third: str
) -> None:
    """99.96 % is not all (a target met, every objective completed) and 0.04 % is not none:
    one decimal where rounding would say so, the bound where one decimal still would; the
    same in every language, every export and the command line (they all write shares here)."""
    from tracker.export.text import percent
    from tracker.tables.wording import share_figure, share_in_words

    with using_language(language):
        for decimals in (0, 1):
            assert format_percent(0.9996, decimals) == almost_all
            assert format_percent(0.0004, decimals) == hardly_any
        assert format_percent(0.995) == half_up  # whole, it would read 100
        assert format_percent(0.003) == a_third  # whole, it would read 0
        sign = "%" if language == "en" else "\u00a0%"
        assert (format_percent(1), format_percent(0)) == ("100" + sign, "0" + sign)  # exact
        assert format_percent(0.725) in ("72%", "72\u00a0%")  # the usual share, as before
        assert percent(99.96) == almost_all and percent(0.04) == hardly_any  # the exports
        assert share_figure(99.96) == almost_all.rstrip("%").rstrip()
        assert share_in_words(2499, 2500).startswith(almost_all.rstrip("%").rstrip())
        assert share_in_words(1, 2500).startswith(hardly_any.rstrip("%").rstrip())
        assert share_in_words(1, 8).startswith("12" + almost_all[3] + "5")  # 12.5 / 12,5


def test_the_app_tables_progress_figure_never_rounds_to_all_or_nothing() -> None:
    """The Objectives table's figure beside each progress bar is format_percent's: the grid's
    printf format showed 99.96 as "100 %" and 0.04 as "0 %"; the sign spaced as the language
    spaces it; no figure where there is no progress."""
    import pandas as pd

    from components.tables import progress_figures

    progress = pd.Series([99.96, 0.04, 72.0, 100.0, float("nan")])
    for language, wanted in (
        ("en", [">99.9%", "<0.1%", "72%", "100%", None]),
        ("sr-Cyrl", [">99,9\u00a0%", "<0,1\u00a0%", "72\u00a0%", "100\u00a0%", None]),
        ("sr-Latn", [">99,9\u00a0%", "<0,1\u00a0%", "72\u00a0%", "100\u00a0%", None]),
    ):
        with using_language(language):
            assert progress_figures(progress) == wanted


@pytest.mark.parametrize("language", ["en", "sr-Cyrl", "sr-Latn"])
def test_numbers_are_written_exactly_as_babel_writes_them(language: str) -> None:
    """formats keeps Babel's parsed patterns rather than parsing them on every number: each
    figure, share and amount is still the one Babel's own functions write, halves, negatives,
    numpy's numbers and NaN included."""
    import math

    import numpy as np
    from babel import numbers as babel_numbers

    from tracker.i18n import formats

    locale = formats.babel_locale(language)
    space = "\u00a0" if language.startswith("sr") else ""
    values = [0, 1, -1, 7, 999, 1000, 1234567, -20000, 0.5, 1.5, 2.5, 0.125, 2.675, 1.005]
    values += [12.3456, -0.0004, 99.95, 1e12, 2000.5, math.nan, np.int64(4321), np.float64(0.725)]
    for value in values:
        for decimals in (0, 1, 2, 3):
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            expected = babel_numbers.format_decimal(value, pattern, locale=locale)
            assert formats.format_number(value, language, decimals) == expected
            share = pattern + space + "%"
            if not math.isnan(value) and 0 < value < 1:
                continue  # format_percent's own rule for shares near the ends (tested above)
            if not math.isnan(value):
                assert formats.format_percent(value, language, decimals) == (
                    babel_numbers.format_percent(value, share, locale=locale)
                )
        assert formats.format_amount(value, language) == babel_numbers.format_decimal(
            value, "#,##0.###", locale=locale
        )
