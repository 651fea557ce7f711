"""Filling a tracker workbook the way a person does in Excel: by header, row by row."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import openpyxl

from tracker.sheets.columns import FIRST_DATA_ROW, KEY_ROW


class FilledWorkbook:
    """A tracker workbook opened for filling; cells are found by the machine keys of row 2."""

    def __init__(self, path: Path, sheet: str = "Updates") -> None:
        self.path = path
        self.book = openpyxl.load_workbook(path)
        self.sheet = self.book[sheet]
        self.column = {
            str(cell.value): cell.column for cell in self.sheet[KEY_ROW] if cell.value is not None
        }

    def row_of(self, objective_id: str) -> int:
        for row in range(FIRST_DATA_ROW, self.sheet.max_row + 1):
            if self.sheet.cell(row, self.column["id"]).value == objective_id:
                return row
        raise KeyError(objective_id)

    def fill(self, objective_id: str, **answers: Any) -> int:
        row = self.row_of(objective_id)
        self.put(row, **answers)
        return row

    def put(self, row: int, **answers: Any) -> None:
        for key, value in answers.items():
            cell = self.sheet.cell(row, self.column[key])
            cell.value = value
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed as text, as Excel does in a Text-formatted cell

    def letter(self, key: str) -> str:
        return openpyxl.utils.get_column_letter(self.column[key])

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        self.book.save(target)
        return target

    def content(self) -> bytes:
        stream = io.BytesIO()
        self.book.save(stream)
        return stream.getvalue()


def comment_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]
