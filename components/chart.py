"""A chart on a page, or its sentence where the figure is only a notice (nothing to draw, or
every bar alike): a sentence reads better than an empty chart-sized box."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.text import escape_markdown
from tracker.charts import notice_text


def show(figure: go.Figure, key: str) -> None:
    """Draw `figure`, or write its one sentence when that is all it holds."""
    sentence = notice_text(figure)
    if sentence is not None:
        st.markdown(escape_markdown(sentence))
    else:
        st.plotly_chart(figure, key=key)
