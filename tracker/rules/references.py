"""References that must lead somewhere: an objective's area, `continues` and `depends_on`."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.i18n.sentence import said
from tracker.problems import Problem
from tracker.rules.context import Context
from tracker.rules.facts import ObjectiveFacts
from tracker.text import nearest


def area_in_plan(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    plan = facts.plan
    if plan is None or not facts.has("area"):
        return
    area = facts.objective.area
    area_ids = [a.id for a in plan.areas]
    if area in area_ids:
        return
    hint = nearest(area, area_ids)
    listing = ", ".join(area_ids)
    if hint:
        message = said(
            "area '{area}' is not an area of plan '{plan}': did you mean '{hint}'? Areas of this "
            "plan: {areas}.",
            area=area,
            plan=plan.id,
            hint=hint,
            areas=listing,
        )
    elif listing:
        message = said(
            "area '{area}' is not an area of plan '{plan}': Areas of this plan: {areas}.",
            area=area,
            plan=plan.id,
            areas=listing,
        )
    else:
        message = said(
            "area '{area}' is not an area of plan '{plan}': Areas of this plan: none defined.",
            area=area,
            plan=plan.id,
        )
    yield facts.problem(("area",), message)


def continues_known(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("continues"):
        return
    target = facts.objective.continues
    if target is not None and target not in context.known_ids:
        yield facts.problem(("continues",), missing_reference("continues", target, context))


def depends_on_known(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("depends_on"):
        return
    own = facts.objective_id
    for index, other in enumerate(facts.objective.depends_on):
        if other == own:
            yield facts.problem(
                ("depends_on", index), said("objective '{id}' cannot depend on itself", id=own)
            )
        elif other not in context.known_ids:
            yield facts.problem(
                ("depends_on", index), missing_reference("depends_on", other, context)
            )


def missing_reference(key: str, target: str, context: Context) -> str:
    hint = nearest(target, sorted(context.known_ids))
    if hint:
        return said(
            "{key} refers to '{target}', but no objective has that id: did you mean '{hint}'?",
            key=key,
            target=target,
            hint=hint,
        )
    return said("{key} refers to '{target}', but no objective has that id", key=key, target=target)
