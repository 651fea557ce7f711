"""Objectives: every objective in the view as one sortable table; a picked row opens it.

A long list is sorted on the server, over every objective the filters leave, and sent a
page at a time (issue 19: at 10,000 objectives the whole table cost the app server 22 MB
while it was sent); the page says which rows it shows and how to reach the others.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.layout import footer, page_header
from components.pager import page_index
from components.tables import MAX_OBJECTIVE_ROWS, objectives_table, pick_objective
from components.view import OBJECTIVE_PARAM, current_view
from tracker.i18n import N_, t
from tracker.tables.search import ranked

COLUMNS = [
    "title", "status", "progress", "due", "overdue", "plan", "owner", "area_title", "type",
    "last_update", "evidence_count", "id",
]  # fmt: skip
SORT_KEY = "objectives_sort"
ORDER_KEY = "objectives_order"
PAGE_KEY = "objectives_page"
# What a long list can be sorted by, as the table's headings name the columns. The first is
# the list's own order (by plan, then due date); "best" is the search's ranking.
BEST = "best"
DEFAULT = "plan"
SORTS = {
    BEST: N_("Best match"),
    DEFAULT: N_("Plan, then due date"),
    "title": N_("Objective"),
    "status": N_("Status"),
    "progress": N_("Progress"),
    "due": N_("Due"),
    "owner": N_("Owner"),
    "area_title": N_("Area"),
    "type": N_("Type"),
    "last_update": N_("Last update"),
    "evidence_count": N_("Evidence"),
}
# Columns whose readers' words are sorted (a title in Serbian sorts as the reader reads it).
TEXT_SORTS = ("title", "owner", "area_title", "type")
ASCENDING, DESCENDING = "ascending", "descending"
ORDERS = {ASCENDING: N_("Ascending"), DESCENDING: N_("Descending")}


def sorted_whole(ordered: pd.DataFrame, by: str, order: str) -> pd.DataFrame:
    """Every objective sorted by `by` (stably: ties keep the list's order); an empty cell last
    whichever way."""
    if by in (BEST, DEFAULT) or by not in ordered.columns:
        return ordered
    if by in TEXT_SORTS:
        shown = objectives_table(ordered, [by])[by]
        key = pd.Series(shown.astype("string").str.casefold().to_numpy(), index=ordered.index)
    elif by == "status":
        key = pd.Series(ordered["status"].cat.codes.to_numpy(), index=ordered.index)
        key = key.where(key >= 0)
    else:
        key = ordered[by]
    position = key.sort_values(
        ascending=order == ASCENDING, kind="stable", na_position="last"
    ).index
    return ordered.loc[position]


def what_is_shown(first: int, shown: int, total: int) -> str:
    """Which rows the page shows, and how to reach the others, said plainly."""
    return " ".join(
        [
            t(
                "Showing objectives {first} to {last} of {count}.",
                first=first + 1,
                last=first + shown,
                count=total,
            ),
            t(
                "The whole list is sorted as chosen above: pick a page to see the others. The "
                "Excel workbook on the Meeting pack page lists them all."
            ),
        ]
    )


# Back from an objective, the browser returns to this page's address with the objective
# still in it: it names nothing here, so it goes (a shared link then says what it shows).
if OBJECTIVE_PARAM in st.query_params:
    del st.query_params[OBJECTIVE_PARAM]

view = current_view()
objectives = view.shown.objectives
page_header(view, t("Objectives"))
paged = len(objectives) > MAX_OBJECTIVE_ROWS
if paged:
    st.caption(
        t(
            "Pick above how the whole list is sorted (a column heading sorts only the rows shown). "
            "Search with the sidebar: it looks through every objective (the table's own "
            "search, top right of the table, only through the rows shown). Click a title, or "
            "pick a row, to open the objective."
        )
    )
else:
    st.caption(
        t(
            "Sort by clicking a column heading; search with the sidebar or the table's own "
            "search (top right of the table). Click a title, or pick a row, to open the "
            "objective."
        )
    )

if objectives.empty:
    st.info(t("No objectives match the filters. Clear some filters in the sidebar."))
else:
    ordered = objectives.sort_values(["plan", "due", "id"], kind="stable")
    if view.filters.text:  # the best hits first: whole words, then words in the title
        ordered = ranked(ordered, view.data.search.scores(view.filters.text, view.audience))
        st.caption(t("Best matches first: whole words, and words in the title, rank higher."))
    if not paged:
        pick_objective(objectives_table(ordered, COLUMNS), "objectives_table", view)
    else:
        sorts = [key for key in SORTS if key != BEST or view.filters.text]
        if st.session_state.get(SORT_KEY) not in sorts:
            st.session_state[SORT_KEY] = sorts[0]
        sort_cell, order_cell, page_cell = st.columns([2, 2, 1], vertical_alignment="bottom")
        by = sort_cell.selectbox(
            t("Sort by"), sorts, format_func=lambda key: t(SORTS[key]), key=SORT_KEY
        )
        order = order_cell.segmented_control(
            t("Order"),
            list(ORDERS),
            format_func=lambda key: t(ORDERS[key]),
            default=ASCENDING,
            key=ORDER_KEY,
            disabled=by in (BEST, DEFAULT),
        )
        order = order or ASCENDING
        note = st.container()
        total = len(ordered)
        window = (view.filters, view.audience, by, order)
        with page_cell:
            first = page_index(total, MAX_OBJECTIVE_ROWS, window, PAGE_KEY) * MAX_OBJECTIVE_ROWS
        page = sorted_whole(ordered, by, order).iloc[first : first + MAX_OBJECTIVE_ROWS]
        note.caption(what_is_shown(first, len(page), total))
        pick_objective(objectives_table(page, COLUMNS), "objectives_table", view)

footer(view)
