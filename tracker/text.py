"""Text helpers defined once for every stage: which addresses may become links, how a long
title is shortened, and the nearest known word for a "did you mean" hint."""

from __future__ import annotations

import difflib
import re
from urllib.parse import urlsplit

from tracker.i18n import made_name
from tracker.i18n.sentence import said

_WEB_SCHEMES = ("http", "https")
# A number as people write it in a cell or on the command line: either decimal sign (400.5,
# Serbian 400,5), thousands apart only by a space (2 000). One sign before exactly three digits
# (2.000, 2,000) is refused rather than guessed: it is 2 in one language and 2000 in the other.
_AMBIGUOUS_NUMBER = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
_WRITTEN_NUMBER = re.compile(r"^[+-]?(\d{1,3}([ \u00a0\u202f]\d{3})+|\d+)([.,]\d+)?$")
_PLAN_NUMBER = re.compile(r"(?<=[A-Z])(\d+)$")


def written_number(word: str) -> float | None:
    """The number `word` writes (see _WRITTEN_NUMBER), or None: one reading for the workbook
    import and the command line, so "37,5" means the same in both."""
    word = word.strip()
    if not _WRITTEN_NUMBER.match(word) or _AMBIGUOUS_NUMBER.match(word):
        return None
    try:
        return float(re.sub(r"[ \u00a0\u202f]", "", word).replace(",", "."))
    except ValueError:
        return None


def plan_name(plan_id: str) -> str:
    """A plan's short name as people say it: ipap1 -> IPAP 1 (ИПАП 1 for a Cyrillic reader).
    Defined here, without the charts, so the command line names plans as the app does."""
    return made_name(_PLAN_NUMBER.sub(r" \1", plan_id.upper()))


# `str.isspace` and the C0 controls with DEL, searched in C: the loader checks every address of
# every update and evidence item (a large portfolio has hundreds of thousands).
_SPACE = re.compile(r"\s")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
# An ASCII address whose host part (after '//', up to the first '/', '?' or '#') is there and
# holds no bracket: `urlsplit` would give it a web scheme and that host without raising (it only
# checks brackets, IPv6 literals, and non-ASCII hosts), so it need not be asked.
_PLAIN_WEB_ADDRESS = re.compile(r"(?i:https?)://[^/?#\[\]]+(?:[/?#]|\Z)")
# All of the above in one match, for the usual address: http(s), a host without brackets, and
# no whitespace or control character anywhere (so no stripping either). On ASCII text it holds
# exactly when `link_problem` finds nothing by its first checks and `_PLAIN_WEB_ADDRESS`.
_CLEAN_WEB_ADDRESS = re.compile(
    r"(?i:https?)://[^/?#\[\]\s\x00-\x1f\x7f]+(?:[/?#][^\s\x00-\x1f\x7f]*)?"
)


def is_clean_web_address(value: str) -> bool:
    """An ASCII http(s) address with a host and nothing to strip or refuse: a link as it is.

    The loader asks this of every address and source of every update and evidence item (some
    80,000 at 10,000 objectives), and one match answers it for nearly all of them."""
    return value.isascii() and _CLEAN_WEB_ADDRESS.fullmatch(value) is not None


def link_problem(value: str) -> str | None:
    """Why `value` may not become a link, as a sentence; None when it may.

    Only http(s) addresses with a host, and nothing invisible in them: anything else could
    run code in a page (`javascript:`) or read local files (`file:`).
    """
    if is_clean_web_address(value):
        return None
    text = value.strip()
    lowered = text.lower()
    if not lowered.startswith(("http://", "https://")):
        return said(
            "'{value}' is not a web address: only http:// and https:// are allowed", value=value
        )
    if _SPACE.search(text):
        return said("'{value}' contains spaces: encode them as %20", value=value)
    if _CONTROL.search(text):
        return said("'{value}' contains control characters", value=value)
    if text.isascii() and _PLAIN_WEB_ADDRESS.match(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return said("'{value}' is not a well-formed web address", value=value)
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.netloc:
        return said("'{value}' has no host name after the scheme", value=value)
    return None


def safe_link(value: object) -> str | None:
    """The address if it may become a link, else None (it is then shown as plain text).

    The loader already refuses other addresses; checking again where a link is made means a
    mistake elsewhere can never turn into a `javascript:` link on screen or in a file.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    return None if link_problem(value) else value.strip()


def shorten(text: object, limit: int) -> str:
    """Cut a long text at a word boundary with an ellipsis, so a cell or a label stays readable."""
    value = str(text)
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "…"


def _fill(words: list[str], width: int) -> list[str]:
    """Words into lines of at most `width` characters (a longer word keeps a line to itself)."""
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _abbreviated(words: list[str], width: int) -> str:
    """As many whole words as fit in `width` with an ellipsis after them: never half a word."""
    kept = words[:1]
    for word in words[1:]:
        if len(" ".join([*kept, word])) + 1 > width:
            break
        kept.append(word)
    return " ".join(kept).rstrip(" ,;:·-") + "…"


def wrap(text: object, width: int, lines: int = 2, suffix: str = "") -> list[str]:
    """A label as up to `lines` lines of about `width` characters, broken between words; a
    text longer still ends its last line with whole words and an ellipsis (the full text goes
    in the hover and the tables). `suffix` ("(3 overdue)") is always kept whole, at the end."""
    words = str(text).split()
    filled = _fill(words, width)
    if suffix:
        if filled and len(filled[-1]) + 1 + len(suffix) <= width:
            filled[-1] += " " + suffix
        else:
            filled.append(suffix)
    if len(filled) <= lines:
        return filled
    head = _fill(words, width)[: lines - 1]
    used = sum(len(line.split()) for line in head)
    room = width - (len(suffix) + 1 if suffix else 0)
    last = _abbreviated(words[used:], max(room, 8))
    return [*head, f"{last} {suffix}" if suffix else last]


def nearest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest known word, for 'did you mean' hints on typos such as staus -> status."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
