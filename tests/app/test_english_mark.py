"""An English text standing in for a Serbian one says so once: "Ministry of Defence
(на енглеском)", never "... (на енглеском) (на енглеском)". The view localizes its frames
once for every page; the tables once localized them again and marked each untranslated owner
a second time (generated portfolios: no owner has a Serbian name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.equivalence import generate_portfolio
from tests.support import markdown_text, open_app

MARKS = {"sr-Cyrl": "(на енглеском)", "sr-Latn": "(na engleskom)"}
PAGES = (
    "objectives",
    "overview",
    "changes",
    "evidence",
    "objective",
    "partnership_goals",
    "ammunition",
    "campaign",
)


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("english_mark")
    generate_portfolio(60, folder, plans=2)
    return folder


@pytest.mark.parametrize("lang", list(MARKS))
@pytest.mark.parametrize("page", PAGES)
def test_an_english_owner_or_title_is_marked_once(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, lang: str, page: str
) -> None:
    mark = MARKS[lang]
    app = open_app(monkeypatch, portfolio, page, {"lang": lang})
    marked = 0
    for table in app.dataframe:
        for column in table.value.columns:
            for cell in table.value[column]:
                if isinstance(cell, str) and mark in cell:
                    marked += 1
                    assert cell.count(mark) == 1, (column, cell)
    if page in ("objectives", "overview"):
        owners = [t.value["owner"] for t in app.dataframe if "owner" in t.value.columns]
        assert owners, "the page shows an owner column"
        for column in owners:  # no owner in this data has a Serbian name: every one is marked
            assert all(cell.count(mark) == 1 for cell in column if cell), list(column)
        assert marked
    for line in markdown_text(app).splitlines():
        assert line.count(mark) <= 1, line
