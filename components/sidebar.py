"""The sidebar every page shares: which data is shown, the filters, and presentation mode.

The widgets start from the page address and write their values back to it, so the address
always reproduces the view; a value in a link that the data does not know (a plan that was
renamed, say) is left out and the sidebar says so, instead of the page failing.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components import navigation
from components.data import Data, load_data
from components.text import escape_markdown
from components.view import (
    FILTER_PARAMS,
    PRESENT_PARAM,
    View,
    filter_params,
    filters_from_params,
    is_true,
    make_view,
)
from tracker.charts import plan_name
from tracker.i18n import t, tn
from tracker.model import OBJECTIVE_TYPES
from tracker.problems import problem_total
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.filters import Filters

WIDGET_KEYS = {name: f"filter_{name}" for name in FILTER_PARAMS}
PRESENT_KEY = "present_mode"
LIST_FILTERS = ("plan", "area", "type", "status", "owner")


def _area_labels(data: Data) -> dict[str, str]:
    """Area id -> 'title (plan)', for every area a plan defines or an objective names."""
    plans_of: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for plan in data.portfolio.plans.values():
        for area in plan.areas:
            titles.setdefault(area.id, area.title)
            plans_of.setdefault(area.id, []).append(plan_name(plan.id))
    named = data.frames.objectives[["area", "area_title", "plan"]].drop_duplicates()
    for area, title, plan in zip(named["area"], named["area_title"], named["plan"], strict=True):
        titles.setdefault(area, title)
        if plan_name(plan) not in plans_of.setdefault(area, []):
            plans_of[area].append(plan_name(plan))
    return {area: f"{titles[area]} ({', '.join(plans_of[area])})" for area in titles}


def filter_options(data: Data) -> dict[str, dict[str, str]]:
    """For each list filter, the values it offers (in order) with the label each shows."""
    objectives = data.frames.objectives
    plans = sorted(set(data.portfolio.plans) | set(objectives["plan"].astype(str)))
    areas = _area_labels(data)
    owners = sorted(set(objectives["owner"].astype(str)), key=str.casefold)
    return {
        "plan": {plan: plan_name(plan) for plan in plans},
        "area": dict(sorted(areas.items(), key=lambda item: item[1].casefold())),
        "type": {kind: t(kind) for kind in OBJECTIVE_TYPES},
        "status": {status: t(STATUS_LABELS[status]) for status in STATUS_ORDER},
        "owner": {owner: owner for owner in owners},
    }


def _start_from_address(options: dict[str, dict[str, str]]) -> list[str]:
    """Seed widgets the address asks for (first run of a session); return what was dropped."""
    params = {param: st.query_params.get_all(param) for param in FILTER_PARAMS.values()}
    from_address = filters_from_params(params)
    notices: list[str] = []
    for name in LIST_FILTERS:
        key = WIDGET_KEYS[name]
        if key in st.session_state:
            continue
        wanted = getattr(from_address, name)
        known = [value for value in wanted if value in options[name]]
        # The value comes from the address, which anyone can write: shown escaped, as text.
        notices.extend(
            t("The link asks for {filter} '{value}', which is not in the data.", filter=t(name),
              value=escape_markdown(value))
            for value in wanted
            if value not in options[name]
        )  # fmt: skip
        st.session_state[key] = known
    if WIDGET_KEYS["text"] not in st.session_state:
        st.session_state[WIDGET_KEYS["text"]] = from_address.text
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = is_true(st.query_params.get(PRESENT_PARAM))
    return notices


def _clear_filters() -> None:
    for name in LIST_FILTERS:
        st.session_state[WIDGET_KEYS[name]] = []
    st.session_state[WIDGET_KEYS["text"]] = ""


def _write_address(filters: Filters, presenting: bool) -> None:
    """Put the filters in the address, touching only our keys (pages keep theirs)."""
    wanted = filter_params(filters)
    if presenting:
        wanted[PRESENT_PARAM] = "1"
    for param in [*FILTER_PARAMS.values(), PRESENT_PARAM]:
        value = wanted.get(param)
        current = st.query_params.get_all(param)
        if value is None:
            if current:
                del st.query_params[param]
        elif (value if isinstance(value, list) else [value]) != current:
            st.query_params[param] = value


def _labeller(labels: dict[str, str]) -> Callable[[str], str]:
    return lambda value: labels.get(value, value)


def _data_summary(data: Data) -> None:
    portfolio = data.portfolio
    found = data.data_date
    st.caption(
        escape_markdown(
            t(
                "Data: {path} · {files} · {objectives} · as of {date}",
                path=str(data.path),
                files=tn("{count} file", "{count} files", len(portfolio.files)),
                objectives=tn("{count} objective", "{count} objectives", len(portfolio.objectives)),
                date=found.isoformat() if found else "—",
            )
        )
    )
    if portfolio.errors():
        count = problem_total(portfolio.errors())
        if count == 1:
            st.warning(t("1 data problem: what is valid is shown."))
        else:
            st.warning(t("{count} data problems: what is valid is shown.", count=count))
        st.page_link(
            navigation.PROBLEMS, label=t("See the data problems"), icon=":material/report:"
        )


def show() -> View:
    """Draw the sidebar and return the view it describes (also kept for the pages)."""
    data = load_data()
    options = filter_options(data)
    notices = _start_from_address(options)
    titles = {
        "plan": t("Plan"),
        "area": t("Area"),
        "type": t("Type"),
        "status": t("Status"),
        "owner": t("Owner"),
    }
    with st.sidebar:
        _data_summary(data)
        st.subheader(t("Filters"))
        for name in LIST_FILTERS:
            st.multiselect(
                titles[name],
                options=list(options[name]),
                format_func=_labeller(options[name]),
                key=WIDGET_KEYS[name],
                placeholder=t("All"),
            )
        st.text_input(
            t("Search"),
            key=WIDGET_KEYS["text"],
            placeholder=t("Words in the id, title, owner or area"),
        )
        st.button(t("Clear filters"), on_click=_clear_filters, icon=":material/filter_alt_off:")
        for notice in notices:
            st.info(notice)
        st.divider()
        st.toggle(
            t("Presentation mode"),
            key=PRESENT_KEY,
            help=t("Full screen, one chart per screen, for a meeting room."),
        )
        st.caption(t("The address of this page keeps the filters: copy it to share this view."))
    state = st.session_state
    filters = Filters(
        **{name: tuple(state[WIDGET_KEYS[name]]) for name in LIST_FILTERS},
        text=str(state[WIDGET_KEYS["text"]]).strip(),
    )
    presenting = bool(state[PRESENT_KEY])
    _write_address(filters, presenting)
    return make_view(data, filters, presenting, notices, options)
