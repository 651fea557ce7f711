"""The overview's answer cards: their figures are the ones the other pages show in full."""

from __future__ import annotations

from datetime import date

from components import answers
from tests.support import DASHBOARD
from tracker.load.loader import load_portfolio
from tracker.tables.analysis import changes_since
from tracker.tables.frames import build_frames


def test_the_change_counts_are_the_changes_pages_rows_counted() -> None:
    """Counted on the changes' index, without their words: the same counts, kind by kind, as
    the rows the Changes page lists for the same window, and None where it lists none."""
    frames = build_frames(load_portfolio(DASHBOARD), today=date(2026, 11, 23))
    for since in (date(2015, 1, 1), date(2018, 6, 1), date(2020, 1, 1), date(2099, 1, 1)):
        listed = changes_since(frames, since)
        expected = None if listed.empty else dict(listed["change"].value_counts())
        assert answers._change_counts(frames, ("test", since), since) == expected
    assert answers._change_counts(frames, ("test", "all"), date(2015, 1, 1))  # some to count
