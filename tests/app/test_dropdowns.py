"""The open lists' widths: as wide as the longest option, and a title cannot break the rule."""

from __future__ import annotations

from components.dropdowns import dropdown_css, list_width_rem


def test_a_list_is_as_wide_as_its_longest_label() -> None:
    short = list_width_rem(["IPAP 1", "IPAP 2"])
    long = list_width_rem(["IPAP 1", "Public diplomacy, scientific cooperation (IPAP 1)"])
    assert long > short > 0
    assert list_width_rem([]) == list_width_rem([""])


def test_the_rule_names_each_list_by_its_title_and_quotes_it() -> None:
    css = dropdown_css({"Област": ["a"], 'Ow"ner</style>': ["b"]})
    assert '[aria-label="Област"]' in css
    assert "</style>" not in css.removesuffix("</style>")
    assert "Ow\\22 ner\\3c /style\\3e " in css
    assert css.count("min(") == 2
