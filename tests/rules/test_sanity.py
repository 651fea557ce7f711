"""tracker.rules.sanity: warnings for data that is well-formed but unlikely; never errors."""

from __future__ import annotations

from datetime import date

from tests.support import at, judged, objective

AMMUNITION = (
    "metric:",
    "  unit: tonnes",
    "  target: 2000",
    "  measurements:",
)


def test_a_negative_measurement_is_a_warning_at_its_value() -> None:
    problems = judged(objective("o-1", *AMMUNITION, "    - {date: 2020-01-01, value: -50}"))
    assert at(problems, "the measurement of 2020-01-01 is negative (-50 tonnes)") == [
        (21, "warning")
    ]


def test_a_running_total_that_goes_down_is_a_warning_at_the_lower_value() -> None:
    problems = judged(
        objective(
            "o-1",
            *AMMUNITION,
            "    - {date: 2020-01-01, value: 400}",
            "    - {date: 2020-06-01, value: 100}",
        )
    )
    assert at(
        problems, "the running total goes down, from 400 tonnes on 2020-01-01 to 100 tonnes"
    ) == [(22, "warning")]


def test_amounts_per_period_may_go_down() -> None:
    problems = judged(
        objective(
            "o-1",
            "metric:",
            "  unit: tonnes",
            "  target: 2000",
            "  cumulative: false",
            "  measurements:",
            "    - {date: 2020-01-01, value: 400}",
            "    - {date: 2020-06-01, value: 100}",
        )
    )
    assert problems == []


def test_completed_at_20_percent_is_a_warning() -> None:
    problems = judged(objective("o-1", "progress: 20", status="completed"))
    assert at(problems, "status is 'Completed' (completed) but progress is 20%") == [
        (17, "warning")
    ]


def test_completed_below_the_metric_target_is_a_warning() -> None:
    problems = judged(
        objective("o-1", *AMMUNITION, "    - {date: 2020-01-01, value: 400}", status="completed")
    )
    assert at(problems, "the metric stands at 400 tonnes of the 2,000 tonnes target") == [
        (16, "warning")
    ]


def test_completed_at_target_is_no_warning() -> None:
    problems = judged(
        objective(
            "o-1",
            "progress: 100",
            *AMMUNITION,
            "    - {date: 2020-01-01, value: 2000}",
            status="completed",
        )
    )
    assert problems == []


def test_on_track_or_not_started_past_the_due_date_is_a_warning() -> None:
    problems = judged(
        objective("o-1", status="on-track", due="2020-12-31"),
        objective("o-2", status="not-started", due="2020-12-31"),
        objective("o-3", status="at-risk", due="2020-12-31"),
        objective("o-4", status="on-track", due="2021-12-31"),
        today=date(2021, 6, 1),
    )
    assert at(problems, "but the due date (2020-12-31) has passed") == [
        (16, "warning"),
        (24, "warning"),
    ]
    assert len(problems) == 2


def test_warnings_print_and_annotate_as_warnings() -> None:
    (problem,) = judged(objective("o-1", status="on-track", due="2020-12-31"))
    assert str(problem).startswith(
        "rules.yaml:16:13: warning: objective 'o-1': status is 'On track' (on-track)"
    )
    assert problem.as_github_annotation().startswith("::warning file=rules.yaml,line=16,col=13::")
    assert problem.as_dict()["severity"] == "warning"
