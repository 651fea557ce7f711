"""Search finds what a person types: any case, accent, script or number format, every word,
anywhere in the objective, whole words first (tests/data/search, made-up objectives)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.support import DASHBOARD, SEARCH
from tracker.load.loader import load_portfolio
from tracker.tables.audience import PUBLIC
from tracker.tables.filters import Filters, apply_filters
from tracker.tables.frames import build_frames
from tracker.tables.search import SearchIndex, fold, query_words, ranked, word_stem

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def portfolio():
    return load_portfolio(SEARCH, today=TODAY)


@pytest.fixture(scope="module")
def index(portfolio) -> SearchIndex:
    return SearchIndex.of_portfolio(portfolio)


def found(index: SearchIndex, query: str, audience: str = "internal") -> set[str]:
    return set(index.scores(query, audience).index)


CACAK = {"sp1-cacak-overhaul", "sp1-storage"}


@pytest.mark.parametrize("query", ["cacak", "CACAK", "Čačak", "čačak", "Cačak", "Чачак", "чачак"])
def test_cacak_is_found_however_it_is_typed(index: SearchIndex, query: str) -> None:
    # sp1-storage says "Чачак" only in its Cyrillic translation: Latin finds it too.
    assert found(index, query) == CACAK


def test_diacritics_fold_to_the_letters_people_type() -> None:
    assert fold("Čačak Ćuprija Šabac Žabalj Đurđevo") == "cacak cuprija sabac zabalj djurdjevo"
    assert fold("Џеп ЉУБЉАНА") == "dzep ljubljana"


@pytest.mark.parametrize("query", ["Djurdjevo", "durdevo", "Đurđevo", "Ђурђево"])
def test_dj_is_found_written_either_way(index: SearchIndex, query: str) -> None:
    assert found(index, query) == {"sp1-nis-training"}  # in an internal evidence title


def test_a_cyrillic_query_finds_latin_text_and_back(index: SearchIndex) -> None:
    cyrillic = index.scores("Ниш")  # the title says "Niš" ("Ministry" holds "nis" too)
    assert cyrillic.idxmax() == "sp1-nis-training"
    assert found(index, "ужице") == {"sp1-nis-training"}  # an evidence title says "Užice"
    assert found(index, "bezbedno skladistenje") == {"sp1-storage"}  # Cyrillic title
    assert found(index, "вишак") == CACAK  # the area's Cyrillic title


def test_every_word_must_be_there_in_any_field(index: SearchIndex) -> None:
    assert found(index, "surplus cacak") == CACAK  # description + title, or area + translation
    assert found(index, "ammunition uzice") == set()  # no objective has both
    assert found(index, "demolition crews") == {"sp1-cacak-overhaul"}  # only in a note
    assert found(index, "training interior") == {"sp1-nis-training", "sp1-ministry-plan"}
    assert found(index, "round table") == {"sp1-nis-training"}  # evidence title
    assert found(index, "crews demolition") == {"sp1-cacak-overhaul"}  # any order


@pytest.mark.parametrize("query", ["2000 tonnes", "2,000 tonnes", "2.000 tonnes", "2 000"])
def test_numbers_match_with_or_without_separators(index: SearchIndex, query: str) -> None:
    assert found(index, query) == {"sp1-cacak-overhaul"}


def test_a_plain_space_is_no_thousands_separator() -> None:
    assert fold("in 2019 300 tonnes") == "in 2019 300 tonnes"
    assert fold("2,5 t and 1,000,000") == "2,5 t and 1000000"
    assert query_words("2,5 tonnes") == ["2,5", "tonnes"]


def test_whole_words_rank_before_parts_of_words(portfolio, index: SearchIndex) -> None:
    # "nis" is inside "Ministry" (three objectives' owner or title), and a whole word in
    # "Niš": the city comes first.
    scores = index.scores("Nis")
    assert set(scores.index) == {"sp1-nis-training", "sp1-cacak-overhaul", "sp1-storage",
                                 "sp1-ministry-plan"}  # fmt: skip
    objectives = build_frames(portfolio, today=TODAY).objectives
    assert ranked(objectives, scores)["id"].iloc[0] == "sp1-nis-training"


def test_the_public_never_finds_an_objective_by_its_internal_evidence(index) -> None:
    assert found(index, "Djurdjevo", PUBLIC) == set()
    assert found(index, "Užice", PUBLIC) == {"sp1-nis-training"}  # public evidence


def test_filters_use_the_index_and_keep_the_objectives_evidence(portfolio, index) -> None:
    frames = build_frames(portfolio, today=TODAY)
    shown = apply_filters(frames, Filters(text="cacak"), index)
    assert set(shown.objectives["id"]) == CACAK
    assert set(shown.updates["objective_id"]) == {"sp1-cacak-overhaul"}


def test_without_an_index_the_table_itself_is_searched_the_same_way() -> None:
    # The exports and the CLI have the frames: their search folds accents and scripts too.
    frames = build_frames(load_portfolio(SEARCH, today=TODAY), today=TODAY)
    assert set(apply_filters(frames, Filters(text="ЧАЧАК")).objectives["id"]) == {
        "sp1-cacak-overhaul"
    }  # only the title: the table holds no translation
    dashboard = build_frames(load_portfolio(DASHBOARD, today=TODAY), today=TODAY)
    assert len(apply_filters(dashboard, Filters(text="2000 tonnes")).objectives) >= 1


def test_an_empty_query_keeps_everything(index: SearchIndex) -> None:
    assert len(index.scores("  ")) == 4
    assert len(index.scores("—")) == 4  # no word in it at all


@pytest.mark.parametrize("query", ["муниција", "municija", "муницију", "складиштење"])
def test_a_word_is_found_in_its_other_case_endings(index: SearchIndex, query: str) -> None:
    # "Безбедно складиштење вишка муниције": a Serbian reader types the nominative.
    assert "sp1-storage" in found(index, query)


def test_short_words_are_looked_for_whole() -> None:
    assert word_stem("nis") == "nis" and word_stem("ipap") == "ipap"
    assert word_stem("municija") == "municij" and word_stem("tonnes") == "tonnes"
    assert word_stem("2000") == "2000"
