"""The printed report: the briefing printed by headless Chromium, read back with pdftotext.

These tests drive the machine's Chromium (scripts/test.sh installs it) and skip with a
reason where it or pdftotext is missing; the no-Chromium path is tested everywhere.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from tests.support import MEETING, MEETING_TODAY, CliResult
from tracker.export import build_report, gather
from tracker.export import html as briefing
from tracker.export.pdf import (
    BrowserMissing,
    chromium_path,
    print_page,
)
from tracker.load.loader import Portfolio
from tracker.settings import CHROMIUM_ARGS, CHROMIUM_ENV
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.frames import build_frames

SINCE = date(2025, 1, 1)


def chromium_or_skip() -> Path:
    try:
        return chromium_path()
    except BrowserMissing as missing:
        pytest.skip(str(missing))


pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(meeting_portfolio: Portfolio, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The printed pack's text, one string per page (pdftotext keeps the layout)."""
    chromium_or_skip()
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    frames = build_frames(meeting_portfolio, today=MEETING_TODAY)
    pdf = build_report(frames, meeting_portfolio, "pdf", since=SINCE)
    assert pdf.startswith(b"%PDF-")
    path = tmp_path_factory.mktemp("pdf") / "pack.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def page_of(pages: list[str], text: str) -> int:
    found = [number for number, page in enumerate(pages, start=1) if text in page]
    assert found, f"{text!r} is on no page"
    return found[0]


def test_the_pdf_has_every_sections_heading(pages: list[str]) -> None:
    everything = "\n".join(pages)
    for heading in (
        "IPAP meeting pack",
        "Summary",
        "Status by plan",
        "Status by area",
        "Progress by area",
        "Ammunition against target",
        "Information campaign activities",
        "Changes since 2025-01-01",
        "Overdue and at-risk objectives",
        "Evidence appendix",
    ):
        assert heading in everything, heading
    assert "Public edition: internal evidence is left out." in pages[0]
    assert "Internal: depot inspection notes" not in everything


def test_every_page_has_a_page_number_and_the_data_date(pages: list[str]) -> None:
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        # Plans differ in how current they are, so the footer names each plan's data date.
        assert "Data as of ALPHA 2026-07-01, BETA 2025-09-01" in page


def test_no_chart_is_split_across_pages(pages: list[str]) -> None:
    """Each chart's heading, its drawing (axis labels) and its caption share one page."""
    charts = {
        "Status by plan": ("Figure 1:", "ALPHA"),
        "Status by area": ("Figure 2:", "Science cooperation · BETA"),
        "Progress by area": ("Figure 3:", "Average progress"),
        "Ammunition against target": ("Figure 4:", "Target: 2,000 tonnes"),
        "Information campaign activities": ("Figure 5:", "Q1"),  # the tick, the year under it
    }
    for heading, (caption, drawn) in charts.items():
        page = page_of(pages, heading + "\n")
        assert caption in pages[page - 1], heading
        assert drawn in pages[page - 1], heading


def test_the_page_fetches_nothing_and_draws_the_portfolios_counts(
    meeting_portfolio: Portfolio,
) -> None:
    """Open the briefing in Chromium: no request leaves the page, and the status chart holds
    the portfolio's own counts."""
    browser = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    frames = build_frames(meeting_portfolio, today=MEETING_TODAY)
    pack = gather(frames, meeting_portfolio, since=SINCE)
    document = briefing.render(pack, lambda _share, _message: None).decode("utf-8")
    requested: list[str] = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(browser), args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.set_content(document, wait_until="load")
            page.wait_for_function(
                "[...document.querySelectorAll('.plotly-graph-div')]"
                ".every((chart) => chart.dataset.drawn === 'yes')"
            )
            # Plotly keeps numbers as typed arrays; read the values the bars were drawn from.
            traces = page.evaluate(
                """() => {
                  const values = (v) => v._inputArray
                    ? Array.from({length: Number(v._inputArray.shape)}, (_, i) => v._inputArray[i])
                    : Array.from(v);
                  const chart = document.querySelector('#status-by-plan').closest('figure')
                    .querySelector('.js-plotly-plot');
                  return chart.data.filter((trace) => trace.type === 'bar')
                    .map((trace) => ({name: trace.name, x: values(trace.x), y: values(trace.y)}));
                }"""
            )
        finally:
            chromium.close()
    assert requested == []
    expected = Counter((o.plan_id.upper(), o.status) for o in meeting_portfolio.objectives)
    labels = {STATUS_LABELS[status]: status for status in STATUS_ORDER}
    drawn = {
        (plan, labels[trace["name"]]): count
        for trace in traces
        for plan, count in zip(trace["x"], trace["y"], strict=True)
        if count
    }
    assert drawn == {(plan.lower(), status): n for (plan, status), n in expected.items()}


def test_print_page_refuses_outside_requests() -> None:
    chromium_or_skip()
    page = (
        "<html><body><div class='plotly-graph-div' data-drawn='yes' data-drawn-at='0'></div>"
        "<img src='http://example.org/tracking.png'></body></html>"
    )
    printed = print_page(page, "<span></span>")
    assert printed.pdf.startswith(b"%PDF-")
    assert printed.refused == ["http://example.org/tracking.png"]


def test_without_chromium_the_pdf_says_how_to_install_it_and_other_formats_work(
    run_cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CHROMIUM_ENV, str(tmp_path / "no-chromium-here"))
    target = tmp_path / "pack.pdf"
    result = run_cli("report", "--data", str(MEETING), "-o", str(target))
    assert result.code == 2
    assert "IPAP_CHROMIUM names" in result.err
    assert not target.exists()
    monkeypatch.delenv(CHROMIUM_ENV)
    monkeypatch.setattr("tracker.settings.DEFAULT_CHROMIUM", str(tmp_path / "missing"))
    monkeypatch.setattr("tracker.export.pdf.shutil.which", lambda _name: None)
    result = run_cli("report", "--data", str(MEETING), "-o", str(target))
    assert result.code == 2
    assert "apt-get install chromium" in result.err
    assert "Traceback" not in result.err
    assert not target.exists()
    for fmt in ("pptx", "html", "xlsx", "md"):
        other = tmp_path / f"pack.{fmt}"
        assert run_cli("report", "--data", str(MEETING), "-o", str(other)).code == 0
        assert other.stat().st_size > 0
