"""Presentation mode: one chart per screen in large type, with next and previous, for a meeting.

Open it with `?present=1` (or the sidebar toggle). The sidebar and the page chrome are hidden;
every screen says how current the data is, which filters and audience it shows and what
could not be read, and the screen number
is in the address (`slide=3`), so a link opens the same screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.ammunition_view import outlook_sentence, outlook_tiles
from components.layout import kpi_tiles, trust_notices, view_line
from components.plan_cards import plan_cards
from components.sidebar import PRESENT_KEY
from components.tables import MISSING
from components.text import escape_html, escape_markdown
from components.view import PRESENT_PARAM, View
from tracker import settings
from tracker.charts import (
    ammunition_progress,
    campaign_activity_chart,
    for_screen,
    plan_name,
    status_by_area,
    status_by_group,
    status_by_owner,
    status_by_plan,
    timeline,
)
from tracker.i18n import format_day, t
from tracker.tables.analysis import (
    CAMPAIGN_TYPE,
    PARTNERSHIP_GOAL_TYPE,
    ammunition_outlooks,
    campaign_activity,
    changes_since,
    kpis,
    partnership_goals,
    programme_measurements,
)

SLIDE_PARAM = "slide"
SCREEN_HEIGHT = 660
# A target with no measurement is one bar: it needs less height than a history.
SINGLE_BAR_HEIGHT = 260
# Eight rows fit a 1080p wall screen with the heading and the footer, without a scroll bar.
MAX_CHANGES_SHOWN = 8


@dataclass(frozen=True)
class Screen:
    title: str
    draw: Callable[[], None]


def _chart(build: Callable[[], go.Figure], key: str) -> Callable[[], None]:
    """A screen with one chart, built only when the screen is shown."""
    return lambda: st.plotly_chart(for_screen(build(), SCREEN_HEIGHT), key=f"present_{key}")


def _glance(view: View) -> Callable[[], None]:
    def draw() -> None:
        plan_cards(view)
        kpi_tiles(kpis(view.shown.objectives), settings.stale_days(), per_row=5)

    return draw


def _recent_changes(view: View) -> Callable[[], None]:
    def draw() -> None:
        since = view.changes_since
        changes = changes_since(view.shown, since)
        if changes.empty:
            st.markdown("### " + t("Nothing changed since {date}.", date=format_day(since)))
            return
        shown = changes.head(MAX_CHANGES_SHOWN)
        table = pd.DataFrame(
            {
                t("Date"): shown["date"].map(format_day),
                t("Plan"): shown["plan"].map(plan_name),
                t("Objective"): shown["title"],
                t("What changed"): shown["detail"],
            }
        )
        st.dataframe(table, hide_index=True, width="stretch", row_height=44, placeholder=MISSING)
        if len(changes) > MAX_CHANGES_SHOWN:
            st.caption(
                t(
                    "{shown} newest of {total} changes: the Changes since page lists them all.",
                    shown=MAX_CHANGES_SHOWN,
                    total=len(changes),
                )
            )

    return draw


def _ammunition(view: View, outlook: object, key: str) -> Callable[[], None]:
    history = programme_measurements(view.shown, outlook)

    def draw() -> None:
        st.markdown("### " + escape_markdown(outlook.title))
        st.markdown("#### " + escape_markdown(outlook_sentence(outlook)))
        outlook_tiles(outlook)
        figure = ammunition_progress(outlook, history, view.today)
        height = SINGLE_BAR_HEIGHT if outlook.destroyed is None else SCREEN_HEIGHT - 300
        st.plotly_chart(for_screen(figure, height), key=key)

    return draw


def screens(view: View) -> list[Screen]:
    """The screens for this view, in the order a meeting goes through them."""
    objectives = view.shown.objectives
    found = [Screen(t("At a glance"), _glance(view))]
    if objectives.empty:
        return found
    found += [
        Screen(t("Status by plan"), _chart(lambda: status_by_plan(objectives, ""), "plan")),
        Screen(t("Status by area"), _chart(lambda: status_by_area(objectives, ""), "area")),
        Screen(t("Status by owner"), _chart(lambda: status_by_owner(objectives, ""), "owner")),
        Screen(
            t("Timeline: start to due"),
            _chart(lambda: timeline(objectives, view.today, ""), "timeline"),
        ),
    ]
    for number, outlook in enumerate(ammunition_outlooks(view.shown)[:3]):
        draw = _ammunition(view, outlook, f"present_ammunition_{number}")
        found.append(Screen(t("Ammunition destruction"), draw))
    types = set(objectives["type"].astype(str))
    if CAMPAIGN_TYPE in types:
        found.append(
            Screen(
                t("Information campaign: activities per quarter"),
                _chart(
                    lambda: campaign_activity_chart(campaign_activity(view.shown), ""), "campaign"
                ),
            )
        )
    if PARTNERSHIP_GOAL_TYPE in types:
        found.append(
            Screen(
                t("Partnership goals by field"),
                _chart(lambda: status_by_group(partnership_goals(objectives), ""), "goals"),
            )
        )
    found.append(Screen(t("Changes {since}", since=view.since_text()), _recent_changes(view)))
    return found


def _go_to(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def _leave() -> None:
    st.session_state[PRESENT_KEY] = False
    for param in (SLIDE_PARAM, PRESENT_PARAM):
        if param in st.query_params:
            del st.query_params[param]


def current_number(count: int) -> int:
    """The screen asked for in the address (1-based), kept within the screens there are."""
    raw = st.query_params.get(SLIDE_PARAM, "1")
    number = int(raw) if raw.strip().isdigit() else 1
    return min(max(number, 1), count)


def show(view: View) -> None:
    """Draw one screen with its title, the data date and filters, and the way to move on."""
    available = screens(view)
    number = current_number(len(available))
    screen = available[number - 1]
    trust_notices(view)
    st.title(escape_markdown(screen.title))
    screen.draw()
    st.html(
        '<div class="ipap-footer">'
        + escape_html(
            t(
                "{view} · screen {number} of {count}",
                view=view_line(view),
                number=number,
                count=len(available),
            )
        )
        + "</div>"
    )
    back, _, forward, leave = st.columns([1, 4, 1, 1])
    back.button(
        t("Previous"),
        icon=":material/arrow_back:",
        on_click=_go_to,
        args=(number - 1,),
        disabled=number == 1,
        width="stretch",
    )
    forward.button(
        t("Next"),
        icon=":material/arrow_forward:",
        on_click=_go_to,
        args=(number + 1,),
        disabled=number == len(available),
        width="stretch",
    )
    leave.button(t("Exit"), icon=":material/close:", on_click=_leave, width="stretch")
