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


def test_a_text_on_many_rows_is_written_once() -> None:
    """Shared strings (issue 19: the workbook at 10,000 objectives wrote an id, a plan or a
    title again on every row, 128 MB of sheet XML to compress): each text is stored once,
    every cell that holds it points at it, and every reader still reads each cell's text."""
    import zipfile

    book = Book("yyyy-mm-dd")
    book.sheet("Table").table(
        ["Plan", "Note"], [["IPAP 2"] * 1000, [f"note {n % 10}" for n in range(1000)]]
    )
    content = book.save()
    package = zipfile.ZipFile(BytesIO(content))
    strings = package.read("xl/sharedStrings.xml").decode()
    assert strings.count("<si>") == 2 + 1 + 10  # two headers, one plan, ten notes
    assert strings.count(">IPAP 2<") == 1
    assert "inlineStr" not in package.read("xl/worksheets/sheet1.xml").decode()
    rows = list(load_workbook(BytesIO(content))["Table"].iter_rows(values_only=True))
    assert rows[0] == ("Plan", "Note") and len(rows) == 1001
    assert rows[1:] == [("IPAP 2", f"note {n % 10}") for n in range(1000)]


def test_libreoffice_reads_the_texts_numbers_and_dates(tmp_path) -> None:
    """A reader that is not openpyxl: LibreOffice turns the table into CSV as written."""
    import shutil
    import subprocess

    import pytest

    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    book = Book("yyyy-mm-dd")
    book.sheet("Table").table(
        ["Text", "Day", "Count"],
        [
            ["plain", "=SUM(A1:A2)", "plain"],
            [date(2024, 2, 29), None, date(2024, 3, 1)],
            [3, 0, None],
        ],
    )
    (tmp_path / "book.xlsx").write_bytes(book.save())
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "csv", "--outdir", str(tmp_path), str(tmp_path / "book.xlsx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    lines = (tmp_path / "book.csv").read_text(encoding="utf-8").splitlines()
    assert lines == ["Text,Day,Count", "plain,2024-02-29,3", "=SUM(A1:A2),,0", "plain,2024-03-01,"]


def test_amounts_group_their_thousands_and_counts_stay_plain() -> None:
    """A target of 2,000 tonnes read "2000" at Excel's General format; with #,##0 a Serbian
    Excel shows 2.000 (2.000,5 for a fractional one). Counts and line numbers stay General."""
    book = Book("dd.mm.yyyy.")
    book.sheet("Amounts").table(["Target", "Half", "Line"], [[2000.0], [2000.5], [1234]])
    sheet = load_workbook(BytesIO(book.save()))["Amounts"]
    assert sheet["A2"].value == 2000 and sheet["A2"].number_format == "#,##0"
    assert sheet["B2"].value == 2000.5 and sheet["B2"].number_format == "#,##0.0##"
    assert sheet["C2"].value == 1234 and sheet["C2"].number_format == "General"
