"""Changes since: every status change, new evidence and new measurement since a chosen day."""

from __future__ import annotations

import streamlit as st

from components.layout import footer, page_header
from components.tables import pick_objective
from components.view import current_view
from tracker.charts import plan_name
from tracker.i18n import format_day, t
from tracker.tables.analysis import CHANGE_KINDS, changes_since
from tracker.tables.wording import change_name
from tracker.text import safe_link

# The kinds of change listed, in the address (`?change=status&change=measurement`), so a
# link to "the status changes since the last review" shows just those.
KINDS_PARAM = "change"
KINDS_KEY = "changes_kinds"


def _kinds_from_address() -> None:
    if KINDS_KEY not in st.session_state:
        asked = [kind for kind in st.query_params.get_all(KINDS_PARAM) if kind in CHANGE_KINDS]
        st.session_state[KINDS_KEY] = asked or list(CHANGE_KINDS)


def _kinds_to_address(chosen: list[str]) -> None:
    """Every kind is the default and stays out of the address; a narrower choice goes in."""
    wanted = [kind for kind in CHANGE_KINDS if kind in chosen]
    if set(wanted) == set(CHANGE_KINDS) or not wanted:
        if KINDS_PARAM in st.query_params:
            del st.query_params[KINDS_PARAM]
    elif st.query_params.get_all(KINDS_PARAM) != wanted:
        st.query_params[KINDS_PARAM] = wanted


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
labels = {
    "status": t("Status changes"),
    "update": t("Other updates"),
    "evidence": t("New evidence"),
    "measurement": t("New measurements"),
}
cells = st.columns(len(CHANGE_KINDS))
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
    _kinds_from_address()
    chosen = st.pills(
        t("Show"),
        options=list(CHANGE_KINDS),
        format_func=lambda kind: f"{labels[kind]} ({int(counts.get(kind, 0))})",
        selection_mode="multi",
        key=KINDS_KEY,
    )
    _kinds_to_address(chosen)
    shown = changes[changes["change"].isin(chosen)]
    if shown.empty:
        st.info(t("No change of the kinds picked: pick another kind above."))
    else:
        st.caption(t("Newest first. Pick a row to open the objective."))
        table = shown.assign(
            plan=shown["plan"].map(plan_name),
            change=shown["change"].map(change_name),
            url=shown["url"].map(safe_link),
        ).rename(columns={"objective_id": "id"})[
            ["date", "change", "title", "detail", "url", "plan", "id"]
        ]
        pick_objective(table, "changes_table", view)

footer(view)
