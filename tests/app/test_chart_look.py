"""The app's charts look as Streamlit's chart theme drew them: components/chart.py sends each
figure with that theme in its own layout and draws it with theme=None (issue 19), so a figure
drawn both ways in one page must come out the same picture, element for element. Fails when
Streamlit's theme changes (an upgrade) and chart.STREAMLIT_LOOK no longer matches it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.serving import LOOPBACK, _free_port, chromium, stop
from tests.support import DASHBOARD, PROJECT
from tracker.settings import DEFAULT_CHROMIUM

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

# Each figure twice: as theme="streamlit" draws it, then as the app draws it.
SCRIPT = """import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, {project!r})
import streamlit as st

from components import chart
from tracker import charts
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

today = date(2026, 11, 23)
objectives = build_frames(load_portfolio(Path({data!r}), today), today).objectives
for figure in (
    charts.status_by_plan(objectives, ""),
    charts.status_by_owner(objectives, ""),
    charts.timeline(objectives, today, ""),
):
    st.plotly_chart(figure, theme="streamlit")
    st.plotly_chart(chart.on_screen(figure), theme=None)
"""
FIGURES = 3
SVG = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(
  gd => Array.from(gd.querySelectorAll('svg.main-svg')).map(s => s.outerHTML).join(''))"""
DRAWN = """(count) => {
  const charts = document.querySelectorAll('.js-plotly-plot');
  return charts.length >= count && [...charts].every(c => c.querySelector('g.trace path'));
}"""


@pytest.fixture(scope="module")
def look_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(DEFAULT_CHROMIUM).exists():
        pytest.skip(f"no Chromium at {DEFAULT_CHROMIUM}")
    folder = tmp_path_factory.mktemp("look")
    script = folder / "look.py"
    script.write_text(SCRIPT.format(project=str(PROJECT), data=str(DASHBOARD)), encoding="utf-8")
    port = _free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
        "--server.address", LOOPBACK, "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    with (folder / "server.log").open("w") as log:
        server = subprocess.Popen(command, cwd=PROJECT, stdout=log, stderr=log, env=os.environ)
    url = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.3)
        yield url
    finally:
        stop(server)


def _picture(svg: str) -> list[str]:
    """The drawing's elements, each with its attributes in order; ids plotly makes up, the
    traces' uids and an empty title (Streamlit's theme writes it as <b></b>) left out."""
    svg = re.sub(r"(clip|legend|defs-|topdefs-|trace)[0-9a-f]{6}", r"\1", svg)
    svg = re.sub(r'<text class="gtitle"[^>]*data-unformatted="(&lt;/?b&gt;)*"[^>]*>.*?</text>',
                 "", svg)  # fmt: skip
    elements = []
    for tag in re.findall(r"<[^>]+>", svg):
        name = tag.split()[0]
        attributes = sorted(re.findall(r'[\w:-]+="[^"]*"', tag))
        elements.append(" ".join([name, *attributes]))
    return elements


def test_each_chart_is_the_picture_streamlits_theme_drew(look_url: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1200, "height": 1000})
        page.goto(look_url)
        page.wait_for_function(DRAWN, arg=2 * FIGURES, timeout=120_000, polling=100)
        page.wait_for_timeout(2000)  # the themed copies' second drawing is over
        drawn = page.evaluate(SVG)
    assert len(drawn) == 2 * FIGURES
    for number in range(FIGURES):
        themed, ours = _picture(drawn[2 * number]), _picture(drawn[2 * number + 1])
        assert themed == ours, number
