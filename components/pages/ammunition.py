"""Ammunition destruction: tonnes destroyed against the target, and when it would be reached."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.ammunition_view import UNKNOWN, amount, programme_name, show_outlook
from components.layout import footer, page_header
from components.tables import MISSING
from components.text import escape_markdown
from components.view import current_view
from tracker.charts import plan_name
from tracker.i18n import format_count, format_day, t
from tracker.model import AMMUNITION_TYPE
from tracker.tables.analysis import ammunition_outlooks

# Up to this many targets are shown in full; beyond it, a table and a picker.
SHOWN_IN_FULL = 3
# Up to this many objectives with no target are named one by one; beyond it, one sentence.
NAMED_UNTARGETED = 3

view = current_view()
page_header(view, t("Ammunition destruction"))
outlooks = ammunition_outlooks(view.shown)
objectives = view.shown.objectives
untargeted = objectives[(objectives["type"] == AMMUNITION_TYPE) & ~objectives["has_metric"]]
if len(untargeted) <= NAMED_UNTARGETED:
    for row in untargeted.itertuples(index=False):
        # Shown as what it is: no target, so no target and no "remaining" either.
        st.caption(
            t(
                "{title} ({id}) sets no target and records no amount destroyed.",
                title=escape_markdown(row.title),
                id=escape_markdown(row.id),
            )
        )
else:
    # One sentence and a list to open: a caption each put 2,400 lines (137,000 px) above the
    # first programme of a 10,000-objective portfolio.
    no_target = t(
        "Ammunition-destruction objectives that set no target and record no amount "
        "destroyed: {count}.",
        count=format_count(len(untargeted)),
    )
    st.caption(no_target)
    with st.expander(t("Objectives with no target")):
        st.dataframe(
            pd.DataFrame(
                {
                    t("Objective"): untargeted["title"].astype(str).to_numpy(),
                    t("Plan"): [plan_name(str(plan)) for plan in untargeted["plan"]],
                    t("ID"): untargeted["id"].astype(str).to_numpy(),
                }
            ),
            hide_index=True,
            width="stretch",
            placeholder=MISSING,
        )

if not outlooks:
    st.info(t("No ammunition-destruction objective with a target in this view."))
    footer(view)
    st.stop()

if len(outlooks) > 1:
    summary = pd.DataFrame(
        {
            t("Objective"): [o.title for o in outlooks],
            t("Plans"): [programme_name(o) for o in outlooks],
            t("ID"): [", ".join(o.objective_ids) for o in outlooks],
            t("Target"): [amount(o.target, o.unit) for o in outlooks],
            t("Destroyed"): [amount(o.destroyed, o.unit) for o in outlooks],
            t("Remaining"): [amount(o.remaining, o.unit) for o in outlooks],
            t("Reached at this rate"): [
                format_day(o.projected_completion) if o.projected_completion else UNKNOWN
                for o in outlooks
            ],
            t("Due"): [format_day(o.due) for o in outlooks],
        }
    )
    st.dataframe(summary, hide_index=True, width="stretch", placeholder=MISSING)

chosen = outlooks
if len(outlooks) > SHOWN_IN_FULL:
    by_id = {o.objective_id: o for o in outlooks}
    picked = st.selectbox(
        t("Show one target in full"),
        options=list(by_id),
        format_func=lambda objective_id: f"{by_id[objective_id].title} ({objective_id})",
    )
    chosen = [by_id[picked]]

for number, outlook in enumerate(chosen):
    st.subheader(escape_markdown(outlook.title))
    st.caption(escape_markdown(outlook.objective_id))
    show_outlook(view, outlook, key=f"chart_ammunition_{number}")

footer(view)
