"""Two app instances (AppTest) on two clones of one shared repository: a save in one reaches
the other at its next sync; the sidebar says when it last synced, what waits to go out and
when the shared repository cannot be reached; review mode says the change awaits review."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import APP
from tests.sync.clones import Office, git
from tracker.edit import auth

PASSWORD = "correct horse battery"
OBJECTIVE = "alpha-ammo"
TIMEOUT = 120


def _page(data: str) -> None:
    """A stand-in for an objective page: the sidebar's sync block, the status, the form."""
    from pathlib import Path

    import streamlit as st

    from components import sync_panel
    from components.data import load_data
    from components.update_form import update_form

    with st.sidebar:
        sync_panel.sidebar(Path(data))
    objective = load_data(Path(data)).portfolio.objective("alpha-ammo")
    st.markdown(f"Status now: {objective.status if objective else 'unknown'}")
    update_form("alpha-ammo", Path(data))


@pytest.fixture(scope="module")
def password_hash() -> str:
    return auth.hash_password(PASSWORD)


def _secrets(password_hash: str, **sync: object) -> dict[str, Any]:
    return {
        "editing": {"enabled": True, "editors": {"Ana Petrovic": password_hash}},
        "sync": {"enabled": True, "interval_minutes": 5, **sync},
    }


def _app(office: Office, secrets: dict[str, Any]) -> AppTest:
    app = AppTest.from_function(_page, kwargs={"data": str(office.folder)}, default_timeout=TIMEOUT)
    for section, values in secrets.items():
        app.secrets[section] = values
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _button(app: AppTest, label: str) -> Any:
    return next(button for button in app.button if button.label == label)


def _status_now(app: AppTest) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("Status now:"))


def _save(app: AppTest, note: str) -> AppTest:
    app.text_input(key="ipap_sign_in_name").input("Ana Petrovic")
    app.text_input(key="ipap_sign_in_password").input(PASSWORD)
    app = _button(app, "Sign in").click().run()
    app.selectbox(key=f"ipap_update_{OBJECTIVE}_status").set_value("on-track")
    app.text_area(key=f"ipap_update_{OBJECTIVE}_note").input(note)
    app = _button(app, "Preview the change").click().run()
    app = _button(app, "Save").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _sidebar_text(app: AppTest) -> str:
    return "\n".join(
        str(element.value)
        for element in [*app.sidebar.caption, *app.sidebar.warning, *app.sidebar.error]
    )


def test_two_app_instances_on_two_clones_see_each_others_save_after_a_sync(
    offices: tuple[Path, Office, Office], password_hash: str
) -> None:
    shared, defence, foreign = offices
    secrets = _secrets(password_hash)
    second = _app(foreign, secrets)  # its first run syncs: nothing to bring in yet
    assert _status_now(second) == "Status now: not-assessed"
    assert "Last synced:" in _sidebar_text(second)
    first = _save(_app(defence, secrets), "First 300 t destroyed")
    saved = " ".join(s.value for s in first.success)
    assert "Sent to the shared repository." in saved
    assert "First 300 t destroyed" in git(shared, "show", "main:alpha.yaml")
    # A rerun within the interval does not sync (never on every rerun) ...
    second.run()
    assert _status_now(second) == "Status now: not-assessed"
    # ... the timer or the button does, and the page shows the new files.
    second = _button(second, "Sync now").click().run()
    assert not second.exception
    assert _status_now(second) == "Status now: on-track"
    assert git(foreign.folder, "log", "-1", "--format=%an") == "Ana Petrovic"


def test_a_save_while_the_remote_cannot_be_reached_is_kept_and_sent_later(
    offices: tuple[Path, Office, Office], password_hash: str, tmp_path: Path
) -> None:
    shared, defence, _ = offices
    away = tmp_path / "away.git"
    shutil.move(shared, away)
    app = _save(_app(defence, _secrets(password_hash)), "Saved while offline")
    saved = " ".join(s.value for s in app.success)
    assert "cannot be reached: your save is kept here" in saved
    sidebar = _sidebar_text(app)
    assert "The shared repository cannot be reached" in sidebar
    assert "1 commit waits to go out." in sidebar
    shutil.move(away, shared)
    app = _button(app, "Sync now").click().run()
    assert "cannot be reached" not in _sidebar_text(app)
    assert "Saved while offline" in git(shared, "show", "main:alpha.yaml")


def test_review_mode_says_the_change_awaits_review(
    offices: tuple[Path, Office, Office], password_hash: str
) -> None:
    shared, defence, _ = offices
    before = git(shared, "rev-parse", "main")
    app = _save(_app(defence, _secrets(password_hash, push_to="updates/{editor}")), "For review")
    saved = " ".join(s.value for s in app.success).replace("\\", "")  # Markdown escapes
    assert "updates/ana-petrovic" in saved and "awaits review" in saved
    assert git(shared, "rev-parse", "main") == before
    assert "For review" in git(shared, "show", "updates/ana-petrovic:alpha.yaml")
    assert "Saves go to updates/{editor} for review." in _sidebar_text(app).replace("\\", "")


def test_the_real_app_shows_the_sync_block_only_when_sync_is_set(
    offices: tuple[Path, Office, Office], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, defence, _ = offices
    monkeypatch.setenv("IPAP_DATA", str(defence.folder))
    plain = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not plain.exception
    assert not any(b.label == "Sync now" for b in plain.sidebar.button)
    synced = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    synced.secrets["sync"] = {"enabled": True}
    synced.run()
    assert not synced.exception, [e.value for e in synced.exception]
    assert any(b.label == "Sync now" for b in synced.sidebar.button)
    assert "Last synced:" in _sidebar_text(synced)
