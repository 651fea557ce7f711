"""Many viewers and two writers at once: 20 browser pages on one server while updates land.

One `streamlit run app.py` serves a copy of the shipped data on a free port of 127.0.0.1. Twenty
headless Chromium pages open the overview at once, wait until its charts are drawn, then type
a search into the sidebar's filter and wait until the numbers change to the right ones. All the
while, two processes run `python -m tracker update` in a loop on the same file. The server's
resident memory is sampled throughout.

It passes when every page rendered both views with the right numbers and no error, no request
went anywhere but the loopback server, every update a command reported as saved is in the file
exactly once, and the files still validate. Everything is bounded: 20 pages, a deadline for
each step, and the whole run is stopped after 15 minutes whatever happens.

    python bench/load_test.py              # figures into SECURITY.md
    python bench/load_test.py --pages 5 --no-write
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bench.results import machine_line, replace_section, table  # noqa: E402
from tracker.load.loader import load_portfolio  # noqa: E402
from tracker.settings import CHROMIUM_ARGS, DEFAULT_CHROMIUM  # noqa: E402
from tracker.tables.filters import Filters, apply_filters  # noqa: E402
from tracker.tables.frames import build_frames  # noqa: E402

SHIPPED = PROJECT / "commitments"
LOOPBACK = "127.0.0.1"
PAGES = 20
WAVES = 2
WRITERS = 2
PAUSE_SECONDS = 2.0  # between one writer's updates
SEARCH = "ammunition"
STEP_SECONDS = 300  # one page's one step, on a 2-core machine carrying 20 renderers
RUN_SECONDS = 25 * 60
STARTUP_SECONDS = 120
OVERVIEW_CHARTS = 4
# The script has run to the end (footer drawn, no "running" indicator) and the charts are drawn.
PAGE_DONE = """(charts) => {
  if (!document.querySelector('.ipap-footer')) return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  const drawn = [...document.querySelectorAll('.js-plotly-plot')]
    .filter(c => c.querySelector('g.trace path, g.trace rect, g.point'));
  return drawn.length >= charts;
}"""
OBJECTIVES_TILE = """() => {
  const tiles = [...document.querySelectorAll('[data-testid="stMetric"]')];
  const tile = tiles.find(t => t.innerText.split('\\n')[0].trim() === 'Objectives');
  return tile ? tile.querySelector('[data-testid="stMetricValue"]').innerText.trim() : null;
}"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB, from /proc."""
    found = {"VmRSS": 0.0, "VmHWM": 0.0}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                name = line.split(":", 1)[0]
                if name in found:
                    found[name] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return found["VmRSS"], found["VmHWM"]


class MemorySampler(threading.Thread):
    """The server's resident memory every half second, with the phase it was taken in."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.phase = "idle"
        self.samples: list[tuple[str, float]] = []
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(0.5):
            self.samples.append((self.phase, rss_mb(self.pid)[0]))


class Writer(threading.Thread):
    """`python -m tracker update` in a loop on one file, recording what was reported saved."""

    def __init__(self, number: int, data: Path, objective_ids: list[str], env: dict[str, str]):
        super().__init__(daemon=True)
        self.number, self.data, self.ids, self.env = number, data, objective_ids, env
        self.saved: list[str] = []
        self.outcomes: Counter[str] = Counter()
        self.stopped = threading.Event()

    def run(self) -> None:
        chance = random.Random(self.number)
        count = 0
        while not self.stopped.is_set():
            note = f"load-test-{self.number}-{count}"
            command = [
                sys.executable, "-m", "tracker", "update", chance.choice(self.ids),
                "--status", "on-track", "--note", note, "--by", f"Load writer {self.number}",
                "--data", str(self.data), "--no-git-commit",
            ]  # fmt: skip
            done = subprocess.run(
                command, cwd=PROJECT, env=self.env, capture_output=True, text=True, timeout=120
            )
            self.outcomes[f"exit {done.returncode}"] += 1
            if done.returncode == 0 and "saved " in done.stdout:
                self.saved.append(note)
            count += 1
            # A desk officer saves now and then, not back to back: without a pause the two
            # writers alone would take both cores of the test machine from the server.
            self.stopped.wait(PAUSE_SECONDS)


async def one_viewer(browser, url: str, number: int, expected: str, outside: list[str]) -> dict:
    """Open the overview, wait for its charts, search, wait for the right number of objectives."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1600})
    page = await context.new_page()
    errors: list[str] = []

    async def loopback_only(route) -> None:
        if urlsplit(route.request.url).hostname != LOOPBACK:
            outside.append(route.request.url)
            await route.abort()
        else:
            await route.continue_()

    await page.route("**/*", loopback_only)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    timings: dict[str, float] = {}
    result = {"number": number, "ok": False, "errors": errors, "timings": timings}
    try:
        started = time.perf_counter()
        await page.goto(url, timeout=STEP_SECONDS * 1000)
        await page.wait_for_function(PAGE_DONE, arg=OVERVIEW_CHARTS, timeout=STEP_SECONDS * 1000)
        timings["overview"] = time.perf_counter() - started
        before = await page.evaluate(OBJECTIVES_TILE)
        started = time.perf_counter()
        search = page.locator('[data-testid="stSidebar"] [data-testid="stTextInput"] input')
        await search.fill(SEARCH)
        await search.press("Enter")
        await page.wait_for_function(
            f"() => ({OBJECTIVES_TILE})() === {expected!r}", timeout=STEP_SECONDS * 1000
        )
        await page.wait_for_function(PAGE_DONE, arg=1, timeout=STEP_SECONDS * 1000)
        timings["filter"] = time.perf_counter() - started
        problems = await page.locator('[data-testid="stException"]').count()
        if problems:
            errors.append(f"{problems} exception boxes on the page")
        if f"={SEARCH}" not in page.url:
            errors.append(f"the address does not keep the filter: {page.url}")
        result["before"] = before
        result["ok"] = not errors
    except Exception as error:  # a timeout or a crash is this page's failure, reported
        errors.append(f"{type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()
    return result


async def all_viewers(url: str, pages: int, expected: str, outside: list[str]) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=DEFAULT_CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return await asyncio.gather(
                *(one_viewer(browser, url, n, expected, outside) for n in range(pages))
            )
        finally:
            await browser.close()


def expected_count(data: Path) -> tuple[str, str]:
    """The Objectives tile before and after the search, as the app would compute them."""
    frames = build_frames(load_portfolio(data))
    after = apply_filters(frames, Filters(text=SEARCH))
    return str(len(frames.objectives)), str(len(after.objectives))


def start_server(data: Path, port: int, log: Path, env: dict[str, str]) -> subprocess.Popen:
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", LOOPBACK, "--server.headless", "true",
    ]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=PROJECT, env={**env, "IPAP_DATA": str(data)}, stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with urllib.request.urlopen(
                f"http://{LOOPBACK}:{port}/_stcore/health", timeout=2
            ) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                raise SystemExit(f"streamlit did not start:\n{log.read_text()}") from None
            time.sleep(0.5)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=PAGES)
    parser.add_argument(
        "--waves", type=int, default=WAVES, help="rounds of pages, one after another"
    )
    parser.add_argument("--no-write", action="store_true", help="do not update SECURITY.md")
    args = parser.parse_args(argv)
    if not Path(DEFAULT_CHROMIUM).exists():
        raise SystemExit(f"no Chromium at {DEFAULT_CHROMIUM}: apt-get install -y chromium")
    watchdog = threading.Timer(RUN_SECONDS, lambda: os._exit(3))  # bounded, whatever happens
    watchdog.daemon = True
    watchdog.start()
    with tempfile.TemporaryDirectory(prefix="ipap-load-") as temporary:
        work = Path(temporary)
        data = work / "commitments"
        data.mkdir()
        for plan_file in sorted(SHIPPED.glob("*.yaml")):
            shutil.copy(plan_file, data / plan_file.name)
        env = {**os.environ, "IPAP_CACHE_DIR": str(work / "cache"), "PYTHONPATH": str(PROJECT)}
        env.pop("IPAP_DATA", None)
        before_search, after_search = expected_count(data)
        ipap2 = [o.id for o in load_portfolio(data).objectives if o.plan_id == "ipap2"]
        port = free_port()
        server = start_server(data, port, work / "server.log", env)
        sampler = MemorySampler(server.pid)
        sampler.start()
        writers = [Writer(n, data, ipap2, env) for n in range(WRITERS)]
        outside: list[str] = []
        try:
            time.sleep(2)
            started_rss = rss_mb(server.pid)[0]
            for writer in writers:
                writer.start()
            started = time.perf_counter()
            results: list[dict] = []
            after_wave: list[float] = []
            # Two waves of viewers: memory that grew by the same again in the second would
            # be a leak; bounded memory levels off.
            for wave in range(args.waves):
                sampler.phase = "load"
                wave_results = asyncio.run(
                    all_viewers(f"http://{LOOPBACK}:{port}/", args.pages, after_search, outside)
                )
                for result in wave_results:
                    result["wave"] = wave + 1
                results += wave_results
                sampler.phase = f"after wave {wave + 1}"
                time.sleep(3)
                after_wave.append(rss_mb(server.pid)[0])
            load_seconds = time.perf_counter() - started
            sampler.phase = "after"
            for writer in writers:
                writer.stopped.set()
            for writer in writers:
                writer.join(150)
            time.sleep(3)
            final_rss, peak_rss = rss_mb(server.pid)
        finally:
            sampler.stopped.set()
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        lost, twice, valid = check_updates(data, writers, env)
    text = summary(
        args.pages, results, before_search, after_search, load_seconds, started_rss,
        after_wave, final_rss, peak_rss, writers, lost, twice, valid, outside, sampler.samples,
    )  # fmt: skip
    print(text)
    all_kept = all(r["ok"] for r in results) and not lost and not twice and valid and not outside
    if not args.no_write and args.pages == PAGES and args.waves == WAVES:
        replace_section("load", text)
        print("\nwrote the figures into SECURITY.md")
    return 0 if all_kept else 1


def check_updates(
    data: Path, writers: list[Writer], env: dict[str, str]
) -> tuple[list[str], list[str], bool]:
    portfolio = load_portfolio(data)
    notes = Counter(u.note for o in portfolio.objectives for u in o.updates if u.note)
    reported = [note for writer in writers for note in writer.saved]
    lost = [note for note in reported if notes[note] != 1]
    twice = [note for note, count in notes.items() if count > 1]
    validate = subprocess.run(
        [sys.executable, "-m", "tracker", "validate", str(data)],
        cwd=PROJECT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    return lost, twice, validate.returncode == 0 and not portfolio.problems


def summary(
    pages: int,
    results: list[dict],
    before_search: str,
    after_search: str,
    load_seconds: float,
    started_rss: float,
    after_wave: list[float],
    final_rss: float,
    peak_rss: float,
    writers: list[Writer],
    lost: list[str],
    twice: list[str],
    valid: bool,
    outside: list[str],
    samples: list[tuple[str, float]],
) -> str:
    rendered = [r for r in results if r["ok"]]
    overview = [r["timings"]["overview"] for r in results if "overview" in r["timings"]]
    filtered = [r["timings"]["filter"] for r in results if "filter" in r["timings"]]
    during = [rss for phase, rss in samples if phase == "load"] or [0.0]
    saved = sum(len(w.saved) for w in writers)
    exits = sum((w.outcomes for w in writers), Counter())

    def spread(values: list[float]) -> str:
        if not values:
            return "-"
        return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f} s"

    rows = [
        ["browser pages at once (headless Chromium, one server)", str(pages)],
        ["waves of pages, one after the other", str(len(after_wave))],
        [
            "pages that drew both views right, by wave",
            " / ".join(
                f"{sum(1 for r in rendered if r['wave'] == w)} of "
                f"{sum(1 for r in results if r['wave'] == w)}"
                for w in sorted({r["wave"] for r in results})
            ),
        ],
        ["overview drawn (min / median / max)", spread(overview)],
        [f"search '{SEARCH}', {before_search} -> {after_search} objectives", spread(filtered)],
        ["all waves", f"{load_seconds:.0f} s"],
        ["server memory before the pages", f"{started_rss:.0f} MB"],
        ["server memory during the load (median / max)",
         f"{statistics.median(during):.0f} / {max(during):.0f} MB"],
        ["server memory after each wave", " / ".join(f"{mb:.0f} MB" for mb in after_wave)],
        ["server memory at the end / peak", f"{final_rss:.0f} / {peak_rss:.0f} MB"],
        [
            f"updates saved meanwhile by {len(writers)} writer processes "
            f"({PAUSE_SECONDS:g} s pause between one's updates)",
            str(saved),
        ],
        ["update commands' exits", ", ".join(f"{k}: {v}" for k, v in sorted(exits.items()))],
        ["reported updates lost or doubled", str(len(lost) + len(twice))],
        ["files valid afterwards", "yes" if valid else "NO"],
        ["requests to anything but the loopback server", str(len(outside))],
    ]  # fmt: skip
    failures = [
        f"wave {r['wave']} page {r['number']}: {'; '.join(r['errors'])}"
        for r in results
        if not r["ok"]
    ]
    verdict = (
        "Every page rendered with the right numbers; no update lost; loopback only."
        if not failures and not lost and not twice and valid and not outside
        else "BROKEN: " + "; ".join(failures[:5] + lost[:3] + twice[:3] + outside[:3])
    )
    return f"{machine_line()}\n\n{table(['', 'figure'], rows)}\n\n{verdict}"


if __name__ == "__main__":
    sys.exit(main())
