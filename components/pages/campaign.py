"""Information campaign: what was done to inform the public, by kind, per quarter."""

from __future__ import annotations

import streamlit as st

from components import chart
from components.column_widths import fit_widths
from components.layout import footer, page_header
from components.tables import MISSING
from components.view import current_view
from tracker.charts import campaign_activity_chart, plan_name
from tracker.i18n import format_day, t, table_day_format, tn
from tracker.tables.analysis import CAMPAIGN_TYPE, campaign_activities, campaign_activity
from tracker.text import safe_link

view = current_view()
page_header(view, t("Information campaign"))
objectives = view.shown.objectives
campaign = objectives[objectives["type"] == CAMPAIGN_TYPE]

if campaign.empty:
    st.info(t("No information-campaign objective in this view."))
    footer(view)
    st.stop()

activity = campaign_activity(view.shown)
activities = campaign_activities(view.shown)
records = view.shown.evidence[view.shown.evidence["objective_id"].isin(set(campaign["id"]))]

cells = st.columns(3)
cells[0].metric(t("Campaign objectives"), len(campaign), border=True)
cells[1].metric(t("Activities recorded"), len(activities), border=True)
cells[2].metric(
    t("Latest activity"),
    format_day(activities["date"].max()) if len(activities) else "—",
    border=True,
)
st.subheader(t("Activities per quarter, by kind"))
if activity.empty:
    st.info(t("No campaign activity recorded for this selection."))
else:
    chart.draw(
        campaign_activity_chart(activity), "chart_campaign", t("Activities per quarter, by kind")
    )
if len(records) > len(activities):
    st.caption(
        tn(
            "Activities are media, panels, round tables, seminars, trainings and exercises; "
            "{count} other record of the campaign (a report, a decision, news) is on the "
            "Evidence page.",
            "Activities are media, panels, round tables, seminars, trainings and exercises; "
            "{count} other records of the campaign (reports, decisions, news) are on the "
            "Evidence page.",
            len(records) - len(activities),
        )
    )

st.subheader(t("Activities"))
if activities.empty:
    st.caption(t("No activity recorded yet."))
else:
    titles = dict(zip(campaign["id"], campaign["title"], strict=True))
    table = activities.sort_values("date", ascending=False).assign(
        plan=lambda frame: frame["plan"].map(plan_name),
        kind=lambda frame: frame["kind"].astype(str).map(t),
        objective=lambda frame: frame["objective_id"].map(titles),
        url=lambda frame: frame["url"].map(safe_link),
    )[["date", "kind", "title", "url", "objective", "plan"]]
    config = {
        "date": st.column_config.DateColumn(t("Date"), format=table_day_format()),
        "kind": st.column_config.TextColumn(t("Kind")),
        "title": st.column_config.TextColumn(t("Activity"), width="large"),
        "url": st.column_config.LinkColumn(t("Link"), display_text=t("Open")),
        "objective": st.column_config.TextColumn(t("Objective"), width="medium"),
        "plan": st.column_config.TextColumn(t("Plan")),
    }
    fit_widths(config, table)
    st.dataframe(table, hide_index=True, width="stretch", placeholder=MISSING, column_config=config)

footer(view)
