"""Tables of objectives that open an objective's detail page when a row is picked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import navigation
from components.column_widths import fit_widths
from components.view import OBJECTIVE_PARAM, View
from tracker.charts import plan_name
from tracker.i18n import format_percent, t, table_day_format, tp
from tracker.statuses import STATUS_COLOURS, STATUS_LABELS, STATUS_ORDER, STATUS_TEXT_COLOURS

# Colouring each status cell with a pandas Styler costs a quarter of a millisecond a row
# (five seconds at 10,000); past this size the status is a coloured label the grid draws.
MAX_STYLED_ROWS = 2000
# How much of white a light status colour is mixed with for the grid's label: the grid picks
# the label's text colour itself, and on the full amber or green it picks white (2:1).
LABEL_TINT = 0.45
# Tables grow with their rows up to this height, then scroll (Streamlit rows are 35 px).
ROW_HEIGHT = 35
MAX_TABLE_HEIGHT = 720
# A list that asks for attention is read from the top: the rest stays on the server (at 10,000
# objectives sending every overdue one made the overview 3 MB); the Objectives page has them all.
MAX_ATTENTION_ROWS = 100
# The Changes page sends a page of this many changes at a time, newest first: since the first
# plan's start 10,000 objectives have 127,000 changes (6.6 s to send); the workbook has all.
MAX_CHANGE_ROWS = 500
# The Evidence page likewise: 10,000 objectives have about 20,000 evidence links.
MAX_EVIDENCE_ROWS = 500
# The Objectives page too, sorted and searched over every objective on the server: sending
# all 10,000 rows took the app server 22 MB over its 280 MB for as long as it was sent.
MAX_OBJECTIVE_ROWS = 500
# The columns that name the objective: clicking a cell of one opens it, as a row's box does.
OPENING_COLUMNS = ("title", "objective")
# The progress bar's own label: a printf format that writes no figure (the grid's formats
# round, so 99.96 read "100 %"); the figure is a column of its own, PROGRESS_FIGURE.
BAR_ONLY = " "
PROGRESS_FIGURE = "progress_figure"
# What a cell with no value shows (an objective never updated, an update with no link). Without
# it the grid writes a grey "None" there, which reads as if something was called None.
MISSING = "—"


def _status_cell_style(label: str, statuses: dict[str, str]) -> str:
    status = statuses.get(label)
    if status is None:
        return ""
    return f"background-color: {STATUS_COLOURS[status]}; color: {STATUS_TEXT_COLOURS[status]}"


def _label_colour(status: str) -> str:
    """The grid label's colour: the status colour where white text reads on it (as
    STATUS_TEXT_COLOURS says), else a light tint of it, on which the grid writes dark text."""
    colour = STATUS_COLOURS[status]
    if STATUS_TEXT_COLOURS[status].lower() == "#ffffff":
        return colour
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    tinted = (round(part + (255 - part) * LABEL_TINT) for part in (red, green, blue))
    return "#" + "".join(f"{part:02x}" for part in tinted)


def _status_labels(table: pd.DataFrame, config: dict[str, object]) -> pd.DataFrame:
    """A large table's status as a coloured label the grid draws (no per-cell styling)."""
    labels = [t(STATUS_LABELS[status]) for status in STATUS_ORDER]
    config["status"] = st.column_config.MultiselectColumn(
        t("Status"), options=labels, color=[_label_colour(s) for s in STATUS_ORDER]
    )
    return table.assign(status=[[label] for label in table["status"].astype(str)])


def progress_figures(progress: pd.Series) -> list[str | None]:
    """Each progress (0..100) as format_percent writes every share in the tool: 99.96 is
    ">99.9%" (">99,9 %" in Serbian), never "100%"; 0.04 is "<0.1%", never "0%". None where
    there is no figure, which the grid shows as MISSING."""
    written = {value: format_percent(value / 100) for value in progress.dropna().unique()}
    return [None if pd.isna(value) else written[value] for value in progress]


def objectives_table(objectives: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The objectives with readable plan, type and status, keeping `id` for opening a row;
    beside a progress bar, its figure (progress_figures). The data's own texts (titles,
    owners, fields) come in the reader's language already: the view localizes its frames
    once (make_view), and a second pass marked an English owner twice."""
    table = objectives[[*[c for c in columns if c != "id"], "id"]].copy()
    readable = {
        "plan": plan_name,
        "type": t,
        "status": lambda status: t(STATUS_LABELS[status]),
    }
    for column, name in readable.items():
        if column in table.columns:
            values = table[column].astype(str)
            table[column] = values.map({value: name(value) for value in values.unique()})
    if "progress" in table.columns:
        where = table.columns.get_loc("progress") + 1
        table.insert(where, PROGRESS_FIGURE, progress_figures(table["progress"]))
    return table.reset_index(drop=True)


def attention_table(objectives: pd.DataFrame, columns: list[str]) -> tuple[pd.DataFrame, int]:
    """The first MAX_ATTENTION_ROWS objectives, in the order given, readable; and how many."""
    return objectives_table(objectives.head(MAX_ATTENTION_ROWS), columns), len(objectives)


def column_config() -> dict[str, object]:
    """Column titles and formats, built per run so they follow the reader's language."""
    return {
        "id": st.column_config.TextColumn(t("ID")),
        "title": st.column_config.TextColumn(t("Objective"), width="large"),
        "plan": st.column_config.TextColumn(t("Plan")),
        "area_title": st.column_config.TextColumn(t("Area")),
        "type": st.column_config.TextColumn(t("Type")),
        "owner": st.column_config.TextColumn(t("Owner")),
        "status": st.column_config.TextColumn(t("Status")),
        # The bar, sorted by the number; its figure is the next column, as format_percent
        # writes it: the grid's printf format rounded 99.96 to "100 %" and 0.04 to "0 %".
        "progress": st.column_config.ProgressColumn(
            t("Progress"), min_value=0, max_value=100, format=BAR_ONLY
        ),
        PROGRESS_FIGURE: st.column_config.TextColumn(
            tp("a table column: the progress figure beside the progress bar", "%"),
            help=t("Progress as a figure. To sort by progress, click the Progress heading."),
        ),
        "start": st.column_config.DateColumn(t("Start"), format=table_day_format()),
        "due": st.column_config.DateColumn(t("Due"), format=table_day_format()),
        "overdue": st.column_config.CheckboxColumn(t("Overdue")),
        "last_update": st.column_config.DateColumn(t("Last update"), format=table_day_format()),
        "days_since_update": st.column_config.NumberColumn(t("Days since update"), format="%d"),
        "evidence_count": st.column_config.NumberColumn(t("Evidence")),
        "date": st.column_config.DateColumn(t("Date"), format=table_day_format()),
        "change": st.column_config.TextColumn(t("Change")),
        "detail": st.column_config.TextColumn(t("What changed"), width="large"),
        "url": st.column_config.LinkColumn(t("Link"), display_text=t("Open")),
        "evidence": st.column_config.TextColumn(
            tp("a table column, one evidence item a row", "Evidence"), width="large"
        ),
        "objective": st.column_config.TextColumn(t("Objective"), width="medium"),
        "kind": st.column_config.TextColumn(t("Kind")),
        "access": st.column_config.TextColumn(t("Access")),
    }


def pick_objective(
    table: pd.DataFrame, key: str, view: View, height: int | None = None, show_id: bool = True
) -> None:
    """Show `table` (which has an `id` column); picking a row, or clicking the objective's
    title, opens that objective."""
    shown: pd.DataFrame | object = table
    config = column_config()
    fit_widths(config, table)
    if len(table) > MAX_STYLED_ROWS and "status" in table.columns:
        shown = _status_labels(table, config)
    elif len(table) > 0 and "status" in table.columns:
        statuses = {t(label): status for status, label in STATUS_LABELS.items()}
        shown = table.style.map(
            lambda label: _status_cell_style(label, statuses), subset=["status"]
        ).format(na_rep=MISSING)  # the text a styled cell sends must not read "nan" or "NaT"
    event = st.dataframe(
        shown,
        key=key,
        on_select="rerun",
        selection_mode=["single-row", "single-cell"],
        hide_index=True,
        width="stretch",
        height=height or min(ROW_HEIGHT * (len(table) + 1) + 3, MAX_TABLE_HEIGHT),
        column_config=config,
        column_order=[column for column in table.columns if show_id or column != "id"],
        placeholder=MISSING,
    )
    selection = event.selection if event is not None else {}
    rows = list(selection.get("rows", []))
    rows += [row for row, column in selection.get("cells", []) if column in OPENING_COLUMNS]
    if rows:
        objective_id = str(table.iloc[rows[0]]["id"])
        st.switch_page(
            navigation.OBJECTIVE, query_params=view.link_params(**{OBJECTIVE_PARAM: objective_id})
        )
