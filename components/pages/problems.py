"""Data problems: every validation problem as file:line:column: message, to fix in an editor."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.layout import footer, page_header
from components.tables import MISSING
from components.view import current_view
from tracker.i18n import t, tn
from tracker.problems import problem_total

view = current_view()
portfolio = view.data.portfolio
page_header(view, t("Data problems"))

if not portfolio.problems:
    st.success(
        t(
            "No problems: {files}, {objectives}, all valid.",
            files=tn("{count} file", "{count} files", len(portfolio.files)),
            objectives=tn("{count} objective", "{count} objectives", len(portfolio.objectives)),
        )
    )
    footer(view)
    st.stop()

problems = sorted(portfolio.problems, key=lambda p: (p.path, p.line, p.column))
st.warning(
    tn(
        "{count} problem in the data. Everything valid is still shown on the other pages; "
        "an objective with a problem may be missing there until it is fixed.",
        "{count} problems in the data. Everything valid is still shown on the other pages; "
        "an objective with a problem may be missing there until it is fixed.",
        problem_total(problems),
    )
)
st.markdown(
    t(
        "Each line is `file:line:column: message`. Open the file at that line, fix it, and "
        "this page updates on the next click. `python -m tracker validate` prints the same list."
    )
)
# A code block shows the text exactly as written (never as markup) and copies in one click.
st.code("\n".join(str(problem) for problem in problems), language=None, wrap_lines=True)

by_file = (
    pd.Series([p.path for p in problems])
    .value_counts(sort=False)
    .rename_axis(t("File"))
    .reset_index(name=t("Problems"))
)
st.dataframe(by_file, hide_index=True, placeholder=MISSING)

footer(view)
