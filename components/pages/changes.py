"""Changes since: every status change, new evidence and new measurement since a chosen day.

Every change is counted, but only a page of the newest is written out and sent: since the
first plan's start a portfolio of 10,000 objectives has 127,000 changes, a table for the
meeting pack's workbook, not for a browser.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.layout import footer, page_header
from components.pager import page_index
from components.tables import MAX_CHANGE_ROWS, pick_objective
from components.view import current_view
from tracker.charts import plan_name
from tracker.i18n import format_day, t, tn
from tracker.tables.analysis import CHANGE_KINDS, change_counts, change_index, describe_changes
from tracker.tables.wording import change_name
from tracker.text import safe_link

# The kinds of change listed, in the address (`?change=status&change=measurement`), so a
# link to "the status changes since the last review" shows just those.
KINDS_PARAM = "change"
KINDS_KEY = "changes_kinds"
# The pager's number box (a new day or a new choice of kinds starts at page 1).
PAGE_KEY = "changes_page"


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


def _what_is_shown(first: int, shown: int, total: int) -> str:
    """What the page leaves out, said plainly, and where the rest is."""
    where = t(
        "The Excel workbook on the Meeting pack page lists them all (internal evidence in its "
        "internal edition)."
    )
    if first == 0:
        said = tn(
            "Showing the {shown} newest of {count} change.",
            "Showing the {shown} newest of {count} changes.",
            total,
            shown=shown,
        )
    else:
        said = tn(
            "Showing changes {first} to {last} of {count}, newest first.",
            "Showing changes {first} to {last} of {count}, newest first.",
            total,
            first=first + 1,
            last=first + shown,
        )
    return f"{said} {where} {t('Pick a row to open the objective.')}"


def _by_plan(shown: pd.DataFrame, kinds: list[str], labels: dict[str, str]) -> None:
    """The changes counted by plan and kind: the whole window at a glance, however long."""
    table = change_counts(shown, "plan")[[kind for kind in CHANGE_KINDS if kind in kinds]]
    table = table.assign(total=table.sum(axis=1)).reset_index()
    table["plan"] = table["plan"].map(plan_name)
    names = {"plan": t("Plan"), "total": t("Total"), **labels}
    with st.expander(t("Changes by plan")):
        st.dataframe(table.rename(columns=names), hide_index=True, width="stretch")


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
changes = change_index(view.shown, since)

counts = change_counts(changes)
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
        total = len(shown)
        if total > MAX_CHANGE_ROWS:
            _by_plan(shown, chosen, labels)
        note = st.container()
        window = (since, view.filters, view.audience, tuple(chosen))
        first = page_index(total, MAX_CHANGE_ROWS, window, PAGE_KEY) * MAX_CHANGE_ROWS
        page = describe_changes(view.shown, shown.iloc[first : first + MAX_CHANGE_ROWS])
        if total > MAX_CHANGE_ROWS:
            note.caption(_what_is_shown(first, len(page), total))
        else:
            note.caption(t("Newest first. Pick a row to open the objective."))
        table = page.assign(
            plan=page["plan"].map(plan_name),
            change=page["change"].map(change_name),
            url=page["url"].map(safe_link),
        ).rename(columns={"objective_id": "id"})[
            ["date", "change", "title", "detail", "url", "plan", "id"]
        ]
        pick_objective(table, "changes_table", view)

footer(view)
