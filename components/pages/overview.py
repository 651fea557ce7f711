"""Overview: how far along each plan is, the headline numbers, where the late work sits."""

from __future__ import annotations

import streamlit as st

from components.answers import answer_cards
from components.layout import footer, kpi_tiles, page_header
from components.plan_cards import plan_cards
from components.tables import objectives_table, pick_objective
from components.view import current_view
from tracker import settings
from tracker.analysis import attention_lists, kpis
from tracker.charts import (
    MAX_TIMELINE_ROWS,
    status_by_area,
    status_by_owner,
    status_by_plan,
    timeline,
)
from tracker.i18n import t

view = current_view()
objectives = view.shown.objectives
page_header(view, t("Overview"))

if objectives.empty:
    st.info(t("No objectives match the filters. Clear some filters in the sidebar."))
    st.stop()

plan_cards(view)
kpi_tiles(kpis(objectives), settings.stale_days())
answer_cards(view)

by_plan, by_owner = st.columns([2, 3], gap="large")
with by_plan:
    st.subheader(t("Status by plan"))
    st.plotly_chart(status_by_plan(objectives, ""), key="chart_plan")
with by_owner:
    st.subheader(t("Status by owner"))
    st.plotly_chart(status_by_owner(objectives, ""), key="chart_owner")
st.subheader(t("Status by area"))
st.plotly_chart(status_by_area(objectives, ""), key="chart_area")
if len(objectives) <= MAX_TIMELINE_ROWS:
    st.subheader(t("Timeline: start to due"))
else:
    st.subheader(t("Objectives by due quarter"))
    st.caption(t("Too many objectives for one bar each: counted by the quarter they fall due."))
st.plotly_chart(timeline(objectives, view.today, ""), key="chart_timeline")

st.subheader(t("Needs attention"))
st.caption(t("Pick a row to open the objective."))
lists = attention_lists(objectives)
names = {
    "overdue": t("Overdue ({count})", count=len(lists["overdue"])),
    "at_risk": t("At risk or off track ({count})", count=len(lists["at_risk"])),
    "stale": t("Stale ({count})", count=len(lists["stale"])),
}
columns = ["title", "status", "due", "plan", "owner", "last_update", "days_since_update"]
for tab, (name, chosen) in zip(st.tabs(list(names.values())), lists.items(), strict=True):
    with tab:
        if chosen.empty:
            st.success(t("None in this view."))
        else:
            pick_objective(
                objectives_table(chosen, columns), f"attention_{name}", view, show_id=False
            )

footer(view)
