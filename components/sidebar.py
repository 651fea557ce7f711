"""The sidebar every page shares: which data is shown, the filters, and presentation mode.

The widgets start from the page address and write their values back to it, so the address
always reproduces the view; a value in a link that the data does not know (a plan that was
renamed, say) is left out and the sidebar says so, instead of the page failing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import streamlit as st

from components import language, navigation, sync_panel, update_form
from components.data import Data, load_data
from components.dropdowns import dropdown_css
from components.keys import dates_apply_on_enter
from components.text import escape_markdown
from components.view import (
    AUDIENCE_PARAM,
    FILTER_PARAMS,
    PRESENT_PARAM,
    SINCE_PARAM,
    DroppedValue,
    View,
    default_audience,
    filter_params,
    filters_from_params,
    is_true,
    make_view,
)
from tracker import settings
from tracker.charts import plan_name
from tracker.i18n import current_language, display_text, input_day_format, t, tn
from tracker.i18n.sentence import spoken
from tracker.model import OBJECTIVE_TYPES
from tracker.problems import problem_counts
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.audience import AUDIENCES, INTERNAL, PUBLIC
from tracker.tables.filters import Filters, offered_values
from tracker.tables.localize import owner_names
from tracker.tables.notices import unreadable_of
from tracker.tables.window import default_since, first_day

WIDGET_KEYS = {name: f"filter_{name}" for name in FILTER_PARAMS}
PRESENT_KEY = "present_mode"
# Set when the reader turns presentation off (the toggle, Exit). Until then an address with
# ?present=1 keeps the mode on: a rerun that raced the toggle's first draw (a key press on a
# loaded machine) must not end a meeting.
LEAVING_KEY = "present_leaving"
PUBLIC_KEY = "public_view"
SINCE_KEY = "changes_since"
# The link's values the data lacks, with the filters they were seeded into: shown for as
# long as the reader keeps those filters, on every page and screen, not just the first.
DROPPED_KEY = "_ipap_dropped_link_values"
LIST_FILTERS = ("plan", "area", "type", "status", "owner")


def _area_labels(data: Data) -> dict[str, str]:
    """Area id -> 'title (plan)' in the reader's language, for every area a plan defines or
    an objective names."""
    plans_of: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    for plan in data.portfolio.plans.values():
        for area in plan.areas:
            titles.setdefault(area.id, display_text(area, "title"))
            plans_of.setdefault(area.id, []).append(plan_name(plan.id))
    named = data.frames.objectives[["area", "area_title", "plan"]].drop_duplicates()
    for area, title, plan in zip(named["area"], named["area_title"], named["plan"], strict=True):
        titles.setdefault(area, title)
        if plan_name(plan) not in plans_of.setdefault(area, []):
            plans_of[area].append(plan_name(plan))
    return {area: f"{titles[area]} ({', '.join(plans_of[area])})" for area in titles}


@st.cache_data(max_entries=16, show_spinner=False)
def _owner_labels(_data: Data, versions: object, language: str) -> dict[str, str]:
    """The owners as this language names them: once per data version and language, not on
    every rerun (it reads every objective's translations)."""
    return owner_names(_data.frames.objectives, _data.portfolio)


def filter_options(data: Data) -> dict[str, dict[str, str]]:
    """For each list filter, the values it offers (in order) with the label each shows."""
    objectives = data.frames.objectives
    plans = sorted(set(data.portfolio.plans) | set(objectives["plan"].astype(str).unique()))
    areas = _area_labels(data)
    names = _owner_labels(data, data.versions, current_language())
    owners = sorted(names, key=lambda owner: names[owner].casefold())
    return {
        "plan": {plan: plan_name(plan) for plan in plans},
        "area": dict(sorted(areas.items(), key=lambda item: item[1].casefold())),
        "type": {kind: t(kind) for kind in OBJECTIVE_TYPES},
        "status": {status: t(STATUS_LABELS[status]) for status in STATUS_ORDER},
        "owner": {owner: names[owner] for owner in owners},
    }


def narrowed_options(
    options: dict[str, dict[str, str]], data: Data, chosen: Filters
) -> dict[str, dict[str, str]]:
    """Each list's values that the other filters leave (Plan = IPAP 2: IPAP 2's areas only),
    with what is already picked kept, so a pick never vanishes from its own list."""
    narrowed: dict[str, dict[str, str]] = {}
    for name in LIST_FILTERS:
        allowed = offered_values(data.frames.objectives, chosen, name)
        if allowed is None:
            narrowed[name] = options[name]
            continue
        if name == "area":  # a plan's areas that have no objective yet are still its areas
            plans = [
                data.portfolio.plans[plan] for plan in chosen.plan if plan in data.portfolio.plans
            ]
            allowed |= {area.id for plan in plans for area in plan.areas}
        allowed |= set(getattr(chosen, name))
        narrowed[name] = {
            value: label for value, label in options[name].items() if value in allowed
        }
    return narrowed


def _chosen_filters() -> Filters:
    """The filters as the widgets hold them at the start of this run."""
    state = st.session_state
    return Filters(
        **{name: tuple(state[WIDGET_KEYS[name]]) for name in LIST_FILTERS},
        text=str(state[WIDGET_KEYS["text"]]).strip(),
    )


def _start_from_address(options: dict[str, dict[str, str]], data: Data) -> None:
    """Seed widgets the address asks for (first run of a session); remember what was dropped."""
    params = {param: st.query_params.get_all(param) for param in FILTER_PARAMS.values()}
    from_address = filters_from_params(params)
    dropped: list[DroppedValue] = []
    seeded: dict[str, tuple[str, ...]] = {}
    for name in LIST_FILTERS:
        key = WIDGET_KEYS[name]
        if key in st.session_state:
            continue
        wanted = getattr(from_address, name)
        known = [value for value in wanted if value in options[name]]
        dropped.extend(DroppedValue(name, value) for value in wanted if value not in options[name])
        st.session_state[key] = known
        seeded[name] = tuple(known)
    if dropped:
        st.session_state[DROPPED_KEY] = (dropped, seeded)
    if WIDGET_KEYS["text"] not in st.session_state:
        st.session_state[WIDGET_KEYS["text"]] = from_address.text
    asked_to_present = is_true(st.query_params.get(PRESENT_PARAM))
    if PRESENT_KEY not in st.session_state:
        st.session_state[PRESENT_KEY] = asked_to_present
    elif asked_to_present and not st.session_state.pop(LEAVING_KEY, False):
        st.session_state[PRESENT_KEY] = True
    if PUBLIC_KEY not in st.session_state:
        asked = st.query_params.get(AUDIENCE_PARAM, "").strip().lower()
        audience = asked if asked in AUDIENCES else default_audience(st.session_state[PRESENT_KEY])
        st.session_state[PUBLIC_KEY] = audience == PUBLIC
    if SINCE_KEY not in st.session_state:
        st.session_state[SINCE_KEY] = _since_from_address(data)


def _first_day(data: Data) -> date:
    """The earliest day the picker offers: the first plan's start (IPAP 1, 2015-01-20), or
    the default day where that is earlier (data with no plan and nothing dated)."""
    starts = [plan.start for plan in data.portfolio.plans.values()]
    return min(first_day(data.frames, starts), default_since(data.frames))


def _since_from_address(data: Data) -> date:
    """The address's day, held within the days the picker offers (it refuses any other)."""
    raw = st.query_params.get(SINCE_PARAM, "")
    try:
        asked = date.fromisoformat(raw.strip())
    except ValueError:
        return default_since(data.frames)
    return min(max(asked, _first_day(data)), data.frames.today)


def _dropped_still_asked(filters: Filters) -> list[DroppedValue]:
    """The link's missing values, while the reader has not changed that filter since."""
    dropped, seeded = st.session_state.get(DROPPED_KEY, ([], {}))
    kept = [item for item in dropped if getattr(filters, item.filter) == seeded.get(item.filter)]
    if len(kept) != len(dropped):
        st.session_state[DROPPED_KEY] = (kept, seeded)
    return kept


def _presenting_changed() -> None:
    """Presentation is shown to outsiders: turning it on switches to the public view."""
    if st.session_state[PRESENT_KEY]:
        st.session_state[PUBLIC_KEY] = True
    else:
        st.session_state[LEAVING_KEY] = True


def _clear_filters() -> None:
    for name in LIST_FILTERS:
        st.session_state[WIDGET_KEYS[name]] = []
    st.session_state[WIDGET_KEYS["text"]] = ""
    st.session_state.pop(DROPPED_KEY, None)


def _write_address(filters: Filters, presenting: bool, since: date | None, audience: str) -> None:
    """Put the filters in the address, touching only our keys (pages keep theirs)."""
    wanted = filter_params(filters)
    if presenting:
        wanted[PRESENT_PARAM] = "1"
    if since is not None:
        wanted[SINCE_PARAM] = since.isoformat()
    if audience != default_audience(presenting):
        wanted[AUDIENCE_PARAM] = audience
    for param in [*FILTER_PARAMS.values(), PRESENT_PARAM, SINCE_PARAM, AUDIENCE_PARAM]:
        value = wanted.get(param)
        current = st.query_params.get_all(param)
        if value is None:
            if current:
                del st.query_params[param]
        elif (value if isinstance(value, list) else [value]) != current:
            st.query_params[param] = value


def _labeller(labels: dict[str, str]) -> Callable[[str], str]:
    return lambda value: labels.get(value, value)


def data_name(data: Data) -> str:
    """The data as the sidebar names it: its folder's or file's name for every reader, the
    whole path on the server only for a signed-in editor (a viewer has no use for it, and
    it tells outsiders how the server is laid out)."""
    if update_form.signed_in_editor() is not None:
        return str(data.path)
    return data.path.name or str(data.path)


def shown_path(data: Data, path: object) -> str:
    """A data file's path as a page names it (an objective's "Written in", Data problems):
    from the data's own name for every reader ("portfolio/plan-01.yaml"), whole only for a
    signed-in editor, as `data_name` names the data itself. A path outside the data is
    named by its file name alone."""
    written = Path(str(path))
    if update_form.signed_in_editor() is not None:
        return str(written)
    folder = data.path if data.path.is_dir() else data.path.parent
    try:
        inside = written.resolve().relative_to(folder.resolve())
    except ValueError:
        return written.name
    return str(Path(data_name(data)) / inside) if data.path.is_dir() else written.name


def _data_summary(data: Data) -> None:
    portfolio = data.portfolio
    st.caption(
        escape_markdown(
            t(
                "Data: {path} · {files} · {objectives}",
                path=data_name(data),
                files=tn("{count} file", "{count} files", len(portfolio.files)),
                objectives=tn("{count} objective", "{count} objectives", len(portfolio.objectives)),
            )
        )
    )
    # A bad environment setting (IPAP_MAX_ENTRIES=lots): the app runs with the default, and
    # says so where the data's own problems are counted.
    for mistake in settings.problems():
        st.warning(escape_markdown(spoken(mistake)), icon=":material/settings:")
    unreadable = len(unreadable_of(portfolio))
    errors, warnings = problem_counts(portfolio.problems)
    if unreadable:
        st.error(
            tn(
                "{count} objective could not be read: the figures leave it out.",
                "{count} objectives could not be read: the figures leave them out.",
                unreadable,
            )
        )
    if errors:
        st.warning(tn("{count} data error", "{count} data errors", errors))
    if warnings:
        st.info(tn("{count} warning", "{count} warnings", warnings))
    if errors or warnings or unreadable:
        st.page_link(
            navigation.PROBLEMS,
            label=t("See the data problems"),
            icon=":material/report:",
            query_params=language.link_params(),
        )


def show() -> View:
    """Draw the sidebar and return the view it describes (also kept for the pages)."""
    data = load_data()
    options = filter_options(data)
    _start_from_address(options, data)
    offered = narrowed_options(options, data, _chosen_filters())
    titles = {
        "plan": t("Plan"),
        "area": t("Area"),
        "type": t("Type"),
        "status": t("Status"),
        "owner": t("Owner"),
    }
    with st.sidebar:
        language.picker()
        _data_summary(data)
        sync_panel.sidebar(data.path)
        st.subheader(t("Filters"))
        # Each open list as wide as its longest option (with Streamlit's "Select all").
        st.html(
            dropdown_css(
                {
                    titles[name]: [t("Select all"), *(options[name][v] for v in offered[name])]
                    for name in LIST_FILTERS
                }
            )
        )
        for name in LIST_FILTERS:
            st.multiselect(
                titles[name],
                options=list(offered[name]),
                format_func=_labeller(options[name]),
                key=WIDGET_KEYS[name],
                placeholder=t("All"),
            )
        st.text_input(
            t("Search"),
            key=WIDGET_KEYS["text"],
            placeholder=t("Any words, in any script"),
            help=t(
                "Finds objectives that have every word you type anywhere: title, description, "
                "notes, owner, area, evidence, in every language. Case, accents (č = c) and "
                "script (Cyrillic or Latin) do not matter, nor 2000 against 2,000."
            ),
        )
        st.button(t("Clear filters"), on_click=_clear_filters, icon=":material/filter_alt_off:")
        st.divider()
        st.date_input(
            t("Changes since (the last review)"),
            key=SINCE_KEY,
            min_value=_first_day(data),
            max_value=data.frames.today,
            format=input_day_format(),
            help=t(
                "Every page, screen and meeting pack lists the changes since this day. Type a "
                "date and press Enter, or pick one."
            ),
        )
        dates_apply_on_enter()
        st.toggle(
            t("Public view"),
            key=PUBLIC_KEY,
            help=t("Leaves internal evidence out of every count and list, as for outsiders."),
        )
        st.toggle(
            t("Presentation mode"),
            key=PRESENT_KEY,
            on_change=_presenting_changed,
            help=t("Full screen, one chart per screen, for a meeting room."),
        )
        st.caption(t("The address of this page keeps the filters: copy it to share this view."))
    state = st.session_state
    filters = _chosen_filters()
    presenting = bool(state[PRESENT_KEY])
    audience = PUBLIC if state[PUBLIC_KEY] else INTERNAL
    chosen_since = state[SINCE_KEY] if isinstance(state[SINCE_KEY], date) else None
    since = None if chosen_since == default_since(data.frames) else chosen_since
    _write_address(filters, presenting, since, audience)
    language.write_address()
    dropped = _dropped_still_asked(filters)
    return make_view(data, filters, presenting, dropped, options, since, audience)
