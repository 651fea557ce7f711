"""The in-app update form (AppTest): hidden from viewers, editors only, preview, save, conflict."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.text import escape_markdown
from tests.support import STORE, writable_store
from tracker.edit import auth
from tracker.load.loader import load_portfolio

PROJECT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
OBJECTIVE = "alpha-ammo"
TIMEOUT = 60


def _page(objective_id: str, data: str) -> None:
    """A stand-in for the objective page: its current status, then the form."""
    from pathlib import Path

    import streamlit as st

    from components.data import load_data
    from components.update_form import update_form

    objective = load_data(Path(data)).portfolio.objective(objective_id)
    st.markdown(f"Status now: {objective.status if objective else 'unknown'}")
    update_form(objective_id, Path(data))


@pytest.fixture(scope="module")
def password_hash() -> str:
    return auth.hash_password(PASSWORD)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return writable_store(tmp_path)


def _app(data: Path, secrets: dict[str, Any] | None = None) -> AppTest:
    app = AppTest.from_function(
        _page, kwargs={"objective_id": OBJECTIVE, "data": str(data)}, default_timeout=TIMEOUT
    )
    for section, values in (secrets or {}).items():
        app.secrets[section] = values
    return app.run()


def _editing(password_hash: str, **extra: object) -> dict[str, Any]:
    return {"editing": {"enabled": True, "editors": {"Ana Petrovic": password_hash}, **extra}}


def _button(app: AppTest, label: str) -> Any:
    return next(button for button in app.button if button.label == label)


def _sign_in(app: AppTest, name: str, password: str) -> AppTest:
    app.text_input(key="ipap_sign_in_name").input(name)
    app.text_input(key="ipap_sign_in_password").input(password)
    return _button(app, "Sign in").click().run()


def _key(name: str) -> str:
    return f"ipap_update_{OBJECTIVE}_{name}"


def _status_now(app: AppTest) -> str:
    return next(m.value for m in app.markdown if m.value.startswith("Status now:"))


def _fill(app: AppTest, note: str) -> None:
    app.selectbox(key=_key("status")).set_value("on-track")
    app.number_input(key=_key("progress")).set_value(25.0)
    app.number_input(key=_key("measurement")).set_value(300.0)
    app.text_area(key=_key("note")).input(note)


def test_a_viewer_sees_no_edit_controls(data: Path, password_hash: str) -> None:
    for secrets in (None, {"editing": {"enabled": False, "editors": {"Ana": password_hash}}}):
        app = _app(data, secrets)
        assert not app.exception
        assert _status_now(app) == "Status now: not-assessed"
        assert not app.text_input and not app.button and not app.selectbox
        assert not any(s.value == "Record an update" for s in app.subheader)


def test_the_editor_name_is_case_insensitive_and_dates_read_as_elsewhere(
    data: Path, password_hash: str
) -> None:
    app = _sign_in(_app(data, _editing(password_hash)), "  ana PETROVIC ", PASSWORD)
    assert not app.exception and not app.error
    assert any("Signed in as **Ana Petrovic**" in c.value for c in app.caption)
    # The update's date is written as every other date of the form and the app: 2026-12-01.
    assert app.date_input(key=_key("date")).proto.format == "YYYY-MM-DD"


def test_a_wrong_password_is_refused(data: Path, password_hash: str) -> None:
    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", "not the password")
    assert not app.exception
    assert [e.value for e in app.error] == ["Wrong editor name or password: you are not signed in."]
    assert not app.selectbox  # no form
    assert "ipap_editor" not in app.session_state


def test_the_right_password_saves_and_the_page_shows_the_new_status(
    data: Path, password_hash: str
) -> None:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=data, check=True, capture_output=True, text=True)
        return done.stdout

    git("init", "-q")
    git("config", "user.name", "App Server")
    git("config", "user.email", "server@mod.gov.rs")
    git("add", "alpha.yaml", "beta.yaml")
    git("commit", "-q", "-m", "start")
    app = _sign_in(_app(data, _editing(password_hash, git_commit=True)), "Ana Petrovic", PASSWORD)
    assert not app.exception
    assert any("Ana Petrovic" in c.value for c in app.caption)
    _fill(app, "First 300 tonnes destroyed")
    app = _button(app, "Preview the change").click().run()
    diff = app.code[0]
    assert diff.language == "diff"
    assert "-    status: not-assessed\n+    status: on-track\n+    progress: 25\n" in diff.value
    assert "+        - {date: " in diff.value and "value: 300}" in diff.value
    assert (data / "alpha.yaml").read_text() == (STORE / "alpha.yaml").read_text()
    app = _button(app, "Save").click().run()
    assert not app.exception
    assert not app.error
    assert _status_now(app) == "Status now: on-track"
    assert any("is now **On track** (25%)" in s.value for s in app.success)
    objective = load_portfolio(data).objective(OBJECTIVE)
    assert objective is not None and objective.updates[-1].by == "Ana Petrovic"
    assert objective.updates[-1].note == "First 300 tonnes destroyed"
    assert git("log", "-1", "--format=%an|%s").strip() == (
        "Ana Petrovic|alpha-ammo: status not-assessed -> on-track, progress 25%, measurement 300"
    )
    # The form starts afresh for the next update.
    assert app.text_area(key=_key("note")).value == ""


def test_a_conflicting_edit_on_disk_is_refused_and_the_typed_values_stay(
    data: Path, password_hash: str
) -> None:
    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", PASSWORD)
    _fill(app, "Typed in the app")
    app = _button(app, "Preview the change").click().run()
    assert app.code
    # Meanwhile a colleague records another objective of the same file from the terminal.
    colleague = subprocess.run(
        [
            sys.executable, "-m", "tracker", "update", "alpha-ex", "--status", "completed",
            "--note", "Typed at the terminal", "--by", "Marko Markovic", "--data", str(data),
        ],
        cwd=PROJECT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert colleague.returncode == 0, colleague.stderr
    on_disk = (data / "alpha.yaml").read_bytes()
    app = _button(app, "Save").click().run()
    assert not app.exception
    assert any("changed by someone else" in w.value for w in app.warning)
    # The preview of the old file and its Save are gone: nothing above the warning offers
    # to save what no longer applies.
    assert not app.code and not any(b.label == "Save" for b in app.button)
    assert (data / "alpha.yaml").read_bytes() == on_disk  # nothing overwritten
    assert app.text_area(key=_key("note")).value == "Typed in the app"
    assert app.selectbox(key=_key("status")).value == "on-track"
    assert app.number_input(key=_key("progress")).value == 25.0
    # Apply it again: preview against the new file, then save.
    app = _button(app, "Preview the change").click().run()
    app = _button(app, "Save").click().run()
    assert not app.exception and not app.warning
    text = (data / "alpha.yaml").read_text(encoding="utf-8")
    assert "Typed at the terminal" in text and "Typed in the app" in text
    assert load_portfolio(data).errors() == []


def test_an_invalid_change_is_shown_with_its_location_and_cannot_be_saved(
    data: Path, password_hash: str
) -> None:
    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", PASSWORD)
    app.selectbox(key=_key("status")).set_value("on-track")
    app.text_input(key=_key("evidence_title")).input("Trust fund report")
    app.text_input(key=_key("evidence_url")).input("ftp://example.org/report")
    app = _button(app, "Preview the change").click().run()
    (error,) = [e.value for e in app.error]
    # The form's field is named, as the editor sees it; the file's own path is not.
    assert error.startswith("This change would make the file invalid, so it cannot be saved:")
    assert (
        "- Evidence link \\(https\\://\\.\\.\\.\\)\\: 'ftp\\://example\\.org/report' is not a "
        in error
    )
    assert "evidence[" not in error and "url:" not in error
    assert [c.language for c in app.code] == ["diff"]  # no clipped code block of problems
    assert not any(b.label == "Save" for b in app.button)


def test_the_form_records_the_source_internal_evidence_and_the_dates_of_each_item(
    data: Path, password_hash: str
) -> None:
    """What the format holds, the form records (issue 13, item 6); internal is marked."""
    import datetime

    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", PASSWORD)
    app.selectbox(key=_key("status")).set_value("on-track")
    app.date_input(key=_key("date")).set_value(datetime.date(2026, 11, 2))
    app.text_input(key=_key("source")).input("Ministry of Defence report, 2026-10-30")
    app.number_input(key=_key("measurement")).set_value(250.0)
    app.date_input(key=_key("measurement_date")).set_value(datetime.date(2026, 9, 30))
    app.text_input(key=_key("evidence_title")).input("Depot inspection notes")
    app.date_input(key=_key("evidence_date")).set_value(datetime.date(2026, 10, 15))
    app.checkbox(key=_key("evidence_internal")).check()
    app = _button(app, "Preview the change").click().run()
    assert not app.exception and not app.error
    # The preview says the item is internal before anything is saved.
    assert any("Internal evidence" in i.value and "Depot inspection notes" in i.value
               for i in app.info)  # fmt: skip
    assert "access: internal" in app.code[0].value
    app = _button(app, "Save").click().run()
    assert not app.exception and not app.error
    objective = load_portfolio(data).objective(OBJECTIVE)
    assert objective is not None
    assert objective.updates[-1].source == "Ministry of Defence report, 2026-10-30"
    assert objective.updates[-1].date == datetime.date(2026, 11, 2)
    evidence = objective.evidence[-1]
    assert (evidence.access, evidence.url, evidence.date) == (
        "internal",
        None,
        datetime.date(2026, 10, 15),
    )
    measurement = objective.metric.measurements[-1]  # type: ignore[union-attr]
    assert (measurement.date, measurement.value) == (datetime.date(2026, 9, 30), 250)


def test_public_evidence_without_a_link_is_refused_before_the_preview(
    data: Path, password_hash: str
) -> None:
    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", PASSWORD)
    app.text_input(key=_key("evidence_title")).input("A public report")
    app = _button(app, "Preview the change").click().run()
    assert any("Public evidence needs a link" in e.value for e in app.error)
    assert not any(b.label == "Save" for b in app.button)


def test_an_editor_from_single_sign_on_needs_no_password(data: Path) -> None:
    secrets = {
        "auth": {"redirect_uri": "http://localhost:8501/oauth2callback"},
        "editing": {"enabled": True, "oidc": {"emails": ["ana@example.gov.rs"]}},
    }
    app = AppTest.from_function(
        _page, kwargs={"objective_id": OBJECTIVE, "data": str(data)}, default_timeout=TIMEOUT
    )
    for section, values in secrets.items():
        app.secrets[section] = values
    app.user = {"is_logged_in": True, "email": "ana@example.gov.rs", "name": "Ana Petrovic"}
    app.run()
    assert not app.exception
    assert app.selectbox(key=_key("status")).value == "not-assessed"
    assert not any(t.label == "Password" for t in app.text_input)
    app.user = {"is_logged_in": True, "email": "visitor@example.org", "name": "Visitor"}
    app.run()
    assert not app.selectbox
    assert any("not on the editors' list" in i.value for i in app.info)


def _real_detail_page(
    tmp_path: Path, password_hash: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[AppTest, Path]:
    """The whole app on a copy of the shipped data, editing on, showing ipap1-ammo's page."""
    data = tmp_path / "commitments"
    shutil.copytree(PROJECT / "commitments", data, ignore=shutil.ignore_patterns(".*"))
    monkeypatch.setenv("IPAP_DATA", str(data))
    app = AppTest.from_file(str(PROJECT / "app.py"), default_timeout=120)
    app.secrets["editing"] = _editing(password_hash)["editing"]
    app.run()
    app.switch_page("components/pages/objective.py")
    app.query_params["objective"] = "ipap1-ammo"
    app.run()
    return app, data


def test_through_the_real_detail_page_an_editor_saves_and_the_page_updates(
    tmp_path: Path, password_hash: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, _ = _real_detail_page(tmp_path, password_hash, monkeypatch)
    assert not app.exception, [e.value for e in app.exception]
    app = _sign_in(app, "Ana Petrovic", PASSWORD)
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Status"] == "Not assessed"
    app.selectbox(key="ipap_update_ipap1-ammo_status").set_value("on-track")
    app.number_input(key="ipap_update_ipap1-ammo_measurement").set_value(150.0)
    app = _button(app, "Preview the change").click().run()
    assert "+        - {date: " in app.code[0].value
    app = _button(app, "Save").click().run()
    assert not app.exception, [e.value for e in app.exception]
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Status"] == "On track"
    assert metrics["Progress"] == "8%"  # 150 of 2,000 tonnes, from the new measurement


def test_the_preview_says_which_untouched_lines_a_save_writes_out(
    data: Path, password_hash: str
) -> None:
    """A title another tool wrote as an escape is written out by the save: the form says so."""
    path = data / "alpha.yaml"
    original = path.read_text(encoding="utf-8")
    escaped = original.replace(
        "    title: Destroy surplus ammunition", '    title: "Uni\\u0161tavanje vi\\u0161kova"', 1
    )
    assert escaped != original
    path.write_text(escaped, encoding="utf-8")
    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", PASSWORD)
    _fill(app, "First 300 tonnes destroyed")
    app = _button(app, "Preview the change").click().run()
    assert not app.exception
    line = escaped.splitlines().index('    title: "Uni\\u0161tavanje vi\\u0161kova"') + 1
    (note,) = [i.value for i in app.info if "also rewrites" in i.value]
    assert f"line {line}, which you did not change" in note
    assert '+    title: "Uništavanje viškova"' in app.code[0].value
    app = _button(app, "Save").click().run()
    assert not app.error
    objective = load_portfolio(data).objective(OBJECTIVE)
    assert objective is not None and objective.title == "Uništavanje viškova"


# Each sanity warning as the editor sees it in the preview (issue 13, item 3): the fields
# typed, a change to the fixture that sets the scene, and the words of the warning.
FORM_WARNINGS = {
    "negative": ({"status": "on-track", "measurement": -50.0}, {}, "is negative (-50 tonnes)"),
    "total-down": (
        {"status": "on-track", "measurement": 100.0},
        {
            "measurements: []   # none reported yet": (
                "measurements: [{date: 2020-01-01, value: 400}]"
            )
        },
        "the running total goes down, from 400 tonnes on 2020-01-01 to 100 tonnes",
    ),
    "completed-early": (
        {"status": "completed", "progress": 20.0},
        {},
        "status is 'Completed' (completed) but progress is 20%",
    ),
    "on-track-late": (
        {"status": "on-track", "note": "Reviewed"},
        {
            "    due: 2030-12-31\n    status: not-assessed": (
                "    due: 2020-12-31\n    status: not-assessed"
            )
        },
        "status is 'On track' (on-track) but the due date (2020-12-31) has passed",
    ),
}


@pytest.mark.parametrize("case", list(FORM_WARNINGS))
def test_the_preview_shows_each_sanity_warning_and_the_update_can_still_be_saved(
    data: Path, password_hash: str, case: str
) -> None:
    fields, edits, words = FORM_WARNINGS[case]
    path = data / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits.items():
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", PASSWORD)
    app.selectbox(key=_key("status")).set_value(fields["status"])
    if "measurement" in fields:
        app.number_input(key=_key("measurement")).set_value(fields["measurement"])
    if "progress" in fields:
        app.number_input(key=_key("progress")).set_value(fields["progress"])
    if "note" in fields:
        app.text_area(key=_key("note")).input(fields["note"])
    app = _button(app, "Preview the change").click().run()
    assert not app.exception and not app.error
    assert any(w.value.startswith("Check before saving") for w in app.warning)
    (warning,) = [w.value for w in app.warning]
    assert escape_markdown(words).lower() in warning.lower()  # a sentence in the warning
    assert "alpha\\.yaml" not in warning and "objective '" not in warning
    assert [c.language for c in app.code] == ["diff"]
    assert path.read_text(encoding="utf-8") == text  # nothing written by the preview
    app = _button(app, "Save").click().run()  # a warning never blocks the save
    assert not app.exception and not app.error
    assert _status_now(app) == f"Status now: {fields['status']}"


def test_an_update_that_says_nothing_new_is_refused_and_the_objective_stays_stale(
    data: Path, password_hash: str
) -> None:
    """Same status, no note, no source, nothing added: saving it would clear 'stale'."""
    before = (data / "alpha.yaml").read_bytes()
    app = _sign_in(_app(data, _editing(password_hash)), "Ana Petrovic", PASSWORD)
    assert app.selectbox(key=_key("status")).value == "not-assessed"
    app = _button(app, "Preview the change").click().run()
    assert not app.exception
    assert any("this update records nothing new" in e.value for e in app.error)
    assert not any(b.label == "Save" for b in app.button)
    assert (data / "alpha.yaml").read_bytes() == before
    # A note saying what was checked is something new: that is saved.
    app.text_area(key=_key("note")).input("Checked with the depot: nothing destroyed yet")
    app = _button(app, "Preview the change").click().run()
    app = _button(app, "Save").click().run()
    assert not app.exception and not app.error
    assert (data / "alpha.yaml").read_bytes() != before


def test_the_sidebar_shows_the_data_path_to_a_signed_in_editor_only(
    tmp_path: Path, password_hash: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, data = _real_detail_page(tmp_path, password_hash, monkeypatch)

    def data_line() -> str:
        return next(c.value for c in app.sidebar.caption if c.value.startswith("Data"))

    def written_in() -> str:
        (facts,) = [frame.value for frame in app.dataframe if "Value" in frame.value.columns]
        return str(facts.set_index("Field").loc["Written in", "Value"])

    assert data_line().startswith(escape_markdown("Data: commitments ·"))  # a viewer: the name
    # The objective's file likewise: from the data's name, never the server's folders.
    assert written_in().startswith("commitments/ipap1.yaml:") and str(tmp_path) not in written_in()
    app = _sign_in(app, "Ana Petrovic", PASSWORD)  # signing in reruns the page, sidebar too
    assert data_line().startswith(escape_markdown(f"Data: {data} ·"))
    assert written_in().startswith(f"{data / 'ipap1.yaml'}:")
