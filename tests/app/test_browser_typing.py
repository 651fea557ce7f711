"""In a real browser, what a keyboard and a mouse do: a date typed and Enter applies it; a
title clicked opens its objective, and Back returns to a list whose address names none."""

from __future__ import annotations

import pytest

from tests.app import test_browser as shared
from tests.app.serving import wait_for_app
from tests.app.test_browser import ARTIFACTS, WAIT_MS

pytestmark = pytest.mark.browser
# The server on the dashboard portfolio and the browser, as the main browser test starts them.
app_url = shared.app_url
browser = shared.browser


def test_a_typed_date_applies_on_enter(app_url: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/changes")
    wait_for_app(page)
    page.get_by_text("since 2026-03-03:").wait_for(timeout=WAIT_MS)
    year = page.locator('[data-testid="stDateInput"] [data-type="year"]')
    year.scroll_into_view_if_needed()
    year.click()
    page.keyboard.type("20150120")  # year, month and day, as a person types them
    page.keyboard.press("Enter")  # and nothing else: no click elsewhere
    page.get_by_text("since 2015-01-20:").wait_for(timeout=WAIT_MS)
    assert "since=2015-01-20" in page.url
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "changes-since-typed.png"))
    page.close()


def test_a_title_opens_its_objective_and_back_forgets_it(app_url: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{app_url}/objectives?q=medical")
    wait_for_app(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.wait_for(timeout=WAIT_MS)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 150, box["y"] + 35 + 17)  # the first row's title, not its box
    page.wait_for_url("**/objective?**", timeout=WAIT_MS)
    assert "objective=tp1-goal-medical" in page.url and "q=medical" in page.url
    page.get_by_text("Medical support goal").first.wait_for(timeout=WAIT_MS)
    page.go_back()
    page.wait_for_url("**/objectives?**", timeout=WAIT_MS)
    wait_for_app(page)
    page.wait_for_function("() => !location.search.includes('objective=')", timeout=WAIT_MS)
    assert "q=medical" in page.url
    page.close()
