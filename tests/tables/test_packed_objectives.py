"""Packed objectives (what the app keeps instead of a model per objective) read back equal,
and the data's translated titles and notes read the same from them as from the models."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.support import SEARCH
from tracker.i18n import using_language
from tracker.load.loader import load_portfolio
from tracker.load.stored import StoredObjectives
from tracker.tables.frames import build_frames
from tracker.tables.localize import TEXTS_KEY, DataTexts, localize_frames, objective_titles

TODAY = date(2026, 11, 23)
TRANSLATED = """
  - id: tx-1
    title: Joint exercise held
    type: activity
    area: training
    owner: Ministry of Defence
    start: 2019-01-01
    due: 2029-12-31
    status: on-track
    translations:
      sr-Cyrl: {title: Одржана заједничка вежба}
    evidence:
      - {title: Exercise report, kind: report, date: 2020-03-02, url: "https://example.org/r",
         translations: {sr-Cyrl: {title: Извештај о вежби}}}
      - {title: Press release, kind: news, date: 2021-03-02, url: "https://example.org/p"}
    updates:
      - {date: 2020-03-01, status: on-track, note: Exercise planned.,
         translations: {sr-Latn: {note: Vežba planirana.}}}
      - {date: 2021-03-01, status: on-track, note: Exercise held.}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    text = (SEARCH / "sp1.yaml").read_text(encoding="utf-8")
    (folder / "sp1.yaml").write_text(text.rstrip("\n") + "\n" + TRANSLATED, encoding="utf-8")
    return folder


def test_packed_objectives_read_back_equal_and_placed(data: Path) -> None:
    portfolio = load_portfolio(data, TODAY)
    assert not portfolio.errors(), portfolio.errors()
    stored = StoredObjectives(portfolio.objectives)
    assert len(stored) == len(portfolio.objectives)
    assert list(stored) == portfolio.objectives
    assert stored[-1] == portfolio.objectives[-1]
    assert stored[1:3] == portfolio.objectives[1:3]
    for objective in portfolio.objectives:
        found = stored.find(objective.id)
        assert found == objective
        assert (found.plan_id, found.file, found.line) == (
            objective.plan_id,
            objective.file,
            objective.line,
        )
        assert found.model_fields_set == objective.model_fields_set
    assert stored.find("no-such-objective") is None


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_translations_read_the_same_from_packed_objectives(data: Path, language: str) -> None:
    portfolio = load_portfolio(data, TODAY)
    frames = build_frames(portfolio, today=TODAY)
    stored = StoredObjectives(portfolio.objectives)
    stored.derived[TEXTS_KEY] = DataTexts.of(portfolio.objectives)
    packed = replace(portfolio, objectives=stored)
    with using_language(language):
        from_models = localize_frames(frames, portfolio)
        from_packed = localize_frames(frames, packed)
        assert objective_titles(packed) == objective_titles(portfolio)
    for name in ("objectives", "evidence", "updates"):
        assert getattr(from_packed, name).equals(getattr(from_models, name)), name
    titles = set(from_packed.objectives["title"])
    evidence = set(from_packed.evidence["title"])
    notes = set(from_packed.updates["note"])
    if language == "sr-Cyrl":
        assert "Одржана заједничка вежба" in titles
        assert "Извештај о вежби" in evidence
        # No Cyrillic note: the English stands in, marked as English.
        assert any(n.startswith("Exercise planned.") and n != "Exercise planned." for n in notes)
    else:
        assert "Održana zajednička vežba" in titles  # the Cyrillic, in Latin
        assert "Vežba planirana." in notes
    assert not any(note == "Exercise held." for note in notes)  # English, marked as English
