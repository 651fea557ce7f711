"""A workbook made from the shipped data, filled as a person would, imported: the plan files
change exactly as `python -m tracker update` (the same store) would have changed them."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sheets.filling import FilledWorkbook, comment_lines
from tests.support import CliResult
from tracker.i18n import available_languages, t
from tracker.load.loader import load_portfolio
from tracker.sheets.values import speaking

TODAY = datetime.date.today()
BY = "Ana Petrovic"


def _files(folder: Path) -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yaml"))}


@pytest.fixture
def twin(shipped_copy: Path, tmp_path: Path) -> Path:
    """A second copy of the shipped data, to change with `update` instead of the workbook."""
    target = tmp_path / "by-update"
    shutil.copytree(shipped_copy, target)
    return target


def test_a_filled_workbook_changes_the_files_as_update_would(
    shipped_copy: Path, twin: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    original = _files(shipped_copy)
    made = run_cli("workbook", "-o", str(tmp_path / "all.xlsx"), "--data", str(shipped_copy))
    assert made.code == 0, made.err
    assert "37 open objectives" in made.out  # 38 objectives, one completed
    sheet = FilledWorkbook(tmp_path / "all.xlsx")
    evidence_day = TODAY - datetime.timedelta(days=10)
    sheet.fill(
        "ipap1-partnership-goals",
        new_status="On track ",  # a label, with the trailing space a person leaves
        new_progress="40%",
        note="Goals reviewed with the NATO team  ",
        evidence_title="Quarterly report",
        evidence_url="https://example.org/goals-report ",
        evidence_kind="Report",
        evidence_date=datetime.datetime.combine(TODAY, datetime.time()),  # an Excel date
        measurement=12,
        measurement_date=datetime.datetime.combine(TODAY, datetime.time()),
    )
    sheet.fill("ipap1-pg-defence-planning", new_status="at-risk", new_progress=25)
    sheet.fill(
        "ipap2-sps",
        note="Two projects approved",
        source="Ministry of Defence quarterly report",
        evidence_title="Project list",
        evidence_date=evidence_day.isoformat(),  # a date typed as text
        evidence_access="Internal",
    )
    serial_day = TODAY - datetime.timedelta(days=5)
    sheet.fill(
        "ipap2-kfor",
        new_status="Угрожено",  # the Serbian label of at-risk, in an English workbook
        evidence_title="Liaison meeting notes",
        evidence_url="https://example.org/kfor",
        evidence_date=(serial_day - datetime.date(1899, 12, 30)).days,  # an Excel date serial
    )
    sheet.save()

    imported = run_cli(
        "import", str(tmp_path / "all.xlsx"), "--by", BY, "--data", str(shipped_copy)
    )
    assert imported.code == 0, imported.err
    assert "4 updates; 33 empty rows skipped" in imported.out
    assert "+    status: at-risk" in imported.out  # the YAML diff is shown

    for args in (
        [
            "ipap1-partnership-goals",
            "--status",
            "on-track",
            "--progress",
            "40",
            "--note",
            "Goals reviewed with the NATO team",
            "--evidence-title",
            "Quarterly report",
            "--evidence-url",
            "https://example.org/goals-report",
            "--evidence-kind",
            "report",
            "--measurement",
            "12",
        ],
        ["ipap1-pg-defence-planning", "--status", "at-risk", "--progress", "25"],
        [
            "ipap2-sps",
            "--status",
            "not-assessed",
            "--note",
            "Two projects approved",
            "--source",
            "Ministry of Defence quarterly report",
            "--evidence-title",
            "Project list",
            "--evidence-date",
            evidence_day.isoformat(),
            "--evidence-access",
            "internal",
        ],
        [
            "ipap2-kfor",
            "--status",
            "at-risk",
            "--evidence-title",
            "Liaison meeting notes",
            "--evidence-url",
            "https://example.org/kfor",
            "--evidence-date",
            serial_day.isoformat(),
        ],
    ):
        result = run_cli("update", *args, "--by", BY, "--data", str(twin))
        assert result.code == 0, result.err

    after = _files(shipped_copy)
    assert after == _files(twin)
    for name, text in after.items():
        assert comment_lines(text) == comment_lines(original[name])  # every comment kept
    objective = load_portfolio(shipped_copy).objective("ipap2-sps")
    assert objective is not None
    assert objective.evidence[-1].access == "internal"
    assert objective.evidence[-1].date == evidence_day
    assert objective.updates[-1].source == "Ministry of Defence quarterly report"
    validated = run_cli("validate", str(shipped_copy))
    assert validated.code == 0, validated.out


def test_a_dry_run_shows_the_changes_and_writes_nothing(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    workbook = tmp_path / "defence.xlsx"
    made = run_cli(
        "workbook",
        "-o",
        str(workbook),
        "--owner",
        "ministry of defence",
        "--data",
        str(shipped_copy),
    )
    assert made.code == 0, made.err
    sheet = FilledWorkbook(workbook)
    assert {
        sheet.sheet.cell(r, sheet.column["owner"]).value for r in range(3, sheet.sheet.max_row + 1)
    } == {"Ministry of Defence"}
    sheet.fill("ipap1-ammo", new_status="On track", measurement="300")
    sheet.save()
    before = _files(shipped_copy)
    result = run_cli("import", str(workbook), "--dry-run", "--by", BY, "--data", str(shipped_copy))
    assert result.code == 0, result.err
    assert "+        - {date: " in result.out and "value: 300" in result.out
    assert "dry run: nothing written" in result.err
    assert _files(shipped_copy) == before


def test_the_workbook_speaks_the_chosen_language_and_reads_labels_of_every_language(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    if "sr-Cyrl" not in available_languages():
        pytest.skip("no Serbian catalogue yet (issue 15)")
    with speaking("sr-Cyrl"):
        at_risk, on_track, header = t("At risk"), t("On track"), t("New status")
    assert at_risk != "At risk"
    workbook = tmp_path / "sr.xlsx"
    assert (
        run_cli(
            "workbook", "-o", str(workbook), "--lang", "sr-Cyrl", "--data", str(shipped_copy)
        ).code
        == 0
    )
    sheet = FilledWorkbook(workbook)
    assert sheet.sheet.cell(1, sheet.column["new_status"]).value == header
    lists = sheet.book["Lists"]
    assert at_risk in [cell.value for cell in lists["A"]]  # the drop-down's Serbian labels
    sheet.fill("ipap2-exercises", new_status=at_risk)
    sheet.fill("ipap2-sps", new_status="On track")  # an English label in a Serbian workbook
    sheet.save()
    result = run_cli("import", str(workbook), "--by", BY, "--data", str(shipped_copy))
    assert result.code == 0, result.err
    portfolio = load_portfolio(shipped_copy)
    assert portfolio.objective("ipap2-exercises").status == "at-risk"  # type: ignore[union-attr]
    assert portfolio.objective("ipap2-sps").status == "on-track"  # type: ignore[union-attr]
    assert on_track


def test_the_workbook_gives_titles_in_its_language_where_the_data_translates_them(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    from tracker.model import translation

    objective = load_portfolio(shipped_copy).objective("ipap2-exercises")
    assert objective is not None
    serbian = translation(objective, "title", "sr-Cyrl")
    assert serbian and serbian != objective.title
    for language, expected in (("sr-Cyrl", serbian), ("en", objective.title)):
        workbook = tmp_path / f"{language}.xlsx"
        made = run_cli(
            "workbook", "-o", str(workbook), "--lang", language, "--data", str(shipped_copy)
        )
        assert made.code == 0, made.err
        sheet = FilledWorkbook(workbook)
        row = sheet.row_of("ipap2-exercises")
        assert sheet.sheet.cell(row, sheet.column["title"]).value == expected
    refused = run_cli("workbook", "-o", str(tmp_path / "x.xlsx"), "--lang", "de")
    assert refused.code == 2 and "there is no 'de' language" in refused.err
