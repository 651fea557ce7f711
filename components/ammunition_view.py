"""One ammunition-destruction programme on screen: the numbers, one sentence, the chart."""

from __future__ import annotations

import streamlit as st

from components import chart
from components.layout import tile_grid
from components.text import escape_markdown
from components.view import View
from tracker.charts import ammunition_progress, plan_name
from tracker.i18n import format_day, t, tn
from tracker.tables.analysis import AmmunitionOutlook, programme_measurements, thousands
from tracker.tables.wording import estimate, quantity, unit_name

UNKNOWN = "—"


def amount(value: float | None, unit: str) -> str:
    """A quantity with thousands separated; an unknown one says so, never as 0."""
    if value is None:
        return t("not measured yet")
    return quantity(value, unit)


def programme_name(outlook: AmmunitionOutlook) -> str:
    """The plans a programme runs across, as people say them: "IPAP 1 + IPAP 2"."""
    return " + ".join(plan_name(plan) for plan in outlook.plans) or outlook.objective_id


def outlook_sentence(outlook: AmmunitionOutlook) -> str:
    """The projection in words: what is left, and whether the rate so far reaches it in time."""
    unit = outlook.unit
    if outlook.destroyed is None:
        return t(
            "Not measured yet: no amount destroyed is recorded against the {target} target "
            "(due {due}), so what remains is unknown.",
            target=amount(outlook.target, unit),
            due=format_day(outlook.due),
        )
    head = t(
        "{destroyed} destroyed by {as_of}; {remaining} remaining.",
        destroyed=amount(outlook.destroyed, unit),
        as_of=format_day(outlook.as_of) if outlook.as_of else UNKNOWN,
        remaining=amount(outlook.remaining, unit),
    )
    if outlook.remaining == 0:
        return head + " " + t("The target is reached.")
    if outlook.rate_per_year is None or outlook.projected_completion is None:
        return (
            head
            + " "
            + t(
                "A projection needs at least two measurements: {count} so far.",
                count=outlook.measurement_count,
            )
        )
    projection = t(
        "At {rate} a year (measured since {since}) the target is reached on {when}",
        rate=amount(estimate(outlook.rate_per_year), unit),
        since=format_day(outlook.measured_since) if outlook.measured_since else UNKNOWN,
        when=format_day(outlook.projected_completion),
    )
    if outlook.on_course:
        verdict = t("in time for the due date {due}.", due=format_day(outlook.due))
    else:
        late = (outlook.projected_completion - outlook.due).days
        verdict = tn(
            "{count} day after the due date {due}.",
            "{count} days after the due date {due}.",
            late,
            due=format_day(outlook.due),
        )
    return f"{head} {projection}, {verdict}"


def _outlook_list(outlook: AmmunitionOutlook) -> list[tuple[str, str, str]]:
    """Destroyed, remaining, the rate so far and when the target falls, as (label, value,
    meaning) for the presentation's tile grid; the labels say it all, so no meaning."""
    unit = outlook.unit
    rate = UNKNOWN if outlook.rate_per_year is None else thousands(round(outlook.rate_per_year))
    # Whether that is in time is in the sentence above the tiles.
    finish = UNKNOWN
    if outlook.projected_completion is not None:
        finish = format_day(outlook.projected_completion)
    return [
        (t("Destroyed"), amount(outlook.destroyed, unit), ""),
        (t("Remaining"), amount(outlook.remaining, unit), ""),
        (t("Rate so far ({unit} a year)", unit=unit_name(unit)), rate, ""),
        (_finish_label(outlook), finish, ""),
    ]


def _finish_label(outlook: AmmunitionOutlook) -> str:
    """Reached: the day it was measured so; not yet: the day the rate so far would reach it."""
    return t("Target reached on") if outlook.reached else t("Target reached at this rate")


def outlook_grid(outlook: AmmunitionOutlook) -> str:
    """The programme's four numbers as one HTML grid of tiles (presentation mode)."""
    return tile_grid(_outlook_list(outlook))


def outlook_tiles(outlook: AmmunitionOutlook) -> None:
    """Destroyed, remaining, the rate so far and when the target falls at that rate."""
    unit = outlook.unit
    cells = st.columns(4)
    cells[0].metric(t("Destroyed"), amount(outlook.destroyed, unit), border=True)
    cells[1].metric(t("Remaining"), amount(outlook.remaining, unit), border=True)
    rate = UNKNOWN if outlook.rate_per_year is None else thousands(round(outlook.rate_per_year))
    cells[2].metric(
        t("Rate so far ({unit} a year)", unit=escape_markdown(unit_name(unit))), rate, border=True
    )
    if outlook.projected_completion is None:
        finish = UNKNOWN
    else:
        finish = format_day(outlook.projected_completion)
    cells[3].metric(
        _finish_label(outlook),
        finish,
        delta=None
        if outlook.on_course is None or outlook.reached
        else (t("on course") if outlook.on_course else t("after the due date")),
        delta_color="normal" if outlook.on_course else "inverse",
        delta_arrow="off",
        border=True,
    )


def show_outlook(view: View, outlook: AmmunitionOutlook, key: str) -> None:
    """Headline numbers, the sentence and the chart for one programme."""
    if len(outlook.objective_ids) > 1:
        st.caption(
            t(
                "One programme across {plans}: {ids}. Their measurements are counted together.",
                plans=escape_markdown(programme_name(outlook)),
                ids=escape_markdown(", ".join(outlook.objective_ids)),
            )
        )
    outlook_tiles(outlook)
    st.markdown(escape_markdown(outlook_sentence(outlook)))
    history = programme_measurements(view.shown, outlook)
    chart.draw(ammunition_progress(outlook, history, view.today), key, outlook.title)
