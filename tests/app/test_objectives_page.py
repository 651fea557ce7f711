"""The Objectives page on a long list: a page of rows sent at a time, a sentence saying which
rows they are, the next page showing the next ones, and the sorting and the sidebar's search
covering every objective, not only the rows shown (issue 19: at 10,000 objectives the whole
table kept the app server over its memory bound while it was sent).

The page size is lowered for these tests so that a small portfolio pages as a big one does.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import components.tables
from tests.equivalence import generate_portfolio
from tests.support import markdown_text, open_app
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

ROWS = 25


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("objectives")
    generate_portfolio(60, folder, plans=2)
    return folder


@pytest.fixture(scope="module")
def every_objective(portfolio: Path) -> pd.DataFrame:
    """Every objective in the list's own order: by plan, then due date."""
    objectives = build_frames(load_portfolio(portfolio)).objectives
    return objectives.sort_values(["plan", "due", "id"], kind="stable")


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(components.tables, "MAX_OBJECTIVE_ROWS", ROWS)


def _ids(app) -> list[str]:
    return list(app.dataframe[0].value["id"])


def test_a_long_list_says_which_rows_it_shows_and_the_next_page_shows_the_next(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_objective: pd.DataFrame
) -> None:
    every = list(every_objective["id"])
    total = len(every)
    assert total > 2 * ROWS  # long enough to page
    app = open_app(monkeypatch, portfolio, "objectives")
    assert _ids(app) == every[:ROWS]
    text = markdown_text(app)
    assert f"Showing objectives 1 to {ROWS} of {total}." in text
    assert "pick a page to see the others" in text
    assert "a column heading sorts only the rows shown" in text

    app.number_input(key="objectives_page").set_value(2).run()
    assert not app.exception
    assert _ids(app) == every[ROWS : 2 * ROWS]
    assert f"Showing objectives {ROWS + 1} to {2 * ROWS} of {total}." in markdown_text(app)

    pages = -(-total // ROWS)
    assert app.number_input(key="objectives_page").label == f"Page (of {pages})"
    app.number_input(key="objectives_page").set_value(pages).run()
    assert _ids(app) == every[(pages - 1) * ROWS :]  # the last page holds the rest


def test_sorting_orders_every_objective_and_starts_again_from_the_first_page(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_objective: pd.DataFrame
) -> None:
    app = open_app(monkeypatch, portfolio, "objectives")
    app.number_input(key="objectives_page").set_value(2).run()
    app.selectbox(key="objectives_sort").set_value("progress").run()
    app.segmented_control(key="objectives_order").set_value("descending").run()
    assert not app.exception
    shown = app.dataframe[0].value
    # The highest progress of all the objectives, not of the page that was showing.
    highest = sorted(every_objective["progress"], reverse=True)[:ROWS]
    assert list(shown["progress"]) == highest
    assert f"Showing objectives 1 to {ROWS} of {len(every_objective)}." in markdown_text(app)


def test_the_sidebar_search_looks_through_every_objective(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_objective: pd.DataFrame
) -> None:
    last = every_objective.iloc[-1]  # on the last page of the unsearched list
    app = open_app(monkeypatch, portfolio, "objectives", {"q": str(last["id"])})
    assert str(last["id"]) in _ids(app)


def test_the_page_says_which_rows_it_shows_in_serbian(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_objective: pd.DataFrame
) -> None:
    app = open_app(monkeypatch, portfolio, "objectives", {"lang": "sr-Cyrl"})
    text = markdown_text(app)
    assert f"Приказани су циљеви 1–{ROWS} од укупно {len(every_objective)}." in text
    assert "Showing" not in text
    assert app.selectbox(key="objectives_sort").label == "Поређај по"


def test_every_sort_runs_over_the_whole_list_in_both_orders(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_objective: pd.DataFrame
) -> None:
    app = open_app(monkeypatch, portfolio, "objectives")
    sorts = app.selectbox(key="objectives_sort").options
    assert "Best match" not in sorts and len(sorts) == 10  # the best match only when searching
    keys = ["plan", "title", "status", "progress", "due", "owner", "area_title", "type"]
    for key in [*keys, "last_update", "evidence_count"]:
        for order in ("ascending", "descending"):
            app.selectbox(key="objectives_sort").set_value(key).run()
            if key != "plan":
                app.segmented_control(key="objectives_order").set_value(order).run()
            assert not app.exception, (key, order)
            assert len(_ids(app)) == ROWS
    app.selectbox(key="objectives_sort").set_value("due").run()
    app.segmented_control(key="objectives_order").set_value("descending").run()
    due = list(app.dataframe[0].value["due"])
    assert due == sorted(every_objective["due"], reverse=True)[:ROWS]
