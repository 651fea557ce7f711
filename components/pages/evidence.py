"""Evidence: every link that shows work was done, newest first, each opening its source.

Every item is counted, but only a page of the newest is written out and sent: 10,000
objectives have about 20,000 evidence links, and sending them all kept the app server over
its 300 MB (issue 19); the workbook lists them all.
"""

from __future__ import annotations

import streamlit as st

from components.layout import footer, page_header
from components.pager import page_index
from components.tables import MAX_EVIDENCE_ROWS, pick_objective
from components.view import current_view
from tracker.charts import plan_name
from tracker.i18n import format_day, t, tn
from tracker.text import safe_link

PAGE_KEY = "evidence_page"


def what_is_shown(first: int, shown: int, total: int) -> str:
    """What the page leaves out, said plainly, and where the rest is."""
    if first == 0:
        said = tn(
            "Showing the {shown} newest of {count} evidence item.",
            "Showing the {shown} newest of {count} evidence items.",
            total,
            shown=shown,
        )
    else:
        said = tn(
            "Showing evidence items {first} to {last} of {count}, newest first.",
            "Showing evidence items {first} to {last} of {count}, newest first.",
            total,
            first=first + 1,
            last=first + shown,
        )
    where = t(
        "The Excel workbook on the Meeting pack page lists them all (internal evidence in its "
        "internal edition)."
    )
    return f"{said} {where}"


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
note = st.container()
total = len(shown)
window = (view.filters, view.audience, tuple(chosen))
first = page_index(total, MAX_EVIDENCE_ROWS, window, PAGE_KEY) * MAX_EVIDENCE_ROWS
# Sorted whole, then only the page is dressed in words and sent.
page = shown.sort_values("date", ascending=False, kind="stable").iloc[
    first : first + MAX_EVIDENCE_ROWS
]
how = t("Newest first. Open a link to read the source; pick a row to open the objective.")
note.caption(f"{what_is_shown(first, len(page), total)} {how}" if total > len(page) else how)
table = page.assign(
    kind=page["kind"].map(t),
    objective=page["objective_id"].map(titles),
    plan=page["plan"].map(plan_name),
    access=page["access"].map(t),
).rename(columns={"objective_id": "id", "title": "evidence"})[
    ["date", "kind", "evidence", "url", "objective", "plan", "access", "id"]
]
pick_objective(table, "evidence_table", view)

footer(view)
