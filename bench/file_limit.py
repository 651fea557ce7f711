"""Why the default file limit is below the 10 MB issue 19 asks for, measured in the same run.

bench/run.py calls `measure` when tracker.settings.DEFAULT_MAX_FILE_MB is under ISSUE_LIMIT_MB:
the largest files bench/hostile.py builds, resized to that limit, each loaded in a fresh
process against the hostile bound (under 2 s and 200 MB over an ordinary run), and where the
largest valid file's memory goes. `note` writes it out for bench/RESULTS.md.
"""

from __future__ import annotations

from typing import Any

from bench import hostile
from tracker import settings

ISSUE_LIMIT_MB = 10.0


def needed() -> bool:
    return settings.DEFAULT_MAX_FILE_MB < ISSUE_LIMIT_MB


def measure() -> dict[str, Any]:
    return hostile.at_limit(ISSUE_LIMIT_MB)


def note(found: dict[str, Any]) -> tuple[str, str] | None:
    """(title, text) for the report's notes, or None when nothing was measured."""
    if not found:
        return None
    title = (
        f"Why the default file limit is {settings.DEFAULT_MAX_FILE_MB:g} MB, "
        f"not {ISSUE_LIMIT_MB:g} MB"
    )
    if "error" in found:
        return title, f"The measurement at {ISSUE_LIMIT_MB:g} MB failed: {found['error']}."
    rows = [
        "| Hostile file at the larger limit | Size | Time | Memory over an ordinary run | Bound |",
        "|---|---|---|---|---|",
    ]
    for case in found.get("cases", []):
        if "crashed" in case:
            rows.append(f"| {case['name']} | — | crashed: {case['crashed']} | — | broken |")
            continue
        kept = case["seconds"] < hostile.SECONDS_BOUND and case["extra_mb"] < hostile.EXTRA_MB_BOUND
        rows.append(
            f"| {case['name']} | {case['size'] / hostile.MB:.1f} MB | {case['seconds']:.2f} s "
            f"| {case['extra_mb']:.0f} MB | {'kept' if kept else '**broken**'} |"
        )
    stages = found.get("stages") or {}
    text = (
        f"The default stays at {settings.DEFAULT_MAX_FILE_MB:g} MB (tracker/settings.py) because "
        f"at {ISSUE_LIMIT_MB:g} MB the largest hostile files break the bound of "
        f"{hostile.SECONDS_BOUND:g} s and {hostile.EXTRA_MB_BOUND:g} MB (bench/hostile.py, each "
        "file beside the shipped plans in a fresh process, measured in this run):\n\n"
        + "\n".join(rows)
    )
    if stages:
        text += (
            f"\n\nWhere the largest valid file's memory goes ({stages['objectives']:,} "
            f"objectives, no cache): the fast parse's plain values with rapidyaml's tree "
            f"{stages['values_mb']:.0f} MB; the file loaded (a pydantic model for each "
            f"objective and each update, and the file's bytes kept for positions) "
            f"{stages['models_mb']:.0f} MB, at a peak of {stages['peak_mb']:.0f} MB, in "
            f"{stages['seconds']:.2f} s. "
        )
        if stages["models_mb"] > stages["values_mb"]:
            text += (
                "Most of it is the models, not the parse (pydantic keeps a `__dict__` and a "
                "fields-set for each of them). What would clear it: objectives kept as rows or "
                "frames rather than a model each (the change that would also bring the app under "
                "300 MB), or a cap on the objectives a file may hold, with a located message "
                "past it."
            )
        else:
            text += (
                "Most of it is the parse's plain values and tree, not the models: what would "
                "clear it is a parse that does not hold the whole file's values at once."
            )
    return title, text
