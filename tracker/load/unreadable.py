"""An objective that could not be read: counted and named, so no figure hides the hole."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Unreadable:
    """One objective left out of every figure: a syntax error cut it, or it failed the schema.

    `plan_id` and `objective_id` are None when the mistake hides them; `line` is where the
    objective starts in `path` (1-based), and `reason` is the first problem that cost it.
    """

    plan_id: str | None
    objective_id: str | None
    path: str
    line: int
    reason: str

    def label(self) -> str:
        """How a reader names it: its id, else its place in the file."""
        return self.objective_id or f"{self.path}:{self.line}"

    def place(self) -> tuple[str, int]:
        """The order to list them in: by file, then line."""
        return (self.path, self.line)

    def as_dict(self) -> dict[str, object]:
        return {
            "plan_id": self.plan_id,
            "objective_id": self.objective_id,
            "path": self.path,
            "line": self.line,
            "reason": self.reason,
        }
