"""Presentation sizing and moves, without a browser: type grows with the window, a chart gets
what the chrome leaves, and a key press lands on a screen that exists."""

from __future__ import annotations

from components.clicker import MOVES, Viewport
from components.presentation import moved
from components.screen_fit import ScreenFit


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
