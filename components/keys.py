"""Keyboard behaviour Streamlit's widgets lack, added by a small script in the page itself.

A date typed into a date field is only taken when the field loses focus: after typing
2017-01-01 and Enter the field shows the new day while the page still shows the old one.
The script moves the focus out and back on Enter, which is what makes the field commit.
It is static (no data in it), runs once per browser tab, and fetches nothing.
"""

from __future__ import annotations

import streamlit as st

_ENTER_COMMITS_DATES = """
<script>
(() => {
  const page = window.parent && window.parent.document ? window.parent.document : document;
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
})();
</script>
"""


def dates_apply_on_enter() -> None:
    """Make Enter in any date field apply the typed date, as it does in a text field."""
    st.html(_ENTER_COMMITS_DATES, unsafe_allow_javascript=True)
