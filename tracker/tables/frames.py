"""The portfolio as pandas DataFrames: the tables the app, the CLI and the exports share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from tracker import settings
from tracker.load.loader import Portfolio
from tracker.statuses import CLOSED_STATUSES, STATUS_LABELS, STATUS_ORDER, Status

OBJECTIVE_COLUMNS = [
    "id", "plan", "plan_title", "area", "area_title", "type", "field", "title", "owner",
    "status", "status_label", "progress", "start", "due", "overdue", "past_due_unassessed",
    "last_update",
    "days_since_update", "stale", "continues", "evidence_count", "has_metric", "metric_unit",
    "metric_baseline", "metric_target", "metric_reached", "metric_as_of", "file", "line",
]  # fmt: skip
UPDATE_COLUMNS = ["objective_id", "plan", "date", "status", "progress", "note", "by", "source"]
EVIDENCE_COLUMNS = ["objective_id", "plan", "title", "url", "date", "kind", "access"]
MEASUREMENT_COLUMNS = [
    "objective_id", "plan", "date", "value", "total", "unit", "baseline", "target",
    "cumulative", "source",
]  # fmt: skip


@dataclass(frozen=True)
class Frames:
    objectives: pd.DataFrame
    updates: pd.DataFrame
    evidence: pd.DataFrame
    measurements: pd.DataFrame
    today: date


def _status_category(values: list[str]) -> pd.Categorical:
    """Statuses sort in the fixed order, never alphabetically."""
    return pd.Categorical(values, categories=STATUS_ORDER, ordered=True)


def _dates(values: list[date | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce")


def _add_entries(
    table: dict[str, list[object]], objective_id: str, plan_id: str, entries: Sequence[object]
) -> None:
    """An objective's updates or evidence into their table: whose they are, then each field
    under the column of the same name (the table's columns after `objective_id` and `plan`)."""
    table["objective_id"].extend([objective_id] * len(entries))
    table["plan"].extend([plan_id] * len(entries))
    for name in list(table)[2:]:
        table[name].extend([getattr(entry, name) for entry in entries])


def build_frames(
    portfolio: Portfolio,
    today: date | None = None,
    stale_after_days: int | None = None,
    audience: str = "internal",
) -> Frames:
    """Build all four tables column by column (never row by row: it is the slow way).

    `audience="public"` leaves internal evidence out, for anything shown outside the ministry.
    """
    today = today or date.today()
    stale_after = stale_after_days if stale_after_days is not None else settings.stale_days()
    columns: dict[str, list[object]] = {name: [] for name in OBJECTIVE_COLUMNS}
    updates: dict[str, list[object]] = {name: [] for name in UPDATE_COLUMNS}
    evidence: dict[str, list[object]] = {name: [] for name in EVIDENCE_COLUMNS}
    measures: dict[str, list[object]] = {name: [] for name in MEASUREMENT_COLUMNS}
    area_titles = {
        (plan.id, area.id): area.title for plan in portfolio.plans.values() for area in plan.areas
    }
    for objective in portfolio.objectives:
        # Read once: a private attribute goes through pydantic's slow __getattr__ each time,
        # which for 100,000 updates cost a quarter of the frames' time.
        plan_id = objective.plan_id
        plan = portfolio.plans.get(plan_id)
        last = objective.last_update_date()
        is_open = objective.status not in CLOSED_STATUSES
        shown_evidence = [
            e for e in objective.evidence if audience != "public" or e.access == "public"
        ]
        row = columns
        row["id"].append(objective.id)
        row["plan"].append(plan_id)
        row["plan_title"].append(plan.title if plan else plan_id)
        row["area"].append(objective.area)
        row["area_title"].append(area_titles.get((plan_id, objective.area), objective.area))
        row["type"].append(objective.type)
        row["field"].append(objective.field)
        row["title"].append(objective.title)
        row["owner"].append(objective.owner)
        row["status"].append(objective.status)
        row["status_label"].append(STATUS_LABELS[objective.status])
        row["progress"].append(objective.current_progress())
        row["start"].append(objective.start)
        row["due"].append(objective.due)
        past_due = is_open and objective.due < today
        # Overdue is a judgement someone made late; a due date passing on an objective nobody
        # has assessed is a different fact (often an assumed date), counted on its own.
        assessed = objective.status != Status.NOT_ASSESSED
        row["overdue"].append(past_due and assessed)
        row["past_due_unassessed"].append(past_due and not assessed)
        row["last_update"].append(last)
        days = (today - last).days if last else None
        row["days_since_update"].append(days)
        # An open objective with no update at all is stale too: nobody has looked at it.
        row["stale"].append(is_open and (days is None or days > stale_after))
        row["continues"].append(objective.continues)
        row["evidence_count"].append(len(shown_evidence))
        metric = objective.metric
        row["has_metric"].append(metric is not None)
        row["metric_unit"].append(metric.unit if metric else None)
        row["metric_baseline"].append(metric.baseline if metric else None)
        row["metric_target"].append(metric.target if metric else None)
        row["metric_reached"].append(metric.latest_total() if metric else None)
        row["metric_as_of"].append(
            max((m.date for m in metric.measurements), default=None) if metric else None
        )
        row["file"].append(objective.file)
        row["line"].append(objective.line)
        _add_entries(updates, objective.id, plan_id, objective.updates)
        _add_entries(evidence, objective.id, plan_id, shown_evidence)
        if metric is not None:
            running = metric.baseline
            for measurement in sorted(metric.measurements, key=lambda m: m.date):
                running = measurement.value if metric.cumulative else running + measurement.value
                measures["objective_id"].append(objective.id)
                measures["plan"].append(plan_id)
                measures["date"].append(measurement.date)
                measures["value"].append(measurement.value)
                measures["total"].append(running)
                measures["unit"].append(metric.unit)
                measures["baseline"].append(metric.baseline)
                measures["target"].append(metric.target)
                measures["cumulative"].append(metric.cumulative)
                measures["source"].append(measurement.source)
    objectives = (
        pd.DataFrame(columns, dtype=object) if not portfolio.objectives else pd.DataFrame(columns)
    )
    objectives["status"] = _status_category(columns["status"])
    objectives["progress"] = pd.to_numeric(objectives["progress"], errors="coerce").astype(float)
    for name in ("metric_baseline", "metric_target", "metric_reached"):
        objectives[name] = pd.to_numeric(objectives[name], errors="coerce").astype(float)
    for name in ("start", "due", "last_update", "metric_as_of"):
        objectives[name] = _dates(columns[name])
    objectives["days_since_update"] = pd.to_numeric(
        objectives["days_since_update"], errors="coerce"
    ).astype("Float64")
    for name in ("overdue", "past_due_unassessed", "stale", "has_metric"):
        objectives[name] = objectives[name].astype(bool)
    objectives["line"] = objectives["line"].astype(int)
    objectives["evidence_count"] = objectives["evidence_count"].astype(int)
    updates_frame = pd.DataFrame(updates)
    updates_frame["status"] = _status_category(updates["status"])
    updates_frame["date"] = _dates(updates["date"])
    updates_frame["progress"] = pd.to_numeric(updates_frame["progress"], errors="coerce").astype(
        float
    )
    evidence_frame = pd.DataFrame(evidence)
    evidence_frame["date"] = _dates(evidence["date"])
    measurement_frame = pd.DataFrame(measures)
    measurement_frame["date"] = _dates(measures["date"])
    for name in ("value", "total", "baseline", "target"):
        measurement_frame[name] = pd.to_numeric(measurement_frame[name]).astype(float)
    return Frames(objectives, updates_frame, evidence_frame, measurement_frame, today)
