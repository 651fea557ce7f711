"""The hostile files at the file limit issue 19 asks for (10 MB), measured in the same run.

bench/run.py calls `measure`: the largest files bench/hostile.py builds, resized to the default
limit (or to 10 MB, were the default below it), each loaded in a fresh process against the
hostile bound (under 2 s and 200 MB over an ordinary run), and where the dearest valid file the
loader reads spends its memory. `note` writes it out for bench/RESULTS.md.
"""

from __future__ import annotations

from typing import Any

from bench import hostile
from tracker import settings

ISSUE_LIMIT_MB = 10.0


def limit_mb() -> float:
    """The limit measured: the default, or the issue's 10 MB when the default is below it."""
    return max(settings.DEFAULT_MAX_FILE_MB, ISSUE_LIMIT_MB)


def measure() -> dict[str, Any]:
    return hostile.at_limit(limit_mb())


def note(found: dict[str, Any]) -> tuple[str, str] | None:
    """(title, text) for the report's notes, or None when nothing was measured."""
    if not found:
        return None
    limit = float(found.get("limit_mb", limit_mb()))
    default = settings.DEFAULT_MAX_FILE_MB
    below = default < limit
    title = (
        f"Why the default file limit is {default:g} MB, not {limit:g} MB"
        if below
        else f"The hostile files at the default file limit of {limit:g} MB"
    )
    if "error" in found:
        return title, f"The measurement at {limit:g} MB failed: {found['error']}."
    rows = [
        f"| Hostile file at {limit:g} MB | Size | Time | Memory over an ordinary run | Bound |",
        "|---|---|---|---|---|",
    ]
    broken = []
    for case in found.get("cases", []):
        if "crashed" in case:
            rows.append(f"| {case['name']} | — | crashed: {case['crashed']} | — | **broken** |")
            broken.append(case["name"])
            continue
        kept = case["seconds"] < hostile.SECONDS_BOUND and case["extra_mb"] < hostile.EXTRA_MB_BOUND
        if not kept:
            broken.append(case["name"])
        rows.append(
            f"| {case['name']} | {case['size'] / hostile.MB:.1f} MB | {case['seconds']:.2f} s "
            f"| {case['extra_mb']:.0f} MB | {'kept' if kept else '**broken**'} |"
        )
    bound = f"{hostile.SECONDS_BOUND:g} s and {hostile.EXTRA_MB_BOUND:g} MB"
    where = (
        "(bench/hostile.py, each file beside the shipped plans in a fresh process, measured in "
        "this run)"
    )
    most = found.get("most_entries", settings.DEFAULT_MAX_ENTRIES)
    cap = (
        f"A file may hold at most {most:,} entries (objectives, and the updates, evidence items "
        f"and measurements under them; {settings.MAX_ENTRIES_ENV}): past them, or with more keys "
        "and list items than so many entries need, it is refused before any model is built, at "
        "its first entry past the cap (tracker/load/capacity.py); largest-at-cap is the dearest "
        "file the cap lets in."
    )
    if below:
        text = (
            f"The default stays at {default:g} MB (tracker/settings.py) because at {limit:g} MB "
            f"the largest hostile files break the bound of {bound} {where}:"
        )
    elif broken:
        text = (
            f"The default is {default:g} MB (tracker/settings.py), and at it "
            f"{', '.join(broken)} broke the bound of {bound} {where}. {cap}"
        )
    else:
        text = (
            f"The default is {default:g} MB (tracker/settings.py), and at it every one of the "
            f"largest hostile files kept the bound of {bound} {where}. {cap}"
        )
    text += "\n\n" + "\n".join(rows)
    stages = found.get("stages") or {}
    if stages:
        text += (
            f"\n\nWhere the dearest valid file's memory goes ({stages['objectives']:,} "
            f"objectives, no cache): the fast parse's plain values with rapidyaml's tree "
            f"{stages['values_mb']:.0f} MB; the file loaded (a pydantic model for each "
            f"objective and each update, and the file's bytes kept for positions) "
            f"{stages['models_mb']:.0f} MB, at a peak of {stages['peak_mb']:.0f} MB, in "
            f"{stages['seconds']:.2f} s. "
        )
        if not broken:
            text += (
                "The loader drops rapidyaml's tree before it builds the models (it parses again "
                "only to place a problem), so the two are never held at once."
            )
        elif stages["models_mb"] > stages["values_mb"]:
            text += (
                "Most of it is the models, not the parse (pydantic keeps a `__dict__` and a "
                "fields-set for each of them). What would clear it: objectives kept as rows or "
                "frames rather than a model each (the change that would also bring the app under "
                f"300 MB), or a lower cap on entries ({settings.MAX_ENTRIES_ENV})."
            )
        else:
            text += (
                "Most of it is the parse's plain values and tree, not the models: what would "
                "clear it is a parse that does not hold the whole file's values at once."
            )
    return title, text
