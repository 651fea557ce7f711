"""A problem found in the data: a file, a line, a column and a sentence the user can act on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from tracker.i18n import t
from tracker.i18n.sentence import said_n, spoken

# An error means the data is wrong and is left out or must be fixed; a warning means it is
# well-formed but says something unlikely (a negative measurement): it never blocks a load.
Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 1-based
    column: int  # 1-based
    message: str
    severity: Severity = "error"

    @property
    def is_warning(self) -> bool:
        return self.severity == "warning"

    @property
    def text(self) -> str:
        """The sentence in the reader's language (`message` stays English, for machines)."""
        return spoken(self.message)

    def __str__(self) -> str:
        """`file:line:column: sentence`, the sentence in the reader's language."""
        text = t("warning: {mistake}", mistake=self.text) if self.is_warning else self.text
        return f"{self.path}:{self.line}:{self.column}: {text}"

    def as_dict(self) -> dict[str, object]:
        """The same keys for every problem, so tools reading the JSON see one shape."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "severity": self.severity,
        }

    def as_github_annotation(self) -> str:
        """GitHub's workflow command, so a pull request shows the mistake on its line."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        command = "warning" if self.is_warning else "error"
        return f"::{command} file={path},line={self.line},col={self.column}::{message}"


@dataclass(frozen=True, order=True)
class MoreProblems(Problem):
    """The line that stands for the problems past a file's cap: it counts them, so that a
    headline ("250 problems") adds them up instead of counting this line as one."""

    more: int = field(default=0, compare=False)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are errors: what makes `validate` fail."""
    return [p for p in problems if not p.is_warning]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    """The sanity warnings: shown, never blocking (unless `validate --strict`)."""
    return [p for p in problems if p.is_warning]


def problem_total(problems: Iterable[Problem]) -> int:
    """How many problems a list stands for, counting those past each file's cap."""
    counted = getattr(problems, "counts", None)  # kept packed with its counts (the app)
    if counted is not None:
        return sum(counted)  # type: ignore[no-any-return]
    return sum(p.more if isinstance(p, MoreProblems) else 1 for p in problems)


def problem_counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings) a list stands for, as `problem_total` counts them: a cap's summary
    line ("... and N more problems") stands for N problems, not for N + 1."""
    counted = getattr(problems, "counts", None)  # kept packed with its counts (the app)
    if counted is not None:
        return counted  # type: ignore[no-any-return]
    errors = warnings = 0
    for problem in problems:
        weight = problem.more if isinstance(problem, MoreProblems) else 1
        if problem.is_warning:
            warnings += weight
        else:
            errors += weight
    return errors, warnings


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
        MoreProblems(
            last.path,
            last.line,
            last.column,
            said_n(
                "... and {count} more problem in this file; fix the ones above and validate again",
                "... and {count} more problems in this file; fix the ones above and validate again",
                rest,
            ),
            more=rest,
        )
    )
    return kept


def cap_file_problems(problems: list[Problem], limit: int) -> list[Problem]:
    """A file's problems as read and as judged by the rules, kept to `limit` messages with
    the rest counted: one "... and N more" line per severity, so that warnings past the cap
    are counted as warnings (a file of 3,000 valid objectives, each past its due date, prints
    200 warnings and a count, and still passes `validate`).

    A list already within `limit` (its reading's own cap line aside) comes back unchanged.
    """
    plain = [p for p in problems if not isinstance(p, MoreProblems)]
    if len(plain) <= limit:
        return problems
    more: Counter[str] = Counter()
    for problem in problems:
        if isinstance(problem, MoreProblems):
            more[problem.severity] += problem.more
    for problem in plain[limit:]:
        more[problem.severity] += 1
    kept = plain[:limit]
    if more["error"] and more["warning"] and kept:
        more[kept.pop().severity] += 1  # room for both count lines within limit + 1
    if not kept:
        return problems
    last = kept[-1]
    for severity in ("error", "warning"):
        rest = more[severity]
        if rest:
            kept.append(
                MoreProblems(
                    last.path,
                    last.line,
                    last.column,
                    _more_sentence(severity, rest),
                    severity,  # type: ignore[arg-type]
                    more=rest,
                )
            )
    return kept


def _more_sentence(severity: str, rest: int) -> str:
    if severity == "warning":
        return said_n(
            "... and {count} more warning in this file; check the ones above and validate again",
            "... and {count} more warnings in this file; check the ones above and validate again",
            rest,
        )
    return said_n(
        "... and {count} more problem in this file; fix the ones above and validate again",
        "... and {count} more problems in this file; fix the ones above and validate again",
        rest,
    )
