"""What every objective rule may need besides the objective: the ids that exist, and today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Context:
    # Every objective id written in the data, read or not: a reference to an objective that
    # could not be read is not reported as dangling (its own problem says what is wrong).
    known_ids: frozenset[str]
    today: date
