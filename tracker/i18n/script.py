"""Serbian Cyrillic to Latin, letter for letter, leaving addresses, e-mails and codes alone;
and the one way back the tracker needs: a short name made from an id ("IPAP 1") in Cyrillic.

Cyrillic -> Latin is exact (one letter, one or two letters back), so the Latin catalogue and
the Latin data text are derived, never kept by hand. cyrtranslit does the letters; it writes
"LjUBLjANA" for an all-capital "ЉУБЉАНА", so a word written in capitals is put in capitals
again here ("LJUBLJANA"), while "Љубљана" stays "Ljubljana".
"""

from __future__ import annotations

import re

import cyrtranslit

# Spans copied as they are: web addresses, e-mail addresses, `code`, {placeholders}.
_UNTOUCHED = re.compile(
    r"(?:https?://|www\.)\S+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|`[^`]*`"
    r"|\{[^{}]*\}"
)
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PH = re.compile("PH")


def _word(match: re.Match[str]) -> str:
    word = match.group(0)
    latin = cyrtranslit.to_latin(word, "sr")
    if len(word) > 1 and word.isupper():
        return latin.upper()
    return latin


def _letters(text: str) -> str:
    return _WORD.sub(_word, text) if _CYRILLIC.search(text) else text


def transliterate(text: str) -> str:
    """Serbian Cyrillic text in Latin script; anything already Latin comes back unchanged."""
    if not text or not _CYRILLIC.search(text):
        return text
    pieces: list[str] = []
    start = 0
    for kept in _UNTOUCHED.finditer(text):
        pieces.append(_letters(text[start : kept.start()]))
        pieces.append(kept.group(0))
        start = kept.end()
    pieces.append(_letters(text[start:]))
    return "".join(pieces)


def acronym_in_cyrillic(name: str) -> str:
    """A name the tracker makes from an id ("IPAP 1", "PLAN-003") in Serbian Cyrillic letters
    ("ИПАП 1", "ПЛАН-003"), as Serbian institutions write ИПАП; letters Serbian lacks (Q, W,
    X, Y) stay as they are. Only for such made names: text written by people is never turned
    into Cyrillic.

    A made name that is a word rather than letters spelt out ("ALPHA", a plan's id "alpha")
    keeps the sound of its "PH", as Serbian writes such words („алфа”, „делфин”): letter by
    letter it read „АЛПХА”. Only in a run of four letters or more, so an acronym of two or
    three („PH”, „PHP”) is still spelt out."""
    words = _WORD.sub(lambda run: _PH.sub("Ф", run[0]) if len(run[0]) >= 4 else run[0], name)
    return cyrtranslit.to_cyrillic(words, "sr")
