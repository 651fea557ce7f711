"""One ammunition-destruction target on screen: the numbers, one sentence, the chart."""

from __future__ import annotations

import streamlit as st

from components.text import escape_markdown
from components.view import View
from tracker.charts import ammunition_progress
from tracker.i18n import t, tn
from tracker.tables.analysis import AmmunitionOutlook


def amount(value: float, unit: str) -> str:
    return f"{value:,.0f} {unit}"


def outlook_sentence(outlook: AmmunitionOutlook) -> str:
    """The projection in words: what is left, and whether the rate so far reaches it in time."""
    unit = outlook.unit
    if outlook.destroyed is None:
        return t(
            "No measurement recorded yet: {remaining} remaining of the {target} target, due {due}.",
            remaining=amount(outlook.remaining, unit),
            target=amount(outlook.target, unit),
            due=outlook.due.isoformat(),
        )
    head = t(
        "{destroyed} destroyed by {as_of}; {remaining} remaining.",
        destroyed=amount(outlook.destroyed, unit),
        as_of=outlook.as_of.isoformat() if outlook.as_of else "—",
        remaining=amount(outlook.remaining, unit),
    )
    if outlook.remaining == 0:
        return head + " " + t("The target is reached.")
    if outlook.rate_per_year is None or outlook.projected_completion is None:
        return head + " " + t("There is not yet enough history to project a rate.")
    projection = t(
        "At {rate} a year the target is reached on {when}",
        rate=amount(outlook.rate_per_year, unit),
        when=outlook.projected_completion.isoformat(),
    )
    if outlook.on_course:
        verdict = t("in time for the due date {due}.", due=outlook.due.isoformat())
    else:
        late = (outlook.projected_completion - outlook.due).days
        verdict = tn(
            "{count} day after the due date {due}.",
            "{count} days after the due date {due}.",
            late,
            due=outlook.due.isoformat(),
        )
    return f"{head} {projection}, {verdict}"


def outlook_tiles(outlook: AmmunitionOutlook) -> None:
    """Destroyed, remaining, the rate so far and when the target falls at that rate."""
    unit = outlook.unit
    cells = st.columns(4)
    destroyed = "—" if outlook.destroyed is None else amount(outlook.destroyed, unit)
    cells[0].metric(t("Destroyed"), destroyed, border=True)
    cells[1].metric(t("Remaining"), amount(outlook.remaining, unit), border=True)
    rate = "—" if outlook.rate_per_year is None else f"{outlook.rate_per_year:,.0f}"
    cells[2].metric(t("Rate so far ({unit} a year)", unit=escape_markdown(unit)), rate, border=True)
    if outlook.projected_completion is None:
        finish = "—"
    else:
        finish = outlook.projected_completion.isoformat()
    cells[3].metric(
        t("Target reached at this rate"),
        finish,
        delta=None
        if outlook.on_course is None
        else (t("on course") if outlook.on_course else t("after the due date")),
        delta_color="normal" if outlook.on_course else "inverse",
        delta_arrow="off",
        border=True,
    )


def show_outlook(view: View, outlook: AmmunitionOutlook, key: str) -> None:
    """Headline numbers, the sentence and the chart for one objective."""
    outlook_tiles(outlook)
    st.markdown(escape_markdown(outlook_sentence(outlook)))
    measurements = view.shown.measurements
    own = measurements[measurements["objective_id"] == outlook.objective_id]
    st.plotly_chart(ammunition_progress(outlook, own, view.today), key=key)
