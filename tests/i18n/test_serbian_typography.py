"""Serbian text as a Serbian reader expects it written, in the catalogue and in the shipped data.

Two slips a reader sees at once and a spell checker does not: a Latin letter typed inside a
Cyrillic word ("Cрбија" with a Latin C, from a keyboard left in the wrong layout or a copy and
paste), which also breaks search and the transliteration to Latin; and English quotation
marks. Serbian quotes open low and close high, „…”, one style throughout; the English closing
mark “ is a slip (the catalogue had one, 9dbbdae; the shipped data had sixteen).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.serbian_text import mixed_words, percent_slips, quote_slips
from tests.support import SHIPPED
from tracker.i18n.catalogues import read_catalogue
from tracker.load.loader import load_portfolio
from tracker.model import translatable_fields, translation


def test_the_checks_find_what_they_look_for() -> None:
    assert mixed_words("Cрбија и НАТО") == ["Cрбија"]  # a Latin C
    assert mixed_words("Србија ({name}) и https://nato.int/сајт, `git` и НАТО") == []
    assert quote_slips("програм „Наука за мир и безбедност“") != []
    assert quote_slips("програм „Наука за мир") != []
    assert quote_slips("програм „Наука за мир и безбедност” и „Србија 2018”") == []
    assert percent_slips("72,5%") != [] and percent_slips("{percent} %") != []
    assert percent_slips("72,5\u00a0% и {percent}\u00a0%, %20, %(prog)s, %s, Напредак (%)") == []


def catalogue_texts() -> Iterator[tuple[str, str]]:
    for message in read_catalogue("sr-Cyrl"):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            yield str(message.id), text


def shipped_texts() -> Iterator[tuple[str, str]]:
    """Every Serbian text the shipped data gives: plans, areas, objectives, their updates,
    evidence and measurements, each translatable field."""
    portfolio = load_portfolio(SHIPPED, today=date(2026, 12, 1))
    items: list[tuple[str, object]] = []
    for plan in portfolio.plans.values():
        items.append((plan.id, plan))
        items.extend((f"{plan.id}/{area.id}", area) for area in plan.areas)
    for objective in portfolio.objectives:
        items.append((objective.id, objective))
        items.extend((f"{objective.id} update", update) for update in objective.updates)
        items.extend((f"{objective.id} evidence", item) for item in objective.evidence)
        if objective.metric is not None:
            measurements = objective.metric.measurements
            items.extend((f"{objective.id} measurement", m) for m in measurements)
    for where, item in items:
        for field in translatable_fields(type(item)):
            text = translation(item, field, "sr-Cyrl")  # type: ignore[arg-type]
            if text:
                yield f"{where} {field}", text


@pytest.mark.parametrize("texts", [catalogue_texts, shipped_texts], ids=["catalogue", "data"])
def test_no_latin_letter_inside_a_cyrillic_word(texts) -> None:  # type: ignore[no-untyped-def]
    found = [(where, mixed_words(text)) for where, text in texts() if mixed_words(text)]
    assert not found


@pytest.mark.parametrize("texts", [catalogue_texts, shipped_texts], ids=["catalogue", "data"])
def test_serbian_quotes_open_low_and_close_high(texts) -> None:  # type: ignore[no-untyped-def]
    found = [(where, slip) for where, text in texts() for slip in quote_slips(text)]
    assert not found


def test_the_shipped_data_has_serbian_text_to_check() -> None:
    assert len(list(shipped_texts())) > 150


def test_the_catalogue_writes_nato_in_cyrillic_and_its_bodies_in_latin() -> None:
    """НАТО in the Cyrillic catalogue (NATO once transliterated), never the Latin NATO
    or a Latin acronym spelled in Cyrillic letters (ЕАДРЦЦ, ДПРЦ)."""
    cyrillic = read_catalogue("sr-Cyrl")
    strings = [
        text
        for message in cyrillic
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
    ]
    joined = "\n".join(strings)
    assert "НАТО" in joined
    assert "NATO" not in joined
    assert "ЕАДРЦЦ" not in joined and "ДПРЦ" not in joined
    latin = "\n".join(str(m.string) for m in read_catalogue("sr-Latn") if m.id)
    assert "NATO" in latin and "НАТО" not in latin


def test_a_per_cent_sign_follows_its_figure_after_a_no_break_space() -> None:
    """„72,5 %” with U+00A0, in the catalogue, the shipped data and every share format_percent
    writes (the catalogue and the formatter had an ordinary space, so a line could end between
    them)."""
    from tracker.i18n import format_percent, using_language

    for texts in (catalogue_texts, shipped_texts):
        found = [(where, slip) for where, text in texts() for slip in percent_slips(text)]
        assert not found
    for language in ("sr-Cyrl", "sr-Latn"):
        with using_language(language):
            assert format_percent(0.725, decimals=1) == "72,5\u00a0%"
            assert percent_slips(format_percent(0.9996)) == []


@pytest.mark.parametrize("texts", [catalogue_texts, shipped_texts], ids=["catalogue", "data"])
def test_a_dash_between_words_is_the_spaced_en_dash(texts) -> None:  # type: ignore[no-untyped-def]
    """Serbian sets a dash between words as „ – ” (U+2013, spaced); the English em dash —
    came over with one message („Приказано 10 од 38 — све је на страници Циљеви”)."""
    assert not [(where, text) for where, text in texts() if "\u2014" in text]
