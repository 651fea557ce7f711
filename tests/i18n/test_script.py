"""Serbian Cyrillic to Latin: the digraph letters, capitals, and what must stay as written."""

from __future__ import annotations

import pytest

from tracker.i18n import transliterate


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Љубљана", "Ljubljana"),
        ("ЉУБЉАНА", "LJUBLJANA"),
        ("Његош", "Njegoš"),
        ("ЊЕГОШ", "NJEGOŠ"),
        ("џеп, Џеп, ЏЕП", "džep, Džep, DŽEP"),
        ("Ђорђе Ћирић ЖИВКОВИЋ", "Đorđe Ćirić ŽIVKOVIĆ"),
        ("НАТО-а и ЕУ", "NATO-a i EU"),
        ("Министарство одбране", "Ministarstvo odbrane"),
    ],
)
def test_letters_and_capitals(cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic) == latin


def test_addresses_emails_ids_and_placeholders_stay_as_written() -> None:
    text = (
        "Пишите на канцеларија@mod.gov.rs или видите https://www.mod.gov.rs/ћир/вести "
        "за циљ `ipap2-ammo`: {count} циљева"
    )
    assert transliterate(text) == (
        "Pišite na канцеларија@mod.gov.rs ili vidite https://www.mod.gov.rs/ћир/вести "
        "za cilj `ipap2-ammo`: {count} ciljeva"
    )


def test_latin_text_comes_back_unchanged() -> None:
    for text in ("IPAP 2", "ipap2-ammo", "Ministry of Defence", "", "2.000,5"):
        assert transliterate(text) == text
