"""The plan cards' figures: each plan's own objectives, counted as the headline counts them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from components import plan_cards
from tests.equivalence import generate_portfolio
from tests.support import DASHBOARD
from tracker.load.loader import load_portfolio
from tracker.tables.analysis import kpis
from tracker.tables.frames import build_frames


def test_each_cards_figures_are_its_plans_objectives_counted(tmp_path: Path) -> None:
    """The cards cut each plan's rows once, from the columns kpis reads: the same figures as
    kpis over every column of that plan's objectives, for every plan."""
    generate_portfolio(300, tmp_path)
    for folder in (DASHBOARD, tmp_path):
        frames = build_frames(load_portfolio(folder), today=date(2026, 11, 23))
        objectives = frames.objectives
        cards = plan_cards._plan_figures(frames, ("test", str(folder)))
        assert [card.plan_id for card in cards] == sorted(set(objectives["plan"]))
        for card in cards:
            assert card.figures == kpis(objectives[objectives["plan"] == card.plan_id])
