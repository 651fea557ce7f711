"""Plotly figures for the dashboard and the exports: tables in, a go.Figure out, no Streamlit.

Every chart follows the same rules so the screen, the slide deck and the briefing agree:
statuses always appear in STATUS_ORDER with STATUS_COLOURS and their labels (written on
the bars, so a chart reads on a grey-scale projector too); figures aggregate (one trace
per status or kind, never one per objective) so 10,000 objectives stay fast; and every
piece of text that comes from the data is escaped, because plotly reads `<b>`, `<a>` and
entities in text as markup.
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from tracker.i18n import (
    chart_day_format,
    format_count,
    format_date,
    format_day,
    month_name,
    number_separators,
    t,
    tn,
    tp,
)
from tracker.model import RECOMMENDED_EVIDENCE_KINDS
from tracker.statuses import STATUS_COLOURS, STATUS_LABELS, STATUS_ORDER, STATUS_TEXT_COLOURS
from tracker.tables.analysis import AmmunitionOutlook, status_counts
from tracker.tables.wording import labelled_count, quantity, quarter_name, thousands, unit_name
from tracker.text import plan_name as plan_name
from tracker.text import shorten as shorten_text
from tracker.text import wrap as wrap_text

# Fonts the browser already has (Streamlit bundles Source Sans): nothing is fetched.
FONT_FAMILY = '"Source Sans Pro", "Source Sans 3", "Segoe UI", "Helvetica Neue", Arial, sans-serif'
TEXT_COLOUR = "#1b2430"
MUTED_COLOUR = "#5b6675"
GRID_COLOUR = "#e3e7ed"
TODAY_COLOUR = "#b3261e"
LABEL_BACKGROUND = "rgba(255,255,255,0.85)"
TARGET_COLOUR = "#1b2430"
# Above these sizes a chart switches from one row per item to counts, so it stays readable.
MAX_GROUPS = 25
# Up to this many plans stand side by side as columns; more read better as rows.
MAX_COLUMNS = 8
MAX_TIMELINE_ROWS = 60
# The share of a status history's span left before its first point, for that point's date.
HISTORY_LEAD = 0.1
# Up to this many quarters with objectives due, each bar's quarter is named under it.
MAX_QUARTER_TICKS = 12
# Year ticks at most after those quarters, up to today (due_by_quarter).
MAX_LATER_YEARS = 6
# A due-by-quarter bar: 85 % of an average quarter (91.3 days), in the date axis's milliseconds.
QUARTER_BAR_MS = round(0.85 * 365.25 / 4 * 24 * 3600 * 1000)
LABEL_LENGTH = 48
# A row label's line, in characters: two lines of it hold every shipped area and owner.
LABEL_WIDTH = 40
# Room above the target line, so the line and the last points stand clear of the top edge.
# (The target, the due date and today are named in the legend, not written on the plot:
# written beside their lines they overprinted whenever two fell close, "Due 2021-12-31nes".)
TARGET_HEADROOM = 1.15
# Characters per line of a notice drawn in place of a chart.
NOTICE_LINE = 70
# What a status bar's label needs: a character's width at the chart's type size, and the
# plot's size on the smallest screen it is drawn on (the overview's narrower column).
CHAR_PIXELS = 7
SMALL_PLOT_PIXELS = 160
# A sentence standing in for a chart names at most this many groups.
MAX_NAMED_GROUPS = 8
# Room a figure's own title takes at the top (above the legend), in pixels.
TITLE_SPACE = 60
# One colour per recommended evidence kind, in a fixed order, so a kind keeps its colour. The
# hues (purples, teals, browns) stay clear of the status colours, which mean status only.
KIND_COLOURS: dict[str, str] = dict(
    zip(
        RECOMMENDED_EVIDENCE_KINDS,
        (
            "#5e3c99", "#1b7f8c", "#8c510a", "#d95f9e", "#7b68c8",
            "#35978f", "#bf812d", "#543005", "#3f007d", "#80cdc1",
        ),
        strict=True,
    )
)  # fmt: skip
OTHER_KIND_COLOUR = "#b0b7c3"


def plotly_text(text: object) -> str:
    """Data text escaped for plotly, which reads <b>, <br> and <a> as markup: a title like
    `<img ...>` stays text. (Exports' one-line cell text is tracker.export.text.one_line.)"""
    return html.escape(str(text), quote=False)


def shorten(text: object, length: int = LABEL_LENGTH) -> str:
    """Long titles cut at a word, so axis labels do not push charts aside. A title marked as
    English standing in for a translation keeps its mark whole: the title is cut instead."""
    written = str(text)
    mark = t("{text} (in English)", text="").strip()
    if len(written) > length and mark and written.endswith(" " + mark):
        body = written[: -len(mark) - 1]
        return shorten_text(body, max(12, length - len(mark) - 1)) + " " + mark
    return shorten_text(text, length)


def _plan_names(plans: pd.Series) -> pd.Series:
    """Short plan names for a whole column, naming each distinct plan once."""
    values = plans.astype(str)
    return values.map({plan: plan_name(plan) for plan in values.unique()})


def status_label(status: str) -> str:
    return t(STATUS_LABELS[status])


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The house style. A title, when given (exports), is pinned to the top edge with room
    below it for the legend, so a legend that wraps never runs into it; the app shows its
    titles as headings instead and passes none."""
    # No named template: copying one into every figure costs more than drawing the figure,
    # and the colours, grid and fonts below are all this house style needs.
    fig.update_layout(
        title={
            "text": plotly_text(title),
            "x": 0,
            "xanchor": "left",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 10},
            "font": {"size": 18},
        },
        height=height + (TITLE_SPACE if title else 0),
        margin={"l": 8, "r": 24, "t": TITLE_SPACE + 40 if title else 40, "b": 40},
        font={"family": FONT_FAMILY, "size": 14, "color": TEXT_COLOUR},
        legend={
            "orientation": "h",
            "yanchor": "bottom",
            "y": 1.0,
            "x": 0,
            "xanchor": "left",
            "traceorder": "normal",
            "title": {"text": ""},
        },
        hoverlabel={"font": {"family": FONT_FAMILY}},
        separators=number_separators(),
        uniformtext={"minsize": 11, "mode": "hide"},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    # "2,500" and "2.500", never "2500": plotly groups only from five digits by default.
    fig.update_xaxes(gridcolor=GRID_COLOUR, zeroline=False, separatethousands=True)
    fig.update_yaxes(gridcolor=GRID_COLOUR, zeroline=False, separatethousands=True)
    return fig


def empty_figure(message: str, title: str = "", height: int = 260) -> go.Figure:
    """A chart-sized notice, so an empty selection says why instead of drawing blank axes.
    Long sentences wrap (plotly never wraps text itself: it would run off both edges)."""
    fig = go.Figure()
    _layout(fig, title, height)
    fig.add_annotation(
        text="<br>".join(plotly_text(line) for line in textwrap.wrap(message, NOTICE_LINE) or [""]),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 16, "color": MUTED_COLOUR},
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def notice_text(fig: go.Figure) -> str | None:
    """The sentence of a figure that is only a notice (`empty_figure`), None for a chart:
    a page shows the sentence as text instead of an empty chart-sized box."""
    if fig.data or len(fig.layout.annotations) != 1:
        return None
    return html.unescape(str(fig.layout.annotations[0].text).replace("<br>", " "))


def _count_step(largest: int) -> int | None:
    """Whole-number gridlines for small counts (no '0.5 objectives'); plotly's own above."""
    return 1 if largest <= 10 else None


def _largest_groups(counts: pd.DataFrame, max_groups: int) -> tuple[pd.DataFrame, int, int]:
    """The `max_groups` largest groups in their given order, and how many groups and
    objectives are left out: those are said in words, never drawn as one giant 'Other' bar."""
    if len(counts) <= max_groups:
        return counts, 0, 0
    totals = counts.sum(axis=1).sort_values(ascending=False, kind="stable")
    kept = set(totals.index[:max_groups])
    shown = counts.loc[[group for group in counts.index if group in kept]]
    rest = counts.loc[[group for group in counts.index if group not in kept]]
    return shown, len(rest), int(rest.to_numpy().sum())


def rest_sentence(fig: go.Figure) -> str:
    """What a bar chart leaves out, in words ("" when it draws every group): the screen
    writes it under the chart, an export's figure carries it under its axis."""
    meta = fig.layout.meta
    return str(meta.get("rest", "")) if isinstance(meta, dict) else ""


def _rest_words(kind: str, groups: int, objectives: int) -> str:
    if kind == "area":
        return tn(
            "{count} smaller area is not drawn ({objectives} objectives): the Objectives "
            "page and the workbook list every area.",
            "{count} smaller areas are not drawn ({objectives} objectives in all): the "
            "Objectives page and the workbook list every area.",
            groups,
            objectives=objectives,
        )
    if kind == "owner":
        return tn(
            "{count} owner with fewer objectives is not drawn ({objectives} objectives): the "
            "Objectives page lists every owner.",
            "{count} owners with fewer objectives are not drawn ({objectives} objectives in "
            "all): the Objectives page lists every owner.",
            groups,
            objectives=objectives,
        )
    return tn(
        "{count} smaller group is not drawn ({objectives} objectives).",
        "{count} smaller groups are not drawn ({objectives} objectives in all).",
        groups,
        objectives=objectives,
    )


def axis_label(text: object, suffix: str = "", width: int = LABEL_WIDTH) -> str:
    """A row's label as plotly draws it: two lines broken between words, a longer text
    abbreviated at a whole word, `suffix` (the plan, "(3 overdue)") always kept whole."""
    return "<br>".join(plotly_text(line) for line in wrap_text(text, width, 2, suffix))


def status_bars(
    counts: pd.DataFrame,
    labels: Mapping[str, str] | None = None,
    title: str = "",
    vertical: bool = False,
    max_groups: int = MAX_GROUPS,
    suffixes: Mapping[str, str] | None = None,
    kind: str = "group",
    plot_pixels: int = SMALL_PLOT_PIXELS,
) -> go.Figure:
    """Stacked bars of objectives per status for each group (the rows of `counts`).

    `counts` is `analysis.status_counts(...)`: groups down, statuses across. `labels` names
    the groups for people (area titles, plan names); the keys stay the categories so two
    groups with the same title never merge. `suffixes` end a label and are never abbreviated
    (the plan of an area, how many of an owner's objectives are overdue); the hover shows
    the whole label. Past `max_groups` only the largest are drawn, and the figure says in
    words (`rest_sentence`) how many `kind`s ("area", "owner") and objectives it leaves out.
    `plot_pixels` is how long the longest horizontal bar may be drawn, for judging which
    segments have room for their number (a half-width column's by default).
    """
    counts = counts.reindex(columns=STATUS_ORDER, fill_value=0)
    if counts.empty or int(counts.to_numpy().sum()) == 0:
        return empty_figure(t("No objectives match the filters."), title)
    counts, left_groups, left_objectives = _largest_groups(counts, max_groups)
    keys = [str(group) for group in counts.index]
    texts = [str((labels or {}).get(key, key)) for key in keys]
    suffix_of = [(suffixes or {}).get(key, "") for key in keys]
    names = [axis_label(text, end) for text, end in zip(texts, suffix_of, strict=True)]
    whole = [
        plotly_text(f"{text} {end}".strip()) for text, end in zip(texts, suffix_of, strict=True)
    ]
    same = _all_alike(counts, texts)
    if same is not None:  # every bar alike and one colour: a sentence says all of it
        return empty_figure(same, title)
    totals = counts.sum(axis=1).to_numpy()
    widest = max(int(totals.max()), 1)
    # Per bar, the segments too thin to carry their number: named at the end of the bar, so
    # a single at-risk objective beside forty on track is still read, not only hovered.
    unlabelled: list[list[str]] = [[] for _ in keys]
    bare = [False for _ in keys]  # a lone segment with no room for its number
    segments = (counts.to_numpy() > 0).sum(axis=1)
    fig = go.Figure()
    for status in STATUS_ORDER:
        values = counts[status].to_numpy()
        if not values.any():
            continue
        name = status_label(status)
        # The label goes on the bar where it fits, the count where only a number fits; on a
        # column (narrow, tall) the label sits above the count.
        text = []
        for row, n in enumerate(values):
            fits = _room_for(n, widest, len(keys), vertical, plot_pixels)
            if n and fits(f"{name}:"):
                text.append(labelled_count(name, n, "<br>" if vertical else " "))
            elif n and fits(""):
                text.append(thousands(n))
            else:
                text.append("")
                if n and segments[row] > 1:
                    unlabelled[row].append(labelled_count(name, n))
                elif n:
                    bare[row] = True
        fig.add_trace(
            go.Bar(
                name=name,
                x=keys if vertical else values,
                y=values if vertical else keys,
                orientation="v" if vertical else "h",
                marker={"color": STATUS_COLOURS[status], "line": {"color": "white", "width": 1}},
                text=text,
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"color": STATUS_TEXT_COLOURS[status]},
                customdata=whole,
                hovertemplate=f"%{{customdata}}<br>{name}: %{{{'y' if vertical else 'x'}}}"
                "<extra></extra>",
            )
        )
    # The total ends a bar of several segments (one segment already shows its number), with
    # the thin segments' counts after it; a lone segment too thin for its number gets it here.
    ends = []
    for row, total in enumerate(totals):
        if segments[row] > 1:
            notes = "<br>".join(unlabelled[row]) if vertical else " · ".join(unlabelled[row])
            joiner = "<br>" if vertical else " · "
            ends.append(f"<b>{thousands(total)}</b>" + (joiner + notes if notes else ""))
        else:
            ends.append(f"<b>{thousands(total)}</b>" if bare[row] else "")
    fig.add_trace(
        go.Scatter(
            x=keys if vertical else totals,
            y=totals if vertical else keys,
            mode="text",
            text=ends,
            textposition="top center" if vertical else "middle right",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    noted = max((len(" · ".join(notes)) for notes in unlabelled), default=0)
    fig.update_layout(barmode="stack", bargap=0.28)
    if vertical:
        height = 420
        fig.update_xaxes(**category_axis(keys, names))
        lines = max((len(notes) for notes in unlabelled), default=0)
        fig.update_yaxes(
            title_text=t("Objectives"),
            range=[0, widest * (1.15 + 0.08 * lines)],
            dtick=_count_step(widest),
        )
    else:
        height = 110 + 38 * len(keys)
        fig.update_yaxes(**category_axis(keys, names, top_down=True))
        # Room at the right for the total and the thin segments' counts after it.
        fig.update_xaxes(
            title_text=t("Objectives"),
            range=[0, widest * (1.12 + min(0.6, 0.012 * noted))],
            dtick=_count_step(widest),
        )
    _layout(fig, title, height)
    if left_groups:
        rest = _rest_words(kind, left_groups, left_objectives)
        fig.update_layout(meta={"rest": rest})
        if title:  # an export's figure stands alone: the sentence goes under its axis
            fig.add_annotation(
                text=plotly_text(rest), x=0, y=0, xref="paper", yref="paper", yshift=-46,
                xanchor="left", yanchor="top", showarrow=False,
                font={"size": 13, "color": MUTED_COLOUR},
            )  # fmt: skip
            fig.update_layout(margin={"b": 70})
    if vertical:  # a narrow chart: the legend reads better as a column beside the bars
        fig.update_layout(
            legend={"orientation": "v", "x": 1.02, "xanchor": "left", "y": 1, "yanchor": "top"}
        )
    return fig


def _room_for(
    count: int, widest: int, groups: int, vertical: bool, plot_pixels: int = SMALL_PLOT_PIXELS
) -> Callable[[str], bool]:
    """Whether a segment of `count` has room for a label (and its number) inside, judged on
    a small chart (the overview's half-width column): plotly hides text that does not fit,
    and a hidden number is a number nobody reads, so a doubtful fit goes beside the bar."""
    share = count / max(widest, 1)
    number = len(thousands(count)) * CHAR_PIXELS + 10

    def fits(label: str) -> bool:
        # The colon after a label (3 px at the chart's type size) is counted in the letters'
        # upper estimate ("On track" is some 47 px of the 56 reckoned), not as a letter.
        chars = len(label) - label.count(":")
        if vertical:
            width = SMALL_PLOT_PIXELS / max(groups, 1) * 0.7
            height = share * SMALL_PLOT_PIXELS
            lines = 2 if label else 1
            return width >= max(chars * CHAR_PIXELS, number) and height >= 18 * lines
        length = share * plot_pixels
        return length >= (chars + 1) * CHAR_PIXELS + number if label else length >= number

    return fits


def _all_alike(counts: pd.DataFrame, names: list[str]) -> str | None:
    """A sentence for a chart that would show nothing but one number: every objective has
    the same status and every bar the same length (seven bars of "Not assessed 1" on a 0-1
    axis). None when the chart shows something."""
    used = [status for status in STATUS_ORDER if counts[status].any()]
    totals = counts.sum(axis=1)
    if len(used) != 1 or totals.nunique() != 1:
        return None
    status, each, total = status_label(used[0]), int(totals.iloc[0]), int(totals.sum())
    if len(names) == 1:
        return tn(
            "{count} objective, with the status {status}.",
            "{count} objectives, all with the status {status}.",
            total,
            status=status,
        )
    shown = [shorten(name) for name in names[:MAX_NAMED_GROUPS]]
    if len(names) > MAX_NAMED_GROUPS:
        shown.append(tn("{count} more", "{count} more", len(names) - MAX_NAMED_GROUPS))
    return tn(
        "{count} objective in each of {groups}, all with the status {status}.",
        "{count} objectives in each of {groups}, all with the status {status}.",
        each,
        groups=", ".join(shown),
        status=status,
    )


def status_by_plan(
    objectives: pd.DataFrame, title: str | None = None, plot_pixels: int = SMALL_PLOT_PIXELS
) -> go.Figure:
    """Each plan's objectives by status: plans side by side (IPAP 1 beside IPAP 2), or past
    MAX_COLUMNS plans one row each, so 25 plan names never overlap."""
    counts = status_counts(objectives, "plan")
    labels = {plan: plan_name(plan) for plan in counts.index}
    title = t("Status by plan") if title is None else title
    vertical = len(counts) <= MAX_COLUMNS
    return status_bars(counts, labels, title, vertical, kind="plan", plot_pixels=plot_pixels)


def status_by_area(
    objectives: pd.DataFrame,
    title: str | None = None,
    max_groups: int = MAX_GROUPS,
    plot_pixels: int = SMALL_PLOT_PIXELS,
) -> go.Figure:
    """Objectives by status in each area; areas of different plans get their own bar."""
    keyed = objectives.assign(
        area_key=objectives["plan"].astype(str) + "/" + objectives["area"].astype(str)
    )
    # The labels are looked up by key: one row per area gives the same pairs as every
    # objective's row (the last of each kept), without walking 10,000 rows in Python.
    areas = keyed.drop_duplicates("area_key", keep="last")
    labels = dict(zip(areas["area_key"], areas["area_title"].astype(str), strict=True))
    plans = dict(zip(areas["area_key"], "· " + _plan_names(areas["plan"]), strict=True))
    counts = status_counts(keyed, "area_key")
    title = t("Status by area") if title is None else title
    return status_bars(
        counts, labels, title, max_groups=max_groups, suffixes=plans, kind="area",
        plot_pixels=plot_pixels,
    )  # fmt: skip


def status_by_owner(
    objectives: pd.DataFrame,
    title: str | None = None,
    max_groups: int = MAX_GROUPS,
    plot_pixels: int = SMALL_PLOT_PIXELS,
) -> go.Figure:
    """Objectives by status for each ministry or institution, with how many are overdue."""
    overdue = objectives.groupby(objectives["owner"].astype(str))["overdue"].sum()
    late = {
        owner: t("({count} overdue)", count=int(count)) for owner, count in overdue.items() if count
    }
    counts = status_counts(objectives, "owner")
    title = t("Status by owner") if title is None else title
    return status_bars(
        counts, None, title, max_groups=max_groups, suffixes=late, kind="owner",
        plot_pixels=plot_pixels,
    )  # fmt: skip


def status_by_group(
    goals: pd.DataFrame, title: str | None = None, plot_pixels: int = SMALL_PLOT_PIXELS
) -> go.Figure:
    """Partnership goals by status in each field (`analysis.partnership_goals` table)."""
    counts = status_counts(goals, "group")
    title = t("Partnership goals by field") if title is None else title
    return status_bars(counts, None, title, plot_pixels=plot_pixels)


def category_axis(keys: list[str], names: list[str], *, top_down: bool = False) -> dict:
    """Axis settings that place categories by their id (unique, in the given order) and show
    their names; two areas may share a name, their ids never do."""
    axis: dict[str, object] = {
        "tickmode": "array",
        "tickvals": keys,
        "ticktext": names,
        "type": "category",
        "categoryorder": "array",
        "categoryarray": keys,
    }
    if top_down:
        axis["autorange"] = "reversed"
    return axis


def _dates_drawn(fig: go.Figure) -> list[pd.Timestamp]:
    """Every date a figure puts on its x axis: points, bar starts and ends, marker lines."""
    found: list[object] = []
    for trace in fig.data:
        base = getattr(trace, "base", None)
        if base is not None and getattr(trace, "orientation", None) == "h":
            starts = pd.to_datetime(pd.Series(list(base)), errors="coerce")
            lengths = pd.to_timedelta(pd.Series(list(trace.x or [])), unit="ms", errors="coerce")
            found.extend(starts)
            found.extend(starts + lengths)
        elif trace.x is not None:
            found.extend(pd.to_datetime(pd.Series(list(trace.x)), errors="coerce"))
    for shape in fig.layout.shapes or ():
        found.append(pd.to_datetime(shape.x0, errors="coerce"))
    return [pd.Timestamp(d) for d in found if isinstance(d, pd.Timestamp) and not pd.isna(d)]


def date_ticks(first: date, last: date) -> tuple[list[str], list[str]]:
    """Tick positions and labels for a date axis, month names in the reader's language
    (plotly.js would write them in English): months, quarters, years or every few years."""
    months = (last.year - first.year) * 12 + last.month - first.month
    step = 1 if months <= 8 else 3 if months <= 30 else 12 if months <= 96 else 24
    if step >= 12:
        years = range(first.year + (first.month > 1 or first.day > 1), last.year + 1, step // 12)
        return [f"{year}-01-01" for year in years], [str(year) for year in years]
    month = ((first.month - 1) // step) * step + 1
    year = first.year
    values, labels = [], []
    while (year, month) <= (last.year, last.month):
        if date(year, month, 1) >= first:
            values.append(f"{year}-{month:02d}-01")
            labels.append(f"{month_name(month)} {year}")
        month += step
        if month > 12:
            month -= 12
            year += 1
    return values, labels


def date_axis(fig: go.Figure) -> None:
    """The x axis holds dates, labelled in the reader's language."""
    fig.update_xaxes(type="date")
    drawn = _dates_drawn(fig)
    if not drawn:
        return
    first, last = min(drawn).date(), max(drawn).date()
    values, labels = date_ticks(first, last)
    if len(values) < 2:  # a few weeks: the first and the last day, written out
        ends = sorted({first, last})
        values = [day.isoformat() for day in ends]
        labels = [format_date(day, "medium") for day in ends]
    fig.update_xaxes(tickmode="array", tickvals=values, ticktext=labels)


def _date_marker(
    fig: go.Figure,
    when: date,
    label: str,
    line: dict[str, object],
    side: str,
    font: dict[str, object],
) -> None:
    """A vertical line on a date with its label (shape and annotation, which work on date
    axes in every plotly version). The label sits inside the plot at the top, beside its
    line, clear of the legend above: for a chart's only marker (a chart with several names
    them in its legend, `_reference_lines`)."""
    fig.add_shape(type="line", x0=when, x1=when, y0=0, y1=1, yref="paper", line=line)
    fig.add_annotation(
        x=when,
        y=1,
        yref="paper",
        text=label,
        showarrow=False,
        yanchor="top",
        xanchor=side,
        xshift=4 if side == "left" else -4,
        bgcolor=LABEL_BACKGROUND,
        font=font,
    )


def _today_line(fig: go.Figure, today: date) -> None:
    _date_marker(
        fig,
        today,
        t("Today"),
        {"color": TODAY_COLOUR, "width": 2, "dash": "dot"},
        "left",
        {"color": TODAY_COLOUR, "size": 13},
    )


def timeline_rows(height: int, type_px: int) -> int:
    """How many one-bar-per-objective rows a timeline `height` pixels tall can label legibly
    in `type_px` type (a row is one and a half lines, the axes and legend take four)."""
    return max(1, min(MAX_TIMELINE_ROWS, int((height - 4 * type_px) / (1.5 * type_px))))


def timeline(
    objectives: pd.DataFrame,
    today: date,
    title: str | None = None,
    max_rows: int = MAX_TIMELINE_ROWS,
) -> go.Figure:
    """Start-to-due bars coloured by status, with a line for today.

    Up to `max_rows` objectives get a bar each (one trace per status); a larger
    selection shows how many objectives fall due in each quarter, by status, instead.
    """
    if len(objectives) > max_rows:
        return due_by_quarter(objectives, today, title)
    title = t("Timeline: start to due") if title is None else title
    if objectives.empty:
        return empty_figure(t("No objectives match the filters."), title)
    ordered = objectives.sort_values(["start", "due", "id"], kind="stable")
    keys = ordered["id"].astype(str).tolist()
    fig = go.Figure()
    for status in STATUS_ORDER:
        chosen = ordered[ordered["status"].astype(str) == status]
        if chosen.empty:
            continue
        name = status_label(status)
        duration = (chosen["due"] - chosen["start"]).dt.total_seconds() * 1000
        fig.add_trace(
            go.Bar(
                name=name,
                base=chosen["start"].dt.strftime("%Y-%m-%d").tolist(),
                x=duration.tolist(),
                y=chosen["id"].astype(str).tolist(),
                orientation="h",
                marker={"color": STATUS_COLOURS[status]},
                customdata=list(
                    zip(
                        [plotly_text(title_) for title_ in chosen["title"]],
                        [format_day(day) for day in chosen["start"]],
                        [format_day(day) for day in chosen["due"]],
                        strict=True,
                    )
                ),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]} → %{customdata[2]}"
                f"<br>{name}<extra></extra>",
            )
        )
    names = [axis_label(title_) for title_ in ordered["title"]]
    fig.update_yaxes(**category_axis(keys, names, top_down=True))
    # Today's line before the axis is reckoned, so the ticks run to it: drawn after, the
    # shipped data's ticks stopped at 2021 while the line stood at 2026 past the last one.
    _today_line(fig, today)
    date_axis(fig)
    fig.update_layout(barmode="overlay", bargap=0.35)
    # A row as tall as its label: one line in 24 px, a title wrapped to two lines (Serbian
    # titles mostly are) in 36, else each label ran into the next one's.
    lines = max((name.count("<br>") + 1 for name in names), default=1)
    return _layout(fig, title, 120 + (24 if lines == 1 else 36) * len(keys))


def due_by_quarter(objectives: pd.DataFrame, today: date, title: str | None = None) -> go.Figure:
    """How many objectives fall due in each quarter, stacked by status: the timeline in counts."""
    title = t("Objectives by due quarter") if title is None else title
    if objectives.empty:
        return empty_figure(t("No objectives match the filters."), title)
    quarters = objectives["due"].dt.to_period("Q").dt.start_time
    # Each given as a list of one column: given bare, crosstab asks whether the dates are a
    # list of lists by turning them into Timestamps one by one (two thirds of its time).
    table = pd.crosstab([quarters], [objectives["status"].astype(str)])
    table = table.reindex(columns=STATUS_ORDER, fill_value=0).sort_index()
    names = [quarter_name(f"{day.year} Q{(day.month - 1) // 3 + 1}") for day in table.index]
    fig = go.Figure()
    for status in STATUS_ORDER:
        values = table[status].to_numpy()
        if not values.any():
            continue
        name = status_label(status)
        fig.add_trace(
            go.Bar(
                name=name,
                x=table.index,
                y=values,
                marker={"color": STATUS_COLOURS[status]},
                xperiod="M3",
                xperiodalignment="middle",
                # A quarter wide, whatever the gaps: plotly sizes bars by the nearest two, so
                # the shipped data's three quarters (2018, 2019, 2021) were drawn a year wide,
                # 2019 Q4's bar standing over the 2020 tick.
                width=QUARTER_BAR_MS,
                customdata=names,
                hovertemplate=f"%{{customdata}} · {name}: %{{y}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", bargap=0.15)
    fig.update_yaxes(title_text=t("Objectives due"))
    _today_line(fig, today)  # before the axis is reckoned, so its ticks run to today
    date_axis(fig)
    if len(table.index) <= MAX_QUARTER_TICKS:
        # A few quarters: each bar named under it ("IV / 2019."). Under year ticks at 1
        # January, 2019 Q4's bar stood over "2020" and was read as 2020.
        periods = [pd.Period(day, freq="Q") for day in table.index]
        values: list[object] = [p.start_time + (p.end_time - p.start_time) / 2 for p in periods]
        labels = quarter_ticks([f"{p.year} Q{p.quarter}" for p in periods])
        # Then the years from the one after next to today's, as date_ticks writes them: the
        # quarters alone stopped at "Q4 2021" with today's line at 2026, five years unnamed.
        years = range(periods[-1].year + 2, today.year + 1)
        step = -(-len(years) // MAX_LATER_YEARS) if years else 1
        values += [f"{year}-01-01" for year in years[::step]]
        labels += [str(year) for year in years[::step]]
        fig.update_xaxes(tickmode="array", tickvals=values, ticktext=labels, tickangle=0)
    return _layout(fig, title, 440)


def status_history(updates: pd.DataFrame, today: date, title: str = "") -> go.Figure:
    """One objective's status over time as a step line, held to today (one trace)."""
    if updates.empty:
        return empty_figure(t("No status update recorded yet."), title, height=220)
    ordered = updates.sort_values("date", kind="stable")
    statuses = ordered["status"].astype(str).tolist()
    labels = [status_label(s) for s in statuses]
    dates = ordered["date"].dt.date.tolist()
    line_x = [*dates, max(today, dates[-1])]
    line_y = [*labels, labels[-1]]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=line_x,
            y=line_y,
            mode="lines",
            line={"shape": "hv", "color": MUTED_COLOUR, "width": 2},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=dates,
            y=labels,
            mode="markers+text",
            marker={
                "size": 14,
                "color": [STATUS_COLOURS[s] for s in statuses],
                "line": {"color": "white", "width": 2},
            },
            text=[format_day(d) for d in dates],
            textposition="top center",
            hovertemplate="%{x|" + chart_day_format() + "}: %{y}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=[status_label(s) for s in STATUS_ORDER],
        range=[-0.5, len(STATUS_ORDER) - 0.5],
    )
    date_axis(fig)
    # Room before the first point for its date, written centred over it: at the plot's
    # edge the first date lost its first figure ("0. 11. 2015." for 20. 11. 2015.).
    first, last = pd.Timestamp(line_x[0]), pd.Timestamp(max(line_x[-1], today))
    span = max(last - first, pd.Timedelta(days=30))
    fig.update_xaxes(range=[first - HISTORY_LEAD * span, last + 0.07 * span])
    _today_line(fig, today)
    return _layout(fig, title, 340)


def _reference_line(
    fig: go.Figure, x: list[object], y: list[float], name: str, line: dict[str, object]
) -> None:
    """A reference line (the target, the due date, today) named in the legend: a legend
    entry never overprints another, as labels written beside close lines did. Its `meta`
    note is what a screen reader is told about it (tracker.chart_text)."""
    fig.add_trace(
        go.Scatter(
            x=x,
            y=y,
            mode="lines",
            name=name,
            line=line,
            hoverinfo="skip",
            meta={"note": name},
        )
    )


def _points(values: object) -> list[object]:
    """A trace's x values as a list (plotly keeps arrays as tuples or numpy arrays)."""
    return [] if values is None else list(values)  # type: ignore[call-overload]


def _reference_lines(
    fig: go.Figure, target: float, unit: str, due: date, today: date, top: float
) -> None:
    """The target across the chart, the due date and today from the axis to the top, each
    named in the legend with its figure or date; the axes are held to the data's range.
    `unit` is the data's ("tonnes"), so the target's figure takes the form it asks for."""
    days = [pd.Timestamp(day) for trace in fig.data for day in _points(trace.x)]
    days += [pd.Timestamp(due), pd.Timestamp(today)]
    first, last = min(days), max(days)
    target_name = t("Target: {amount}", amount=plotly_text(quantity(target, unit)))
    _reference_line(
        fig, [first, last], [target, target], target_name,
        {"color": TARGET_COLOUR, "width": 2, "dash": "dash"},
    )  # fmt: skip
    _reference_line(
        fig, [due, due], [0, top], t("Due {date}", date=format_day(due)),
        {"color": TARGET_COLOUR, "width": 1.5, "dash": "dashdot"},
    )  # fmt: skip
    _reference_line(
        fig, [today, today], [0, top], t("Today ({date})", date=format_day(today)),
        {"color": TODAY_COLOUR, "width": 2, "dash": "dot"},
    )  # fmt: skip
    fig.update_layout(showlegend=True)


def metric_progress(
    measurements: pd.DataFrame,
    target: float,
    unit: str,
    due: date,
    today: date,
    title: str = "",
) -> go.Figure:
    """Running totals against the target, with the due date, for one objective's metric.
    `unit` is the data's ("tonnes"): every figure on the chart takes its form from it."""
    if measurements.empty:
        return empty_figure(
            t("No measurement recorded yet: {amount} to go.", amount=quantity(target, unit)),
            title,
            height=220,
        )
    ordered = measurements.sort_values("date", kind="stable")
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=ordered["date"],
            y=ordered["total"],
            mode="lines+markers",
            name=t("Reached"),
            line={"color": STATUS_COLOURS["completed"], "width": 3, "shape": "hv"},
            marker={"size": 9},
            customdata=_hover_amounts(ordered["total"], unit),
            hovertemplate=_hover_template(),
        )
    )
    top = max(target, float(ordered["total"].max())) * TARGET_HEADROOM
    _reference_lines(fig, target, unit, due, today, top)
    name = plotly_text(unit_name(unit))
    fig.update_yaxes(title_text=name, rangemode="tozero", range=[0, top])
    date_axis(fig)
    return _layout(fig, title, 360)


def _hover_template() -> str:
    """A point's hover text: its date as the reader writes it, then its amount with the unit
    (the trace's customdata, from _hover_amounts)."""
    return "%{x|" + chart_day_format() + "}: %{customdata}<extra></extra>"


def _hover_amounts(values: object, unit: str) -> list[str]:
    """Each point's amount with its unit in the form that figure asks for ("2 тоне", "5
    тона"): a plotly template can format a number but cannot choose a plural form."""
    return [plotly_text(quantity(round(float(v)), unit)) for v in _points(values)]


def ammunition_progress(
    outlook: AmmunitionOutlook, measurements: pd.DataFrame, today: date, title: str = ""
) -> go.Figure:
    """Tonnes destroyed so far against the target (every objective of the programme on one
    line), the projection from the first measurement, the due date; with no measurement yet,
    one bar for the target that says nothing is measured (never "all of it remains")."""
    unit = plotly_text(unit_name(outlook.unit))
    if outlook.destroyed is None or measurements.empty:
        fig = go.Figure()
        fig.add_trace(
            go.Bar(
                y=[""],
                x=[outlook.target - outlook.baseline],
                orientation="h",
                name=t("Target"),
                marker={"color": STATUS_COLOURS["not-assessed"], "opacity": 0.35},
                text=[
                    t(
                        "Target {amount}: not measured yet",
                        amount=plotly_text(quantity(outlook.target, outlook.unit)),
                    )
                ],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"size": 18, "color": TEXT_COLOUR},
                hoverinfo="skip",
            )
        )
        fig.update_xaxes(
            range=[0, outlook.target - outlook.baseline],
            title_text=t(
                "{unit}: no amount destroyed is recorded yet, so what remains is unknown",
                unit=unit,
            ),
        )
        fig.update_yaxes(visible=False)
        fig.update_layout(showlegend=False, uniformtext={"mode": False})
        return _layout(fig, title, 200)
    ordered = measurements.sort_values("date", kind="stable")
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=ordered["date"],
            y=ordered["total"],
            mode="lines+markers",
            name=t("Destroyed (cumulative)"),
            line={"color": STATUS_COLOURS["completed"], "width": 3},
            marker={"size": 9},
            fill="tozeroy",
            fillcolor="rgba(31,95,191,0.12)",
            customdata=_hover_amounts(ordered["total"], outlook.unit),
            hovertemplate=_hover_template(),
        )
    )
    if (
        outlook.projected_completion is not None
        and outlook.as_of is not None
        and not outlook.reached
    ):
        on_course = bool(outlook.on_course)
        fig.add_trace(
            go.Scatter(
                x=[outlook.as_of, outlook.projected_completion],
                y=[outlook.destroyed, outlook.target],
                mode="lines+markers",
                name=t("At the rate so far"),
                line={
                    "color": STATUS_COLOURS["on-track" if on_course else "off-track"],
                    "width": 2,
                    "dash": "dot",
                },
                marker={"size": [0, 10]},
                customdata=_hover_amounts([outlook.destroyed, outlook.target], outlook.unit),
                hovertemplate=_hover_template(),
            )
        )
    top = max(outlook.target, float(ordered["total"].max())) * TARGET_HEADROOM
    _reference_lines(fig, outlook.target, outlook.unit, outlook.due, today, top)
    fig.update_yaxes(title_text=unit, rangemode="tozero", range=[0, top])
    date_axis(fig)
    return _layout(fig, title, 420)


def kind_colour(kind: str) -> str:
    return KIND_COLOURS.get(kind, OTHER_KIND_COLOUR)


def campaign_activity_chart(activity: pd.DataFrame, title: str = "") -> go.Figure:
    """Campaign activities per quarter, stacked by kind (`analysis.campaign_activity` table)."""
    if activity.empty:
        return empty_figure(t("No campaign activity recorded for this selection."), title)
    known = [kind for kind in RECOMMENDED_EVIDENCE_KINDS if kind in activity.columns]
    others = sorted(kind for kind in activity.columns if kind not in KIND_COLOURS)
    quarters = [quarter_name(quarter) for quarter in activity.index]
    fig = go.Figure()
    for kind in [*known, *others]:
        name = plotly_text(t(kind))
        fig.add_trace(
            go.Bar(
                name=name,
                x=quarters,
                y=activity[kind].to_numpy(),
                marker={"color": kind_colour(kind)},
                text=[format_count(n) if n else "" for n in activity[kind]],
                textposition="inside",
                hovertemplate=f"%{{x}} · {name}: %{{y}}<extra></extra>",
            )
        )
    # The legend names the kinds even when there is only one (plotly hides a lone trace's).
    fig.update_layout(barmode="stack", bargap=0.3, showlegend=True)
    fig.update_xaxes(
        type="category",
        title_text=t("Quarter"),
        tickmode="array",
        tickvals=quarters,
        ticktext=quarter_ticks([str(quarter) for quarter in activity.index]),
        tickangle=0,
    )
    tallest = int(activity.sum(axis=1).max())  # stacked: the tallest column, not one kind
    fig.update_yaxes(title_text=t("Activities"), dtick=_count_step(tallest))
    return _layout(fig, title, 400)


def _short_quarter(number: str) -> str:
    """A quarter's short name: "Q3" in English; Serbian writes a Roman numeral ("III")."""
    names = {"1": t("Q1"), "2": t("Q2"), "3": t("Q3"), "4": t("Q4")}
    return names.get(number, number)


def quarter_ticks(labels: list[str]) -> list[str]:
    """Two short lines a quarter ("Q3", the year under it only where a year starts), so a
    dozen quarters read level under their columns: the whole name ("3. тромесечје 2017.")
    slanted across the next column's, and stays in the hover."""
    ticks = []
    previous = ""
    for label in labels:
        year, _, number = label.partition(" Q")
        if not (year.isdigit() and number.isdigit()):
            ticks.append(quarter_name(label))
            continue
        short = _short_quarter(number)
        year_text = tp("a year under its quarters", "{year}", year=year)
        ticks.append(f"{short}<br>{year_text}" if year != previous else short)
        previous = year
    return ticks


def for_screen(
    fig: go.Figure, height: int = 720, type_px: int = 22, width: int | None = None
) -> go.Figure:
    """A copy that fills one wall screen or slide `height` pixels tall, its type sized from
    the screen's `type_px` (the presentation's body type): same content. Row labels shrink
    only as far as needed for every row to fit the screen; given the chart's `width`, the
    counts written after horizontal bars get the room their larger type needs."""
    big = go.Figure(fig)
    titled = bool(big.layout.title.text)
    small = max(11, round(type_px * 0.85))
    top = round(type_px * (6.5 if titled else 2.8))
    bottom = round(type_px * 2.6)
    big.update_layout(
        height=height,
        font={"size": type_px},
        title={"font": {"size": round(type_px * 1.35)}},
        legend={"font": {"size": small}},
        margin={"l": round(type_px * 0.7), "r": round(type_px * 1.4), "t": top, "b": bottom},
        uniformtext={"minsize": max(10, round(type_px * 0.7))},
    )
    big.update_annotations(font={"size": small})
    big.update_traces(textfont={"size": small}, selector={"type": "bar"})
    big.update_traces(textfont={"size": small}, selector={"type": "scatter"})
    big.update_xaxes(tickfont={"size": small}, title_font={"size": small})
    big.update_yaxes(tickfont={"size": small}, title_font={"size": small})
    rows = big.layout.yaxis.categoryarray
    if big.layout.yaxis.type == "category" and rows:
        per_row = (height - top - bottom) / len(rows)
        lines = max(_label_lines(big.layout.yaxis.ticktext or ()), 1)
        fitted = int(per_row * 0.8 / lines)
        big.update_yaxes(tickfont={"size": max(10, min(small, fitted))})
    if width:
        room_after_bars(big, width, small)
    return big


def room_after_bars(fig: go.Figure, width: int, text_px: int) -> None:
    """Widen a horizontal bar chart's value axis so the text after the longest bars (the
    total and the thin segments' counts) ends inside the chart instead of past its edge; a
    text that would take more than END_SHARE of the plot goes on two lines or more, broken
    between its counts (25 plans in Serbian: "107 · Није започето: 1 · … · Отказано: 5")."""
    ends = [trace for trace in fig.data if trace.type == "scatter" and trace.mode == "text"]
    axis = fig.layout.xaxis.range
    if not ends or not axis or fig.layout.yaxis.type != "category":
        return
    labels = fig.layout.yaxis.ticktext or ()
    label_px = max(
        (_end_pixels(line, text_px) for text in labels for line in str(text).split("<br>")),
        default=0,
    )
    plot_px = max(width - label_px - 3 * text_px, 200)
    room = END_SHARE * plot_px
    needed = float(axis[1])
    for trace in ends:
        values = () if trace.x is None else list(trace.x)
        texts = [] if trace.text is None or isinstance(trace.text, str) else list(trace.text)
        for at, (value, text) in enumerate(zip(values, texts, strict=False)):
            lines = _broken_at_counts(str(text), room, text_px)
            texts[at] = "<br>".join(lines)
            widest = max(_end_pixels(line + " ", text_px) for line in lines)
            share = min(widest / plot_px, 0.8)
            needed = max(needed, float(value) / (1 - share))
        if texts:
            trace.text = texts
    fig.update_xaxes(range=[axis[0], needed])


def _end_pixels(text: str, size: float) -> float:
    """A line's width, the larger of two estimates: the letters' own (Cyrillic is wider) and
    an even 0.55 of the type size a character, which spaces and colons run under."""
    shown = html.unescape(re.sub(r"<[^>]+>", "", text))
    return max(text_pixels(text, size), 0.55 * size * len(shown))


# The most of a bar chart's plot the text after a bar may take before it wraps.
END_SHARE = 0.55
_COUNT_JOINER = " · "


def _broken_at_counts(text: str, room: float, size: float) -> list[str]:
    """`text` as lines no wider than `room` where it can, broken only between its
    " · "-joined counts, so "Отказано: 5" never loses its number to the next line."""
    lines: list[str] = []
    for line in text.split("<br>"):
        current = ""
        for piece in line.split(_COUNT_JOINER):
            joined = f"{current}{_COUNT_JOINER}{piece}" if current else piece
            if current and _end_pixels(joined, size) > room:
                lines.append(current + " ·")
                current = piece
            else:
                current = joined
        lines.append(current)
    return lines


# Plotly sets lines of text 1.3 of the type size apart.
LINE_SPACING = 1.3
# Widths of the chart type's letters as a share of its size, an upper estimate over the
# fonts a chart may be drawn in (Source Sans where installed, DejaVu Sans where not, the
# widest): one class of letters a row, measured in Chromium.
_NARROW = frozenset("iIjlј.,:;'!|·")
_SLIM = frozenset('frt()[]-–/"\u201e\u201d')
_WIDE = frozenset("mwMWшжщюљњмШЖЩЮЉЊМ%@")
# A few per cent more than the estimate, since a line that runs past the chart's edge is cut.
_WIDTH_SAFETY = 1.05
# How much higher plotly sets a top-anchored title of several lines than one line, as a
# share of its size (measured: 12.6 px at 18 px, whatever the number of lines).
_MULTILINE_SHIFT = 0.75
# Room the value axis's tick labels take beside the plot, as a share of the type size.
_TICK_ROOM = 4


def _em(letter: str) -> float:
    if letter in _WIDE:
        return 0.97
    if letter == " " or letter in _NARROW:
        return 0.33
    if letter in _SLIM:
        return 0.4
    if letter.isdigit():
        return 0.64
    if letter.isupper():
        return 0.76
    return 0.66 if "\u0400" <= letter <= "\u04ff" else 0.58


def text_pixels(text: str, size: float) -> float:
    """How wide one line of plotly `text` (entities and tags as plotly reads them) is drawn
    at `size` pixels: an upper estimate, since plotly cannot say before the browser draws."""
    shown = html.unescape(re.sub(r"<[^>]+>", "", text))
    return sum(_em(letter) for letter in shown) * size * _WIDTH_SAFETY


def fit_text(text: str, room: float, size: float) -> str:
    """Plotly `text` with <br> put between words wherever a line would be wider than `room`
    pixels at `size`: plotly never wraps, so a long title or note runs past the chart's edge
    and is cut there ("…through a NATO trust", "…фонд НАТ"). Lines already broken stay
    broken; a word wider than the room keeps a line to itself."""
    lines: list[str] = []
    for line in str(text).split("<br>"):
        if text_pixels(line, size) <= room:
            lines.append(line)
            continue
        current = ""
        for word in line.split(" "):
            joined = f"{current} {word}" if current else word
            if current and text_pixels(joined, size) > room:
                lines.append(current)
                current = word
            else:
                current = joined
        lines.append(current)
    return "<br>".join(lines)


def _size(font: object, fallback: float) -> float:
    size = getattr(font, "size", None)
    return float(size) if size else fallback


def _margin(fig: go.Figure, side: str, fallback: int) -> float:
    value = getattr(fig.layout.margin, side, None)
    return float(value) if value is not None else fallback


def fit_to_width(fig: go.Figure, width: int) -> None:
    """Break a figure's title, axis titles and notes between words so each line ends inside
    the `width` pixels it is drawn in, and give the added lines room (a taller figure, a
    wider margin) so they overprint nothing. Every export figure passes through this."""
    body = fig.layout.font.size or 12
    left, right = _margin(fig, "l", 80), _margin(fig, "r", 80)
    top, bottom = _margin(fig, "t", 100), _margin(fig, "b", 80)
    height = fig.layout.height or 450
    grown = {"t": 0.0, "b": 0.0}
    title = fig.layout.title
    if title.text:
        size = _size(title.font, round(body * 1.4))  # plotly's own title size
        fitted = fit_text(title.text, width - 2 * size, size)
        grown["t"] += (fitted.count("<br>") - title.text.count("<br>")) * size * LINE_SPACING
        if "<br>" in fitted and "<br>" not in title.text and title.yanchor == "top":
            # plotly sets a title of several lines anchored at its top some 0.7 of its size
            # higher than one line, into the edge: the pad keeps its first line in view.
            title.pad.t = (title.pad.t or 0) + math.ceil(size * _MULTILINE_SHIFT)
        title.text = fitted
    plot_width = width - left - right
    plot_height = height - top - bottom
    for axis in fig.select_xaxes():
        if axis.title.text:
            size = _size(axis.title.font, round(body * 1.2))  # plotly's axis title size
            ticks = _TICK_ROOM * body if fig.layout.yaxis.visible is not False else 0
            fitted = fit_text(axis.title.text, plot_width - ticks, size)
            added = fitted.count("<br>") - axis.title.text.count("<br>")
            grown["b" if axis.side != "top" else "t"] += added * size * LINE_SPACING
            axis.title.text = fitted
    for axis in fig.select_yaxes():
        if axis.title.text:
            size = _size(axis.title.font, round(body * 1.2))
            axis.title.text = fit_text(axis.title.text, plot_height, size)
    for note in fig.layout.annotations or ():
        if note.text:
            note.text = fit_text(note.text, plot_width, _size(note.font, body))
    if grown["t"] or grown["b"]:
        fig.update_layout(
            height=round(height + grown["t"] + grown["b"]),
            margin={"t": round(top + grown["t"]), "b": round(bottom + grown["b"])},
        )


def bar_rows(height: int, type_px: int, lines: int = 2) -> int:
    """How many rows of bars with `lines`-line labels a chart `height` pixels tall holds with
    its labels still legible (no smaller than 0.7 of `type_px`, as `for_screen` draws them)."""
    smallest = max(11, round(type_px * 0.7))
    chrome = round(type_px * 6.5)  # legend, axis, its title and the margins
    return max(3, int((height - chrome) * 0.8 / (smallest * lines)))


def _label_lines(labels: object) -> int:
    """The most lines any axis label takes (labels wrap with <br>)."""
    return max((str(label).count("<br>") + 1 for label in labels), default=1)


__all__ = [
    "ammunition_progress",
    "bar_rows",
    "campaign_activity_chart",
    "due_by_quarter",
    "empty_figure",
    "fit_text",
    "fit_to_width",
    "for_screen",
    "metric_progress",
    "notice_text",
    "plan_name",
    "plotly_text",
    "quarter_ticks",
    "rest_sentence",
    "room_after_bars",
    "shorten",
    "status_bars",
    "status_history",
    "text_pixels",
    "timeline",
    "timeline_rows",
]
