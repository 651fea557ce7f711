"""The meeting pack's contents, computed once from the shared frames for every format.

Each format (deck, briefing, workbook, text) only lays out what `gather` returns, so two
formats built from the same data can never disagree with each other or with the screen:
every number comes from `tracker.tables.analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from tracker.charts import plan_name
from tracker.load.loader import Portfolio
from tracker.problems import problem_total
from tracker.statuses import STATUS_LABELS
from tracker.tables import analysis
from tracker.tables.analysis import AmmunitionOutlook, Kpis
from tracker.tables.filters import Filters, apply_filters
from tracker.tables.frames import Frames

AUDIENCES = ("public", "internal")
# Without --since, "changes" means the last quarter before the data date: the usual gap
# between two review meetings, and never empty just because the data is old.
DEFAULT_SINCE_DAYS = 90

SUMMARY = "Summary"
STATUS_BY_PLAN = "Status by plan"
STATUS_BY_AREA = "Status by area"
PROGRESS_BY_AREA = "Progress by area"
AMMUNITION = "Ammunition against target"
CAMPAIGN = "Information campaign activities"
CHANGES = "Changes since"
ATTENTION = "Overdue and at-risk objectives"
EVIDENCE = "Evidence appendix"
CHART_SECTIONS = (STATUS_BY_PLAN, STATUS_BY_AREA, PROGRESS_BY_AREA, AMMUNITION, CAMPAIGN)

AREA_KEY = "area_key"
ATTENTION_COLUMNS = ["id", "plan", "title", "owner", "status", "reason", "due", "last_update"]
EVIDENCE_COLUMNS = ["date", "objective_id", "title", "kind", "access", "url"]


class ReportError(Exception):
    """A report cannot be made from this data; the message says why and what to do."""


@dataclass(frozen=True)
class MeetingPack:
    """Everything a meeting pack shows, in the order it shows it."""

    title: str
    plans: list[tuple[str, str]]  # (id, title) of the plans in scope
    scope: str  # "all plans" or the plan chosen
    data_date: date | None
    prepared: date
    since: date
    audience: str
    problem_count: int
    kpis: Kpis
    status_by_plan: pd.DataFrame
    status_by_area: pd.DataFrame  # rows keyed "plan/area"; area_labels names them
    progress_by_area: pd.DataFrame
    area_labels: dict[str, str]
    ammunition: list[AmmunitionOutlook]
    campaign: pd.DataFrame
    changes: pd.DataFrame
    attention: pd.DataFrame
    evidence: pd.DataFrame
    frames: Frames
    notes: list[str] = field(default_factory=list)

    @property
    def changes_title(self) -> str:
        return f"{CHANGES} {self.since.isoformat()}"

    @property
    def audience_note(self) -> str:
        if self.audience == "public":
            return "Public edition: internal evidence is left out."
        return "Internal edition: includes internal evidence; do not share outside the ministry."

    @property
    def problems_note(self) -> str | None:
        if not self.problem_count:
            return None
        return (
            f"{self.problem_count} data problem{'s' if self.problem_count != 1 else ''} found: "
            "objectives with problems are left out; run `python -m tracker validate`."
        )

    @property
    def footer(self) -> str:
        """One line for every page: which data, as of when, for whom."""
        as_of = self.data_date.isoformat() if self.data_date else "no dated facts"
        return f"IPAP Tracker · {self.scope} · data as of {as_of} · {self.audience} edition"


def for_audience(frames: Frames, audience: str) -> Frames:
    """Frames as `build_frames(..., audience=...)` gives them, from frames built for anyone.

    The public edition must hold no internal evidence even when a caller hands in internal
    frames (the app keeps one cached copy), so the pack narrows them itself.
    """
    if audience not in AUDIENCES:
        raise ReportError(f"unknown audience '{audience}': use one of {', '.join(AUDIENCES)}")
    if audience == "internal":
        return frames
    evidence = frames.evidence[frames.evidence["access"].astype(str) == "public"]
    if len(evidence) == len(frames.evidence):
        return frames
    counts = evidence.groupby("objective_id").size()
    objectives = frames.objectives.copy()
    objectives["evidence_count"] = objectives["id"].map(counts).fillna(0).astype(int)
    return Frames(objectives, frames.updates, evidence, frames.measurements, frames.today)


def data_date(frames: Frames) -> date | None:
    """The newest dated fact in these frames: 'as of' for the objectives in the report."""
    newest = [
        table["date"].max()
        for table in (frames.updates, frames.evidence, frames.measurements)
        if not table.empty
    ]
    newest = [value for value in newest if not pd.isna(value)]
    return max(newest).date() if newest else None


def gather(
    frames: Frames,
    portfolio: Portfolio,
    plan: str | None = None,
    since: date | None = None,
    audience: str = "public",
    selection: str | None = None,
) -> MeetingPack:
    """Compute every section once; raise ReportError when there is nothing to report on.

    `selection` describes frames that were filtered before they came here (the app's
    sidebar filters), so every page of the pack says which objectives it covers.
    """
    if plan is not None and plan not in portfolio.plans:
        known = ", ".join(sorted(portfolio.plans)) or "none"
        raise ReportError(f"no plan has the id '{plan}': the plans are {known}")
    frames = for_audience(frames, audience)
    if plan is not None:
        frames = apply_filters(frames, Filters(plan=(plan,)))
    objectives = frames.objectives
    if objectives.empty:
        where = f"plan '{plan}'" if plan else "the data"
        hint = (
            " Fix the problems `python -m tracker validate` lists, then try again."
            if portfolio.errors()
            else " Add objectives to the plan files first."
        )
        raise ReportError(f"{where} has no valid objectives, so there is nothing to report.{hint}")
    as_of = data_date(frames)
    since = since or ((as_of or frames.today) - timedelta(days=DEFAULT_SINCE_DAYS))
    plans = [
        (plan_id, portfolio.plans[plan_id].title if plan_id in portfolio.plans else plan_id)
        for plan_id in sorted(set(objectives["plan"]))
    ]
    scope = f"plan {plan}" if plan else "all plans"
    if selection:
        scope += f" · {selection}"
    by_area, area_labels = keyed_by_area(objectives)
    title = f"{plans[0][1]}: meeting pack" if plan else "IPAP meeting pack"
    pack = MeetingPack(
        title=title,
        plans=plans,
        scope=scope,
        data_date=as_of,
        prepared=frames.today,
        since=since,
        audience=audience,
        problem_count=problem_total(portfolio.errors()),
        kpis=analysis.kpis(objectives),
        status_by_plan=analysis.status_counts(objectives, "plan"),
        status_by_area=analysis.status_counts(by_area, AREA_KEY),
        progress_by_area=analysis.progress_by(by_area, AREA_KEY),
        area_labels=area_labels,
        ammunition=analysis.ammunition_outlooks(frames),
        campaign=analysis.campaign_activity(frames),
        changes=analysis.changes_since(frames, since),
        attention=attention_table(objectives),
        evidence=evidence_table(frames),
        frames=frames,
    )
    pack.notes.append(pack.audience_note)
    if pack.problems_note:
        pack.notes.append(pack.problems_note)
    return pack


def keyed_by_area(objectives: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """Areas keyed by plan and area id, as the dashboard's charts key them, with labels.

    Two plans can each have an area called "Defence": they stay two bars, told apart by
    the plan's name, exactly as on the screen (`tracker.charts.status_by_area`).
    """
    keys = objectives["plan"].astype(str) + "/" + objectives["area"].astype(str)
    labels = dict(
        zip(
            keys,
            objectives["area_title"].astype(str) + " · " + objectives["plan"].map(plan_name),
            strict=True,
        )
    )
    return objectives.assign(**{AREA_KEY: keys}), labels


def attention_table(objectives: pd.DataFrame) -> pd.DataFrame:
    """Overdue, at-risk and off-track objectives in one list, earliest due first, with why."""
    lists = analysis.attention_lists(objectives)
    overdue = set(lists["overdue"]["id"])
    at_risk = set(lists["at_risk"]["id"])
    chosen = objectives[objectives["id"].isin(overdue | at_risk)].copy()
    reasons = []
    for objective_id, status in zip(chosen["id"], chosen["status"].astype(str), strict=True):
        parts = []
        if objective_id in overdue:
            parts.append("overdue")
        if objective_id in at_risk:
            parts.append(STATUS_LABELS[status].lower())
        reasons.append(", ".join(parts))
    chosen["reason"] = reasons
    return chosen.sort_values(["due", "id"], kind="stable")[ATTENTION_COLUMNS].reset_index(
        drop=True
    )


def evidence_table(frames: Frames) -> pd.DataFrame:
    """All evidence in scope, newest first: the appendix people click through after a meeting."""
    table = frames.evidence.sort_values(["date", "objective_id"], ascending=[False, True])
    return table[EVIDENCE_COLUMNS].reset_index(drop=True)
