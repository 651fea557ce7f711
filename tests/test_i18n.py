"""The translation function: every message the code shows is in the English catalogue, and a
new language is a new catalogue file that falls back to English where it is incomplete."""

from __future__ import annotations

import ast
import json
import threading
from datetime import date
from pathlib import Path

import pytest

from tests.support import DEMO_FILE
from tracker import i18n
from tracker.i18n import placeholders, t, tn
from tracker.load.loader import load_portfolio
from tracker.model import OBJECTIVE_TYPES, RECOMMENDED_EVIDENCE_KINDS
from tracker.statuses import STATUS_LABELS
from tracker.tables.analysis import changes_since
from tracker.tables.filters import Filters
from tracker.tables.frames import build_frames

PROJECT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)


def _messages_in_code() -> dict[str, str]:
    """Every literal passed to t(...) (and both forms given to tn(...)) in the app and the
    library, with where it is."""
    files = [PROJECT / "app.py", *(PROJECT / "components").rglob("*.py")]
    files += (PROJECT / "tracker").rglob("*.py")
    found: dict[str, str] = {}
    for path in files:
        if not path.exists():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            forms = {"t": 1, "tn": 2}.get(node.func.id, 0)
            for argument in node.args[:forms]:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found[argument.value] = f"{path.relative_to(PROJECT)}:{node.lineno}"
    return found


def test_every_message_in_the_code_is_in_the_english_catalogue() -> None:
    english = i18n.catalogue("en")
    found = _messages_in_code()
    assert len(found) > 100  # the scan really sees the pages
    missing = {message: where for message, where in found.items() if message not in english}
    assert not missing, f"add these to tracker/locales/en.json: {missing}"


def test_words_the_data_uses_have_readable_english_labels() -> None:
    assert t("partnership-goal") == "Partnership goal"
    assert t("round-table") == "Round table"
    for word in (*OBJECTIVE_TYPES, *RECOMMENDED_EVIDENCE_KINDS, *STATUS_LABELS.values()):
        assert word in i18n.catalogue("en"), word


def test_every_catalogue_keeps_the_placeholders_of_each_message() -> None:
    for language in i18n.available_languages():
        for message, text in i18n.catalogue(language).items():
            assert placeholders(text) == placeholders(message), (language, message)


def test_a_count_of_one_reads_in_the_singular() -> None:
    assert tn("{count} file", "{count} files", 1) == "1 file"
    assert tn("{count} file", "{count} files", 2) == "2 files"
    assert tn("{count} file", "{count} files", 0) == "0 files"
    # The scan reads both forms of tn(...), so the catalogue check covers the singular too.
    assert "{count} file" in _messages_in_code()


def test_english_is_the_default_and_fills_placeholders() -> None:
    assert i18n.available_languages()[0] == "en"
    assert t("{count} overdue", count=3) == "3 overdue"
    assert t("A message nobody wrote down") == "A message nobody wrote down"


@pytest.fixture
def serbian_latin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partial Serbian (Latin) catalogue beside the English one, as a translator adds it."""
    locales = tmp_path / "locales"
    locales.mkdir()
    english = (i18n.LOCALES_DIR / "en.json").read_text(encoding="utf-8")
    (locales / "en.json").write_text(english, encoding="utf-8")
    partial = {
        "Overview": "Pregled",
        "{count} overdue": "{count} kasni",
        "On track": "Po planu",
        "first assessment: {status}": "prva procena: {status}",
        "status": "status",
        "all objectives": "svi ciljevi",
    }
    (locales / "sr-Latn.json").write_text(json.dumps(partial), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", locales)
    i18n.catalogue.cache_clear()
    yield
    i18n.set_language(None)
    i18n.catalogue.cache_clear()


@pytest.mark.usefixtures("serbian_latin")
def test_a_new_catalogue_is_a_new_language_with_english_where_it_is_silent() -> None:
    assert i18n.available_languages() == ["en", "sr-Latn"]
    i18n.set_language("sr-Latn")
    assert t("Overview") == "Pregled"
    assert t("{count} overdue", count=2) == "2 kasni"
    assert t("Data problems") == "Data problems"  # not translated yet: English, not a blank


@pytest.mark.usefixtures("serbian_latin")
def test_the_filter_line_and_the_changes_read_in_the_chosen_language() -> None:
    i18n.set_language("sr-Latn")
    assert Filters().describe() == "svi ciljevi"
    assert Filters(status=("on-track",)).describe() == "status: Po planu"
    frames = build_frames(load_portfolio(DEMO_FILE, today=TODAY), today=TODAY)
    details = list(changes_since(frames, date(2020, 1, 1))["detail"])
    assert "prva procena: Po planu, progress 40%: Started" in details  # the rest: English


@pytest.mark.usefixtures("serbian_latin")
def test_the_language_is_chosen_per_thread_and_by_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "sr-Latn")
    assert t("Overview") == "Pregled"
    seen: list[str] = []

    def other_session() -> None:
        i18n.set_language("en")
        seen.append(t("Overview"))

    worker = threading.Thread(target=other_session)
    worker.start()
    worker.join()
    assert seen == ["Overview"]
    assert t("Overview") == "Pregled"  # the other thread's choice did not leak here
