"""Evidence: every link that shows work was done, newest first, each opening its source."""

from __future__ import annotations

import streamlit as st

from components.layout import footer, page_header
from components.tables import pick_objective
from components.view import current_view
from tracker.charts import plan_name
from tracker.i18n import format_day, t
from tracker.text import safe_link

view = current_view()
page_header(view, t("Evidence"))
evidence = view.shown.evidence

if evidence.empty:
    st.info(t("No evidence recorded for the objectives in this view."))
    footer(view)
    st.stop()

links = evidence["url"].map(safe_link)
cells = st.columns(3)
cells[0].metric(t("Evidence items"), len(evidence), border=True)
cells[1].metric(t("With a web link"), int(links.notna().sum()), border=True)
cells[2].metric(t("Newest"), format_day(evidence["date"].max()), border=True)

kinds = sorted(evidence["kind"].fillna("other").astype(str).unique())
chosen = st.multiselect(
    t("Kind"), options=kinds, format_func=t, placeholder=t("All"), key="evidence_kinds"
)
titles = dict(zip(view.shown.objectives["id"], view.shown.objectives["title"], strict=True))
shown = evidence.assign(kind=evidence["kind"].fillna("other").astype(str), url=links)
if chosen:
    shown = shown[shown["kind"].isin(chosen)]
st.caption(t("Newest first. Open a link to read the source; pick a row to open the objective."))
table = (
    shown.sort_values("date", ascending=False, kind="stable")
    .assign(
        kind=lambda frame: frame["kind"].map(t),
        objective=lambda frame: frame["objective_id"].map(titles),
        plan=lambda frame: frame["plan"].map(plan_name),
        access=lambda frame: frame["access"].map(t),
    )
    .rename(columns={"objective_id": "id", "title": "evidence"})[
        ["date", "kind", "evidence", "url", "objective", "plan", "access", "id"]
    ]
)
pick_objective(table, "evidence_table", view)

footer(view)
