"""Keyboard behaviour Streamlit's widgets lack, added by a small offline component.

A date typed into a date field is only taken when the field loses focus: after typing
2017-01-01 and Enter the field shows the new day while the page still shows the old one.
The component moves the focus out and back on Enter, which is what makes the field commit.
It carries no data and no markup, fetches nothing, and listens once per page however often
it is drawn (a component, not a <script> element in the page).
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime import Runtime

KEY = "ipap_dates_on_enter"

_JS = """
export default function () {
  const page = document;
  if (page.ipapDatesOnEnter) { return; }
  page.ipapDatesOnEnter = true;
  page.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !event.target || !event.target.closest) { return; }
    if (!event.target.closest('[data-testid="stDateInputField"]')) { return; }
    const typed = event.target;
    const away = page.createElement("button");
    away.style.position = "fixed";
    away.style.opacity = "0";
    page.body.appendChild(away);
    away.focus();
    away.remove();
    typed.focus();
  }, true);
}
"""

_listener = st.components.v2.component(KEY, js=_JS, isolate_styles=False)


def dates_apply_on_enter() -> None:
    """Make Enter in any date field apply the typed date, as it does in a text field.

    Only where a browser can be served: without a runtime (a bare run, or a test session
    whose neighbour in another thread has just torn the shared one down) there is no page.
    """
    if Runtime.exists():
        _listener(key=KEY)
