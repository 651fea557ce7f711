"""Compare two loads of a file down to every value's type, so the fast ways can be trusted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tests.support import bench_script
from tracker.load.loader import FileLoad, Portfolio


def model_tree(value: Any) -> Any:
    """A model as nested plain values, with each value's type and the fields set in the file.

    Pydantic's `==` would call 31 and 31.0 equal and ignore which fields were written; a user
    who dumps with `exclude_unset` or formats a number would see the difference, so we do not.
    """
    if isinstance(value, BaseModel):
        return (
            type(value).__name__,
            sorted(value.model_fields_set),
            {name: model_tree(item) for name, item in value.__dict__.items()},
            value.__pydantic_private__,
        )
    if isinstance(value, list):
        return [model_tree(item) for item in value]
    return (type(value).__name__, value)


def file_summary(load: FileLoad) -> tuple[Any, ...]:
    """Everything a file load tells the rest of the tracker."""
    return (
        load.path,
        model_tree(load.plan),
        load.plan_id,
        model_tree(load.objectives),
        [objective.line for objective in load.objectives],
        [str(problem) for problem in load.problems],
        sorted(load.invalid_ids),
    )


def portfolio_summary(portfolio: Portfolio) -> tuple[Any, ...]:
    return (
        {plan_id: model_tree(plan) for plan_id, plan in portfolio.plans.items()},
        model_tree(portfolio.objectives),
        [str(problem) for problem in portfolio.problems],
        portfolio.files,
    )


def generate_portfolio(
    n: int, out_dir: Path, seed: int = 42, plans: int | None = None
) -> list[Path]:
    """bench/generate.py's synthetic portfolio (bench/ is not a package, so load it by path)."""
    return bench_script("generate").generate(n, out_dir, seed=seed, plans=plans)
