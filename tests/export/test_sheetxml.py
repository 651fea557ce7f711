"""The workbook writer read back by openpyxl (as Excel and pandas read it): every kind of value
the frames hold, the styles, the frozen header, the filter, widths and the hidden sheet."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import pandas as pd
from openpyxl import load_workbook

from tracker.export.sheetxml import BOLD, TITLE, Book, Styled, column_letter


def _book() -> bytes:
    book = Book("dd.mm.yyyy.")
    about = book.sheet("About O'Brien")
    about.widths = [22, 90]
    about.append([Styled("A title", TITLE)])
    about.append([])
    about.append([Styled("Since", BOLD), date(2025, 1, 1)])
    table = book.sheet("Table")
    table.widths = [10, 12, 8, 8, 30, 9]
    table.table(
        ["Text", "Day", "Count", "Share", "Awkward", "Done"],
        [
            ["plain", None, "=SUM(A1:A2)"],
            [date(2024, 2, 29), None, datetime(2024, 3, 1, 12, 0)],
            [3, 0, None],
            [0.25, 1e-7, float("inf")],
            ["  spaced  ", 'a & b < c > d "q"', "bell\x07 here"],
            [True, False, None],
        ],
    )
    book.sheet("keys", hidden=True).append(["table", "key"])
    return book.save()


def test_values_read_back_as_written() -> None:
    book = load_workbook(BytesIO(_book()))
    rows = list(book["Table"].iter_rows(values_only=True))
    assert rows[0] == ("Text", "Day", "Count", "Share", "Awkward", "Done")
    assert rows[1] == ("plain", datetime(2024, 2, 29), 3, 0.25, "  spaced  ", True)
    assert rows[2] == (None, None, 0, 1e-7, 'a & b < c > d "q"', False)
    # Formula-like text stays text; a value XML cannot hold loses only that character.
    assert rows[3] == ("=SUM(A1:A2)", datetime(2024, 3, 1, 12, 0), None, "inf", "bell here", None)
    cells = [cell for row in book["Table"].iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]


def test_layout_styles_and_sheets() -> None:
    book = load_workbook(BytesIO(_book()))
    assert book.sheetnames == ["About O'Brien", "Table", "keys"]
    assert book["keys"].sheet_state == "hidden"
    assert book["Table"].sheet_state == "visible"
    table = book["Table"]
    assert table.freeze_panes == "A2"
    assert table.auto_filter.ref == "A1:F4"
    assert table["A1"].font.bold and table["A1"].fill.fgColor.rgb == "FF1B2A41"
    assert table["B2"].is_date and table["B2"].number_format == "dd.mm.yyyy."
    assert table.column_dimensions["E"].width == 30
    about = book["About O'Brien"]
    assert about["A1"].font.bold and about["A1"].font.size == 14
    assert about["A3"].font.bold and about["B3"].value == datetime(2025, 1, 1)
    assert about.column_dimensions["B"].width == 90


def test_pandas_reads_every_sheet() -> None:
    sheets = pd.read_excel(BytesIO(_book()), sheet_name=None)
    assert list(sheets["Table"].columns) == ["Text", "Day", "Count", "Share", "Awkward", "Done"]
    assert len(sheets["Table"]) == 3


def test_column_letters() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 53, 702, 703)] == [
        "A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"
    ]  # fmt: skip
