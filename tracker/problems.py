"""A problem found in the data: a file, a line, a column and a sentence the user can act on."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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
    kept.append(
        Problem(
            last.path,
            last.line,
            last.column,
            f"... and {rest} more problems in this file; fix the ones above and validate again",
        )
    )
    return kept
