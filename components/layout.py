"""What every page shares on screen: the style sheet, the page header and footer, the KPI tiles.

The style sheets are fixed text (no data goes into them), injected with st.html; data shown
in HTML here is always escaped first.
"""

from __future__ import annotations

import streamlit as st

from components import navigation
from components.text import escape_html, escape_markdown
from components.view import View
from tracker.i18n import t, tn
from tracker.statuses import STATUS_COLOURS, STATUS_LABELS, STATUS_TEXT_COLOURS
from tracker.tables.analysis import Kpis, share_in_words
from tracker.tables.notices import unreadable_of

BASE_CSS = """
<style>
.block-container { padding-top: 4.2rem; padding-bottom: 3rem; }
[data-testid="stMetric"] { background: #f6f8fb; border-radius: 10px; }
[data-testid="stMetricValue"] { font-weight: 700; }
.ipap-badge { display: inline-block; padding: 0.15rem 0.7rem; border-radius: 999px;
  font-weight: 600; font-size: 0.95rem; margin-right: 0.4rem; }
.ipap-strip { display: flex; height: 14px; border-radius: 7px; overflow: hidden;
  background: #e3e7ed; margin: 0.4rem 0 0.2rem 0; }
.ipap-strip span { display: block; height: 100%; }
.ipap-groups { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr));
  gap: 1.2rem 1.4rem; align-items: start; }
.ipap-group h4 { font-size: 1.05rem; font-weight: 700; margin: 0 0 0.5rem 0; padding: 0; }
.ipap-group.ipap-wide { grid-column: 1 / -1; }
.ipap-tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr));
  gap: 0.6rem; }
.ipap-tile { display: block; border-radius: 8px; padding: 0.55rem 0.75rem 0.6rem 0.75rem;
  background: #f6f8fb; border-left: 8px solid #8c8c8c; color: #1b2430 !important;
  text-decoration: none !important; min-height: 5.2rem; }
.ipap-tile:hover { background: #eaf0f8; }
.ipap-tile .ipap-badge { font-size: 0.75rem; padding: 0.05rem 0.55rem; }
.ipap-tile .ipap-tile-title { font-size: 0.98rem; line-height: 1.25; margin-top: 0.15rem; }
.ipap-tile .ipap-tile-meta { font-size: 0.78rem; color: #5b6675; margin-top: 0.25rem; }
.ipap-footer { color: #5b6675; font-size: 0.9rem; border-top: 1px solid #e3e7ed;
  padding-top: 0.4rem; margin-top: 1rem; }
</style>
"""

# Presentation mode: no sidebar, toolbar or page chrome; big type for the back of the room.
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], #MainMenu, footer { display: none !important; }
.block-container { padding: 1.2rem 2.5rem 1rem 2.5rem !important; max-width: 100% !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
h1 { font-size: 2.6rem !important; }
[data-testid="stMetricValue"] { font-size: 2.4rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem !important; }
[data-testid="stTooltipIcon"] { display: none !important; }
.ipap-footer { font-size: 1.1rem; }
</style>
"""


def apply_style(presenting: bool) -> None:
    st.html(BASE_CSS)
    if presenting:
        st.html(PRESENTATION_CSS)


def status_badge(status: str) -> str:
    """A status as a coloured pill that also spells the status (it reads without colour)."""
    colour = STATUS_COLOURS[status]
    text_colour = STATUS_TEXT_COLOURS[status]
    label = escape_html(t(STATUS_LABELS[status]))
    return (
        f'<span class="ipap-badge" style="background:{colour};color:{text_colour}">{label}</span>'
    )


def status_strip(counts: dict[str, int]) -> str:
    """A thin bar split by status, in the fixed order: the plan's picture in one line."""
    total = sum(counts.values())
    if not total:
        return '<div class="ipap-strip"></div>'
    parts = [
        f'<span style="width:{count / total * 100:.3f}%;background:{STATUS_COLOURS[status]}" '
        f'title="{escape_html(t(STATUS_LABELS[status]))}: {count}"></span>'
        for status, count in counts.items()
        if count
    ]
    return f'<div class="ipap-strip">{"".join(parts)}</div>'


def trust_notices(view: View) -> None:
    """What must be read before any figure: objectives left out, link values not applied.

    At the top of every page and every presentation screen, never below the fold.
    """
    unreadable = view.unreadable_text()
    if unreadable:
        st.error(escape_markdown(unreadable), icon=":material/report:")
        st.page_link(
            navigation.PROBLEMS,
            label=t("See which objectives, and why, on the Data problems page"),
            icon=":material/report:",
        )
    for notice in view.notices:
        st.warning(escape_markdown(notice), icon=":material/link_off:")


def view_line(view: View) -> str:
    """How current the data is, what is shown, for whom: one line under every title (and
    how many objectives it leaves out, when some could not be read)."""
    line = t(
        "{as_of} · showing {filters} · {count} of {total} objectives · {audience}",
        as_of=view.data_date_text(),
        filters=view.filters_text(),
        count=len(view.shown.objectives),
        total=len(view.data.frames.objectives),
        audience=view.audience_text(),
    )
    lost = len(unreadable_of(view.data.portfolio))
    if lost:
        line = (
            tn(
                "{count} objective could not be read",
                "{count} objectives could not be read",
                lost,
            )
            + " · "
            + line
        )
    return line


def page_header(view: View, title: str, summary: str | None = None) -> None:
    """The page title and one line saying how current the data is and what is shown."""
    st.caption(t("IPAP Tracker · Serbia and NATO: Individual Partnership Action Plans"))
    trust_notices(view)
    st.title(title)
    st.caption(escape_markdown(view_line(view)))
    if summary:
        st.markdown(summary)


def kpi_tiles(kpis: Kpis, stale_days: int, per_row: int = 3) -> None:
    """The headline numbers, each with a one-line meaning on hover; every tile is a count."""
    completed = t("{count} of {total}", count=kpis.completed, total=kpis.objectives)
    tiles = [
        (t("Objectives"), str(kpis.objectives), t("Objectives in this view.")),
        (
            t("Completed"),
            completed,
            t(
                "{count} of {total} objectives completed: {share}.",
                count=kpis.completed,
                total=kpis.objectives,
                share=share_in_words(kpis.completed, kpis.objectives),
            ),
        ),
        (t("On track"), str(kpis.on_track), t("Progressing as planned.")),
        (t("At risk"), str(kpis.at_risk), t("May miss the due date.")),
        (t("Off track"), str(kpis.off_track), t("Will miss the due date.")),
        (t("Not assessed"), str(kpis.not_assessed), t("No assessment recorded yet.")),
        (
            t("Overdue"),
            str(kpis.overdue),
            t("Open objectives someone has assessed, past their due date."),
        ),
        (
            t("Past due, never assessed"),
            str(kpis.past_due_unassessed),
            t("Past the due date with no assessment at all: nobody has said how they stand."),
        ),
        (
            t("Stale"),
            str(kpis.stale),
            t("Open objectives with no update for {days} days (IPAP_STALE_DAYS).", days=stale_days),
        ),
    ]
    # Rows of three by default: wide enough for "Past due, never assessed" on a laptop too.
    for start in range(0, len(tiles), per_row):
        row = tiles[start : start + per_row]
        for column, (label, value, meaning) in zip(st.columns(per_row), row, strict=False):
            column.metric(label, value, help=meaning, border=True)


def footer(view: View) -> None:
    """Where the numbers come from, at the bottom of every page."""
    text = t(
        "{as_of} · {filters} · {audience}",
        as_of=view.data_date_text(),
        filters=view.filters_text(),
        audience=view.audience_text(),
    )
    st.html(f'<div class="ipap-footer">{escape_html(text)}</div>')
