"""Dates that must agree: a plan's span, an objective's start and due, its dated records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tracker.problems import Problem
from tracker.rules.context import Context
from tracker.rules.facts import ObjectiveFacts, PlanFacts


def plan_span(facts: PlanFacts) -> Iterator[Problem]:
    plan = facts.plan
    if plan.end < plan.start:
        yield facts.problem(("end",), f"the plan ends ({plan.end}) before it starts ({plan.start})")


def due_after_start(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("start", "due"):
        return
    objective = facts.objective
    if objective.due < objective.start:
        yield facts.problem(
            ("due",), f"due ({objective.due}) is before start ({objective.start}): fix one of them"
        )


def updates_in_order(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    """Updates happened (not in the future), within the plan, and are written oldest first."""
    if not facts.has("updates"):
        return
    plan_start = facts.plan.start if facts.plan is not None else None
    previous: date | None = None
    for index, update in enumerate(facts.objective.updates):
        where = ("updates", index, "date")
        if update.date > context.today:
            yield facts.problem(
                where,
                f"update dated {update.date} is in the future (today is {context.today}): "
                "record an update when it has happened",
            )
        if plan_start is not None and update.date < plan_start:
            yield facts.problem(
                where, f"update dated {update.date} is before the plan started ({plan_start})"
            )
        if previous is not None and update.date < previous:
            yield facts.problem(
                where, f"updates must be oldest first: {update.date} comes after {previous}"
            )
        previous = update.date


def measurements_not_future(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("metric") or facts.objective.metric is None:
        return
    for index, measurement in enumerate(facts.objective.metric.measurements):
        if measurement.date > context.today:
            yield facts.problem(
                ("metric", "measurements", index, "date"),
                f"measurement dated {measurement.date} is in the future (today is {context.today})",
            )
