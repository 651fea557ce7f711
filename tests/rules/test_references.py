"""tracker.rules.references: an area of the plan; `continues` and `depends_on` lead somewhere."""

from __future__ import annotations

from tests.support import at, judged, objective


def test_an_area_not_in_the_plan_is_named_with_the_nearest_one() -> None:
    problems = judged(objective(area="exercise"))
    assert at(
        problems, "area 'exercise' is not an area of plan 'rules': did you mean 'exercises'?"
    ) == [(12, "error")]


def test_continues_and_depends_on_must_name_an_objective() -> None:
    problems = judged(
        objective("o-1", "continues: o-3", "depends_on: [o-2, o-9]"), objective("o-2")
    )
    assert at(problems, "continues refers to 'o-3'") == [(17, "error")]
    assert at(problems, "depends_on refers to 'o-9'") == [(18, "error")]
    assert at(problems, "refers to 'o-2'") == []


def test_an_objective_cannot_depend_on_itself() -> None:
    assert at(judged(objective("o-1", "depends_on: [o-1]")), "cannot depend on itself") == [
        (17, "error")
    ]


def test_a_reference_to_an_objective_that_could_not_be_read_is_not_dangling() -> None:
    problems = judged(objective("o-1", "continues: o-2"), objective("o-2", owner=None))
    assert at(problems, "refers to") == []
    assert at(problems, "'owner' is missing") == [(18, "error")]


def test_references_are_judged_on_an_objective_that_failed_the_schema() -> None:
    """The issue's example: no owner, an unknown area and a dangling `continues`, all in one run."""
    problems = judged(objective("o-1", "continues: ipap0-missing", owner=None, area="nowhere"))
    assert at(problems, "'owner' is missing") == [(9, "error")]
    assert at(problems, "area 'nowhere' is not an area") == [(12, "error")]
    assert at(problems, "continues refers to 'ipap0-missing'") == [(16, "error")]
