"""One card per plan: how far along it is, in words and one status strip.

This answers the first question in a meeting ("how far along is IPAP 2?") truthfully:
when nothing has been assessed, the card says so rather than showing a zero as progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from components.layout import status_strip
from components.text import escape_markdown
from components.view import View
from components.view_key import ViewKey, view_key
from tracker.charts import plan_name
from tracker.i18n import display_text, format_day, t, tn
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.analysis import Kpis, kpis, progress_by, status_counts
from tracker.tables.frames import Frames
from tracker.tables.window import plan_data_dates
from tracker.tables.wording import thousands


def _period(view: View, plan_id: str) -> str:
    plan = view.data.portfolio.plans.get(plan_id)
    if plan is None:
        return ""
    if plan.end < view.today:
        return t(
            "{start} to {end} (ended)",
            start=format_day(plan.start, long=True),
            end=format_day(plan.end, long=True),
        )
    days = (plan.end - view.today).days
    return tn(
        "{start} to {end} ({count} day left)",
        "{start} to {end} ({count} days left)",
        days,
        start=format_day(plan.start, long=True),
        end=format_day(plan.end, long=True),
    )


@dataclass(frozen=True)
class PlanFigures:
    """One card's numbers: computed once per view key, not on every click."""

    plan_id: str
    figures: Kpis
    counts: dict[str, int]  # status -> objectives, in STATUS_ORDER
    known: int  # objectives with a progress figure
    average_progress: float | None
    newest_update: date | None  # this plan's own data date


@st.cache_data(max_entries=16, show_spinner=False)
def _plan_figures(_shown: Frames, key: ViewKey) -> list[PlanFigures]:
    _objectives = _shown.objectives
    dates = plan_data_dates(_shown)
    plans = sorted(_objectives["plan"].astype(str).unique())
    if not plans:
        return []
    counts = status_counts(_objectives, "plan")
    progress = progress_by(_objectives, "plan")
    return [
        PlanFigures(
            plan_id=plan_id,
            figures=kpis(_objectives[_objectives["plan"] == plan_id]),
            counts={s: int(counts.loc[plan_id, s]) for s in STATUS_ORDER},
            known=int(progress.loc[plan_id, "known"]),
            average_progress=float(progress.loc[plan_id, "average_progress"])
            if progress.loc[plan_id, "known"]
            else None,
            newest_update=dates.get(plan_id),
        )
        for plan_id in plans
    ]


def plan_cards(view: View) -> None:
    cards = _plan_figures(view.shown, view_key(view))
    if not cards:
        return
    for column, card in zip(st.columns(len(cards)), cards, strict=True):
        plan_id, figures = card.plan_id, card.figures
        plan = view.data.portfolio.plans.get(plan_id)
        with column.container(border=True):
            st.markdown(f"### {escape_markdown(plan_name(plan_id))}")
            st.caption(escape_markdown(display_text(plan, "title") if plan else plan_id))
            st.markdown(
                t(
                    "**{completed} of {total}** objectives completed ({percent}%)",
                    completed=figures.completed,
                    total=figures.objectives,
                    percent=thousands(figures.completed_percent),
                )
            )
            st.html(status_strip(card.counts))
            parts = [
                f"{card.counts[s]} {t(STATUS_LABELS[s]).lower()}"
                for s in STATUS_ORDER
                if card.counts[s]
            ]
            st.caption(" · ".join(parts))
            if card.known:
                st.markdown(
                    t(
                        "Progress reported for {known} of {total} objectives: "
                        "**{percent}%** on average",
                        percent=thousands(card.average_progress),
                        known=card.known,
                        total=figures.objectives,
                    )
                )
            else:
                st.markdown(t("No progress figure reported yet."))
            if figures.not_assessed:
                st.markdown(
                    t(
                        "{count} not assessed: no source reports their state yet.",
                        count=figures.not_assessed,
                    )
                )
            late = t("{count} overdue", count=figures.overdue) if figures.overdue else ""
            never = (
                t("{count} past due, never assessed", count=figures.past_due_unassessed)
                if figures.past_due_unassessed
                else ""
            )
            updated = card.newest_update
            as_of = t(
                "newest update {date}",
                date=format_day(updated) if updated else t("no update yet"),
            )
            parts = (_period(view, plan_id), late, never, as_of)
            # Escaped: a line opening with a Serbian date ("1. јануар 2015.") is no list item.
            st.caption(escape_markdown(" · ".join(part for part in parts if part)))
