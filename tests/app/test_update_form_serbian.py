"""The update form in Serbian (AppTest, `?lang=sr-Cyrl` / `sr-Latn`): a save refused because
the file changed on disk, or because the update records nothing new, says so in the reader's
language, with no English sentence of the catalogue left on screen."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from tests.english import english_left
from tests.support import writable_store
from tracker.edit import auth
from tracker.i18n import using_language

PROJECT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery"
OBJECTIVE = "alpha-ammo"
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# The form's buttons in each script (the catalogue's translations, transliterated for Latin).
BUTTONS = {
    "sr-Cyrl": {"sign in": "Пријави се", "preview": "Прегледај измену", "save": "Сачувај"},
    "sr-Latn": {"sign in": "Prijavi se", "preview": "Pregledaj izmenu", "save": "Sačuvaj"},
}


def _page(objective_id: str, data: str) -> None:
    """The form as the objective page shows it, in the language of the address."""
    from pathlib import Path

    from components.language import choose
    from components.update_form import update_form

    choose()
    update_form(objective_id, Path(data))


@pytest.fixture(scope="module")
def password_hash() -> str:
    return auth.hash_password(PASSWORD)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return writable_store(tmp_path)


@pytest.fixture
def reads_in() -> Iterator[Callable[[str], None]]:
    """The test's own thread reads in the session's language too: AppTest writes a chosen
    option through the widget's labels, which are made in the reader's language."""
    chosen: list[Any] = []

    def choose(language: str) -> None:
        block = using_language(language)
        block.__enter__()
        chosen.append(block)

    yield choose
    for block in reversed(chosen):
        block.__exit__(None, None, None)


def _signed_in(data: Path, password_hash: str, language: str) -> AppTest:
    app = AppTest.from_function(
        _page, kwargs={"objective_id": OBJECTIVE, "data": str(data)}, default_timeout=60
    )
    app.query_params["lang"] = language
    app.secrets["editing"] = {"enabled": True, "editors": {"Ana Petrovic": password_hash}}
    app.run()
    app.text_input(key="ipap_sign_in_name").input("Ana Petrovic")
    app.text_input(key="ipap_sign_in_password").input(PASSWORD)
    return _click(app, BUTTONS[language]["sign in"])


def _click(app: AppTest, label: str) -> AppTest:
    return next(button for button in app.button if button.label == label).click().run()


def _key(name: str) -> str:
    return f"ipap_update_{OBJECTIVE}_{name}"


def _texts(elements: Any) -> list[str]:
    return [element.value for element in elements]


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_a_save_conflict_is_told_in_serbian(
    data: Path, password_hash: str, language: str, reads_in: Callable[[str], None]
) -> None:
    reads_in(language)
    buttons = BUTTONS[language]
    app = _signed_in(data, password_hash, language)
    assert not app.exception
    app.selectbox(key=_key("status")).set_value("on-track")
    app.text_area(key=_key("note")).input("Унето у апликацији")
    app = _click(app, buttons["preview"])
    assert app.code  # the diff, and Save
    # Meanwhile someone else changes the file.
    plan = data / "alpha.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# checked\n", encoding="utf-8")
    on_disk = plan.read_bytes()
    app = _click(app, buttons["save"])
    assert not app.exception
    warnings = _texts(app.warning)
    assert len(warnings) == 1, warnings
    if language == "sr-Cyrl":
        assert "је неко други изменио после вашег прегледа" in warnings[0]
        assert "ништа није преписано" in warnings[0]
    else:
        assert "je neko drugi izmenio posle vašeg pregleda" in warnings[0]
        assert not CYRILLIC.search(warnings[0].replace("Унето у апликацији", ""))
    assert "changed by someone else" not in warnings[0]
    assert not english_left(warnings, language), warnings
    assert plan.read_bytes() == on_disk


def test_an_update_with_nothing_new_is_refused_in_serbian(
    data: Path, password_hash: str, reads_in: Callable[[str], None]
) -> None:
    reads_in("sr-Cyrl")
    app = _signed_in(data, password_hash, "sr-Cyrl")
    app = _click(app, BUTTONS["sr-Cyrl"]["preview"])
    assert not app.exception
    errors = _texts(app.error)
    assert len(errors) == 1, errors
    assert "ово ажурирање не бележи ништа ново" in errors[0]
    assert not english_left(errors, "sr-Cyrl"), errors


def test_a_problem_of_the_preview_names_the_field_in_serbian(
    data: Path, password_hash: str, reads_in: Callable[[str], None]
) -> None:
    """A located problem of the file the change would make is said in Serbian beside the
    form field's Serbian label, not in English."""
    reads_in("sr-Cyrl")
    app = _signed_in(data, password_hash, "sr-Cyrl")
    app.selectbox(key=_key("status")).set_value("on-track")
    app.text_input(key=_key("evidence_title")).input("Извештај фонда")
    app.text_input(key=_key("evidence_url")).input("ftp://example.org/report")
    app = _click(app, BUTTONS["sr-Cyrl"]["preview"])
    assert not app.exception
    errors = _texts(app.error)
    assert len(errors) == 1, errors
    assert "is not a" not in errors[0] and "evidence[" not in errors[0]
    assert not english_left(errors, "sr-Cyrl"), errors
