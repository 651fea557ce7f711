"""The portfolio: every plan and objective the files hold, every problem, and what could not
be read. Assembled here from the files' loads; the rules (tracker.rules) only judge it."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from tracker import settings
from tracker.load.bulk import without_gc_pauses
from tracker.load.fileload import FileLoad
from tracker.load.unreadable import Unreadable
from tracker.model import Objective, Plan
from tracker.problems import (
    MoreProblems,
    Problem,
    Severity,
    cap_file_problems,
    errors,
    warnings,
)
from tracker.rules import ObjectiveFacts, PlanFacts, judge

_ALL_FIELDS = frozenset(Objective.model_fields)


@dataclass
class Portfolio:
    """All plans and objectives found, with every problem; valid parts are never dropped."""

    plans: dict[str, Plan] = field(default_factory=dict)
    # A list as assembled; the app keeps them packed (tracker.load.stored.StoredObjectives).
    objectives: Sequence[Objective] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    # Objectives left out of every figure because they could not be read: each one named.
    unreadable: list[Unreadable] = field(default_factory=list)

    def errors(self) -> list[Problem]:
        """The problems that make the data wrong (what `validate` fails on)."""
        return errors(self.problems)

    def warnings(self) -> list[Problem]:
        """The sanity warnings: the data loads, but says something unlikely."""
        return warnings(self.problems)

    def objective(self, objective_id: str) -> Objective | None:
        find = getattr(self.objectives, "find", None)  # packed: builds only that one
        if find is not None:
            return find(objective_id)  # type: ignore[no-any-return]
        return next((o for o in self.objectives if o.id == objective_id), None)


def _seen_only(load: FileLoad, only: Collection[str] | None) -> bool:
    """Whether the rules see this file only as identity needs (it is not among `only`)."""
    return only is not None and load.path not in only


@without_gc_pauses
def assemble(
    loads: list[FileLoad], today: date | None = None, only: Collection[str] | None = None
) -> Portfolio:
    """Join files into a portfolio, then let the rules judge it.

    The first plan and the first objective of each id are kept; a later one with an id
    already taken is left out (the rules name it). An objective that breaks a rule is still
    kept: it is well-formed, and hiding it would hide work.

    `only` (paths as shown): the files whose problems the caller reads, all of them; the
    rules judge the other files only as far as identity needs (tracker.rules.judge), so
    their problems are not all there. A dry run checks one file against the rest so.
    """
    judged_whole = [
        load.path for load in loads if load.identity_only and not _seen_only(load, only)
    ]
    if judged_whole:
        raise ValueError(f"only the ids of {judged_whole} were loaded: they cannot be judged")
    today = today or date.today()
    portfolio = Portfolio()
    plans: list[PlanFacts] = []
    objectives: list[ObjectiveFacts] = []
    known_ids: set[str] = set()
    kept: set[str] = set()
    kept_objectives: list[Objective] = []
    portfolio.objectives = kept_objectives
    # The files whose problems reached the cap: what the rules find in them after that is only
    # counted, so its place is not looked up (on a file of 30,000 objectives past their due
    # date, 200 warnings are placed, not 30,000).
    limit = settings.MAX_PROBLEMS_PER_FILE
    full: set[str] = set()
    for load in loads:
        counted_only = functools.partial(full.__contains__, load.path)
        portfolio.files.append(load.path)
        portfolio.unreadable.extend(load.unreadable)
        known_ids.update(load.invalid_ids)
        if load.plan is not None:
            plans.append(PlanFacts(load.path, load.plan, load.locate))
            portfolio.plans.setdefault(load.plan.id, load.plan)
        for position, objective in enumerate(load.objectives):
            index = load.index_of(position)
            objectives.append(
                ObjectiveFacts(
                    load.path,
                    index,
                    objective,
                    _ALL_FIELDS,
                    True,
                    load.plan,
                    load.locate,
                    counted_only,
                )
            )
            if objective.id not in kept:
                kept.add(objective.id)
                kept_objectives.append(objective)
        for partial in load.partial:
            objectives.append(
                ObjectiveFacts(
                    load.path,
                    partial.index,
                    partial.objective,
                    partial.fields,
                    False,
                    load.plan,
                    load.locate,
                    counted_only,
                )
            )
    known_ids.update(kept)
    judged: dict[str, list[Problem]] = {}
    # A file's problems are capped in the order they were found (its reading's, then the
    # rules'), so once it holds `limit` the rest are past the cap, wherever they are.
    found_in = {
        load.path: sum(not isinstance(problem, MoreProblems) for problem in load.problems)
        for load in loads
    }
    # Past the cap and one more (so that the file is seen to be over it), a problem is only
    # counted by its severity, not kept: 20,000 warnings held until the end took 90 MB.
    counted: dict[str, Counter[Severity]] = {}
    for problem in judge(plans, objectives, frozenset(known_ids), today, only):
        found = found_in[problem.path] = found_in.get(problem.path, 0) + 1
        if found > limit + 1:
            counted.setdefault(problem.path, Counter())[problem.severity] += 1
            continue
        judged.setdefault(problem.path, []).append(problem)
        if found >= limit:
            full.add(problem.path)
    # Each file's problems, as read and then as judged, kept to the same cap per file.
    for load in loads:
        found = [*load.problems, *judged.pop(load.path, [])]
        found += [
            MoreProblems(load.path, 1, 1, "", severity, more=more)
            for severity, more in counted.pop(load.path, Counter()).items()
        ]
        portfolio.problems.extend(cap_file_problems(found, limit))
        load.release_positions()  # the rules have placed their problems: keep only the text
    for path, rest in judged.items():  # a path no load has: not capped, unless counted
        beyond = counted.pop(path, Counter())
        rest += [MoreProblems(path, 1, 1, "", kind, more=more) for kind, more in beyond.items()]
        portfolio.problems.extend(cap_file_problems(rest, limit) if beyond else rest)
    return portfolio
