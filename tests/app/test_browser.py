"""End to end in a real browser: `streamlit run app.py` on a loopback port, opened in headless
Chromium. The charts draw, evidence is a real https link, a hostile title stays text and runs
nothing, and no request leaves 127.0.0.1. Screenshots go to tests/artifacts/ to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.app.serving import LOOPBACK, RUN_OVER, chromium, served, wait_for_app
from tests.english import english_left
from tests.support import DASHBOARD, PAGES, PROJECT, XSS
from tracker.charts import plan_name
from tracker.load.loader import load_portfolio
from tracker.settings import DEFAULT_CHROMIUM

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

ARTIFACTS = PROJECT / "tests" / "artifacts"
WAIT_MS = 60_000


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The dashboard served by `streamlit run` on the test portfolio, on a free local port."""
    if not Path(DEFAULT_CHROMIUM).exists():
        pytest.skip(f"no Chromium at {DEFAULT_CHROMIUM}")
    with served(DASHBOARD, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


def _wait_for_charts(page: object, count: int) -> None:
    """Until `count` plotly charts have drawn their bars or lines into SVG."""
    page.wait_for_function(
        f"""() => {{
            const charts = document.querySelectorAll('.js-plotly-plot');
            const drawn = [...charts].filter(c => c.querySelector('g.trace path'));
            return drawn.length >= {count};
        }}""",
        timeout=WAIT_MS,
    )


# Counts plotly's drawings of each chart: a full drawing starts with plotly_beforeplot, and a
# chart is complete at its first plotly_afterplot. The listeners go on as plotly sets the chart
# up (it gives the chart its `on`, then its `emit`), before the chart's first drawing.
COUNT_DRAWS = """(() => {
  window.__ipapDraws = [];
  Object.defineProperty(HTMLElement.prototype, "emit", {
    configurable: true,
    get() { return undefined; },
    set(emit) {
      const draws = {before: 0, complete: false, after: 0};
      window.__ipapDraws.push(draws);
      Object.defineProperty(this, "emit", {configurable: true, writable: true, value: emit});
      this.on("plotly_beforeplot", () => {
        draws.before += 1;
        if (draws.complete) draws.after += 1;
      });
      this.on("plotly_afterplot", () => { draws.complete = true; });
    },
  });
})();"""


@pytest.mark.parametrize(("address", "charts"), [("", 4), ("/ammunition", 1)])
def test_each_chart_is_drawn_once(app_url: str, browser: object, address: str, charts: int) -> None:
    """Streamlit's plotly element copies a figure once more as it appears; plotly drew every
    chart a second time over the copy (a template, typed arrays, no datarevision, a meta: each
    looks new to it). The app sends figures whose copy is the same figure (components/chart.py).
    The ammunition page's chart has a reference line, whose note is kept in a meta."""
    context = browser.new_context(viewport={"width": 1440, "height": 1200})
    page = context.new_page()
    page.add_init_script(COUNT_DRAWS)
    page.goto(app_url + address)
    wait_for_app(page)
    _wait_for_charts(page, charts)
    page.wait_for_function(RUN_OVER, timeout=WAIT_MS)
    page.wait_for_timeout(1500)  # long enough for a second drawing to start
    draws = page.evaluate("window.__ipapDraws")
    context.close()
    assert len(draws) >= charts
    assert all(chart["complete"] for chart in draws), draws
    assert [chart["after"] for chart in draws] == [0] * len(draws), draws


def test_the_dashboard_in_a_real_browser(app_url: str, browser: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1600, "height": 3000})
    page = context.new_page()
    outside: list[str] = []
    dialogs: list[str] = []

    def refuse_outside(route: object) -> None:
        """Record and stop any request that would leave this machine."""
        if urlsplit(route.request.url).hostname != LOOPBACK:
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", refuse_outside)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    # The overview: four plotly charts drawn, then a full-height screenshot.
    page.goto(app_url)
    wait_for_app(page)
    _wait_for_charts(page, 4)
    assert page.get_by_text("Overview", exact=True).first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)

    # Picking the first overdue objective (the grid is drawn on a canvas: click its first row)
    # opens its detail page, with the view's filters still in the address.
    page.goto(f"{app_url}/?plan=tp1")
    wait_for_app(page)
    page.get_by_text("Needs attention").wait_for(timeout=WAIT_MS)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=WAIT_MS)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # row marker of the first row
    page.wait_for_url("**/objective?**", timeout=WAIT_MS)
    assert "plan=tp1" in page.url and "objective=tp1-goal-medical" in page.url
    page.get_by_text("Medical support goal").first.wait_for(timeout=WAIT_MS)

    # The hostile objective: its title shows as characters, nothing runs, links are https.
    page.goto(f"{app_url}/objective?objective=tp1-xss")
    wait_for_app(page)
    page.get_by_text("Evidence (1)").wait_for(timeout=WAIT_MS)
    heading = page.locator("h1").first
    assert heading.inner_text().strip() == XSS
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("script:has-text('alert')").count() == 0
    evidence = page.locator('a[href="https://example.org/reports/xss?a=1&b=(2)"]')
    assert evidence.count() == 1
    assert evidence.evaluate("a => a.tagName") == "A"
    assert "noopener" in (evidence.get_attribute("rel") or "")
    assert evidence.inner_text() == "**Report** [click](javascript:alert(4)) <b>bold?</b>"
    assert page.locator('a[href^="javascript:"]').count() == 0
    page.screenshot(path=str(ARTIFACTS / "objective-detail.png"), full_page=True)

    # Presentation mode on a wall-screen sized window: no sidebar, big type, one chart.
    wall = browser.new_context(viewport={"width": 1920, "height": 1080})
    screen = wall.new_page()
    screen.route("**/*", refuse_outside)
    screen.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    screen.goto(f"{app_url}/?present=1")
    wait_for_app(screen)
    screen.get_by_text("At a glance").wait_for(timeout=WAIT_MS)
    screen.locator('[data-testid="stSidebar"]').wait_for(state="hidden", timeout=WAIT_MS)
    assert screen.get_by_text("Data as of TP 1 ", exact=False).first.is_visible()
    screen.screenshot(path=str(ARTIFACTS / "presentation.png"))
    screen.get_by_role("button", name="Next").click()
    screen.get_by_text("Status by plan").first.wait_for(timeout=WAIT_MS)
    wait_for_app(screen)
    _wait_for_charts(screen, 1)
    assert screen.locator(".js-plotly-plot").count() == 1
    assert "slide=2" in screen.url
    screen.screenshot(path=str(ARTIFACTS / "presentation-chart.png"))

    assert dialogs == []
    assert outside == [], f"requests left {LOOPBACK}: {outside}"
    wall.close()
    context.close()


CYRILLIC_LETTER = re.compile(r"[\u0400-\u04FF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


# Every piece of text drawn on the page (charts' SVG included), but not an icon's name: an
# icon is a word set in an icon font (":material/report:" draws the glyph of "report").
_VISIBLE_TEXT = """() => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const element = node.parentElement;
        if (!element || element.closest('[data-testid="stIconMaterial"], script, style')) continue;
        if (element.getClientRects().length === 0) continue;
        if (getComputedStyle(element).visibility === "hidden") continue;
        const text = node.textContent.trim();
        if (text) found.push(text);
    }
    return found;
}"""


def _page_address(app_url: str, key: str, path: str, language: str) -> str:
    query = f"lang={language}" + ("&objective=tp1-goal-medical" if key == "objective" else "")
    if key == "overview":
        return f"{app_url}/?{query}"
    return f"{app_url}/{Path(path).stem}?{query}"


def _names_in(data: Path) -> set[str]:
    """What stays as written in every language: ids, plan names, owners and goals' fields."""
    portfolio = load_portfolio(data)
    names = {plan_name(plan) for plan in portfolio.plans}
    for objective in portfolio.objectives:
        names.update(filter(None, (objective.id, objective.owner, objective.field)))
    return names


def _titles_in(data: Path) -> set[str]:
    """The data's titles written only in English (the screen marks them as English)."""
    return {objective.title for objective in load_portfolio(data).objectives}


ROMAN_QUARTER = re.compile(r"(I{1,3}|IV)( \d{4}\.)?")  # "III", "I 2016."


def _read_in_cyrillic(page: object, where: str, names: set[str], titles: set[str]) -> None:
    """What the reader sees holds no English message of the catalogue, and reads in Cyrillic:
    the title is Cyrillic, and every line is Cyrillic but for names, ids and addresses."""
    lines = page.evaluate(_VISIBLE_TEXT)
    assert not english_left(lines, "sr-Cyrl"), where
    heading = page.locator("h1").first.inner_text()
    assert CYRILLIC_LETTER.search(heading), (where, heading)
    for line in lines:
        if ROMAN_QUARTER.fullmatch(line.strip()):
            continue  # a quarter's tick: Serbian writes quarters in Roman numerals ("III")
        if LATIN_LETTER.search(line) and not CYRILLIC_LETTER.search(line):
            rest = line
            for name in sorted(names, key=len, reverse=True):
                rest = rest.replace(name, "")
            # Only names, ids and fields, or a piece of a data title a chart wrapped onto two
            # lines (the title's "(на енглеском)" then stands on the next line).
            assert not LATIN_LETTER.search(rest) or any(line in text for text in titles), (
                where,
                line,
            )


def test_every_page_and_screen_in_cyrillic_in_a_real_browser(app_url: str, browser: object) -> None:
    """?lang=sr-Cyrl on every page and every presentation screen, in one browser session."""
    names, titles = _names_in(DASHBOARD), _titles_in(DASHBOARD)
    context = browser.new_context(viewport={"width": 1280, "height": 2400})
    page = context.new_page()
    for key, path in sorted(PAGES.items()):
        page.goto(_page_address(app_url, key, path, "sr-Cyrl"))
        wait_for_app(page)
        _read_in_cyrillic(page, key, names, titles)
        links = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink"]')
        # The sidebar's links may be drawn after the footer: wait for the first one.
        links.first.wait_for(timeout=WAIT_MS)
        nav = "\n".join(links.all_inner_texts())
        assert "Преглед" in nav and "Overview" not in nav, (key, nav)
    page.goto(f"{app_url}/?present=1&lang=sr-Cyrl")
    page.get_by_text(re.compile(r"екран 1 од \d+")).first.wait_for(timeout=WAIT_MS)
    caption = page.get_by_text(re.compile(r"екран 1 од \d+")).first.inner_text()
    screens = int(re.search(r"екран 1 од (\d+)", caption).group(1))
    assert screens > 3
    for number in range(1, screens + 1):
        wait_for_app(page)
        _read_in_cyrillic(page, f"screen {number}", names, titles)
        if number < screens:
            page.get_by_role("button", name="Следеће").first.click()
            following = f"екран {number + 1} од {screens}"
            page.get_by_text(following, exact=False).first.wait_for(timeout=WAIT_MS)
    context.close()
