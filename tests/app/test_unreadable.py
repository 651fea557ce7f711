"""No silent hole (issue 13, item 1): on a copy of the shipped data with one broken line, the
lost objective is named at the top of every page, every presentation screen and every export,
linked to the Data problems page, which lists it with its file, line and reason."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation

from components.text import escape_markdown
from tests.support import PAGES, SHIPPED, html_text, open_app
from tracker.export import build_report
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

LOST = "ipap1-public-diplomacy"
NOTICE = f"1 objective could not be read (IPAP 1: {LOST}): the figures below leave it out."


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The shipped data with one typo key (`staus`) in one objective."""
    folder = tmp_path / "commitments"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns(".*"))
    path = folder / "ipap1.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {LOST}")
    status = next(i for i in range(start, len(lines)) if lines[i].startswith("    status: "))
    lines[status] = lines[status].replace("status:", "staus:", 1)
    path.write_text("".join(lines), encoding="utf-8")
    return folder


def test_the_overview_names_the_lost_objective_at_the_top(
    monkeypatch: pytest.MonkeyPatch, broken: Path
) -> None:
    app = open_app(monkeypatch, broken)
    assert app.main.error[0].value == escape_markdown(NOTICE)
    links = [link.proto.label for link in app.main.get("page_link")]
    assert "See which objectives, and why, on the Data problems page" in links
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Objectives"] == "37"  # every other objective is still counted
    assert app.sidebar.error[0].value == (
        "1 objective could not be read: the figures leave it out."
    )


def test_the_problems_page_lists_the_lost_objective_with_where_and_why(
    monkeypatch: pytest.MonkeyPatch, broken: Path
) -> None:
    app = open_app(monkeypatch, broken, "problems")
    assert "1 objective could not be read" in [h.value for h in app.subheader]  # how many
    lost = app.dataframe[0].value
    assert list(lost["Objective"]) == [LOST]
    assert list(lost["Plan"]) == ["IPAP 1"]
    # Named from the data's own name, as the sidebar names the data: a viewer never sees the
    # server's folders (the signed-in editor does, see test_update_form.py).
    assert lost["Where"][0].startswith("commitments/ipap1.yaml:")
    assert lost["Why"][0]
    (listing,) = app.code
    assert listing.value.startswith("commitments/ipap1.yaml:")
    by_file = app.dataframe[1].value
    assert list(by_file["File"]) == ["commitments/ipap1.yaml"]
    shown = [listing.value, *lost["Where"], *by_file["File"]]
    assert not [text for text in shown if str(broken.parent) in text]


def test_every_presentation_screen_names_the_lost_objective(
    monkeypatch: pytest.MonkeyPatch, broken: Path
) -> None:
    app = open_app(monkeypatch, broken, params={"present": "1"})
    count = int(html_text(app).split("screen 1 of ")[1].split("<")[0])
    for number in range(1, count + 1):
        app.query_params["slide"] = str(number)
        app.run()
        assert not app.exception
        assert app.main.error[0].value == escape_markdown(NOTICE), number
        assert "1 objective could not be read" in html_text(app)  # in the footer too


@pytest.mark.parametrize("fmt", ["pptx", "md", "html", "xlsx"])
def test_every_export_says_so_first(broken: Path, fmt: str) -> None:
    portfolio = load_portfolio(broken)
    content = build_report(build_frames(portfolio), portfolio, fmt)
    if fmt == "pptx":
        deck = Presentation(BytesIO(content))
        title_slide = "\n".join(
            shape.text_frame.text for shape in deck.slides[0].shapes if shape.has_text_frame
        )
        assert NOTICE in title_slide
    elif fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(content)).worksheets[0]
        assert sheet.cell(row=2, column=1).value == NOTICE  # under the title, above all
    else:
        text = content.decode("utf-8")
        if fmt == "md":
            assert f"> **{NOTICE}**" in text.splitlines()[:4]  # right under the title
        else:
            assert text.index(NOTICE) < text.index("<h1>")  # above the title


@pytest.mark.parametrize("page", [p for p in PAGES if p not in ("overview", "problems")])
def test_every_page_names_the_lost_objective_at_the_top(
    monkeypatch: pytest.MonkeyPatch, broken: Path, page: str
) -> None:
    params = {"objective": "ipap1-ammo"} if page == "objective" else None
    app = open_app(monkeypatch, broken, page, params)
    assert app.main.error, page
    assert app.main.error[0].value == escape_markdown(NOTICE), page
    links = [link.proto.label for link in app.main.get("page_link")]
    assert "See which objectives, and why, on the Data problems page" in links, page
