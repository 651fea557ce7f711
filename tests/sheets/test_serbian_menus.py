"""Where a Serbian sentence tells the reader which Excel or LibreOffice command or file type
to choose, it names it in Serbian („Сачувај као”, „Excel радна свеска (.xlsx)”), with the
English name only in parentheses after it, for a reader whose Excel is in English."""

from __future__ import annotations

import re

import pytest

from tracker.i18n import using_language
from tracker.i18n.catalogues import read_catalogue
from tracker.sheets import guard
from tracker.sheets.cells import SheetRefused
from tracker.sheets.reader import _csv_rows

# The English names of Excel's and LibreOffice's menus, commands, dialogue fields and file
# types that a workbook message may tell the reader to choose.
ENGLISH_UI = re.compile(
    r"\b(Save As|Save as|Excel Workbook|Comma delimited|comma delimited|Character set|"
    r"File|Data|Validation|Data Validation|Sort|Filter|Home|Review|Open|Save)\b"
)
# „Serbian name” (English name): the English may stand only inside such parentheses.
AFTER_SERBIAN = re.compile(r"” \((?:[^()]|\([^()]*\))*\)")


def _strings(language: str) -> list[str]:
    texts: list[str] = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        texts.extend(text for text in strings if text)
    return texts


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_no_serbian_sentence_names_only_an_english_menu(language: str) -> None:
    bare = [text for text in _strings(language) if ENGLISH_UI.search(AFTER_SERBIAN.sub("", text))]
    assert not bare, bare


@pytest.mark.parametrize(
    ("language", "save_as", "file_type"),
    [
        (
            "sr-Cyrl",
            "„Датотека” → „Сачувај као” (File → Save As)",
            "„CSV UTF-8 (раздвојено зарезима)” (CSV UTF-8 (Comma delimited))",
        ),
        (
            "sr-Latn",
            "„Datoteka” → „Sačuvaj kao” (File → Save As)",
            "„CSV UTF-8 (razdvojeno zarezima)” (CSV UTF-8 (Comma delimited))",
        ),
    ],
)
def test_a_csv_not_in_utf8_says_how_to_save_it_in_serbian(
    language: str, save_as: str, file_type: str
) -> None:
    with using_language(language), pytest.raises(SheetRefused) as refused:
        _csv_rows("id;note\nx;Niš\n".encode("cp1250"), "odgovori.csv", guard.LIMITS)
    with using_language(language):  # said when shown, in the reader's language
        message = refused.value.problem.text
    assert save_as in message and file_type in message, message


@pytest.mark.parametrize(
    ("language", "workbook"),
    [
        ("sr-Cyrl", "сачувајте је као „Excel радна свеска (.xlsx)” (Excel Workbook)"),
        ("sr-Latn", "sačuvajte je kao „Excel radna sveska (.xlsx)” (Excel Workbook)"),
    ],
)
@pytest.mark.parametrize("name", ["odgovori.xls", "odgovori.xlsm"])
def test_an_old_or_macro_workbook_is_told_the_serbian_file_type(
    language: str, workbook: str, name: str
) -> None:
    with using_language(language), pytest.raises(SheetRefused) as refused:
        guard.check_name(name)
    with using_language(language):
        assert workbook in refused.value.problem.text
