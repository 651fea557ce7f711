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
import re
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
        quick = compiled_quickly(language)
        return quick if quick is not None else compiled(read_catalogue(language))
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


# --- The same `.mo` without Babel's reader -----------------------------------------------------
#
# With no cache folder (IPAP_CACHE=off, as every cold `validate` of the benchmark runs) the
# `.po` was read by Babel on every run: a fifth of a second for English, whose catalogue
# changes 15 of its 1,189 messages, before the first line is printed. The `.po` files are
# written by Babel (`write_po`), one keyword or quoted line each, so they are read here line by
# line as Babel's reader reads them, and compiled as `write_mo` compiles; Babel still reads the
# header (a few lines: the catalogue's charset, plural forms and the header `write_mo` writes)
# and any file that holds what this reader leaves to it (obsolete or fuzzy-marked lines inside
# an entry, a repeated message, a keyword it does not know). tests/i18n/test_compiled_once.py
# holds the bytes to `compiled(read_catalogue(language))` for every catalogue.

_PO_WHITESPACE = " \t\n\r\x0b\x0c"  # what bytes.strip() strips: Babel strips each line so
_PO_ESCAPE = re.compile(r"\\([\\trn\"])")
_PO_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"'}
_PO_PLURAL_INDEX = re.compile(r"msgstr\[([0-9]+)\]")


class _NotPlain(Exception):
    """The `.po` holds something only Babel's reader should read."""


def _unescaped(piece: str) -> str:
    if len(piece) < 2 or piece[0] != '"' or piece[-1] != '"':
        raise _NotPlain(piece)
    return _PO_ESCAPE.sub(lambda match: _PO_ESCAPED[match.group(1)], piece[1:-1])


def _po_entries(
    text: str,
) -> tuple[str, list[tuple[str | None, list[str], dict[int, str], bool]]]:
    """The header's lines, and each other entry as (context, ids, translations by index,
    fuzzy), in the file's order, read as Babel's PoFileParser reads them; raises _NotPlain."""
    lines = text.split("\n")
    entries: list[tuple[str | None, list[str], dict[int, str], bool]] = []
    header_end: int | None = None
    context: str | None = None
    ids: list[str] = []
    strings: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    fuzzy = False

    def finish(number: int) -> None:
        nonlocal context, ids, strings, current, fuzzy, header_end
        if not ids:  # Babel too keeps a msgctxt for the msgid that follows it
            if strings:
                raise _NotPlain("a translation without its msgid")
            return
        if not strings or len(ids) > 2:
            raise _NotPlain("an entry Babel reads as invalid")
        translations: dict[int, str] = {}
        for index, pieces in strings:
            if index in translations:
                raise _NotPlain("a translation given twice")
            translations[index] = "".join(pieces)
        joined = ["".join(pieces) for pieces in ids]  # type: ignore[arg-type]
        if header_end is None:
            if joined != [""] or context is not None or len(strings) != 1:
                raise _NotPlain("no header first")
            header_end = number
        else:
            said = "".join(context) if context is not None else None  # type: ignore[arg-type]
            entries.append((said, joined, translations, fuzzy))
        context, ids, strings, current, fuzzy = None, [], [], None, False

    for number, raw in enumerate(lines):
        line = raw.strip(_PO_WHITESPACE)
        if not line:
            continue
        if line[0] == "#":
            if line[1:2] in ("~", "|"):
                raise _NotPlain("obsolete or previous entries")
            finish(number)
            if line[1:2] == ",":
                flags = [flag.strip() for flag in line[2:].lstrip().split(",")]
                fuzzy = fuzzy or "fuzzy" in flags
            continue
        if line[0] == '"':
            if current is None:
                raise _NotPlain("a quoted line outside any message")
            current.append(_unescaped(line))
            continue
        keyword, _, argument = line.partition(" ")
        if keyword in ("msgid", "msgctxt"):
            finish(number)
        if keyword in ("msgid", "msgid_plural"):
            if strings or (keyword == "msgid") == bool(ids):
                raise _NotPlain(line)
            current = [_unescaped(argument)]
            ids.append(current)  # type: ignore[arg-type]
        elif keyword == "msgctxt":
            current = [_unescaped(argument)]
            context = current  # type: ignore[assignment]
        elif keyword == "msgstr" or keyword.startswith("msgstr["):
            if not ids:
                raise _NotPlain(line)
            if keyword == "msgstr":
                index = 0
            else:
                match = _PO_PLURAL_INDEX.fullmatch(keyword)
                if match is None:
                    raise _NotPlain(line)
                index = int(match.group(1))
            current = [_unescaped(argument)]
            strings.append((index, current))
        else:
            raise _NotPlain(line)
    finish(len(lines))
    if header_end is None:
        raise _NotPlain("no header")
    return "\n".join(lines[:header_end]) + "\n", entries


def compiled_quickly(language: str) -> bytes | None:
    """`compiled(read_catalogue(language))`, byte for byte, with Babel reading only the
    header; None when the `.po` holds what only Babel's reader should read (see above)."""
    base = DERIVED.get(language, language)
    try:
        text = po_path(base).read_bytes().decode("utf-8")
        if "\r" in text:  # Babel splits only at "\n": a CR is left to its reader
            return None
        header, entries = _po_entries(text)
    except (_NotPlain, OSError, UnicodeDecodeError):
        return None
    from babel.messages.pofile import read_po

    catalogue = read_po(io.StringIO(header), locale=locale_name(base), domain=DOMAIN)
    plurals = catalogue.num_plurals
    if catalogue.charset.lower().replace("-", "") != "utf8":
        return None  # read as UTF-8 above
    if base != language:
        catalogue = derive(catalogue, language)
    head = next(iter(catalogue))  # the header as `write_mo` writes it
    derived = base != language
    messages: list[tuple[tuple[str, str], str | tuple[str, ...], str | tuple[str, ...], str]] = []
    seen: set[tuple[str, str | None]] = set()
    for context, ids, translations, fuzzy in entries:
        if ids[0] == "" or context == "" or (ids[0], context) in seen:
            return None  # Babel merges or reads these its own way
        seen.add((ids[0], context))
        if len(ids) == 1:
            if set(translations) != {0}:
                return None
            string: str | tuple[str, ...] = translations[0]
            if derived:
                string = transliterate(string)
            if not string or fuzzy:
                continue  # what write_mo leaves out
            messages.append(((ids[0], context or ""), ids[0], string, context or ""))
        else:
            if any(index >= plurals for index in translations) or fuzzy:
                if fuzzy:
                    continue
                return None
            forms = tuple(translations.get(index, "") for index in range(plurals))
            if derived:
                forms = tuple(transliterate(form) for form in forms)
            if not forms:
                return None
            messages.append(((ids[0], context or ""), tuple(ids), forms, context or ""))
    messages.sort(key=lambda message: message[0])
    charset = catalogue.charset
    ids_table = bytearray()
    strs_table = bytearray()
    offsets: list[tuple[int, int, int, int]] = []
    for _, msgid_of, string_of, context_of in [(("", ""), "", head.string, ""), *messages]:
        if isinstance(msgid_of, tuple):
            msgid = b"\x00".join(part.encode(charset) for part in msgid_of)
            assert isinstance(string_of, tuple)
            msgstr = b"\x00".join(
                (form or msgid_of[min(index, 1)]).encode(charset)
                for index, form in enumerate(string_of)
            )
        else:
            assert isinstance(string_of, str)
            msgid = msgid_of.encode(charset)
            msgstr = string_of.encode(charset)
        if context_of:
            msgid = context_of.encode(charset) + b"\x04" + msgid
        offsets.append((len(ids_table), len(msgid), len(strs_table), len(msgstr)))
        ids_table += msgid + b"\x00"
        strs_table += msgstr + b"\x00"
    count = len(offsets)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids_table)
    keys: list[int] = []
    values: list[int] = []
    for id_at, id_size, str_at, str_size in offsets:
        keys += [id_size, id_at + key_start]
        values += [str_size, str_at + value_start]
    import array
    import struct

    from babel.messages.mofile import LE_MAGIC

    head_bytes = struct.pack("Iiiiiii", LE_MAGIC, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    return head_bytes + array.array("i", keys + values).tobytes() + bytes(ids_table + strs_table)
