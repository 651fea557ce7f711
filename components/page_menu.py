"""The sidebar's menu of pages: links whose address carries the reader's view and language.

Streamlit's own menu (`st.navigation` in the sidebar) links every page by its bare path, so a
page opened from it in a new tab (middle click, "Copy link address") lost the language (and
the filters) and fell back to IPAP_LANG or the browser's language. app.py registers the pages
with the menu hidden and this draws it instead: one `st.page_link` per page, its address the
view's (`View.link_params`: filters, day, audience and `?lang=`), the current page marked by
Streamlit as its own menu marks it.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from components import navigation
from components.view import View
from tracker.i18n import t


def draw(pages: Mapping[str, StreamlitPage], view: View) -> None:
    """A link to each page of the menu this server registered, in menu order."""
    address = view.link_params()
    for spec in navigation.PAGES:
        if spec.in_menu and spec.path in pages:
            st.page_link(
                pages[spec.path],
                label=t(spec.title),
                icon=spec.icon,
                query_params=address,
                width="stretch",
            )
