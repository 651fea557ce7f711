"""The app's Meeting pack page: choices, a build with a progress bar, and a download."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from tests.support import MEETING

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGE = "components/pages/meeting_pack.py"
TIMEOUT = 120  # the first run imports pandas and plotly on a slow shared machine


def open_page(monkeypatch: pytest.MonkeyPatch, data: Path) -> AppTest:
    monkeypatch.setenv("IPAP_DATA", str(data))
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    app.run()
    app.switch_page(PAGE)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def build(app: AppTest) -> AppTest:
    app.button(key="meeting_pack_build").click().run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_page_builds_a_deck_to_download(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, MEETING)
    assert app.title[0].value == "Meeting pack"
    assert app.radio(key="meeting_pack_format").value == "pptx"
    assert app.radio(key="meeting_pack_audience").value == "public"
    app.selectbox(key="meeting_pack_plan").set_value("alpha")
    app.date_input(key="changes_since").set_value(date(2026, 3, 1))  # the sidebar's window
    build(app)
    built = app.session_state["meeting_pack_built"]
    # Named by the newest fact a public reader sees (the 2 July evidence is internal), and
    # by its edition.
    assert built["file_name"] == "ipap-meeting-pack-alpha-2026-07-01-public.pptx"
    deck = Presentation(BytesIO(built["content"]))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0] == "Alpha plan: meeting pack"
    assert "Changes since 2026-03-01" in titles
    downloads = app.get("download_button")
    assert len(downloads) == 1
    assert downloads[0].proto.label == f"Download {built['file_name']}"


def test_changing_a_choice_asks_for_a_new_build(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_page(monkeypatch, MEETING)
    app.radio(key="meeting_pack_format").set_value("md").run()
    assert app.radio(key="meeting_pack_audience").value == "public"
    build(app)
    summary = app.session_state["meeting_pack_built"]["content"].decode("utf-8")
    assert summary.startswith("# IPAP meeting pack")
    assert "Internal: depot inspection notes" not in summary
    app.radio(key="meeting_pack_audience").set_value("internal").run()
    assert not app.get("download_button")
    assert "build the pack again" in " ".join(c.value for c in app.caption)
    # The file no longer offered is not kept in the server (issue 19), even going back.
    assert app.session_state["meeting_pack_built"]["content"] is None
    app.radio(key="meeting_pack_audience").set_value("public").run()
    assert not app.get("download_button")
    assert "build the pack again" in " ".join(c.value for c in app.caption)


def test_the_audience_picked_stays_for_every_format(monkeypatch: pytest.MonkeyPatch) -> None:
    """Picking Excel never switches the audience to internal behind the user's back."""
    app = open_page(monkeypatch, MEETING)
    app.radio(key="meeting_pack_format").set_value("xlsx").run()
    assert app.radio(key="meeting_pack_audience").value == "public"
    build(app)
    built = app.session_state["meeting_pack_built"]
    assert built["file_name"].endswith("-public.xlsx")
    app.radio(key="meeting_pack_audience").set_value("internal").run()
    app.radio(key="meeting_pack_format").set_value("pptx").run()
    assert app.radio(key="meeting_pack_audience").value == "internal"
    build(app)
    assert app.session_state["meeting_pack_built"]["file_name"].endswith("-internal.pptx")


def test_no_valid_objectives_shows_the_reason(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "broken.yaml").write_text("plan:\n  id: x\nobjectives: [\n", encoding="utf-8")
    app = open_page(monkeypatch, tmp_path)
    build(app)
    assert any("nothing to report" in error.value for error in app.error)
    assert not app.get("download_button")


def test_the_pack_is_built_in_the_readers_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader in Serbian Latin gets the pack in Serbian Latin (plan picker included); after
    switching the language the page asks for a new build instead of offering the old file."""
    monkeypatch.setenv("IPAP_LANG", "sr-Latn")
    app = open_page(monkeypatch, MEETING)
    assert app.title[0].value == "Materijal za sastanak"
    plans = app.selectbox(key="meeting_pack_plan")
    assert plans.format_func("alpha") == "Alpha plan (na engleskom)"
    app.radio(key="meeting_pack_format").set_value("md").run()
    build(app)
    summary = app.session_state["meeting_pack_built"]["content"].decode("utf-8")
    assert summary.startswith("# Materijal za sastanak o IPAP-u")
    assert "## Sažetak" in summary
    assert app.get("download_button")
    app.selectbox(key="ipap_language").set_value("en").run()
    assert not app.get("download_button")
    assert "build the pack again" in " ".join(c.value for c in app.caption)


def test_the_pack_is_built_outside_the_server_process(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What a build makes on the way (hundreds of MB at 10,000 objectives) must never stay in
    the server: the pack is made in a child process, whose memory goes when it ends."""
    import os

    import tracker.export

    real = tracker.export.build_report
    where = tmp_path / "built-in"

    def recording(*args: object, **kwargs: object) -> bytes:
        where.write_text(str(os.getpid()))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tracker.export, "build_report", recording)
    app = build(open_page(monkeypatch, MEETING))
    assert app.session_state["meeting_pack_built"]["content"]
    assert int(where.read_text()) != os.getpid()
