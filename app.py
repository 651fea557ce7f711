"""IPAP Tracker: the Streamlit entry point (page config, the shared sidebar, navigation).

Run `streamlit run app.py` for the shipped data, or `streamlit run app.py -- --data PATH`
(or set IPAP_DATA) for another folder. Add a page by adding one st.Page line below.
"""

import streamlit as st

from components import navigation, presentation, sidebar
from components.layout import apply_style
from tracker.i18n import t

st.set_page_config(page_title="IPAP Tracker", page_icon="🤝", layout="wide")

pages = [
    st.Page(navigation.OVERVIEW, title=t("Overview"), icon=":material/dashboard:", default=True),
    st.Page(navigation.OBJECTIVES, title=t("Objectives"), icon=":material/table_rows:"),
    st.Page(navigation.OBJECTIVE, title=t("Objective detail"), icon=":material/description:"),
    st.Page(navigation.AMMUNITION, title=t("Ammunition destruction"), icon=":material/bomb:"),
    st.Page(navigation.CAMPAIGN, title=t("Information campaign"), icon=":material/campaign:"),
    st.Page(navigation.PARTNERSHIP_GOALS, title=t("Partnership goals"), icon=":material/flag:"),
    st.Page(navigation.CHANGES, title=t("Changes since"), icon=":material/history:"),
    st.Page(navigation.EVIDENCE, title=t("Evidence"), icon=":material/link:"),
    st.Page(navigation.PROBLEMS, title=t("Data problems"), icon=":material/report:"),
    st.Page("components/meeting_pack.py", title=t("Meeting pack"), icon=":material/slideshow:"),
]

# The menu is registered before the sidebar links to pages; presentation mode hides it.
page = st.navigation(pages)
view = sidebar.show()
apply_style(view.presenting)
if view.presenting:
    presentation.show(view)
else:
    page.run()
