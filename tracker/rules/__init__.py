"""The rules that judge a portfolio: each family a module, each rule a function that takes
what it needs and yields Problems. Adding a rule means adding a function here and its test
under tests/rules/ (one file per family).

Rules only judge: which plans and objectives a portfolio holds is decided where it is
assembled (tracker.load.portfolio), never here.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence
from datetime import date

from tracker.problems import Problem
from tracker.rules import dates, history, identity, references, sanity
from tracker.rules.context import Context
from tracker.rules.facts import ObjectiveFacts, PlanFacts

PlanRule = Callable[[PlanFacts], Iterator[Problem]]
ObjectiveRule = Callable[[ObjectiveFacts, Context], Iterator[Problem]]

PLAN_RULES: tuple[PlanRule, ...] = (dates.plan_span, identity.duplicate_area_ids)
# Run on every objective, readable or not (on the fields that validated).
OBJECTIVE_RULES: tuple[ObjectiveRule, ...] = (
    references.area_in_plan,
    references.continues_known,
    references.depends_on_known,
    dates.due_after_start,
    dates.updates_in_order,
    history.status_is_last_update,
    dates.measurements_not_future,
    sanity.negative_measurements,
    sanity.running_total_goes_down,
    sanity.completed_but_not_done,
    sanity.open_past_due,
)


def judge(
    plans: Sequence[PlanFacts],
    objectives: Sequence[ObjectiveFacts],
    known_ids: frozenset[str],
    today: date,
    only: Collection[str] | None = None,
) -> Iterator[Problem]:
    """Every problem the rules find, errors and warnings, plan by plan then objective by
    objective. An objective whose id an earlier one has is named once, and not judged again.

    With `only` (paths), the plans and objectives of other files are seen as the identity
    rules see them (ids taken, plan ids taken) and not judged themselves: every problem of
    those files is found, and some of the others' (a dry run reads one file's).
    """
    yield from identity.duplicate_plan_ids(plans)
    for plan in plans:
        if only is not None and plan.path not in only:
            continue
        for plan_rule in PLAN_RULES:
            yield from plan_rule(plan)
    yield from identity.duplicate_objective_ids(objectives)
    context = Context(known_ids, today)
    seen: set[str] = set()
    for facts in objectives:
        if facts.readable:
            if facts.objective.id in seen:
                continue  # named above as a duplicate; left out of the portfolio
            seen.add(facts.objective.id)
        if only is not None and facts.path not in only:
            continue
        for objective_rule in OBJECTIVE_RULES:
            yield from objective_rule(facts, context)


__all__ = ["OBJECTIVE_RULES", "PLAN_RULES", "Context", "ObjectiveFacts", "PlanFacts", "judge"]
