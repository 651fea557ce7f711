"""The update workbook as a person opens it: readable headers, the keys in row 2, a status
drop-down, progress checked 0 to 100, an About sheet, one row per open objective."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sheets.filling import FilledWorkbook
from tests.support import CliResult
from tracker.edit.locking import hard_lock
from tracker.export import files
from tracker.i18n import transliterate
from tracker.load.loader import load_portfolio
from tracker.sheets.columns import UPDATE_COLUMNS
from tracker.sheets.version import objective_versions
from tracker.statuses import CLOSED_STATUSES, STATUS_LABELS, STATUS_ORDER


def test_the_update_workbook_has_what_a_person_needs_to_answer(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    workbook = tmp_path / "w.xlsx"
    assert (
        run_cli(
            "workbook", "-o", str(workbook), "--plan", "ipap2", "--data", str(shipped_copy)
        ).code
        == 0
    )
    sheet = FilledWorkbook(workbook)
    updates = sheet.sheet
    assert [c.value for c in updates[2]] == [column.key for column in UPDATE_COLUMNS]
    assert updates["I1"].value == "New status" and updates["A1"].value == "Objective id"
    portfolio = load_portfolio(shipped_copy)
    expected = [
        o.id
        for o in portfolio.objectives
        if o.plan_id == "ipap2" and o.status not in CLOSED_STATUSES
    ]
    ids = [updates.cell(row, 1).value for row in range(3, updates.max_row + 1)]
    assert ids == expected
    versions = objective_versions(shipped_copy)
    assert updates.cell(3, sheet.column["version"]).value == versions[ids[0]].digest
    checks = {str(check.sqref): check for check in updates.data_validations.dataValidation}
    status_range = f"{sheet.letter('new_status')}3:{sheet.letter('new_status')}{updates.max_row}"
    assert (
        checks[status_range].type == "list" and checks[status_range].formula1 == "'Lists'!$A$1:$A$7"
    )
    assert [c.value for c in sheet.book["Lists"]["A"]][:7] == [
        STATUS_LABELS[s] for s in STATUS_ORDER
    ]
    assert sheet.book["Lists"].sheet_state == "hidden"
    progress_range = (
        f"{sheet.letter('new_progress')}3:{sheet.letter('new_progress')}{updates.max_row}"
    )
    progress = checks[progress_range]
    assert (progress.type, progress.formula1, progress.formula2) == ("decimal", "0", "100")
    about = [c.value for c in sheet.book["About"]["A"] if c.value]
    assert about[0] == "How to fill this workbook"
    assert any("Do not change the ids" in line for line in about)
    # An unknown progress stays empty, never 0.
    assert all(
        updates.cell(r, sheet.column["progress"]).value is None
        for r in range(3, updates.max_row + 1)
    )


def test_the_plan_template_is_the_shape_import_plan_reads(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    template = tmp_path / "plan.xlsx"
    assert run_cli("workbook", "--template", "-o", str(template)).code == 0
    sheet = FilledWorkbook(template, "Objectives")
    assert list(sheet.column) == [
        "id", "title", "type", "area", "owner", "start", "due", "description", "status"
    ]  # fmt: skip
    assert next(c.value for c in sheet.book["About"]["A"] if c.value) == "How to fill this table"


CYRILLIC = re.compile("[\u0400-\u04ff]")


def _reader_text(sheet: FilledWorkbook, name: str) -> list[str]:
    """What a person reads on the sheet: the headers, the About lines, every drop-down's
    choices and the input and error messages of its checks."""
    book = sheet.book
    texts = [str(c.value) for c in sheet.sheet[1] if c.value]
    texts += [str(c.value) for c in book["About"]["A"] if c.value]
    texts += [str(c.value) for row in book["Lists"].iter_rows() for c in row if c.value]
    for check in sheet.sheet.data_validations.dataValidation:
        texts += [x for x in (check.prompt, check.promptTitle, check.error, check.errorTitle) if x]
    assert texts, name
    return texts


@pytest.mark.parametrize("template", [False, True], ids=["updates", "plan-template"])
def test_a_serbian_workbook_speaks_serbian_in_both_scripts_and_keeps_its_keys(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult], template: bool
) -> None:
    """Headers, the About sheet, the drop-downs and their messages in the chosen language
    (issue 16); the machine keys of row 2 and the sheet names stay as they are, so import
    reads a workbook of any language."""
    made: dict[str, FilledWorkbook] = {}
    for language in ("en", "sr-Cyrl", "sr-Latn"):
        path = tmp_path / f"{language}.xlsx"
        args = ["--template"] if template else ["--data", str(shipped_copy)]
        result = run_cli("workbook", "-o", str(path), "--lang", language, *args)
        assert result.code == 0, result.err
        made[language] = FilledWorkbook(path, "Objectives" if template else "Updates")
    english, cyrillic, latin = (_reader_text(made[x], x) for x in ("en", "sr-Cyrl", "sr-Latn"))
    assert len(english) == len(cyrillic) == len(latin)
    # Every text a person reads is Serbian: words of Cyrillic in one, their Latin in the
    # other, unless it is the same in every language (an address, `report`, a number).
    for en, cy, la in zip(english, cyrillic, latin, strict=True):
        if en == cy:
            assert not re.search(
                "[A-Za-z]{4,}", re.sub(r"`[^`]*`|https?://\S+|\.\.\.", "", en)
            ) or (en == la), en
            continue
        assert CYRILLIC.search(cy), (en, cy)
        assert not CYRILLIC.search(la) and la == transliterate(cy), (en, la)
    keys = [c.value for c in made["en"].sheet[2]]
    assert (
        [c.value for c in made["sr-Cyrl"].sheet[2]]
        == keys
        == [c.value for c in made["sr-Latn"].sheet[2]]
    )
    assert made["sr-Cyrl"].book.sheetnames == made["en"].book.sheetnames


def test_the_spreadsheet_commands_speak_the_readers_language(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = tmp_path / "w.xlsx"
    made = run_cli("workbook", "-o", str(path), "--lang", "sr-Cyrl", "--data", str(shipped_copy))
    assert made.code == 0, made.err
    assert made.out.startswith(f"уписано {path}: 37 отворених циљева за ажурирање")
    sheet = FilledWorkbook(path)
    row = sheet.fill("ipap1-ammo", new_status="Према плану", new_progress="140")
    sheet.save()
    refused = run_cli(
        "import", str(path), "--lang", "sr-Latn", "--by", "Ana", "--data", str(shipped_copy)
    )
    assert refused.code == 1
    assert f"1 red za ispravku ({row}); ništa nije upisano" in refused.err
    again = run_cli("workbook", "-o", str(path), "--lang", "sr-Latn", "--data", str(shipped_copy))
    assert again.code == 2 and f"{path} već postoji" in again.err


def test_the_workbook_is_written_under_its_lock_and_whole_or_not_at_all(
    tmp_path: Path, run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`workbook` writes as a report is written: while another program holds the file's lock
    it waits, then gives up saying so and leaves the file as it was; free, it writes the
    workbook whole, with nothing else left in the reader's folder."""
    target = tmp_path / "updates.xlsx"
    target.write_bytes(b"the colleague's workbook")
    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.2)
    files.output_lock_path(target).parent.mkdir(parents=True, exist_ok=True)
    with hard_lock(files.output_lock_path(target)):
        held = run_cli("workbook", "--template", "-o", str(target), "--overwrite")
    assert held.code == 2
    assert "another program is writing this file; try again in a moment" in held.err
    assert target.read_bytes() == b"the colleague's workbook"
    free = run_cli("workbook", "--template", "-o", str(target), "--overwrite")
    assert free.code == 0, free.err
    assert zipfile.is_zipfile(target)
    assert [p.name for p in tmp_path.iterdir()] == ["updates.xlsx"]
