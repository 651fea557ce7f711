"""The reader's language: chosen in the sidebar or the address (`?lang=sr-Cyrl`), per session.

Streamlit runs each session's script in its own thread, so the choice is set for this
thread at the top of every run (tracker.i18n keeps it per thread; nothing is process-wide).
First visit: the address, else IPAP_LANG, else the browser's language, else English. After
that the sidebar's choice, written back into the address so a shared link opens in it.
"""

from __future__ import annotations

import os

import streamlit as st
from streamlit.runtime import Runtime

from tracker.i18n import (
    LANGUAGE_ENV,
    LANGUAGE_NAMES,
    LANGUAGES,
    current_language,
    language_of,
    set_language,
    t,
)

LANGUAGE_PARAM = "lang"
LANGUAGE_KEY = "ipap_language"
DOCUMENT_KEY = "ipap_document_language"

# Streamlit writes <html lang="en"> whatever the reader reads, so a screen reader would speak
# Serbian with English rules (WCAG 3.1.1, language of page). This sets the page's language to
# the reader's on every run: a few lines of script in the page, no markup, nothing fetched.
_DOCUMENT_JS = """
export default function (component) {
  const language = component.data && component.data.language;
  if (language && document.documentElement.lang !== language) {
    document.documentElement.lang = language;
  }
}
"""

_document_language = st.components.v2.component(DOCUMENT_KEY, js=_DOCUMENT_JS, isolate_styles=False)


def _browser_language() -> str | None:
    try:
        return language_of(st.context.locale)
    except (AttributeError, RuntimeError):  # an older Streamlit, or no browser (AppTest)
        return None


def _first_choice() -> str:
    return (
        language_of(st.query_params.get(LANGUAGE_PARAM))
        or language_of(os.environ.get(LANGUAGE_ENV))
        or _browser_language()
        or LANGUAGES[0]
    )


def choose() -> str:
    """Set this run's language from the session (or, on a first visit, the address etc.)."""
    asked = language_of(st.query_params.get(LANGUAGE_PARAM))
    state = st.session_state
    if state.get(LANGUAGE_KEY) not in LANGUAGES:
        state[LANGUAGE_KEY] = _first_choice()
    elif asked and asked != state.get("_ipap_language_address"):
        state[LANGUAGE_KEY] = asked  # the address was edited by hand: it wins
    language = str(state[LANGUAGE_KEY])
    set_language(language)
    return language


def picker() -> None:
    """The sidebar's language choice (each language named in itself)."""
    st.selectbox(
        t("Language"),
        LANGUAGES,
        format_func=lambda code: LANGUAGE_NAMES[code],
        key=LANGUAGE_KEY,
    )
    mark_document()


def mark_document() -> None:
    """Tell the browser (and its screen reader) the page's language: `lang` on <html>.

    Only where a browser can be served (as components.keys): AppTest has no page.
    """
    if Runtime.exists():
        _document_language(key=DOCUMENT_KEY, data={"language": current_language()})


def link_params() -> dict[str, str]:
    """The query parameters that keep the reader's language in a link's address."""
    return {LANGUAGE_PARAM: current_language()}


def write_address() -> None:
    """Keep the language in the address, so the link on screen reproduces it."""
    language = str(st.session_state.get(LANGUAGE_KEY, LANGUAGES[0]))
    if st.query_params.get(LANGUAGE_PARAM) != language:
        st.query_params[LANGUAGE_PARAM] = language
    st.session_state["_ipap_language_address"] = language
