"""Text helpers defined once for every stage: which addresses may become links, how a long
title is shortened, and the nearest known word for a "did you mean" hint."""

from __future__ import annotations

import difflib
from urllib.parse import urlsplit

from tracker.i18n.sentence import said

_WEB_SCHEMES = ("http", "https")


def link_problem(value: str) -> str | None:
    """Why `value` may not become a link, as a sentence; None when it may.

    Only http(s) addresses with a host, and nothing invisible in them: anything else could
    run code in a page (`javascript:`) or read local files (`file:`).
    """
    text = value.strip()
    lowered = text.lower()
    if not lowered.startswith(("http://", "https://")):
        return said(
            "'{value}' is not a web address: only http:// and https:// are allowed", value=value
        )
    if any(ch.isspace() for ch in text):
        return said("'{value}' contains spaces: encode them as %20", value=value)
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return said("'{value}' contains control characters", value=value)
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


def nearest(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The closest known word, for 'did you mean' hints on typos such as staus -> status."""
    matches = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None
