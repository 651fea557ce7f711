"""Objectives: every objective in the view as one sortable table; a picked row opens it."""

from __future__ import annotations

import streamlit as st

from components.layout import footer, page_header
from components.tables import objectives_table, pick_objective
from components.view import current_view
from tracker.i18n import t

view = current_view()
objectives = view.shown.objectives
page_header(view, t("Objectives"))
st.caption(
    t(
        "Sort by clicking a column heading; search with the sidebar or the table's own search "
        "(top right of the table). Pick a row to open the objective."
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
    pick_objective(objectives_table(ordered, columns), "objectives_table", view)

footer(view)
