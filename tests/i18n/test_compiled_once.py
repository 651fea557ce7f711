"""A `.po` is compiled once into the cache folder, and a changed `.po` is compiled again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tracker.i18n import catalogues


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "locales"
    shutil.copytree(catalogues.LOCALES_DIR, folder, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(catalogues, "LOCALES_DIR", folder)
    monkeypatch.setenv("IPAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IPAP_CACHE", raising=False)
    return folder


def test_a_catalogue_is_compiled_once_then_read_from_the_cache(
    locales: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = catalogues._compiled_once("sr-Cyrl")
    (entry,) = (tmp_path / "cache" / "catalogues").glob("sr_Cyrl-*.mo")
    assert first == catalogues.compiled(catalogues.read_catalogue("sr-Cyrl"))

    def no_babel(language: str) -> object:
        raise AssertionError(f"{language} read with Babel again")

    with monkeypatch.context() as patch:
        patch.setattr(catalogues, "read_catalogue", no_babel)
        assert catalogues._compiled_once("sr-Cyrl") == first
    derived = catalogues._compiled_once("sr-Latn")  # its own entry, from the Cyrillic .po
    assert derived != first and len(list(entry.parent.glob("*.mo"))) == 2


def test_a_changed_catalogue_is_compiled_again(locales: Path, tmp_path: Path) -> None:
    before = catalogues._compiled_once("sr-Cyrl")
    po = catalogues.po_path("sr-Cyrl")
    text = po.read_text(encoding="utf-8")
    marker = 'msgid "no .yaml or .yml files in this folder"\nmsgstr "'
    assert marker in text
    po.write_text(text.replace(marker, marker + "ИЗМЕНА "), encoding="utf-8")
    after = catalogues._compiled_once("sr-Cyrl")
    assert after != before and "ИЗМЕНА".encode() in after
    assert len(list((tmp_path / "cache" / "catalogues").glob("sr_Cyrl-*.mo"))) == 1


def test_an_unusable_cache_folder_only_means_compiling(
    locales: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("IPAP_CACHE_DIR", str(blocked))
    expected = catalogues.compiled(catalogues.read_catalogue("sr-Cyrl"))
    assert catalogues._compiled_once("sr-Cyrl") == expected
    monkeypatch.setenv("IPAP_CACHE", "off")
    assert catalogues._compiled_once("sr-Cyrl") == expected


@pytest.mark.parametrize("language", ["en", "sr-Cyrl", "sr-Latn"])
def test_the_quick_reading_compiles_what_babel_compiles(language: str) -> None:
    """With no cache folder the `.po` is read without Babel's reader: the very same bytes."""
    quick = catalogues.compiled_quickly(language)
    assert quick is not None
    assert quick == catalogues.compiled(catalogues.read_catalogue(language))


_EDITS = [
    # (what is added after the header, whether the quick reader takes it)
    ('#, fuzzy\nmsgid "no .yaml or .yml files in this folder"\nmsgstr "НЕЈАСНО"\n', False),
    ('#, fuzzy, python-format\nmsgid "Zz fuzzy one"\nmsgstr "Нејасно"\n', True),
    ('msgctxt "a place"\nmsgid "Zz with a context"\nmsgstr "Са контекстом"\n', True),
    (
        'msgid ""\n"Zz on "\n"two lines \\"quoted\\"\\t\\\\n"\nmsgstr ""\n"на две\\n"\n"линије"\n',
        True,
    ),
    ('msgid "Zz one"\nmsgid_plural "Zz many"\nmsgstr[0] "један"\nmsgstr[2] "много"\n', True),
    ('msgid "Zz untranslated"\nmsgstr ""\n', True),
    ('msgid "Zz too many"\nmsgid_plural "Zz many"\nmsgstr[3] "x"\n', False),
    ('#~ msgid "Zz gone"\n#~ msgstr "нестало"\n', False),
    ('#| msgid "Zz before"\nmsgid "Zz after"\nmsgstr "после"\n', False),
    ('msgid "Zz no translation"\n', False),
    ('msgid "no .yaml or .yml files in this folder"\nmsgstr "ДВАПУТ"\n', False),
    ("msgid 'Zz single quotes'\nmsgstr \"x\"\n", False),
    # A lone CR: Babel splits lines only at "\n" (read as text, it was a line break here).
    ('msgid "Zz lone cr"\nmsgstr "a"\r"b"\n', False),
    ('msgid "Zz crlf"\r\nmsgstr "x"\r\n', False),
]


@pytest.mark.parametrize(("added", "taken"), _EDITS)
def test_the_quick_reading_leaves_to_babel_what_it_does_not_read_alike(
    locales: Path, added: str, taken: bool
) -> None:
    po = catalogues.po_path("sr-Cyrl")
    text = po.read_text(encoding="utf-8")
    header_end = text.index("\n\n") + 2
    po.write_text(text[:header_end] + added + "\n" + text[header_end:], encoding="utf-8")
    for language in ("sr-Cyrl", "sr-Latn"):
        quick = catalogues.compiled_quickly(language)
        assert (quick is not None) == taken
        if quick is not None:
            assert quick == catalogues.compiled(catalogues.read_catalogue(language))
