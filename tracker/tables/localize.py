"""The data's own text in the frames (titles, notes) in the reader's language.

The frames hold the text of record (English); what a reader sees goes through
tracker.i18n.display_text(): the data's translation, Cyrillic shown in Latin for sr-Latn, and
English standing in for a missing translation marked as English, never a blank. The app's
tables and the meeting pack both read it here, so a title reads the same on screen and on paper.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
from pydantic import BaseModel

from tracker.i18n import current_language, display_name, display_text, display_untranslated
from tracker.i18n.catalogues import SOURCE_LANGUAGE
from tracker.i18n.text import localized_text
from tracker.load.loader import Portfolio
from tracker.model import Evidence, Objective, Update
from tracker.tables.frames import Frames


@dataclass(frozen=True)
class DataTexts:
    """What showing the data's text in another language needs from the objectives, gathered
    once: each objective's English title with its translations, and the translations of
    evidence titles and update notes (only those that have any; the rest show as English).
    The app keeps this instead of the models (tracker.load.stored)."""

    titles: dict[str, tuple[str, Any]]
    evidence: dict[tuple[str, str], Any]
    updates: dict[tuple[str, str], Any]

    @classmethod
    def of(cls, objectives: Iterable[Objective]) -> DataTexts:
        titles: dict[str, tuple[str, Any]] = {}
        items: dict[str, dict[tuple[str, str], Any]] = {"evidence": {}, "updates": {}}
        for objective in objectives:
            titles[objective.id] = (objective.title, objective.translations)
            for name, field in _ITEM_TEXTS.items():
                found = items[name]
                for item in getattr(objective, name):
                    own = getattr(item, field)
                    if own:  # the first item with this text decides, as it always has
                        found.setdefault((objective.id, own), item.translations)
        # An item without translations shows as English whether listed or not.
        evidence, updates = ({k: v for k, v in items[n].items() if v} for n in _ITEM_TEXTS)
        return cls(titles, evidence, updates)


_ITEM_TEXTS = {"evidence": "title", "updates": "note"}
_ITEM_KINDS: dict[str, type[BaseModel]] = {"evidence": Evidence, "updates": Update}
TEXTS_KEY = "texts"  # where a StoredObjectives keeps its DataTexts


def texts_of(portfolio: Portfolio) -> DataTexts:
    """The portfolio's DataTexts: kept beside packed objectives, else gathered now."""
    kept = getattr(portfolio.objectives, "derived", {}).get(TEXTS_KEY)
    return kept if isinstance(kept, DataTexts) else DataTexts.of(portfolio.objectives)


def objective_titles(portfolio: Portfolio) -> dict[str, str]:
    """Objective id -> its title as this reader sees it."""
    return {
        objective_id: _shown(Objective, "title", title, translations)
        for objective_id, (title, translations) in texts_of(portfolio).titles.items()
    }


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
    if "id" in table.columns:
        for column in OBJECTIVE_NAMES:
            if column in table.columns:
                table[column] = _objective_names(table, portfolio, column)
    if "area_title" in table.columns and {"plan", "area"} <= set(table.columns):
        areas = area_titles(portfolio)
        keys = list(zip(table["plan"].astype(str), table["area"].astype(str), strict=True))
        table["area_title"] = [
            areas.get(key, title) for key, title in zip(keys, table["area_title"], strict=True)
        ]
    if "plan_title" in table.columns and "plan" in table.columns:
        table["plan_title"] = _mapped(table["plan"], table["plan_title"], plan_titles(portfolio))
    return table


# An objective's other texts a table shows under their own names: who leads it, a goal's field.
OBJECTIVE_NAMES = ("owner", "field")


def _objective_names(table: pd.DataFrame, portfolio: Portfolio, column: str) -> list[object]:
    """Each row's owner (or field) as this reader sees it: the objective's translation, else
    the English marked as such; an empty cell or an objective the portfolio lacks as it is."""
    held = texts_of(portfolio).titles
    shown: dict[tuple[object, str], str] = {}
    rows: list[object] = []
    for objective_id, text in zip(table["id"].astype(str), table[column], strict=True):
        if not isinstance(text, str) or not text or objective_id not in held:
            rows.append(text)
            continue
        translations = held[objective_id][1]
        key = (id(translations), text)
        if key not in shown:
            shown[key] = _shown(Objective, column, text, translations)
        rows.append(shown[key])
    return rows


def owner_names(objectives: pd.DataFrame, portfolio: Portfolio) -> dict[str, str]:
    """English owner -> the name this reader sees, for a list of owners (the sidebar's): the
    first objective that translates it decides; one no objective translates is marked English."""
    if current_language() == SOURCE_LANGUAGE:
        return {owner: owner for owner in objectives["owner"].astype(str).unique()}
    held = texts_of(portfolio).titles
    found: dict[str, str] = {}
    for objective_id, owner in zip(objectives["id"].astype(str), objectives["owner"], strict=True):
        translations = held.get(objective_id, ("", None))[1]
        if owner in found or translations is None:
            continue
        shown = localized_text(
            Objective.model_construct(owner=owner, translations=translations),
            "owner",
            current_language(),
        )
        if not shown.is_fallback:
            found[owner] = shown.text
    owners = objectives["owner"].astype(str).unique()
    return {owner: found.get(owner) or display_untranslated(owner) for owner in owners}


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
        if "by" in updates.columns:  # before the notes: an update is found by its English note
            updates["by"] = _update_authors(updates, portfolio)
        updates["note"] = _item_texts(updates, portfolio, "updates", "note")
    return replace(frames, objectives=objectives, evidence=evidence, updates=updates)


def _update_authors(updates: pd.DataFrame, portfolio: Portfolio) -> list[object]:
    """Each update's `by` as this reader sees it: the update's translation of it where the
    data gives one (words such as "IPAP Tracker editors (public sources)"), else as written,
    unmarked, since a `by` is mostly a person's or a body's name. The update is found as
    _item_texts finds it, by its objective and its English note."""
    translated = texts_of(portfolio).updates
    shown: dict[tuple[str, object, str], str] = {}
    rows: list[object] = []
    for objective_id, note, by in zip(
        updates["objective_id"], updates["note"], updates["by"], strict=True
    ):
        translations = translated.get((str(objective_id), note)) if isinstance(note, str) else None
        if translations is None or not isinstance(by, str) or not by:
            rows.append(by)
            continue
        key = (str(objective_id), note, by)
        if key not in shown:
            item = Update.model_construct(by=by, translations=translations)
            shown[key] = display_name(item, "by")
        rows.append(shown[key])
    return rows


def _mapped(keys: pd.Series, texts: pd.Series, shown: dict[str, str]) -> list[object]:
    return [shown.get(str(key), text) for key, text in zip(keys, texts, strict=True)]


def _item_texts(table: pd.DataFrame, portfolio: Portfolio, items: str, field: str) -> list[object]:
    """Each row's `field` as shown, found by its objective and its English text (a row with
    no text stays as it is)."""
    texts = texts_of(portfolio)
    translated: dict[tuple[str, str], Any] = getattr(texts, items)
    held = set(texts.titles)
    shown: dict[tuple[str, str], str] = {}
    rows: list[object] = []
    for objective_id, text in zip(table["objective_id"], table[field], strict=True):
        key = (str(objective_id), text)
        if not isinstance(text, str) or not text or key[0] not in held:
            rows.append(text)  # no text, or an objective the portfolio does not hold
            continue
        found = shown.get(key)
        if found is None:
            kind = _ITEM_KINDS[items]
            found = shown[key] = _shown(kind, field, text, translated.get(key))
        rows.append(found)
    return rows


def _shown(kind: type[BaseModel], field: str, text: str, translations: Any) -> str:
    """`display_text` of an item of `kind` whose `field` is `text`, with those translations:
    an item is built only for the few that have any."""
    if translations is None:
        return display_untranslated(text)
    return display_text(kind.model_construct(**{field: text, "translations": translations}), field)
