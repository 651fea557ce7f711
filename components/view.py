"""The view every page shows: the data, the chosen filters, and the objectives they leave.

The filters live in the page address (`?plan=ipap2&status=at-risk&q=ammunition`), so a link
pasted into a meeting invitation opens exactly the same view. The sidebar builds the view
once per interaction; each page reads it with `current_view()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property

import streamlit as st

from components import language
from components.data import Data
from tracker.charts import plan_name
from tracker.i18n import t
from tracker.tables.audience import INTERNAL, PUBLIC, audience_note, for_audience
from tracker.tables.filters import FilterLabels, Filters, apply_filters
from tracker.tables.frames import Frames
from tracker.tables.localize import localize_frames
from tracker.tables.notices import unreadable_notice, unreadable_of
from tracker.tables.window import as_of_text, default_since, since_label

# Filter field -> query parameter. `text` is `q`, as in most search links.
FILTER_PARAMS: dict[str, str] = {
    "plan": "plan",
    "area": "area",
    "type": "type",
    "status": "status",
    "owner": "owner",
    "text": "q",
}
PRESENT_PARAM = "present"
OBJECTIVE_PARAM = "objective"
SINCE_PARAM = "since"  # the last review's date: the one "changes since" window of every view
AUDIENCE_PARAM = "audience"  # public or internal
_VIEW_KEY = "_ipap_view"
_TRUE_WORDS = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class DroppedValue:
    """A value a link asked for that the data does not have (the filter was not applied)."""

    filter: str  # plan, area, type, status, owner
    value: str

    def notice(self) -> str:
        return t(
            "The link asks for {filter} '{value}', which is not in the data: that filter is "
            "not applied.",
            filter=t(self.filter),
            value=self.value,
        )


@dataclass(frozen=True)
class View:
    data: Data
    filters: Filters
    shown: Frames  # the objectives the filters leave, with their updates, evidence, measurements
    presenting: bool = False
    dropped: list[DroppedValue] = field(default_factory=list)  # link values not in the data
    # Filter -> value -> the label its widget shows, so captions name what the reader picked.
    labels: FilterLabels = field(default_factory=dict)
    since: date | None = None  # None: the default window (90 days before the newest entry)
    audience: str = INTERNAL

    @property
    def today(self) -> date:
        return self.shown.today

    @property
    def notices(self) -> list[str]:
        """What a link asked for and did not get, as sentences (plain text, not markup)."""
        return [item.notice() for item in self.dropped]

    @property
    def changes_since(self) -> date:
        """The first day of the one changes window every part of the view shows."""
        return self.since or default_since(self.data.frames)

    def since_text(self) -> str:
        return since_label(self.changes_since)

    def audience_text(self) -> str:
        return audience_note(self.audience)

    def unreadable_text(self) -> str | None:
        """The sentence about objectives that could not be read, or None when all were."""
        return unreadable_notice(unreadable_of(self.data.portfolio), plan_name)

    def filters_text(self) -> str:
        """The filters as the sidebar shows them (plan names, area titles, status labels);
        a filter a link asked for and did not get is named, never read as 'all'."""
        described = self.filters.describe(self.labels)
        if not self.dropped:
            return described
        missing = ", ".join(
            t("{filter} '{value}'", filter=t(item.filter), value=item.value)
            for item in self.dropped
        )
        return t("{filters} (not in the data, so not applied: {missing})", filters=described,
                 missing=missing)  # fmt: skip

    def data_date_text(self) -> str:
        """How current each plan in view is, with today beside it."""
        return self._data_date_line

    @cached_property
    def _data_date_line(self) -> str:
        # Once per view (a run): the page's header and its footer both write it.
        return as_of_text(self.shown, plan_name)

    def link_params(self, **extra: str) -> dict[str, str | list[str]]:
        """Query parameters that reproduce this view, plus `extra` (e.g. objective=ID)."""
        params = filter_params(self.filters)
        if self.presenting:
            params[PRESENT_PARAM] = "1"
        if self.since is not None:
            params[SINCE_PARAM] = self.since.isoformat()
        if self.audience != default_audience(self.presenting):
            params[AUDIENCE_PARAM] = self.audience
        params.update(extra)
        params.update(language.link_params())  # the reader's language travels too
        return params


def default_audience(presenting: bool) -> str:
    """Presentation mode is for outsiders: public unless the user picked otherwise."""
    return PUBLIC if presenting else INTERNAL


def filter_params(filters: Filters) -> dict[str, str | list[str]]:
    """The query parameters for a set of filters; empty filters are left out of the address."""
    params: dict[str, str | list[str]] = {}
    for name, param in FILTER_PARAMS.items():
        value = getattr(filters, name)
        if name == "text":
            if value:
                params[param] = value
        elif value:
            params[param] = list(value)
    return params


def filters_from_params(params: dict[str, list[str]]) -> Filters:
    """Filters from query parameters given as lists of values (repeated keys allowed)."""
    values: dict[str, object] = {}
    for item in fields(Filters):
        raw = [v for v in params.get(FILTER_PARAMS[item.name], []) if v.strip()]
        if item.name == "text":
            values["text"] = raw[-1].strip() if raw else ""
        else:
            values[item.name] = tuple(dict.fromkeys(v.strip() for v in raw))
    return Filters(**values)  # type: ignore[arg-type]


def is_true(value: str | None) -> bool:
    return (value or "").strip().lower() in _TRUE_WORDS


def make_view(
    data: Data,
    filters: Filters,
    presenting: bool,
    dropped: list[DroppedValue],
    labels: FilterLabels | None = None,
    since: date | None = None,
    audience: str = INTERNAL,
) -> View:
    search = data.search if filters.text else None
    shown = for_audience(apply_filters(data.frames, filters, search, audience), audience)
    # The data's own text (titles, notes) in the reader's language once, for every page.
    shown = localize_frames(shown, data.portfolio)
    view = View(data, filters, shown, presenting, dropped, dict(labels or {}), since, audience)
    st.session_state[_VIEW_KEY] = view
    return view


def current_view() -> View:
    """The view the sidebar built for this interaction (app.py builds it before every page)."""
    return st.session_state[_VIEW_KEY]
