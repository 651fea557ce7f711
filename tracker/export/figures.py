"""The briefing's one chart the dashboard does not draw: average progress by area.

Every other figure in the briefing comes from `tracker.charts`, so the briefing shows the
screen's own charts; this one follows the same look (fonts, colours, escaped labels).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from tracker import charts
from tracker.export.text import percent
from tracker.i18n import number_separators, t

PROGRESS_COLOUR = "#2F6FB0"


def largest_areas(
    table: pd.DataFrame, limit: int = charts.MAX_GROUPS
) -> tuple[pd.DataFrame, int, int]:
    """The `limit` areas with the most objectives, in table order, and how many areas and
    objectives are left out: the status chart draws the same areas (`charts.status_bars`)."""
    if len(table) <= limit:
        return table, 0, 0
    column = "objectives" if "objectives" in table else None
    totals = table[column] if column else table.sum(axis=1)
    kept = set(totals.sort_values(ascending=False, kind="stable").index[:limit])
    shown = table[table.index.isin(kept)]
    rest = totals[~totals.index.isin(kept)]
    return shown, len(rest), int(rest.sum())


def _label(label: str, known: int, total: int) -> str:
    """An area's row label: its title on up to two lines, the plan and the count whole."""
    area, _, plan = label.rpartition(" · ")
    if not area:
        area, plan = plan, ""
    counted = t("{area} ({known} of {total})", area="", known=known, total=total).strip()
    return charts.axis_label(area, f"· {plan} {counted}" if plan else counted)


def progress_by_area(table: pd.DataFrame, labels: dict[str, str]) -> go.Figure:
    """Horizontal bars of average known progress (0-100 %), one per area, in table order;
    past charts.MAX_GROUPS areas the largest only (the briefing says how many are left)."""
    if table.empty:
        return charts.empty_figure(t("No objectives match the filters."))
    table = largest_areas(table)[0]
    keys = [str(key) for key in table.index]
    names = [
        _label(labels.get(key, key), int(row.known), int(row.objectives))
        for key, row in zip(keys, table.itertuples(), strict=True)
    ]
    values = [None if pd.isna(v) else float(v) for v in table["average_progress"]]
    suffix = percent(0).removeprefix("0")  # "%", or " %" where the language spaces it
    # The share as format_percent writes it, on the bar and in its hover (never plotly's own
    # rounding, which reads 99.96 as "100").
    shown = [percent(v) if v is not None else t("no figure") for v in values]
    figure = go.Figure(
        go.Bar(
            x=values,
            y=keys,
            orientation="h",
            marker={"color": PROGRESS_COLOUR},
            text=shown,
            textposition="outside",
            customdata=names,
            hovertext=shown,
            hovertemplate="%{customdata}: %{hovertext}<extra></extra>",
            cliponaxis=False,
        )
    )
    figure.update_yaxes(
        **charts.category_axis(keys, names, top_down=True), gridcolor=charts.GRID_COLOUR
    )
    figure.update_xaxes(
        range=[0, 112],
        tickvals=[0, 20, 40, 60, 80, 100],
        ticksuffix=suffix,
        title_text=t("Average progress"),
        gridcolor=charts.GRID_COLOUR,
        zeroline=False,
    )
    figure.update_layout(
        template="plotly_white",
        height=110 + 38 * len(keys),
        margin={"l": 8, "r": 24, "t": 24, "b": 40},
        font={"family": charts.FONT_FAMILY, "size": 14, "color": charts.TEXT_COLOUR},
        showlegend=False,
        separators=number_separators(),
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return figure
