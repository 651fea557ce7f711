"""The record and the headline agree: the last update is the objective's current status."""

from __future__ import annotations

from collections.abc import Iterator

from tracker.i18n.sentence import said
from tracker.problems import Problem
from tracker.rules.context import Context
from tracker.rules.facts import ObjectiveFacts
from tracker.statuses import named_status


def status_is_last_update(facts: ObjectiveFacts, context: Context) -> Iterator[Problem]:
    if not facts.has("updates", "status") or not facts.objective.updates:
        return
    objective = facts.objective
    last = objective.updates[-1]
    if last.status != objective.status:
        yield facts.problem(
            ("status",),
            said(
                "status is {status} but the last update ({day}) says {said}: the last update "
                "is the current status, so make them agree",
                status=named_status(objective.status),
                day=last.date,
                said=named_status(last.status),
            ),
        )
