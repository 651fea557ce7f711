"""Dates, numbers, percentages and month names as the reader's language writes them (Babel).

"15. март 2021." and "15. mart 2021.", "2.000,5", "72,5 %": the rules come from Babel's
locale data (CLDR), with one addition: Serbian orthography puts a space before the per cent
sign (a no-break space, so no line ends between the two), which CLDR leaves out.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.core import Locale

from tracker.i18n.catalogues import SOURCE_LANGUAGE, locale_name

# English is written the British way in this project ("15 March 2021").
_BABEL_LOCALE = {"en": "en_GB"}
# Languages whose orthography separates the number from the per cent sign.
_SPACE_BEFORE_PERCENT = frozenset({"sr"})


def babel_locale(language: str) -> str:
    return _BABEL_LOCALE.get(language, locale_name(language))


def format_date(day: date | datetime, language: str, style: str = "long") -> str:
    if isinstance(day, datetime):
        day = day.date()
    return babel_dates.format_date(day, style, locale=babel_locale(language))


def format_day(day: date | datetime, language: str, long: bool = False) -> str:
    """A date in a table, a list or a line: ISO in English (the project's unambiguous form),
    else the language's own numeric date from Babel ("15. 3. 2021." in Serbian); `long`, for
    a card's small print, writes the month out where the language is not English
    ("15. март 2021.")."""
    if isinstance(day, datetime):
        day = day.date()
    if language == SOURCE_LANGUAGE:
        return day.isoformat()
    style = "long" if long else "medium"
    return babel_dates.format_date(day, style, locale=babel_locale(language))


def _numeric_day_format(language: str, fields: dict[str, str], iso: str) -> str:
    """format_day's numeric form in another notation (`fields`: CLDR letters -> its tokens)."""
    if language == SOURCE_LANGUAGE:
        return iso
    pattern = babel_dates.get_date_format("medium", locale=babel_locale(language)).pattern
    parts = re.findall(r"d+|M+|y+|[^dMy]+", pattern)
    if any(part[0] in "dMy" and part not in fields for part in parts):
        return iso  # a month written out: the ISO form is never wrong
    return "".join(fields.get(part, part.replace("'", "")) for part in parts)


def chart_day_format(language: str) -> str:
    """format_day's form as a d3 time format, for chart hover texts ("%-d. %-m. %Y.")."""
    fields = {"dd": "%d", "d": "%-d", "MM": "%m", "M": "%-m", "y": "%Y", "yyyy": "%Y"}
    return _numeric_day_format(language, fields, "%Y-%m-%d")


def table_day_format(language: str) -> str:
    """format_day's form as a moment.js format, for a table's date column ("D. M. YYYY.")."""
    fields = {"dd": "DD", "d": "D", "MM": "MM", "M": "M", "y": "YYYY", "yyyy": "YYYY"}
    return _numeric_day_format(language, fields, "YYYY-MM-DD")


def input_day_format(language: str) -> str:
    """The form a date field takes typed dates in: ISO in English, else the language's own
    order of day, month and year with its separator ("DD.MM.YYYY" in Serbian). A date picker
    offers only these three orders and the separators '/', '-' and '.'."""
    if language == SOURCE_LANGUAGE:
        return "YYYY-MM-DD"
    pattern = babel_dates.get_date_format("short", locale=babel_locale(language)).pattern
    order = "".join(dict.fromkeys(letter for letter in pattern if letter in "dMy"))
    separator = next((sign for sign in pattern if sign in "/-."), ".")
    names = {"d": "DD", "M": "MM", "y": "YYYY"}
    if order not in ("dMy", "Mdy", "yMd"):
        return "YYYY-MM-DD"
    return separator.join(names[letter] for letter in order)


@lru_cache(maxsize=64)
def _number_format(pattern: str, language: str) -> tuple[babel_numbers.NumberPattern, Locale]:
    """Babel's parsed `pattern` and the language's locale, made once: what format_decimal and
    format_percent make again on every call before they apply the one to the other (two
    thirds of their time; the overview writes some 2,000 numbers on its first build)."""
    return babel_numbers.parse_pattern(pattern), Locale.parse(babel_locale(language))


def _written(value: float, pattern: str, language: str) -> str:
    """`value` as Babel's format_decimal (or format_percent, for a pattern with a per cent
    sign) writes it with `pattern` in `language`: the same call, with its defaults."""
    parsed, locale = _number_format(pattern, language)
    return parsed.apply(value, locale)


def format_number(value: float, language: str, decimals: int = 0) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return _written(value, pattern, language)


def format_amount(value: float, language: str, decimals: int | None = None) -> str:
    """A measured figure (a size, a limit): `decimals` fixed, or None for as many as it has
    (up to three, no trailing zeros: "3", "2.5", Serbian "2,5")."""
    if decimals is not None:
        return format_number(value, language, decimals)
    return _written(value, "#,##0.###", language)


def format_percent(share: float, language: str, decimals: int = 0, sign: bool = True) -> str:
    """A share (0.725) as a percentage with `decimals` decimals: "72,5 %", "72.5%".

    Less than all never reads "100 %", more than nothing never "0 %": where rounding would say
    so, one decimal is shown ("99,5 %", "0,3 %"), and where one decimal would still say so, the
    bound: "99.96 %" is ">99,9 %", "0.04 %" is "<0,1 %" (with `decimals` of 2, ">99,99 %").
    Every share a reader sees is written here (the app, every export, the command line), so
    the rule is the same everywhere. Without `sign`, the figure alone, for a message that
    writes the sign itself ("{percent}% of the objectives")."""
    # A no-break space, so a line never ends between the figure and its sign.
    space = "\u00a0" if language.split("-")[0] in _SPACE_BEFORE_PERCENT else ""

    def written(value: float, places: int) -> str:
        pattern = "#,##0" + ("." + "0" * places if places > 0 else "") + space + "%"
        return _written(value, pattern, language)

    def says_none_or_all(text: str, places: int) -> bool:
        return text in (written(0, places), written(1, places))

    text = written(share, decimals)
    if 0 < share < 1 and says_none_or_all(text, decimals):
        places = max(decimals, 1)
        finer = written(share, places)
        if places > decimals and not says_none_or_all(finer, places):
            text = finer
        elif share < 0.5:
            text = "<" + written(10**-places / 100, places)
        else:
            text = ">" + written(1 - 10**-places / 100, places)
    return text if sign else text.removesuffix("%").rstrip()


def number_separators(language: str) -> str:
    """The decimal and the thousands sign, in plotly's `separators` order (",." in Serbian)."""
    locale = babel_locale(language)
    return babel_numbers.get_decimal_symbol(locale) + babel_numbers.get_group_symbol(locale)


def month_name(month: int, language: str, short: bool = True) -> str:
    width = "abbreviated" if short else "wide"
    names = babel_dates.get_month_names(width, "stand-alone", locale=babel_locale(language))
    return str(names[month])


def calendar_names(language: str) -> dict[str, list[str]]:
    """Month and day names as plotly.js wants them (days from Sunday), for chart labels."""
    locale = babel_locale(language)

    def months(width: str) -> list[str]:
        names = babel_dates.get_month_names(width, "stand-alone", locale=locale)
        return [str(names[month]) for month in range(1, 13)]

    def days(width: str) -> list[str]:
        names = babel_dates.get_day_names(width, "stand-alone", locale=locale)
        return [str(names[(day + 6) % 7]) for day in range(7)]  # Babel counts from Monday

    return {
        "months": months("wide"),
        "shortMonths": months("abbreviated"),
        "days": days("wide"),
        "shortDays": days("abbreviated"),
    }
