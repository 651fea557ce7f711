"""The long-list figures of bench/run.py (issue 19): the Changes page, the workbook, and the
whole `summary` and `update --dry-run` processes, each measured on the real page, builder or
command, each held to its target, and each missed one explained by a real profile."""

from __future__ import annotations

import cProfile
import pstats
from datetime import date
from pathlib import Path

from bench import cprofiled, export_times, probes, run
from bench.report import Report
from tests.support import SHIPPED
from tracker.load.loader import load_portfolio
from tracker.tables.analysis import changes_since
from tracker.tables.frames import build_frames

PROJECT = Path(__file__).resolve().parents[2]


def test_the_changes_probe_counts_every_change_since_the_first_plan_and_sends_a_page() -> None:
    found = probes.changes(SHIPPED, "1999-01-01")
    assert not found["exceptions"]
    assert "since 2015-01-20" in found["since_text"]  # held to IPAP 1's start
    frames = build_frames(load_portfolio(SHIPPED))
    assert found["changes_counted"] == len(changes_since(frames, date(2015, 1, 20)))
    assert 0 < found["rows_sent"] <= found["changes_counted"] + 2
    assert found["first_s"] > 0 and found["rerun_s"] > 0 and found["floor_s"] > 0


def test_the_exports_probe_times_the_workbook_with_export_times_own_builder() -> None:
    portfolio = load_portfolio(SHIPPED)
    found = export_times.build_each(build_frames(portfolio), portfolio, ["xlsx", "nonsense"])
    assert found["xlsx_s"] > 0 and found["xlsx_bytes"] > 0
    assert "nonsense_error" in found and "nonsense_s" not in found
    assert "xlsx" in probes.EXPORT_FORMATS


def test_a_profile_names_the_projects_own_steps_and_the_slowest_functions() -> None:
    portfolio = load_portfolio(SHIPPED)
    profiler = cProfile.Profile()
    profiler.runcall(build_frames, portfolio)
    summary = cprofiled.summarise(pstats.Stats(profiler), PROJECT, 1.0)
    assert any(e["function"] == "build_frames" for e in summary["project"])
    assert all(e["file"].startswith(cprofiled.PROJECT_PARTS) for e in summary["project"])
    owns = [e["own_s"] for e in summary["own"]]
    assert owns == sorted(owns, reverse=True)
    text = cprofiled.table(summary)
    assert "`build_frames` | tracker/tables/frames.py:" in text
    assert cprofiled.table(None) == "(no profile recorded)"


def _results(changes_s: float, xlsx_s: float, summary_s: float, update_exit: int) -> list[dict]:
    processes = {
        "files": 25, "c_loader_s": 10.0, "json_load_s": 0.3, "cold_s": 1.0, "warm_s": 0.5,
        "cold_exit": 0, "summary_s": summary_s, "summary_exit": 0, "update_dry_run_s": 0.5,
        "update_dry_run_exit": update_exit, "update_objective": "x",
    }  # fmt: skip
    big = {
        "n": 10_000,
        "changes": {"first_s": changes_s, "floor_s": 0.2, "rows_sent": 503,
                    "changes_counted": 127_000, "since_text": "**since 2015-01-15**: the day"},
        "exports": {"pptx_s": 1.0, "html_s": 1.0, "xlsx_s": xlsx_s},
        "processes": processes,
    }  # fmt: skip
    return [big]


def test_each_long_list_figure_is_held_to_its_target_in_the_report(tmp_path: Path) -> None:
    report = Report("test", [10_000], run.datetime.now(), "0")
    run.build_report(_results(1.2, 6.0, 0.8, 0), report, tmp_path)
    verdicts = {check.figure: check.met for check in report.checks if check.item == "8"}
    changes = "Changes page since the first plan's start at 10,000 (AppTest)"
    assert verdicts[changes] is True
    assert verdicts["Excel workbook at 10,000 (every change since the first plan's start)"] is False
    assert verdicts["Whole-process `summary` at 10,000 in 25 files, warm cache"] is True
    assert verdicts["Whole-process `update --dry-run` at 10,000 in 25 files, warm cache"] is True
    titles = [title for title, _head, _rows in report.tables]
    assert any(title.startswith("3b. The Changes page") for title in titles)


def test_a_command_that_failed_is_not_counted_as_met(tmp_path: Path) -> None:
    report = Report("test", [10_000], run.datetime.now(), "0")
    run.build_report(_results(2.0, 1.0, 0.8, 1), report, tmp_path)
    failed = [c for c in report.checks if c.figure.startswith("Whole-process `update --dry-run`")]
    assert failed[0].met is None and "(exit 1)" in failed[0].figure
    assert [c.met for c in report.checks if c.figure.startswith("Changes page")] == [False]


def test_the_charts_are_held_to_twice_streamlits_own_one_chart_page(tmp_path: Path) -> None:
    big = _results(1.0, 1.0, 0.5, 0)[0]
    big["browser"] = {"next": {"charts_drawn_s": 4.0, "come_back_s": 1.5}}
    big["browser_floor"] = {"next": {"charts_drawn_s": 2.5, "come_back_s": 0.5}}
    report = Report("test", [10_000], run.datetime.now(), "0")
    run.build_report([big], report, tmp_path)
    charts = [c for c in report.checks if c.figure.startswith("Overview charts drawn")]
    assert [(c.limit, c.met) for c in charts] == [(5.0, True), (1.0, False)]


def test_the_exports_probe_builds_the_workbook_with_every_change_since_the_day(
    monkeypatch,
) -> None:
    """Issue 19's workbook figure is of every change since the first plan's start: the probe
    builds the workbook with that window (and the deck and briefing with the default one)."""
    asked: dict[str, object] = {}
    build = export_times.build_report

    def recording(frames, portfolio, fmt, **options):  # type: ignore[no-untyped-def]
        asked[fmt] = options.get("since")
        return build(frames, portfolio, fmt, **options)

    monkeypatch.setattr(export_times, "build_report", recording)
    found = probes.exports(SHIPPED, since=date(1999, 1, 1))
    assert asked == {"pptx": None, "html": None, "xlsx": date(1999, 1, 1)}
    assert found["xlsx_since"] == "1999-01-01" and found["xlsx_bytes"] > 0
