"""Which English messages of the catalogue are still on a Serbian screen: shared by the
AppTests (tests/app/test_languages.py) and the browser test, so both judge alike."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from google.protobuf.json_format import MessageToDict

from tests.support import strings_in
from tracker.i18n.catalogues import read_catalogue

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A markup tag: what a reader sees of an HTML block is the text between its tags.
_TAG = re.compile(r"<[^<>]*>")

# Messages that read the same in English and in Serbian: symbols, or words both languages
# write alike in Latin script ("Plan", "Status"). Listed, so a forgotten one cannot hide here.
_SYMBOLS = {
    "{before} → {after}",
    "{amount} {unit}",
    "{change}: {note}",
    "{filter}: {values}",
    "{field}: {problem}",
    "{title} ({kind})",
    "{as_of} · {filters} · {audience}",
    "IPAP Tracker · {scope} · {as_of} · {edition}",
    "{where}: {sentence}",
    "{short}: {title}",
    "objectives[{index}]: {message}",
    "{view} · {place}",
    "%",  # the heading of the progress figure's column beside its bar
}
THE_SAME = {
    "sr-Cyrl": _SYMBOLS,
    "sr-Latn": _SYMBOLS | {"Format", "ID", "Plan", "Status", "plan", "status", "plan {plan}",
                           "{count} plan", "dd", "mm",  # a date field's дд, мм in Latin
                           "Minimum",  # a column statistic, „Минимум”
                           "argument %(argument_name)s: %(message)s"},  # argparse's, „аргумент”
}  # fmt: skip


def english_messages(language: str) -> list[str]:
    """The catalogue's English messages that the language writes differently."""
    found: list[str] = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for english in ids:
            if english in strings:
                assert english in THE_SAME[language], f"{english!r} is not translated"
            else:
                found.append(english)
    return found


@dataclass(frozen=True)
class _Check:
    """One English message as a screen would show it: the whole label, or (a sentence of
    three words or more) its words around any filled-in placeholders."""

    message: str
    pieces: tuple[str, ...]  # the literal text between placeholders, in order
    pattern: re.Pattern[str] | None

    def found_in(self, text: str) -> bool:
        if text == self.message:
            return True
        if self.pattern is None:
            return False
        # The pieces in order is what the pattern needs too: a plain substring search rules
        # out nearly every text at once, so the costly pattern runs only where it may match.
        start = 0
        for piece in self.pieces:
            start = text.find(piece, start)
            if start < 0:
                return False
            start += len(piece)
        return self.pattern.search(text) is not None


@lru_cache(maxsize=4)
def _checks(language: str) -> tuple[_Check, ...]:
    found = []
    for message in english_messages(language):
        literal = _PLACEHOLDER.sub(" ", message).strip()
        if len(literal) < 2:
            continue
        pieces = _PLACEHOLDER.split(message)
        pattern = None
        if len(literal.split()) >= 3:
            pattern = re.compile(".+?".join(re.escape(piece) for piece in pieces))
        found.append(_Check(message, tuple(piece for piece in pieces if piece), pattern))
    return tuple(found)


def english_left(texts: list[str], language: str) -> set[tuple[str, str]]:
    """(message, where) for each English message still on screen: a whole label that is a
    message, or a sentence of three words or more found inside any text."""
    left: set[tuple[str, str]] = set()
    checks = _checks(language)
    seen = {piece.strip() for text in texts for piece in _TAG.split(text)}
    for text in seen - {""}:
        for check in checks:
            if check.found_in(text):
                left.add((check.message, text[:120]))
    return left


_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# What a date field holds (its value and bounds) rather than shows: it shows them in `format`.
_FIELD_VALUES = {"default", "min", "max", "value"}


def iso_dates_shown(app: AppTest) -> set[str]:
    """Every text a reader sees with an ISO date in it (a Serbian page writes "15. 3. 2021."),
    and every table's date format in ISO: what charts draw on their axes, hover texts and
    annotations, table cells, labels and captions; not a chart's data or a link's target."""
    found: list[str] = []

    def walk(node: object) -> None:
        kind = getattr(node, "type", "")
        proto = getattr(node, "proto", None)
        if kind == "plotly_chart":
            found.extend(_chart_texts(json.loads(proto.spec)))  # type: ignore[union-attr]
        elif kind == "dataframe":
            frame = node.value  # type: ignore[attr-defined]
            for column in frame.columns:
                found.extend(cell for cell in frame[column] if isinstance(cell, str))
            for config in json.loads(proto.columns or "{}").values():  # type: ignore[union-attr]
                found.append(str((config.get("type_config") or {}).get("format", "")))
        elif proto is not None and hasattr(proto, "DESCRIPTOR") and kind != "page_link":
            decoded = MessageToDict(proto)
            decoded.pop("data", None)
            if kind == "date_input":
                decoded = {k: v for k, v in decoded.items() if k not in _FIELD_VALUES}
            found.extend(strings_in(decoded))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(app._tree)
    pieces = {piece for text in found for piece in _TAG.split(text)}
    return {piece for piece in pieces if _ISO_DAY.search(piece) or "YYYY-MM-DD" in piece}


def _chart_texts(spec: dict) -> list[str]:
    texts: list[str] = []
    for trace in spec.get("data", []):
        for key in ("text", "hovertemplate", "name", "customdata"):
            texts.extend(strings_in(trace.get(key)))
    layout = spec.get("layout", {})
    for note in layout.get("annotations", []):
        texts.extend(strings_in(note.get("text")))
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")):
            texts.extend(strings_in(axis.get("ticktext")))
            texts.extend(strings_in(axis.get("title")))
    return texts
