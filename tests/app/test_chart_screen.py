"""A figure as the app sends it to the browser (components.chart.on_screen): Streamlit's chart
theme in its own layout, and nothing in it that makes plotly draw the chart twice when
Streamlit's plotly element copies it (issue 19). tests/app/test_browser.py counts the drawings
in a real browser."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io
import plotly.tools

from components import chart


def _figure(counts: list[int]) -> go.Figure:
    figure = go.Figure(go.Bar(x=np.array(counts), y=np.array(["a", "b"]), orientation="h"))
    figure.update_layout(font={"family": "Serif", "size": 14}, xaxis={"gridcolor": "#e3e7ed"})
    return figure


def _sent(figure: go.Figure) -> dict:
    """The spec st.plotly_chart sends for `figure`, made as Streamlit makes it."""
    converted = plotly.tools.return_figure_from_figure_or_data(figure, validate_figure=True)
    return json.loads(plotly.io.to_json(converted, validate=False))


def test_the_spec_sent_has_no_template_no_typed_arrays_and_a_data_revision() -> None:
    spec = _sent(chart.on_screen(_figure([3, 4])))
    assert "template" not in spec["layout"]
    assert spec["data"][0]["x"] == [3, 4]
    assert spec["data"][0]["y"] == ["a", "b"]
    assert spec["layout"]["datarevision"]


def test_the_data_revision_follows_the_figure_content() -> None:
    first = chart.on_screen(_figure([3, 4])).layout.datarevision
    assert chart.on_screen(_figure([3, 4])).layout.datarevision == first
    assert chart.on_screen(_figure([3, 5])).layout.datarevision != first


def test_the_figure_own_layout_wins_over_streamlit_theme() -> None:
    layout = _sent(chart.on_screen(_figure([3, 4])))["layout"]
    assert layout["font"]["family"] == "Serif"
    assert layout["font"]["size"] == 14
    assert layout["xaxis"]["gridcolor"] == "#e3e7ed"
    # What the figure leaves open comes from Streamlit's theme, as theme="streamlit" drew it.
    assert layout["xaxis"]["tickfont"] == {"color": chart.GREY, "size": 12}
    assert layout["yaxis"]["automargin"] is True
    assert layout["legend"]["font"] == {"color": "#262730", "size": 12}
    assert layout["margin"]["pad"] == 8


def test_a_title_is_bold_as_streamlit_theme_wrote_it() -> None:
    figure = _figure([1, 2])
    figure.update_layout(title={"text": "Status"})
    assert chart.on_screen(figure).layout.title.text == "<b>Status</b>"
    figure.update_layout(title={"text": ""})
    assert chart.on_screen(figure).layout.title.text == ""


def test_the_original_is_not_changed_and_keeps_its_meta() -> None:
    figure = _figure([3, 4])
    figure.update_layout(meta={"rest": "and 3 more"})
    figure.data[0].meta = {"note": "a note"}
    before = figure.to_json()
    spec = _sent(chart.on_screen(figure))
    # plotly compares a meta as an object: a copy's is never the same, and it drew again.
    assert "meta" not in spec["layout"] and "meta" not in spec["data"][0]
    assert figure.to_json() == before
