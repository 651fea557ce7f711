"""Sanity warnings: well-formed data that says something unlikely. A warning never blocks a
load or a save; it is shown so that someone checks (`validate --strict` makes it fail)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from tracker.i18n.sentence import Amount, Sentence, said
from tracker.problems import Problem
from tracker.rules.context import Context
from tracker.rules.facts import ObjectiveFacts
from tracker.statuses import Status, named_status
from tracker.tables.wording import said_quantity

# Statuses that say the work is not yet due to be judged late.
_NOT_YET_LATE = ("on-track", "not-started")


def _amount(value: float, unit: str) -> Sentence:
    """A figure with its unit, in the form the figure asks for when the warning is said."""
    return said_quantity(value, unit)


def negative_measurements(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    metric = facts.objective.metric if facts.has("metric") else None
    if metric is None:
        return
    for index, measurement in enumerate(metric.measurements):
        if measurement.value < 0:
            yield facts.problem(
                ("metric", "measurements", index, "value"),
                said(
                    "the measurement of {day} is negative ({amount}): an amount done cannot be "
                    "below zero; check the sign",
                    day=measurement.date,
                    amount=_amount(measurement.value, metric.unit),
                ),
                "warning",
            )


def running_total_goes_down(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    metric = facts.objective.metric if facts.has("metric") else None
    if metric is None or not metric.cumulative:
        return
    ordered = sorted(enumerate(metric.measurements), key=lambda pair: pair[1].date)
    for (_, before), (index, after) in itertools.pairwise(ordered):
        if after.value < before.value:
            yield facts.problem(
                ("metric", "measurements", index, "value"),
                said(
                    "the running total goes down, from {before} on {before_day} to {after} on "
                    "{after_day}: a cumulative metric only grows; check the value, or set "
                    "'cumulative: false' if each measurement is the amount of its own period",
                    before=_amount(before.value, metric.unit),
                    before_day=before.date,
                    after=_amount(after.value, metric.unit),
                    after_day=after.date,
                ),
                "warning",
            )


def completed_but_not_done(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("status") or facts.objective.status != "completed":
        return
    objective = facts.objective
    progress = objective.progress if facts.has("progress") else None
    if progress is not None and progress < 100:
        yield facts.problem(
            ("progress",),
            said(
                "status is {status} but progress is {progress}%: set progress to 100, or "
                "record the status that fits",
                status=named_status(Status.COMPLETED.value),
                progress=Amount(progress),
            ),
            "warning",
        )
    metric = objective.metric if facts.has("metric") else None
    share = metric.percent_of_target() if metric is not None else None
    if metric is not None and share is not None and share < 100:
        reached = metric.latest_total() or 0.0
        yield facts.problem(
            ("status",),
            said(
                "status is {status} but the metric stands at {reached} of the {target} "
                "target: record the measurement that reached it, or the status that fits",
                status=named_status(Status.COMPLETED.value),
                reached=_amount(reached, metric.unit),
                target=_amount(metric.target, metric.unit),
            ),
            "warning",
        )


def open_past_due(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("status", "due"):
        return
    objective = facts.objective
    if objective.status in _NOT_YET_LATE and objective.due < context.today:
        yield facts.problem(
            ("status",),
            said(
                "status is {status} but the due date ({due}) has passed: record whether it was "
                "completed, or mark it {at_risk} or {off_track}",
                status=named_status(objective.status),
                due=objective.due,
                at_risk=named_status(Status.AT_RISK.value),
                off_track=named_status(Status.OFF_TRACK.value),
            ),
            "warning",
        )
