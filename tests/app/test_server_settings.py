"""The server settings a ministry network relies on, read from .streamlit/config.toml."""

from __future__ import annotations

import tomllib

from tests.support import PROJECT

CONFIG = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_no_usage_statistics_leave_the_machine() -> None:
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_served_on_loopback_unless_told_otherwise() -> None:
    assert CONFIG["server"]["address"] == "127.0.0.1"


def test_cross_site_protections_are_on() -> None:
    server = CONFIG["server"]
    assert server["enableXsrfProtection"] is True
    # Streamlit's enableCORS is CORS *protection*; with no allowed origins nothing cross-origin
    # is granted.
    assert server["enableCORS"] is True and server["corsAllowedOrigins"] == []


def test_uploads_are_limited_and_nothing_else_is_served() -> None:
    server = CONFIG["server"]
    assert server["maxUploadSize"] <= 5
    assert server["enableStaticServing"] is False
    assert server["enableAgentApi"] is False


def test_errors_do_not_show_details_on_screen() -> None:
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_no_main_menu_in_streamlits_english() -> None:
    """Streamlit's ⋮ menu cannot be translated: "minimal" hides it (the app sets no items)."""
    assert CONFIG["client"]["toolbarMode"] == "minimal"
    app = (PROJECT / "app.py").read_text(encoding="utf-8")
    assert "menu_items" not in app
