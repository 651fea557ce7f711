"""The gettext catalogues: where they live, how they are read, and which are derived.

One `.po` file per kept language under `locales/<locale>/LC_MESSAGES/messages.po`, made
from the template `locales/messages.pot` that `python -m tracker.i18n extract` writes from
the code. Serbian is kept once, in Cyrillic (`sr_Cyrl`); the Latin catalogue is derived
from it by transliteration when it is loaded (or compiled), so the two scripts can never
disagree. A compiled `.mo` is used when it is at least as new as its `.po`; otherwise the
`.po` is read with Babel, so a fresh checkout works without a build step. What reading it
makes is kept in the throwaway cache folder (tracker.settings.cache_dir), keyed on the `.po`'s
bytes and the code that reads it: Babel takes a fifth of a second to read one, and every
`validate` speaks at least one sentence.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel.support import NullTranslations, Translations

from tracker import settings
from tracker.i18n import script
from tracker.i18n.script import transliterate

if TYPE_CHECKING:
    # Reading and writing catalogues is imported where it is done: a command speaking from a
    # compiled or cached `.mo` (every run but the first after a `.po` changes) needs none of it.
    from babel.messages.catalog import Catalog

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"
# Languages whose catalogue is derived from another's by transliteration, never kept by hand.
DERIVED: dict[str, str] = {"sr-Latn": "sr-Cyrl"}


def locale_name(language: str) -> str:
    """Babel's and the catalogue folder's name for a language: `sr-Latn` -> `sr_Latn`.

    gettext's `sr@latin` would make Babel format dates in Cyrillic; `sr_Latn` does not.
    """
    return language.replace("-", "_")


def po_path(language: str) -> Path:
    return LOCALES_DIR / locale_name(language) / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def kept_languages(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages with a hand-kept `.po` file (the derived ones are made from these)."""
    return tuple(language for language in languages if language not in DERIVED)


def read_catalogue(language: str) -> Catalog:
    """A language's messages as a Babel catalogue; a derived language is transliterated."""
    base = DERIVED.get(language)
    if base is not None:
        return derive(read_catalogue(base), language)
    from babel.messages.pofile import read_po

    with po_path(language).open("rb") as source:
        return read_po(source, locale=locale_name(language), domain=DOMAIN)


def derive(source: Catalog, language: str) -> Catalog:
    """The Latin-script catalogue from the Cyrillic one, message for message."""
    from babel.messages.catalog import Catalog

    derived = Catalog(
        locale=locale_name(language),
        domain=DOMAIN,
        project=source.project,
        version=source.version,
        creation_date=source.creation_date,
        revision_date=source.revision_date,
        fuzzy=False,
    )
    for message in source:
        if not message.id:
            continue
        if isinstance(message.string, (list, tuple)):
            string: str | tuple[str, ...] = tuple(transliterate(s) for s in message.string)
        else:
            string = transliterate(message.string)
        derived.add(
            message.id,
            string,
            locations=message.locations,
            flags=message.flags,
            auto_comments=message.auto_comments,
            user_comments=message.user_comments,
            context=message.context,
        )
    return derived


def compiled(catalogue: Catalog) -> bytes:
    """The catalogue as `.mo` bytes; fuzzy (unchecked) entries are left out: English shows."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


def _is_fresh(language: str) -> bool:
    compiled_file = mo_path(language)
    kept = po_path(DERIVED.get(language, language))
    return compiled_file.is_file() and compiled_file.stat().st_mtime >= kept.stat().st_mtime


@lru_cache(maxsize=16)
def translations(language: str) -> NullTranslations:
    """The gettext translations of a language, falling back to English, then to the message."""
    if not po_path(DERIVED.get(language, language)).is_file():
        return NullTranslations() if language == SOURCE_LANGUAGE else translations(SOURCE_LANGUAGE)
    data = mo_path(language).read_bytes() if _is_fresh(language) else _compiled_once(language)
    found = Translations(io.BytesIO(data), domain=DOMAIN)
    if language != SOURCE_LANGUAGE:
        found.add_fallback(translations(SOURCE_LANGUAGE))
    return found


def _compiled_once(language: str) -> bytes:
    """The language's `.mo` bytes, compiled from its `.po` once and then read from the cache
    folder; any failure to read or write there only means compiling again."""
    from importlib import metadata

    folder = settings.cache_dir()
    if folder is None:
        return compiled(read_catalogue(language))
    digest = hashlib.sha256(language.encode() + b"\0")
    digest.update(po_path(DERIVED.get(language, language)).read_bytes())
    for code in (Path(__file__), Path(script.__file__)):
        digest.update(code.read_bytes())
    digest.update(metadata.version("babel").encode())
    entry = folder / "catalogues" / f"{locale_name(language)}-{digest.hexdigest()[:32]}.mo"
    with contextlib.suppress(OSError):
        return entry.read_bytes()
    data = compiled(read_catalogue(language))
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        for stale in entry.parent.glob(f"{locale_name(language)}-*.mo"):
            stale.unlink()
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, entry)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)  # left only when the rename failed
    return data
