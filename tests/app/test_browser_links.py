"""The language travels in every link a reader can open or copy, in a real browser: the
sidebar's page links carry `?lang=`, a page opened from one in a new tab is in the chosen
language, and the address bar keeps `?lang=` on every page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest

from tests.app.serving import chromium, served, wait_for_app
from tests.support import DASHBOARD, PAGES
from tracker.i18n import LANGUAGE_NAMES, t, using_language
from tracker.settings import DEFAULT_CHROMIUM

playwright = pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

WAIT_MS = 60_000
MENU_LINKS = '[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"]'


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(DEFAULT_CHROMIUM).exists():
        pytest.skip(f"no Chromium at {DEFAULT_CHROMIUM}")
    with served(DASHBOARD, tmp_path_factory.mktemp("streamlit") / "server.log") as url:
        yield url


def _language_in(address: str) -> list[str]:
    return parse_qs(urlsplit(address).query).get("lang", [])


def test_a_page_link_opened_in_a_new_tab_keeps_the_chosen_language(app_url: str) -> None:
    with using_language("sr-Latn"):
        evidence, language_label = t("Evidence"), t("Language")
    assert evidence != "Evidence"  # a word the test can tell apart from the English
    with chromium() as browser:
        context = browser.new_context(locale="en-US", viewport={"width": 1400, "height": 1600})
        page = context.new_page()
        page.goto(f"{app_url}/")
        wait_for_app(page)
        assert page.evaluate("document.documentElement.lang") == "en"
        page.get_by_label("Language").first.click()  # the sidebar's choice, as a reader makes it
        page.get_by_role("option", name=LANGUAGE_NAMES["sr-Latn"]).click()
        page.get_by_text(language_label, exact=True).first.wait_for(timeout=WAIT_MS)
        page.wait_for_function("() => document.documentElement.lang === 'sr-Latn'")
        page.wait_for_function("() => location.search.includes('lang=sr-Latn')")
        wait_for_app(page)

        links = page.locator(MENU_LINKS)
        hrefs = [
            urljoin(page.url, links.nth(index).get_attribute("href"))
            for index in range(links.count())
        ]
        assert len(hrefs) == len(PAGES), hrefs
        assert all(_language_in(href) == ["sr-Latn"] for href in hrefs), hrefs
        (evidence_href,) = [href for href in hrefs if urlsplit(href).path.endswith("/evidence")]

        opened = context.new_page()  # a new tab: a new session, only the link's address
        opened.goto(evidence_href)
        wait_for_app(opened)
        assert opened.evaluate("document.documentElement.lang") == "sr-Latn"
        opened.get_by_role("heading", name=evidence).first.wait_for(timeout=WAIT_MS)
        assert _language_in(opened.url) == ["sr-Latn"]
        assert "Evidence" not in opened.locator(MENU_LINKS).all_inner_texts()

        # Clicked in the page itself, every menu link keeps the language in the address bar.
        for index in range(len(hrefs)):
            page.locator(MENU_LINKS).nth(index).click()
            wanted = urlsplit(hrefs[index]).path
            page.wait_for_url(lambda address, wanted=wanted: urlsplit(address).path == wanted)
            page.wait_for_function(  # the run is over
                "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                timeout=WAIT_MS,
            )
            page.wait_for_function("() => location.search.includes('lang=sr-Latn')")
            assert _language_in(page.url) == ["sr-Latn"], page.url
            assert page.evaluate("document.documentElement.lang") == "sr-Latn", page.url
        context.close()
