"""IPAP Tracker: the Streamlit entry point (page config, the shared sidebar, navigation).

Run `streamlit run app.py` for the shipped data, or `streamlit run app.py -- --data PATH`
(or set IPAP_DATA) for another folder. Add a page by adding its module under
components/pages/ and one line to components/navigation.PAGES.
"""

import streamlit as st

from components import data

# The data's child starts before the rest of the app is imported: it needs only what
# components.data imports, and works on the other core meanwhile (issue 19).
data.start_loading()

from components import (  # noqa: E402
    chrome,
    language,
    navigation,
    page_menu,
    presentation,
    sidebar,
    update_form,
)
from components.layout import apply_style  # noqa: E402
from tracker.forked import give_back_memory  # noqa: E402
from tracker.i18n import t  # noqa: E402

st.set_page_config(page_title="IPAP Tracker", page_icon="🤝", layout="wide")
language.choose()  # this session's language, before the first word is drawn

pages = {
    spec.path: st.Page(
        spec.path,
        title=t(spec.title),
        icon=spec.icon,
        default=index == 0,
        visibility="visible" if spec.in_menu else "hidden",
    )
    for index, spec in enumerate(navigation.menu(update_form.editing_settings().can_edit))
}

# The pages are registered before the sidebar links to them. Streamlit's own menu is hidden:
# its links carry no ?lang=, so components/page_menu.py draws the menu at the sidebar's top
# once the view (whose address every link carries) is known; presentation mode hides it.
page = st.navigation(list(pages.values()), position="hidden")
presentation.arrive(page, pages)  # its own address turns the mode on, before the toggle is drawn
menu = st.sidebar.container()
view = sidebar.show()
with menu:
    page_menu.draw(pages, view)
apply_style(view.presenting)
presentation.follow(view, page, pages)  # the mode and the page agree: else go to the other
# Streamlit's own words in the reader's language. Mounted only by a run that draws its page:
# in a run that ends in follow()'s switch_page, the translator's first "locale" rerun raced
# the switch and left the presentation's first screen blank.
with st.sidebar:
    chrome.translate()
page.run()
# What the page made and freed goes back to the system, not kept by the C library between
# runs (at 10,000 objectives some 60 MB: issue 19).
give_back_memory()
