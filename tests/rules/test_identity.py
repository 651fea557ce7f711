"""tracker.rules.identity: plan ids across files, area ids in a plan, objective ids everywhere."""

from __future__ import annotations

from datetime import date

from tests.support import RULES_PLAN, at, judged, objective
from tracker.load.loader import assemble, load_text


def test_a_second_objective_with_a_taken_id_is_named_and_left_out() -> None:
    text = RULES_PLAN + objective("o-1") + objective("o-1", title="The second one")
    portfolio = assemble([load_text(text, "rules.yaml")], date(2021, 6, 1))
    assert at(portfolio.problems, "objective id 'o-1' is already used at rules.yaml:9") == [
        (17, "error")
    ]
    assert [o.title for o in portfolio.objectives] == ["An objective"]


def test_a_plan_id_used_by_two_files_keeps_the_first() -> None:
    first = load_text(RULES_PLAN + objective("o-1"), "a.yaml")
    second = load_text(
        RULES_PLAN.replace("title: Rules plan", "title: Again") + objective("o-2"), "b.yaml"
    )
    portfolio = assemble([first, second], date(2021, 6, 1))
    assert [
        (p.path, p.line)
        for p in portfolio.problems
        if "plan id 'rules' is already used by a.yaml" in p.message
    ] == [("b.yaml", 2)]
    assert portfolio.plans["rules"].title == "Rules plan"


def test_an_area_id_twice_in_a_plan() -> None:
    text = (
        RULES_PLAN.replace(
            "    - {id: exercises, title: Joint exercises}\n",
            "    - {id: exercises, title: Joint exercises}\n    - {id: exercises, title: Again}\n",
        )
        + objective()
    )
    problems = assemble([load_text(text, "rules.yaml")], date(2021, 6, 1)).problems
    assert at(problems, "area id 'exercises' appears twice in this plan") == [(8, "error")]


def test_judged_snippets_start_clean() -> None:
    assert judged(objective("o-1"), objective("o-2")) == []
