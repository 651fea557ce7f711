"""tracker.rules.history: the last update is the current status."""

from __future__ import annotations

from tests.support import at, judged, objective


def test_a_status_the_last_update_does_not_say_is_reported_at_status() -> None:
    problems = judged(
        objective("o-1", "updates:", "  - {date: 2020-05-01, status: at-risk}", status="on-track")
    )
    assert at(
        problems,
        "status is 'On track' (on-track) but the last update (2020-05-01) says 'At risk' (at-risk)",
    ) == [(16, "error")]


def test_status_and_last_update_agreeing_is_no_problem() -> None:
    problems = judged(
        objective("o-1", "updates:", "  - {date: 2020-05-01, status: at-risk}", status="at-risk")
    )
    assert problems == []


def test_the_history_rule_runs_on_an_objective_that_failed_the_schema() -> None:
    problems = judged(
        objective(
            "o-1",
            "updates:",
            "  - {date: 2020-05-01, status: at-risk}",
            status="on-track",
            owner=None,
        )
    )
    assert at(problems, "'owner' is missing") == [(9, "error")]
    assert at(problems, "the last update (2020-05-01) says 'At risk' (at-risk)") == [(15, "error")]
