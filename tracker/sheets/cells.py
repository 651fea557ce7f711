"""A message about one cell of a workbook: `FILE.xlsx:Updates!D7: message`.

The spreadsheet twin of tracker.problems.Problem: frozen, ordered by where it is, and
printed as a person finds the cell (the sheet's tab, then the column letter and row).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from tracker.i18n import t
from tracker.i18n.sentence import spoken

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class CellProblem:
    path: str
    sheet: str  # the tab's name; empty for a CSV file, which has a single table
    row: int  # 1-based, as the spreadsheet numbers rows; 0 for the file as a whole
    column: int  # 1-based (A = 1); 0 for a whole row or the whole file
    message: str
    severity: str = ERROR  # ERROR refuses the import; WARNING is shown and let through

    @property
    def cell(self) -> str:
        """`D7`, `7` for a whole row, or '' for the whole file."""
        if self.row <= 0:
            return ""
        if self.column <= 0:
            return str(self.row)
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def where(self) -> str:
        cell = self.cell
        if not cell:
            return self.path
        return f"{self.path}:{self.sheet}!{cell}" if self.sheet else f"{self.path}:{cell}"

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def text(self) -> str:
        """The sentence in the reader's language, said when it is shown (`message` keeps the
        catalogue message and its values, so a result made in one language reads in another)."""
        return spoken(self.message)

    def __str__(self) -> str:
        text = t("warning: {mistake}", mistake=self.text) if self.severity == WARNING else None
        return f"{self.where}: {text or self.text}"

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "sheet": self.sheet,
            "cell": self.cell,
            "severity": self.severity,
            "message": self.message,
        }


class SheetRefused(Exception):
    """The file cannot be read as a table at all (not a workbook, too large, hostile)."""

    def __init__(self, problem: CellProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem
