"""A bad environment setting is told in the sidebar, once, where the data's problems are counted;
the app runs on with the default."""

from __future__ import annotations

import pytest

from components.text import escape_markdown
from tests.support import DEMO_FILE, open_app


def test_the_app_shows_the_warning_in_the_sidebar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPAP_MAX_ENTRIES", "lots")
    app = open_app(monkeypatch, DEMO_FILE)
    shown = [warning.value for warning in app.sidebar.warning]
    told = escape_markdown(
        "IPAP_MAX_ENTRIES=lots is not a whole number above 0; using the default 16,000. "
        "Set it to a whole number, or unset it."
    )
    assert [text for text in shown if "ENTRIES" in text] == [told], shown
