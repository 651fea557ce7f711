"""A data item's text in the reader's language: its translation, the Cyrillic in Latin, or
its English marked as English (never a blank)."""

from __future__ import annotations

from dataclasses import dataclass

from tracker.i18n.catalogues import DERIVED, SOURCE_LANGUAGE
from tracker.i18n.script import transliterate


@dataclass(frozen=True)
class Localized:
    """What to show for one text field, and whether it is the English standing in for it."""

    text: str
    is_fallback: bool = False  # True: no translation in the reader's language, English shown

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def explicit_translation(item: object, field: str, language: str) -> str | None:
    """The translation the data file gives, through the model's one reader of the format."""
    try:
        from tracker.model import translation
    except ImportError:  # the format without translations: nothing to read
        return None
    try:
        found = translation(item, field, language)  # type: ignore[arg-type]
    except (ValueError, AttributeError):  # a field or item the format does not translate
        return None
    return found.strip() if isinstance(found, str) and found.strip() else None


def untranslated_text(own: object, language: str) -> Localized:
    """What a text with no translation in `language` shows: itself, marked as English in any
    other language (a holder of the English text alone, the app's tables, asks this)."""
    own_text = str(own).strip() if own is not None else ""
    if language == SOURCE_LANGUAGE:
        return Localized(own_text)
    return Localized(own_text, is_fallback=bool(own_text))


def localized_text(item: object, field: str, language: str) -> Localized:
    own = getattr(item, field, None)
    if language == SOURCE_LANGUAGE:
        return untranslated_text(own, language)
    explicit = explicit_translation(item, field, language)
    if explicit:
        return Localized(explicit)
    base = DERIVED.get(language)
    if base is not None:
        written = explicit_translation(item, field, base)
        if written:
            return Localized(transliterate(written))
    return untranslated_text(own, language)


def every_text(item: object, field: str, languages: tuple[str, ...]) -> list[str]:
    """The field in every language it is written in (and Latin for Cyrillic), for search."""
    own = getattr(item, field, None)
    found = [str(own)] if own else []
    for language in languages:
        written = explicit_translation(item, field, language)
        if written:
            found.append(written)
            found.append(transliterate(written))
    return list(dict.fromkeys(found))
