"""Overview: how far along each plan is, the headline numbers, where the late work sits.

The charts, counts and tables are computed once per data version, day, filters and language
(see components/view_key.py) and reused by every later run and session: at 10,000 objectives
rebuilding them on each click cost most of the run.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components import chart
from components.answers import answer_cards
from components.layout import footer, kpi_tiles, page_header
from components.plan_cards import plan_cards
from components.tables import attention_table, pick_objective
from components.text import escape_markdown
from components.view import current_view
from components.view_key import ViewKey, view_key
from tracker import settings
from tracker.charts import (
    MAX_COLUMNS,
    MAX_TIMELINE_ROWS,
    rest_sentence,
    status_by_area,
    status_by_owner,
    status_by_plan,
    timeline,
)
from tracker.i18n import t
from tracker.tables.analysis import Kpis, attention_lists, kpis

# The gap between two columns of the page.
COLUMN_GAP = 24
# Statuses whose legend still leaves a half-width chart its rows.
SIDE_BY_SIDE_STATUSES = 3
# Status by plan and status by owner, side by side: their shares of the page's width.
SIDE_BY_SIDE_SHARES = (2, 3)
ATTENTION_COLUMNS = ["title", "status", "due", "plan", "owner", "last_update", "days_since_update"]


@st.cache_data(max_entries=16, show_spinner=False)
def _headline(_objectives: pd.DataFrame, key: ViewKey) -> Kpis:
    return kpis(_objectives)


# Figures are kept as they are (not copied per run): st.plotly_chart only reads them.
@st.cache_resource(max_entries=16, show_spinner=False)
def _charts(_objectives: pd.DataFrame, key: ViewKey, today: date) -> dict[str, go.Figure]:
    bars = {name: _bar_pixels(_objectives, name) for name in ("plan", "owner", "area")}
    figures = {
        "plan": status_by_plan(_objectives, "", plot_pixels=bars["plan"]),
        "owner": status_by_owner(_objectives, "", plot_pixels=bars["owner"]),
        "area": status_by_area(_objectives, "", plot_pixels=bars["area"]),
        "timeline": timeline(_objectives, today, ""),
    }
    # The counts written after the bars end inside the chart at the narrowest window the
    # app is made for: past the edge they were cut ("400 · Није запо").
    for name in ("plan", "owner", "area"):
        chart.fit_bars(figures[name], _chart_width(_objectives, name))
    return figures


@st.cache_resource(max_entries=16, show_spinner=False)
def _on_screen(_objectives: pd.DataFrame, key: ViewKey, today: date) -> dict[str, go.Figure]:
    """The same figures made ready for the screen (chart.on_screen) once, not on every run."""
    figures = _charts(_objectives, key, today)
    return {name: chart.on_screen(figure) for name, figure in figures.items()}


def _side_by_side(objectives: pd.DataFrame) -> bool:
    """Status by plan beside status by owner only while both are small: a few plans drawn
    as columns and a legend of a few statuses. At 25 plans the plans' rows and the owners'
    wrapped names, squeezed under a legend of six statuses in a 460 px column, ran into
    each other and their counts ran past the chart's edge."""
    plans = objectives["plan"].nunique()
    statuses = objectives["status"].nunique()
    return plans <= MAX_COLUMNS and statuses <= SIDE_BY_SIDE_STATUSES


def _chart_width(objectives: pd.DataFrame, name: str) -> int:
    if name != "area" and _side_by_side(objectives):
        share = SIDE_BY_SIDE_SHARES[0 if name == "plan" else 1] / sum(SIDE_BY_SIDE_SHARES)
        return round(chart.PAGE_WIDTH * share) - COLUMN_GAP
    return chart.PAGE_WIDTH


def _bar_pixels(objectives: pd.DataFrame, name: str) -> int:
    return chart.bar_pixels(_chart_width(objectives, name), short_labels=name == "plan")


@st.cache_data(max_entries=16, show_spinner=False)
def _attention(_objectives: pd.DataFrame, key: ViewKey) -> dict[str, tuple[pd.DataFrame, int]]:
    """Each attention list, cut to what the browser is sent, with how many there are in all."""
    return {
        name: attention_table(chosen, ATTENTION_COLUMNS)
        for name, chosen in attention_lists(_objectives).items()
    }


view = current_view()
key = view_key(view)
objectives = view.shown.objectives
page_header(view, t("Overview"))

if objectives.empty:
    st.info(t("No objectives match the filters. Clear some filters in the sidebar."))
    footer(view)
    st.stop()

plan_cards(view)
kpi_tiles(_headline(objectives, key), settings.stale_days())
answer_cards(view)

charts = _charts(objectives, key, view.today)
screens = _on_screen(objectives, key, view.today)
if _side_by_side(objectives):
    by_plan, by_owner = st.columns(list(SIDE_BY_SIDE_SHARES), gap="large")
else:
    by_plan = by_owner = st.container()
with by_plan:
    st.subheader(t("Status by plan"))
    chart.show(charts["plan"], "chart_plan", t("Status by plan"), t("Plan"), screen=screens["plan"])
with by_owner:
    st.subheader(t("Status by owner"))
    chart.show(
        charts["owner"], "chart_owner", t("Status by owner"), t("Owner"), screen=screens["owner"]
    )
    if rest_sentence(charts["owner"]):
        st.caption(escape_markdown(rest_sentence(charts["owner"])))
st.subheader(t("Status by area"))
chart.show(charts["area"], "chart_area", t("Status by area"), t("Area"), screen=screens["area"])
if rest_sentence(charts["area"]):
    st.caption(escape_markdown(rest_sentence(charts["area"])))
if len(objectives) <= MAX_TIMELINE_ROWS:
    timeline_title = t("Timeline: start to due")
    st.subheader(timeline_title)
else:
    timeline_title = t("Objectives by due quarter")
    st.subheader(timeline_title)
    st.caption(t("Too many objectives for one bar each: counted by the quarter they fall due."))
chart.draw(charts["timeline"], "chart_timeline", timeline_title, screen=screens["timeline"])

st.subheader(t("Needs attention"))
st.caption(t("Pick a row to open the objective."))
lists = _attention(objectives, key)
names = {
    "overdue": t("Overdue ({count})", count=lists["overdue"][1]),
    "at_risk": t("At risk or off track ({count})", count=lists["at_risk"][1]),
    "stale": t("Stale ({count})", count=lists["stale"][1]),
}
for tab, (name, (table, total)) in zip(st.tabs(list(names.values())), lists.items(), strict=True):
    with tab:
        if table.empty:
            st.success(t("None in this view."))
        else:
            pick_objective(table, f"attention_{name}", view, show_id=False)
            if total > len(table):
                st.caption(
                    t(
                        "Showing {shown} of {total} — see the Objectives page for all",
                        shown=len(table),
                        total=total,
                    )
                )

footer(view)
