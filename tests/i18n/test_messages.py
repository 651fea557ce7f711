"""The catalogues: every message the code shows is in each one, with the same placeholders,
and the template is what extraction makes of the code today."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.support import DEMO_FILE
from tracker.i18n import LANGUAGES, placeholders, t, tn, tp, using_language
from tracker.i18n.__main__ import extract
from tracker.i18n.catalogues import DERIVED, TEMPLATE, po_path, read_catalogue
from tracker.i18n.words import DATA_WORDS
from tracker.load.loader import load_portfolio
from tracker.model import OBJECTIVE_TYPES, RECOMMENDED_EVIDENCE_KINDS
from tracker.statuses import STATUS_LABELS
from tracker.tables.analysis import changes_since
from tracker.tables.filters import Filters
from tracker.tables.frames import build_frames

PROJECT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


def _literal_messages_in_code() -> dict[str, str]:
    """Every literal passed to t(...), N_(...), said(...) (and both forms of tn(...) and
    said_n(...)) in the app and the library, with where it is: read with Python's own
    parser, independently of Babel."""
    files = [PROJECT / "app.py", *(PROJECT / "components").rglob("*.py")]
    files += (PROJECT / "tracker").rglob("*.py")
    found: dict[str, str] = {}
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            forms = {"t": 1, "tn": 2, "N_": 1, "said": 1, "said_n": 2}.get(node.func.id, 0)
            arguments = node.args[:forms]
            if node.func.id in ("tp", "said_p"):  # (context, message): the second
                arguments = node.args[1:2]
            for argument in arguments:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    found[argument.value] = f"{path.relative_to(PROJECT)}:{node.lineno}"
    return found


def _ids(catalogue) -> set[str]:
    found: set[str] = set()
    for message in catalogue:
        if message.id:
            found.update(message.id if isinstance(message.id, tuple) else (message.id,))
    return found


def test_every_message_in_the_code_is_in_the_template() -> None:
    found = _literal_messages_in_code()
    assert len(found) > 200  # the scan really sees the pages
    with TEMPLATE.open("rb") as source:
        template = _ids(read_po(source))
    missing = {message: where for message, where in found.items() if message not in template}
    assert not missing, f"run `python -m tracker.i18n extract` and `update`: {missing}"


def test_the_template_is_what_extraction_makes_of_the_code(tmp_path: Path) -> None:
    """A message added, changed or removed in the code without `extract` fails here."""
    fresh = tmp_path / "messages.pot"
    extract(fresh)
    with fresh.open("rb") as source:
        made = {(message.context, message.id) for message in read_po(source) if message.id}
    with TEMPLATE.open("rb") as source:
        kept = {(message.context, message.id) for message in read_po(source) if message.id}
    assert made == kept, f"run `python -m tracker.i18n extract`: {made ^ kept}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_catalogue_has_every_message_of_the_template(language: str) -> None:
    with TEMPLATE.open("rb") as source:
        template = {(message.context, message.id) for message in read_po(source) if message.id}
    catalogue = read_catalogue(language)
    present = {(message.context, message.id) for message in catalogue if message.id}
    assert template <= present, f"run `python -m tracker.i18n update`: {template - present}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    for message in read_catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(placeholders(i) for i in ids))
        for string in strings:
            if string:
                assert placeholders(string) == wanted, (language, message.id, string)


def test_sr_latn_is_derived_not_kept() -> None:
    assert set(DERIVED) == {"sr-Latn"}
    assert not po_path("sr-Latn").exists()


def test_words_the_data_uses_have_readable_english_labels() -> None:
    assert set(DATA_WORDS) == {*OBJECTIVE_TYPES, *RECOMMENDED_EVIDENCE_KINDS, "other"}
    assert t("partnership-goal") == "Partnership goal"
    assert t("round-table") == "Round table"
    with TEMPLATE.open("rb") as source:
        template = _ids(read_po(source))
    for label in STATUS_LABELS.values():
        assert label in template, label


def test_english_is_the_default_and_fills_placeholders() -> None:
    assert LANGUAGES[0] == "en"
    assert t("{count} overdue", count=3) == "3 overdue"
    assert t("A message nobody wrote down") == "A message nobody wrote down"
    assert tn("{count} file", "{count} files", 1) == "1 file"
    assert tn("{count} file", "{count} files", 2) == "2 files"
    assert tn("{count} file", "{count} files", 0) == "0 files"


def test_the_filter_line_and_the_changes_read_in_english_by_default() -> None:
    with using_language("en"):
        assert Filters().describe() == "all objectives"
        assert Filters(status=("on-track",)).describe() == "status: On track"
        frames = build_frames(load_portfolio(DEMO_FILE, today=TODAY), today=TODAY)
        details = list(changes_since(frames, date(2020, 1, 1))["detail"])
    assert "first assessment: On track, progress 40%: Started" in details


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sr-Cyrl", ["1 циљ", "2 циља", "5 циљева", "11 циљева", "21 циљ", "22 циља"]),
        ("sr-Latn", ["1 cilj", "2 cilja", "5 ciljeva", "11 ciljeva", "21 cilj", "22 cilja"]),
        ("en", ["1 objective", "2 objectives", "5 objectives", "11 objectives", "21 objectives",
                "22 objectives"]),
    ],
)  # fmt: skip
def test_plural_forms(language: str, expected: list[str]) -> None:
    with using_language(language):
        shown = [tn("{count} objective", "{count} objectives", n) for n in (1, 2, 5, 11, 21, 22)]
    assert shown == expected


def test_serbian_three_forms_of_a_sentence() -> None:
    with using_language("sr-Cyrl"):
        assert tn("{count} file", "{count} files", 21) == "21 датотека"
        assert tn("{count} file", "{count} files", 3) == "3 датотеке"
        assert tn("{count} file", "{count} files", 12) == "12 датотека"
        assert t("Overview") == "Преглед"
    with using_language("sr-Latn"):
        assert t("round-table") == "Okrugli sto"
        assert t('text: "{text}"', text="municija") == "tekst: „municija”"


@pytest.mark.parametrize("language", ["sr-Cyrl", "sr-Latn"])
def test_serbian_catalogues_translate_every_message(language: str) -> None:
    """Nothing untranslated or fuzzy: a reader in Serbian never meets a stray English line."""
    untranslated = []
    for message in read_catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings) or len(strings) not in (1, 3):
            untranslated.append(message.id)
    assert not untranslated, f"translate in sr_Cyrl/LC_MESSAGES/messages.po: {untranslated}"


def test_the_latin_catalogue_is_the_cyrillic_transliterated() -> None:
    cyrillic = {m.id: m.string for m in read_catalogue("sr-Cyrl") if m.id and not m.context}
    latin = {m.id: m.string for m in read_catalogue("sr-Latn") if m.id and not m.context}
    assert cyrillic.keys() == latin.keys()
    assert latin["Ammunition destruction"] == "Uništavanje municije"
    assert latin["Partnership goals"] == "Ciljevi partnerstva"
    assert all("ћ" not in str(string) and "љ" not in str(string) for string in latin.values())


def test_the_filter_line_reads_in_serbian() -> None:
    with using_language("sr-Cyrl"):
        assert Filters().describe() == "сви циљеви"
        assert Filters(status=("on-track",)).describe() == "статус: Према плану"


def test_a_message_in_a_context_is_its_own_entry_in_every_catalogue() -> None:
    """One English word, two Serbian words: tp() finds each context's own translation (and
    the catalogue tests above compare entries by context and message, so a context missing
    from a catalogue, untranslated or with other placeholders fails them)."""
    work, fact = "an objective's field of work", "the name column of a table of facts"
    with TEMPLATE.open("rb") as source:
        contexts = {m.context for m in read_po(source) if m.id == "Field"}
    assert {work, fact} <= contexts
    for language, expected in {
        "en": ("Field", "Field"),
        "sr-Cyrl": ("Сфера", "Податак"),
        "sr-Latn": ("Sfera", "Podatak"),
    }.items():
        with using_language(language):
            assert (tp(work, "Field"), tp(fact, "Field")) == expected


def test_every_serbian_translation_keeps_the_printf_fields_of_argparses_messages() -> None:
    """argparse fills its own messages with %-formatting (%(prog)s, %s, %r): a field lost, added
    or retyped in a translation turns a usage error into a crash. The {name} check above does
    not see these fields."""
    field = re.compile(r"%(?:\([a-z_]+\))?[srd]")
    for message in read_catalogue("sr-Cyrl"):
        if not message.id or "python-format" not in message.flags:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if placeholders(ids[0]):  # a {name} message that only looks like %-formatting
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert sorted(field.findall(text)) == sorted(field.findall(ids[0])), (ids[0], text)


@pytest.mark.parametrize(
    "path",
    sorted(PROJECT.glob("tracker/i18n/locales/**/*.po*")),
    ids=lambda path: str(path.relative_to(PROJECT)),
)
def test_every_catalogue_file_is_well_formed(path: Path) -> None:
    """A hand-merged entry that lost its msgstr line is read by Babel with only a printed
    warning, and the message then falls out of that catalogue: refuse it here."""
    with path.open("rb") as source:
        read_po(source, abort_invalid=True)
