"""A filled workbook or CSV file read into rows of cells, each cell knowing where it is.

Columns are found by their machine keys (or a header in any of the app's languages), so
a person may reorder, translate or add columns. Everything is bounded (tracker.sheets.guard):
the file's size, its parts, its rows, columns and cells.
"""

from __future__ import annotations

import csv
import datetime
import io
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tracker.i18n.sentence import said, said_n
from tracker.settings import MAX_PROBLEMS_PER_FILE
from tracker.sheets import guard
from tracker.sheets.cells import CellProblem, SheetRefused
from tracker.sheets.columns import NO_ROWS_NOTES, Column
from tracker.sheets.values import in_every_language, normalise

CellValue = str | int | float | bool | datetime.datetime | datetime.date | datetime.time | None
# How far down a person may have moved the table (a title above it, a blank line).
_KEY_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Cell:
    value: CellValue
    row: int
    column: int
    number_format: str = "General"
    # A formula whose value was never saved (the file was written by a program that does not
    # calculate): its value is unknown, which is not the same as empty.
    formula: str | None = None

    @property
    def is_empty(self) -> bool:
        if self.formula is not None:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass
class Table:
    """One sheet's rows below the key row, and where each keyed column is."""

    shown: str
    sheet: str  # '' for CSV
    key_row: int
    columns: dict[str, int]  # key -> 1-based column
    rows: list[list[Cell]] = field(default_factory=list)

    def unreadable(self, limit: int = MAX_PROBLEMS_PER_FILE) -> list[CellProblem]:
        """A formula with no saved value in one of the table's columns: refused, never
        evaluated and never read as empty. The first `limit` are named, the rest counted."""
        cells = [
            cell
            for row in self.rows
            for cell in row
            if cell.formula is not None and cell.column in self.columns.values()
        ]
        found = [
            self.problem(
                cell,
                said(
                    "this cell holds a formula ({formula}) with no saved value, and the tracker "
                    "never calculates formulas: type the value itself, or open the file in "
                    "Excel or LibreOffice and save it again so the value is saved",
                    formula=cell.formula,
                ),
            )
            for cell in cells[:limit]
        ]
        if len(cells) > limit:
            found.append(
                self.at(
                    0,
                    0,
                    said_n(
                        "... and {count} more cell holds a formula with no saved value",
                        "... and {count} more cells hold formulas with no saved value",
                        len(cells) - limit,
                    ),
                )
            )
        return found

    def cell(self, row: Sequence[Cell], key: str) -> Cell | None:
        column = self.columns.get(key)
        if column is None:
            return None
        return row[column - 1] if column <= len(row) else Cell(None, _row_of(row), column)

    def at(self, row: int, column: int, message: str, severity: str = "error") -> CellProblem:
        return CellProblem(self.shown, self.sheet, row, column, message, severity)

    def problem(self, cell: Cell, message: str, severity: str = "error") -> CellProblem:
        return self.at(cell.row, cell.column, message, severity)


def _row_of(row: Sequence[Cell]) -> int:
    return row[0].row if row else 0


def read_table(
    content: bytes,
    shown: str,
    columns: Sequence[Column],
    sheet: str,
    required: str,
    limits: guard.Limits = guard.LIMITS,
) -> Table:
    """The table of `columns` in the file: the sheet named `sheet`, else the first one.

    The key row is the first of the top rows that names `required` and another column.

    Raises SheetRefused for a file that cannot be read as such a table at all.
    """
    guard.check_name(shown)
    guard.check_size(len(content), shown, limits)
    if _looks_like_zip(content) or shown.lower().endswith((".xlsx", ".xltx")):
        sheet_name, grid = _xlsx_rows(content, shown, sheet, limits)
    else:
        sheet_name, grid = "", _csv_rows(content, shown, limits)
    return _keyed(grid, shown, sheet_name, columns, required)


def read_file(path: Path, columns: Sequence[Column], sheet: str, required: str) -> Table:
    """`read_table` on a file on disk, refusing an oversized one before reading it."""
    shown = str(path)
    try:
        guard.check_size(path.stat().st_size, shown)
        content = path.read_bytes()
    except OSError as error:
        raise guard.refuse(
            shown, said("cannot read the file: {reason}", reason=error.strerror or str(error))
        ) from None
    return read_table(content, shown, columns, sheet, required)


def _looks_like_zip(content: bytes) -> bool:
    return content.startswith(b"PK\x03\x04")


def _xlsx_rows(
    content: bytes, shown: str, wanted: str, limits: guard.Limits
) -> tuple[str, list[list[Cell]]]:
    formulas = guard.check_workbook(content, shown, limits)
    book = _open(content, shown, saved_values=True)
    # Only a sheet with formulas is read a second time, for the formulas themselves: a
    # formula whose value was never saved reads as empty in the first.
    written = _open(content, shown, saved_values=False) if formulas else None
    try:
        names = book.sheetnames
        name = wanted if wanted in names else names[0]
        cells = _sheet_cells(book[name], written[name] if written is not None else None)
        grid = list(_bounded(cells, shown, name, limits))
    except SheetRefused:
        raise
    except Exception:
        raise guard.refuse(shown, guard.not_a_workbook()) from None
    finally:
        book.close()
        if written is not None:
            written.close()
    return name, grid


def _open(content: bytes, shown: str, saved_values: bool) -> Any:
    from openpyxl import load_workbook  # only a workbook import pays for openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            return load_workbook(
                io.BytesIO(content), read_only=True, data_only=saved_values, keep_links=False
            )
    except Exception:  # openpyxl raises many types for a broken file; none may escape
        raise guard.refuse(shown, guard.not_a_workbook()) from None


def _sheet_cells(sheet: Any, formulas: Any | None) -> Iterator[list[Cell]]:
    """Each row's cells; with `formulas` (the same sheet read for its formulas), a formula
    whose value was never saved is marked as such."""
    written = formulas.iter_rows(min_row=1, min_col=1) if formulas is not None else None
    for number, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
        as_written = next(written, ()) if written is not None else ()
        cells = []
        for column, cell in enumerate(row, start=1):
            value = getattr(cell, "value", None)
            number_format = getattr(cell, "number_format", None) or "General"
            formula = None
            if value is None and column <= len(as_written):
                formula = _formula(as_written[column - 1])
            cells.append(Cell(value, number, column, number_format, formula))
        yield cells


def _formula(cell: Any) -> str | None:
    if getattr(cell, "data_type", None) != "f":
        return None
    value = getattr(cell, "value", None)
    text = getattr(value, "text", value)  # an array formula keeps its text in `.text`
    return str(text) if text is not None else "="


def _bounded(
    rows: Iterable[list[Cell]], shown: str, sheet: str, limits: guard.Limits
) -> Iterator[list[Cell]]:
    cells = 0
    for number, row in enumerate(rows, start=1):
        if number > limits.rows:
            raise guard.refuse(
                shown,
                said(
                    "{sheet} has more than {limit} rows: split it into several files",
                    sheet=sheet or shown,
                    limit=limits.rows,
                ),
            )
        while row and row[-1].is_empty:
            row.pop()
        if len(row) > limits.columns:
            raise guard.refuse(
                shown,
                said(
                    "{sheet} has values in more than {limit} columns: keep only the "
                    "workbook's own columns",
                    sheet=sheet or shown,
                    limit=limits.columns,
                ),
            )
        cells += len(row)
        if cells > limits.cells:
            raise guard.refuse(
                shown,
                said(
                    "{sheet} has more than {limit} cells: split it into several files",
                    sheet=sheet or shown,
                    limit=limits.cells,
                ),
            )
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > limits.cell_chars:
                raise guard.refuse(
                    shown,
                    said(
                        "a cell holds more than {limit} characters",
                        limit=limits.cell_chars,
                    ),
                )
        yield row


def _csv_rows(content: bytes, shown: str, limits: guard.Limits) -> list[list[Cell]]:
    try:
        text = content.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as error:
        raise guard.refuse(
            shown,
            said(
                "the file is not UTF-8 text (byte {offset}): in Excel choose Save As, "
                '"CSV UTF-8 (comma delimited)"; in LibreOffice, character set UTF-8',
                offset=error.start + 1,
            ),
        ) from None
    if "\0" in text:
        raise guard.refuse(shown, guard.not_a_workbook())
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def cells() -> Iterator[list[Cell]]:
        try:
            for number, values in enumerate(reader, start=1):
                yield [Cell(value, number, column) for column, value in enumerate(values, 1)]
        except csv.Error as error:
            raise guard.refuse(
                shown,
                said(
                    "line {line} cannot be read as CSV: {reason}",
                    line=reader.line_num,
                    reason=error,
                ),
            ) from None

    return list(_bounded(cells(), shown, "", limits))


def _delimiter(text: str) -> str:
    """`;` where Excel writes it (a locale with a decimal comma, such as Serbian), else `,`."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {mark: _outside_quotes(first).count(mark) for mark in (";", ",", "\t")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] > 0 else ","


def _outside_quotes(line: str) -> str:
    return "".join(part for index, part in enumerate(line.split('"')) if index % 2 == 0)


def _says_no_rows(row: Sequence[Cell]) -> bool:
    """A row that is only the workbook's "none yet" line (NO_ROWS_NOTES): not a row to read."""
    filled = [cell for cell in row if not cell.is_empty]
    return (
        len(filled) == 1
        and isinstance(filled[0].value, str)
        and normalise(filled[0].value) in _no_rows_notes()
    )


@cache
def _no_rows_notes() -> frozenset[str]:
    return frozenset(
        normalise(said) for note in NO_ROWS_NOTES.values() for said in in_every_language(note)
    )


def _keyed(
    grid: list[list[Cell]], shown: str, sheet: str, columns: Sequence[Column], required: str
) -> Table:
    names: dict[str, str] = {}
    for column in columns:
        names[normalise(column.key)] = column.key
        for header in in_every_language(column.header):
            names.setdefault(normalise(header), column.key)
    chosen: tuple[int, dict[str, int]] | None = None
    for row in grid[:_KEY_SEARCH_ROWS]:
        found: dict[str, int] = {}
        for cell in row:
            if isinstance(cell.value, str):
                key = names.get(normalise(cell.value))
                if key is not None and key not in found:
                    found[key] = cell.column
        key_row = row[0].row if row else 0
        # Headers a person reads, then the machine keys: the last such row is the table's.
        if len(found) >= 2 and required in found and (chosen is None or chosen[0] == key_row - 1):
            chosen = (key_row, found)
            continue
        if chosen is not None:
            break
    if chosen is not None:
        key_row, found = chosen
        rows = [r for r in grid if r and r[0].row > key_row and not _says_no_rows(r)]
        return Table(shown, sheet, key_row, found, rows)
    expected = ", ".join(column.key for column in columns)
    raise SheetRefused(
        CellProblem(
            shown,
            sheet,
            1,
            0,
            said(
                "no row names the columns: the tracker's workbooks keep the column keys "
                "in row 2 ({keys}); put them back, or start from a new workbook",
                keys=expected,
            ),
        )
    )
