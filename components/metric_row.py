"""A row of metric tiles whose values are sized to their tiles: whole words, never cut.

Streamlit writes a metric's value at 36 px and lets the browser break a word that does not
fit anywhere (`overflow-wrap: break-word`): in a quarter of the page at 1280×720 the
objective's status read "Није процење / но". Here the row's values share one type size,
chosen from the longest of them, so that the longest word (and a short value, such as a
date, whole) fits its tile's width; a longer value wraps between words. The size follows the
tile (CSS container units), so a wide window keeps Streamlit's 36 px.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import streamlit as st

# The widest a character of the values' bold Source Sans runs, in em, measured with the
# browser's measureText: Cyrillic lower case 0.53-0.58 ("процењено" 0.58), dates 0.42-0.49,
# "100%" 0.61. Capitals only (0.76-0.81) would wrap between words, not break inside one.
EM_PER_CHARACTER = 0.62
# A value this short is kept on one line (a date, "Not assessed"); a longer one may wrap.
ONE_LINE_CHARACTERS = 12
# Streamlit's own size for a metric's value, the largest a value is drawn.
LARGEST = "2.25rem"


def characters_to_fit(values: Sequence[str]) -> int:
    """The most characters any value needs on one line: its longest word, or all of it when
    it is short."""
    return max(
        (
            max(
                max((len(word) for word in re.split(r"\s+", value)), default=0),
                min(len(value), ONE_LINE_CHARACTERS),
            )
            for value in values
        ),
        default=1,
    )


def row_css(key: str, values: Sequence[str]) -> str:
    """The style of the row in `st.container(key=key)`: each tile's padded box (the value's
    parent) a size container, its value
    no larger than the row's longest value allows, and words never broken."""
    width_em = round(max(characters_to_fit(values), 1) * EM_PER_CHARACTER, 2)
    scope = f".st-key-{key}"
    return (
        "<style>"
        f'{scope} [data-testid="stMetric"] > div {{ container-type: inline-size; }}'
        f'{scope} [data-testid="stMetricValue"] {{'
        f" font-size: min({LARGEST}, calc(100cqi / {width_em})) !important; }}"
        f'{scope} [data-testid="stMetricValue"] * {{ font-size: inherit !important;'
        " line-height: 1.2; overflow-wrap: normal !important; word-break: normal !important;"
        " hyphens: manual; }"
        "</style>"
    )


def metric_row(key: str, tiles: Sequence[tuple[str, str]]) -> None:
    """`tiles` ((label, value), ...) as one row of bordered metric tiles of one type size."""
    with st.container(key=key):
        st.html(row_css(key, [value for _, value in tiles]))
        for column, (label, value) in zip(st.columns(len(tiles)), tiles, strict=True):
            column.metric(label, value, border=True)
