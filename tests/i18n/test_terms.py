"""One Serbian word for one thing, wherever a reader meets it: a page (of the app or of a
document) is „страница”, never „страна” (which the catalogue keeps for a side, „обе стране”);
the meeting pack's audience is its edition („Издање”, as „јавно издање” and „интерно издање”
say in every export), whose choices agree with it („Јавно”, „Интерно”, neuter)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from tracker.i18n import t, using_language

CATALOGUE = Path(__file__).parents[2] / "tracker/i18n/locales/sr_Cyrl/LC_MESSAGES/messages.po"
SIDE = re.compile(r"\b[Сс]тран(?:а|е|и|у|ом|ама)\b")


def _entries() -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    pairs = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs.append((ids, strings))
    return pairs


def test_a_page_is_always_stranica() -> None:
    wrong = [
        ids[0]
        for ids, strings in _entries()
        if any(re.search(r"\bpages?\b", english, re.IGNORECASE) for english in ids)
        and any(SIDE.search(text) for text in strings)
    ]
    assert wrong == []
    with using_language("sr-Cyrl"):
        assert t("Page {page} of {pages}", page=2, pages=9) == "Страница 2 од 9"
    with using_language("sr-Latn"):
        assert t("Page {page} of {pages}", page=2, pages=9) == "Stranica 2 od 9"


def test_the_audience_is_named_as_the_editions_are() -> None:
    with using_language("sr-Cyrl"):
        audience = t("Audience")
        assert audience == "Издање"
        for edition, choice in (
            (t("public edition"), t("Public: leave internal evidence out")),
            (t("internal edition"), t("Internal: include internal evidence")),
        ):
            adjective, noun = edition.split()
            assert noun == audience.lower()
            assert choice.startswith(adjective.capitalize() + ":")  # „Јавно:” agrees
        assert "издање" in t("Every format is made for this audience; the file name says which.")


def test_a_plan_cards_split_names_each_status_before_its_count() -> None:
    """„није процењено: 22 · завршено: 1”: a count before the status label read „22 није
    процењено” (a singular verb after 22); English keeps "22 not assessed · 1 completed"."""
    from components.plan_cards import _status_words
    from tracker.statuses import STATUS_ORDER

    counts = {status: 0 for status in STATUS_ORDER} | {"not-assessed": 22, "completed": 1}
    with using_language("sr-Cyrl"):
        assert _status_words(counts) == "није процењено: 22 · завршено: 1"
    with using_language("en"):
        assert _status_words(counts) == "22 not assessed · 1 completed"


def test_the_evidence_tiles_say_what_is_newest() -> None:
    """„Најновији доказ” (an evidence item, masculine), never a bare „Најновије”."""
    with using_language("sr-Cyrl"):
        assert t("Newest") == "Најновији доказ"
        assert t("Newest: {date}", date="d") == "Најновији доказ: d"
        assert t("Activities per quarter, by kind") == "Активности по тромесечјима и врстама"


def test_a_column_of_one_evidence_item_a_row_is_named_in_the_singular() -> None:
    """A table's column header names one row's item, „Доказ” beside „Датум”, „Врста”,
    „Веза”; the page and the count stay „Докази”."""
    from tracker.i18n import tp

    with using_language("sr-Cyrl"):
        assert tp("a table column, one evidence item a row", "Evidence") == "Доказ"
        assert t("Evidence") == "Докази"
    with using_language("en"):
        assert tp("a table column, one evidence item a row", "Evidence") == "Evidence"


def test_import_plan_lists_its_areas_without_a_case_the_count_cannot_take() -> None:
    """„…, 12 циљева, 1 област”: after „у” the count would need the locative („у 1
    области”), which a ready-made „1 област” cannot give."""
    from tracker.i18n import tn

    with using_language("sr-Cyrl"):
        said = t(
            "wrote {path}: plan {id} with {objectives} in {areas}",
            path="p.yaml",
            id="ipap3",
            objectives=tn("{count} objective", "{count} objectives", 12),
            areas=tn("{count} area", "{count} areas", 1),
        )
    assert said == "уписано p.yaml: план ipap3, 12 циљева, 1 област"


def test_to_import_is_uvoz_never_uvod() -> None:
    """Importing a workbook is „увоз”, „увезите”, „увезено”; „уводи се”, „уведите” (from
    „увести”, to introduce) read as a slip (eight messages had it)."""
    introduce = re.compile(r"\b[Уу]в(?:од|ед|еде|оди)\w*")
    wrong = [
        (ids[0], text)
        for ids, strings in _entries()
        if any(re.search(r"\bimport", english, re.IGNORECASE) for english in ids)
        for text in strings
        if introduce.search(text)
    ]
    assert wrong == []


def test_a_problem_is_a_greska() -> None:
    """The data's problems are „грешке” on every page and command (Data problems: „Грешке у
    подацима”); a help text that says „проблем” names another thing."""
    wrong = [
        (ids[0], text)
        for ids, strings in _entries()
        if any(re.search(r"\bproblems?\b", english, re.IGNORECASE) for english in ids)
        for text in strings
        if "проблем" in text.lower()
    ]
    assert wrong == []


def test_what_a_value_is_comes_in_the_readers_words_not_pythons() -> None:
    """„највиши ниво мора бити пресликавање …, а не списак”: the loader and the date check
    named what they found by its Python type („а не list”, „а не int”), English inside
    Serbian."""
    from datetime import date

    from tracker.i18n.sentence import kind_of, spoken
    from tracker.load.loader import load_text

    values = ([], {}, "x", 1, 2.5, True, date(2020, 1, 1), None)
    with using_language("sr-Cyrl"):
        said = [spoken(kind_of(value)) for value in values]
    assert said == [
        "списак",
        "пресликавање",
        "текст",
        "број",
        "број",
        "логичка вредност (true или false)",
        "датум",
        "празна вредност",
    ]
    assert str(kind_of([])) == "a list"
    (problem,) = load_text("- a\n- b\n", "plan.yaml", "plan").problems
    assert problem.message.endswith("not a list")
    with using_language("sr-Cyrl"):
        assert spoken(problem.message).endswith("а не списак")


def test_the_deck_is_a_prezentacija_and_presentation_mode_is_named_in_full() -> None:
    """The deck (.pptx) is „презентација” in every message; the app's Presentation mode is
    „режим презентације”, so „презентација” alone never means the mode (the sidebar's
    since-day caption said „Преглед, презентација и материјал за састанак”)."""
    deck, mode = [], []
    for ids, strings in _entries():
        english = " ".join(ids)
        for text in strings:
            if re.search(r"\bdeck\b", english, re.IGNORECASE) and "презентациј" not in text:
                deck.append((ids[0], text))
            if (
                re.search(r"\bpresentation\b", english, re.IGNORECASE)
                and "презентациј" in text.lower()
                and "режим презентације" not in text.lower()
            ):
                mode.append((ids[0], text))
    assert deck == [] and mode == []


# The English word (outside placeholders, `code`, 'quoted keys', "quoted values" and the
# literal names objectives[…], import-plan and the sheet Updates) and the Serbian stem every
# translation of it holds.
TERMS = {
    r"\bmeeting packs?\b": "материјал",
    r"\bevidence\b": "доказ",
    r"\bbriefings?\b": "информациј",
    r"\bdecks?\b": "презентациј",
    r"\bobjectives?\b": "циљ",
    r"\bupdates?\b": "ажурир",
    r"\bplans?\b": "план",
}
NOT_WORDS = re.compile(
    r"\{[^{}]*\}|objectives\[|`[^`]*`|'[^']*'|\"[^\"]*\"|import-plan|sheet Updates"
)


def test_each_term_is_one_serbian_word_throughout() -> None:
    """An objective is „циљ”, evidence „доказ”, an update „ажурирање”, a plan „план”, the
    meeting pack „материјал за састанак”, the briefing „информација” and the deck
    „презентација” in every message that names them."""
    wrong = [
        (term, ids[0], text)
        for ids, strings in _entries()
        for term, stem in TERMS.items()
        if any(re.search(term, NOT_WORDS.sub(" ", english), re.IGNORECASE) for english in ids)
        for text in strings
        if stem not in text.lower()
    ]
    assert wrong == []
