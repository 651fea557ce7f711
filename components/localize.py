"""The data's own text (titles, descriptions, notes) in the reader's language, for tables.

Tables come from the shared frames, which hold the text of record (English); a page shows
each objective's and area's title through tracker.i18n.display_text(), so a translation in
the data shows, Cyrillic shows in Latin for sr-Latn, and English standing in says so.
"""

from __future__ import annotations

import pandas as pd

from tracker.i18n import current_language, display_text
from tracker.i18n.catalogues import SOURCE_LANGUAGE
from tracker.load.loader import Portfolio


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


def localize_table(table: pd.DataFrame, portfolio: Portfolio) -> pd.DataFrame:
    """The table with `title` and `area_title` in the reader's language (English: as is)."""
    if current_language() == SOURCE_LANGUAGE or table.empty:
        return table
    table = table.copy()
    if "title" in table.columns and "id" in table.columns:
        titles = objective_titles(portfolio)
        table["title"] = [
            titles.get(str(i), title) for i, title in zip(table["id"], table["title"], strict=True)
        ]
    if "area_title" in table.columns and {"plan", "area"} <= set(table.columns):
        areas = area_titles(portfolio)
        table["area_title"] = [
            areas.get((str(plan), str(area)), title)
            for plan, area, title in zip(
                table["plan"], table["area"], table["area_title"], strict=True
            )
        ]
    return table
