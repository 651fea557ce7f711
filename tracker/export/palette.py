"""Colours the exports use beyond the statuses' own (those live in tracker.statuses)."""

from __future__ import annotations

from tracker.model import RECOMMENDED_EVIDENCE_KINDS

PROGRESS = "#2F6FB0"
# One colour per recommended evidence kind, in the kinds' own order, so a campaign chart
# keeps its colours whichever kinds a quarter happens to have. Other kinds are grey.
_KIND_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f",
)  # fmt: skip
KIND_COLOURS: dict[str, str] = dict(zip(RECOMMENDED_EVIDENCE_KINDS, _KIND_COLOURS, strict=True))
OTHER_KIND = "#b0b0b0"


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_KIND)
