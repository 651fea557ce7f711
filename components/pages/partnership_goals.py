"""Partnership goals: every goal as a tile coloured by status, grouped by field."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from components import chart, navigation
from components.layout import footer, page_header, status_badge
from components.text import escape_html
from components.view import OBJECTIVE_PARAM, View, current_view
from tracker.charts import plan_name, status_by_group
from tracker.i18n import t, tn, tp
from tracker.statuses import STATUS_COLOURS
from tracker.tables.analysis import partnership_goals

# Past this many tiles the page would be a wall of colour; the chart still counts them all.
MAX_TILES = 300
# Small fields sit side by side; a field with more goals than this gets the full width.
GROUP_TILES_BESIDE = 3


def _tile(view: View, goal: object) -> str:
    """One goal as a link to its detail page; every piece of data text is escaped."""
    status = str(goal.status)
    address = (
        navigation.OBJECTIVE_URL_PATH
        + "?"
        + urlencode(view.link_params(**{OBJECTIVE_PARAM: str(goal.id)}), doseq=True)
    )
    meta = f"{goal.id} · {plan_name(str(goal.plan))} · {goal.owner}"
    return (
        f'<a class="ipap-tile" href="{escape_html(address)}" target="_self" '
        f'style="border-left-color:{STATUS_COLOURS[status]}">'
        f'<div class="ipap-tile-status">{status_badge(status)}</div>'
        f'<div class="ipap-tile-title">{escape_html(goal.title)}</div>'
        f'<div class="ipap-tile-meta">{escape_html(meta)}</div></a>'
    )


view = current_view()
page_header(view, t("Partnership goals"))
goals = partnership_goals(view.shown.objectives)

if goals.empty:
    st.info(t("No partnership goal in this view."))
    footer(view)
    st.stop()

st.subheader(t("Partnership goals by field"))
chart.show(
    chart.fit_bars(status_by_group(goals, "", plot_pixels=chart.bar_pixels())),
    "chart_goals",
    t("Partnership goals by field"),
    tp("an objective's field of work", "Field"),
)

shown = goals.head(MAX_TILES)
if len(goals) > MAX_TILES:
    # The count of all goals decides the form ("од 302 циља", "од 305 циљева").
    st.info(
        tn(
            "Showing the first {shown} of {count} goal as tiles: narrow the filters to see the "
            "rest. The chart above counts them all.",
            "Showing the first {shown} of {count} goals as tiles: narrow the filters to see the "
            "rest. The chart above counts them all.",
            len(goals),
            shown=MAX_TILES,
        )
    )
blocks = []
for group, members in shown.groupby("group", sort=False):
    wide = " ipap-wide" if len(members) > GROUP_TILES_BESIDE else ""
    tiles = "".join(_tile(view, goal) for goal in members.itertuples(index=False))
    blocks.append(
        f'<section class="ipap-group{wide}"><h4>{escape_html(group)} ({len(members)})</h4>'
        f'<div class="ipap-tiles">{tiles}</div></section>'
    )
st.html(f'<div class="ipap-groups">{"".join(blocks)}</div>')

footer(view)
