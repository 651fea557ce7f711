"""The Changes page on a long window: every change counted, a page of the newest sent, and a
plain sentence saying what is left out and where the rest is (issue 19: since the first
plan's start, 10,000 objectives have 127,000 changes, which no browser table should get)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from components.tables import MAX_CHANGE_ROWS
from tests.equivalence import generate_portfolio
from tests.support import markdown_text, metrics, open_app
from tracker.load.loader import load_portfolio
from tracker.tables.analysis import changes_since
from tracker.tables.frames import build_frames

SINCE = "2015-01-01"  # the generator's first day: every change of the portfolio


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("changes")
    generate_portfolio(120, folder, plans=3)
    return folder


@pytest.fixture(scope="module")
def every_change(portfolio: Path):
    return changes_since(build_frames(load_portfolio(portfolio)), date(2015, 1, 1))


def _rows(app) -> list[tuple[str, str, str]]:
    """The changes table on screen: day, objective and what changed, row by row."""
    table = app.dataframe[-1].value
    return list(
        zip(
            [day.date().isoformat() for day in table["date"]],
            table["id"],
            table["detail"],
            strict=True,
        )
    )


def _expected(changes, first: int, last: int) -> list[tuple[str, str, str]]:
    """The same rows of the library's full list (changes_since), as the workbook has them."""
    part = changes.iloc[first:last]
    return list(
        zip(
            [day.date().isoformat() for day in part["date"]],
            part["objective_id"],
            part["detail"],
            strict=True,
        )
    )


def test_a_long_window_sends_a_page_of_the_newest_and_says_so(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_change
) -> None:
    total = len(every_change)
    assert total > 2 * MAX_CHANGE_ROWS  # the portfolio is long enough to page
    app = open_app(monkeypatch, portfolio, "changes", {"since": SINCE})
    tiles = metrics(app)
    counted = {k: int(v.replace(",", "")) for k, v in tiles.items() if k in (
        "Status changes", "Other updates", "New evidence", "New measurements")}  # fmt: skip
    assert sum(counted.values()) == total  # the tiles count every change, shown or not
    assert _rows(app) == _expected(every_change, 0, MAX_CHANGE_ROWS)
    text = markdown_text(app)
    assert f"Showing the {MAX_CHANGE_ROWS} newest of {total:,} changes." in text
    assert "The Excel workbook on the Meeting pack page lists them all" in text
    # The count by plan covers the whole window, not the page.
    by_plan = app.dataframe[0].value
    assert int(by_plan["Total"].sum()) == total
    assert sorted(by_plan.columns) == sorted(
        ["Plan", "Total", "Status changes", "Other updates", "New evidence", "New measurements"]
    )

    app.number_input(key="changes_page").set_value(2).run()
    assert not app.exception
    assert _rows(app) == _expected(every_change, MAX_CHANGE_ROWS, 2 * MAX_CHANGE_ROWS)
    assert (
        f"Showing changes {MAX_CHANGE_ROWS + 1:,} to {2 * MAX_CHANGE_ROWS:,} of {total:,}, "
        "newest first." in markdown_text(app)
    )
    pages = -(-total // MAX_CHANGE_ROWS)
    app.number_input(key="changes_page").set_value(pages).run()
    assert _rows(app) == _expected(every_change, (pages - 1) * MAX_CHANGE_ROWS, total)


def test_a_new_choice_of_kinds_starts_again_from_the_newest(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_change
) -> None:
    app = open_app(monkeypatch, portfolio, "changes", {"since": SINCE})
    app.number_input(key="changes_page").set_value(2).run()
    app.pills(key="changes_kinds").set_value(["status", "update"]).run()
    assert not app.exception
    kept = every_change[every_change["change"].isin(["status", "update"])]
    assert _rows(app) == _expected(kept, 0, MAX_CHANGE_ROWS)
    assert f"Showing the {MAX_CHANGE_ROWS} newest of {len(kept):,} changes." in markdown_text(app)


def test_a_window_that_fits_shows_every_change_without_a_pager(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_change
) -> None:
    app = open_app(monkeypatch, portfolio, "changes", {"since": SINCE, "change": "measurement"})
    measurements = every_change[every_change["change"] == "measurement"]
    assert 0 < len(measurements) <= MAX_CHANGE_ROWS
    assert _rows(app) == _expected(measurements, 0, len(measurements))
    assert not app.number_input
    assert "Newest first. Pick a row to open the objective." in markdown_text(app)
    assert "Showing" not in markdown_text(app)


def test_the_page_says_what_it_leaves_out_in_serbian(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, every_change
) -> None:
    app = open_app(monkeypatch, portfolio, "changes", {"since": SINCE, "lang": "sr-Cyrl"})
    text = markdown_text(app)
    assert "Showing" not in text
    assert "Приказано" in text
