"""The view's filters (plan, area, type, status, owner, text), applied the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

import pandas as pd

from tracker.frames import Frames


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

    def describe(self) -> str:
        """One line for a slide footer or a screen: which part of the portfolio is shown."""
        parts = [
            f"{f.name}: {', '.join(value)}"
            for f in fields(self)
            if f.name != "text" and (value := getattr(self, f.name))
        ]
        if self.text:
            parts.append(f'text: "{self.text}"')
        return "; ".join(parts) if parts else "all objectives"


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
