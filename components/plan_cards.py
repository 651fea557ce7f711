"""One card per plan: how far along it is, in words and one status strip.

This answers the first question in a meeting ("how far along is IPAP 2?") truthfully:
when nothing has been assessed, the card says so rather than showing a zero as progress.
"""

from __future__ import annotations

import streamlit as st

from components.layout import status_strip
from components.text import escape_markdown
from components.view import View
from tracker.analysis import kpis, progress_by, status_counts
from tracker.charts import plan_name
from tracker.i18n import t
from tracker.statuses import STATUS_LABELS, STATUS_ORDER


def _period(view: View, plan_id: str) -> str:
    plan = view.data.portfolio.plans.get(plan_id)
    if plan is None:
        return ""
    if plan.end < view.today:
        return t("{start} to {end} (ended)", start=plan.start.isoformat(), end=plan.end.isoformat())
    days = (plan.end - view.today).days
    return t(
        "{start} to {end} ({days} days left)",
        start=plan.start.isoformat(),
        end=plan.end.isoformat(),
        days=days,
    )


def plan_cards(view: View) -> None:
    objectives = view.shown.objectives
    plans = sorted(objectives["plan"].astype(str).unique())
    if not plans:
        return
    counts = status_counts(objectives, "plan")
    progress = progress_by(objectives, "plan")
    for column, plan_id in zip(st.columns(len(plans)), plans, strict=True):
        figures = kpis(objectives[objectives["plan"] == plan_id])
        plan = view.data.portfolio.plans.get(plan_id)
        with column.container(border=True):
            st.markdown(f"### {escape_markdown(plan_name(plan_id))}")
            st.caption(escape_markdown(plan.title if plan else plan_id))
            st.markdown(
                t(
                    "**{completed} of {total}** objectives completed ({percent}%)",
                    completed=figures.completed,
                    total=figures.objectives,
                    percent=f"{figures.completed_percent:g}",
                )
            )
            row = counts.loc[plan_id]
            st.html(status_strip({s: int(row[s]) for s in STATUS_ORDER}))
            parts = [f"{int(row[s])} {t(STATUS_LABELS[s]).lower()}" for s in STATUS_ORDER if row[s]]
            st.caption(" · ".join(parts))
            known = int(progress.loc[plan_id, "known"])
            if known:
                st.markdown(
                    t(
                        "Progress reported for {known} of {total} objectives: "
                        "**{percent}%** on average",
                        percent=f"{progress.loc[plan_id, 'average_progress']:g}",
                        known=known,
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
            st.caption(" · ".join(part for part in (_period(view, plan_id), late) if part))
