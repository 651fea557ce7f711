"""What a desk officer asks to record: a new status and what backs it, before any file is read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceLink:
    """A link that shows the work was done, added with the update."""

    title: str
    url: str | None = None
    kind: str | None = None
    date: datetime.date | None = None  # when the evidence is dated; default: the update's
    access: str | None = None  # "public" (the format's default) or "internal"


@dataclass(frozen=True)
class StatusChange:
    """What a desk officer records: the new status and, optionally, what backs it."""

    objective_id: str
    status: str
    date: datetime.date
    progress: float | None = None
    note: str | None = None
    evidence: EvidenceLink | None = None
    measurement: float | None = None
    source: str | None = None  # where the update comes from (an address or a reference)
    measurement_date: datetime.date | None = None  # default: the update's date


def number_as_written(value: float) -> int | float:
    """40.0 is written 40, as a person would: in the file and in the words about a change."""
    return int(value) if float(value).is_integer() else float(value)
