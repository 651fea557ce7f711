"""The meeting pack's contents, computed once from the shared frames for every format.

Each format (deck, briefing, workbook, text) only lays out what `gather` returns, so two
formats built from the same data can never disagree with each other or with the screen:
every number comes from `tracker.tables.analysis`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from tracker.charts import plan_name
from tracker.export.text import day
from tracker.i18n import t, tn
from tracker.load.loader import Portfolio
from tracker.problems import problem_counts
from tracker.tables import analysis
from tracker.tables.analysis import AmmunitionOutlook, Kpis
from tracker.tables.audience import AUDIENCES, UnknownAudience
from tracker.tables.audience import for_audience as _narrow
from tracker.tables.filters import Filters, apply_filters
from tracker.tables.frames import Frames
from tracker.tables.localize import localize_frames, plan_titles
from tracker.tables.notices import unreadable_notice, unreadable_of
from tracker.tables.window import (
    DEFAULT_SINCE_DAYS,
    as_of_text,
    data_dates_text,
    default_since,
    newest_fact,
)

__all__ = ["AUDIENCES", "DEFAULT_SINCE_DAYS", "MeetingPack", "ReportError", "gather"]

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
EVIDENCE_COLUMNS = ["date", "objective_id", "objective_title", "title", "kind", "access", "url"]


def heading(section: str) -> str:
    """A section's heading in the reader's language (the constants above are its key)."""
    headings = {
        SUMMARY: t("Summary"),
        STATUS_BY_PLAN: t("Status by plan"),
        STATUS_BY_AREA: t("Status by area"),
        PROGRESS_BY_AREA: t("Progress by area"),
        AMMUNITION: t("Ammunition against target"),
        CAMPAIGN: t("Information campaign activities"),
        ATTENTION: t("Overdue and at-risk objectives"),
        EVIDENCE: t("Evidence appendix"),
    }
    return headings.get(section, section)


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
    warning_count: int = 0
    # "N objectives could not be read (...): the figures below leave them out", or None:
    # the first thing every format shows, above any figure.
    unreadable_note: str | None = None
    unreadable_count: int = 0
    as_of_line: str = ""  # the data date per plan where plans differ, with today beside it
    data_dates: str = ""  # the data date per plan alone, for a row labelled "Data as of"

    @property
    def changes_title(self) -> str:
        return t("Changes since {since}", since=day(self.since))

    @property
    def audience_note(self) -> str:
        if self.audience == "public":
            return t("Public edition: internal evidence is left out.")
        return t("Internal edition: includes internal evidence; do not share outside the ministry.")

    @property
    def edition(self) -> str:
        """The edition's name as titles and file names say it."""
        return t("public edition") if self.audience == "public" else t("internal edition")

    @property
    def problems_note(self) -> str | None:
        parts = []
        if self.problem_count:
            parts.append(tn("{count} data error", "{count} data errors", self.problem_count))
        if self.warning_count:
            parts.append(tn("{count} warning", "{count} warnings", self.warning_count))
        if not parts:
            return None
        return t(
            "{found} found: run `python -m tracker validate` to see them.",
            found=t("{first} and {second}", first=parts[0], second=parts[1])
            if len(parts) == 2
            else parts[0],
        )

    @property
    def footer(self) -> str:
        """One line for every page: what could not be read, which data, as of when, for whom."""
        line = t(
            "IPAP Tracker · {scope} · {as_of} · {edition}",
            scope=self.scope,
            as_of=self.as_of_line,
            edition=self.edition,
        )
        if self.unreadable_count:
            lost = tn(
                "{count} objective could not be read",
                "{count} objectives could not be read",
                self.unreadable_count,
            )
            line = f"{lost} · {line}"
        return line


def for_audience(frames: Frames, audience: str) -> Frames:
    """The frames for one audience (`tracker.tables.audience`), refusing an unknown one."""
    try:
        return _narrow(frames, audience)
    except UnknownAudience as error:
        raise ReportError(str(error)) from None


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
        known = ", ".join(sorted(portfolio.plans)) or t("none")
        raise ReportError(
            t("no plan has the id '{plan}': the plans are {known}", plan=plan, known=known)
        )
    frames = for_audience(frames, audience)
    # One window for the whole pack and the app: from the data as a whole, not one plan.
    since = since or default_since(frames)
    if plan is not None:
        frames = apply_filters(frames, Filters(plan=(plan,)))
    objectives = frames.objectives
    if objectives.empty:
        hint = (
            t("Fix the problems `python -m tracker validate` lists, then try again.")
            if portfolio.problems
            else t("Add objectives to the plan files first.")
        )
        reason = (
            t("plan '{plan}' has no valid objectives, so there is nothing to report.", plan=plan)
            if plan
            else t("the data has no valid objectives, so there is nothing to report.")
        )
        raise ReportError(f"{reason} {hint}")
    as_of = newest_fact(frames)
    # Every title, note and evidence title in the reader's language from here on.
    frames = localize_frames(frames, portfolio)
    objectives = frames.objectives
    titles = plan_titles(portfolio)
    plans = [(plan_id, titles.get(plan_id, plan_id)) for plan_id in sorted(set(objectives["plan"]))]
    scope = t("plan {plan}", plan=plan) if plan else t("all plans")
    if selection:
        scope += f" · {selection}"
    by_area, area_labels = keyed_by_area(objectives)
    title = t("{plan}: meeting pack", plan=plans[0][1]) if plan else t("IPAP meeting pack")
    pack = MeetingPack(
        title=title,
        plans=plans,
        scope=scope,
        data_date=as_of,
        prepared=frames.today,
        since=since,
        audience=audience,
        problem_count=problem_counts(portfolio.problems)[0],
        kpis=analysis.kpis(objectives),
        status_by_plan=analysis.status_counts(objectives, "plan"),
        status_by_area=analysis.status_counts(by_area, AREA_KEY),
        progress_by_area=analysis.progress_by(by_area, AREA_KEY),
        area_labels=area_labels,
        ammunition=analysis.ammunition_outlooks(frames),
        campaign=analysis.campaign_activity(frames),
        changes=analysis.changes_since(frames, since),
        attention=analysis.attention_rows(objectives),
        evidence=evidence_table(frames),
        frames=frames,
        warning_count=problem_counts(portfolio.problems)[1],
        unreadable_note=unreadable_notice(unreadable_of(portfolio), plan_name),
        unreadable_count=len(unreadable_of(portfolio)),
        as_of_line=as_of_text(frames, plan_name),
        data_dates=data_dates_text(frames, plan_name),
    )
    if pack.unreadable_note:
        pack.notes.append(pack.unreadable_note)
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


def evidence_table(frames: Frames) -> pd.DataFrame:
    """All evidence in scope, newest first: the appendix people click through after a meeting."""
    table = frames.evidence.sort_values(["date", "objective_id"], ascending=[False, True])
    # Each item names its objective by title, as the app does; the id stays beside it.
    titles = dict(zip(frames.objectives["id"], frames.objectives["title"], strict=True))
    table = table.assign(objective_title=table["objective_id"].map(titles).fillna(""))
    return table[EVIDENCE_COLUMNS].reset_index(drop=True)
