"""Streamlit's own words (its running indicator, the uploader, the data grid's toolbar, the
multiselect's list, the calendar, plotly's toolbar) in the reader's language (headless
Chromium): a Serbian reader meets none of them in English, an English reader still reads them
(so the scan sees them at all)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from tests.app.serving import TRANSLATED, chromium, served
from tests.support import DASHBOARD
from tracker.edit import auth

EDITOR = "Ana Petrovic"
PASSWORD = "correct horse battery"
WAIT_MS = 60_000

# Every text node shown and every attribute a screen reader or tooltip speaks.
COLLECT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const element = walker.currentNode.parentElement;
    if (!element || element.closest('script, style, [data-testid="stIconMaterial"]')) continue;
    if (element.getClientRects().length === 0) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) out.push(text);
  }
  const names = ['aria-label', 'title', 'data-title', 'placeholder'];
  for (const element of document.querySelectorAll(names.map((n) => `[${n}]`).join(', '))) {
    for (const name of names) {
      const value = element.getAttribute(name);
      if (value) out.push(value);
    }
  }
  return out;
}"""

# Streamlit's and plotly's English, as they write it (whole words, case as written).
ENGLISH = re.compile(
    r"\b(Upload|Browse files|Drag and drop|Select all|No results|Stop|Running|Download as"
    r"|Search|Fullscreen|Sort ascending|Show password|Collapse sidebar|Link to heading"
    r"|Sidebar|Zoom|Pan|Autoscale|Reset axes|Download plot|Previous month|Next month"
    r"|Choose date|January|February|March|April|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|options? available|izabran)\b"
)
# The calendar's own Serbian (React Aria's, Latin whatever the script), as whole texts.
CALENDAR_OWN = {"Sledeći", "Prethodni", "Kalendar"}


def _english(texts: list[str]) -> set[str]:
    return {text for text in texts if ENGLISH.search(text) or text in CALENDAR_OWN}


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("words")
    secrets = folder / "secrets.toml"
    secrets.write_text(
        "[editing]\nenabled = true\n[editing.editors]\n"
        f'"{EDITOR}" = "{auth.hash_password(PASSWORD)}"\n',
        encoding="utf-8",
    )
    options = ("--secrets.files", str(secrets))
    with served(DASHBOARD, folder / "server.log", options) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as running:
        yield running


def _open(page: object, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".ipap-footer", timeout=WAIT_MS)
    page.wait_for_function(TRANSLATED, timeout=WAIT_MS)
    time.sleep(1.5)  # the translator runs as Streamlit draws: let the page settle


def _seen(page: object) -> list[str]:
    return page.evaluate(COLLECT)


def _walk(page: object, url: str, language: str) -> list[str]:
    """Everything Streamlit writes on the pages a reader goes through, in one list."""
    seen: list[str] = []
    _open(page, f"{url}/?lang={language}")
    seen += _seen(page)
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    chart.hover()
    time.sleep(0.5)
    seen += _seen(page)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    grid.hover()
    time.sleep(0.5)
    seen += _seen(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    time.sleep(0.5)
    seen += _seen(page)
    page.keyboard.type("zzzz")  # nothing matches: "No results"
    time.sleep(0.5)
    seen += _seen(page)
    page.keyboard.press("Escape")

    _open(page, f"{url}/changes?lang={language}")
    page.locator('[data-testid="stDateInputCalendarButton"]').first.click()
    time.sleep(1.5)  # the calendar opens
    seen += _seen(page)
    page.keyboard.press("Escape")

    _open(page, f"{url}/import_updates?lang={language}")
    seen += _seen(page)  # the sign-in form: "Show password"
    main = page.locator('[data-testid="stMain"]')
    main.locator('input[type="text"]').first.fill(EDITOR)
    main.locator('input[type="password"]').first.fill(PASSWORD)
    main.locator('[data-testid="stFormSubmitButton"] button').first.click()
    page.wait_for_selector('[data-testid="stFileUploader"]', timeout=WAIT_MS)
    time.sleep(1)
    seen += _seen(page)
    return seen


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_a_serbian_reader_meets_no_english_from_streamlit(
    address: str, browser: object, language: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        seen = _walk(context.new_page(), address, language)
    finally:
        context.close()
    assert len(seen) > 200  # the scan saw the pages
    assert not _english(seen)
    if language == "sr-Cyrl":
        assert "Изабери све" in seen and "Нема резултата" in seen
        assert "Претходни месец" in seen and any(
            "март" in text or "новембар" in text for text in seen
        )
    else:
        assert "Izaberi sve" in seen and "Nema rezultata" in seen


def test_an_english_reader_still_reads_streamlit_as_written(address: str, browser: object) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        seen = _walk(context.new_page(), address, "en")
    finally:
        context.close()
    english = _english(seen)
    assert {"Select all", "No results", "Previous month", "Show password", "Upload"} <= english


DATE_FIELD = {
    "sr-Cyrl": (["дан, ", "месец, ", "година, "], "гггг"),
    "sr-Latn": (["dan, ", "mesec, ", "godina, "], "gggg"),
}


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_the_sidebar_date_field_speaks_serbian(
    address: str, browser: object, language: str
) -> None:
    """The date field reads day, month and year in the Serbian order, its parts are named in
    Serbian for a screen reader, and a part emptied shows Serbian letters (гггг, not yyyy)."""
    parts, year = DATE_FIELD[language]
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        _open(page, f"{address}/?lang={language}")
        field = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').first
        segments = field.locator('[role="spinbutton"]')
        labels = [segments.nth(i).get_attribute("aria-label") for i in range(segments.count())]
        assert [label[: len(part)] for label, part in zip(labels, parts, strict=True)] == parts
        segments.nth(2).click()  # the year
        for _ in range(6):
            page.keyboard.press("Backspace")
        time.sleep(1)
        shown = field.inner_text()
        assert year in shown and "yyyy" not in shown
    finally:
        page.close()


# A column's Format and Statistics menus, as Serbian writes them: each format an adjective
# that agrees with „формат” (masculine), each statistic a noun of its own. (The English
# below leaves out "Format" and "Minimum": Serbian in Latin writes them alike.)
COLUMN_MENUS = {
    "sr-Cyrl": (
        "Напредак",
        ["Аутоматски", "Обичан", "Сажет", "Процентни", "Научни", "Рачуноводствени"],
        ["Број вредности", "Празних", "Минимум", "Медијана", "Максимум"],
    ),
    "sr-Latn": (
        "Napredak",
        ["Automatski", "Običan", "Sažet", "Procentni", "Naučni", "Računovodstveni"],
        ["Broj vrednosti", "Praznih", "Minimum", "Medijana", "Maksimum"],
    ),
}
COLUMN_MENU_ENGLISH = re.compile(
    r"^(Automatic|Localized|Plain|Compact|Dollar|Euro|Yen|Percent|Scientific|Accounting"
    r"|Duration|Values|Empty|Distinct|Average|Median|Maximum|Sum|Statistics)$"
)


def _menu_lines(page: object, selector: str) -> list[str]:
    return [line.strip() for line in page.locator(selector).inner_text().splitlines()]


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_a_columns_format_and_statistics_menus_speak_serbian(
    address: str, browser: object, language: str
) -> None:
    """The progress column's menu (its ⋮ at the header's right end, drawn on the grid's
    canvas) opens its Format and Statistics submenus in Serbian."""
    name, formats, statistics = COLUMN_MENUS[language]
    page = browser.new_page(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    try:
        _open(page, f"{address}/objectives?lang={language}")
        grid = page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        menu = page.locator('[data-testid="stDataFrameColumnMenu"]')
        # The progress column is the third; its ⋮ sits 16 px before its right edge.
        right = box["x"] + 725
        page.mouse.move(right - 40, box["y"] + 18)
        time.sleep(0.4)
        page.mouse.click(right - 16, box["y"] + 18)
        menu.wait_for(timeout=WAIT_MS)
        column = _menu_lines(page, '[data-testid="stDataFrameColumnMenu"]')
        assert name in column
        submenus = page.get_by_role("menuitem")
        submenus.filter(has_text="Формат" if language == "sr-Cyrl" else "Format").hover()
        time.sleep(0.8)
        shown = _menu_lines(page, '[data-testid="stDataFrameColumnFormattingMenu"]')
        assert set(formats) <= set(shown), shown
        submenus.filter(has_text="Статистика" if language == "sr-Cyrl" else "Statistika").hover()
        time.sleep(0.8)
        said = _menu_lines(page, '[data-testid="stDataFrameStatisticsMenu"]')
        assert set(statistics) <= set(said), said
        assert not [line for line in column + shown + said if COLUMN_MENU_ENGLISH.match(line)]
    finally:
        page.close()


OUT_OF_RANGE = {
    "sr-Cyrl": "Грешка: датум је ван дозвољеног опсега. Изаберите датум најкасније ",
    "sr-Latn": "Greška: datum je van dozvoljenog opsega. Izaberite datum najkasnije ",
}


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_a_date_typed_out_of_range_is_refused_in_serbian(
    address: str, browser: object, language: str
) -> None:
    """Streamlit's own "Date set outside allowed range" under a date field, in Serbian: the
    sidebar's changes-since day can be no later than today, and 2099 is typed."""
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        _open(page, f"{address}/?lang={language}")
        field = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').first
        field.locator('[role="spinbutton"]').nth(2).click()  # the year
        page.keyboard.type("2099")
        page.keyboard.press("Tab")
        alert = field.locator('[role="alert"]')
        alert.wait_for(timeout=WAIT_MS)
        time.sleep(0.5)
        said = alert.inner_text()
        assert said.startswith(OUT_OF_RANGE[language]), said
        assert "outside allowed range" not in said and "Error" not in said
    finally:
        page.close()
