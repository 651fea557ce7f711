"""Streamlit's own words (its "chrome") in the reader's language.

Streamlit 1.67 writes some words itself, in English, with no option to translate them: the
running indicator ("Running...", "Stop"), the file uploader ("Upload", "Drag and drop a file
here"), the data grid's toolbar and column menu ("Download as CSV", "Search", "Sort
ascending"), the multiselect's "Select all" and "No results", the sidebar's "Collapse
sidebar", a password field's "Show password", and the aria-labels a screen reader speaks.
Its date picker's calendar takes its language from the browser (`navigator.language`) and
nothing else.

A small offline component (inline script, nothing fetched) does two things in the page:
- it tells the page the reader's language as the browser's (`navigator.language`), so the
  calendar writes its month and day names in it ("март 2026.", "понедељак, 2. март 2026.");
- it replaces each of Streamlit's English words below, in text and in the aria-label, title
  and placeholder attributes, by the catalogue's translation, as soon as Streamlit draws it
  (a MutationObserver), and puts the English back when the reader returns to English.
The app's own text (markdown, HTML, charts) is never touched. Plotly's toolbar is translated
by plotly itself, through the locale the chart's config registers (components/chart.py).
"""

from __future__ import annotations

import re
import string

import streamlit as st
from streamlit.runtime import Runtime

from tracker.i18n import N_, current_language, t, tp
from tracker.i18n.catalogues import SOURCE_LANGUAGE

KEY = "ipap_chrome_words"

# The browser language each reader's calendar is drawn in ("" = English: the browser's own
# English, or en-US where the browser is not in English).
BROWSER_LOCALES = {"sr-Cyrl": "sr-Cyrl-RS", "sr-Latn": "sr-Latn-RS"}

# Streamlit's own words, exactly as its frontend writes them (English = the message).
WORDS = (
    # The running indicator in the top bar.
    N_("Running..."),
    N_("Stop"),
    N_("Stopping..."),
    N_("Rerun"),
    N_("Always rerun"),
    N_("Connecting"),
    N_("Connecting to Streamlit server"),
    N_("Unable to connect to Streamlit server"),
    # The sidebar and the page.
    N_("Collapse sidebar"),
    N_("Expand sidebar"),
    N_("App pages"),
    N_("Sidebar"),
    N_("Skip to main content"),
    N_("View less"),
    N_("Link to heading"),
    N_("Show password"),
    N_("Hide password"),
    # Select boxes and multiselects.
    N_("Select all"),
    N_("No results"),
    N_("Clear all"),
    N_("Choose an option"),
    N_("Choose options"),
    N_("Open"),
    N_("Dismiss"),
    N_("Select..."),
    # The file uploader.
    N_("Drag and drop a file here"),
    N_("Drag and drop files here"),
    N_("Upload"),
    N_("Add files"),
    N_("Upload failed"),
    N_("Click to retry upload"),
    N_("Only one file is allowed."),
    N_("Unexpected error. Please try again."),
    # The data grid's toolbar and column menu.
    N_("Download as CSV"),
    N_("Search"),
    N_("Fullscreen"),
    N_("Close fullscreen"),
    N_("Show/hide columns"),
    N_("Close Search"),
    N_("Next Result"),
    N_("Previous Result"),
    N_("Dataframe column menu"),
    N_("Sort ascending"),
    N_("Sort descending"),
    N_("Format"),
    N_("Autosize"),
    N_("Pin column"),
    N_("Unpin column"),
    N_("Hide column"),
    N_("Copy column name"),
    N_("Clear selection"),
    N_("Statistics"),
    N_("No data"),
    # The date picker (its calendar's month and day names come from the browser's language).
    N_("Choose date"),
    N_("Calendar"),
    N_("Previous month"),
    N_("Next month"),
    N_("Clear date"),
    N_("Use arrow keys to navigate dates. Enter to select. Escape to close."),
    N_("month"),
    N_("year"),
    N_("day"),
    # A date field's empty parts: its placeholder letters (English "dd", "mm", "yyyy"
    # whatever the locale; Serbian writes дд.мм.гггг).
    N_("dd"),
    N_("mm"),
    N_("yyyy"),
)

# Streamlit's words with a value inside: {name} stands for the value, kept as it is.
PATTERNS = (
    N_("Select {count} matches"),
    N_("{count} options available."),
    N_("{count} option available."),
    N_("View {count} more"),
    N_("Choose date, {month}"),
    N_("Remove {name}"),
    N_("Cancel upload of {name}"),
    N_("File must be {size} or smaller."),
    N_("{type} files are not allowed."),
    N_("Selected date: {date}"),
    # A date typed outside the field's range (Streamlit's markdown "**Error**" shown plain).
    N_("Error: Date set outside allowed range. Please select a date on or before {date}."),
    N_("Error: Date set outside allowed range. Please select a date on or after {date}."),
    N_("Error: Date set outside allowed range. Please select a date between {start} and {end}."),
    # A date field's parts as a screen reader names them, with the field's own label.
    N_("day, {label}"),
    N_("month, {label}"),
    N_("year, {label}"),
)

# The words of a column's Format and Statistics menus, which are said only inside those menus:
# a format is named by an adjective that agrees with „формат” („Обичан”, „Научни”), and
# "Calendar" there is „Календарски” where the date picker's "Calendar" is „Календар”.
MENUS = {
    "number": '[data-testid="stDataFrameColumnFormattingMenu"]',
    "statistics": '[data-testid="stDataFrameStatisticsMenu"]',
}


def menu_words() -> dict[str, dict[str, str]]:
    """The words of each menu (its selector's key) in the reader's language."""
    formats = {
        "Automatic": tp("a column format", "Automatic"),
        "Localized": tp("a column format", "Localized"),
        "Plain": tp("a column format", "Plain"),
        "Compact": tp("a column format", "Compact"),
        "Dollar": tp("a column format", "Dollar"),
        "Euro": tp("a column format", "Euro"),
        "Yen": tp("a column format", "Yen"),
        "Percent": tp("a column format", "Percent"),
        "Scientific": tp("a column format", "Scientific"),
        "Accounting": tp("a column format", "Accounting"),
        "Duration": tp("a column format", "Duration"),
        "Distance": tp("a column format", "Distance"),
        "Calendar": tp("a column format", "Calendar"),
    }
    statistics = {
        "Values": tp("a column statistic", "Values"),
        "Empty": tp("a column statistic", "Empty"),
        "Distinct": tp("a column statistic", "Distinct"),
        "Average": tp("a column statistic", "Average"),
        "Standard deviation": tp("a column statistic", "Standard deviation"),
        "Minimum": tp("a column statistic", "Minimum"),
        "25th percentile": tp("a column statistic", "25th percentile"),
        "Median": tp("a column statistic", "Median"),
        "75th percentile": tp("a column statistic", "75th percentile"),
        "Maximum": tp("a column statistic", "Maximum"),
        "Sum": tp("a column statistic", "Sum"),
        "Range": tp("a column statistic", "Range"),
        "Minimum length": tp("a column statistic", "Minimum length"),
        "Maximum length": tp("a column statistic", "Maximum length"),
        "Average length": tp("a column statistic", "Average length"),
        "True": tp("a column statistic", "True"),
        "False": tp("a column statistic", "False"),
        "No data": t("No data"),
    }
    return {MENUS["number"]: formats, MENUS["statistics"]: statistics}


# What the calendar's own Serbian (React Aria's, which mixes the two scripts) says, and the
# message that says it in the reader's script.
CALENDAR_SERBIAN = {
    "Sledeći": "Next month",
    "Prethodni": "Previous month",
    "месец": "month",
    "година": "year",
    "дан": "day",
    "Kalendar": "Calendar",
    "Prvi raspoloživi datum": N_("First available date"),
    "Zadnji raspoloživi datum": N_("Last available date"),
}
CALENDAR_SERBIAN_PATTERNS = {
    "Izabrani datum: {date}": "Selected date: {date}",
    "{date} izabran": N_("{date}, selected"),
}

_JS = """
export default function (component) {
  const data = component.data || {};
  const page = window;
  const SKIP = '[data-testid="stMarkdownContainer"], [data-testid="stHtml"], '
    + '[data-testid="stCode"], .main-svg, script, style';
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "data-title"];

  // The calendar's language: navigator.language, as Streamlit reads it on each draw.
  if (!page.__ipapBrowserLanguage) {
    const own = Object.getOwnPropertyDescriptor(Navigator.prototype, "language");
    page.__ipapBrowserLanguage = own.get.call(navigator);
    Object.defineProperty(Navigator.prototype, "language", {
      configurable: true,
      get() { return page.__ipapLanguage || page.__ipapBrowserLanguage; },
    });
  }
  const asked = data.locale
    || (page.__ipapBrowserLanguage.startsWith("en") ? page.__ipapBrowserLanguage : "en-US");
  // What Streamlit has drawn in so far: the browser's own language on a page just opened.
  const drawn = page.__ipapLanguage || page.__ipapBrowserLanguage;
  page.__ipapLanguage = asked;
  if (drawn !== asked) {
    page.dispatchEvent(new Event("languagechange"));
    // Streamlit reads the language when it draws the app, which it does again after a run:
    // one short run of this fragment, so a calendar opened next is drawn in it. Not where
    // nothing changed (an English reader's English browser): that run, on every page
    // opened, held the running indicator past the charts' drawing (issue 19).
    if (component.setTriggerValue) { component.setTriggerValue("locale", asked); }
  }

  let state = page.__ipapChrome;
  if (!state) {
    state = page.__ipapChrome = { texts: new Map(), attributes: new Map(), menus: [] };
    const say = (english, element) => {
      const core = english.trim();
      if (!core) { return english; }
      let said;
      // A menu's own words first, where the element is inside that menu.
      for (const [selector, words] of state.menus) {
        if (element && element.closest(selector) && words[core] !== undefined) {
          said = words[core];
          break;
        }
      }
      if (said === undefined) { said = state.words[core]; }
      if (said === undefined) {
        for (const [pattern, template] of state.patterns) {
          const found = pattern.exec(core);
          if (found) { said = template.replace(/\\$(\\d)/g, (_, i) => found[Number(i)]); break; }
        }
      }
      if (said === undefined) { return english; }
      return english.replace(core, () => said);
    };
    // The app's own text is left alone; a button's label is Streamlit's (the uploader's
    // "Upload" is markdown inside its button).
    const skipped = (element) => {
      if (!element) { return true; }
      const hit = element.closest(SKIP);
      return Boolean(hit) && !hit.closest("button");
    };
    const text = (node) => {
      const known = state.texts.get(node);
      const english = known && node.data === known.shown ? known.english : node.data;
      const shown = say(english, node.parentElement);
      if (shown !== english || known) { state.texts.set(node, { english, shown }); }
      if (node.data !== shown) { node.data = shown; }
    };
    const attribute = (element, name) => {
      const value = element.getAttribute(name);
      if (value === null) { return; }
      let kept = state.attributes.get(element);
      const known = kept && kept[name];
      const english = known && value === known.shown ? known.english : value;
      const shown = say(english, element);
      if (shown !== english || known) {
        if (!kept) { kept = {}; state.attributes.set(element, kept); }
        kept[name] = { english, shown };
      }
      if (value !== shown) { element.setAttribute(name, shown); }
    };
    const visit = (root) => {
      if (root.nodeType === Node.TEXT_NODE) {
        if (!skipped(root.parentElement)) { text(root); }
        return;
      }
      if (root.nodeType !== Node.ELEMENT_NODE) { return; }
      // Attributes everywhere (a heading's anchor, "Link to heading", is Streamlit's though
      // it sits in the app's markdown); text only outside the app's own content.
      const walker = document.createTreeWalker(
        root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      let node = root;
      while (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (!skipped(node.parentElement)) { text(node); }
        } else { for (const name of ATTRIBUTES) { attribute(node, name); } }
        node = walker.nextNode();
      }
    };
    state.again = () => {
      for (const node of [...state.texts.keys()]) {
        if (!node.isConnected) { state.texts.delete(node); }
      }
      for (const element of [...state.attributes.keys()]) {
        if (!element.isConnected) { state.attributes.delete(element); }
      }
      visit(document.body);
    };
    const observer = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "childList") { change.addedNodes.forEach(visit); }
        else if (change.type === "characterData") {
          if (!skipped(change.target.parentElement)) { text(change.target); }
        } else { attribute(change.target, change.attributeName); }
      }
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true,
      attributes: true, attributeFilter: ATTRIBUTES });
  }
  const signature = JSON.stringify([data.words, data.patterns, data.menus]);
  if (state.signature !== signature) {
    state.signature = signature;
    state.words = data.words || {};
    state.menus = Object.entries(data.menus || {});
    state.patterns = (data.patterns || []).map(([pattern, template]) =>
      [new RegExp(pattern), template]);
    state.again();
  }
}
"""

_translator = st.components.v2.component(KEY, js=_JS, isolate_styles=False)


def _pattern(english: str) -> str:
    """The English with a value in place of each {name}, as a JavaScript regular expression
    matching the whole text (its values captured in order)."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(english):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append("(.+?)")
    return "^" + "".join(parts) + "$"


def _template(english: str, message: str) -> str:
    """The reader's sentence for `message`, each {name} written $1, $2... in the English's
    order (a translation may move them)."""
    names = [name for _, name, _, _ in string.Formatter().parse(english) if name is not None]
    return t(message, **{name: f"${index}" for index, name in enumerate(names, start=1)})


def words() -> dict[str, object]:
    """What the page is told for this reader: the calendar's locale, the words, the patterns
    (none in English: Streamlit's own words are English already)."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return {"locale": "", "words": {}, "patterns": [], "menus": {}}
    exact: dict[str, str] = {word: t(word) for word in WORDS}
    exact.update({word: t(message) for word, message in CALENDAR_SERBIAN.items()})
    patterns = [[_pattern(english), _template(english, english)] for english in PATTERNS]
    patterns += [
        [_pattern(said), _template(said, message)]
        for said, message in CALENDAR_SERBIAN_PATTERNS.items()
    ]
    return {
        "locale": BROWSER_LOCALES.get(language, ""),
        "words": exact,
        "patterns": patterns,
        "menus": menu_words(),
    }


@st.fragment
def _mount(said: dict[str, object]) -> None:
    """The component in a fragment: when it has set the calendar's language, it asks for a
    run of this fragment alone (Streamlit draws the app again after any run). The words are
    made by the full run, in its reader's language, and kept for the fragment's own runs."""
    _translator(key=KEY, data=said, on_locale_change=lambda: None)


def translate() -> None:
    """Mount the translator for this reader's language (once per run, anywhere on the page).

    Only where a browser can be served (as components.keys): AppTest has no page.
    """
    if Runtime.exists():
        _mount(words())
