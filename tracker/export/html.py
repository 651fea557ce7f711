"""The HTML briefing: one self-contained file with the dashboard's interactive charts.

Everything is inline (styles, plotly.js, the figures), and a content security policy forbids
the page from fetching anything, so it opens the same on a laptop with no network. Print
CSS lays it out on A4 with no chart cut in half; the PDF export prints exactly this page.
Every text from the data is escaped, and only http(s) addresses become links.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from tracker import charts
from tracker.charts import status_label
from tracker.export import pack as sections
from tracker.export import plotly_words, sentences
from tracker.export.figures import largest_areas, progress_by_area
from tracker.export.pack import MeetingPack, heading
from tracker.export.text import (
    day,
    host_name,
    long_day,
    measured,
    number,
    one_line,
    percent,
    rate,
    site_name,
    unbroken,
    web_link,
)
from tracker.i18n import current_language, format_count, t, tp
from tracker.statuses import STATUS_COLOURS, STATUS_TEXT_COLOURS
from tracker.tables.analysis import programme_measurements, share_in_words
from tracker.tables.wording import average_note

# A4 is 210 mm wide; with 15 mm margins the printable column is 180 mm, 680 CSS pixels.
# Charts are drawn at exactly that width on screen too, so what prints is what was seen.
PAGE_MARGIN_MM = 15
EXPORT_TEMPLATE = "plotly_white"
COLUMN_PX = 680
# The tallest chart that prints on one A4 page with its heading, reading and caption: the
# page's printable 264 mm is about 998 px. A chart of 25 plans would be taller and split.
PRINT_CHART_PX = 820
# Fonts with Cyrillic that the reader's machine has (Windows, macOS, then Debian's
# fonts-noto-core or fonts-dejavu-core): nothing is fetched, every letter has a glyph.
FONTS = '"Segoe UI", "Helvetica Neue", "Noto Sans", "DejaVu Sans", Arial, sans-serif'
AMMUNITION_FIGURES = 6  # more targets than this are listed in the table only
# An ammunition chart's height where there are several: two, with their two-line titles and
# captions, and the section's heading above the first pair, fill one printed page.
AMMUNITION_PAIR_PX = 330
# A briefing, not a database: past this a table would fill dozens of printed pages, and
# the workbook holds every row anyway.
MAX_TABLE_ROWS = 500
SITE_LENGTH = 18  # characters of a site's name in the evidence table's narrow column
# Set when plotly's promise resolves, and the time of every later redraw (plotly redraws
# once more when long labels need a wider margin): the PDF printer waits for both.
DRAWN_MARK = (
    "var chart = document.getElementById('{plot_id}');"
    "chart.dataset.drawn = 'yes'; chart.dataset.drawnAt = String(Date.now());"
    "chart.on('plotly_afterplot', function () { chart.dataset.drawnAt = String(Date.now()); });"
)
# No "Share chart..." button: it would send the chart to plotly's servers, and the briefing
# sends nothing anywhere.
CHART_CONFIG = {
    "displaylogo": False,
    "responsive": False,
    "modeBarButtonsToRemove": ["select2d", "sendChartToCloud"],
}
# Inline scripts and styles only; nothing may be fetched (plotly draws SVG, needs no images).
CONTENT_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'unsafe-inline'; img-src data:; font-src data:"
)


@dataclass(frozen=True)
class Column:
    name: str
    numeric: bool = False
    short: bool = False  # dates and single words: never wrapped inside the word
    # A share of the table's width, for the long texts (titles): left to the browser, they
    # were squeezed to a word a line beside the dates and numbers (five rows a page).
    width: int | None = None

    @property
    def css(self) -> str:
        names = [name for name, on in (("num", self.numeric), ("short", self.short)) if on]
        return f' class="{" ".join(names)}"' if names else ""

    @property
    def head_css(self) -> str:
        return self.css + (f' style="width:{self.width}%"' if self.width else "")


def render(pack: MeetingPack, progress: Callable[[float, str], None]) -> bytes:
    progress(0.15, t("Drawing the charts"))
    figure_number = _Counter()
    body = [
        _header(pack),
        _contents(pack),
        _summary(pack),
        _chart_section(
            "status-by-plan",
            heading(sections.STATUS_BY_PLAN),
            sentences.status(pack.status_by_plan),
            [charts.status_by_plan(pack.frames.objectives, title="")],
            figure_number,
        ),
        _chart_section(
            "status-by-area",
            heading(sections.STATUS_BY_AREA),
            sentences.status(pack.status_by_area),
            [charts.status_by_area(pack.frames.objectives, title="")],
            figure_number,
            after=sentences.areas_left_out(*largest_areas(pack.status_by_area)[1:]),
        ),
        _chart_section(
            "progress-by-area",
            heading(sections.PROGRESS_BY_AREA),
            sentences.progress(pack.progress_by_area),
            [progress_by_area(pack.progress_by_area, pack.area_labels)],
            figure_number,
            after=sentences.areas_left_out(*largest_areas(pack.progress_by_area)[1:]),
        ),
        _ammunition(pack, figure_number),
        _chart_section(
            "campaign",
            heading(sections.CAMPAIGN),
            sentences.campaign(pack.campaign),
            [charts.campaign_activity_chart(pack.campaign)],
            figure_number,
        ),
    ]
    progress(0.6, t("Writing the tables"))
    body += [_changes(pack), _attention(pack), _evidence(pack), _footer(pack)]
    progress(0.85, t("Putting the page together"))
    page = _PAGE.format(
        language=_e(current_language()),
        title=_e(pack.title),
        policy=CONTENT_POLICY,
        style=_STYLE.format(margin=PAGE_MARGIN_MM, column=COLUMN_PX, fonts=FONTS),
        plotly=get_plotlyjs(),
        plotly_locale=plotly_words.register_script(),
        body="\n".join(body),
    )
    return page.encode("utf-8")


def _e(value: object) -> str:
    """Escape for HTML text and attributes: data never becomes markup."""
    return html.escape(unbroken(one_line(value)), quote=True)


def _link(label: object, url: object) -> str:
    address = web_link(url)
    if address is None:
        return _e(label)
    return (
        f'<a href="{html.escape(address, quote=True)}" rel="noopener noreferrer" '
        f'target="_blank">{_e(label)}</a>'
    )


def _code(escaped: str) -> str:
    """A command the sentence quotes in backticks (Markdown's way, as the summary writes it)
    set as code: the printed page showed the backticks ("`python -m tracker validate`")."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)


class _Counter:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _header(pack: MeetingPack) -> str:
    plans = _e(sentences.plans_named(pack))
    notes = [f'<p class="note">{_e(pack.audience_note)}</p>']
    if pack.problems_note:
        notes.append(f'<p class="note warning">{_code(_e(pack.problems_note))}</p>')
    prepared = t("prepared {when}", when=long_day(pack.prepared))
    # Above the title: the figures below leave these objectives out.
    unreadable = (
        f'<p class="note warning unreadable" role="alert"><strong>{_e(pack.unreadable_note)}'
        "</strong></p>"
        if pack.unreadable_note
        else ""
    )
    return (
        '<header class="title-page">' + unreadable + f"<h1>{_e(pack.title)}</h1>"
        f'<p class="plans">{plans}</p>'
        f'<p class="as-of"><strong>{_e(pack.as_of_line)}</strong> · '
        f"{_e(prepared)} · {_e(pack.scope)}</p>" + "".join(notes) + "</header>"
    )


# Stands in a translated sentence for a value set in bold, so the sentence is translated
# whole and the value still goes in escaped (a private-use character no text contains).
_MARK = "\ue000"


def _strong(sentence: str, value: object) -> str:
    return _e(sentence).replace(_MARK, f"<strong>{_e(value)}</strong>")


def _contents(pack: MeetingPack) -> str:
    entries = [
        ("summary", heading(sections.SUMMARY)),
        ("status-by-plan", heading(sections.STATUS_BY_PLAN)),
        ("status-by-area", heading(sections.STATUS_BY_AREA)),
        ("progress-by-area", heading(sections.PROGRESS_BY_AREA)),
        ("ammunition", heading(sections.AMMUNITION)),
        ("campaign", heading(sections.CAMPAIGN)),
        ("changes", pack.changes_title),
        ("attention", heading(sections.ATTENTION)),
        ("evidence", heading(sections.EVIDENCE)),
    ]
    items = "".join(f'<li><a href="#{anchor}">{_e(title)}</a></li>' for anchor, title in entries)
    label = t("Contents")  # outside the f-string, where the catalogue's extraction sees it
    return f'<nav class="contents" aria-label="{_e(label)}"><ol>{items}</ol></nav>'


def _summary(pack: MeetingPack) -> str:
    k = pack.kpis
    tiles = [
        (t("Objectives"), format_count(k.objectives), "#1b2a41", None),
        (
            status_label("completed"),
            t("{count} of {total}", count=k.completed, total=k.objectives),
            STATUS_COLOURS["completed"],
            share_in_words(k.completed, k.objectives),
        ),
        (status_label("on-track"), format_count(k.on_track), STATUS_COLOURS["on-track"], None),
        (status_label("at-risk"), format_count(k.at_risk), STATUS_COLOURS["at-risk"], None),
        (status_label("off-track"), format_count(k.off_track), STATUS_COLOURS["off-track"], None),
        (
            status_label("not-assessed"),
            format_count(k.not_assessed),
            STATUS_COLOURS["not-assessed"],
            None,
        ),
        (
            t("Overdue"),
            format_count(k.overdue),
            STATUS_COLOURS["off-track"],
            t("assessed, past the due date"),
        ),
        (
            t("Past due, never assessed"),
            format_count(k.past_due_unassessed),
            STATUS_COLOURS["not-assessed"],
            None,
        ),
        (t("Stale (no recent update)"), format_count(k.stale), STATUS_COLOURS["at-risk"], None),
        (
            t("Average progress"),
            percent(k.average_progress),
            "#2F6FB0",
            # An average of the few that report one is not the portfolio's progress.
            average_note(k.average_progress, k.progress_known, k.objectives),
        ),
        (pack.changes_title, format_count(len(pack.changes)), "#2F6FB0", None),
    ]
    cells = "".join(
        f'<div class="tile" style="border-left-color:{colour}">'
        f'<span class="{_figure_class(value)}">{_e(value)}</span>'
        f'<span class="label">{_e(label)}</span>'
        + (f'<span class="detail">{_e(detail)}</span>' if detail else "")
        + "</div>"
        for label, value, colour, detail in tiles
    )
    return (
        '<section id="summary" class="keep-together">'
        f"<h2>{_e(heading(sections.SUMMARY))}</h2>"
        f'<p class="reading">{_e(sentences.summary(pack))}</p>'
        f'<div class="tiles">{cells}</div></section>'
    )


# Characters of a tile's figure that fit its narrow column at the figure's full size.
TILE_FIGURE_CHARACTERS = 6


def _figure_class(value: str) -> str:
    """A longer figure ("1 од 38", "2.900 од 10.000") in smaller type: at full size it
    broke over two or three lines of a tile."""
    return "figure long" if len(value) > TILE_FIGURE_CHARACTERS else "figure"


def _chart_section(
    anchor: str,
    title: str,
    reading: str,
    figures: Sequence[go.Figure],
    numbers: _Counter,
    before: str = "",
    after: str = "",
) -> str:
    """Each figure is one block that never breaks across pages; the heading, its reading and
    anything `before` the first chart stay with that chart, and the sentence `after` (what
    the charts leave out) ends the last caption."""
    blocks = []
    for index, figure in enumerate(figures):
        number_ = numbers.next()
        heading = (
            f'<h2 id="{anchor}">{_e(title)}</h2><p class="reading">{_e(reading)}</p>{before}'
            if index == 0
            else ""
        )
        caption = t("Figure {number}: {title}.", number=number_, title=title)
        if after and index == len(figures) - 1:
            caption += " " + after
        blocks.append(
            f'<figure class="chart" data-figure="{number_}">{heading}'
            f"{_figure_html(figure)}"
            f"<figcaption>{_e(caption)}"
            "</figcaption></figure>"
        )
    return f'<section class="charts">{"".join(blocks)}</section>'


def _chart_config() -> dict[str, object]:
    """plotly's options, with the reader's locale for its own words where one is registered."""
    locale = plotly_words.locale_name()
    return {**CHART_CONFIG, "locale": locale} if locale else CHART_CONFIG


def _figure_html(figure: go.Figure) -> str:
    figure = go.Figure(figure)
    # A named template, whatever plotly's default is in this process: importing Streamlit
    # makes its own template the default, and that one lets long axis labels run off the
    # chart (no automatic margins). The figures' own colours and fonts still win.
    figure.update_layout(template=EXPORT_TEMPLATE, width=COLUMN_PX, autosize=False)
    # Titles and notes wrap inside the column (plotly cuts them at its edge); any height this
    # adds still counts against the printed page's below.
    charts.fit_to_width(figure, COLUMN_PX)
    height = figure.layout.height
    if height is not None and height > PRINT_CHART_PX:
        # Shorter to stay on one page, its type smaller in step so its labels never overlap.
        size = figure.layout.font.size or 12
        figure.update_layout(
            height=PRINT_CHART_PX, font_size=max(8, math.floor(size * PRINT_CHART_PX / height))
        )
    # The counts after the longest bars end inside the column, whatever the row labels take.
    charts.room_after_bars(figure, COLUMN_PX, figure.layout.font.size or 12)
    return figure.to_html(
        full_html=False,
        include_plotlyjs=False,
        include_mathjax=False,
        config=_chart_config(),
        default_width=f"{COLUMN_PX}px",
        post_script=DRAWN_MARK,
    )


def _ammunition(pack: MeetingPack, numbers: _Counter) -> str:
    outlooks = pack.ammunition
    figures = [
        charts.ammunition_progress(
            outlook,
            programme_measurements(pack.frames, outlook),
            pack.prepared,
            title=outlook.title,
        )
        for outlook in outlooks[:AMMUNITION_FIGURES]
    ] or [charts.empty_figure(sentences.ammunition(outlooks))]
    if len(figures) > 1:
        # Two to a printed page: at the screen's height each took a page half empty.
        for figure in figures:
            figure.update_layout(height=AMMUNITION_PAIR_PX)
    rows = [
        [
            _e(o.title),
            _e(sentences.amount(o)),
            _e(t("not measured yet")) if o.destroyed is None else _e(measured(o.destroyed)),
            _e(day(o.as_of) or "–"),
            _e(rate(o.rate_per_year)),
            _e(day(o.projected_completion) or "–"),
            _e(day(o.due)),
            _e(sentences.yes_no(o.on_course)),
        ]
        for o in outlooks
    ]
    table = (
        _table(
            [
                Column(t("Objective"), width=24),
                Column(t("Target"), True),
                Column(t("Destroyed"), True),
                Column(t("As of"), short=True),
                Column(t("Rate per year"), True),
                Column(t("Projected completion"), short=True),
                Column(t("Due"), short=True),
                Column(t("On course")),
            ],
            rows,
            compact=True,  # eight columns: at the body's type the objective had a word a line
        )
        if rows
        else ""
    )
    # A short table stays with the first chart; a long one follows the charts, since a block
    # taller than a page could not be kept whole anyway.
    few = len(outlooks) <= AMMUNITION_FIGURES
    section = _chart_section(
        "ammunition",
        heading(sections.AMMUNITION),
        sentences.ammunition(outlooks),
        figures,
        numbers,
        before=table if few else "",
    )
    return section if few else section.replace("</section>", f"{table}</section>")


def _changes(pack: MeetingPack) -> str:
    rows = [
        [
            _e(day(change.date)),
            f'{_e(change.title)} <span class="id">({_e(change.objective_id)})</span>',
            _e(sentences.change_kind(change.change)),
            _link(change.detail, change.url),
        ]
        for change in pack.changes.itertuples(index=False)
    ]
    columns = [
        Column(t("Date"), short=True),
        Column(t("Objective"), width=38),
        Column(t("Change"), short=True),
        Column(t("Detail"), width=38),
    ]
    return _table_section("changes", pack.changes_title, sentences.changes(pack), columns, rows)


def _attention(pack: MeetingPack) -> str:
    rows = [
        [
            f'{_e(row.title)} <span class="id">({_e(row.id)})</span>',
            _e(row.owner),
            _status_badge(str(row.status)),
            _e(row.reason),
            _e(day(row.due)),
            _e(day(row.last_update) or t("never")),
        ]
        for row in pack.attention.itertuples(index=False)
    ]
    columns = [
        Column(t("Objective"), width=32),
        Column(t("Owner"), width=18),
        Column(t("Status"), short=True),
        Column(t("Why"), width=14),
        Column(t("Due"), short=True),
        Column(t("Last update"), short=True),
    ]
    return _table_section(
        "attention", heading(sections.ATTENTION), sentences.attention(pack), columns, rows
    )


def _evidence(pack: MeetingPack) -> str:
    internal = pack.audience == "internal"
    rows = []
    for item in pack.evidence.itertuples(index=False):
        address = web_link(item.url)
        row = [
            _e(day(item.date)),
            f'{_e(item.objective_title)} <span class="id">({_e(item.objective_id)})</span>',
            _link(item.title, address),
            _e(sentences.evidence_kind(item.kind)),
            # Its start and its end: "publicdiplomacypressand…" left the site unknown.
            f'<span class="host">{_e(site_name(host_name(address), SITE_LENGTH))}</span>'
            if address
            else "",
        ]
        if internal:
            row.append(_e(sentences.access(item.access)))
        rows.append(row)
    columns = [
        Column(t("Date"), short=True),
        Column(t("Objective"), width=27),
        Column(tp("a table column, one evidence item a row", "Evidence"), width=32),
        Column(t("Kind"), short=True),
        # Its share too: the one column left to the browser took all the room to spare.
        Column(t("Site"), width=16),
    ]
    if internal:
        columns.append(Column(t("Access"), short=True))
    return _table_section(
        "evidence", heading(sections.EVIDENCE), sentences.evidence(pack), columns, rows
    )


def _status_badge(status: str) -> str:
    colour = STATUS_COLOURS[status]
    return (
        f'<span class="status" style="background:{colour};color:{STATUS_TEXT_COLOURS[status]}" '
        f'data-status="{_e(status)}">'
        f"{_e(status_label(status))}</span>"
    )


def _table_section(
    anchor: str, title: str, reading: str, columns: Sequence[Column], rows: list[list[str]]
) -> str:
    content = _table(columns, rows[:MAX_TABLE_ROWS]) if rows else ""
    if len(rows) > MAX_TABLE_ROWS:
        more = t(
            "{count} more rows are not shown here: the Excel workbook of the meeting pack "
            "has every row.",
            count=number(len(rows) - MAX_TABLE_ROWS),
        )
        # Above the table, where it is read first: below it, it was left alone on a page.
        content = f'<p class="note">{_e(more)}</p>' + content
    # A table starts a printed page; a section with no rows is one sentence and follows on.
    kind = "table-section" if rows else "table-section empty"
    return (
        f'<section class="{kind}"><h2 id="{anchor}">{_e(title)}</h2>'
        f'<p class="reading">{_e(reading)}</p>{content}</section>'
    )


def _table(columns: Sequence[Column], rows: Iterable[Sequence[str]], compact: bool = False) -> str:
    """Cells arrive escaped (or as built links); the header repeats on every printed page."""
    head = "".join(f'<th scope="col"{c.head_css}>{_e(c.name)}</th>' for c in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td{column.css}>{cell}</td>" for column, cell in zip(columns, row, strict=True))
        + "</tr>"
        for row in rows
    )
    kind = ' class="compact"' if compact else ""
    return f"<table{kind}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _footer(pack: MeetingPack) -> str:
    return f'<footer class="page-footer">{_e(pack.footer)}</footer>'


_PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="IPAP Tracker">
<title>{title}</title>
<style>{style}</style>
<script>{plotly}</script>
<script>{plotly_locale}</script>
</head>
<body>
<main>
{body}
</main>
</body>
</html>
"""

_STYLE = """
@page {{ size: A4; margin: {margin}mm {margin}mm 18mm {margin}mm; }}
:root {{ --ink: #1b2430; --muted: #5b6675; --rule: #d9dee5; --navy: #1b2a41;
  --accent: #2f6fb0; --stripe: #f3f5f8; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; background: #eef1f5; color: var(--ink);
  font: 15px/1.45 {fonts}; }}
main {{ width: {column}px; margin: 0 auto; padding: 32px 0 48px; background: #fff;
  box-shadow: 0 0 0 40px #fff, 0 0 0 41px var(--rule); }}
h1 {{ font-size: 30px; margin: 0 0 8px; color: var(--navy); }}
h2 {{ font-size: 21px; margin: 0 0 4px; color: var(--navy); padding-top: 8px;
  break-after: avoid; page-break-after: avoid; }}
.title-page {{ border-bottom: 4px solid var(--accent); padding-bottom: 16px; margin-bottom: 16px; }}
.plans {{ font-size: 17px; margin: 0 0 4px; }}
.as-of {{ margin: 0 0 8px; color: var(--muted); }}
.note {{ margin: 4px 0; padding: 6px 10px; background: var(--stripe);
  border-left: 4px solid var(--accent); }}
.note.warning {{ border-left-color: #f0a500; background: #fff6e0; }}
.contents ol {{ columns: 2; margin: 0 0 16px; padding-left: 20px; color: var(--muted); }}
.contents a {{ color: var(--accent); text-decoration: none; }}
.reading {{ margin: 0 0 8px; color: var(--muted); }}
section {{ margin: 0 0 28px; }}
.tiles {{ display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; }}
.tile {{ background: var(--stripe); border-left: 6px solid; padding: 10px 10px 12px;
  display: flex; flex-direction: column; min-height: 104px; }}
.tile .figure {{ font-size: 30px; font-weight: 700; color: var(--navy); }}
.tile .figure.long {{ font-size: 20px; line-height: 1.25; padding: 5px 0 6px; }}
.tile .label {{ font-size: 13px; }}
.tile .detail {{ font-size: 12px; color: var(--muted); }}
figure.chart {{ margin: 0 0 24px; break-inside: avoid; page-break-inside: avoid; }}
figcaption {{ font-size: 12px; color: var(--muted); margin-top: 2px; }}
table {{ width: 100%; border-collapse: collapse; font-size: 12.5px; margin-top: 6px; }}
thead {{ display: table-header-group; }}
th {{ background: var(--navy); color: #fff; text-align: left; padding: 5px 6px;
  font-weight: 600; }}
td {{ padding: 4px 6px; border-bottom: 1px solid var(--rule); vertical-align: top;
  overflow-wrap: break-word; }}
td.short {{ white-space: nowrap; }}
table.compact {{ font-size: 11px; }}
table.compact th, table.compact td {{ padding-left: 4px; padding-right: 4px; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
/* A table's last rows go over together, never one row alone on a page. */
tbody tr:nth-last-child(-n+3) {{ break-before: avoid; page-break-before: avoid; }}
tbody tr:nth-child(even) td {{ background: var(--stripe); }}
.num {{ text-align: right; }}
/* An id may break after its hyphens: kept whole, the longest set the title column's width. */
.id {{ color: var(--muted); }}
.host {{ white-space: nowrap; font-size: 11px; }}
.status {{ display: inline-block; padding: 1px 6px; border-radius: 3px;
  font-weight: 600; white-space: nowrap; }}
a {{ color: var(--accent); }}
code {{ font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }}
.page-footer {{ margin-top: 24px; padding-top: 8px; border-top: 1px solid var(--rule);
  font-size: 12px; color: var(--muted); }}
@media print {{
  body {{ background: #fff; font-size: 13px; }}
  main {{ width: auto; padding: 0; box-shadow: none; }}
  .contents, .modebar-container {{ display: none !important; }}
  .title-page {{ break-after: avoid; }}
  .table-section {{ break-before: page; }}
  .table-section.empty {{ break-before: auto; }}
  /* An empty section is a sentence: when a long table before it fills its page, the
     sentence starts the next one, and the table after it follows on that page. */
  .table-section.empty + .table-section {{ break-before: auto; }}
  a {{ color: var(--ink); text-decoration: none; }}
  .page-footer {{ display: none; }}
}}
"""
