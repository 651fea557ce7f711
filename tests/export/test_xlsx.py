"""The workbook, read back with pandas and openpyxl: the frames' rows, real dates, filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from io import BytesIO

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.support import MEETING_TODAY
from tracker.export import build_report
from tracker.i18n import t, using_language
from tracker.load.loader import Portfolio
from tracker.sheets import columns
from tracker.sheets.columns import UPDATE_COLUMNS
from tracker.sheets.reader import read_table
from tracker.statuses import STATUS_LABELS
from tracker.tables.analysis import targets_against_actuals
from tracker.tables.frames import Frames, build_frames


@pytest.fixture(scope="module")
def frames(meeting_portfolio: Portfolio) -> Frames:
    return build_frames(meeting_portfolio, today=MEETING_TODAY)


@pytest.fixture(scope="module")
def workbook_bytes(meeting_portfolio: Portfolio, frames: Frames) -> bytes:
    # No audience given: the workbook is a working file, so it defaults to internal.
    return build_report(frames, meeting_portfolio, "xlsx", since=date(2025, 1, 1))


def days(values: pd.Series) -> list[date | None]:
    return [None if pd.isna(value) else pd.Timestamp(value).date() for value in values]


def sheets(content: bytes) -> dict[str, pd.DataFrame]:
    """Each table by its English sheet name, with the frame's column names, read back as a
    program would: through the hidden `keys` sheet, whatever language the headers are in."""
    shown = pd.read_excel(BytesIO(content), sheet_name=None)
    keys = shown.pop("keys")
    tables = {}
    for table, rows in keys.groupby("table", sort=False):
        sheet = str(rows["sheet"].iloc[0])
        renamed = dict(zip(rows["header"], rows["key"], strict=True))
        tables[str(table).capitalize()] = shown[sheet].rename(columns=renamed)
    return tables


def test_workbook_has_the_sheets_people_ask_for(workbook_bytes: bytes) -> None:
    book = load_workbook(BytesIO(workbook_bytes))
    assert [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"] == [
        "About",
        "Objectives",
        "Updates",
        "Evidence",
        "Measurements",
        "Targets",
        "Changes",
    ]
    assert book["keys"].sheet_state == "hidden"
    # Headers are for people; the hidden sheet keeps the frame's names for programs.
    assert [cell.value for cell in book["Objectives"][1]][:3] == ["ID", "Plan", "Plan title"]


@pytest.mark.parametrize("name", ["objectives", "updates", "evidence", "measurements"])
def test_each_sheet_has_the_same_rows_as_its_frame(
    workbook_bytes: bytes, frames: Frames, name: str
) -> None:
    expected = getattr(frames, name)
    sheet = sheets(workbook_bytes)[name.capitalize()]
    if name == "updates":  # each status also in words, beside its key
        assert list(sheet["status_label"]) == [t(STATUS_LABELS[s]) for s in expected["status"]]
        sheet = sheet.drop(columns="status_label")
    assert list(sheet.columns) == list(expected.columns)
    assert len(sheet) == len(expected)
    key = ["id"] if name == "objectives" else ["objective_id", "date"]
    assert list(sheet[key[0]]) == list(expected[key[0]])
    for column in expected.columns:
        if pd.api.types.is_datetime64_any_dtype(expected[column]):
            assert days(sheet[column]) == days(expected[column]), column
        elif column in ("title", "note", "owner", "status", "url"):
            shown = sheet[column].astype(object).where(sheet[column].notna(), None)
            wanted = expected[column].astype(object).where(expected[column].notna(), None)
            assert list(shown) == list(wanted), column


def test_dates_are_real_dates_with_a_date_format_and_headers_have_filters(
    workbook_bytes: bytes,
) -> None:
    book = load_workbook(BytesIO(workbook_bytes))
    objectives = book["Objectives"]
    header = [cell.value for cell in objectives[1]]
    due = objectives.cell(row=2, column=header.index("Due") + 1)
    assert isinstance(due.value, datetime)  # Excel stores dates as date-times
    assert due.number_format == "yyyy-mm-dd"
    for name in ("Objectives", "Updates", "Evidence", "Measurements", "Targets", "Changes"):
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet["A1"].font.bold


def test_a_title_that_looks_like_a_formula_stays_text(workbook_bytes: bytes) -> None:
    book = load_workbook(BytesIO(workbook_bytes))
    evidence = book["Evidence"]
    titles = [row[2] for row in evidence.iter_rows(min_row=2, values_only=True)]
    assert '=HYPERLINK("http://evil.example","click")' in titles
    formulas = [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []


def test_targets_sheet_compares_every_metric_with_its_target(
    workbook_bytes: bytes, frames: Frames
) -> None:
    targets = sheets(workbook_bytes)["Targets"]
    assert list(targets["id"]) == list(frames.objectives.loc[frames.objectives["has_metric"], "id"])
    ammunition = targets.set_index("id").loc["alpha-ammo"]
    assert ammunition["baseline"] == 0
    assert ammunition["target"] == 2000
    assert ammunition["latest_value"] == 1300
    assert pd.Timestamp(ammunition["latest_date"]) == pd.Timestamp("2026-06-30")
    assert ammunition["percent_of_target"] == pytest.approx(65.0)


def test_percent_of_target_is_the_models_own(meeting_portfolio: Portfolio, frames: Frames) -> None:
    table = targets_against_actuals(frames.objectives).set_index("id")
    for objective in meeting_portfolio.objectives:
        if objective.metric is None:
            assert objective.id not in table.index
            continue
        assert table.loc[objective.id, "percent_of_target"] == pytest.approx(
            objective.metric.percent_of_target()
        )


def test_internal_evidence_is_in_the_working_file_but_not_in_a_public_one(
    meeting_portfolio: Portfolio, frames: Frames, workbook_bytes: bytes
) -> None:
    internal = sheets(workbook_bytes)["Evidence"]
    assert (internal["access"] == "internal").sum() == 3
    public = sheets(
        build_report(frames, meeting_portfolio, "xlsx", audience="public", since=date(2025, 1, 1))
    )
    assert set(public["Evidence"]["access"]) == {"public"}
    assert "Internal: depot inspection notes" not in set(public["Changes"]["detail"].str[:32])
    counts = public["Objectives"].set_index("id")["evidence_count"]
    assert counts["alpha-campaign"] == 4  # five items, one internal


def test_every_header_is_for_a_person_and_every_key_is_kept(workbook_bytes: bytes) -> None:
    """No visible sheet shows a field name (objective_id, status_label, has_metric…) as a
    header; each header's machine key is in the hidden `keys` sheet, one key per header."""
    book = load_workbook(BytesIO(workbook_bytes))
    keys = pd.read_excel(BytesIO(workbook_bytes), sheet_name="keys")
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" or sheet.title == "About":
            continue
        headers = [cell.value for cell in sheet[1]]
        assert headers, sheet.title
        for header in headers:
            assert isinstance(header, str) and header.strip(), (sheet.title, header)
            assert ("_" not in header and header != header.lower()) or " " in header, (
                sheet.title,
                header,
            )
        kept = keys[keys["sheet"] == sheet.title]
        assert list(kept["header"]) == headers, sheet.title
        assert kept["key"].is_unique, sheet.title


@pytest.mark.parametrize("language", ["en", "sr-Cyrl"])
def test_a_sheet_with_no_rows_says_so_and_import_reads_no_rows(
    meeting_portfolio: Portfolio, frames: Frames, language: str
) -> None:
    """Empty must not look broken: the line under the header says there are none yet, in the
    reader's language; a program reading the workbook back takes that line for no row."""
    empty = replace(
        frames, updates=frames.updates.iloc[0:0], measurements=frames.measurements.iloc[0:0]
    )
    with using_language(language):
        content = build_report(empty, meeting_portfolio, "xlsx")
        measurements, updates = t("Measurements"), t("Updates")
        said = t("No measurements yet."), t("No updates yet.")
    book = load_workbook(BytesIO(content))
    for name, note in zip((measurements, updates), said, strict=True):
        rows = [[cell.value for cell in row] for row in book[name].iter_rows()]
        assert len(rows) == 2, name
        assert rows[1][0] == note
        assert all(value is None for value in rows[1][1:])
    assert book[measurements]["A1"].value == ("Objective ID" if language == "en" else "ИД циља")
    if language == "sr-Cyrl":
        assert said == ("Још нема мерења.", "Још нема ажурирања.")
    # The update import reads that sheet (the workbook's Updates sheet has the id column).
    table = read_table(content, "pack.xlsx", UPDATE_COLUMNS, updates, columns.ID)
    assert table.rows == []
    # A sheet with rows has no such line.
    full = load_workbook(BytesIO(build_report(frames, meeting_portfolio, "xlsx")))
    assert full["Measurements"].max_row == 1 + len(frames.measurements)
