"""The view every page shows: the data, the chosen filters, and the objectives they leave.

The filters live in the page address (`?plan=ipap2&status=at-risk&q=ammunition`), so a link
pasted into a meeting invitation opens exactly the same view. The sidebar builds the view
once per interaction; each page reads it with `current_view()`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

import streamlit as st

from components.data import Data
from tracker.tables.filters import FilterLabels, Filters, apply_filters
from tracker.tables.frames import Frames

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
_VIEW_KEY = "_ipap_view"
_TRUE_WORDS = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class View:
    data: Data
    filters: Filters
    shown: Frames  # the objectives the filters leave, with their updates, evidence, measurements
    presenting: bool = False
    notices: list[str] = field(default_factory=list)  # link values that were not understood
    # Filter -> value -> the label its widget shows, so captions name what the reader picked.
    labels: FilterLabels = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.shown.today

    def filters_text(self) -> str:
        """The filters as the sidebar shows them (plan names, area titles, status labels)."""
        return self.filters.describe(self.labels)

    def data_date_text(self) -> str:
        found = self.data.data_date
        return found.isoformat() if found else "—"

    def link_params(self, **extra: str) -> dict[str, str | list[str]]:
        """Query parameters that reproduce this view, plus `extra` (e.g. objective=ID)."""
        params = filter_params(self.filters)
        if self.presenting:
            params[PRESENT_PARAM] = "1"
        params.update(extra)
        return params


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
    notices: list[str],
    labels: FilterLabels | None = None,
) -> View:
    shown = apply_filters(data.frames, filters)
    view = View(data, filters, shown, presenting, notices, dict(labels or {}))
    st.session_state[_VIEW_KEY] = view
    return view


def current_view() -> View:
    """The view the sidebar built for this interaction (app.py builds it before every page)."""
    return st.session_state[_VIEW_KEY]
