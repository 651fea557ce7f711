"""Two slips in Serbian text that a reader sees at once and a spell checker does not, shared by
the catalogue and data checks (tests/i18n/test_serbian_typography.py) and the exports' checks
(tests/export/test_serbian.py): a Latin letter inside a Cyrillic word, quotes that are not
Serbian („…”), and a per cent sign not set off by a no-break space („72,5 %”)."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Spans that are not Serbian prose: placeholders, addresses, `code`.
_NOT_PROSE = re.compile(r"\{[^{}]*\}|(?:https?://|www\.)\S+|`[^`]*`")


def mixed_words(text: str) -> list[str]:
    """Words that hold Cyrillic and Latin letters at once."""
    prose = _NOT_PROSE.sub(" ", text)
    return [w for w in _WORD.findall(prose) if _CYRILLIC.search(w) and _LATIN.search(w)]


def quote_slips(text: str) -> list[str]:
    """What is wrong with the text's quotation marks: an English closing mark, or a „ that no
    ” closes (before the next „)."""
    slips = [f"English closing quote in {text!r}"] if "\u201c" in text else []
    for opened in re.finditer("\u201e", text):
        rest = text[opened.end() :]
        close, reopen = rest.find("\u201d"), rest.find("\u201e")
        if close < 0 or 0 <= reopen < close:
            slips.append(f"unclosed „ at {opened.start()} in {text!r}")
    return slips


# A figure (or the placeholder that stands for one) and its per cent sign, with what is between
# them; not "%20" (an address), "%(name)s" or "%s" (a placeholder), nor "(%)" (a header).
_PERCENT = re.compile(r"(?<=[\d}])([ \t]?)%(?![(\w])")


def percent_slips(text: str) -> list[str]:
    """Per cent signs not written „72,5 %” with a no-break space: glued to the figure
    („72,5%”, the English way) or after an ordinary space, where a line may break and leave
    the sign alone at the start of the next."""
    return [
        f"{'no space' if not found.group(1) else 'breaking space'} before % in {text!r}"
        for found in _PERCENT.finditer(text)
    ]
