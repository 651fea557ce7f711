"""bench/obstacles.py: a missed target's paragraph states this run's own figures."""

from __future__ import annotations

from bench import obstacles
from bench.report import Check


def test_the_cold_overview_is_split_into_its_three_parts_with_the_runs_numbers() -> None:
    big = {
        "n": 10000,
        "cold": {"total_s": 3.0},
        "warm": {"load_s": 1.2},
        "apptest": {
            "floor_s": 0.2,
            "warm_s": 0.45,
            "cold_s": 6.4,
            "cold_parts": {"before_s": 0.7, "child_s": 4.5, "after_s": 1.2},
        },
    }
    missed = [Check("3", "Cold overview at 10,000 (AppTest)", 6.4, 4.7, "", "")]
    text = obstacles.explain(big, {}, missed, None, None)
    assert "cold 6.400 s" in text
    assert "0.700 s before the data's child starts" in text
    assert "4.500 s from the child's start until its answer is read" in text
    assert "full load's 3.000 s" in text
    assert "1.200 s after it" in text
    # 1.5 x 3.0 + 0.2 = 4.7, of which the child takes 4.5: 0.2 s left for 1.9 s of work.
    assert "= 4.700 s, leaves 0.200 s beside the child" in text and "takes 1.900 s" in text


def test_without_the_parts_the_paragraph_says_so() -> None:
    big = {"n": 10000, "cold": {"total_s": 3.0}, "apptest": {"floor_s": 0.2, "cold_s": 6.4}}
    missed = [Check("3", "Cold overview", 6.4, 4.7, "", "")]
    assert "not split into its parts" in obstacles.explain(big, {}, missed, None, None)


def _visits(again: int) -> tuple[dict, dict]:
    drawn = {"charts": 4, "drawings": 8, "after_complete": again, "first_start_s": 1.1,
             "last_end_s": 1.7, "elements": 5400}  # fmt: skip
    one = {"charts": 1, "drawings": 2, "after_complete": 1, "first_start_s": 0.3,
           "last_end_s": 0.35, "elements": 300}  # fmt: skip
    big = {"n": 10000, "browser": {"next": {"charts_drawn_s": 4.2, "come_back_s": 1.9,
                                            "come_back_drawing": drawn}}}  # fmt: skip
    floor = {"browser_floor": {"next": {"charts_drawn_s": 2.2, "come_back_s": 0.5,
                                        "come_back_drawing": one}}}  # fmt: skip
    return big, floor


def test_the_charts_paragraph_tells_plotlys_drawings_from_the_run() -> None:
    missed = [Check("4", "Overview charts drawn at 10,000", 1.9, 1.0, "", "")]
    text = obstacles.explain(*_visits(0), missed, None, None)
    assert "plotly began drawing 1.100 s after the page was asked for" in text
    assert "(the one-chart floor: 0.300 s)" in text
    assert "its last chart at 1.700 s (0.600 s for 4 charts: 8 full drawings" in text
    assert "none over a chart already drawn" in text
    assert "5,400 elements against the floor's 300" in text
    again = obstacles.explain(*_visits(4), missed, None, None)
    assert "4 of them over charts already drawn" in again


def test_without_the_drawings_the_charts_paragraph_says_so() -> None:
    big, floor = _visits(0)
    del big["browser"]["next"]["come_back_drawing"]
    missed = [Check("4", "Overview charts drawn at 10,000", 1.9, 1.0, "", "")]
    assert "did not time plotly's drawings" in obstacles.explain(big, floor, missed, None, None)


def test_the_memory_paragraph_names_the_figure_that_missed_and_where_it_peaked() -> None:
    """The paragraph had been titled with the overview's own peak (266 MB, met) while the
    figure that missed was the peak after every pack format (302 MB)."""
    big = {
        "n": 10000,
        "browser": {"peak_rss_mb": 266.0},
        "app_memory": {
            "steps": [
                {"step": "page overview", "peak_rss_mb": 266.0},
                {"step": "pack xlsx", "peak_rss_mb": 302.0},
                {"step": "pack md", "peak_rss_mb": 302.0},
            ]
        },
    }
    figure = "App server RSS after every page and every pack format at 10,000: peak"
    missed = [Check("5", figure, 302.0, 300.0, "—", "≤ 300 MB", unit="MB")]
    text = obstacles.explain(big, {}, missed, None, None)
    assert "App server RSS after every page and every pack format: 302 MB against 300 MB" in text
    assert "the peak reached at the step 'pack xlsx'" in text
    assert "266 MB at 10,000" not in text


def test_a_missed_warm_start_has_its_paragraph() -> None:
    big = {"n": 10000, "warm": {"load_s": 1.05}, "floors": {"json_loads_s": 0.294}}
    missed = [Check("2", "Warm start at 10,000", 1.05, 0.882, "", "")]
    text = obstacles.explain(big, {}, missed, None, None)
    assert "**Warm start (1.050 s at 10,000 objectives against 3× json.loads = 0.882 s).**" in (
        text
    )
