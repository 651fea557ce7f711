"""The figures every view and export shows: KPIs, counts by status, changes, projections.

One function per figure, each taking the shared frames, so the deck, the briefing and the
screen can never disagree about a number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from tracker.i18n import N_, filler, t
from tracker.model import ACTIVITY_KINDS, CAMPAIGN_TYPE, PARTNERSHIP_GOAL_TYPE
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.frames import Frames

# Ammunition figures are one programme across plans: defined there, imported here so every
# caller keeps one import path for every figure.
from tracker.tables.programmes import AmmunitionOutlook as AmmunitionOutlook
from tracker.tables.programmes import ammunition_outlooks as ammunition_outlooks
from tracker.tables.programmes import measurements_by_objective as measurements_by_objective
from tracker.tables.programmes import programme_measurements as programme_measurements
from tracker.tables.wording import quantity, thousands
from tracker.tables.wording import share_in_words as share_in_words


@dataclass(frozen=True)
class Kpis:
    objectives: int
    completed: int
    completed_percent: float
    on_track: int
    at_risk: int
    off_track: int
    not_assessed: int
    overdue: int  # open, assessed by someone, and past the due date
    stale: int
    average_progress: float | None
    # How many objectives the average is over: an average of 2 out of 38 must say so.
    progress_known: int = 0
    # Past the due date with no assessment at all: not "overdue", a question nobody answered.
    past_due_unassessed: int = 0


# The columns kpis reads: a caller cutting the objectives many ways (a plan card each) cuts
# only these.
KPI_COLUMNS = ["status", "progress", "overdue", "stale", "past_due_unassessed"]


def kpis(objectives: pd.DataFrame) -> Kpis:
    total = len(objectives)
    counts = objectives["status"].astype(str).value_counts()

    def count(status: str) -> int:
        return int(counts.get(status, 0))

    progress = objectives["progress"].dropna()
    return Kpis(
        objectives=total,
        completed=count("completed"),
        # Shares unrounded: rounding is the formatting's (format_percent), which never makes
        # 99.96 % of the objectives "100 %".
        completed_percent=count("completed") / total * 100 if total else 0.0,
        on_track=count("on-track"),
        at_risk=count("at-risk"),
        off_track=count("off-track"),
        not_assessed=count("not-assessed"),
        overdue=int(objectives["overdue"].sum()),
        stale=int(objectives["stale"].sum()),
        average_progress=float(progress.mean()) if len(progress) else None,
        progress_known=len(progress),
        past_due_unassessed=int(objectives["past_due_unassessed"].sum()),
    )


def status_counts(objectives: pd.DataFrame, by: str) -> pd.DataFrame:
    """Groups down, every status across in the fixed order (zeros kept, so colours line up)."""
    if objectives.empty:
        return pd.DataFrame(columns=STATUS_ORDER, dtype=int)
    table = pd.crosstab(objectives[by].astype(str), objectives["status"].astype(str))
    table = table.reindex(columns=STATUS_ORDER, fill_value=0).astype(int)
    table.index.name = by
    table.columns.name = None
    return table


def progress_by(objectives: pd.DataFrame, by: str) -> pd.DataFrame:
    """Average known progress per group, with how many objectives have a known figure."""
    grouped = objectives.groupby(objectives[by].astype(str), sort=True)["progress"]
    table = pd.DataFrame(
        {
            "average_progress": grouped.mean(),  # unrounded, as in kpis()
            "known": grouped.count().astype(int),
            "objectives": grouped.size().astype(int),
        }
    )
    table.index.name = by
    return table


def attention_lists(objectives: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The objectives a head of department asks about first: overdue, at risk, stale."""
    columns = ["id", "plan", "title", "owner", "status", "due", "last_update", "days_since_update"]
    status = objectives["status"].astype(str)
    return {
        "overdue": objectives[objectives["overdue"]].sort_values("due")[columns],
        "at_risk": objectives[status.isin(["at-risk", "off-track"])].sort_values("due")[columns],
        "stale": objectives[objectives["stale"]].sort_values(
            "days_since_update", ascending=False, na_position="first"
        )[columns],
    }


# The one list of objectives that need attention, as every export shows it.
ATTENTION_COLUMNS = [
    "id", "plan", "title", "owner", "status", "reason", "overdue", "due", "last_update",
]  # fmt: skip


def attention_rows(objectives: pd.DataFrame) -> pd.DataFrame:
    """Overdue, at-risk and off-track objectives in one list, earliest due first, with why:
    the app's Overdue and At risk lists (attention_lists) put together.

    Overdue counts objectives someone assessed; past due with no assessment is not a verdict
    on the work and stays out of this list (the summary counts it on its own)."""
    lists = attention_lists(objectives)
    overdue = set(lists["overdue"]["id"])
    at_risk = set(lists["at_risk"]["id"])
    chosen = objectives[objectives["id"].isin(overdue | at_risk)].copy()
    reasons = []
    for objective_id, status in zip(chosen["id"], chosen["status"].astype(str), strict=True):
        parts = []
        if objective_id in overdue:
            parts.append(t("overdue"))
        if objective_id in at_risk:
            parts.append(t(STATUS_LABELS[status]).lower())
        reasons.append(", ".join(parts))
    chosen["reason"] = reasons
    chosen["overdue"] = chosen["id"].isin(overdue)
    return chosen.sort_values(["due", "id"], kind="stable")[ATTENTION_COLUMNS].reset_index(
        drop=True
    )


# The kinds of change, in the order a reader asks about them (and a day's rows are listed).
CHANGE_KINDS = ("status", "update", "measurement", "evidence")
CHANGE_COLUMNS = ["date", "objective_id", "plan", "title", "change", "detail", "url"]


def changes_since(frames: Frames, since: date) -> pd.DataFrame:
    """Every update, new evidence and new measurement dated on or after `since`, newest first."""
    return describe_changes(frames, change_index(frames, since))


# Which frame a change comes from, in the order its rows are listed before sorting by date.
_CHANGE_SOURCES = ("updates", "evidence", "measurements")
CHANGE_INDEX_COLUMNS = ["date", "objective_id", "plan", "change", "source", "row", "before"]


def change_index(frames: Frames, since: date) -> pd.DataFrame:
    """The changes since `since` without their words: date, objective, plan, kind, and where
    each comes from (`source` frame, `row` position in it, the status `before` an update).

    Counting and ordering 127,000 changes this way takes a fraction of a second; the words
    (describe_changes) are written only for the rows someone is shown. Done in numpy on
    positions and category codes: a pandas groupby, string casts and a list per row made
    this 0.34 s at 10,000 objectives, most of the Changes page's own time (issue 19)."""
    start = np.datetime64(pd.Timestamp(since).to_datetime64())
    parts = [_update_changes(frames.updates, start)]
    for source, kind, table in (
        ("evidence", "evidence", frames.evidence),
        ("measurements", "measurement", frames.measurements),
    ):
        rows = (table["date"].to_numpy() >= start).nonzero()[0]
        parts.append(_index_part(table, rows, np.full(len(rows), kind, dtype=object), source))
    parts = [part for part in parts if len(part)]
    if not parts:
        return pd.DataFrame(columns=CHANGE_INDEX_COLUMNS)
    index = pd.concat(parts, ignore_index=True)
    # Newest first; on one day in CHANGE_KINDS order; else as listed (lexsort is stable).
    rank = {kind: order for order, kind in enumerate(CHANGE_KINDS)}
    ranks = np.array([rank[kind] for kind in CHANGE_KINDS], dtype=np.int64)
    kinds = pd.Categorical(index["change"], categories=list(CHANGE_KINDS)).codes
    days = index["date"].to_numpy().astype("datetime64[s]").astype(np.int64)
    order = np.lexsort((ranks[kinds], -days))
    return index.take(order).reset_index(drop=True)[CHANGE_INDEX_COLUMNS]


def _update_changes(updates: pd.DataFrame, start: np.datetime64) -> pd.DataFrame:
    """The updates since `start`, each a status change or another update by the status the
    objective's previous update (by date, whenever it was) had."""
    dates = updates["date"].to_numpy()
    recent = dates >= start
    if not recent.any():
        return _index_part(updates, np.array([], dtype=np.int64), np.array([], dtype=object))
    objectives = pd.factorize(updates["objective_id"], sort=True)[0]
    # Objectives in id order, each one's updates by date (as listed on one day): the row
    # before a recent update, if it is the same objective's, holds the status it moved from.
    order = np.lexsort((dates, objectives))
    ranked = objectives[order]
    status = updates["status"]
    codes = (
        status.cat.codes.to_numpy()
        if isinstance(status.dtype, pd.CategoricalDtype)
        else pd.factorize(status)[0]
    )[order]
    names = (
        list(status.cat.categories)
        if isinstance(status.dtype, pd.CategoricalDtype)
        else list(pd.factorize(status)[1])
    )
    previous = np.full(len(order), -1, dtype=np.int64)
    follows = np.zeros(len(order), dtype=bool)
    follows[1:] = (ranked[1:] == ranked[:-1]) & (ranked[1:] >= 0)  # -1: no objective id
    previous[1:] = np.where(follows[1:], codes[:-1], -1)
    previous[previous < 0] = -1  # a missing status is no status to move from
    kept = recent[order]
    rows = order[kept]
    before_codes = previous[kept]
    same = (before_codes >= 0) & (before_codes == codes[kept])
    said = np.array([*[str(name) for name in names], None], dtype=object)
    part = _index_part(updates, rows, np.where(same, "update", "status").astype(object))
    # -1 picks the last, None (a first assessment); object, or pandas reads None as NaN.
    part["before"] = pd.Series(said[before_codes], index=part.index, dtype=object)
    return part


def _index_part(table: pd.DataFrame, rows: np.ndarray, kinds: np.ndarray,
                source: str = "updates") -> pd.DataFrame:  # fmt: skip
    return pd.DataFrame(
        {
            "date": table["date"].to_numpy()[rows],
            "objective_id": table["objective_id"].array.take(rows),
            "plan": table["plan"].array.take(rows),
            "change": kinds,
            "source": source,
            "row": rows.astype(np.int64),
            "before": None,
        }
    )


def describe_changes(frames: Frames, index: pd.DataFrame) -> pd.DataFrame:
    """The rows of `index` (change_index, or any slice of it) as a reader reads them: the
    objective's title, what changed in words, and the evidence's link."""
    if index.empty:
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    titles = dict(zip(frames.objectives["id"], frames.objectives["title"], strict=True))
    sources = index["source"].to_numpy(dtype=object)
    detail = np.empty(len(index), dtype=object)
    url = np.full(len(index), None, dtype=object)
    said = _ChangeWords()
    # Each source's rows a column at a time, as plain Python values: iterating pandas'
    # Arrow-backed strings a cell at a time (itertuples) cost 1.5 s over the 127,000
    # changes of 10,000 objectives, and the words are made once per distinct input.
    for source in _CHANGE_SOURCES:
        at = (sources == source).nonzero()[0]
        if not len(at):
            continue
        table = getattr(frames, source).iloc[index["row"].to_numpy()[at]]
        if source == "updates":
            befores = index["before"].to_numpy(dtype=object)[at]
            detail[at] = [
                said.update(status, before if isinstance(before, str) else None, progress, note)
                for status, before, progress, note in zip(
                    table["status"].astype(str).tolist(), befores, table["progress"].tolist(),
                    table["note"].tolist(), strict=True,
                )
            ]  # fmt: skip
        elif source == "evidence":
            detail[at] = [
                said.evidence(title=title, kind=said.kind(kind)) if isinstance(kind, str) else title
                for title, kind in zip(table["title"].tolist(), table["kind"].tolist(), strict=True)
            ]
            url[at] = [link if isinstance(link, str) else None for link in table["url"].tolist()]
        else:
            detail[at] = [
                said.measured(
                    amount=said.quantity(value, unit),
                    total=said.thousands(total),
                    target=said.thousands(target),
                )
                for value, unit, total, target in zip(
                    table["value"].tolist(), table["unit"].tolist(), table["total"].tolist(),
                    table["target"].tolist(), strict=True,
                )
            ]  # fmt: skip
    ids = index["objective_id"].tolist()
    return pd.DataFrame(
        {
            "date": index["date"].to_numpy(),
            "objective_id": ids,
            "plan": index["plan"].tolist(),
            "title": [titles.get(objective_id, objective_id) for objective_id in ids],
            "change": index["change"].tolist(),
            "detail": detail,
            "url": url,
        },
        columns=CHANGE_COLUMNS,
    )


class _ChangeWords:
    """The words of one describe_changes call, each phrase made once for each distinct
    input: the workbook's 127,000 changes at 10,000 objectives repeat a few hundred statuses,
    progress figures and amounts, and writing each again (Babel's number formatting, the
    catalogue's look-ups) took 12 s of a 17 s workbook (issue 19). The language does not
    change during one call, so a phrase made once reads the same on every row."""

    def __init__(self) -> None:
        self._updates: dict[tuple[str, str | None, object], str] = {}
        self._numbers: dict[object, str] = {}
        self._quantities: dict[tuple[object, object], str] = {}
        self._kinds: dict[str, str] = {}
        self._noted = filler(N_("{change}: {note}"))
        self.evidence = filler(N_("{title} ({kind})"))
        self.measured = filler(N_("{amount} (total {total} of {target})"))

    def update(self, status: str, before: str | None, progress: object, note: object) -> str:
        """What an update changed, in words: the status it moved from and to (or kept), its
        progress and its note."""
        known = None if pd.isna(progress) else progress
        key = (status, before, known)
        detail = self._updates.get(key)
        if detail is None:
            detail = self._updates[key] = _status_detail(status, before, known, self.thousands)
        if isinstance(note, str) and note:
            detail = self._noted(change=detail, note=note)
        return detail

    def thousands(self, value: object) -> str:
        said = self._numbers.get(value)
        if said is None:
            said = self._numbers[value] = thousands(value)  # type: ignore[arg-type]
        return said

    def quantity(self, value: object, unit: object) -> str:
        key = (value, unit)
        said = self._quantities.get(key)
        if said is None:
            said = self._quantities[key] = quantity(value, unit)  # type: ignore[arg-type]
        return said

    def kind(self, kind: str) -> str:
        said = self._kinds.get(kind)
        if said is None:
            said = self._kinds[kind] = _in_brackets(t(kind))
        return said


def _status_detail(
    status: str, before: str | None, progress: object, number: Callable[[object], str]
) -> str:
    """An update's status it moved from and to (or kept) and its progress, in words."""
    after = t(STATUS_LABELS[status])
    if before is None:
        detail = t("first assessment: {status}", status=after)
    elif before != status:
        detail = t("{before} → {after}", before=t(STATUS_LABELS[before]), after=after)
    else:
        detail = t("still {status}", status=after.lower())  # mid-sentence
    if progress is not None:
        detail = t("{change}, progress {percent}%", change=detail, percent=number(progress))
    return detail


def change_counts(index: pd.DataFrame, column: str | None = None) -> pd.DataFrame | pd.Series:
    """How many changes of each kind (CHANGE_KINDS order, zeros kept): a Series, or with
    `column` (a column of the index, such as `plan`) a table of groups down and kinds across."""
    if column is None:
        counts = index["change"].value_counts() if len(index) else pd.Series(dtype=int)
        return counts.reindex(list(CHANGE_KINDS), fill_value=0).astype(int)
    if index.empty:
        return pd.DataFrame(columns=list(CHANGE_KINDS), dtype=int)
    table = pd.crosstab(index[column].astype(str), index["change"].astype(str))
    table = table.reindex(columns=list(CHANGE_KINDS), fill_value=0).astype(int)
    table.index.name = column
    table.columns.name = None
    return table


def campaign_activities(frames: Frames) -> pd.DataFrame:
    """The information campaign's activities: evidence of its objectives of an activity kind
    (media, panel, round table, ...), not the reports and decisions written about it."""
    campaign_ids = frames.objectives.loc[frames.objectives["type"] == CAMPAIGN_TYPE, "id"]
    evidence = frames.evidence[frames.evidence["objective_id"].isin(set(campaign_ids))]
    return evidence[evidence["kind"].isin(ACTIVITY_KINDS)]


def campaign_activity(frames: Frames) -> pd.DataFrame:
    """The campaign's activities counted by kind per quarter, every quarter from the first
    to the last (a quarter with none is a zero, so the axis keeps time evenly)."""
    activities = campaign_activities(frames)
    if activities.empty:
        return pd.DataFrame()
    quarters = activities["date"].dt.to_period("Q")
    table = pd.crosstab(quarters, activities["kind"].astype(str))
    every = pd.period_range(quarters.min(), quarters.max(), freq="Q")
    table = table.reindex(every, fill_value=0)
    table.index = [f"{quarter.year} Q{quarter.quarter}" for quarter in table.index]
    table.index.name = "quarter"
    table.columns.name = None
    return table


def partnership_goals(objectives: pd.DataFrame) -> pd.DataFrame:
    """Partnership goals with the field they belong to (the area when no field is given)."""
    goals = objectives[objectives["type"] == PARTNERSHIP_GOAL_TYPE].copy()
    goals["group"] = goals["field"].where(goals["field"].notna(), goals["area_title"])
    order = {status: rank for rank, status in enumerate(STATUS_ORDER)}
    goals["_rank"] = goals["status"].astype(str).map(order)
    return goals.sort_values(["group", "_rank", "id"]).drop(columns="_rank")


TARGET_COLUMNS = [
    "id", "plan", "title", "type", "status", "unit", "baseline", "target", "latest_value",
    "latest_date", "percent_of_target", "due",
]  # fmt: skip


def targets_against_actuals(objectives: pd.DataFrame) -> pd.DataFrame:
    """Every objective with a metric: baseline, target, latest value and date, percent of target.

    The percent is the model's own (`Metric.percent_of_target`): clipped to 0..100, and
    empty when nothing is measured yet or the target equals the baseline.
    """
    chosen = objectives[objectives["has_metric"]]
    span = chosen["metric_target"] - chosen["metric_baseline"]
    share = (chosen["metric_reached"] - chosen["metric_baseline"]) / span.where(span != 0) * 100
    table = pd.DataFrame(
        {
            "id": chosen["id"],
            "plan": chosen["plan"],
            "title": chosen["title"],
            "type": chosen["type"],
            "status": chosen["status"],
            "unit": chosen["metric_unit"],
            "baseline": chosen["metric_baseline"],
            "target": chosen["metric_target"],
            "latest_value": chosen["metric_reached"],
            "latest_date": chosen["metric_as_of"],
            "percent_of_target": share.clip(0, 100).round(1),
            "due": chosen["due"],
        }
    )
    return table[TARGET_COLUMNS].reset_index(drop=True)


def _in_brackets(label: str) -> str:
    """A kind's label as a word inside a sentence: "(извештај)", "(report)", not the
    capital it has standing alone in a legend; an acronym ("NATO") keeps its capitals."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label
