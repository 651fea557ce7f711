"""A problem found in the data: a file, a line, a column and a sentence the user can act on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def as_github_annotation(self) -> str:
        """GitHub's workflow command, so a pull request shows the mistake on its line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.column}::{message}"


@dataclass(frozen=True, order=True)
class MoreProblems(Problem):
    """The line that stands for the problems past a file's cap: it counts them, so that a
    headline ("250 problems") adds them up instead of counting this line as one."""

    more: int = field(default=0, compare=False)

    def as_dict(self) -> dict[str, object]:
        """The same keys as every other problem: tools reading the JSON see one shape."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


def problem_total(problems: Iterable[Problem]) -> int:
    """How many problems a list stands for, counting those past each file's cap."""
    return sum(p.more if isinstance(p, MoreProblems) else 1 for p in problems)


def cap_problems(problems: list[Problem], limit: int, more: int = 0) -> list[Problem]:
    """Keep the first `limit` problems of a file and say how many more there are.

    `more` counts problems found but never written out (past the cap, only counted).
    """
    if len(problems) <= limit and more == 0:
        return problems
    kept = problems[:limit]
    rest = len(problems) - len(kept) + more
    if rest <= 0 or not kept:
        return kept
    last = kept[-1]
    noun = "problem" if rest == 1 else "problems"
    kept.append(
        MoreProblems(
            last.path,
            last.line,
            last.column,
            f"... and {rest} more {noun} in this file; fix the ones above and validate again",
            more=rest,
        )
    )
    return kept
