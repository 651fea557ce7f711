"""What a person typed in a cell, read as the format's values (or a sentence saying why not).

People type a status as its label in their language, a progress as "40%" or "40,5", a date
as an Excel date, an Excel date serial, ISO text or the Serbian 20.11.2026.; each reader
here accepts all of those and answers anything else with what to write instead.
"""

from __future__ import annotations

import contextlib
import datetime
import math
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from pydantic import TypeAdapter, ValidationError

from tracker import i18n
from tracker.i18n import t
from tracker.i18n.sentence import joined, said
from tracker.model import OBJECTIVE_TYPES, RECOMMENDED_EVIDENCE_KINDS, SourceReference, WebUrl
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.text import written_number

EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 is 1900-01-01, after Excel's leap-year bug
LAST_EXCEL_SERIAL = 2_958_465  # 9999-12-31
# Earlier than any action plan: a number typed in a date column (a year, a count) would
# otherwise pass as a date in 1905.
EARLIEST_DATE = datetime.date(1990, 1, 1)
ACCESS_LEVELS = ("public", "internal")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})\.?$")
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_WEB_URL = TypeAdapter(WebUrl)
_SOURCE = TypeAdapter(SourceReference)

Reading = tuple[object, str | None]  # the value, or None and the sentence for the cell


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Messages in `language` for the block, then the language that was set before."""
    using = getattr(i18n, "using_language", None)
    if using is not None:
        with using(language):
            yield
        return
    before = getattr(i18n._chosen, "language", None)
    i18n.set_language(language)
    try:
        yield
    finally:
        i18n.set_language(before)


def normalise(text: str) -> str:
    """How two spellings of a word compare: case, spaces, hyphens and accents' forms aside."""
    folded = unicodedata.normalize("NFC", text).casefold().replace("-", " ").replace("_", " ")
    return " ".join(folded.split())


@lru_cache(maxsize=512)
def in_every_language(message: str) -> tuple[str, ...]:
    """The message as each of the app's languages writes it."""
    shown = []
    for language in i18n.available_languages():
        with speaking(language):
            shown.append(t(message))
    return tuple(dict.fromkeys([message, *shown]))


def _words(choices: dict[str, str]) -> dict[str, str]:
    """Every way to write each choice (its key, its label in every language) -> the key."""
    found: dict[str, str] = {}
    for key, label in choices.items():
        found.setdefault(normalise(key), key)
        for shown in in_every_language(label):
            found.setdefault(normalise(shown), key)
    return found


@lru_cache(maxsize=1)
def _status_words() -> dict[str, str]:
    return _words(STATUS_LABELS)


def status_labels() -> list[str]:
    """The status labels in the current language, in the statuses' order (the drop-down)."""
    return [t(STATUS_LABELS[status]) for status in STATUS_ORDER]


def text(value: object) -> str | None:
    """A cell as text, or None when empty; a number typed in a text column reads as typed."""
    if value is None:
        return None
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date() if value.time() == datetime.time() else value
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    shown = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    return shown or None


def status(value: object) -> Reading:
    word = text(value)
    if word is None:
        return None, None
    key = _status_words().get(normalise(word))
    if key is None:
        return None, said(
            "'{value}' is not a status: pick one from the list ({choices})",
            value=word,
            choices=joined([said(STATUS_LABELS[key]) for key in STATUS_ORDER], ", "),
        )
    return key, None


def progress(value: object, number_format: str = "General") -> Reading:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    amount: float | None
    if isinstance(value, bool):
        amount = None
    elif isinstance(value, (int, float)):
        # A cell formatted as a percentage holds 0.4 for the 40% it shows.
        amount = float(value) * 100 if "%" in number_format else float(value)
    else:
        amount = written_number(str(value).strip().removesuffix("%").strip())
    if amount is None or math.isnan(amount):
        return None, said(
            "'{value}' is not a percentage: write a number from 0 to 100", value=value
        )
    if not 0 <= amount <= 100:
        return None, said(
            "progress is a percentage from 0 to 100, not {value}", value=_plain(amount)
        )
    return round(amount, 2), None


def number(value: object) -> Reading:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    amount = None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        amount = float(value)
    elif isinstance(value, str):
        amount = written_number(value.strip())
    if amount is None or not math.isfinite(amount):
        return None, said(
            "'{value}' is not a number: write digits only, such as 400 or 400,5", value=value
        )
    return amount, None


def _plain(amount: float) -> str:
    return str(int(amount)) if amount.is_integer() else str(amount)


def date(value: object, today: datetime.date | None = None) -> Reading:
    """A date from an Excel date, a date serial, ISO text or a Serbian dotted date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    day: datetime.date | None = None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value <= LAST_EXCEL_SERIAL:
            day = EXCEL_EPOCH + datetime.timedelta(days=int(value))
    elif isinstance(value, str):
        day = _date_text(value.strip())
    if day is None:
        return None, said(
            "'{value}' is not a date: write it as YYYY-MM-DD (2026-11-20) or pick a date",
            value=text(value),
        )
    if day < EARLIEST_DATE:
        return None, said(
            "{day} is too early to be this date: write it as YYYY-MM-DD", day=day.isoformat()
        )
    if day > (today or datetime.date.today()):
        return None, said(
            "{day} is in the future: an update records what has happened", day=day.isoformat()
        )
    return day, None


def _date_text(word: str) -> datetime.date | None:
    match = _ISO_DATETIME.match(word)
    if match:
        word = match.group(1)
    if _ISO_DATE.match(word):
        try:
            return datetime.date.fromisoformat(word)
        except ValueError:
            return None
    dotted = _DOTTED_DATE.match(word)
    if dotted:
        day, month, year = (int(part) for part in dotted.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    return None


def web_address(value: object) -> Reading:
    word = text(value)
    if word is None:
        return None, None
    try:
        return _WEB_URL.validate_python(word), None
    except ValidationError as error:
        return None, _first_reason(error)


def source(value: object) -> Reading:
    word = text(value)
    if word is None:
        return None, None
    try:
        return _SOURCE.validate_python(word), None
    except ValidationError as error:
        return None, _first_reason(error)


def _first_reason(error: ValidationError) -> str:
    """The validator's own sentence (a Sentence, said in the reader's language when shown)."""
    first = error.errors()[0]
    original = first.get("ctx", {}).get("error")
    if isinstance(original, ValueError) and original.args and isinstance(original.args[0], str):
        return original.args[0]
    return str(first.get("msg", error)).removeprefix("Value error, ")


@lru_cache(maxsize=1)
def _access_words() -> dict[str, str]:
    return _words({level: level for level in ACCESS_LEVELS})


def access(value: object) -> Reading:
    word = text(value)
    if word is None:
        return None, None
    key = _access_words().get(normalise(word))
    if key is None:
        return None, said(
            "'{value}' is not an access level: write {public} or {internal}",
            value=word,
            public=said("public"),
            internal=said("internal"),
        )
    return key, None


@lru_cache(maxsize=1)
def _kind_words() -> dict[str, str]:
    return _words({kind: kind for kind in RECOMMENDED_EVIDENCE_KINDS})


def evidence_kind(value: object) -> Reading:
    """A recommended kind in any language becomes its word; any other text stays as typed."""
    word = text(value)
    if word is None:
        return None, None
    return _kind_words().get(normalise(word), word), None


@lru_cache(maxsize=1)
def _type_words() -> dict[str, str]:
    return _words({kind: kind for kind in OBJECTIVE_TYPES})


def objective_type(value: object) -> Reading:
    word = text(value)
    if word is None:
        return None, None
    key = _type_words().get(normalise(word))
    if key is None:
        return None, said(
            "'{value}' is not an objective type: write one of {choices}",
            value=word,
            choices=joined([said(kind) for kind in OBJECTIVE_TYPES], ", "),
        )
    return key, None
