"""Objectives: every objective in the view as one sortable table; a picked row opens it."""

from __future__ import annotations

import streamlit as st

from components.layout import footer, page_header
from components.tables import objectives_table, pick_objective
from components.view import OBJECTIVE_PARAM, current_view
from tracker.i18n import t
from tracker.tables.search import ranked

# Back from an objective, the browser returns to this page's address with the objective
# still in it: it names nothing here, so it goes (a shared link then says what it shows).
if OBJECTIVE_PARAM in st.query_params:
    del st.query_params[OBJECTIVE_PARAM]

view = current_view()
objectives = view.shown.objectives
page_header(view, t("Objectives"))
st.caption(
    t(
        "Sort by clicking a column heading; search with the sidebar or the table's own search "
        "(top right of the table). Click a title, or pick a row, to open the objective."
    )
)

if objectives.empty:
    st.info(t("No objectives match the filters. Clear some filters in the sidebar."))
else:
    columns = [
        "title", "status", "progress", "due", "overdue", "plan", "owner", "area_title", "type",
        "last_update", "evidence_count", "id",
    ]  # fmt: skip
    ordered = objectives.sort_values(["plan", "due", "id"], kind="stable")
    if view.filters.text:  # the best hits first: whole words, then words in the title
        ordered = ranked(ordered, view.data.search.scores(view.filters.text, view.audience))
        st.caption(t("Best matches first: whole words, and words in the title, rank higher."))
    pick_objective(objectives_table(ordered, columns), "objectives_table", view)

footer(view)
