"""Import applies the tracker's sanity warnings, the same ones as the form and `update`
(issue 16): each is printed at the cell of the answer that causes it
(`FILE.xlsx:Updates!D7: warning: ...`) and, as everywhere, never blocks the import; an answer
that records nothing new is refused at its row, as `update` refuses it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_sanity_warnings import AMMUNITION
from tests.sheets.filling import FilledWorkbook
from tests.support import RULES_PLAN, CliResult, objective

BY = "Ana Petrovic"

# answers to fill, the objective, the column the warning must name, and its words
CASES = {
    "negative": (
        "o-1",
        {"new_status": "On track", "measurement": -50},
        "measurement",
        "is negative (-50 tonnes)",
    ),
    "total-down": (
        "o-1",
        {"new_status": "On track", "measurement": 100},
        "measurement",
        "the running total goes down, from 400 tonnes",
    ),
    "completed-progress": (
        "o-1",
        {"new_status": "completed", "new_progress": "20%"},
        "new_progress",
        "status is 'Completed' (completed) but progress is 20%",
    ),
    "completed-metric": (
        "o-1",
        {"new_status": "Завршено"},
        "new_status",
        "the metric stands at 400 tonnes of the 2,000 tonnes target",
    ),
    "on-track-late": (
        "o-2",
        {"new_status": "On track"},
        "new_status",
        "status is 'On track' (on-track) but the due date (2020-12-31) has passed",
    ),
    "not-started-late": (
        "o-2",
        {"new_status": "not-started"},
        "new_status",
        "status is 'Not started' (not-started) but the due date (2020-12-31) has passed",
    ),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "rules.yaml").write_text(
        RULES_PLAN
        + objective(
            "o-1",
            *AMMUNITION,
            "    - {date: 2020-01-01, value: 400}",
            status="on-track",
            due="2030-12-31",
        )
        + objective("o-2", due="2020-12-31"),
        encoding="utf-8",
    )
    return data


def _workbook(folder: Path, tmp_path: Path, run_cli: Callable[..., CliResult]) -> Path:
    path = tmp_path / "answers.xlsx"
    made = run_cli("workbook", "-o", str(path), "--data", str(folder))
    assert made.code == 0, made.err
    return path


@pytest.mark.parametrize("case", list(CASES))
def test_each_sanity_warning_is_named_by_its_cell_and_the_row_is_still_imported(
    case: str, folder: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    objective_id, answers, column, words = CASES[case]
    path = _workbook(folder, tmp_path, run_cli)
    sheet = FilledWorkbook(path)
    row = sheet.fill(objective_id, **answers)
    sheet.save()
    cell = f"{path}:Updates!{sheet.letter(column)}{row}: warning: "
    before = (folder / "rules.yaml").read_bytes()

    dry = run_cli("import", str(path), "--dry-run", "--by", BY, "--data", str(folder))
    assert dry.code == 0, dry.err
    assert any(line.startswith(cell) and words in line for line in dry.err.splitlines()), dry.err
    assert (folder / "rules.yaml").read_bytes() == before

    done = run_cli("import", str(path), "--by", BY, "--data", str(folder))
    assert done.code == 0, done.err
    assert any(line.startswith(cell) and words in line for line in done.err.splitlines())
    assert "imported " in done.out
    assert (folder / "rules.yaml").read_bytes() != before


def test_an_answer_that_records_nothing_new_is_refused_at_its_row(
    folder: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = _workbook(folder, tmp_path, run_cli)
    sheet = FilledWorkbook(path)
    row = sheet.fill("o-1", new_status="on-track")  # its status already, and nothing else
    sheet.save()
    before = (folder / "rules.yaml").read_bytes()
    result = run_cli("import", str(path), "--by", BY, "--data", str(folder))
    assert result.code == 1
    assert f"{path}:Updates!{sheet.letter('id')}{row}: this update records nothing new" in (
        result.err
    )
    assert f"1 row to fix ({row}); nothing written" in result.err
    assert (folder / "rules.yaml").read_bytes() == before


def test_a_warning_is_said_in_the_readers_language_at_its_cell(
    folder: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = _workbook(folder, tmp_path, run_cli)
    sheet = FilledWorkbook(path)
    row = sheet.fill("o-1", new_status="Према плану", measurement=-50)
    sheet.save()
    result = run_cli(
        "import", str(path), "--dry-run", "--lang", "sr-Cyrl", "--by", BY, "--data", str(folder)
    )
    assert result.code == 0, result.err
    cell = f"{path}:Updates!{sheet.letter('measurement')}{row}: "
    lines = [line for line in result.err.splitlines() if line.startswith(cell)]
    assert lines and all(line.startswith(f"{cell}упозорење: ") for line in lines), lines
    assert any("негативно (-50" in line for line in lines), lines  # not the English sentence
