"""Who leads an objective and a partnership goal's field, in the reader's language: the data
format's `translations` give `owner` and `field` beside title and description, the shipped data
gives both in Cyrillic, and every table, chart, list and search reads them."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import DASHBOARD, SHIPPED, open_app, screen_texts
from tracker.i18n import t, using_language
from tracker.load.loader import load_portfolio, load_text
from tracker.tables.search import SearchIndex

# The shipped owners as the files write them (English, the text of record).
ENGLISH_OWNERS = ("Ministry of Defence", "Ministry of Foreign Affairs", "Ministry of Interior")


def _sidebar_owners(app) -> list[str]:
    label = t("Owner")
    (widget,) = [box for box in app.sidebar.multiselect if box.label == label]
    return list(widget.options)


@pytest.mark.parametrize(
    ("language", "defence"),
    [("sr-Cyrl", "Министарство одбране"), ("sr-Latn", "Ministarstvo odbrane")],
)
def test_the_objectives_table_and_the_owner_list_name_owners_in_serbian(
    monkeypatch: pytest.MonkeyPatch, language: str, defence: str
) -> None:
    app = open_app(monkeypatch, SHIPPED, "objectives", {"lang": language})
    shown = "\n".join(screen_texts(app))
    assert defence in shown
    assert not [owner for owner in ENGLISH_OWNERS if owner in shown]
    with using_language(language):
        owners = _sidebar_owners(app)
    assert defence in owners
    assert not [owner for owner in owners if owner.startswith("Ministry")]


def test_the_objective_page_gives_its_owner_and_field_in_cyrillic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    params: dict[str, str | list[str]] = {
        "lang": "sr-Cyrl",
        "objective": "ipap1-pg-medical-support",
    }
    app = open_app(monkeypatch, SHIPPED, "objective", params)
    shown = "\n".join(screen_texts(app))
    assert "Санитетска подршка" in shown
    assert "Министарство одбране" in shown
    assert "Medical support" not in shown


def test_an_owner_without_a_translation_shows_in_english_marked_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "objectives", {"lang": "sr-Cyrl"})
    with using_language("sr-Cyrl"):
        owners = _sidebar_owners(app)
        mark = t("{text} (in English)", text="")
    assert owners and all(owner.endswith(mark.strip()) for owner in owners)


def test_search_finds_an_objective_by_its_owner_or_field_in_serbian() -> None:
    index = SearchIndex.of_portfolio(load_portfolio(SHIPPED, today=date(2026, 12, 1)))
    medical = set(index.scores("санитетска подршка").index)
    assert "ipap1-pg-medical-support" in medical
    assert set(index.scores("sanitetska podrska").index) == medical
    interior = set(index.scores("министарство унутрашњих").index)
    assert interior and interior == set(index.scores("Ministry of Interior").index)


def test_a_translation_of_the_owner_is_checked_like_any_field() -> None:
    """A wrong value and an unknown field inside a translation are refused at their lines."""
    lines = (SHIPPED / "ipap1.yaml").read_text(encoding="utf-8").split("\n")
    at = lines.index('        owner: "Министарство одбране"')
    lines[at : at + 1] = ["        owner: [12]", "        agency: Х"]
    loaded = load_text("\n".join(lines), "ipap1.yaml")
    errors = [problem for problem in loaded.problems if not problem.is_warning]
    assert {problem.line for problem in errors} == {at + 1, at + 2}
    assert any("agency" in problem.message for problem in errors)


@pytest.mark.parametrize(
    ("language", "editors"),
    [
        ("sr-Cyrl", "уредници пројекта IPAP Tracker (јавни извори)"),
        ("sr-Latn", "urednici projekta IPAP Tracker (javni izvori)"),
    ],
)
def test_the_objective_page_says_who_signed_an_update_in_serbian(
    monkeypatch: pytest.MonkeyPatch, language: str, editors: str
) -> None:
    """The shipped updates' signature is the project's own words, translated in the data."""
    params = {"lang": language, "objective": "ipap1-civil-emergency-training"}
    app = open_app(monkeypatch, SHIPPED, "objective", params)
    shown = "\n".join(screen_texts(app))
    assert editors in shown.replace("\\", "")
    assert "IPAP Tracker editors" not in shown
