"""CSV as Excel writes it in a Serbian locale: UTF-8 with a byte-order mark, `;` between
cells, a decimal comma, dates as the locale shows them."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from tests.sheets.filling import FilledWorkbook
from tests.support import CliResult
from tracker.load.loader import load_portfolio
from tracker.sheets.values import date as read_date

BY = "Ana Petrovic"


def _as_csv(sheet: FilledWorkbook, delimiter: str) -> bytes:
    """What Excel's Save As "CSV UTF-8" writes: every cell as shown, BOM first."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=delimiter, lineterminator="\r\n")
    for row in sheet.sheet.iter_rows(values_only=True):
        writer.writerow(
            ["" if v is None else v.date().isoformat() if hasattr(v, "date") else v for v in row]
        )
    return b"\xef\xbb\xbf" + stream.getvalue().encode("utf-8")


def test_a_semicolon_csv_with_a_bom_imports_like_the_workbook(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    workbook = tmp_path / "w.xlsx"
    assert run_cli("workbook", "-o", str(workbook), "--data", str(shipped_copy)).code == 0
    sheet = FilledWorkbook(workbook)
    sheet.fill(
        "ipap1-ammo",
        new_status="On track",
        new_progress="12,5",  # a decimal comma
        note="Prva faza; uništeno 250 t",  # a `;` inside a cell, quoted by the writer
        measurement="250",
        measurement_date="1.10.2026.",  # the Serbian way of writing a date
    )
    content = _as_csv(sheet, ";")
    assert content.startswith(b"\xef\xbb\xbf") and b";" in content.splitlines()[1]
    target = tmp_path / "answers.csv"
    target.write_bytes(content)
    result = run_cli("import", str(target), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 0, result.err
    objective = load_portfolio(shipped_copy).objective("ipap1-ammo")
    assert objective is not None and objective.status == "on-track"
    assert objective.progress == 12.5
    assert objective.updates[-1].note == "Prva faza; uništeno 250 t"
    assert objective.metric is not None
    measured = objective.metric.measurements[-1]
    assert measured.value == 250 and measured.date == read_date("2026-10-01")[0]


def test_a_comma_csv_and_a_mistake_named_by_its_cell(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    workbook = tmp_path / "w.xlsx"
    assert run_cli("workbook", "-o", str(workbook), "--data", str(shipped_copy)).code == 0
    sheet = FilledWorkbook(workbook)
    row = sheet.fill(
        "ipap1-ammo", new_status="On track", evidence_title="Report", evidence_date="31.02.2026"
    )
    target = tmp_path / "answers.csv"
    target.write_bytes(_as_csv(sheet, ","))
    result = run_cli("import", str(target), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 1
    assert (
        f"{target}:{sheet.letter('evidence_date')}{row}: '31.02.2026' is not a date" in result.err
    )


def test_a_csv_that_is_not_utf8_is_refused_with_what_to_do(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    target = tmp_path / "answers.csv"
    target.write_bytes("id;new_status;note\nipap1-ammo;On track;uništeno\n".encode("cp1250"))
    result = run_cli("import", str(target), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 1
    assert f"{target}: the file is not UTF-8 text" in result.err and "CSV UTF-8" in result.err
