"""An import is all or nothing: a bad row refuses the whole file and names its cell; an
answer to an objective that changed since the workbook was made is a conflict."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sheets.filling import FilledWorkbook
from tests.support import CliResult

BY = "Ana Petrovic"


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.yaml"))
    }


@pytest.fixture
def workbook(shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]) -> Path:
    path = tmp_path / "updates.xlsx"
    result = run_cli("workbook", "-o", str(path), "--plan", "ipap1", "--data", str(shipped_copy))
    assert result.code == 0, result.err
    return path


def test_one_bad_row_refuses_the_whole_import_and_names_its_cell(
    shipped_copy: Path, workbook: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = FilledWorkbook(workbook)
    sheet.fill("ipap1-partnership-goals", new_status="On track", new_progress=30)
    bad = sheet.fill("ipap1-pg-defence-planning", new_status="On track", new_progress="140 %")
    worse = sheet.fill("ipap1-pg-cyber-defence", new_status="Almost done", evidence_url="ftp://x")
    sheet.save()
    before = _fingerprint(shipped_copy)
    result = run_cli("import", str(workbook), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 1
    progress_cell = f"{sheet.letter('new_progress')}{bad}"
    assert (
        f"{workbook}:Updates!{progress_cell}: progress is a percentage from 0 to 100, not 140"
        in result.err
    )
    # Every mistake in one run, not only the first.
    assert (
        f"{workbook}:Updates!{sheet.letter('new_status')}{worse}: 'Almost done' is not a status"
        in result.err
    )
    assert (
        f"{workbook}:Updates!{sheet.letter('evidence_url')}{worse}: 'ftp://x' is not a web address"
        in result.err
    )
    assert f"2 rows to fix ({bad}, {worse}); nothing written" in result.err
    assert _fingerprint(shipped_copy) == before  # the good row was not saved either


def test_an_unknown_id_suggests_the_nearest_and_empty_rows_are_skipped(
    shipped_copy: Path, workbook: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = FilledWorkbook(workbook)
    row = sheet.row_of("ipap1-ammo")
    sheet.put(row, id="ipap1-amo", note="typo in the id")
    sheet.save()
    result = run_cli("import", str(workbook), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 1
    assert (
        f"{workbook}:Updates!A{row}: no objective has the id 'ipap1-amo': "
        "did you mean 'ipap1-ammo'?" in result.err
    )
    assert "empty rows skipped" in result.err


def test_an_answer_to_a_changed_objective_is_a_conflict_unless_forced(
    shipped_copy: Path, workbook: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = FilledWorkbook(workbook)
    row = sheet.fill("ipap1-pg-defence-planning", new_status="Completed", new_progress=100)
    sheet.save()
    # Someone records an update after the workbook went out.
    changed = run_cli(
        "update", "ipap1-pg-defence-planning", "--status", "at-risk", "--progress", "20",
        "--by", "Marko", "--data", str(shipped_copy),
    )  # fmt: skip
    assert changed.code == 0, changed.err
    before = _fingerprint(shipped_copy)
    result = run_cli("import", str(workbook), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 1
    version_cell = f"{sheet.letter('version')}{row}"
    assert (
        f"{workbook}:Updates!{version_cell}: conflict: ipap1-pg-defence-planning changed"
        in result.err
    )
    assert "status now At risk, was Not assessed" in result.err
    assert "progress now 20%, was unknown" in result.err
    assert "by Marko" in result.err
    assert _fingerprint(shipped_copy) == before
    forced = run_cli("import", str(workbook), "--force", "--by", BY, "--data", str(shipped_copy))
    assert forced.code == 0, forced.err
    assert "imported anyway (--force)" in forced.err
    assert "+    status: completed" in forced.out


def test_a_second_answer_for_the_same_objective_is_refused(
    shipped_copy: Path, workbook: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = FilledWorkbook(workbook)
    first = sheet.fill("ipap1-ammo", note="first")
    last = sheet.sheet.max_row + 1
    sheet.put(last, id="ipap1-ammo", note="second")
    sheet.save()
    result = run_cli("import", str(workbook), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 1
    assert f"Updates!A{last}: ipap1-ammo is answered in row {first} too" in result.err


def test_usage_errors_exit_2(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    assert run_cli("import", str(tmp_path / "missing.xlsx"), "--data", str(shipped_copy)).code == 2
    made = run_cli(
        "workbook", "-o", str(tmp_path / "w.xlsx"), "--plan", "ipap9", "--data", str(shipped_copy)
    )
    assert made.code == 2 and "no plan has the id 'ipap9'" in made.err
    assert not (tmp_path / "w.xlsx").exists()
    owner = run_cli(
        "workbook", "-o", str(tmp_path / "w.xlsx"), "--owner", "Nobody", "--data", str(shipped_copy)
    )
    assert owner.code == 2 and "the owners are" in owner.err
    (tmp_path / "w.xlsx").write_bytes(b"mine")
    kept = run_cli("workbook", "-o", str(tmp_path / "w.xlsx"), "--data", str(shipped_copy))
    assert kept.code == 2 and (tmp_path / "w.xlsx").read_bytes() == b"mine"


def test_a_save_refused_half_way_puts_back_what_the_import_had_saved(
    shipped_copy: Path, workbook: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    from tracker.edit.auth import command_line_editor
    from tracker.sheets.updates import ImportRefused, apply_checked, check_file

    everything = tmp_path / "all.xlsx"
    assert run_cli("workbook", "-o", str(everything), "--data", str(shipped_copy)).code == 0
    sheet = FilledWorkbook(everything)
    sheet.fill("ipap1-ammo", new_status="On track")  # in ipap1.yaml
    sheet.fill("ipap2-sps", new_status="On track")  # in ipap2.yaml
    sheet.save()
    editor = command_line_editor(BY)
    checked = check_file(everything, shipped_copy, editor)
    assert checked.can_import and len(checked.answers) == 2
    before = _fingerprint(shipped_copy)
    # Someone saves ipap2.yaml between the check and the save (the app's Save button).
    ipap2 = shipped_copy / "ipap2.yaml"
    ipap2.write_text(
        ipap2.read_text(encoding="utf-8") + "# a reviewer's comment\n", encoding="utf-8"
    )
    changed = _fingerprint(shipped_copy)
    with pytest.raises(ImportRefused) as refusal:
        apply_checked(checked, shipped_copy, editor)
    assert "was changed by someone else" in refusal.value.message
    assert "nothing of this import was kept" in refusal.value.message
    assert _fingerprint(shipped_copy) == changed  # ipap1.yaml put back, ipap2.yaml theirs
    assert changed["ipap1.yaml"] == before["ipap1.yaml"]


def test_a_conflicts_progress_reads_as_the_readers_language_writes_it(
    shipped_copy: Path, workbook: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = FilledWorkbook(workbook)
    sheet.fill("ipap1-pg-defence-planning", new_status="Completed", new_progress=100)
    sheet.save()
    changed = run_cli(
        "update", "ipap1-pg-defence-planning", "--status", "at-risk", "--progress", "37.5",
        "--by", "Marko", "--data", str(shipped_copy),
    )  # fmt: skip
    assert changed.code == 0, changed.err
    english = run_cli("import", str(workbook), "--by", BY, "--data", str(shipped_copy))
    assert "progress now 37.5%, was unknown" in english.err
    serbian = run_cli(
        "import", str(workbook), "--by", BY, "--data", str(shipped_copy), "--lang", "sr-Cyrl"
    )
    assert serbian.code == 1
    assert "напредак је сада 37,5\u00a0%, а био је непознат" in serbian.err, serbian.err
    assert "непознато" not in serbian.err  # progress is masculine: „непознат”
