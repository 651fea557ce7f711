"""Time the overview in headless Chromium: from opening the page to its charts being drawn.

Starts `streamlit run app.py` on a loopback port with the given data, opens the overview in a
fresh browser context twice (the first visitor after the server starts, then the next one),
and counts the bytes the browser received over HTTP and over Streamlit's websocket. Also
reads the server process's peak and current resident memory from /proc.

Usage (run.py calls `measure`)::

    python bench/browser.py DATA [CHARTS]
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from tests.app.serving import stop  # noqa: E402
from tracker.settings import CHROMIUM_ARGS, DEFAULT_CHROMIUM  # noqa: E402

# Drawn: the script has finished (no "running" indicator), the last section of the overview is
# on the page, and as many charts as the page has (counted by AppTest) all show their traces.
CHARTS_DRAWN = """(expected) => {
  const running = '[data-testid="stStatusWidgetRunningIcon"], ' +
    '[data-testid="stStatusWidgetRunningManIcon"]';
  if (document.querySelector(running)) return false;
  if (!(document.body.innerText || "").includes("Needs attention")) return false;
  const charts = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'));
  if (charts.length < Math.max(1, expected)) return false;
  return charts.every(c => c.querySelector('.main-svg .trace, .main-svg g.barlayer path'));
}"""
CHART_COUNT = "() => document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length"
# plotly's drawings on each page load, timed from the page's start: a full drawing starts with
# plotly_beforeplot, a chart is complete at its first plotly_afterplot. The listeners go on as
# plotly sets each chart up (it gives the chart its `on`, then its `emit`).
DRAWINGS = """(() => {
  const drawings = window.__ipapDrawings = {charts: [], first_start: null, last_end: null};
  Object.defineProperty(HTMLElement.prototype, "emit", {
    configurable: true,
    get() { return undefined; },
    set(emit) {
      const chart = {drawings: 0, after_complete: 0, complete: false};
      drawings.charts.push(chart);
      Object.defineProperty(this, "emit", {configurable: true, writable: true, value: emit});
      this.on("plotly_beforeplot", () => {
        chart.drawings += 1;
        if (chart.complete) chart.after_complete += 1;
        if (drawings.first_start === null) drawings.first_start = performance.now();
      });
      this.on("plotly_afterplot", () => {
        chart.complete = true;
        drawings.last_end = performance.now();
      });
    },
  });
})();"""
DRAWN = """() => {
  const found = window.__ipapDrawings;
  if (!found) return null;
  const ms = (value) => value === null ? null : value / 1000;
  return {
    charts: found.charts.length,
    drawings: found.charts.reduce((sum, chart) => sum + chart.drawings, 0),
    after_complete: found.charts.reduce((sum, chart) => sum + chart.after_complete, 0),
    first_start_s: ms(found.first_start),
    last_end_s: ms(found.last_end),
    elements: document.getElementsByTagName("*").length,
  };
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def memory_mb(pid: int) -> dict[str, float]:
    """Peak (VmHWM) and current (VmRSS) resident memory of a process, in MB."""
    found: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                name, value = line.split(":", 1)
                found["peak_rss_mb" if name == "VmHWM" else "rss_mb"] = int(value.split()[0]) / 1024
    except OSError:
        pass
    return found


def wait_for_health(port: int, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    url = f"http://127.0.0.1:{port}/_stcore/health"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer on port {port} within {timeout:.0f} s")


def visit(
    browser: Any, url: str, timeout_ms: int, charts: int, come_back: bool = False
) -> dict[str, Any]:
    """One visitor: a new context (empty browser cache), the overview, its charts drawn.

    With `come_back`, the same visitor then reloads the page (scripts from the browser's
    cache), as someone does who opens the dashboard again during a meeting.
    """
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.add_init_script(DRAWINGS)
    page = context.new_page()
    received = {"http": 0, "websocket": 0}
    session = context.new_cdp_session(page)
    session.send("Network.enable")

    def http_done(event: dict[str, Any]) -> None:
        received["http"] += int(event.get("encodedDataLength", 0))

    def frame(event: dict[str, Any]) -> None:
        response = event.get("response", {})
        payload = response.get("payloadData", "")
        size = len(base64.b64decode(payload)) if response.get("opcode") == 2 else len(payload)
        received["websocket"] += size

    session.on("Network.loadingFinished", http_done)
    session.on("Network.webSocketFrameReceived", frame)
    started = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=timeout_ms)
    page.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=timeout_ms, polling=50)
    drawn = time.perf_counter() - started
    shown = int(page.evaluate(CHART_COUNT))
    page.wait_for_timeout(300)  # let the last frames arrive before counting bytes
    result: dict[str, Any] = {"charts_drawn_s": drawn, "charts": shown, **received}
    result["drawing"] = page.evaluate(DRAWN)
    if come_back:
        started = time.perf_counter()
        page.reload(wait_until="commit", timeout=timeout_ms)
        page.wait_for_function(CHARTS_DRAWN, arg=charts, timeout=timeout_ms, polling=50)
        result["come_back_s"] = time.perf_counter() - started
        page.wait_for_timeout(300)  # a second drawing, were there one, has begun by now
        result["come_back_drawing"] = page.evaluate(DRAWN)
    context.close()
    return result


# The browser's floor: Streamlit drawing one small chart, with the text the wait looks for.
FLOOR_APP = """import plotly.graph_objects as go
import streamlit as st

st.write("IPAP Tracker")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])))
st.write("Needs attention")
"""


def measure_floor(folder: Path, timeout: float = 120.0) -> dict[str, Any]:
    """The same two visits to an app that draws one two-bar chart: Streamlit's own floor."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "floor_app.py"
    script.write_text(FLOOR_APP, encoding="utf-8")
    return measure(PROJECT / "commitments", folder / "cache", 1, timeout, app=script)


def start_server(
    data: Path, cache_dir: Path, app: Path | None = None
) -> tuple[int, subprocess.Popen[bytes]]:
    """The app served on a free port from `data` with an empty parse cache in `cache_dir`, as
    every browser figure measures it (no file watcher, no usage statistics)."""
    port = free_port()
    env = {
        **os.environ,
        "IPAP_DATA": str(data),
        "IPAP_CACHE_DIR": str(cache_dir),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("IPAP_CACHE", None)
    command = [
        sys.executable, "-m", "streamlit", "run", str(app or PROJECT / "app.py"),
        "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
        "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
    ]  # fmt: skip
    server = subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return port, server


def measure(
    data: Path, cache_dir: Path, charts: int, timeout: float = 300.0, app: Path | None = None
) -> dict[str, Any]:
    """Start the app on `data`, time visits to the overview (with `charts` charts), read the
    server's memory."""
    from playwright.sync_api import sync_playwright

    port, server = start_server(data, cache_dir, app)
    result: dict[str, Any] = {}
    try:
        wait_for_health(port, server, 90)
        url = f"http://127.0.0.1:{port}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=DEFAULT_CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                result["first"] = visit(browser, url, int(timeout * 1000), charts)
                result["next"] = visit(browser, url, int(timeout * 1000), charts, come_back=True)
            finally:
                browser.close()
        result.update(memory_mb(server.pid))
    finally:
        stop(server)
    return result


def main() -> int:
    import tempfile

    data = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT / "commitments"
    charts = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with tempfile.TemporaryDirectory(prefix="ipap-bench-cache-") as cache_dir:
        print(json.dumps(measure(data, Path(cache_dir), charts)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
