"""The data's own text in the frames (titles, notes) in the reader's language.

The frames hold the text of record (English); what a reader sees goes through
tracker.i18n.display_text(): the data's translation, Cyrillic shown in Latin for sr-Latn, and
English standing in for a missing translation marked as English, never a blank. The app's
tables and the meeting pack both read it here, so a title reads the same on screen and on paper.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from tracker.i18n import current_language, display_text
from tracker.i18n.catalogues import SOURCE_LANGUAGE
from tracker.load.loader import Portfolio
from tracker.tables.frames import Frames


def objective_titles(portfolio: Portfolio) -> dict[str, str]:
    """Objective id -> its title as this reader sees it."""
    return {objective.id: display_text(objective, "title") for objective in portfolio.objectives}


def area_titles(portfolio: Portfolio) -> dict[tuple[str, str], str]:
    """(plan id, area id) -> the area's title as this reader sees it."""
    return {
        (plan.id, area.id): display_text(area, "title")
        for plan in portfolio.plans.values()
        for area in plan.areas
    }


def plan_titles(portfolio: Portfolio) -> dict[str, str]:
    """Plan id -> the plan's title as this reader sees it."""
    return {plan.id: display_text(plan, "title") for plan in portfolio.plans.values()}


def localize_table(table: pd.DataFrame, portfolio: Portfolio) -> pd.DataFrame:
    """The table with `title`, `area_title` and `plan_title` in the reader's language
    (English: as is). A title the portfolio does not know stays as written."""
    if current_language() == SOURCE_LANGUAGE or table.empty:
        return table
    table = table.copy()
    if "title" in table.columns and "id" in table.columns:
        titles = objective_titles(portfolio)
        table["title"] = _mapped(table["id"], table["title"], titles)
    if "area_title" in table.columns and {"plan", "area"} <= set(table.columns):
        areas = area_titles(portfolio)
        keys = list(zip(table["plan"].astype(str), table["area"].astype(str), strict=True))
        table["area_title"] = [
            areas.get(key, title) for key, title in zip(keys, table["area_title"], strict=True)
        ]
    if "plan_title" in table.columns and "plan" in table.columns:
        table["plan_title"] = _mapped(table["plan"], table["plan_title"], plan_titles(portfolio))
    return table


def localize_frames(frames: Frames, portfolio: Portfolio) -> Frames:
    """The frames with every data text a reader sees in the reader's language: objectives'
    plan, area and own titles, evidence titles and update notes (English: the same frames)."""
    if current_language() == SOURCE_LANGUAGE:
        return frames
    objectives = localize_table(frames.objectives, portfolio)
    evidence = frames.evidence
    if not evidence.empty:
        evidence = evidence.copy()
        evidence["title"] = _item_texts(evidence, portfolio, "evidence", "title")
    updates = frames.updates
    if not updates.empty:
        updates = updates.copy()
        updates["note"] = _item_texts(updates, portfolio, "updates", "note")
    return replace(frames, objectives=objectives, evidence=evidence, updates=updates)


def _mapped(keys: pd.Series, texts: pd.Series, shown: dict[str, str]) -> list[object]:
    return [shown.get(str(key), text) for key, text in zip(keys, texts, strict=True)]


def _item_texts(table: pd.DataFrame, portfolio: Portfolio, items: str, field: str) -> list[object]:
    """Each row's `field` as shown, found by its objective and its English text (a row the
    portfolio does not hold, or with no text, stays as it is)."""
    shown: dict[tuple[str, str], str] = {}
    for objective in portfolio.objectives:
        for item in getattr(objective, items):
            own = getattr(item, field)
            if own:
                shown.setdefault((objective.id, own), display_text(item, field))
    return [
        shown.get((str(objective_id), text), text) if isinstance(text, str) else text
        for objective_id, text in zip(table["objective_id"], table[field], strict=True)
    ]
