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
