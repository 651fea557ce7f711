"""The view's filters (plan, area, type, status, owner, text), applied the same way everywhere."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from tracker.i18n import t
from tracker.statuses import STATUS_LABELS
from tracker.tables.frames import Frames

# Filter name -> value -> the name a reader knows the value by, as the filter widgets show it.
FilterLabels = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Filters:
    """Empty lists mean 'all'; the text matches id, title, owner and area, ignoring case."""

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


def matching_objectives(objectives: pd.DataFrame, filters: Filters) -> pd.Series:
    """A boolean mask over the objectives table."""
    mask = pd.Series(True, index=objectives.index)
    for name in ("plan", "area", "type", "status", "owner"):
        chosen = getattr(filters, name)
        if chosen:
            mask &= objectives[name].astype(str).isin(chosen)
    text = filters.text.strip().lower()
    if text:
        haystack = (
            objectives["id"].astype(str)
            + " "
            + objectives["title"].astype(str)
            + " "
            + objectives["owner"].astype(str)
            + " "
            + objectives["area_title"].astype(str)
        ).str.lower()
        mask &= haystack.str.contains(text, regex=False)
    return mask


def apply_filters(frames: Frames, filters: Filters) -> Frames:
    """Filter objectives, and keep only the updates, evidence and measurements of those left."""
    if filters.is_empty():
        return frames
    objectives = frames.objectives[matching_objectives(frames.objectives, filters)]
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
