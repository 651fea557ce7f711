"""The Evidence page on a long list: every item counted, a page of the newest sent, and a
plain sentence saying what is left out and where the rest is (issue 19: 10,000 objectives
have about 20,000 evidence links, which kept the app server over 300 MB when all were sent).

The page size is lowered for these tests so that a small portfolio pages as a big one does.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import components.tables
from tests.equivalence import generate_portfolio
from tests.support import markdown_text, metrics, open_app
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

ROWS = 25


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("evidence")
    generate_portfolio(60, folder, plans=2)
    return folder


@pytest.fixture(scope="module")
def every_item(portfolio: Path) -> pd.DataFrame:
    """Every evidence item, newest first, as the page orders them."""
    evidence = build_frames(load_portfolio(portfolio)).evidence
    return evidence.sort_values("date", ascending=False, kind="stable")


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(components.tables, "MAX_EVIDENCE_ROWS", ROWS)


def _rows(app) -> list[tuple[str, str, str]]:
    table = app.dataframe[-1].value
    return list(
        zip([d.date().isoformat() for d in table["date"]], table["id"], table["evidence"],
            strict=True)
    )  # fmt: skip


def _expected(items: pd.DataFrame, first: int, last: int) -> list[tuple[str, str, str]]:
    part = items.iloc[first:last]
    return list(
        zip([d.date().isoformat() for d in part["date"]], part["objective_id"], part["title"],
            strict=True)
    )  # fmt: skip


def test_a_long_list_sends_a_page_of_the_newest_and_says_so(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_item: pd.DataFrame
) -> None:
    total = len(every_item)
    assert total > 2 * ROWS  # the portfolio is long enough to page
    app = open_app(monkeypatch, portfolio, "evidence")
    assert int(metrics(app)["Evidence items"].replace(",", "")) == total  # all counted
    assert _rows(app) == _expected(every_item, 0, ROWS)
    text = markdown_text(app)
    assert f"Showing the {ROWS} newest of {total:,} evidence items." in text
    assert "The Excel workbook on the Meeting pack page lists them all" in text

    app.number_input(key="evidence_page").set_value(2).run()
    assert not app.exception
    assert _rows(app) == _expected(every_item, ROWS, 2 * ROWS)
    assert (
        f"Showing evidence items {ROWS + 1:,} to {2 * ROWS:,} of {total:,}, newest first."
        in markdown_text(app)
    )
    pages = -(-total // ROWS)
    app.number_input(key="evidence_page").set_value(pages).run()
    assert _rows(app) == _expected(every_item, (pages - 1) * ROWS, total)


def test_a_new_choice_of_kinds_starts_again_from_the_newest(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_item: pd.DataFrame
) -> None:
    app = open_app(monkeypatch, portfolio, "evidence")
    app.number_input(key="evidence_page").set_value(2).run()
    kinds = every_item["kind"].fillna("other").astype(str)
    common = kinds.value_counts().index[0]
    app.multiselect(key="evidence_kinds").set_value([common]).run()
    assert not app.exception
    kept = every_item[kinds == common]
    shown = min(ROWS, len(kept))
    assert _rows(app) == _expected(kept, 0, shown)
    if len(kept) > ROWS:
        assert f"Showing the {ROWS} newest of {len(kept):,} evidence items." in markdown_text(app)


def test_a_list_that_fits_shows_every_item_without_a_pager(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_item: pd.DataFrame
) -> None:
    monkeypatch.setattr(components.tables, "MAX_EVIDENCE_ROWS", len(every_item))
    app = open_app(monkeypatch, portfolio, "evidence")
    assert _rows(app) == _expected(every_item, 0, len(every_item))
    assert not app.number_input
    assert "Showing" not in markdown_text(app)
    assert "Newest first." in markdown_text(app)


def test_the_page_says_what_it_leaves_out_in_serbian(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path
) -> None:
    app = open_app(monkeypatch, portfolio, "evidence", {"lang": "sr-Cyrl"})
    text = markdown_text(app)
    assert "Showing" not in text
    assert "Приказан" in text
