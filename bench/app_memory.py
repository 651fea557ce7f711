"""The app server's memory after every page and every meeting-pack format (issue 19: ≤ 300 MB).

Starts `streamlit run app.py` on a data folder, opens every page a visitor has in one
headless Chromium session (one visitor, as in a meeting), then builds each pack format from
the Meeting pack page, and reads the server process's resident memory (VmRSS) and its peak
so far (VmHWM) from /proc after each step. "Settled" is the RSS after the last step and a
quiet pause: what the server keeps, against the peak it reached on the way.

Usage (run.py calls `measure`)::

    python bench/app_memory.py DATA
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.browser import memory_mb, start_server, wait_for_health  # noqa: E402
from components import navigation  # noqa: E402
from components.view import OBJECTIVE_PARAM  # noqa: E402
from tests.app.serving import stop  # noqa: E402
from tracker.editions import FORMATS  # noqa: E402
from tracker.settings import CHROMIUM_ARGS, DEFAULT_CHROMIUM  # noqa: E402

# Every page ends with this footer once its script has run to the end.
PAGE_DONE = """() => {
  if (document.querySelector('[data-testid="stStatusWidgetRunningIcon"], '
      + '[data-testid="stStatusWidgetRunningManIcon"]')) return false;
  return !!document.querySelector('.ipap-footer');
}"""
# The format radio's English labels (components/pages/meeting_pack.FORMAT_NAMES).
FORMAT_LABELS = {
    "pptx": "PowerPoint deck",
    "html": "HTML briefing",
    "pdf": "PDF report",
    "xlsx": "Excel workbook",
    "md": "Text summary",
}
DOWNLOAD = '[data-testid="stDownloadButton"] button'
SETTLE_SECONDS = 5.0


def _url_path(script: str) -> str:
    return Path(script).stem


def _first_objective(data: Path) -> str:
    """An objective id for the detail page: the first `- id:` of the first file."""
    for path in sorted(data.glob("*.y*ml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("- id:"):
                return stripped.split(":", 1)[1].strip().strip("'\"")
    return ""


def measure(data: Path, cache_dir: Path, timeout: float = 600.0) -> dict[str, Any]:
    """Start the app on `data` with an empty parse cache in `cache_dir`, visit every page,
    build every pack format; the server's RSS and peak after each step, in MB."""
    from playwright.sync_api import sync_playwright

    port, server = start_server(data, cache_dir)
    steps: list[dict[str, Any]] = []
    result: dict[str, Any] = {"steps": steps}
    wait_ms = int(timeout * 1000)

    def record(step: str, started: float) -> None:
        steps.append({"step": step, "s": time.perf_counter() - started, **memory_mb(server.pid)})

    try:
        wait_for_health(port, server, 90)
        result["started"] = memory_mb(server.pid)
        base = f"http://127.0.0.1:{port}"
        objective = _first_objective(data)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=DEFAULT_CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            try:
                context = browser.new_context(viewport={"width": 1440, "height": 1000})
                context.set_default_timeout(wait_ms)
                page = context.new_page()
                # The menu's pages, in its order: the last, the meeting pack, makes the formats.
                for spec in [spec for spec in navigation.menu(editing=False) if spec.in_menu]:
                    path = "" if spec.path == navigation.OVERVIEW else _url_path(spec.path)
                    query = (
                        f"?{OBJECTIVE_PARAM}={objective}"
                        if (spec.path == navigation.OBJECTIVE)
                        else ""
                    )
                    started = time.perf_counter()
                    page.goto(f"{base}/{path}{query}", wait_until="commit")
                    page.wait_for_function(PAGE_DONE, polling=100)
                    record(f"page {spec.key}", started)
                for fmt in FORMATS:
                    started = time.perf_counter()
                    page.locator('[data-testid="stRadio"] label').filter(
                        has_text=FORMAT_LABELS[fmt]
                    ).click()
                    page.locator(DOWNLOAD).wait_for(state="hidden")  # the last build's
                    page.wait_for_function(PAGE_DONE, polling=100)
                    page.get_by_role("button", name="Build the meeting pack").click()
                    page.wait_for_timeout(500)
                    page.wait_for_function(PAGE_DONE, polling=100)
                    page.locator(DOWNLOAD).wait_for(state="visible")
                    record(f"pack {fmt}", started)
                time.sleep(SETTLE_SECONDS)
                result["settled"] = memory_mb(server.pid)
                context.close()
            finally:
                browser.close()
    finally:
        stop(server)
    pages = [s for s in steps if s["step"].startswith("page ")]
    result["after_pages_mb"] = pages[-1].get("rss_mb") if pages else None
    result["peak_rss_mb"] = max((s.get("peak_rss_mb", 0.0) for s in steps), default=None)
    result["settled_rss_mb"] = result.get("settled", {}).get("rss_mb")
    return result


def main() -> int:
    import tempfile

    data = Path(sys.argv[1]) if len(sys.argv) > 1 else PROJECT / "commitments"
    with tempfile.TemporaryDirectory(prefix="ipap-bench-cache-") as cache_dir:
        found = measure(data, Path(cache_dir))
    for step in found["steps"]:
        print(
            f"{step['step']:<28} {step['s']:6.1f} s  rss {step.get('rss_mb', 0):6.0f} MB  "
            f"peak {step.get('peak_rss_mb', 0):6.0f} MB",
            file=sys.stderr,
        )
    print(json.dumps(found))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
