"""Changes since: every status change, new evidence and new measurement since a chosen day."""

from __future__ import annotations

import streamlit as st

from components.layout import footer, page_header
from components.tables import pick_objective
from components.view import current_view
from tracker.charts import plan_name
from tracker.i18n import format_day, t
from tracker.tables.analysis import changes_since
from tracker.text import safe_link

CHANGE_KINDS = ("status", "update", "evidence", "measurement")

view = current_view()
page_header(view, t("Changes since"))
since = view.changes_since
st.markdown(
    t(
        "**{since}**: the day set in the sidebar (the last review). The overview, the "
        "presentation and the meeting pack use the same day.",
        since=view.since_text(),
    )
)
changes = changes_since(view.shown, since)

counts = changes["change"].value_counts() if len(changes) else {}
cells = st.columns(4)
labels = {
    "status": t("Status changes"),
    "update": t("Other updates"),
    "evidence": t("New evidence"),
    "measurement": t("New measurements"),
}
row_labels = {
    "status": t("Status change"),
    "update": t("Update"),
    "evidence": t("Evidence"),
    "measurement": t("Measurement"),
}
for cell, kind in zip(cells, CHANGE_KINDS, strict=True):
    cell.metric(labels[kind], int(counts.get(kind, 0)), border=True)

if changes.empty:
    newest = view.data.data_date
    message = t("Nothing changed since {date}.", date=format_day(since))
    if newest is not None and newest < since:
        message += " " + t(
            "The newest entry in the data is dated {date}: pick an earlier day in the sidebar "
            "to see it.",
            date=format_day(newest),
        )
    st.info(message)
else:
    st.caption(t("Newest first. Pick a row to open the objective."))
    table = changes.assign(
        plan=changes["plan"].map(plan_name),
        change=changes["change"].map(lambda kind: row_labels.get(kind, kind)),
        url=changes["url"].map(safe_link),
    ).rename(columns={"objective_id": "id"})[
        ["date", "change", "title", "detail", "url", "plan", "id"]
    ]
    pick_objective(table, "changes_table", view)

footer(view)
