"""The app in Serbian: every page in Cyrillic and in Latin leaves no English message of the
catalogue on screen, the language is per session, and it travels in the address."""

from __future__ import annotations

import json
import re
import threading

import pytest

from components.tables import BAR_ONLY
from tests.english import english_left, iso_dates_shown
from tests.support import DASHBOARD, PAGES, SHIPPED, metrics, open_app, screen_texts
from tracker.i18n import t, using_language
from tracker.statuses import STATUS_LABELS

PAGE_PARAMS = {"objective": {"objective": "tp1-goal-medical"}}


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_in_serbian_shows_no_english_message(
    monkeypatch: pytest.MonkeyPatch, page: str, language: str
) -> None:
    params: dict[str, str | list[str]] = {"lang": language, **PAGE_PARAMS.get(page, {})}
    app = open_app(monkeypatch, DASHBOARD, page, params)
    texts = screen_texts(app)
    assert len(texts) > 20  # the scan sees the page
    assert not english_left(texts, language)
    assert not iso_dates_shown(app)  # dates as the language writes them ("15. 3. 2021.")
    assert app.query_params["lang"] == language  # the address keeps it for the next link


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_presentation_screens_in_serbian(monkeypatch: pytest.MonkeyPatch, language: str) -> None:
    app = open_app(monkeypatch, DASHBOARD, "overview", {"lang": language, "present": "1"})
    with using_language(language):
        next_label = t("Next")
    seen = 0
    for _ in range(12):
        assert not english_left(screen_texts(app), language)
        assert not iso_dates_shown(app)
        seen += 1
        following = [b for b in app.button if b.label == next_label]
        if not following or following[0].disabled:
            break
        following[0].click().run()
    assert seen > 3


@pytest.mark.parametrize(
    ("language", "due"),
    [("sr-Cyrl", "31. 12. 2019."), ("sr-Latn", "31. 12. 2019."), ("en", "2019-12-31")],
)
def test_dates_read_as_the_language_writes_them(
    monkeypatch: pytest.MonkeyPatch, language: str, due: str
) -> None:
    """An objective's tile (numeric: a month written out breaks a tile's big type on a
    laptop screen), its measurements' date column and its charts' hover texts."""
    params: dict[str, str | list[str]] = {"lang": language, "objective": "tp1-ammo"}
    app = open_app(monkeypatch, DASHBOARD, "objective", params)
    with using_language(language):
        assert metrics(app)[t("Due")] == due
    formats = {
        str((config.get("type_config") or {}).get("format"))
        for table in app.dataframe
        for config in json.loads(table.proto.columns or "{}").values()
        if config.get("type_config", {}).get("format")
        not in (None, "localized", BAR_ONLY)  # the progress bar, its figure a column apart
    }
    assert formats == {"YYYY-MM-DD" if language == "en" else "D. M. YYYY."}
    hover = "%Y-%m-%d" if language == "en" else "%-d. %-m. %Y."
    dated = [
        trace["hovertemplate"]
        for chart in app.get("plotly_chart")
        for trace in json.loads(chart.proto.spec)["data"]
        if "%{x" in trace.get("hovertemplate", "")
    ]
    assert dated
    assert all(hover in template for template in dated), dated


def test_the_sidebar_switches_the_language_and_the_address_follows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "overview", {"lang": "en"})
    assert app.title[0].value == "Overview"
    app.selectbox(key="ipap_language").select("sr-Latn").run()
    assert app.title[0].value == "Pregled"
    assert app.query_params["lang"] == "sr-Latn"
    app.switch_page(PAGES["objectives"]).run()
    assert app.title[0].value == "Ciljevi"  # kept across pages


def test_ipap_lang_is_the_default_of_a_first_visit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPAP_LANG", "sr-Cyrl")
    app = open_app(monkeypatch, DASHBOARD, "overview")
    assert app.title[0].value == "Преглед"
    app = open_app(monkeypatch, DASHBOARD, "overview", {"lang": "en"})
    assert app.title[0].value == "Overview"  # the address wins


def test_two_sessions_in_two_languages_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two readers at the same moment, each with their own words and charts."""
    results: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def reader(language: str) -> None:
        try:
            app = open_app(monkeypatch, DASHBOARD, "overview", {"lang": language})
            charts = [chart.proto.spec for chart in app.get("plotly_chart")]
            results[language] = [app.title[0].value, *charts]
        except BaseException as error:  # reported below, in the test's own thread
            errors.append(error)

    threads = [threading.Thread(target=reader, args=(code,)) for code in ("en", "sr-Cyrl")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert results["en"][0] == "Overview"
    assert results["sr-Cyrl"][0] == "Преглед"
    english_charts, serbian_charts = "".join(results["en"][1:]), "".join(results["sr-Cyrl"][1:])
    english_labels = set(STATUS_LABELS.values())
    with using_language("sr-Cyrl"):
        serbian_labels = {t(label) for label in english_labels}
    assert any(f'"{label}"' in english_charts for label in english_labels)
    assert not any(f'"{label}"' in english_charts for label in serbian_labels)
    assert any(f'"{label}"' in serbian_charts for label in serbian_labels)
    assert not any(f'"{label}"' in serbian_charts for label in english_labels)


def test_the_check_finds_english_a_reader_would_see() -> None:
    """The screen check itself: a label, a sentence with its placeholders filled, text
    inside HTML; and it does not take words spread over several tags for a sentence."""
    assert english_left(["Overview"], "sr-Cyrl") == {("Overview", "Overview")}
    sentence = "The target is reached."
    assert english_left([f"Нешто. {sentence}"], "sr-Cyrl") == {(sentence, f"Нешто. {sentence}")}
    filled = "Showing 5 of 9 — see the Objectives page for all"
    assert {m for m, _ in english_left([filled], "sr-Latn")} == {
        "Showing {shown} of {total} — see the Objectives page for all"
    }
    assert english_left(["<div><b>Needs attention</b></div>"], "sr-Cyrl")
    assert not english_left(["<h4>Logistics (2)</h4><div>Ministry of Defence</div>)"], "sr-Cyrl")
    assert not english_left(["Преглед", "Циљеви партнерства"], "sr-Cyrl")


def test_the_datas_own_serbian_shows_on_every_chart(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped objectives have Serbian titles: the timeline names each in Cyrillic."""
    app = open_app(monkeypatch, SHIPPED, "overview", {"lang": "sr-Cyrl"})
    specs = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    timeline = [s for s in specs if any("base" in trace for trace in s["data"])]  # start to due
    titles = [tick for spec in timeline for tick in spec["layout"]["yaxis"]["ticktext"]]
    assert len(titles) > 30
    assert all(re.search(r"[\u0400-\u04FF]", title) for title in titles), titles
    assert not any("(на енглеском" in title for title in titles)
