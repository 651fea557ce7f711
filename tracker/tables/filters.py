"""The view's filters (plan, area, type, status, owner, text), applied the same way everywhere."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from tracker.i18n import N_, t
from tracker.statuses import STATUS_LABELS
from tracker.tables.audience import INTERNAL
from tracker.tables.frames import Frames
from tracker.tables.search import SearchIndex

# Filter name -> value -> the name a reader knows the value by, as the filter widgets show it.
FilterLabels = Mapping[str, Mapping[str, str]]
# The filters that pick from a list, by the name a reader sees in "status: On track".
LIST_FILTERS = (N_("plan"), N_("area"), N_("type"), N_("status"), N_("owner"))


@dataclass(frozen=True)
class Filters:
    """Empty lists mean 'all'; the text is a search (`tracker.tables.search`): every word of it
    somewhere in the objective, in any case, accent, script or number format."""

    plan: tuple[str, ...] = field(default_factory=tuple)
    area: tuple[str, ...] = field(default_factory=tuple)
    type: tuple[str, ...] = field(default_factory=tuple)
    status: tuple[str, ...] = field(default_factory=tuple)
    owner: tuple[str, ...] = field(default_factory=tuple)
    text: str = ""

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self))

    def describe(self, labels: FilterLabels | None = None) -> str:
        """One line for a slide footer or a screen: which part of the portfolio is shown.

        Values are named as the filter widgets name them (`labels`, e.g. plan 'ipap2' ->
        'IPAP 2'): the ids in the address mean nothing to someone reading a footer. Statuses
        and types have their labels even without `labels`; any other value shows as it is.
        """
        labels = labels or {}
        parts = [
            t(
                "{filter}: {values}",
                filter=t(item.name),
                values=", ".join(_label(item.name, value, labels) for value in chosen),
            )
            for item in fields(self)
            if item.name != "text" and (chosen := getattr(self, item.name))
        ]
        if self.text:
            parts.append(t('text: "{text}"', text=self.text))
        return "; ".join(parts) if parts else t("all objectives")


def _label(name: str, value: str, labels: FilterLabels) -> str:
    """The name a filter value is shown by: the widget's label, else a status or type label."""
    given = labels.get(name, {}).get(value)
    if given is not None:
        return given
    if name == "status" and value in STATUS_LABELS:
        return t(STATUS_LABELS[value])
    if name == "type":
        return t(value)
    return value


def list_filter_mask(
    objectives: pd.DataFrame, filters: Filters, leave_out: str | None = None
) -> pd.Series:
    """A boolean mask over the objectives table for the list filters (all but `leave_out`)."""
    mask = pd.Series(True, index=objectives.index)
    for name in LIST_FILTERS:
        chosen = getattr(filters, name)
        if chosen and name != leave_out:
            mask &= objectives[name].astype(str).isin(chosen)
    return mask


def matching_objectives(
    objectives: pd.DataFrame,
    filters: Filters,
    search: SearchIndex | None = None,
    audience: str = INTERNAL,
) -> pd.Series:
    """A boolean mask over the objectives table.

    `search` is the portfolio's index (descriptions, notes, evidence, translations); without
    it the text is looked for in what the table itself holds (id, title, owner, area).
    """
    mask = list_filter_mask(objectives, filters)
    if filters.text.strip():
        index = search if search is not None else SearchIndex.of_table(objectives[mask])
        found = index.scores(filters.text, audience).index
        mask &= objectives["id"].astype(str).isin(set(found))
    return mask


def offered_values(objectives: pd.DataFrame, filters: Filters, name: str) -> set[str] | None:
    """The values of list filter `name` that the other list filters leave (Plan = IPAP 2:
    only IPAP 2's areas), or None when no other list filter is set (everything is offered)."""
    if not any(getattr(filters, other) for other in LIST_FILTERS if other != name):
        return None
    kept = objectives[list_filter_mask(objectives, filters, leave_out=name)]
    return set(kept[name].astype(str))


def apply_filters(
    frames: Frames,
    filters: Filters,
    search: SearchIndex | None = None,
    audience: str = INTERNAL,
) -> Frames:
    """Filter objectives, and keep only the updates, evidence and measurements of those left.

    `search` and `audience` as for `matching_objectives`: a public reader's text search never
    finds an objective by its internal evidence."""
    if filters.is_empty():
        return frames
    objectives = frames.objectives[
        matching_objectives(frames.objectives, filters, search, audience)
    ]
    kept = set(objectives["id"])

    def of_kept(table: pd.DataFrame) -> pd.DataFrame:
        return table[table["objective_id"].isin(kept)]

    return Frames(
        objectives=objectives,
        updates=of_kept(frames.updates),
        evidence=of_kept(frames.evidence),
        measurements=of_kept(frames.measurements),
        today=frames.today,
    )
