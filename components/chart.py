"""A chart on a page, or its sentence where the figure is only a notice (nothing to draw, or
every bar alike): a sentence reads better than an empty chart-sized box.

Every chart drawn here has its figures beside it as a table that only screen readers show
(tracker.chart_text reads them from the figure, so the words and the picture agree): a chart
is a picture, and a picture alone tells a blind reader nothing.

Every chart is sent with Streamlit's chart theme already in its own layout and drawn with
`theme=None` (see `on_screen`): Streamlit's plotly element copies a themed figure once more
when it first appears, and plotly then drew every chart twice.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from components.text import escape_markdown
from tracker.chart_text import figure_table
from tracker.charts import LABEL_WIDTH, SMALL_PLOT_PIXELS, notice_text, room_after_bars
from tracker.export.plotly_words import chart_config
from tracker.i18n import t

# A page's main column at the narrowest window the app is made for (1280 px, the sidebar
# open), and the charts' body type (tracker.charts._layout).
PAGE_WIDTH = 820
BODY_PX = 14


def bar_pixels(width: int = PAGE_WIDTH, short_labels: bool = False) -> int:
    """How long the longest status bar of a chart `width` pixels wide is drawn, about: the
    width less its row labels (a plan's short name, or two lines of LABEL_WIDTH letters)
    and the counts after the bars. A segment long enough carries its own number."""
    labels = 80 if short_labels else round(LABEL_WIDTH * 0.55 * BODY_PX)
    return max(SMALL_PLOT_PIXELS, round((width - labels) * 0.6))


def fit_bars(figure: go.Figure, width: int = PAGE_WIDTH) -> go.Figure:
    """The counts written after a page's status bars end inside the chart at `width`: past
    its edge they were cut ("25 · At risk: 2 · Cancell")."""
    room_after_bars(figure, width, BODY_PX)
    return figure


# Streamlit's chart theme (st.plotly_chart's theme="streamlit") as its frontend lays it under
# every figure for this app's light theme (.streamlit/config.toml): the figure's own layout
# wins over it, as over a plotly template. Read from the drawn charts' layout.template;
# tests/app/test_chart_look.py draws figures both ways and checks the pictures are the same.
GREY = "#808495"
LINE = "#e6eaf1"
FONT = '"Source Sans", sans-serif'
STREAMLIT_LOOK: dict[str, Any] = {
    "colorway": ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d",
                 "#7defa1", "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5"],
    "font": {"color": GREY, "family": FONT, "size": 12, "weight": 400},
    "title": {
        "font": {"family": FONT, "size": 16, "color": "#1b2430"},
        "pad": {"l": 4},
        "xanchor": "left",
        "x": 0,
    },
    "legend": {
        "title": {"font": {"size": 12, "color": GREY}, "side": "top"},
        "valign": "top",
        "bordercolor": "rgba(0,0,0,0)",  # plotly.py refuses "transparent"
        "borderwidth": 0,
        "font": {"size": 12, "color": "#262730"},
    },
    "paper_bgcolor": "#ffffff",
    "plot_bgcolor": "#ffffff",
    "margin": {"pad": 8, "r": 0, "l": 0},
    "hoverlabel": {
        "bgcolor": "#ffffff",
        "bordercolor": "rgba(27, 36, 48, 0.2)",
        "font": {"color": GREY, "family": FONT, "size": 12},
    },
}  # fmt: skip
# Its tick and minor grid colours are left out: in a figure's own layout (not a template) they
# turn on ticks and minor grid lines, which its charts do not draw (no figure here asks for them).
STREAMLIT_AXES: dict[str, dict[str, Any]] = {
    "x": {
        "zerolinecolor": LINE,
        "gridcolor": LINE,
        "showgrid": False,
        "tickfont": {"color": GREY, "size": 12},
        "title": {"font": {"color": GREY, "size": 14}, "standoff": 20},
        "zeroline": False,
        "automargin": True,
        "rangeselector": {"bgcolor": "#ffffff", "bordercolor": LINE, "borderwidth": 1, "x": 0},
    },
    "y": {
        "ticklabelposition": "outside",
        "zerolinecolor": LINE,
        "title": {"font": {"color": GREY, "size": 14}, "standoff": 24},
        "tickfont": {"color": GREY, "size": 12},
        "gridcolor": LINE,
        "automargin": True,
    },
}
STREAMLIT_TRACES: dict[str, dict[str, Any]] = {"scatter": {"marker": {"line": {"width": 0}}}}


def _under(look: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """`own` laid over `look`, key by key (what a plotly template does)."""
    merged = dict(look)
    for name, value in own.items():
        below = merged.get(name)
        both = isinstance(value, dict) and isinstance(below, dict)
        merged[name] = _under(below, value) if both else value  # type: ignore[arg-type]
    return merged


def _plain(value: Any) -> Any:
    """Arrays as lists: plotly.py sends a numpy array as typed-array data, a new object on
    every copy, so plotly.js sees new data and draws the chart again."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        return {name: _plain(item) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def on_screen(figure: go.Figure) -> go.Figure:
    """`figure` as the app draws it: Streamlit's chart theme in its own layout (drawn with
    `theme=None`), no template, plain arrays, and a `datarevision` from its content.

    Streamlit's plotly element copies the figure once more when it first appears. Plotly
    compares the copy with what it drew and draws again where anything differs: a template
    (compared as an object, never equal to a copy), typed arrays, any array while the layout
    has no `datarevision`, the theme's bold title (wrapped in <b> a second time) and a `meta`
    (compared as an object too). With none of these, the copy is the same figure and plotly
    leaves the drawing as it is. The `meta` the app keeps for its own words (the rest of a
    long list, a line's note) is left out: read it from `figure`, not from what this returns."""
    layout = _plain(figure.layout.to_plotly_json())
    layout.pop("template", None)
    layout.pop("meta", None)
    title = layout.get("title") or {}
    if title.get("text"):  # Streamlit's theme writes a figure's title in bold
        layout["title"] = {**title, "text": f"<b>{title['text']}</b>"}
    layout = _under(STREAMLIT_LOOK, layout)
    for axis in {"xaxis", "yaxis", *(name for name in layout if name[1:5] == "axis")}:
        if axis[0] in STREAMLIT_AXES:
            layout[axis] = _under(STREAMLIT_AXES[axis[0]], layout.get(axis, {}))
    data = [
        _under(STREAMLIT_TRACES.get(trace.type, {}), _plain(trace.to_plotly_json()))
        for trace in figure.data
    ]
    for trace in data:
        trace.pop("meta", None)
    shown = go.Figure({"data": data, "layout": layout})
    shown.layout.template = None  # plotly.py puts its default template back
    revision = hashlib.blake2b(shown.to_json().encode(), digest_size=8).hexdigest()
    shown.layout.datarevision = revision
    return shown


def _text(value: object) -> str:
    """Data text as element content: <, > and & escaped (quotes need no escaping there)."""
    return html.escape(str(value), quote=False)


def text_alternative(figure: go.Figure, title: str, group: str = "") -> str:
    """The figure's numbers as an HTML table hidden from the eye and read by screen readers
    ("" when the figure draws nothing)."""
    table = figure_table(figure, group)
    if table is None:
        return ""
    caption = t("The chart's figures: {title}", title=title) if title else t("The chart's figures")
    head = "".join(f'<th scope="col">{_text(name)}</th>' for name in table.columns)
    rows = "".join(
        "<tr>"
        + f'<th scope="row">{_text(row[0])}</th>'
        + "".join(f"<td>{_text(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in table.rows
    )
    notes = "".join(f"<p>{_text(note)}</p>" for note in table.notes)
    return (
        '<div class="ipap-sr-only ipap-chart-text">'
        f"<table><caption>{_text(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{notes}</div>"
    )


def draw(
    figure: go.Figure, key: str, title: str, group: str = "", screen: go.Figure | None = None
) -> None:
    """A plotly chart with its text alternative right after it; `screen` is the figure made
    ready for the screen (`on_screen`) where the caller keeps one."""
    # plotly's own toolbar (zoom, pan, download) in the reader's language: its locale.
    shown = screen if screen is not None else on_screen(figure)
    st.plotly_chart(shown, key=key, config=chart_config(), theme=None)
    words = text_alternative(figure, title, group)
    if words:
        st.html(words)


def show(
    figure: go.Figure,
    key: str,
    title: str = "",
    group: str = "",
    screen: go.Figure | None = None,
) -> None:
    """Draw `figure` (with its figures in words), or write its one sentence when that is all
    it holds."""
    sentence = notice_text(figure)
    if sentence is not None:
        st.markdown(escape_markdown(sentence))
    else:
        draw(figure, key, title, group, screen)
