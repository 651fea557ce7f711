"""A metric row's type size: from its longest word, or a short value whole."""

from __future__ import annotations

from components.metric_row import ONE_LINE_CHARACTERS, characters_to_fit, row_css


def test_the_longest_word_or_a_short_value_whole_sets_the_size() -> None:
    assert characters_to_fit(["Није процењено", "—"]) == ONE_LINE_CHARACTERS
    assert characters_to_fit(["6. 11. 2019.", "никада"]) == len("6. 11. 2019.")
    assert characters_to_fit(["Ammunition destruction"]) == ONE_LINE_CHARACTERS
    assert characters_to_fit(["Counter-proliferation"]) == len("Counter-proliferation")
    assert characters_to_fit(["—"]) == 1


def test_longer_values_get_smaller_type_and_words_are_never_broken() -> None:
    short, long = row_css("tiles", ["5"]), row_css("tiles", ["Counter-proliferation"])
    assert "calc(100cqi / 0.62)" in short and "calc(100cqi / 13.02)" in long
    assert ".st-key-tiles" in long and "word-break: normal" in long
