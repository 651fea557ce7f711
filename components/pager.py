"""A pager for a long table: which page of rows to send, and a number box to pick another.

A browser table of 20,000 evidence links or 127,000 changes costs seconds to send and tens
of megabytes in the server for every visitor (issue 19); each page sends a page at a time
and says how many rows there are, and the workbook has them all.
"""

from __future__ import annotations

import math

import streamlit as st

from tracker.i18n import t


def page_index(total: int, rows: int, window: tuple[object, ...], key: str) -> int:
    """The page of `rows` rows to show (from 0), with a number box when there is more than
    one; a different `window` (day, filters, choices) starts again from the first page.

    `key` names the number box in the session (and, with '_for', the window it pages)."""
    pages = math.ceil(total / rows)
    if pages <= 1:
        return 0
    paged_for = f"{key}_for"
    if st.session_state.get(paged_for) != window:
        st.session_state[paged_for] = window
        st.session_state[key] = 1
    st.session_state[key] = min(max(int(st.session_state.get(key) or 1), 1), pages)
    page = st.number_input(
        t("Page (of {pages})", pages=pages), min_value=1, max_value=pages, step=1, key=key
    )
    return int(page) - 1
