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
