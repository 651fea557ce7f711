"""plotly.js's own words on the briefing's charts (toolbar buttons, notices, month and day
names) in the reader's language, registered as a plotly locale inside the page.

plotly.js writes these itself, in English unless a locale is registered; its own locale files
are not shipped with the Python package, and nothing may be fetched, so the page registers one
built from the catalogue and Babel.
"""

from __future__ import annotations

import json

from tracker.i18n import N_, current_language, t
from tracker.i18n.catalogues import SOURCE_LANGUAGE
from tracker.i18n.formats import calendar_names, number_separators

LOCALE = "ipap-reader"
# What plotly.js says on a 2D chart: the toolbar's buttons and the notices it shows.
WORDS = (
    N_("Download plot as a PNG"),
    N_("Download plot"),
    N_("Zoom"),
    N_("Pan"),
    N_("Box Select"),
    N_("Lasso Select"),
    N_("Zoom in"),
    N_("Zoom out"),
    N_("Autoscale"),
    N_("Reset axes"),
    N_("Toggle Spike Lines"),
    N_("Show closest data on hover"),
    N_("Compare data on hover"),
    N_("Double-click to zoom back out"),
    N_("Double-click on legend to isolate one trace"),
    N_("Preparing image - this may take a few seconds"),
    N_("Image download succeeded"),
    N_("Sorry, there was a problem downloading your image!"),
)


def locale_name() -> str | None:
    """The locale the charts' config names, or None where plotly's own English is right."""
    return None if current_language() == SOURCE_LANGUAGE else LOCALE


def _locale(language: str) -> dict[str, object]:
    """plotly's locale for `language`: its words from the catalogue, its dates and numbers
    from Babel."""
    decimal, thousands = number_separators(language)
    return {
        "dictionary": {word: t(word) for word in WORDS},
        "format": {**calendar_names(language), "decimal": decimal, "thousands": thousands},
    }


def chart_config() -> dict[str, object]:
    """A chart's plotly config that names and carries the reader's locale (plotly's
    `locale` and `locales` options), so its toolbar speaks the reader's language wherever
    the config is passed, as the app's charts do ({} in English)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return {}
    return {"locale": LOCALE, "locales": {LOCALE: _locale(language)}}


def register_script() -> str:
    """JavaScript that registers the reader's locale with plotly (empty in English); it runs
    after plotly.js is loaded and before any chart is drawn."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return ""
    locale = {"moduleType": "locale", "name": LOCALE, **_locale(language)}
    return "Plotly.register(" + json.dumps(locale, ensure_ascii=False).replace("</", "<\\/") + ");"
