"""The app's Import updates page (AppTest): absent for viewers; an editor uploads a filled
workbook, sees each row's result and the change, and saves all of it."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from components.language import LANGUAGE_KEY
from tests.sheets.filling import FilledWorkbook
from tests.support import APP, TIMEOUT, CliResult
from tracker.edit import auth
from tracker.i18n import t, tn, using_language
from tracker.load.loader import load_portfolio

PAGE = str(Path(APP).parent / "components" / "pages" / "import_updates.py")
PASSWORD = "correct horse battery"
CYRILLIC = re.compile("[\u0400-\u04ff]")


def _app(monkeypatch: pytest.MonkeyPatch, data: Path, secrets: dict[str, Any] | None) -> AppTest:
    monkeypatch.setenv("IPAP_DATA", str(data))
    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for section, values in (secrets or {}).items():
        app.secrets[section] = values
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _button(app: AppTest, label: str) -> Any:
    return next(button for button in app.button if button.label == label)


def test_a_viewer_has_no_import_page(monkeypatch: pytest.MonkeyPatch, shipped_copy: Path) -> None:
    for secrets in (None, {"editing": {"enabled": False}}):
        app = _app(monkeypatch, shipped_copy, secrets)
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(PAGE)


def test_an_editor_imports_a_filled_workbook(
    monkeypatch: pytest.MonkeyPatch,
    shipped_copy: Path,
    tmp_path: Path,
    run_cli: Callable[..., CliResult],
) -> None:
    workbook = tmp_path / "w.xlsx"
    assert run_cli("workbook", "-o", str(workbook), "--data", str(shipped_copy)).code == 0
    sheet = FilledWorkbook(workbook)
    ammo = sheet.fill(
        "ipap1-ammo",
        new_status="At risk",
        new_progress="10%",
        note="Delays at the depot",
        measurement=-50,  # a sanity warning: shown at its cell, never blocking
    )
    bad = sheet.fill("ipap2-sps", new_progress=130)
    secrets = {
        "editing": {"enabled": True, "editors": {"Ana Petrovic": auth.hash_password(PASSWORD)}}
    }
    app = _app(monkeypatch, shipped_copy, secrets)
    app.switch_page(PAGE).run()
    assert app.title[0].value == "Import updates"
    assert not app.file_uploader  # only after signing in
    _sign_in(app)
    assert not app.exception, [e.value for e in app.exception]

    app.file_uploader[0].set_value(("w.xlsx", sheet.content(), "application/octet-stream")).run()
    assert not app.exception, [e.value for e in app.exception]
    assert "1 row to fix" in app.error[0].value
    problems = app.dataframe[0].value
    assert list(problems["Cell"]) == [
        f"Updates!{sheet.letter('measurement')}{ammo}",
        f"Updates!{sheet.letter('new_progress')}{bad}",
    ]
    assert list(problems["Result"]) == ["warning", "refused"]
    assert "is negative (-50 tonnes)" in problems["Message"][0]
    assert not any(b.label.startswith("Save") for b in app.button)

    sheet.put(bad, new_progress=30)
    app.file_uploader[0].set_value(("w.xlsx", sheet.content(), "application/octet-stream")).run()
    assert not app.error
    assert list(app.dataframe[0].value["Result"]) == ["warning"]
    diffs = "\n".join(str(code.value) for code in app.code)
    assert "+    status: at-risk" in diffs and "+    progress: 30" in diffs
    _button(app, "Save 2 updates").click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("Imported 2 updates into" in s.value for s in app.success)
    portfolio = load_portfolio(shipped_copy)
    ammo = portfolio.objective("ipap1-ammo")
    assert ammo is not None and ammo.status == "at-risk" and ammo.progress == 10
    assert ammo.updates[-1].by == "Ana Petrovic"
    assert portfolio.objective("ipap2-sps").progress == 30  # type: ignore[union-attr]


def test_a_file_that_is_not_a_workbook_or_too_large_gets_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, shipped_copy: Path
) -> None:
    secrets = {
        "editing": {"enabled": True, "editors": {"Ana Petrovic": auth.hash_password(PASSWORD)}}
    }
    app = _app(monkeypatch, shipped_copy, secrets)
    app.switch_page(PAGE).run()
    _sign_in(app)
    before = {p.name: p.read_bytes() for p in shipped_copy.glob("*.yaml")}

    page = b"<html><body>not a workbook</body></html>"
    app.file_uploader[0].set_value(("page.xlsx", page, "application/octet-stream")).run()
    assert not app.exception, [e.value for e in app.exception]
    assert "the file cannot be imported" in app.error[0].value
    messages = list(app.dataframe[0].value["Message"])
    assert any("this is not an Excel workbook (.xlsx) the tracker can read" in m for m in messages)
    assert not any(b.label.startswith("Save") for b in app.button)

    big = b"id;new_status\n" + b"ipap1-ammo;On track\n" * 60_000  # over the 1 MB upload limit
    app.file_uploader[0].set_value(("big.csv", big, "text/csv")).run()
    assert not app.exception, [e.value for e in app.exception]
    assert any("over 1 MB" in e.value for e in app.error)
    assert not any(b.label.startswith("Save") for b in app.button)
    assert {p.name: p.read_bytes() for p in shipped_copy.glob("*.yaml")} == before


def test_the_uploader_says_its_limit_and_types_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch, shipped_copy: Path
) -> None:
    """Streamlit's own line under the drop zone is English only ("1MB per file • XLSX,
    CSV"): the app hides it and says the limit and the types in the reader's language."""
    from components.layout import BASE_CSS

    secrets = {
        "editing": {"enabled": True, "editors": {"Ana Petrovic": auth.hash_password(PASSWORD)}}
    }
    monkeypatch.setenv("IPAP_LANG", "sr-Cyrl")
    app = _app(monkeypatch, shipped_copy, secrets)
    app.switch_page(PAGE).run()
    _sign_in(app, "Пријави се")
    assert not app.exception, [e.value for e in app.exception]
    assert app.file_uploader[0].label == "Попуњена радна свеска (.xlsx) или CSV"
    captions = [c.value for c in app.caption]
    assert any(
        "радна свеска (.xlsx) или CSV датотека од највише 1 MB" in caption for caption in captions
    ), captions
    hidden = '[data-testid="stFileUploaderDropzoneInstructions"] { display: none'
    assert hidden in BASE_CSS
    assert any(hidden in element.proto.body for element in app.get("html")), "no style sheet"


def _sign_in(app: AppTest, button: str = "Sign in") -> None:
    """Ana Petrovic signs in on the page's form (`button` in the page's language)."""
    app.text_input(key="ipap_sign_in_name").input("Ana Petrovic")
    app.text_input(key="ipap_sign_in_password").input(PASSWORD)
    _button(app, button).click().run()


def _said(language: str, message: str, **values: object) -> str:
    with using_language(language):
        return t(message, **values)


def test_the_result_of_an_import_reads_in_the_language_the_reader_switches_to(
    monkeypatch: pytest.MonkeyPatch,
    shipped_copy: Path,
    tmp_path: Path,
    run_cli: Callable[..., CliResult],
) -> None:
    """What was checked, refused and saved is kept as messages and values, and said in the
    reader's language each time the page is drawn: switching language after the check or the
    save shows the same result in the new language, never in the one it was made in."""
    workbook = tmp_path / "w.xlsx"
    assert run_cli("workbook", "-o", str(workbook), "--data", str(shipped_copy)).code == 0
    sheet = FilledWorkbook(workbook)
    sheet.fill("ipap1-ammo", new_status="At risk", measurement=-50)  # a warning, let through
    bad = sheet.fill("ipap2-sps", new_progress=130)
    secrets = {
        "editing": {"enabled": True, "editors": {"Ana Petrovic": auth.hash_password(PASSWORD)}}
    }
    app = _app(monkeypatch, shipped_copy, secrets)
    app.switch_page(PAGE).run()
    _sign_in(app)
    app.file_uploader[0].set_value(("w.xlsx", sheet.content(), "application/octet-stream")).run()
    refused = "progress is a percentage from 0 to 100, not {value}"
    assert list(app.dataframe[0].value["Message"])[1] == _said("en", refused, value="130")

    app.selectbox(key=LANGUAGE_KEY).set_value("sr-Cyrl").run()
    assert not app.exception, [e.value for e in app.exception]
    table = app.dataframe[0].value
    cyrillic = _said("sr-Cyrl", refused, value="130")
    assert cyrillic != _said("en", refused, value="130")
    assert list(table[_said("sr-Cyrl", "Result")]) == [
        _said("sr-Cyrl", "warning"),
        _said("sr-Cyrl", "refused"),
    ]
    messages = list(table[_said("sr-Cyrl", "Message")])
    assert messages[1] == cyrillic
    assert CYRILLIC.search(messages[0]) and "negative" not in messages[0], messages[0]

    app.selectbox(key=LANGUAGE_KEY).set_value("en").run()
    sheet.put(bad, new_progress=30)
    app.file_uploader[0].set_value(("w.xlsx", sheet.content(), "application/octet-stream")).run()
    _button(app, "Save 2 updates").click().run()
    assert not app.exception, [e.value for e in app.exception]
    (done,) = [s.value for s in app.success]
    assert done.startswith("Imported 2 updates into ")
    files = done.removeprefix("Imported 2 updates into ").removesuffix(".")

    for language in ("sr-Cyrl", "sr-Latn", "en"):
        app.selectbox(key=LANGUAGE_KEY).set_value(language).run()
        assert not app.exception, [e.value for e in app.exception]
        with using_language(language):
            expected = tn(
                "Imported {count} update into {files}.",
                "Imported {count} updates into {files}.",
                2,
                files=files,
            )
        assert [s.value for s in app.success] == [expected], language
        assert (language == "sr-Cyrl") == bool(CYRILLIC.search(expected)), expected


def test_a_refused_save_is_said_again_in_any_language() -> None:
    """The refusal of a save keeps its sentences: said in Serbian, then in English."""
    from tracker.edit import store
    from tracker.i18n.sentence import joined, said
    from tracker.sheets.updates import ImportRefused

    refusal = store.Conflict(
        said(
            "{file} was changed by someone else after the check, so nothing was saved: check "
            "the workbook again",
            file="a.yaml",
        )
    )
    stopped = ImportRefused(
        said(
            "row {row}: {reason}; nothing of this import was kept",
            row=3,
            reason=joined([refusal.message]),
        )
    )
    with using_language("sr-Cyrl"):
        serbian = stopped.text
    assert CYRILLIC.search(serbian) and "a.yaml" in serbian and "3" in serbian, serbian
    assert "nothing" not in serbian
    assert stopped.text == (
        "row 3: a.yaml was changed by someone else after the check, so nothing was saved: "
        "check the workbook again; nothing of this import was kept"
    )
