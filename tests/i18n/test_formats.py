"""Dates, numbers and months as each language writes them (Babel), in both Serbian scripts."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.i18n import format_date, format_number, format_percent, month_name, using_language

DAY = date(2021, 3, 15)


@pytest.mark.parametrize(
    ("language", "day", "number", "percent", "march"),
    [
        ("sr-Cyrl", "15. март 2021.", "2.000,5", "72,5 %", "мар"),
        ("sr-Latn", "15. mart 2021.", "2.000,5", "72,5 %", "mar"),
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
        assert format_percent(0.4) == "40 %"
        assert month_name(12, short=False) == "децембар"
    with using_language("sr-Latn"):
        assert month_name(12, short=False) == "decembar"
        assert format_date(date(2019, 11, 7)) == "7. novembar 2019."


def test_a_tables_progress_column_writes_the_percent_as_the_language_does() -> None:
    """A progress cell reads "100 %" in Serbian (a space before the sign, as format_percent
    writes it everywhere else), "100%" in English: the grid showed "100%" in Serbian."""
    from tracker.i18n import formats

    assert formats.table_percent_format("en") == "%.0f%%"
    assert formats.table_percent_format("sr-Cyrl") == "%.0f %%"
    assert formats.table_percent_format("sr-Latn") == "%.0f %%"
    for language in ("en", "sr-Cyrl"):
        shown = formats.table_percent_format(language).replace("%.0f", "100").replace("%%", "%")
        assert shown == formats.format_percent(1.0, language)
