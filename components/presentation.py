"""Presentation mode: one chart per screen in large type, with next and previous, for a meeting.

A page of its own (components/pages/presentation.py, registered in components/navigation.py):
open it with `?present=1` on any address, the sidebar toggle, or its address /presentation;
Exit goes back to the page it was opened from. The sidebar and the page chrome are hidden;
every screen says how current the data is, which filters and audience it shows and what
could not be read, and the screen number
is in the address (`slide=3`), so a link opens the same screen.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components import chart, clicker, navigation
from components.ammunition_view import outlook_grid, outlook_sentence
from components.clicker import SMALLEST
from components.layout import kpi_grid, trust_notices, view_line
from components.plan_cards import plan_cards
from components.screen_fit import ScreenFit
from components.sidebar import LEAVING_KEY, PRESENT_KEY, PUBLIC_KEY
from components.tables import MISSING
from components.text import escape_html, escape_markdown
from components.view import PRESENT_PARAM, View
from tracker import settings
from tracker.charts import (
    ammunition_progress,
    bar_rows,
    campaign_activity_chart,
    for_screen,
    notice_text,
    plan_name,
    rest_sentence,
    status_by_area,
    status_by_group,
    status_by_owner,
    status_by_plan,
    timeline,
    timeline_rows,
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
from tracker.text import shorten

SLIDE_PARAM = "slide"
_ON_ITS_PAGE_KEY = "present_on_its_page"  # whether the last run showed the presentation page
_CAME_FROM_KEY = "present_came_from"  # the page's address the mode was turned on from


@dataclass(frozen=True)
class Screen:
    title: str
    draw: Callable[[], None]


def _draw(figure: go.Figure, key: str, height: int, fit: ScreenFit, title: str = "") -> None:
    """The chart sized for the screen (its figures in words for screen readers), or its one
    sentence where that is all it holds."""
    sentence = notice_text(figure)
    if sentence is not None:
        st.markdown("### " + escape_markdown(sentence))
    else:
        chart.draw(for_screen(figure, height, fit.type_px, fit.width), key, title)


def _chart(
    build: Callable[[], go.Figure], key: str, fit: ScreenFit, title: str = "", lines: float = 0
) -> Callable[[], None]:
    """A screen with one chart, built only when the screen is shown, as tall as the window
    leaves it (`lines` of type drawn under the chart besides)."""
    return lambda: _draw(build(), f"present_{key}", fit.room(lines), fit, title)


def _bars(
    build: Callable[[int], go.Figure], key: str, fit: ScreenFit, title: str = ""
) -> Callable[[], None]:
    """A screen of status bars: as many groups as have legible labels at this size, and the
    rest said in words under the chart."""

    def draw() -> None:
        room = fit.room(lines=2.6)
        figure = build(bar_rows(room, fit.type_px))
        rest = rest_sentence(figure)
        height = room if rest else fit.room()
        _draw(figure, f"present_{key}", height, fit, title)
        if rest:
            st.markdown(escape_markdown(rest))

    return draw


def _glance(view: View, fit: ScreenFit) -> Callable[[], None]:
    def draw() -> None:
        plan_cards(view, compact=True)
        st.html(kpi_grid(kpis(view.shown.objectives), settings.stale_days()))

    return draw


def _changes_table(changes: pd.DataFrame) -> str:
    """The newest changes as an HTML table whose cells wrap (type scales with the screen)."""
    head = "".join(
        f'<th scope="col">{escape_html(name)}</th>'
        for name in (t("Date"), t("Plan"), t("Objective"), t("What changed"))
    )
    rows = "".join(
        "<tr>"
        f"<td>{escape_html(format_day(day))}</td>"
        f"<td>{escape_html(plan_name(str(plan)))}</td>"
        f"<td title=\"{escape_html(title)}\">{escape_html(shorten(title, 90))}</td>"
        f"<td title=\"{escape_html(detail)}\">{escape_html(shorten(detail, 70))}</td>"
        "</tr>"
        for day, plan, title, detail in zip(
            changes["date"], changes["plan"], changes["title"].astype(str),
            changes["detail"].fillna(MISSING).astype(str), strict=True,
        )
    )  # fmt: skip
    return (
        f'<table class="ipap-changes"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


# The changes table's type, as a share of the screen's (table.ipap-changes: 0.8em), a
# letter's width and a line's height in it, and a row's padding and border, in its type.
TABLE_TYPE = 0.8
LETTER_EM = 0.5
LINE_EM = 1.25
ROW_PADDING_EM = 0.45
HEADER_EM = 1.9


def changes_that_fit(changes: pd.DataFrame, fit: ScreenFit) -> int:
    """How many of the newest changes the screen holds, row by row as each will wrap: a row
    whose cells' letters fill more than a line of the table takes two or three. Counted at
    two lines a row, the shipped data's screen showed 10 of 17 one-line changes at 1280x720,
    half the screen left empty above "the Changes since page lists them all"."""
    type_px = TABLE_TYPE * fit.type_px
    room = fit.room(lines=2.5) - HEADER_EM * type_px
    line = max(1.0, fit.width / (LETTER_EM * type_px) - 8 * 0.4 / LETTER_EM)
    used, shown = 0.0, 0
    for day, plan, title, detail in zip(
        changes["date"], changes["plan"], changes["title"].astype(str),
        changes["detail"].fillna(MISSING).astype(str), strict=True,
    ):  # fmt: skip
        letters = len(format_day(day)) + len(plan_name(str(plan)))
        letters += len(shorten(title, 90)) + len(shorten(detail, 70))
        lines = min(3, math.ceil(letters / line))
        height = type_px * (LINE_EM * lines + ROW_PADDING_EM) + 1
        if used + height > room:
            break
        used, shown = used + height, shown + 1
    return max(2, shown)


def _recent_changes(view: View, fit: ScreenFit) -> Callable[[], None]:
    def draw() -> None:
        since = view.changes_since
        changes = changes_since(view.shown, since)
        if changes.empty:
            st.markdown("### " + t("Nothing changed since {date}.", date=format_day(since)))
            return
        fits = changes_that_fit(changes, fit)
        st.html(_changes_table(changes.head(fits)))
        if len(changes) > fits:
            st.markdown(
                t(
                    "{shown} newest of {total} changes: the Changes since page lists them all.",
                    shown=min(fits, len(changes)),
                    total=len(changes),
                )
            )

    return draw


def _ammunition(view: View, outlook: object, key: str, fit: ScreenFit) -> Callable[[], None]:
    history = programme_measurements(view.shown, outlook)

    def draw() -> None:
        st.markdown("### " + escape_markdown(outlook.title))
        st.markdown(escape_markdown(outlook_sentence(outlook)))
        st.html(outlook_grid(outlook))
        figure = ammunition_progress(outlook, history, view.today)
        # The heading, two lines of sentence and a row of tiles sit above the chart.
        room = fit.room(lines=9.5)
        height = min(room, 5 * fit.type_px + 120) if outlook.destroyed is None else room
        _draw(figure, key, height, fit, outlook.title)

    return draw


def _timeline_screen(view: View, fit: ScreenFit) -> Screen:
    """One bar per objective while every bar's label is readable at this size; past that the
    screen counts objectives by the quarter they fall due, and its title says so."""
    objectives = view.shown.objectives
    room = fit.room()
    rows = timeline_rows(room, fit.type_px)
    if len(objectives) <= rows:
        title = t("Timeline: start to due")
    else:
        title = t("Objectives by due quarter")
    build = lambda: timeline(objectives, view.today, "", max_rows=rows)  # noqa: E731
    return Screen(title, _chart(build, "timeline", fit, title))


def screens(view: View, fit: ScreenFit | None = None) -> list[Screen]:
    """The screens for this view, in the order a meeting goes through them."""
    fit = fit or ScreenFit(SMALLEST)
    objectives = view.shown.objectives
    found = [Screen(t("At a glance"), _glance(view, fit))]
    if objectives.empty:
        return found
    found += [
        Screen(
            t("Status by plan"),
            _chart(lambda: status_by_plan(objectives, ""), "plan", fit, t("Status by plan")),
        ),
        Screen(
            t("Status by area"),
            _bars(
                lambda rows: status_by_area(objectives, "", max_groups=rows),
                "area",
                fit,
                t("Status by area"),
            ),
        ),
        Screen(
            t("Status by owner"),
            _bars(
                lambda rows: status_by_owner(objectives, "", max_groups=rows),
                "owner",
                fit,
                t("Status by owner"),
            ),
        ),
        _timeline_screen(view, fit),
    ]
    for number, outlook in enumerate(ammunition_outlooks(view.shown)[:3]):
        draw = _ammunition(view, outlook, f"present_ammunition_{number}", fit)
        found.append(Screen(t("Ammunition destruction"), draw))
    types = set(objectives["type"].astype(str))
    if CAMPAIGN_TYPE in types:
        found.append(
            Screen(
                t("Information campaign: activities per quarter"),
                _chart(
                    lambda: campaign_activity_chart(campaign_activity(view.shown), ""),
                    "campaign",
                    fit,
                    t("Information campaign: activities per quarter"),
                ),
            )
        )
    if PARTNERSHIP_GOAL_TYPE in types:
        found.append(
            Screen(
                t("Partnership goals by field"),
                _chart(
                    lambda: status_by_group(partnership_goals(objectives), ""),
                    "goals",
                    fit,
                    t("Partnership goals by field"),
                ),
            )
        )
    found.append(Screen(t("Changes {since}", since=view.since_text()), _recent_changes(view, fit)))
    return found


def _go_to(number: int) -> None:
    st.query_params[SLIDE_PARAM] = str(number)


def _leave() -> None:
    st.session_state[PRESENT_KEY] = False
    st.session_state[LEAVING_KEY] = True
    for param in (SLIDE_PARAM, PRESENT_PARAM):
        if param in st.query_params:
            del st.query_params[param]


def current_number(count: int) -> int:
    """The screen asked for in the address (1-based), kept within the screens there are."""
    raw = st.query_params.get(SLIDE_PARAM, "1")
    number = int(raw) if raw.strip().isdigit() else 1
    return min(max(number, 1), count)


def moved(move: str | None, number: int, count: int) -> int:
    """The screen a key press asks for: next, previous, first or last, within the screens."""
    wanted = {
        "next": number + 1,
        "previous": number - 1,
        "first": 1,
        "last": count,
    }.get(move or "", number)
    return min(max(wanted, 1), count)


def show(view: View) -> None:
    """Draw one screen with its title, the data date and filters, and the way to move on."""
    viewport, move = clicker.controls(t("Full screen"), t("Leave full screen"))
    notices = len(view.notices) + (1 if view.unreadable_text() else 0)
    fit = ScreenFit(viewport, notices)
    st.html(fit.css())
    available = screens(view, fit)
    number = current_number(len(available))
    if move:
        number = moved(move, number, len(available))
        _go_to(number)
    screen = available[number - 1]
    trust_notices(view)
    st.title(escape_markdown(screen.title))
    screen.draw()
    # The screen's place kept on one line ("екран 1 од" / "9" was, at 1280×720 in Serbian).
    place = escape_html(t("screen {number} of {count}", number=number, count=len(available)))
    kept = '<span class="ipap-nowrap">' + place + "</span>"
    line = t("{view} · {place}", view=escape_html(view_line(view)), place=kept)
    st.html(f'<div class="ipap-footer">{line}</div>')
    back, _, forward, leave = st.columns([1, 4, 1, 1])
    back.button(
        t("Previous"),
        icon=":material/arrow_back:",
        on_click=_go_to,
        args=(number - 1,),
        disabled=number == 1,
        width="stretch",
        key="present_previous",
    )
    forward.button(
        t("Next"),
        icon=":material/arrow_forward:",
        on_click=_go_to,
        args=(number + 1,),
        disabled=number == len(available),
        width="stretch",
        key="present_next",
    )
    leave.button(
        t("Exit"), icon=":material/close:", on_click=_leave, width="stretch", key="present_exit"
    )


# --- The mode and its page -------------------------------------------------------------------
# Presenting (the sidebar's toggle, seeded from `?present=1`) and being on the presentation
# page are one state: app.py calls `arrive` before the sidebar draws the toggle and `follow`
# once the view is known, so whichever of the two changed, the other follows it.


def _is_presentation(page: StreamlitPage, pages: dict[str, StreamlitPage]) -> bool:
    return page.url_path == pages[navigation.PRESENTATION].url_path


def arrive(page: StreamlitPage, pages: dict[str, StreamlitPage]) -> None:
    """Coming to the presentation page (its address, or a switch to it) turns the mode on,
    for outsiders as the toggle does; a session's first run leaves the audience to the link."""
    here = _is_presentation(page, pages)
    arrived = here and not st.session_state.get(_ON_ITS_PAGE_KEY, False)
    st.session_state[_ON_ITS_PAGE_KEY] = here
    if arrived and not st.session_state.get(PRESENT_KEY, False):
        if PRESENT_KEY in st.session_state:
            st.session_state[PUBLIC_KEY] = True
        st.session_state[PRESENT_KEY] = True


def follow(view: View, page: StreamlitPage, pages: dict[str, StreamlitPage]) -> None:
    """Go to the presentation page when the mode is on elsewhere, and back to the page it was
    opened from (else the first page) when it is turned off there; the address goes along."""
    here = _is_presentation(page, pages)
    address = {name: st.query_params.get_all(name) for name in st.query_params}
    if view.presenting and not here:
        st.session_state[_CAME_FROM_KEY] = page.url_path
        st.switch_page(pages[navigation.PRESENTATION], query_params=address)
    if here and not view.presenting:
        came_from = st.session_state.get(_CAME_FROM_KEY)
        back = [other for other in pages.values() if other.url_path == came_from]
        st.switch_page(back[0] if back else next(iter(pages.values())), query_params=address)
