"""A chart's figures as a table of words and numbers: the text alternative a screen reader
reads in place of the picture (WCAG 1.1.1), in the reader's language.

The table is read from the figure itself, trace by trace, so it can never say other numbers
than the chart draws: one row per bar group (with a total for stacked bars), per objective
of a timeline, or per point of a line; the labels written on marker lines (the target, the
due date, today) as notes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go

from tracker.i18n import format_day, t
from tracker.tables.wording import quarter_name, thousands

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class FigureTable:
    """Column headers, rows of cells (all text) and notes (sentences under the table)."""

    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def plain(text: object) -> str:
    """Plotly text as a person reads it: <br> a space, tags dropped, entities decoded."""
    written = str(text).replace("<br>", " ")
    return " ".join(html.unescape(_TAG.sub("", written)).split())


def _number(value: object) -> str:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return plain(value)
    return thousands(number) if number == number else "—"


def _day(value: object) -> str:
    """A date as the reader writes it (plotly holds dates as strings, dates, pandas or numpy
    stamps)."""
    if not isinstance(value, int | float | bool) and value is not None:
        stamp = pd.to_datetime(value, errors="coerce")  # type: ignore[call-overload]
        if not pd.isna(stamp):
            return format_day(stamp.date())
    return plain(value)


def _is_number(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _values(items: object) -> list[object]:
    return [] if items is None else list(items)  # type: ignore[call-overload]


def _tick_names(axis: object) -> dict[str, str]:
    values, texts = getattr(axis, "tickvals", None), getattr(axis, "ticktext", None)
    if not values or not texts:
        return {}
    return {str(value): plain(text) for value, text in zip(values, texts, strict=False)}


def _bar_group_name(trace: go.Bar, index: int, key: object, ticks: dict[str, str]) -> str:
    """What a bar's group is called: its whole label (hover data), the axis's name for it, a
    quarter, a date, or the category itself."""
    custom = _values(trace.customdata)
    if index < len(custom) and isinstance(custom[index], str) and custom[index].strip():
        return plain(custom[index])
    if str(key) in ticks:
        return ticks[str(key)]
    if getattr(trace, "xperiod", None) == "M3":
        stamp = pd.to_datetime(key, errors="coerce")
        if not pd.isna(stamp):
            return quarter_name(f"{stamp.year} Q{stamp.quarter}")
    if isinstance(key, date | datetime | pd.Timestamp):
        return _day(key)
    return plain(key)


def _timeline(fig: go.Figure, bars: list[go.Bar]) -> FigureTable:
    """One row per objective: its title, start, due date and status, top to bottom."""
    rows: dict[str, list[str]] = {}
    for trace in bars:
        for key, custom in zip(_values(trace.y), _values(trace.customdata), strict=False):
            title, start, due = [*custom, "", "", ""][:3]
            rows[str(key)] = [plain(title), plain(start), plain(due), plain(trace.name)]
    order = [str(key) for key in _values(fig.layout.yaxis.categoryarray)] or list(rows)
    columns = [t("Objective"), t("Start"), t("Due"), t("Status")]
    return FigureTable(columns, [rows[key] for key in order if key in rows])


def _bar_table(fig: go.Figure, bars: list[go.Bar], group: str) -> FigureTable:
    """One row per group, one column per trace (status, kind), and their total."""
    horizontal = bars[0].orientation == "h"
    axis = fig.layout.yaxis if horizontal else fig.layout.xaxis
    ticks = _tick_names(axis)
    names: dict[str, str] = {}
    cells: dict[str, dict[int, float]] = {}
    for number, trace in enumerate(bars):
        keys = _values(trace.y if horizontal else trace.x)
        amounts = _values(trace.x if horizontal else trace.y)
        texts = _values(trace.text) if not isinstance(trace.text, str) else []
        for index, (key, amount) in enumerate(zip(keys, amounts, strict=False)):
            name = _bar_group_name(trace, index, key, ticks)
            if not name and index < len(texts):  # a lone bar with no group: its own words
                name = plain(texts[index])
            names.setdefault(str(key), name)
            cells.setdefault(str(key), {})[number] = float(amount or 0)
    order = [str(key) for key in _values(axis.categoryarray) if str(key) in cells] or list(cells)
    heading = plain(axis.title.text) if axis.title and axis.title.text else group
    columns = [heading or t("Group"), *(plain(trace.name) for trace in bars)]
    stacked = len(bars) > 1
    if stacked:
        columns.append(t("Total"))
    rows = []
    for key in order:
        amounts = [cells[key].get(number, 0.0) for number in range(len(bars))]
        row = [names[key], *(_number(amount) for amount in amounts)]
        rows.append([*row, _number(sum(amounts))] if stacked else row)
    return FigureTable(columns, rows)


def _line_table(fig: go.Figure, lines: list[go.Scatter]) -> FigureTable:
    """One row per point: its line (when there are several), date and value."""
    heading = fig.layout.yaxis.title.text if fig.layout.yaxis.title else None
    # A line of statuses (an objective's history) holds words, not amounts.
    words = not any(_is_number(y) for trace in lines for y in _values(trace.y))
    value = plain(heading) if heading else t("Status") if words else t("Value")
    several = len(lines) > 1
    columns = ([t("Series")] if several else []) + [t("Date"), value]
    rows = []
    for trace in lines:
        for x, y in zip(_values(trace.x), _values(trace.y), strict=False):
            row = [_day(x), _number(y)]
            rows.append([plain(trace.name), *row] if several else row)
    return FigureTable(columns, rows)


def _notes(fig: go.Figure) -> list[str]:
    """What the chart writes beside its lines (the target, the due date, today), and the
    reference lines a legend names."""
    notes = []
    for note in fig.layout.annotations or ():
        text = plain(note.text or "")
        if not text:
            continue
        day = _day(note.x) if note.x is not None and note.xref in (None, "x") else ""
        # A marker's label that does not say its date ("Today") is given it.
        notes.append(f"{text}: {day}" if day and not any(ch.isdigit() for ch in text) else text)
    for trace in fig.data:
        meta = trace.meta
        if isinstance(meta, dict) and meta.get("note"):
            notes.append(plain(meta["note"]))
    return notes


def _is_reference(trace: object) -> bool:
    meta = getattr(trace, "meta", None)
    return isinstance(meta, dict) and bool(meta.get("note"))


def figure_table(fig: go.Figure, group: str = "") -> FigureTable | None:
    """The figure's numbers as a table (`group` heads the first column of a bar chart whose
    category axis has no title: "Area", "Plan"); None for a figure that draws nothing."""
    drawn = [trace for trace in fig.data if not _is_reference(trace)]
    bars = [trace for trace in drawn if trace.type == "bar"]
    lines = [
        trace
        for trace in drawn
        if trace.type == "scatter"
        and trace.mode != "text"
        and trace.hoverinfo != "skip"
        and _values(trace.x)
    ]
    if bars and any(trace.base is not None for trace in bars):
        table = _timeline(fig, bars)
    elif bars:
        table = _bar_table(fig, bars, group)
    elif lines:
        table = _line_table(fig, lines)
    else:
        return None
    return FigureTable(table.columns, table.rows, _notes(fig))
