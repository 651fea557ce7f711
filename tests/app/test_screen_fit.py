"""Presentation sizing and moves, without a browser: type grows with the window, a chart gets
what the chrome leaves, and a key press lands on a screen that exists."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from components.clicker import MOVES, Viewport
from components.presentation import moved
from components.screen_fit import ScreenFit
from tests.support import PROJECT, markdown_text, open_app


def test_type_grows_with_the_window_and_a_notice_takes_room_from_the_chart() -> None:
    projector, wall = ScreenFit(Viewport(1280, 720)), ScreenFit(Viewport(1920, 1080))
    assert projector.type_px == 18 and wall.type_px == 27
    assert projector.room() < 720 and wall.room() > projector.room()
    assert ScreenFit(Viewport(1280, 720), notices=1).room() < projector.room()
    assert "font-size: 27px" in wall.css()


def test_every_clicker_key_moves_within_the_screens() -> None:
    assert {MOVES[key] for key in ("PageDown", "ArrowRight", " ")} == {"next"}
    assert {MOVES[key] for key in ("PageUp", "ArrowLeft")} == {"previous"}
    assert moved("next", 3, 9) == 4 and moved("previous", 3, 9) == 2
    assert moved("first", 5, 9) == 1 and moved("last", 5, 9) == 9
    assert moved("next", 9, 9) == 9 and moved("previous", 1, 9) == 1


def test_ammunition_card_names_each_objective_of_one_plan(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Several programmes of one plan: each line of the overview's card says which objective
    (not "PLAN-01:" and "PLAN-01:", as before)."""
    folder = tmp_path / "one-plan"
    subprocess.run(
        [sys.executable, "bench/generate.py", "60", str(folder), "--plans", "1"],
        cwd=PROJECT, check=True, capture_output=True,
    )  # fmt: skip
    app = open_app(monkeypatch, folder)
    lines = [line for line in markdown_text(app).splitlines() if line.startswith("PLAN\\-01")]
    assert len(lines) >= 2, markdown_text(app)[:900]
    names = {line.split(": **")[0] for line in lines}
    assert len(names) == len(lines) and all(" · " in name for name in names)


def test_the_changes_screen_holds_as_many_rows_as_fit_as_they_wrap() -> None:
    """The shipped data's 17 changes since 2019-09-20 are one line each at 1280×720 and all
    fit (10 were shown, half the screen empty); rows that wrap take more room, so fewer fit,
    never fewer than two."""
    from datetime import date

    import pandas as pd

    from components.presentation import changes_that_fit
    from tests.support import SHIPPED
    from tracker import load_portfolio
    from tracker.tables.analysis import changes_since
    from tracker.tables.frames import build_frames

    today = date(2026, 12, 7)
    frames = build_frames(load_portfolio(SHIPPED, today), today)
    changes = changes_since(frames, date(2019, 9, 20))
    fit = ScreenFit(Viewport(1280, 720))
    assert len(changes) == 17 and changes_that_fit(changes, fit) == 17
    long = pd.concat([changes] * 3, ignore_index=True)
    long["title"] = "A long objective title " * 4
    long["detail"] = "a long account of what changed " * 3
    wrapped = changes_that_fit(long, fit)
    assert 2 <= wrapped < changes_that_fit(pd.concat([changes] * 3, ignore_index=True), fit)
