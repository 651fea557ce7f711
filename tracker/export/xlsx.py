"""The working workbook: every table of the frames as an Excel sheet with filters and real dates.

One sheet per table (objectives, updates, evidence, measurements), one of targets against
actuals, and the changes since the chosen date, each with a bold frozen header row and a
filter, so a desk officer can sort and slice it without the app. Sheet names, headers and
the words of the data's own vocabulary (statuses, types, kinds) are in the reader's language;
ids, status keys and dates stay as a program reads them, and a hidden sheet `keys` maps each
header to the frame's column name for any program that reads the workbook back.

The file itself is written by tracker/export/sheetxml.py, column by column: openpyxl's
per-cell objects made the 1.4 million cells of 10,000 objectives take 9 s (issue 19).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

import pandas as pd

from tracker.charts import status_label
from tracker.export import sentences
from tracker.export.pack import MeetingPack
from tracker.export.sheetxml import BOLD, TITLE, WARNING, Book, Styled, column_letter
from tracker.i18n import current_language, t, tp
from tracker.sheets.columns import NO_ROWS_NOTES
from tracker.tables.analysis import targets_against_actuals

DATE_FORMAT = "yyyy-mm-dd"
# Serbian writes a date as day, month and year with a dot after each (15.03.2021.).
DATE_FORMATS = {"sr": "dd.mm.yyyy."}
KEYS_SHEET = "keys"
KEYS_COLUMNS = ("table", "sheet", "column", "header", "key")
MAX_WIDTH = 60
SHEETS = ("About", "Objectives", "Updates", "Evidence", "Measurements", "Targets", "Changes")


def sheet_name(sheet: str) -> str:
    """A sheet's name in the reader's language (SHEETS holds the English keys)."""
    names = {
        "About": t("About"),
        "Objectives": t("Objectives"),
        "Updates": t("Updates"),
        "Evidence": t("Evidence"),
        "Measurements": t("Measurements"),
        "Targets": t("Targets"),
        "Changes": t("Changes"),
    }
    return names.get(sheet, sheet)


def column_label(column: str) -> str:
    """A frame column's header as a reader names it; a column nobody named keeps its key."""
    labels = {
        "id": t("ID"),
        "plan": t("Plan"),
        "plan_title": t("Plan title"),
        "area": t("Area"),
        "area_title": t("Area title"),
        "type": t("Type"),
        "field": tp("an objective's field of work", "Field"),
        "title": t("Title"),
        "owner": t("Owner"),
        "status": t("Status key"),
        "status_label": t("Status"),
        "progress": t("Progress (%)"),
        "start": t("Start"),
        "due": t("Due"),
        "overdue": t("Overdue"),
        "past_due_unassessed": t("Past due, never assessed"),
        "last_update": t("Last update"),
        "days_since_update": t("Days since the last update"),
        "stale": t("Stale"),
        "continues": t("Continues"),
        "evidence_count": t("Evidence items"),
        "has_metric": t("Has a metric"),
        "metric_unit": t("Unit"),
        "metric_baseline": t("Baseline"),
        "metric_target": t("Target"),
        "metric_reached": t("Reached"),
        "metric_as_of": t("Reached as of"),
        "file": t("File"),
        "line": t("Line"),
        "objective_id": t("Objective ID"),
        "date": t("Date"),
        "note": t("Note"),
        "by": t("By"),
        "source": t("Source"),
        "url": t("Address"),
        "kind": t("Kind"),
        "access": t("Access"),
        "value": t("Value"),
        "total": t("Total"),
        "unit": t("Unit"),
        "baseline": t("Baseline"),
        "target": t("Target"),
        "cumulative": t("Cumulative"),
        "latest_value": t("Latest value"),
        "latest_date": t("Latest date"),
        "percent_of_target": t("Percent of target"),
        "change": t("Change"),
        "detail": t("Detail"),
    }
    return labels.get(column, column)


def _words(column: str) -> Callable[[object], object] | None:
    """How the cells of a column of the data's own vocabulary read in the reader's language."""
    words: dict[str, Callable[[object], object]] = {
        "status_label": lambda status: status_label(str(status)) if status else status,
        "type": lambda kind: t(str(kind)) if kind else kind,
        "kind": sentences.evidence_kind,
        "access": sentences.access,
        "change": sentences.change_kind,
        "unit": sentences.unit,
        "metric_unit": sentences.unit,
    }
    return words.get(column)


def render(pack: MeetingPack, progress: Callable[[float, str], None]) -> bytes:
    book = Book(_date_format())
    frames = pack.frames
    _about(book, pack)
    objectives = frames.objectives.assign(status_label=frames.objectives["status"].astype(str))
    tables: list[tuple[str, pd.DataFrame]] = [
        ("Objectives", objectives),
        ("Updates", _with_status_label(frames.updates)),
        ("Evidence", frames.evidence),
        ("Measurements", frames.measurements),
        ("Targets", targets_against_actuals(frames.objectives)),
        ("Changes", pack.changes),
    ]
    for index, (name, table) in enumerate(tables):
        progress(0.1 + 0.8 * index / len(tables), t("Sheet {name}", name=sheet_name(name)))
        _sheet(book, sheet_name(name), table, t(NO_ROWS_NOTES[name]))
    _keys(book, [(name, list(table.columns)) for name, table in tables])
    return book.save()


def _with_status_label(table: pd.DataFrame) -> pd.DataFrame:
    """The table with each status also in words, beside its key (as the Objectives sheet
    has it): an update's "not-started" alone is a machine word to a Serbian reader."""
    if "status" not in table.columns or "status_label" in table.columns:
        return table
    table = table.copy()
    table.insert(table.columns.get_loc("status") + 1, "status_label", table["status"].astype(str))
    return table


def _date_format() -> str:
    return DATE_FORMATS.get(current_language().split("-")[0], DATE_FORMAT)


def _keys(book: Book, sheets: list[tuple[str, list[str]]]) -> None:
    """A hidden sheet naming the table and frame column under each sheet and header, in
    English whatever the language: the names people read are not for programs to match."""
    sheet = book.sheet(KEYS_SHEET, hidden=True)
    sheet.append(list(KEYS_COLUMNS))
    for table, columns in sheets:
        for index, column in enumerate(columns, start=1):
            sheet.append(
                [
                    table.lower(),
                    sheet_name(table),
                    column_letter(index),
                    column_label(str(column)),
                    str(column),
                ]
            )


def _about(book: Book, pack: MeetingPack) -> None:
    """What the workbook holds, so a copy forwarded by e-mail still explains itself."""
    sheet = book.sheet(sheet_name("About"))
    sheet.widths = [22, 90]
    rows: list[tuple[str, object]] = [
        (t("Report"), pack.title),
        (t("Plans"), sentences.plans_named(pack, in_full=True)),
        (t("Data as of"), pack.data_dates),
        (t("Prepared"), pack.prepared),
        (t("Scope"), pack.scope),
        (t("Audience"), pack.audience_note),
        (t("Changes since"), pack.since),
        (t("Data problems"), pack.problems_note or t("none")),
        (t("Sheets"), ", ".join(sheet_name(name) for name in SHEETS[1:])),
    ]
    if pack.unreadable_note:
        rows.insert(0, (t("Could not be read"), pack.unreadable_note))
    sheet.append([Styled(f"{pack.title} · {pack.as_of_line}", TITLE)])
    if pack.unreadable_note:
        # The first thing the workbook says: its figures leave these objectives out.
        sheet.append([Styled(pack.unreadable_note, WARNING)])
    sheet.append([])
    for label, value in rows:
        sheet.append([Styled(label, BOLD), _plain_value(value)])


def _sheet(book: Book, name: str, table: pd.DataFrame, empty_note: str) -> None:
    """The table under a frozen, filtered header; a table with no rows says so on the line
    under its header (in column A, every other cell empty), so empty never looks broken."""
    sheet = book.sheet(name)
    columns = list(table.columns)
    if not columns:
        sheet.append([empty_note])
        return
    values = [_column_values(table[column], _words(str(column))) for column in columns]
    if table.empty:
        values = [[empty_note], *([None] for _ in columns[1:])]
    headers = [column_label(str(column)) for column in columns]
    dated = [_is_date_column(table[column]) for column in columns]
    sheet.widths = [
        _width(header, column_values, is_dated)
        for header, column_values, is_dated in zip(headers, values, dated, strict=True)
    ]
    sheet.table(headers, values)


def _column_values(
    series: pd.Series, words: Callable[[object], object] | None = None
) -> list[object]:
    """Plain Python values: dates as dates, missing as empty, categories as their text, and
    the vocabulary's words (`words`) in the reader's language.

    A whole column at a time (numpy's own conversions), not a Python call per cell: the
    workbook at 10,000 objectives has 1.2 million of them."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    if pd.api.types.is_datetime64_any_dtype(series):
        if getattr(series.dtype, "tz", None) is None:
            # numpy turns a day into a datetime.date and a missing one (NaT) into None.
            return list(series.to_numpy(dtype="datetime64[D]").astype(object).tolist())
        return [None if pd.isna(value) else value.date() for value in series]
    missing = series.isna().to_numpy()
    values = series.tolist()
    if series.dtype == object:  # anything may be inside: numpy scalars, timestamps, NA
        values = [_plain_value(value) for value in values]
    elif missing.any():
        values = [None if gap else value for value, gap in zip(values, missing, strict=True)]
    if words is None:
        return values
    said = {value: words(value) for value in set(values) if value is not None}
    return [None if value is None else said[value] for value in values]


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
