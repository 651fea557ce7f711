"""The overview at scale: its attention tables send the first 100 objectives and say how many
there are, and its cached charts, counts and tables still follow an edited file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from components.tables import MAX_ATTENTION_ROWS
from tests.equivalence import generate_portfolio
from tests.support import DASHBOARD, markdown_text, metrics, open_app
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames


def test_a_long_attention_list_shows_the_first_100_and_says_how_many(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    generate_portfolio(300, tmp_path)
    objectives = build_frames(load_portfolio(tmp_path)).objectives
    overdue = objectives[objectives["overdue"]]
    assert len(overdue) > MAX_ATTENTION_ROWS == 100  # the data really is longer than the table

    app = open_app(monkeypatch, tmp_path)

    assert app.tabs[0].label == f"Overdue ({len(overdue)})"
    table = app.dataframe[0].value
    assert len(table) == 100
    # Sorted as before the cut: the 100 that fell due first, earliest at the top.
    shown_due = list(table["due"])
    assert shown_due == sorted(shown_due)
    assert shown_due == sorted(overdue["due"])[:100]
    assert set(table["id"]) <= set(overdue["id"])
    assert f"Showing 100 of {len(overdue)} — see the Objectives page for all" in markdown_text(app)
    # The KPI tile counts them all, not just the rows sent to the browser.
    assert metrics(app)["Overdue"] == str(len(overdue))


def test_a_short_attention_list_is_shown_whole_without_the_note(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD)
    assert len(app.dataframe[0].value) == 3  # overdue: assessed objectives past due
    assert "Showing" not in markdown_text(app)


def test_an_edited_file_shows_on_the_next_run_of_the_cached_overview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    portfolio = tmp_path / "portfolio"
    shutil.copytree(DASHBOARD, portfolio)
    app = open_app(monkeypatch, portfolio)
    assert app.tabs[0].label == "Overdue (3)"
    assert metrics(app)["Overdue"] == "3"

    # An editor's save: the cyber goal now fell due in 2020 and is not done, so it is overdue.
    plan2 = portfolio / "tp2.yaml"
    before = plan2.stat().st_mtime_ns
    text = plan2.read_text(encoding="utf-8")
    edited = text.replace(
        "    due: 2099-12-31\n    status: not-started",
        "    due: 2020-06-30\n    status: not-started",
        1,
    )
    assert edited != text
    plan2.write_text(edited, encoding="utf-8")
    os.utime(plan2, ns=(before + 2_000_000_000, before + 2_000_000_000))

    app.run()
    assert not app.exception, [e.value for e in app.exception]
    assert app.tabs[0].label == "Overdue (4)"
    assert metrics(app)["Overdue"] == "4"
    assert "tp2-goal-cyber" in set(app.dataframe[0].value["id"])
