"""Data problems: the objectives that could not be read, then every problem as
file:line:column: message, errors apart from warnings, to fix in an editor."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from components.layout import footer, page_header
from components.sidebar import shown_path
from components.tables import MISSING
from components.view import current_view
from tracker.charts import plan_name
from tracker.i18n import format_count, t, tn
from tracker.i18n.sentence import spoken
from tracker.problems import problem_counts
from tracker.tables.notices import unreadable_of

# Problems listed line by line; past this many, the first ones and a sentence with the count.
MAX_LISTED = 200

view = current_view()
portfolio = view.data.portfolio
page_header(view, t("Data problems"))
unreadable = unreadable_of(portfolio)
# Files named as the sidebar names the data: from its own name for a viewer, whole for an editor.
shown = {
    path: shown_path(view.data, path)
    for path in {p.path for p in portfolio.problems} | {str(item.path) for item in unreadable}
}

if not portfolio.problems and not unreadable:
    st.success(
        t(
            "No problems: {files}, {objectives}, all valid.",
            files=tn("{count} file", "{count} files", len(portfolio.files)),
            objectives=tn("{count} objective", "{count} objectives", len(portfolio.objectives)),
        )
    )
    footer(view)
    st.stop()

if unreadable:
    st.subheader(
        tn(
            "{count} objective could not be read",
            "{count} objectives could not be read",
            len(unreadable),
        )
    )
    st.markdown(
        t(
            "Every figure in the app and in the meeting pack leaves these out until the file "
            "is fixed."
        )
    )
    lost = pd.DataFrame(
        {
            t("Objective"): [item.objective_id for item in unreadable],
            t("Plan"): [plan_name(item.plan_id) if item.plan_id else None for item in unreadable],
            t("Where"): [f"{shown[str(item.path)]}:{item.line}" for item in unreadable],
            t("Why"): [spoken(item.reason) for item in unreadable],
        }
    )
    st.dataframe(lost, hide_index=True, width="stretch", placeholder=MISSING)

errors, warnings = problem_counts(portfolio.problems)
problems = sorted(portfolio.problems, key=lambda p: (p.path, p.line, p.column))
if problems:
    st.subheader(t("Problems, at their lines"))
    st.markdown(
        " · ".join(
            [
                tn("{count} error", "{count} errors", errors),
                tn("{count} warning", "{count} warnings", warnings),
            ]
        )
        + ". "
        + t(
            "Errors leave objectives out of the figures; a warning is shown but never blocks "
            "anything."
        )
    )
    st.markdown(
        t(
            "Each line is `file:line:column: message`. Open the file at that line, fix it, and "
            "this page updates on the next click. `python -m tracker validate` prints the same "
            "list."
        )
    )
    # A code block shows the text exactly as written (never as markup) and copies in one click.
    # At scale, the first lines only: 3,696 warnings made one block 248,000 px tall, the count
    # by file below it out of reach.
    if len(problems) > MAX_LISTED:
        st.markdown(
            tn(
                "The first {shown} of {count} problem, in file and line order; "
                "`python -m tracker validate` lists them all, and the table below counts them "
                "by file.",
                "The first {shown} of {count} problems, in file and line order; "
                "`python -m tracker validate` lists them all, and the table below counts them "
                "by file.",
                len(problems),
                shown=format_count(MAX_LISTED),
            )
        )
    listed = [replace(problem, path=shown[problem.path]) for problem in problems[:MAX_LISTED]]
    st.code("\n".join(str(problem) for problem in listed), language=None, wrap_lines=True)

    by_file = (
        pd.Series([shown[p.path] for p in problems])
        .value_counts(sort=False)
        .rename_axis(t("File"))
        .reset_index(name=t("Problems"))
    )
    st.dataframe(by_file, hide_index=True, placeholder=MISSING)

footer(view)
