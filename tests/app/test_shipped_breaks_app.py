"""The corpus of one-line mistakes in the shipped data (tests/data/shipped-breaks/cases.csv)
through the app and the deck, as issue 13 asks: every other objective is counted, the lost
one is named at the top of the overview and on the deck's first slide, and the Data problems
page lists it and reports the mistake at its own line (±1)."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation

from tests.load.test_shipped_breaks import CASES, SHIPPED_COUNT, make_break
from tests.support import SHIPPED, open_app
from tracker.export import build_report
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_each_broken_line_is_named_on_screen_and_in_the_deck(
    case: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "commitments"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns(".*"))
    broken = make_break(folder, case)
    plan = "IPAP 1" if case["file"] == "ipap1.yaml" else "IPAP 2"
    notice = (
        f"1 objective could not be read ({plan}: {broken.objective_id}): "
        "the figures below leave it out."
    )

    app = open_app(monkeypatch, folder)
    assert app.main.error[0].value.replace("\\", "") == notice
    assert {m.label: m.value for m in app.metric}["Objectives"] == str(SHIPPED_COUNT - 1)

    problems = open_app(monkeypatch, folder, "problems")
    lost = problems.dataframe[0].value
    assert list(lost["Objective"]) == [broken.objective_id]
    shown = f"commitments/{case['file']}"  # a viewer's name for it, from the data's name
    listed = [str(code.value) for code in problems.code] + [
        str(cell) for frame in problems.dataframe[1:] for cell in frame.value.to_numpy().ravel()
    ]
    near = {f"{shown}:{line}:" for line in (broken.line - 1, broken.line, broken.line + 1)}
    assert any(
        case["words"] in line and any(n in line for n in near)
        for block in listed
        for line in block.splitlines()
    ), listed

    portfolio = load_portfolio(folder)
    deck = Presentation(BytesIO(build_report(build_frames(portfolio), portfolio, "pptx")))
    first = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert notice in first
