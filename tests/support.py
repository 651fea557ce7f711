"""Helpers for the AppTest tests of the dashboard: open the app on a data folder and a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PROJECT = Path(__file__).resolve().parents[1]
APP = PROJECT / "app.py"
DATA = PROJECT / "tests" / "data"
SHIPPED = PROJECT / "commitments"
DASHBOARD = DATA / "dashboard"
BROKEN = DATA / "dashboard-broken"
XSS = "<img src=x onerror=alert(1)>"
# Generous: the first run imports pandas and plotly on a slow shared machine.
TIMEOUT = 120

PAGES = {
    "overview": "components/pages/overview.py",
    "objectives": "components/pages/objectives.py",
    "objective": "components/pages/objective.py",
    "ammunition": "components/pages/ammunition.py",
    "campaign": "components/pages/campaign.py",
    "partnership_goals": "components/pages/partnership_goals.py",
    "changes": "components/pages/changes.py",
    "evidence": "components/pages/evidence.py",
    "problems": "components/pages/problems.py",
}


def open_app(
    monkeypatch: pytest.MonkeyPatch,
    data: Path,
    page: str = "overview",
    params: dict[str, str | list[str]] | None = None,
) -> AppTest:
    """Run the app on `data`, open `page` with `params` in the address, and check it ran."""
    monkeypatch.setenv("IPAP_DATA", str(data))
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name, value in (params or {}).items():
        app.query_params[name] = value
    app.run()
    if page != "overview":
        app.switch_page(PAGES[page])
        for name, value in (params or {}).items():
            app.query_params[name] = value
        app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metrics(app: AppTest) -> dict[str, str]:
    """The KPI tiles on screen, label -> value (the first tile of each label)."""
    shown: dict[str, str] = {}
    for metric in app.metric:
        shown.setdefault(metric.label, metric.value)
    return shown


def markdown_text(app: AppTest) -> str:
    return "\n".join(str(element.value) for element in [*app.markdown, *app.caption])


def html_text(app: AppTest) -> str:
    return "\n".join(str(element.value) for element in app.get("html"))
