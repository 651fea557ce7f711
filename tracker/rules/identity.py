"""Ids that must be unique: plans across files, areas within a plan, objectives everywhere.

The portfolio keeps the first of each id (tracker.load.portfolio); these rules name the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from tracker.i18n.sentence import said
from tracker.problems import Problem
from tracker.rules.facts import ObjectiveFacts, PlanFacts


def duplicate_plan_ids(plans: Sequence[PlanFacts]) -> Iterator[Problem]:
    first_file: dict[str, str] = {}
    for facts in plans:
        plan_id = facts.plan.id
        if plan_id in first_file:
            yield facts.problem(
                ("id",),
                said(
                    "plan id '{id}' is already used by {file}: each plan needs its own id",
                    id=plan_id,
                    file=first_file[plan_id],
                ),
            )
        else:
            first_file[plan_id] = facts.path


def duplicate_area_ids(facts: PlanFacts) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, area in enumerate(facts.plan.areas):
        if area.id in seen:
            yield facts.problem(
                ("areas", index, "id"),
                said("area id '{id}' appears twice in this plan", id=area.id),
            )
        seen.add(area.id)


def duplicate_objective_ids(objectives: Sequence[ObjectiveFacts]) -> Iterator[Problem]:
    """Among readable objectives, every one whose id an earlier one already has."""
    first: dict[str, ObjectiveFacts] = {}
    for facts in objectives:
        if not facts.readable:
            continue
        objective_id = facts.objective.id
        earlier = first.get(objective_id)
        if earlier is None:
            first[objective_id] = facts
            continue
        earlier_line = earlier.where("id")[0]
        yield facts.problem(
            ("id",),
            said(
                "objective id '{id}' is already used at {place}; ids must be unique across all "
                "files",
                id=objective_id,
                place=f"{earlier.path}:{earlier_line}",
            ),
            named=False,
        )
