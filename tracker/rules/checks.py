"""Rules that look across objectives and files: unique ids, references, dates that must agree."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tracker.load.explain import nearest
from tracker.problems import Problem

if TYPE_CHECKING:
    from tracker.load.loader import FileLoad, Portfolio
    from tracker.model import Objective, Plan


def check_portfolio(loads: list[FileLoad], portfolio: Portfolio, today: date) -> None:
    """Fill the portfolio with plans and objectives, adding a located problem for each rule broken.

    An objective that breaks a rule here is still kept (it is well-formed, and hiding it would
    hide work); only a second objective with an id already taken is left out.
    """
    plan_files: dict[str, str] = {}
    index_of: dict[str, tuple[FileLoad, int]] = {}
    for load in loads:
        plan = load.plan
        if plan is not None:
            if plan.id in plan_files:
                line, column = load.where("plan", "id")
                portfolio.problems.append(
                    Problem(
                        load.path,
                        line,
                        column,
                        f"plan id '{plan.id}' is already used by {plan_files[plan.id]}: "
                        "each plan needs its own id",
                    )
                )
            else:
                plan_files[plan.id] = load.path
                portfolio.plans[plan.id] = plan
            _check_plan(load, plan, portfolio)
        for position, objective in enumerate(load.objectives):
            index = _file_index(load, objective, position)
            if objective.id in index_of:
                first, first_index = index_of[objective.id]
                line, column = load.where("objectives", index, "id")
                first_line = first.where("objectives", first_index, "id")[0]
                portfolio.problems.append(
                    Problem(
                        load.path,
                        line,
                        column,
                        f"objective id '{objective.id}' is already used at "
                        f"{first.path}:{first_line}; ids must be unique across all files",
                    )
                )
                continue
            index_of[objective.id] = (load, index)
            portfolio.objectives.append(objective)
    known_ids = set(index_of).union(*(load.invalid_ids for load in loads))
    for objective in portfolio.objectives:
        load, index = index_of[objective.id]
        plan = load.plan
        for problem in _objective_problems(objective, plan, known_ids, today):
            where, message = problem
            line, column = load.where("objectives", index, *where)
            portfolio.problems.append(
                Problem(load.path, line, column, f"objective '{objective.id}': {message}")
            )


def _file_index(load: FileLoad, objective: Objective, position: int) -> int:
    """The objective's index in its file's list (objectives cut by syntax errors are skipped)."""
    if load.parsed is None:
        return position
    objectives = (
        load.parsed.value.get("objectives") if isinstance(load.parsed.value, dict) else None
    )
    if isinstance(objectives, list):
        for index in range(position, len(objectives)):
            item = objectives[index]
            if isinstance(item, dict) and item.get("id") == objective.id:
                return index
    return position


def _check_plan(load: FileLoad, plan: Plan, portfolio: Portfolio) -> None:
    if plan.end < plan.start:
        line, column = load.where("plan", "end")
        portfolio.problems.append(
            Problem(
                load.path,
                line,
                column,
                f"the plan ends ({plan.end}) before it starts ({plan.start})",
            )
        )
    seen: set[str] = set()
    for index, area in enumerate(plan.areas):
        if area.id in seen:
            line, column = load.where("plan", "areas", index, "id")
            portfolio.problems.append(
                Problem(load.path, line, column, f"area id '{area.id}' appears twice in this plan")
            )
        seen.add(area.id)


Located = tuple[tuple[str | int, ...], str]


def _objective_problems(
    objective: Objective, plan: Plan | None, known_ids: set[str], today: date
) -> list[Located]:
    """(path inside the objective, sentence) for each rule the objective breaks."""
    found: list[Located] = []
    if plan is not None:
        area_ids = [area.id for area in plan.areas]
        if objective.area not in area_ids:
            hint = nearest(objective.area, area_ids)
            suggestion = f" did you mean '{hint}'?" if hint else ""
            listing = ", ".join(area_ids) or "none defined"
            found.append(
                (
                    ("area",),
                    f"area '{objective.area}' is not an area of plan '{plan.id}':{suggestion} "
                    f"Areas of this plan: {listing}.",
                )
            )
    if objective.continues is not None and objective.continues not in known_ids:
        found.append(
            (("continues",), _missing_reference("continues", objective.continues, known_ids))
        )
    for index, other in enumerate(objective.depends_on):
        if other == objective.id:
            found.append(
                (("depends_on", index), f"objective '{objective.id}' cannot depend on itself")
            )
        elif other not in known_ids:
            found.append(
                (("depends_on", index), _missing_reference("depends_on", other, known_ids))
            )
    if objective.due < objective.start:
        found.append(
            (
                ("due",),
                f"due ({objective.due}) is before start ({objective.start}): fix one of them",
            )
        )
    plan_start = plan.start if plan is not None else None
    previous: date | None = None
    for index, update in enumerate(objective.updates):
        if update.date > today:
            found.append(
                (
                    ("updates", index, "date"),
                    f"update dated {update.date} is in the future (today is {today}): "
                    "record an update when it has happened",
                )
            )
        if plan_start is not None and update.date < plan_start:
            found.append(
                (
                    ("updates", index, "date"),
                    f"update dated {update.date} is before the plan started ({plan_start})",
                )
            )
        if previous is not None and update.date < previous:
            found.append(
                (
                    ("updates", index, "date"),
                    f"updates must be oldest first: {update.date} comes after {previous}",
                )
            )
        previous = update.date
    if objective.updates and objective.updates[-1].status != objective.status:
        last = objective.updates[-1]
        found.append(
            (
                ("status",),
                f"status is '{objective.status}' but the last update ({last.date}) says "
                f"'{last.status}': the last update is the current status, so make them agree",
            )
        )
    if objective.metric is not None:
        for index, measurement in enumerate(objective.metric.measurements):
            if measurement.date > today:
                found.append(
                    (
                        ("metric", "measurements", index, "date"),
                        f"measurement dated {measurement.date} is in the future (today is {today})",
                    )
                )
    return found


def _missing_reference(key: str, target: str, known_ids: set[str]) -> str:
    hint = nearest(target, sorted(known_ids))
    suggestion = f" did you mean '{hint}'?" if hint else ""
    return f"{key} refers to '{target}', but no objective has that id:{suggestion}".rstrip(":")
