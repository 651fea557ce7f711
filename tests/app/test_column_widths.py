"""Column widths from header and values: the header always whole, long values capped."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.column_widths import (
    FACTS_TABLE_PIXELS,
    NARROWEST,
    ONE_LINE_ROW,
    PROGRESS_WIDTH,
    WIDEST,
    WRAPPING_ROW,
    column_width,
    facts_layout,
    fit_widths,
    text_width,
)


def test_a_column_holds_its_header_and_its_longest_value_up_to_the_cap() -> None:
    assert column_width("Рок", ["6. 11. 2019."]) > column_width("Рок", ["6."])
    assert column_width("ID", []) == NARROWEST
    assert column_width("Owner", ["x" * 500]) == WIDEST
    long_header = "Days since update " * 4
    assert column_width(long_header, []) > WIDEST
    assert column_width("%", [], "progress") == PROGRESS_WIDTH


def test_widths_chosen_on_purpose_are_kept_and_the_rest_are_set() -> None:
    table = pd.DataFrame({"title": ["A long title"], "owner": ["Ministry of Defence"]})
    config = {
        "title": st.column_config.TextColumn("Objective", width="large"),
        "owner": st.column_config.TextColumn("Owner"),
        "url": st.column_config.LinkColumn("Link", display_text="Open"),
    }
    fit_widths(config, table)
    assert config["title"]["width"] == "large"
    assert config["owner"]["width"] == column_width("Owner", ["Ministry of Defence"])
    assert config["url"]["width"] is None  # not in the table


def test_a_facts_table_keeps_one_line_rows_until_a_value_needs_more() -> None:
    names, short = ["ID", "Depends on"], ["o-1", "Another objective (o-2)"]
    name_width, value_width, row = facts_layout(names, short, "Field")
    assert name_width >= text_width("Depends on", 20)
    assert name_width + value_width == FACTS_TABLE_PIXELS
    assert row == ONE_LINE_ROW
    three = ", ".join(
        f"A long objective title of some sixty characters or so (o-{n})" for n in (2, 3, 4)
    )
    _, value_width, row = facts_layout(names, ["o-1", three], "Field")
    assert row >= WRAPPING_ROW  # the grid wraps only in rows taller than 64 px
    lines = -(-text_width(three, 16) // value_width)
    assert lines >= 3 and row >= lines * 20
