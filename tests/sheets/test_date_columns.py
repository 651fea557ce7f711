"""The workbook's date columns are the model's date fields, so the two cannot drift apart:
a field the format reads as a date is a date cell, and one it reads as text is not."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from tracker.model import Objective
from tracker.sheets import columns
from tracker.sheets.columns import FIRST_DATA_ROW, PLAN_COLUMNS, UPDATE_COLUMNS, Column
from tracker.sheets.workbook import DATE_FORMAT, plan_template, update_workbook


def _schema_says_date(model: type[BaseModel], name: str) -> bool:
    """The field's kind as the published JSON schema gives it, an oracle apart from the code."""
    schema: dict[str, Any] = model.model_json_schema()["properties"][name]
    return any(kind.get("format") == "date" for kind in schema.get("anyOf", [schema]))


def _date_formatted(content: bytes, specs: tuple[Column, ...]) -> set[str]:
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return {
        spec.key
        for number, spec in enumerate(specs, start=1)
        if sheet.cell(FIRST_DATA_ROW, number).number_format == DATE_FORMAT
    }


def test_every_column_names_a_real_field_and_takes_its_kind_from_the_schema() -> None:
    for spec in (*UPDATE_COLUMNS, *PLAN_COLUMNS):
        if spec.field is not None:
            model, name = spec.field
            assert name in model.model_fields, spec
            assert spec.is_date == _schema_says_date(model, name), spec
    dated = {spec.key for spec in (*UPDATE_COLUMNS, *PLAN_COLUMNS) if spec.is_date}
    assert dated == {"start", "due", "last_update", "evidence_date", "measurement_date"}


def test_the_made_workbooks_format_exactly_the_date_columns(shipped_copy: Path) -> None:
    made = update_workbook(shipped_copy)
    assert (
        _date_formatted(made.content, UPDATE_COLUMNS)
        == {spec.key for spec in UPDATE_COLUMNS if spec.is_date}
        == {"due", "last_update", "evidence_date", "measurement_date"}
    )
    assert _date_formatted(plan_template().content, PLAN_COLUMNS) == {"start", "due"}


def test_a_field_the_model_turns_to_text_stops_being_a_date_column(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Drift as it would happen: the model changes `due` to text and nothing else is touched.
    fields = dict(Objective.model_fields)
    fields["due"] = FieldInfo(annotation=str)
    monkeypatch.setattr(Objective, "model_fields", fields)
    due = next(spec for spec in columns.PLAN_COLUMNS if spec.key == "due")
    assert not due.is_date
    assert "due" not in _date_formatted(plan_template().content, PLAN_COLUMNS)
