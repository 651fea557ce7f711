"""What the rules read: each plan and each objective with where its parts stand in its file.

An objective that failed the schema is judged too, on the fields that did validate (the
others are absent from `fields`), so one run reports every mistake the file holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker.i18n.sentence import said
from tracker.model import Objective, Plan
from tracker.problems import Problem, Severity

Where = tuple[str | int, ...]
# A path inside the file (("objectives", 3, "due")) to its (line, column).
Locate = Callable[[Where], tuple[int, int]]


@dataclass(frozen=True)
class PlanFacts:
    """A plan that validated, in the file that holds it."""

    path: str
    plan: Plan
    locate: Locate

    def problem(self, where: Where, message: str) -> Problem:
        line, column = self.locate(("plan", *where))
        return Problem(self.path, line, column, message)


@dataclass(frozen=True)
class ObjectiveFacts:
    """One objective as the rules see it.

    `objective` holds only the fields named in `fields` when `readable` is False (it was
    built from the values that validated); a rule reads a field only after `has` says so.
    """

    path: str
    index: int  # its place in its file's `objectives:` list
    objective: Objective
    fields: frozenset[str]
    readable: bool
    plan: Plan | None  # its file's plan, when that validated
    locate: Locate
    # True once its file holds as many problems as are written out: a problem found after
    # that is only counted (tracker.problems.cap_file_problems), so it is not looked up but
    # placed at its objective's first line.
    counted_only: Callable[[], bool] | None = None

    def has(self, *names: str) -> bool:
        # Asked by every rule of every objective (130,000 times at 10,000 objectives): the
        # set answers for all names in one call.
        return self.fields.issuperset(names)

    @property
    def objective_id(self) -> str | None:
        return self.objective.id if self.has("id") else None

    def where(self, *inner: str | int) -> tuple[int, int]:
        return self.locate(("objectives", self.index, *inner))

    def problem(
        self, where: Where, message: str, severity: Severity = "error", *, named: bool = True
    ) -> Problem:
        """A problem at a part of this objective, its sentence headed by the objective's id."""
        if self.counted_only is not None and self.counted_only():
            # Only its severity is counted: neither its place nor its heading is worth making.
            return Problem(self.path, max(self.objective.line, 1), 1, message, severity)
        line, column = self.where(*where)
        name = self.objective_id
        if not named:
            text = message
        elif name is not None:
            text = said("objective '{name}': {message}", name=name, message=message)
        else:
            text = said("objectives[{index}]: {message}", index=self.index, message=message)
        return Problem(self.path, line, column, text, severity)
