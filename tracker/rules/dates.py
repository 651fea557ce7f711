"""Dates that must agree: a plan's span, an objective's start and due, its dated records."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tracker.i18n.sentence import said
from tracker.problems import Problem
from tracker.rules.context import Context
from tracker.rules.facts import ObjectiveFacts, PlanFacts


def plan_span(facts: PlanFacts) -> Iterator[Problem]:
    plan = facts.plan
    if plan.end < plan.start:
        yield facts.problem(
            ("end",),
            said(
                "the plan ends ({end}) before it starts ({start})", end=plan.end, start=plan.start
            ),
        )


def due_after_start(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("start", "due"):
        return
    objective = facts.objective
    if objective.due < objective.start:
        yield facts.problem(
            ("due",),
            said(
                "due ({due}) is before start ({start}): fix one of them",
                due=objective.due,
                start=objective.start,
            ),
        )


def updates_in_order(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    """Updates happened (not in the future), within the plan, and are written oldest first."""
    if not facts.has("updates"):
        return
    plan_start = facts.plan.start if facts.plan is not None else None
    # The usual record, in order, none in the future nor before the plan, is told so without
    # a step per update (10,000 objectives hold 100,000 updates); the loop below finds nothing
    # in exactly that case.
    days = [update.date for update in facts.objective.updates]
    if (
        days == sorted(days)
        and (not days or days[-1] <= context.today)
        and (plan_start is None or not days or days[0] >= plan_start)
    ):
        return
    previous: date | None = None
    for index, update in enumerate(facts.objective.updates):
        where = ("updates", index, "date")
        if update.date > context.today:
            yield facts.problem(
                where,
                said(
                    "update dated {day} is in the future (today is {today}): record an update "
                    "when it has happened",
                    day=update.date,
                    today=context.today,
                ),
            )
        if plan_start is not None and update.date < plan_start:
            yield facts.problem(
                where,
                said(
                    "update dated {day} is before the plan started ({start})",
                    day=update.date,
                    start=plan_start,
                ),
            )
        if previous is not None and update.date < previous:
            yield facts.problem(
                where,
                said(
                    "updates must be oldest first: {day} comes after {previous}",
                    day=update.date,
                    previous=previous,
                ),
            )
        previous = update.date


def measurements_not_future(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("metric") or facts.objective.metric is None:
        return
    for index, measurement in enumerate(facts.objective.metric.measurements):
        if measurement.date > context.today:
            yield facts.problem(
                ("metric", "measurements", index, "date"),
                said(
                    "measurement dated {day} is in the future (today is {today})",
                    day=measurement.date,
                    today=context.today,
                ),
            )
