"""What every page shares on screen: the style sheet, the page header and footer, the KPI tiles.

The style sheets are fixed text (no data goes into them), injected with st.html; data shown
in HTML here is always escaped first.
"""

from __future__ import annotations

import streamlit as st

from components import navigation
from components.text import escape_html, escape_markdown
from components.view import View
from tracker.i18n import format_number, t, tn
from tracker.statuses import STATUS_COLOURS, STATUS_LABELS, STATUS_TEXT_COLOURS
from tracker.tables.analysis import Kpis, share_in_words
from tracker.tables.notices import unreadable_of
from tracker.tables.wording import labelled_count

# The plan cards' grid is auto-fit, not auto-fill: the cards share the row between them, where
# auto-fill kept empty columns for cards that are not there (at 1920×1080 two cards kept to
# 285 px on a page 1,460 px wide). Said here, not in the CSS: a comment there is page text,
# and the language tests read "(two cards of 285 px)" as the English "({known} of {total})".
BASE_CSS = """
<style>
.block-container { padding-top: 4.2rem; padding-bottom: 3rem; }
/* Captions darker than Streamlit's faded grey (4.1:1 on the sidebar): WCAG AA asks 4.5:1. */
[data-testid="stCaptionContainer"] { opacity: 1 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #4f5966; }
[data-testid="stMetric"] { background: #f6f8fb; border-radius: 10px; }
[data-testid="stMetricValue"] { font-weight: 700; }
/* Streamlit gives a chart's box the figure's height in pixels and `overflow: auto`: while
   plotly sizes the figure to the page (a frame or two, or a window being resized) the box
   scrolls, a scrolling region no key can reach (axe: scrollable-region-focusable). The
   figure is drawn to fit the box, so the box never needs to scroll. */
[data-testid="stElementContainer"]:has(> [data-testid="stFullScreenFrame"] > .stPlotlyChart) {
  overflow: visible !important; }
/* "screen 1 of 9" on one line: a number stays with its words. */
.ipap-nowrap { white-space: nowrap; }
/* A tile's label and value wrap between words instead of ending in "…". */
[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; }
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
.ipap-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(8.5em, 1fr));
  gap: 0.45em; }
.ipap-kpi { border: 1px solid #d5dae1; border-radius: 0.5em; background: #f6f8fb;
  padding: 0.3em 0.6em 0.35em 0.6em; }
.ipap-kpi-label { font-size: 0.8em; line-height: 1.2; color: #1b2430; overflow-wrap: normal; }
.ipap-kpi-value { font-size: 1.55em; font-weight: 700; line-height: 1.15; color: #1b2430; }
/* A chart's figures for screen readers: out of the page's flow, so no gap is left for it. */
[data-testid="stElementContainer"]:has(.ipap-chart-text) { position: absolute !important;
  width: 1px !important; height: 1px !important; overflow: hidden; }
.ipap-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
.ipap-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(17em, 1fr));
  gap: 0.5em; }
.ipap-card { border: 1px solid #d5dae1; border-radius: 0.5em; padding: 0.45em 0.75em; }
.ipap-card h3 { font-size: 1.2em !important; margin: 0 !important; padding: 0 !important; }
.ipap-card p { margin: 0.15em 0 0 0 !important; line-height: 1.3; }
.ipap-card .ipap-muted { color: #4f5966; font-size: 0.85em; }
table.ipap-changes { width: 100%; border-collapse: collapse; font-size: 0.8em; }
table.ipap-changes th { text-align: left; border-bottom: 2px solid #5b6675; padding: 0.2em 0.4em; }
table.ipap-changes td { vertical-align: top; border-bottom: 1px solid #e3e7ed;
  padding: 0.2em 0.4em; line-height: 1.25; }
table.ipap-plans { border-collapse: collapse; width: 100%; }
table.ipap-plans th, table.ipap-plans td { text-align: left; padding: 0.15em 0.5em;
  border-bottom: 1px solid #e3e7ed; white-space: nowrap; }
table.ipap-plans td:nth-child(4) { width: 40%; }
.ipap-footer { color: #5b6675; font-size: 0.9rem; border-top: 1px solid #e3e7ed;
  padding-top: 0.4rem; margin-top: 1rem; }
/* Streamlit writes a file uploader's limit and types in English only ("1MB per file • XLSX,
   CSV"): hidden, and the page says them in the reader's language under the uploader. */
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
</style>
"""

# Presentation mode: no sidebar, toolbar or page chrome (the type and the page's height are
# sized to the window in components/screen_fit.py).
PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stSidebarNav"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], #MainMenu, footer { display: none !important; }
[data-testid="stTooltipIcon"] { display: none !important; }
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
        f'title="{escape_html(labelled_count(t(STATUS_LABELS[status]), count))}"></span>'
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
            query_params=view.link_params(),
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


def _kpi_list(kpis: Kpis, stale_days: int) -> list[tuple[str, str, str]]:
    """Each headline number as (label, value, meaning), in the order the tiles show them."""
    completed = t("{count} of {total}", count=kpis.completed, total=kpis.objectives)
    tiles = [
        (t("Objectives"), format_number(kpis.objectives), t("Objectives in this view.")),
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
        (t("On track"), format_number(kpis.on_track), t("Progressing as planned.")),
        (t("At risk"), format_number(kpis.at_risk), t("May miss the due date.")),
        (t("Off track"), format_number(kpis.off_track), t("Will miss the due date.")),
        (t("Not assessed"), format_number(kpis.not_assessed), t("No assessment recorded yet.")),
        (
            t("Overdue"),
            format_number(kpis.overdue),
            t("Open objectives someone has assessed, past their due date."),
        ),
        (
            t("Past due, never assessed"),
            format_number(kpis.past_due_unassessed),
            t("Past the due date with no assessment at all: nobody has said how they stand."),
        ),
        (
            t("Stale"),
            format_number(kpis.stale),
            t("Open objectives with no update for {days} days (IPAP_STALE_DAYS).", days=stale_days),
        ),
    ]
    return tiles


def kpi_tiles(kpis: Kpis, stale_days: int, per_row: int = 3) -> None:
    """The headline numbers, each with a one-line meaning on hover; every tile is a count."""
    tiles = _kpi_list(kpis, stale_days)
    # Rows of three by default: wide enough for "Past due, never assessed" on a laptop too.
    for start in range(0, len(tiles), per_row):
        row = tiles[start : start + per_row]
        for column, (label, value, meaning) in zip(st.columns(per_row), row, strict=False):
            column.metric(label, value, help=meaning, border=True)


def tile_grid(tiles: list[tuple[str, str, str]]) -> str:
    """Tiles as one HTML grid that wraps: a label wraps onto a second line rather than being
    cut, and the type follows the page's (presentation mode sizes it to the window). The
    meaning is written under the value for screen readers and shown on hover."""
    cells = "".join(
        (
            f'<div class="ipap-kpi" title="{escape_html(meaning)}">'
            if meaning
            else '<div class="ipap-kpi">'
        )
        + f'<div class="ipap-kpi-label">{escape_html(label)}</div>'
        f'<div class="ipap-kpi-value">{escape_html(value)}</div>'
        + (f'<div class="ipap-sr-only">{escape_html(meaning)}</div>' if meaning else "")
        + "</div>"
        for label, value, meaning in tiles
    )
    return f'<div class="ipap-kpis">{cells}</div>'


def kpi_grid(kpis: Kpis, stale_days: int) -> str:
    """The headline numbers as one grid of tiles (presentation mode)."""
    return tile_grid(_kpi_list(kpis, stale_days))


def footer(view: View) -> None:
    """Where the numbers come from, at the bottom of every page."""
    text = t(
        "{as_of} · {filters} · {audience}",
        as_of=view.data_date_text(),
        filters=view.filters_text(),
        audience=view.audience_text(),
    )
    st.html(f'<div class="ipap-footer">{escape_html(text)}</div>')
