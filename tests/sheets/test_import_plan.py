"""`import-plan`: a ministry's table of objectives becomes a new, valid plan file."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

from tests.sheets.filling import FilledWorkbook
from tests.support import CliResult
from tracker.load.loader import load_portfolio

PLAN = ["--id", "ipap3", "--title", "IPAP 3", "--start", "2026-01-01", "--end", "2028-12-31"]


def _template(tmp_path: Path, run_cli: Callable[..., CliResult]) -> FilledWorkbook:
    """The empty table `workbook --template` gives, as a ministry starts from it."""
    template = tmp_path / "plan.xlsx"
    made = run_cli("workbook", "--template", "-o", str(template))
    assert made.code == 0, made.err
    return FilledWorkbook(template, "Objectives")


def _objective(title: str, area: str, **more: object) -> dict[str, object]:
    """A row with every required column; a test names what it is about, the rest is usual."""
    usual = {"type": "activity", "owner": "Ministry of Defence", "start": "2026-02-01"}
    return {"title": title, "area": area, **usual, "due": "2027-12-31", **more}


def _table(tmp_path: Path, run_cli: Callable[..., CliResult]) -> FilledWorkbook:
    sheet = _template(tmp_path, run_cli)
    sheet.put(
        3,
        title="Train units for peacekeeping missions",
        type="Activity",
        area="Training",
        owner="Ministry of Defence",
        start=datetime.datetime(2026, 2, 1),
        due="2027-12-31",
    )
    sheet.put(
        4,
        id="ipap3-cyber",
        title="Cyber defence: a national centre",
        type="partnership-goal",
        area="  training ",  # the same area, written another way
        owner="Ministry of Defence",
        start="1.3.2026.",
        due=datetime.datetime(2028, 6, 30),
        description="Set up the centre; staff it",
        status="On track",
    )
    sheet.put(
        5,
        **_objective(
            "Information campaign on the partnership",
            "Public diplomacy",
            type="information-campaign",
            owner="Ministry of Foreign Affairs",
            start="2026-01-01",
            due="2028-12-31",
        ),
    )
    sheet.save()
    return sheet


def test_a_table_becomes_a_valid_plan_file_in_the_project_layout(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = _table(tmp_path, run_cli)
    result = run_cli("import-plan", str(sheet.path), *PLAN, "--data", str(shipped_copy))
    assert result.code == 0, result.err
    assert "plan ipap3 with 3 objectives in 2 areas" in result.out
    written = shipped_copy / "ipap3.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=schema.json\n")
    assert "    - {id: training, title: Training}\n    - {id: public-diplomacy," in text
    assert "  - id: ipap3-train-units-for-peacekeeping\n" in text
    assert run_cli("validate", str(shipped_copy)).code == 0
    portfolio = load_portfolio(shipped_copy)
    cyber = portfolio.objective("ipap3-cyber")
    assert cyber is not None and cyber.status == "on-track" and cyber.area == "training"
    assert cyber.start == datetime.date(2026, 3, 1) and cyber.due == datetime.date(2028, 6, 30)
    assert portfolio.plans["ipap3"].title == "IPAP 3"

    again = run_cli("import-plan", str(sheet.path), *PLAN, "--data", str(shipped_copy))
    assert again.code == 2 and "never replaced" in again.err
    assert written.read_text(encoding="utf-8") == text


def test_a_bad_table_is_refused_cell_by_cell_and_nothing_is_written(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = _table(tmp_path, run_cli)
    sheet.put(4, id="ipap1-ammo")  # already used by IPAP 1
    sheet.put(5, type="Meeting", due="2025-01-01")
    sheet.put(
        6, title="No owner", type="activity", area="Training", start="2026-01-01", due="2026-02-01"
    )
    sheet.save()
    result = run_cli("import-plan", str(sheet.path), *PLAN, "--data", str(shipped_copy))
    assert result.code == 1
    shown = f"{sheet.path}:Objectives!"
    assert f"{shown}C5: 'Meeting' is not an objective type" in result.err
    assert f"{shown}G5: the due date 2025-01-01 is before the start 2026-01-01" in result.err
    assert f"{shown}E6: this objective needs its owner" in result.err
    assert not (shipped_copy / "ipap3.yaml").exists()
    sheet.put(5, type="activity", due="2027-01-01")
    sheet.put(6, owner="MoD")
    sheet.save()
    duplicate = run_cli("import-plan", str(sheet.path), *PLAN, "--data", str(shipped_copy))
    assert duplicate.code == 1
    assert f"{shown}A4: the id 'ipap1-ammo' is already used in" in duplicate.err


def test_a_comma_in_an_area_or_a_title_is_kept_as_written(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    # Areas are written inside {...}, where an unquoted comma would end the title.
    sheet = _template(tmp_path, run_cli)
    sheet.put(
        3, **_objective("Reform, train and equip units", "Defence, security", id="ipap3-reform")
    )
    sheet.save()
    result = run_cli("import-plan", str(sheet.path), *PLAN, "--data", str(shipped_copy))
    assert result.code == 0, result.err
    portfolio = load_portfolio(shipped_copy)
    assert [area.title for area in portfolio.plans["ipap3"].areas] == ["Defence, security"]
    reform = portfolio.objective("ipap3-reform")
    assert reform is not None and reform.title == "Reform, train and equip units"


def test_a_formula_with_no_saved_value_keeps_the_plan_from_being_written(
    shipped_copy: Path, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    sheet = _table(tmp_path, run_cli)
    sheet.sheet[f"{sheet.letter('due')}5"] = "=DATE(2028,12,31)"  # written, never calculated
    sheet.save()
    output = tmp_path / "ipap3.yaml"
    result = run_cli(
        "import-plan", str(sheet.path), *PLAN, "-o", str(output), "--data", str(shipped_copy)
    )
    assert result.code == 1, result.err
    assert (
        f"{sheet.path}:Objectives!{sheet.letter('due')}5: this cell holds a formula "
        "(=DATE(2028,12,31)) with no saved value" in result.err
    )
    assert "the plan was not written" in result.err and not output.exists()
