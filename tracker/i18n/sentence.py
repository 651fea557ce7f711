"""A sentence made in English that can be said again in the reader's language.

The loader and the rules find problems once, for every reader (the portfolio is cached and
shared), so their sentences cannot be translated when they are made. A `Sentence` is the
English text (a `str`, so JSON, GitHub annotations, sorting and tests read it unchanged) that
keeps its catalogue message and values; `spoken()` says it in the current language when it
is shown. Values that are sentences are spoken too, and dates are written as the reader's
language writes them (ISO in English, as before).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tracker.i18n.catalogues import SOURCE_LANGUAGE
from tracker.i18n.formats import format_amount


class Amount(float):
    """A measured figure in a sentence (a file's size in MB, a limit), not a count: written
    with the reader's decimal sign when the sentence is said ("2.5" in English, "2,5" in
    Serbian); in the English text it reads as English writes it."""

    decimals: int | None

    def __new__(cls, value: float, decimals: int | None = None) -> Amount:
        made = super().__new__(cls, value)
        made.decimals = decimals
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (Amount, (float(self), self.decimals))

    def written(self, language: str) -> str:
        return format_amount(float(self), language, self.decimals)

    def __format__(self, spec: str) -> str:
        return self.written(SOURCE_LANGUAGE) if not spec else float.__format__(self, spec)

    def __str__(self) -> str:
        return self.written(SOURCE_LANGUAGE)


class Sentence(str):
    """English text with the message (or both plural forms) and the values it was made from,
    and the message's context where one English message means two things (tp())."""

    forms: tuple[str, ...]  # (message,) or (one, other) with values["count"] choosing
    values: dict[str, object]
    context: str | None

    def __new__(
        cls, forms: tuple[str, ...], values: dict[str, object], context: str | None = None
    ) -> Sentence:
        if len(forms) == 1:
            english = forms[0]
        else:
            english = forms[0] if values.get("count") == 1 else forms[1]
        # As t() does: a message without values is taken as written ("'{...}' is not closed").
        made = super().__new__(cls, english.format(**values) if values else english)
        made.forms = forms
        made.values = values
        made.context = context
        return made

    def __reduce__(self) -> tuple[object, ...]:  # pickled (Streamlit's cache) with its message
        return (Sentence, (self.forms, self.values, self.context))


class Joined(str):
    """Parts said one after another ("a; b"), each in the reader's language when spoken: a
    Sentence is translated, any other part (a located Problem) written as `str()` writes it
    then. The English text is what the parts say in English."""

    parts: tuple[object, ...]
    separator: str

    def __new__(cls, parts: tuple[object, ...], separator: str) -> Joined:
        from tracker.i18n import using_language

        with using_language(SOURCE_LANGUAGE):
            english = separator.join(str(part) for part in parts)
        made = super().__new__(cls, english)
        made.parts = parts
        made.separator = separator
        return made

    def __reduce__(self) -> tuple[object, ...]:
        return (Joined, (self.parts, self.separator))


def joined(parts: object, separator: str = "; ") -> Joined:
    """`parts` (sentences, problems, text) as one text, spoken part by part when shown."""
    return Joined(tuple(parts), separator)  # type: ignore[call-overload]


def said(message: str, /, **values: object) -> Sentence:
    """`message` with `{placeholders}` filled, in English now and in any language later."""
    return Sentence((message,), values)


def said_p(context: str, message: str, /, **values: object) -> Sentence:
    """`message` as meant in `context`, said later as tp() says it."""
    return Sentence((message,), values, context)


def kind_of(value: object) -> Sentence | str:
    """What a value read from YAML is, in the reader's words, for a message that says what was
    found instead of what was wanted ("not a list", Serbian „а не списак”): Python's own type
    name (list, int) read as an English word inside Serbian text."""
    kinds = {
        list: said_p("a kind of YAML value", "a list"),
        dict: said_p("a kind of YAML value", "a mapping"),
        str: said_p("a kind of YAML value", "a string"),
        int: said_p("a kind of YAML value", "a number"),
        float: said_p("a kind of YAML value", "a number"),
        bool: said_p("a kind of YAML value", "true or false"),
        date: said_p("a kind of YAML value", "a date"),
        datetime: said_p("a kind of YAML value", "a date and time"),
        type(None): said_p("a kind of YAML value", "an empty value"),
    }
    return kinds.get(type(value), type(value).__name__)


def said_n(one: str, other: str, count: int, /, **values: object) -> Sentence:
    """The plural form `count` asks for, as tn() chooses it in the reader's language."""
    return Sentence((one, other), {"count": count, **values})


def spoken(text: object) -> str:
    """The text in the current language: a Sentence translated, anything else as it is.

    A Sentence said once is kept beside it, for its language and that language's catalogue:
    the parts many problems share (a status named, tracker.statuses.named_status) are said
    once a run, not once for each of the 2,000 problems `validate` may print."""
    if isinstance(text, Joined):
        return text.separator.join(spoken(part) for part in text.parts)
    if not isinstance(text, Sentence):
        return str(text)
    i18n = _i18n()
    language = i18n.current_language()
    catalogue = i18n.translations(language)
    kept = text.__dict__.get("_said")
    if kept is not None and kept[0] == language and kept[1] is catalogue:
        return kept[2]  # type: ignore[no-any-return]
    format_day = i18n.format_day
    values = {name: _spoken_value(value, format_day) for name, value in text.values.items()}
    if len(text.forms) == 1:
        if text.context is not None:
            said_now = i18n.tp(text.context, text.forms[0], **values)
        else:
            said_now = i18n.t(text.forms[0], **values)
    else:
        count = int(text.values["count"])  # type: ignore[call-overload]
        said_now = i18n.tn(text.forms[0], text.forms[1], count, **values)
    text._said = (language, catalogue, said_now)  # type: ignore[attr-defined]
    return said_now


def _i18n() -> Any:
    """tracker.i18n, which imports this module: bound on the first sentence said."""
    global _I18N
    if _I18N is None:
        import tracker.i18n

        _I18N = tracker.i18n
    return _I18N


_I18N: Any = None


def _spoken_value(value: object, format_day: object) -> object:
    if isinstance(value, (Sentence, Joined)):
        return spoken(value)
    if isinstance(value, date):
        return format_day(value)  # type: ignore[operator]
    return value
