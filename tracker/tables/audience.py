"""Who a view is for: the public edition leaves internal evidence out of every count and list.

One function narrows the shared frames, so the app's public view, the presentation and
every export of the same audience count the same evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.editions import AUDIENCES, INTERNAL, PUBLIC
from tracker.i18n import t

if TYPE_CHECKING:
    from tracker.tables.frames import Frames

__all__ = ["AUDIENCES", "INTERNAL", "PUBLIC", "UnknownAudience", "audience_note", "for_audience"]


class UnknownAudience(ValueError):
    """An audience that is neither public nor internal (a typo in an address or a command)."""


def for_audience(frames: Frames, audience: str) -> Frames:
    """Frames as `build_frames(..., audience=...)` gives them, from frames built for anyone.

    The public edition must hold no internal evidence even when a caller hands in internal
    frames (the app keeps one cached copy), so the frames are narrowed here.
    """
    if audience not in AUDIENCES:
        raise UnknownAudience(f"unknown audience '{audience}': use one of {', '.join(AUDIENCES)}")
    if audience == INTERNAL:
        return frames
    from tracker.tables.frames import Frames  # pandas: only when frames are narrowed

    evidence = frames.evidence[frames.evidence["access"].astype(str) == PUBLIC]
    if len(evidence) == len(frames.evidence):
        return frames
    counts = evidence.groupby("objective_id").size()
    objectives = frames.objectives.copy()
    objectives["evidence_count"] = objectives["id"].map(counts).fillna(0).astype(int)
    return Frames(objectives, frames.updates, evidence, frames.measurements, frames.today)


def audience_note(audience: str) -> str:
    """What a reader is told about the edition in front of them, on every screen and file."""
    if audience == PUBLIC:
        return t("Public view: internal evidence is left out of every count and list.")
    return t("Internal view: includes internal evidence; do not share outside the ministry.")
