"""Hostile workbooks are refused before any parser expands them, with a sentence saying
what to do, and with bounded memory (timings are in bench/hostile_sheets.py)."""

from __future__ import annotations

import io
import re
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from tests.sheets.filling import FilledWorkbook
from tests.support import SHIPPED, CliResult, bench_script
from tracker.edit.auth import command_line_editor
from tracker.load.loader import load_portfolio
from tracker.sheets.updates import check_upload

MEMORY_BOUND = 200 * 1024 * 1024


HOSTILE = bench_script("hostile_sheets")
EXPECTED = {
    "zip-bomb": "unpacks to more than 20 MB",
    "lying-zip-bomb": "this is not an Excel workbook (.xlsx) the tracker can read",
    "billion-laughs": "declares a document type or entities",
    "huge-shared-strings": "unpacks to more than 20 MB",
    "macro-enabled-name": "a macro-enabled or binary workbook is never opened",
    "macro-inside": "this workbook contains macros and is never opened",
    "too-many-rows": "a sheet has more than 5,000 rows",
    "not-a-workbook": "this is not an Excel workbook (.xlsx) the tracker can read",
}


@pytest.mark.parametrize("case", sorted(HOSTILE.CASES))
def test_each_hostile_workbook_is_refused_unparsed_and_in_bounded_memory(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    file_name, maker = HOSTILE.CASES[case]
    content = maker()

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was asked to parse a hostile workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    tracemalloc.start()
    try:
        checked = check_upload(content, file_name, SHIPPED, command_line_editor("Ana"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not checked.can_import and not checked.answers
    [problem] = checked.problems
    assert problem.path == file_name and EXPECTED[case] in problem.text
    assert str(problem).startswith(f"{file_name}: ")
    assert peak < MEMORY_BOUND
    assert peak < 8 * len(content) + 16 * 1024 * 1024  # never the unpacked size


def test_the_zip_bomb_claims_far_more_than_it_weighs() -> None:
    content = HOSTILE.zip_bomb()
    unpacked = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(content)).infolist())
    assert len(content) < 1024 * 1024 < 50 * 1024 * 1024 < unpacked


def test_a_formula_is_read_as_its_cached_value_never_evaluated(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    workbook = tmp_path / "w.xlsx"
    assert run_cli("workbook", "-o", str(workbook), "--data", str(shipped_copy)).code == 0
    sheet = FilledWorkbook(workbook)
    row = sheet.fill("ipap1-ammo", new_status="On track")
    cell = f"{sheet.letter('new_progress')}{row}"
    sheet.sheet[cell] = "=1+1"  # a real formula; Excel saved 40 as its value
    content = sheet.content()
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<f>1+1</f><v></v>" in data
                data = data.replace(b"<f>1+1</f><v></v>", b"<f>1+1</f><v>40</v>")
            target.writestr(item, data)
    workbook.write_bytes(stream.getvalue())
    result = run_cli("import", str(workbook), "--by", "Ana", "--data", str(shipped_copy))
    assert result.code == 0, result.err
    objective = load_portfolio(shipped_copy).objective("ipap1-ammo")
    assert objective is not None and objective.progress == 40  # not 2


def test_a_formula_with_no_saved_value_is_refused_at_its_cell_not_read_as_empty(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    """A program that writes formulas without calculating them (openpyxl, some exporters)
    saves no value: the answer is unknown, so the import is refused and says where."""
    workbook = tmp_path / "w.xlsx"
    assert run_cli("workbook", "-o", str(workbook), "--data", str(shipped_copy)).code == 0
    sheet = FilledWorkbook(workbook)
    row = sheet.fill("ipap1-ammo", new_status="On track", note="Checked at the depot")
    other = sheet.fill("ipap1-pg-cyber-defence")  # no answer but a formula: not empty either
    progress = f"{sheet.letter('new_progress')}{row}"
    sheet.sheet[progress] = "=B7*2"
    sheet.sheet[f"{sheet.letter('note')}{other}"] = "=CONCAT(A1, A2)"
    sheet.sheet.cell(row, 60).value = "=SUM(A1:A3)"  # outside the table: never read
    sheet.save()
    before = {p.name: p.read_bytes() for p in shipped_copy.glob("*.yaml")}
    result = run_cli("import", str(workbook), "--by", "Ana", "--data", str(shipped_copy))
    assert result.code == 1, result.err
    lines = result.err.splitlines()
    assert any(
        line.startswith(f"{workbook}:Updates!{progress}: this cell holds a formula (=B7*2) with "
                        "no saved value")
        for line in lines
    ), result.err  # fmt: skip
    assert any(
        line.startswith(f"{workbook}:Updates!{sheet.letter('note')}{other}: this cell holds")
        for line in lines
    )
    assert not any("=SUM" in line for line in lines)
    assert f"2 rows to fix ({min(row, other)}, {max(row, other)}); nothing written" in result.err
    assert {p.name: p.read_bytes() for p in shipped_copy.glob("*.yaml")} == before


def test_text_that_looks_like_a_formula_goes_out_and_comes_back_as_text(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    plan = shipped_copy / "ipap1.yaml"
    text = plan.read_text(encoding="utf-8")
    hostile = '=HYPERLINK("https://evil.example","Open")'
    text = re.sub(r"(  - id: ipap1-ammo\n    title: ).*", rf"\1'{hostile}'", text, count=1)
    plan.write_text(
        text.replace("owner: Ministry of Defence", "owner: '@SUM(1+1)'", 1), encoding="utf-8"
    )
    assert run_cli("validate", str(shipped_copy)).code == 0
    workbook = tmp_path / "w.xlsx"
    assert run_cli("workbook", "-o", str(workbook), "--data", str(shipped_copy)).code == 0
    with zipfile.ZipFile(workbook) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name  # no formula anywhere
    sheet = FilledWorkbook(workbook)
    row = sheet.row_of("ipap1-ammo")
    title = sheet.sheet.cell(row, sheet.column["title"])
    assert title.value == hostile and title.data_type == "s" and title.quotePrefix
    owner = sheet.sheet.cell(sheet.row_of("ipap1-partnership-goals"), sheet.column["owner"])
    assert owner.value == "@SUM(1+1)" and owner.data_type == "s"
    sheet.fill("ipap1-ammo", note="=1+2", source="-2 tonnes (ministry note)")
    sheet.save()
    result = run_cli("import", str(workbook), "--by", "Ana", "--data", str(shipped_copy))
    assert result.code == 0, result.err
    objective = load_portfolio(shipped_copy).objective("ipap1-ammo")
    assert objective is not None
    assert objective.updates[-1].note == "=1+2"
    assert objective.updates[-1].source == "-2 tonnes (ministry note)"


def test_a_sheet_full_of_unsaved_formulas_names_200_cells_and_counts_the_rest() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Updates"
    sheet.append(["id", "new_status", "note"])
    for _ in range(300):
        sheet.append(["ipap1-ammo", "=A1", "=B2&C3"])
    stream = io.BytesIO()
    book.save(stream)
    checked = check_upload(stream.getvalue(), "f.xlsx", SHIPPED, command_line_editor("Ana"))
    assert not checked.can_import and not checked.answers
    formulas = [p for p in checked.problems if "formula" in p.message]
    assert len(formulas) == 201
    assert formulas[-1].message == "... and 400 more cells hold formulas with no saved value"
    assert str(formulas[0]).startswith("f.xlsx:Updates!B2: this cell holds a formula (=A1)")
