"""Every chart on every page and presentation screen has a text alternative: a table a screen
reader reads, right after the chart, holding every number the chart draws, in the reader's
language. The numbers are taken here from the chart's own spec, independently of how the
app writes its table."""

from __future__ import annotations

import html
import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import DASHBOARD, open_app
from tracker.i18n import t, using_language
from tracker.tables.wording import thousands

SR_TABLE = re.compile(r'<div class="ipap-sr-only ipap-chart-text">.*?</div>', re.S)
CHART_PAGES = {
    "overview": {},
    "ammunition": {},
    "campaign": {},
    "partnership_goals": {},
    "objective": {"objective": "tp1-ammo"},
}


def _tables(app: AppTest) -> list[str]:
    """The text alternatives on screen, as the words they hold (cells split by " | ")."""
    found = []
    for element in app.get("html"):
        for table in SR_TABLE.findall(str(element.proto.body)):
            cells = re.sub(r"(\s*<[^>]+>\s*)+", " | ", table)
            found.append(" ".join(html.unescape(cells).split()).strip())
    return found


def _numbers(spec: dict) -> list[float]:
    """Every amount a chart draws: a bar's length, a line's points (not the text-only traces
    that write totals, nor a line drawn only to join the markers)."""
    amounts: list[float] = []
    for trace in spec["data"]:
        if trace.get("type") == "bar" and "base" not in trace:
            values = trace.get("x") if trace.get("orientation") == "h" else trace.get("y")
        elif trace.get("type") == "scatter" and trace.get("mode") != "text":
            if trace.get("hoverinfo") == "skip":
                continue
            values = trace.get("y")
        else:
            continue
        if isinstance(values, dict):  # plotly's packed arrays: {"dtype": .., "bdata": ..}
            import plotly.io

            values = plotly.io.from_json(json.dumps({"data": [trace]})).data[0]
            values = values.x if trace.get("orientation") == "h" else values.y
        amounts += [float(v) for v in values if isinstance(v, int | float)]
    return amounts


def _timeline_titles(spec: dict) -> list[str]:
    return [
        html.unescape(str(row[0]))
        for trace in spec["data"]
        if trace.get("type") == "bar" and "base" in trace
        for row in trace.get("customdata", [])
    ]


def _check(app: AppTest, where: str, language: str) -> int:
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    tables = _tables(app)
    assert len(tables) == len(specs), (where, len(tables), len(specs))
    with using_language(language):
        caption = t("The chart's figures")
        for spec, table in zip(specs, tables, strict=True):
            assert table.startswith(f"| {caption}"), (where, table[:80])
            for amount in _numbers(spec):
                assert f"| {thousands(amount)} |" in table, (where, amount, table[:300])
            for title in _timeline_titles(spec):
                assert title in table, (where, title)
    return len(specs)


@pytest.mark.parametrize("language", ["en", "sr-Cyrl"])
def test_every_chart_on_every_page_has_its_numbers_in_words(
    monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    charts = 0
    for page, params in CHART_PAGES.items():
        app = open_app(monkeypatch, DASHBOARD, page, {**params, "lang": language})
        charts += _check(app, page, language)
    assert charts >= 10  # overview 4, ammunition 3, campaign, goals, history and metric
    with using_language(language):
        caption = t("The chart's figures")
    assert re.search("[а-я]", caption) if language == "sr-Cyrl" else caption.isascii()


def test_every_presentation_chart_has_its_numbers_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, params={"present": "1"})
    charts = 0
    for _ in range(11):
        charts += _check(app, app.title[0].value, "en")
        nexts = [button for button in app.button if button.label == "Next"]
        if nexts[0].disabled:
            break
        nexts[0].click().run()
    assert charts >= 8


def test_the_text_alternative_is_a_table_with_headers_and_a_caption(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD)
    body = next(
        str(element.proto.body)
        for element in app.get("html")
        if SR_TABLE.search(str(element.proto.body))
    )
    assert "<caption>The chart's figures: Status by plan</caption>" in body
    assert '<th scope="col">Plan</th>' in body and '<th scope="row">TP 1</th>' in body
    assert '<th scope="col">Total</th>' in body
