"""tracker.rules.dates: a plan's span, start before due, updates and measurements in time."""

from __future__ import annotations

from datetime import date

from tests.support import RULES_PLAN, at, judged, objective
from tracker.load.loader import assemble, load_text


def test_due_before_start_is_reported_at_due() -> None:
    assert at(judged(objective(start="2021-01-01", due="2020-01-01")), "is before start") == [
        (15, "error")
    ]


def test_updates_must_be_past_within_the_plan_and_oldest_first() -> None:
    problems = judged(
        objective(
            "o-1",
            "updates:",
            "  - {date: 2020-05-01, status: not-assessed}",
            "  - {date: 2020-02-01, status: not-assessed}",
            "  - {date: 2019-01-01, status: not-assessed}",
            "  - {date: 2022-01-01, status: not-assessed}",
        ),
        today=date(2021, 6, 1),
    )
    assert at(problems, "updates must be oldest first: 2020-02-01") == [(19, "error")]
    assert at(problems, "is before the plan started (2019-11-07)") == [(20, "error")]
    assert at(problems, "update dated 2022-01-01 is in the future (today is 2021-06-01)") == [
        (21, "error")
    ]


def test_a_measurement_in_the_future_is_an_error() -> None:
    problems = judged(
        objective(
            "o-1",
            "metric:",
            "  unit: tonnes",
            "  target: 100",
            "  measurements:",
            "    - {date: 2022-01-01, value: 10}",
        )
    )
    assert at(problems, "measurement dated 2022-01-01 is in the future") == [(21, "error")]


def test_a_plan_that_ends_before_it_starts() -> None:
    text = RULES_PLAN.replace("end: 2021-12-31", "end: 2018-12-31") + objective()
    problems = assemble([load_text(text, "rules.yaml")], date(2021, 6, 1)).problems
    assert at(problems, "the plan ends (2018-12-31) before it starts (2019-11-07)") == [
        (5, "error")
    ]


def test_dates_are_judged_on_an_objective_that_failed_the_schema() -> None:
    problems = judged(objective("o-1", "colour: blue", start="2021-01-01", due="2020-01-01"))
    assert at(problems, "unknown key 'colour'") == [(17, "error")]
    assert at(problems, "is before start") == [(15, "error")]
