"""Every word a reader sees, in the reader's language: t(), tn(), localized() and the formats.

Messages are written in English in the code, `t("Overview")`, or `tn(one, other, count)`
where a count decides the form, and looked up in gettext catalogues (`locales/`, see
`catalogues.py` and README "Languages"): Serbian has three plural forms, and the catalogue's
own plural rule picks one. A message a catalogue lacks shows in English, never as a blank.

The language is chosen per reader, never per process: `set_language()` and
`using_language()` hold it for the current thread only (each Streamlit session runs its
script in its own thread), else `IPAP_LANG`, else English. There is no `gettext.install()`.
"""

from __future__ import annotations

import numbers
import os
import string
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import lru_cache

from tracker.i18n import formats
from tracker.i18n.catalogues import DERIVED, LOCALES_DIR, SOURCE_LANGUAGE, translations
from tracker.i18n.script import acronym_in_cyrillic, transliterate
from tracker.i18n.sentence import Amount, Sentence, spoken
from tracker.i18n.text import Localized, every_text, localized_text, untranslated_text

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "LOCALES_DIR",
    "N_",
    "Localized",
    "available_languages",
    "chart_day_format",
    "current_language",
    "display_name",
    "display_text",
    "display_untranslated",
    "filler",
    "format_count",
    "format_date",
    "format_day",
    "format_number",
    "format_percent",
    "input_day_format",
    "language_of",
    "localized",
    "made_name",
    "marked",
    "month_name",
    "number_separators",
    "percent_figure",
    "placeholders",
    "searchable_texts",
    "set_language",
    "t",
    "table_day_format",
    "tn",
    "tnp",
    "tp",
    "transliterate",
    "using_language",
]

LANGUAGE_ENV = "IPAP_LANG"
DEFAULT_LANGUAGE = SOURCE_LANGUAGE
# The languages of the tracker, and the only keys a data file's `translations` may use.
LANGUAGES = ("en", "sr-Cyrl", "sr-Latn")
# Each language named in itself, for the language picker (never translated).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "sr-Cyrl": "Српски", "sr-Latn": "Srpski"}

_chosen = threading.local()


def available_languages() -> list[str]:
    """The tracker's languages, English first (for `--lang` choices)."""
    return list(LANGUAGES)


def N_(message: str) -> str:
    """Marks an English message for the catalogue where it is defined; t() translates it later."""
    return message


# Cached: current_language() reads IPAP_LANG through here on every message of a thread with
# no language chosen (a CLI export), 300,000 times for the workbook's 127,000 changes.
@lru_cache(maxsize=64)
def language_of(code: str | None) -> str | None:
    """The tracker language a code names, or None: `sr`, `sr-RS`, `sr_Cyrl` -> sr-Cyrl;
    `sr-Latn-RS`, `sr@latin` -> sr-Latn; `en-GB` -> en (browser and gettext spellings)."""
    if not code or not code.strip():
        return None
    wanted = code.strip().replace("_", "-").lower()
    for language in LANGUAGES:
        if wanted == language.lower():
            return language
    primary = wanted.split("@")[0].split("-")[0]
    if primary == "sr":
        latin = "latn" in wanted.split("-") or wanted.endswith("@latin")
        return "sr-Latn" if latin else "sr-Cyrl"
    for language in LANGUAGES:
        if language.lower().split("-")[0] == primary:
            return language
    return None


def current_language() -> str:
    """The language set for this thread, else IPAP_LANG, else English."""
    chosen = getattr(_chosen, "language", None)
    if chosen:
        return str(chosen)
    return language_of(os.environ.get(LANGUAGE_ENV)) or DEFAULT_LANGUAGE


def made_name(name: str) -> str:
    """A name the tracker makes from an id ("IPAP 1") in the reader's script: a Cyrillic
    reader (a language whose Latin twin is derived from it) reads "ИПАП 1", as Serbian
    institutions write it; a Latin reader reads it as made."""
    return acronym_in_cyrillic(name) if current_language() in DERIVED.values() else name


def set_language(code: str | None) -> None:
    """Choose the language for the current thread (None: back to IPAP_LANG or English)."""
    if code is None:
        _chosen.language = None
        return
    language = language_of(code)
    if language is None:
        raise ValueError(f"unknown language {code!r}: use one of {', '.join(LANGUAGES)}")
    _chosen.language = language


@contextmanager
def using_language(code: str | None) -> Iterator[str]:
    """Within the block, this thread reads in `code`; the previous choice comes back after."""
    before = getattr(_chosen, "language", None)
    set_language(code)
    try:
        yield current_language()
    finally:
        _chosen.language = before


# Placeholders whose whole numbers are names, not amounts: a year or a line is never
# written with a thousands separator ("2019 Q4", "line 1204").
NOT_AMOUNTS = frozenset({"year", "quarter", "row", "line", "lines", "column", "number"})


def _is_count(value: object) -> bool:
    """A whole number, Python's or numpy's (a count from a table), never a bool (numpy's
    bool_ is no Integral)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _amounts(values: dict[str, object]) -> dict[str, object]:
    """The values as the reader reads them: every count with its thousands separated
    ("10,000" in English, "10.000" in Serbian, numpy's integers from a table too), a
    measured `Amount` with the reader's decimal sign, and a `Sentence` (a refusal, a
    problem made once for every reader) said again in the reader's language."""
    shown: dict[str, object] = {}
    for name, value in values.items():
        if type(value) is str:  # most values: a word, a name (a Sentence is a str subclass)
            pass
        elif isinstance(value, Sentence):
            value = spoken(value)
        elif isinstance(value, Amount):
            value = value.written(current_language())
        elif _is_count(value) and name not in NOT_AMOUNTS:
            value = format_count(value)  # type: ignore[arg-type]
        shown[name] = value
    return shown


def format_count(count: int) -> str:
    """A count as the reader writes it, thousands grouped: "1,761" in English, "1.761" in
    Serbian (Babel). Every count a sentence, a plural form or a tile shows goes through here;
    the plural form is still chosen by the number itself."""
    return formats.format_number(int(count), current_language())


def _filled(text: str, fallback: str, values: dict[str, object]) -> str:
    if not values:
        return text
    values = _amounts(values)
    try:
        return _one_full_stop(text, values).format(**values)
    except (KeyError, IndexError, ValueError):  # a broken translation: the English reads
        return _one_full_stop(fallback, values).format(**values)


def _one_full_stop(text: str, values: dict[str, object]) -> str:
    """A value that ends in a full stop ends the sentence too: a Serbian date ("2. 12. 2026.")
    at the end of "... од {date}." is not followed by a second one."""
    for name, value in values.items():
        if isinstance(value, str) and value.endswith("."):
            text = text.replace("{" + name + "}.", "{" + name + "}")
    return text


def t(message: str, /, **values: object) -> str:
    """The message in the current language, with `{name}` placeholders filled from `values`."""
    return _filled(translations(current_language()).gettext(message), message, values)


def filler(message: str, /) -> Callable[..., str]:
    """t(message, **values) for one message said on many rows (the workbook's 100,000 update
    notes): the catalogue is read, and the language asked for, once; each call fills the
    values as t() does. Use it only while that language is the thread's (one call of a
    function, as describe_changes does): counts are grouped in the language of each call.
    Mark the message with N_() where it is written, so the catalogue has it."""
    text = translations(current_language()).gettext(message)

    def fill(**values: object) -> str:
        return _filled(text, message, values)

    return fill


def tp(context: str, message: str, /, **values: object) -> str:
    """`message` as meant in `context` (gettext's msgctxt): where one English word needs two
    words in another language ("Field" of a table of facts is "Податак", an objective's field
    of work is "Сфера"), each use names its context and the catalogue keeps one entry per
    context. Looked up in the reader's catalogue like t(), never process-wide."""
    text = translations(current_language()).pgettext(context, message)
    return _filled(text, message, values)


def tn(one: str, other: str, count: int, /, **values: object) -> str:
    """The form of the message that `count` asks for in the current language, `{count}` filled.

    English has two forms; Serbian three ("1 циљ", "2 циља", "5 циљева"), chosen by the
    catalogue's plural rule. A negative figure takes the form of its size ("-2 тоне" as "2
    тоне"): Python evaluates the rule's `n % 10` with -2 as 8.
    """
    if _is_count(count):
        count = int(count)  # numpy's integers: gettext's plural rule wants Python's
    text = translations(current_language()).ngettext(one, other, abs(count))
    return _filled(text, one if count == 1 else other, {"count": count, **values})


def tnp(context: str, one: str, other: str, count: int, /, **values: object) -> str:
    """tn() as meant in `context` (gettext's npgettext): the same English forms may need
    other forms in another language, as a figure after "of" takes the genitive in Serbian
    ("од 21 тоне" where the figure alone is "21 тона"); the catalogue keeps one entry per
    context, with the language's own plural forms."""
    if _is_count(count):
        count = int(count)
    text = translations(current_language()).npgettext(context, one, other, abs(count))
    return _filled(text, one if count == 1 else other, {"count": count, **values})


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a message: a translation must keep exactly the same ones."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def format_date(day: date | datetime, style: str = "long") -> str:
    """A date as the reader's language writes it: "15. март 2021.", "15 March 2021"."""
    return formats.format_date(day, current_language(), style)


def format_day(day: date | datetime, long: bool = False) -> str:
    """A date in a table or a line: "2021-03-15" in English, "15. 3. 2021." in Serbian;
    `long` (a plan card's period) writes a Serbian month out: "15. март 2021."."""
    return formats.format_day(day, current_language(), long)


def chart_day_format() -> str:
    """format_day's form for a chart's hover text (a d3 time format)."""
    return formats.chart_day_format(current_language())


def table_day_format() -> str:
    """format_day's form for a table's date column (a moment.js format): "D. M. YYYY."."""
    return formats.table_day_format(current_language())


def input_day_format() -> str:
    """How a date field writes and reads a typed date: "YYYY-MM-DD", "DD.MM.YYYY"."""
    return formats.input_day_format(current_language())


def format_number(value: float, decimals: int = 0) -> str:
    """A number with the reader's separators: "2.000,5" in Serbian, "2,000.5" in English."""
    return formats.format_number(value, current_language(), decimals)


def format_percent(share: float, decimals: int = 0) -> str:
    """A share (0.725) as a percentage: "72,5 %" in Serbian, "72.5%" in English; less than all
    is never "100 %" nor more than nothing "0 %" (">99,9 %", "<0,1 %": formats.format_percent)."""
    return formats.format_percent(share, current_language(), decimals)


def percent_figure(share: float, decimals: int = 0) -> str:
    """format_percent() without the sign, for a message that writes it ("{percent}% of the
    objectives"): "72,5", ">99,9"."""
    return formats.format_percent(share, current_language(), decimals, sign=False)


def month_name(month: int, short: bool = True) -> str:
    """A month's name for chart axes (1 = January), abbreviated unless `short` is False."""
    return formats.month_name(month, current_language(), short)


def number_separators() -> str:
    """Decimal and thousands signs for chart libraries: ".," in English, ",." in Serbian."""
    return formats.number_separators(current_language())


def localized(item: object, field: str) -> Localized:
    """A data item's text (title, description, note) in the current language: its explicit
    translation; for sr-Latn the Latin or else the Cyrillic transliterated; else the English,
    with `is_fallback` set so the screen can say it is English. Never blank if any text exists.
    """
    return localized_text(item, field, current_language())


def marked(text: Localized) -> str:
    """The text as a screen shows it: English standing in for a translation says so."""
    if text.is_fallback:
        return t("{text} (in English)", text=text.text)
    return text.text


def display_text(item: object, field: str) -> str:
    """`localized()` with its English-fallback mark, ready to show."""
    return marked(localized(item, field))


def display_name(item: object, field: str) -> str:
    """A field that is mostly a name (an update's `by`): its translation where the data gives
    one, else as written, unmarked, since a person's or a body's name is no English text."""
    found = localized(item, field)
    return str(getattr(item, field, "") or "") if found.is_fallback else found.text


def display_untranslated(text: object) -> str:
    """`display_text` of an item whose field holds `text` and that has no translations."""
    return marked(untranslated_text(text, current_language()))


def searchable_texts(item: object, field: str) -> list[str]:
    """The field in every language the data writes it in, and Cyrillic also in Latin."""
    return every_text(item, field, LANGUAGES)
