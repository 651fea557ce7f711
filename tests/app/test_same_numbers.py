"""One set of numbers everywhere (issue 13): the overview, presentation mode and every export
(deck, briefing, PDF, workbook, summary) say the same headline figures for the same data and
audience, on clean data and on broken copies of it, and the public and internal views differ
only where internal evidence is counted, the same way on every surface.

Each surface is read as a person reads it: the tiles on screen, the deck's tiles, the
briefing's tiles, the printed page's words by their place, the workbook's rows, the summary's
sentences. The clean portfolio's figures are also pinned to those tests/data/dashboard/README.md
lists, so every surface agreeing on a wrong figure would fail too.
"""

from __future__ import annotations

import base64
import html
import itertools
import json
import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import numpy
import openpyxl
import pytest
from pptx import Presentation

from tests.support import TESTS, html_text, open_app
from tracker.export import build_report
from tracker.export.pdf import BrowserMissing, chromium_path
from tracker.i18n import t
from tracker.load.loader import load_portfolio
from tracker.model import ACTIVITY_KINDS
from tracker.sheets.columns import NO_ROWS_NOTES
from tracker.tables.frames import build_frames

DASHBOARD = TESTS / "data" / "dashboard"
Figures = dict[str, int]

# Each headline tile's label on screen and in the exports, by the figure it shows.
SCREEN_LABELS = {
    "objectives": "Objectives",
    "completed": "Completed",
    "on_track": "On track",
    "at_risk": "At risk",
    "off_track": "Off track",
    "not_assessed": "Not assessed",
    "overdue": "Overdue",
    "past_due_unassessed": "Past due, never assessed",
    "stale": "Stale",
}
PACK_LABELS = {**SCREEN_LABELS, "stale": "Stale (no recent update)"}
HEADLINES = tuple(SCREEN_LABELS)
# The public view leaves out one internal report (on a campaign objective, but a report is
# not one of the campaign's activities).
PINNED = {
    "public": {
        "objectives": 12, "completed": 2, "on_track": 4, "at_risk": 1, "off_track": 2,
        "not_assessed": 1, "overdue": 3, "past_due_unassessed": 1, "stale": 9,
        "unreadable": 0, "evidence": 12, "campaign": 8,
    },
}  # fmt: skip
PINNED["internal"] = {**PINNED["public"], "evidence": 13}  # the report is no campaign activity
# The surfaces that count evidence or campaign activities, which internal evidence changes.
COUNTS_EVIDENCE = {
    "presentation": {"campaign"},
    "deck": {"evidence", "campaign"},
    "briefing": {"evidence", "campaign"},
    "pdf": {"evidence", "campaign"},
    "workbook": {"evidence", "campaign"},
    "summary": {"evidence", "campaign"},
}
STATUS_KEYS = {
    "completed": "completed",
    "on_track": "on-track",
    "at_risk": "at-risk",
    "off_track": "off-track",
    "not_assessed": "not-assessed",
}


def _broken_dashboard(tmp_path: Path) -> Path:
    """The dashboard with one typo key (`staus`) in an off-track objective that has evidence."""
    folder = tmp_path / "dashboard-one-broken"
    shutil.copytree(DASHBOARD, folder)
    path = folder / "tp1.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - id: tp1-goal-medical")
    at = text.index("    status: off-track", start)
    path.write_text(text[:at] + "    staus: off-track" + text[at + 21 :], encoding="utf-8")
    return folder


@pytest.fixture(params=["dashboard", "dashboard-one-broken", "dashboard-broken"])
def data(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "dashboard-one-broken":
        return _broken_dashboard(tmp_path)
    return TESTS / "data" / request.param


def _number(text: str) -> int:
    """The count a tile shows: '12', or the first number of '2 of 12'."""
    found = re.match(r"\s*(\d[\d,]*)", text)
    assert found, text
    return int(found.group(1).replace(",", ""))


def _unreadable(text: str) -> int:
    found = re.search(r"(\d+) objectives? could not be read", text)
    return int(found.group(1)) if found else 0


def _from_sentences(text: str) -> Figures:
    """The evidence and campaign counts the packs state in words."""
    text = " ".join(text.split())
    figures: Figures = {}
    evidence = re.search(r"(\d+) (?:evidence )?items?, \d+ with a link", text)
    if evidence:
        figures["evidence"] = int(evidence.group(1))
    elif "No evidence is recorded for these objectives." in text:
        figures["evidence"] = 0
    campaign = re.search(r"(\d+) recorded activit(?:y|ies) of the information campaign", text)
    if campaign:
        figures["campaign"] = int(campaign.group(1))
    return figures


# --- The app ----------------------------------------------------------------------------------


def _screen_tiles(app: object) -> dict[str, str]:
    """The KPI tiles on screen: Streamlit's metrics, or the tiles drawn as HTML (label, then
    value) that presentation mode uses."""
    tiles = {metric.label: metric.value for metric in app.metric}  # type: ignore[attr-defined]
    for label, value in re.findall(
        r'<div class="ipap-kpi-label">([^<]*)</div><div class="ipap-kpi-value">([^<]*)</div>',
        html_text(app),  # type: ignore[arg-type]
    ):
        tiles.setdefault(html.unescape(label), html.unescape(value))
    return tiles


def _app_figures(monkeypatch: pytest.MonkeyPatch, data: Path, audience: str) -> Figures:
    app = open_app(monkeypatch, data, params={"audience": audience})
    tiles = _screen_tiles(app)
    figures = {key: _number(tiles[label]) for key, label in SCREEN_LABELS.items()}
    assert tiles["Completed"] == f"{figures['completed']} of {figures['objectives']}"
    figures["unreadable"] = _unreadable(" ".join(str(e.value) for e in app.main.error))
    shown = "\n".join(str(m.value) for m in app.markdown)
    evidence = re.search(r"\*\*(\d+)\*\* items? for", shown)
    if evidence:
        figures["evidence"] = int(evidence.group(1))
    campaign = open_app(monkeypatch, data, "campaign", params={"audience": audience})
    recorded = {metric.label: metric.value for metric in campaign.metric}
    if "Activities recorded" in recorded:
        figures["campaign"] = _number(recorded["Activities recorded"])
    return figures


def _chart_total(app: object) -> int:
    """The sum of the bars of the campaign chart on a presentation screen."""
    total = 0
    for chart in app.get("plotly_chart"):  # type: ignore[attr-defined]
        spec = json.loads(chart.proto.spec)
        for trace in spec.get("data", []):
            if trace.get("type") == "bar":
                total += int(sum(_values(trace.get("y", []))))
    return total


def _values(values: object) -> list[float]:
    """A trace's values, as plotly sends them: a list, or a typed array in base64."""
    if isinstance(values, dict):
        raw = base64.b64decode(str(values["bdata"]))
        return [float(v) for v in numpy.frombuffer(raw, dtype=numpy.dtype(str(values["dtype"])))]
    return [float(v or 0) for v in values]  # type: ignore[union-attr]


def _presentation_figures(monkeypatch: pytest.MonkeyPatch, data: Path, audience: str) -> Figures:
    app = open_app(monkeypatch, data, params={"present": "1", "audience": audience})
    tiles = _screen_tiles(app)
    figures = {key: _number(tiles[label]) for key, label in SCREEN_LABELS.items()}
    figures["unreadable"] = _unreadable(" ".join(str(e.value) for e in app.main.error))
    count = int(html_text(app).split("screen 1 of ")[1].split("<")[0])
    for number in range(2, count + 1):
        app.query_params["slide"] = str(number)
        app.run()
        assert not app.exception
        if any("Information campaign" in str(title.value) for title in app.title):
            figures["campaign"] = _chart_total(app)
    return figures


# --- The exports ------------------------------------------------------------------------------


def _tile_figures(pairs: list[tuple[str, str]]) -> Figures:
    """(label, value) pairs of a pack's tiles, by figure."""
    by_label: dict[str, str] = {}
    for label, value in pairs:
        by_label.setdefault(label, value)  # the summary's tile, not a later chart's axis
    return {key: _number(by_label[label]) for key, label in PACK_LABELS.items()}


def _deck_figures(content: bytes) -> Figures:
    deck = Presentation(BytesIO(content))
    texts = [
        [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        for slide in deck.slides
    ]
    summary = next(slide for slide in texts if "Summary" in slide)
    # A tile is a figure's text box followed by its caption, whose first line is the label.
    labels = set(PACK_LABELS.values())
    pairs = [
        (caption.split("\n")[0], value)
        for value, caption in itertools.pairwise(summary)
        if caption.split("\n")[0] in labels
    ]
    figures = _tile_figures(pairs)
    everything = "\n".join(text for slide in texts for text in slide)
    figures["unreadable"] = _unreadable("\n".join(texts[0]))
    figures.update(_from_sentences(everything))
    return figures


def _html_figures(content: bytes) -> Figures:
    document = content.decode("utf-8")
    pairs = [
        (label, value)
        for value, label in re.findall(
            r'<span class="figure[^"]*">([^<]*)</span><span class="label">([^<]*)</span>',
            document,
        )
    ]
    figures = _tile_figures(pairs)
    text = re.sub(r"<[^>]+>", " ", document.split("<h1>")[0])
    figures["unreadable"] = _unreadable(text)
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", document, flags=re.S)
    figures.update(_from_sentences(re.sub(r"<[^>]+>", " ", body)))
    return figures


def _pdf_figures(content: bytes, folder: Path) -> Figures:
    """The printed tiles read by where their words are: a figure sits right above its label,
    at the same left edge."""
    path = folder / "pack.pdf"
    path.write_bytes(content)
    boxes = folder / "boxes.html"
    subprocess.run(
        ["pdftotext", "-f", "1", "-l", "2", "-bbox-layout", str(path), str(boxes)], check=True
    )
    blocks = []
    for found in re.finditer(
        r'<block xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</block>',
        boxes.read_text(encoding="utf-8"),
        re.S,
    ):
        words = " ".join(re.findall(r">([^<]+)</word>", found.group(4)))
        blocks.append((float(found.group(1)), float(found.group(2)), float(found.group(3)), words))
    pairs = []
    for left, top, _, words in blocks:
        if words not in PACK_LABELS.values():
            continue
        above = [b for b in blocks if abs(b[0] - left) < 3 and b[2] <= top + 1 and b[1] < top]
        if above and re.match(r"\d", max(above, key=lambda b: b[2])[3]):
            pairs.append((words, max(above, key=lambda b: b[2])[3]))
    figures = _tile_figures(pairs)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    figures["unreadable"] = _unreadable(text.split("Summary")[0])
    figures.update(_from_sentences(text))
    return figures


_NO_ROWS_NOTES = set(NO_ROWS_NOTES.values())  # the workbooks here are in English


def _workbook_figures(content: bytes) -> Figures:
    """What a person gets by filtering the workbook's sheets, found by the hidden keys sheet."""
    book = openpyxl.load_workbook(BytesIO(content))
    keys = {(row[0], row[4]): row[2] for row in book["keys"].iter_rows(min_row=2, values_only=True)}

    def column(table: str, key: str) -> list[object]:
        sheet = book[table.capitalize()]
        index = openpyxl.utils.column_index_from_string(keys[(table, key)]) - 1
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        # An empty sheet says so on its one line under the header (NO_ROWS_NOTES): no row.
        if len(rows) == 1 and not any(rows[0][1:]) and rows[0][0] in _NO_ROWS_NOTES:
            rows = []
        return [row[index] for row in rows]

    statuses = column("objectives", "status")
    figures = {"objectives": len(statuses)}
    figures.update({key: statuses.count(status) for key, status in STATUS_KEYS.items()})
    for key in ("overdue", "past_due_unassessed", "stale"):
        figures[key] = sum(1 for value in column("objectives", key) if value is True)
    about = book["About"]
    figures["unreadable"] = _unreadable(str(about.cell(row=2, column=1).value or ""))
    owners = column("evidence", "objective_id")
    figures["evidence"] = len(owners)
    campaign_ids = {
        objective
        for objective, kind in zip(
            column("objectives", "id"), column("objectives", "type"), strict=True
        )
        if kind in ("information-campaign", "Information campaign")
    }
    # The campaign's activities are its evidence of an activity kind (not reports about it).
    kinds = {*ACTIVITY_KINDS, *(t(kind) for kind in ACTIVITY_KINDS)}
    figures["campaign"] = sum(
        1
        for owner, kind in zip(owners, column("evidence", "kind"), strict=True)
        if owner in campaign_ids and kind in kinds
    )
    return figures


def _summary_figures(content: bytes) -> Figures:
    text = content.decode("utf-8")
    first = re.search(
        r"\*\*(\d+)\*\* objectives?: (\d+) of \d+ completed \([^)]*\), (\d+) on track, "
        r"(\d+) at risk, (\d+) off track, (\d+) not assessed",
        text,
    )
    second = re.search(
        r"\*\*(\d+)\*\* overdue \(assessed, past the due date\), \*\*(\d+)\*\* past due, never "
        r"assessed, \*\*(\d+)\*\* with no recent update",
        text,
    )
    assert first and second, text[:2000]
    names = ("objectives", "completed", "on_track", "at_risk", "off_track", "not_assessed")
    figures = {name: int(value) for name, value in zip(names, first.groups(), strict=True)}
    figures.update(
        zip(("overdue", "past_due_unassessed", "stale"), map(int, second.groups()), strict=True)
    )
    figures["unreadable"] = _unreadable("\n".join(text.splitlines()[:4]))
    figures.update(_from_sentences(text))
    return figures


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_surface_says_the_same_numbers(
    monkeypatch: pytest.MonkeyPatch, data: Path, audience: str, tmp_path: Path
) -> None:
    app = _app_figures(monkeypatch, data, audience)
    portfolio = load_portfolio(data)
    frames = build_frames(portfolio)

    def export(fmt: str) -> bytes:
        return build_report(frames, portfolio, fmt, audience=audience)

    surfaces = {
        "presentation": _presentation_figures(monkeypatch, data, audience),
        "deck": _deck_figures(export("pptx")),
        "briefing": _html_figures(export("html")),
        "workbook": _workbook_figures(export("xlsx")),
        "summary": _summary_figures(export("md")),
    }
    try:
        chromium_path()
        if shutil.which("pdftotext") is None:
            raise BrowserMissing("pdftotext is missing")
    except BrowserMissing:
        pass  # the PDF is checked where Chromium and poppler-utils are installed (CI)
    else:
        surfaces["pdf"] = _pdf_figures(export("pdf"), tmp_path)
    for name, figures in surfaces.items():
        # Every surface states every headline figure and what could not be read...
        assert set(HEADLINES) | {"unreadable"} <= set(figures), (name, figures)
        # ...the counts of internal evidence where it shows them...
        if name in COUNTS_EVIDENCE:
            assert COUNTS_EVIDENCE[name] & set(app) <= set(figures), (name, figures)
        # ...and every figure it states is the app's.
        differ = {k: (v, app[k]) for k, v in figures.items() if k in app and v != app[k]}
        assert not differ, (name, differ)
    if data == DASHBOARD:
        assert app == PINNED[audience]
    else:
        assert app["unreadable"] > 0  # a broken copy says so on every surface
        assert app["objectives"] == len(portfolio.objectives)
