"""The working workbook: every table of the frames as an Excel sheet with filters and real dates.

One sheet per table (objectives, updates, evidence, measurements), one of targets against
actuals, and the changes since the chosen date, each with a bold frozen header row and a
filter, so a desk officer can sort and slice it without the app.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from io import BytesIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tracker.export.pack import MeetingPack
from tracker.i18n import t
from tracker.tables.analysis import targets_against_actuals

DATE_FORMAT = "yyyy-mm-dd"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1B2A41")
WRAP = Alignment(wrap_text=False, vertical="top")
MAX_WIDTH = 60
SHEETS = ("About", "Objectives", "Updates", "Evidence", "Measurements", "Targets", "Changes")


def render(pack: MeetingPack, progress: Callable[[float, str], None]) -> bytes:
    book = Workbook(write_only=True)
    frames = pack.frames
    _about(book, pack)
    tables: list[tuple[str, pd.DataFrame]] = [
        ("Objectives", frames.objectives),
        ("Updates", frames.updates),
        ("Evidence", frames.evidence),
        ("Measurements", frames.measurements),
        ("Targets", targets_against_actuals(frames.objectives)),
        ("Changes", pack.changes),
    ]
    for index, (name, table) in enumerate(tables):
        progress(0.1 + 0.8 * index / len(tables), f"Sheet {name}")
        _sheet(book, name, table)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _about(book: Workbook, pack: MeetingPack) -> None:
    """What the workbook holds, so a copy forwarded by e-mail still explains itself."""
    sheet = book.create_sheet("About")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 90
    rows: list[tuple[str, object]] = [
        ("Report", pack.title),
        ("Plans", "; ".join(f"{title} ({plan_id})" for plan_id, title in pack.plans)),
        ("Data as of", pack.as_of_line),
        ("Prepared", pack.prepared),
        ("Scope", pack.scope),
        ("Audience", pack.audience_note),
        ("Changes since", pack.since),
        ("Data problems", pack.problems_note or "none"),
        ("Sheets", ", ".join(SHEETS[1:])),
    ]
    if pack.unreadable_note:
        rows.insert(0, (t("Could not be read"), pack.unreadable_note))
    title = WriteOnlyCell(sheet, value=f"{pack.title}, {pack.as_of_line}")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    if pack.unreadable_note:
        # The first thing the workbook says: its figures leave these objectives out.
        warning = WriteOnlyCell(sheet, value=pack.unreadable_note)
        warning.font = Font(bold=True, size=12, color="B42318")
        sheet.append([warning])
    sheet.append([])
    for label, value in rows:
        name = WriteOnlyCell(sheet, value=label)
        name.font = Font(bold=True)
        sheet.append([name, _cell(sheet, value)])


def _sheet(book: Workbook, name: str, table: pd.DataFrame) -> None:
    sheet = book.create_sheet(name)
    columns = list(table.columns)
    values = [_column_values(table[column]) for column in columns]
    dated = [_is_date_column(table[column]) for column in columns]
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _width(
            column, values[index - 1], dated[index - 1]
        )
    sheet.freeze_panes = "A2"
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        header.append(cell)
    sheet.append(header)
    for row in zip(*values, strict=True) if columns else []:
        sheet.append([_cell(sheet, v) if _needs_cell(v) else v for v in row])
    if columns:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A1:{last}{max(len(table), 1) + 1}"


def _column_values(series: pd.Series) -> list[object]:
    """Plain Python values: dates as dates, missing as empty, categories as their text."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    if pd.api.types.is_datetime64_any_dtype(series):
        return [None if pd.isna(value) else value.date() for value in series]
    return [_plain_value(value) for value in series.tolist()]


def _plain_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalars
        return value.item()
    return value


def _cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str) and cell.data_type == "f":
        # A title such as '=HYPERLINK(...)' is text someone typed, never a formula to run.
        cell.data_type = "s"
    return cell


def _needs_cell(value: object) -> bool:
    """Only dates (a number format) and formula-like text need a cell object; plain values
    go in as they are, which is several times faster for a big portfolio."""
    return isinstance(value, date) or (isinstance(value, str) and value.startswith("="))


def _is_date_column(series: pd.Series) -> bool:
    return pd.api.types.is_datetime64_any_dtype(series)


def _width(name: str, values: Sequence[object], dated: bool) -> float:
    if dated:
        return max(12, len(name) + 3)
    longest = max((len(str(v)) for v in _sample(values) if v is not None), default=0)
    return float(min(MAX_WIDTH, max(len(name) + 3, longest + 2)))


def _sample(values: Sequence[object], limit: int = 500) -> Iterable[object]:
    """Widths from the first rows only: measuring a hundred thousand cells buys nothing."""
    return values[:limit]
