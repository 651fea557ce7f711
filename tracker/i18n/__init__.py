"""Every word the app and the exports show, in the reader's language, through one function: t().

Messages are written in English in the code, `t("Overview")`, or `tn(one, other, count)` where
a count decides between singular and plural, and looked up in a catalogue:
`tracker/locales/<language>.json`, a flat mapping from the English message to its
translation. `en.json` lists every message the code uses (a test keeps it complete), so a
translator copies it to `sr-Latn.json` (Serbian, Latin script) or `sr-Cyrl.json` (Serbian,
Cyrillic script), translates the values, and the language is available: adding a language
is adding a catalogue, not editing pages. A message missing from a catalogue falls back to
English, so a half-finished translation never breaks a screen.

The language comes from `IPAP_LANG` (default `en`); `set_language()` changes it for the
current thread only, so two browser sessions can read in two languages.
"""

from __future__ import annotations

import json
import os
import string
import threading
from functools import lru_cache
from pathlib import Path

LANGUAGE_ENV = "IPAP_LANG"
DEFAULT_LANGUAGE = "en"
# The languages of the tracker, and the only keys a data file's `translations` may use.
LANGUAGES = ("en", "sr-Cyrl", "sr-Latn")
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

_chosen = threading.local()


def available_languages() -> list[str]:
    """The language codes that have a catalogue, English first."""
    codes = sorted(path.stem for path in LOCALES_DIR.glob("*.json"))
    return sorted(codes, key=lambda code: code != DEFAULT_LANGUAGE)


@lru_cache(maxsize=8)
def catalogue(language: str) -> dict[str, str]:
    """One language's messages; an unknown language is an empty catalogue (English shows)."""
    path = LOCALES_DIR / f"{language}.json"
    if not path.is_file():
        return {}
    entries = json.loads(path.read_text(encoding="utf-8"))
    return {str(key): str(value) for key, value in entries.items()}


def current_language() -> str:
    """The language set for this thread, else IPAP_LANG, else English."""
    chosen = getattr(_chosen, "language", None)
    if chosen:
        return str(chosen)
    from_env = os.environ.get(LANGUAGE_ENV, "").strip()
    return from_env or DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Choose the language for the current thread (None: back to IPAP_LANG or English)."""
    _chosen.language = language


def t(message: str, /, **values: object) -> str:
    """The message in the current language, with `{name}` placeholders filled from `values`."""
    text = catalogue(current_language()).get(message)
    if text is None:
        text = catalogue(DEFAULT_LANGUAGE).get(message, message)
    return text.format(**values) if values else text


def tn(one: str, other: str, count: int, /, **values: object) -> str:
    """`one` when `count` is 1, else `other`, each a catalogue message, with `{count}` filled.

    "1 problems" reads as a mistake. English has two forms; a language with more (Serbian
    has three) translates these two as best it reads until catalogues learn more forms.
    """
    return t(one if count == 1 else other, count=count, **values)


def placeholders(text: str) -> set[str]:
    """The `{name}` fields of a message: a translation must keep exactly the same ones."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
