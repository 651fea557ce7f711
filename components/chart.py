"""A chart on a page, or its sentence where the figure is only a notice (nothing to draw, or
every bar alike): a sentence reads better than an empty chart-sized box.

Every chart drawn here has its figures beside it as a table that only screen readers show
(tracker.chart_text reads them from the figure, so the words and the picture agree): a chart
is a picture, and a picture alone tells a blind reader nothing.
"""

from __future__ import annotations

import html

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


def draw(figure: go.Figure, key: str, title: str, group: str = "") -> None:
    """A plotly chart with its text alternative right after it."""
    # plotly's own toolbar (zoom, pan, download) in the reader's language: its locale.
    st.plotly_chart(figure, key=key, config=chart_config())
    words = text_alternative(figure, title, group)
    if words:
        st.html(words)


def show(figure: go.Figure, key: str, title: str = "", group: str = "") -> None:
    """Draw `figure` (with its figures in words), or write its one sentence when that is all
    it holds."""
    sentence = notice_text(figure)
    if sentence is not None:
        st.markdown(escape_markdown(sentence))
    else:
        draw(figure, key, title, group)
