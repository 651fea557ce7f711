"""A message that sends the reader to the README names a section the README has, and a
Serbian one says the README is in English (a translated title would name no section)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tracker.i18n import LANGUAGES
from tracker.i18n.catalogues import read_catalogue

README = Path(__file__).resolve().parents[2] / "README.md"
HEADINGS = set(re.findall(r"^#+ (.+)$", README.read_text(encoding="utf-8"), re.M))
# A quoted title, as English ('...') and Serbian („...”) quote it.
QUOTED = re.compile(r"'([^']+)'|„([^”]+)”")


def _strings(message) -> list[str]:  # type: ignore[no-untyped-def]
    found = message.string if isinstance(message.string, tuple) else (message.string,)
    return [text for text in found if text]


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_readme_reference_names_a_section_the_readme_has(language: str) -> None:
    cited = 0
    for message in read_catalogue(language):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        for text in [*ids, *_strings(message)]:
            if not text or "README" not in text:
                continue
            titles = {a or b for a, b in QUOTED.findall(text)}
            sections = titles & HEADINGS
            assert sections, (language, text)
            cited += 1
            if text not in ids and language != "en":  # a translation
                assert re.search("на енглеском|na engleskom", text), text
    assert cited >= 1


def test_the_sync_command_points_a_serbian_reader_to_the_english_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tracker.cli import main

    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["sync", "--data", str(plain), "--lang", "sr-Cyrl"]) == 2
    said = capsys.readouterr().err
    assert "није у git клону" in said
    assert "Упутство је у README-у (на енглеском), у одељку „Many offices, one history”" in said
