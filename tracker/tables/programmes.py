"""Ammunition destruction as programmes: one figure for work that runs across plans.

IPAP 2's ammunition objective `continues` IPAP 1's: counted apart, the overview read
"2,000 t left" twice. Objectives linked by `continues` whose metrics have the same unit
and target form one programme: one amount destroyed, one remaining figure, every plan's
measurements on one chart. An unmeasured programme is "not measured yet", never the whole
target "remaining"; a projection starts at the first measurement and needs two of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from tracker.model import AMMUNITION_TYPE
from tracker.tables.frames import Frames


@dataclass(frozen=True)
class AmmunitionOutlook:
    """One programme: how far its target is, and when it would fall at the rate measured."""

    objective_id: str  # the programme's first objective (the one the others continue)
    title: str
    unit: str
    baseline: float
    target: float
    destroyed: float | None  # None: not measured yet
    remaining: float | None  # None: not measured yet (unknown, never the whole target)
    as_of: date | None
    rate_per_year: float | None  # None: fewer than two measurements
    projected_completion: date | None
    due: date  # the last objective's due date
    on_course: bool | None  # None when there is no rate to project from
    objective_ids: tuple[str, ...] = ()  # every objective of the programme, oldest first
    plans: tuple[str, ...] = ()  # their plans, in the same order, each once
    measured_since: date | None = None  # the first measurement: where a projection starts
    measurement_count: int = 0

    @property
    def percent(self) -> float | None:
        if self.destroyed is None or self.target == self.baseline:
            return None
        share = (self.destroyed - self.baseline) / (self.target - self.baseline) * 100
        return round(max(0.0, min(100.0, share)), 1)

    @property
    def measured(self) -> bool:
        return self.destroyed is not None

    @property
    def reached(self) -> bool:
        """The target is met: nothing is left to project (a rate would only point past it)."""
        return self.remaining is not None and self.remaining <= 0


def _programmes(objectives: pd.DataFrame) -> list[list[str]]:
    """Ids grouped into programmes (each oldest first), in the order of their first start."""
    chosen = objectives[(objectives["type"] == AMMUNITION_TYPE) & objectives["has_metric"]]
    chosen = chosen.sort_values(["start", "id"], kind="stable")
    metric = {
        row.id: (str(row.metric_unit), float(row.metric_target))
        for row in chosen.itertuples(index=False)
    }
    parent = {objective_id: objective_id for objective_id in metric}

    def root(objective_id: str) -> str:
        while parent[objective_id] != objective_id:
            objective_id = parent[objective_id]
        return objective_id

    for row in chosen.itertuples(index=False):
        earlier = row.continues
        if isinstance(earlier, str) and earlier in metric and metric[earlier] == metric[row.id]:
            parent[root(row.id)] = root(earlier)
    groups: dict[str, list[str]] = {}
    for objective_id in metric:  # in start order, so each group is oldest first
        groups.setdefault(root(objective_id), []).append(objective_id)
    return list(groups.values())


def programme_measurements(frames: Frames, outlook: AmmunitionOutlook) -> pd.DataFrame:
    """The programme's running total after each measurement of any of its objectives.

    Each objective counts from its own baseline, so the total is the first objective's
    baseline plus what each objective has destroyed by then.
    """
    ids = list(outlook.objective_ids or (outlook.objective_id,))
    own = frames.measurements[frames.measurements["objective_id"].isin(ids)]
    own = own.sort_values(["date", "objective_id"], kind="stable")
    latest = {objective_id: None for objective_id in ids}
    totals: list[float] = []
    for row in own.itertuples(index=False):
        latest[row.objective_id] = float(row.total) - float(row.baseline)
        totals.append(outlook.baseline + sum(value for value in latest.values() if value))
    return pd.DataFrame(
        {
            "date": own["date"].to_numpy(),
            "objective_id": own["objective_id"].to_numpy(),
            "plan": own["plan"].to_numpy(),
            "value": own["value"].to_numpy(),
            "total": totals,
        }
    )


def ammunition_outlooks(frames: Frames) -> list[AmmunitionOutlook]:
    """One outlook per programme of ammunition-destruction objectives with a target."""
    objectives = frames.objectives.set_index("id", drop=False)
    return [_outlook(frames, objectives.loc[ids]) for ids in _programmes(frames.objectives) if ids]


def _outlook(frames: Frames, members: pd.DataFrame) -> AmmunitionOutlook:
    first = members.iloc[0]
    baseline = float(first["metric_baseline"])
    target = float(first["metric_target"])
    due = max(members["due"]).date()
    plans = tuple(dict.fromkeys(members["plan"].astype(str)))
    ids = tuple(members["id"].astype(str))
    shell = AmmunitionOutlook(
        str(first["id"]), str(first["title"]), str(first["metric_unit"]), baseline, target,
        None, None, None, None, None, due, None, ids, plans,
    )  # fmt: skip
    history = programme_measurements(frames, shell)
    if history.empty:
        return shell
    destroyed = float(history["total"].iloc[-1])
    as_of = pd.Timestamp(history["date"].iloc[-1]).date()
    since = pd.Timestamp(history["date"].iloc[0]).date()
    remaining = max(0.0, target - destroyed)
    rate = None
    days = (as_of - since).days
    if len(history) >= 2 and days > 0:
        rate = (destroyed - float(history["total"].iloc[0])) / days * 365.25
    projected: date | None = None
    if remaining == 0:
        projected = as_of
    elif rate and rate > 0:
        projected = _days_after(as_of, remaining / rate * 365.25)
    on_course = None if rate is None and remaining else (projected is not None and projected <= due)
    return AmmunitionOutlook(
        shell.objective_id, shell.title, shell.unit, baseline, target, destroyed, remaining,
        as_of, round(rate, 1) if rate is not None else None, projected, due, on_course,
        ids, plans, since, len(history),
    )  # fmt: skip


def _days_after(start: date, days: float) -> date | None:
    """`start` plus `days`; None when that lies past the calendar's end (a rate near zero)."""
    try:
        return start + timedelta(days=round(days))
    except (OverflowError, ValueError):
        return None
