"""The meeting deck: a PowerPoint file with native, editable charts built from the pack.

Charts are PowerPoint chart objects holding the numbers themselves (no pictures, no
browser), so a presenter can open the deck on any laptop and restyle a chart in PowerPoint
or LibreOffice Impress. Every text is set as plain text: nothing in the data is markup here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from io import BytesIO

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
)
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as Deck
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from tracker.charts import TARGET_COLOUR, kind_colour, plan_name, status_label
from tracker.charts import shorten as shorten_label
from tracker.export import pack as sections
from tracker.export import sentences
from tracker.export.figures import PROGRESS_COLOUR
from tracker.export.pack import MeetingPack, heading
from tracker.export.pptx_fonts import text_width, wrapped_lines
from tracker.export.pptx_shapes import (
    ACCENT,
    CONTENT_BOTTOM,
    CONTENT_TOP,
    CONTENT_WIDTH,
    FONT,
    INK,
    MARGIN,
    MUTED,
    NAVY,
    RULE,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    STRIPE,
    TABLE_BOTTOM,
    TABLE_TOP,
    TEXT_BOX_MARGINS,
    WARNING,
    WHITE,
    Cell,
    Column,
    add_run,
    add_table,
    contrast,
    fill,
    link_characters,
    place,
    rgb,
    set_text,
    table_height,
    table_pages,
    text_box,
)
from tracker.export.sentences import MAX_PLANS_NAMED
from tracker.export.text import (
    chart_number_format,
    day,
    link_label,
    long_day,
    measured,
    one_line,
    percent,
    percent_format,
    quarter,
    rate,
    uri,
    web_link,
)
from tracker.i18n import current_language, format_count, t, tn, tp
from tracker.statuses import STATUS_COLOURS, STATUS_ORDER
from tracker.tables.analysis import (
    AmmunitionOutlook,
    measurements_by_objective,
    programme_measurements,
    share_in_words,
)
from tracker.tables.wording import average_note

# An amount's data label (Office number format): whole from 1 up, with its decimals below
# 1, so 0.6 tonnes is never drawn as a "1" beside a 1-tonne target; nothing for 0.
AMOUNT_LABEL_FORMAT = '[>=1]#,##0;[>0]0.0#;""'
# A count's data label: thousands grouped as the tables group them ("2,900", Serbian "2.900";
# past 999 a deck at 10,000 objectives drew "2900"), nothing for 0.
COUNT_LABEL_FORMAT = '#,##0;-#,##0;"";'
CATEGORIES_PER_CHART = 12  # more bars than this no longer read from the back of a room
AMMUNITION_PER_CHART = 6
# A column chart's plot on a content slide, at the least (its box less the legend and the
# quarters written slanted under it), and the height a data label needs, in points.
COLUMN_PLOT_POINTS = 270
LABEL_POINTS = 14
# A meeting deck stays a meeting deck whatever the portfolio's size (at most 24 slides: title,
# summary, three of plans, one each of areas, progress, ammunition and campaign, five each of
# changes, attention and evidence); the meeting pack's workbook has every row.
MAX_TABLE_SLIDES = 5
MAX_PLAN_SLIDES = 3
MAX_AREA_SLIDES = 1
# A command quoted in a sentence: Impress draws Consolas with a monospace font it has.
CODE_FONT = "Consolas"
# A slide's reading under its title, in points, and the least it shrinks to keep one line.
SUBTITLE_SIZE = 14
SMALLEST_SUBTITLE_SIZE = 10
# A month on a date axis: ISO in English, as Serbian writes it elsewhere ("03.2021.").
MONTH_FORMAT = "yyyy-mm"
MONTH_FORMATS = {"sr": "mm.yyyy."}


def render(pack: MeetingPack, progress: Callable[[float, str], None]) -> bytes:
    deck = Presentation()
    deck.slide_width = Inches(SLIDE_WIDTH)
    deck.slide_height = Inches(SLIDE_HEIGHT)
    progress(0.15, t("Title and summary slides"))
    _title_slide(deck, pack)
    _summary_slide(deck, pack)
    progress(0.3, t("Charts"))
    by_plan, by_area = heading(sections.STATUS_BY_PLAN), heading(sections.STATUS_BY_AREA)
    _status_slides(deck, by_plan, pack.status_by_plan, _plan_labels(pack), MAX_PLAN_SLIDES, "plan")
    _status_slides(deck, by_area, pack.status_by_area, pack.area_labels, MAX_AREA_SLIDES, "area")
    _progress_slides(deck, pack)
    _ammunition_slide(deck, pack)
    _campaign_slide(deck, pack)
    progress(0.6, t("Tables"))
    _changes_slides(deck, pack)
    _attention_slides(deck, pack)
    _evidence_slides(deck, pack)
    _footers(deck, pack)
    progress(0.9, t("Saving the deck"))
    buffer = BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


# --- slides -------------------------------------------------------------------------------


def _title_slide(deck: Deck, pack: MeetingPack) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[0])
    background = slide.background.fill
    background.solid()
    background.fore_color.rgb = NAVY
    band = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(MARGIN), Inches(2.95), Inches(1.2), Inches(0.08)
    )
    fill(band, ACCENT)
    title = slide.shapes.title
    place(title, MARGIN, 1.3, CONTENT_WIDTH, 1.5)
    set_text(title.text_frame, pack.title, size=40, bold=True, colour=WHITE)
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    subtitle = slide.placeholders[1]
    place(subtitle, MARGIN, 3.25, CONTENT_WIDTH, 3.6)
    lines = []
    if pack.unreadable_note:
        # Above everything else: the figures that follow leave these objectives out.
        lines.append((pack.unreadable_note, 18, WARNING))
    lines.append(
        (sentences.plans_named(pack), 20 if len(pack.plans) <= MAX_PLANS_NAMED else 16, WHITE)
    )
    lines.append((pack.as_of_line, 20, WHITE))
    prepared = t("Prepared {when}", when=long_day(pack.prepared))
    lines.append((f"{prepared} · {pack.scope}", 14, RULE))
    lines.append((pack.audience_note, 14, RULE))
    if pack.problems_note:
        lines.append((pack.problems_note, 14, WARNING))
    frame = subtitle.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for index, (text, size, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        paragraph.space_after = Pt(6)
        # A command the sentence quotes in backticks (Markdown's way) is set in a typewriter
        # face: the slide showed the backticks ("`python -m tracker validate`").
        for part, words in enumerate(text.split("`")):
            if words:
                run = add_run(paragraph, words, size=size, colour=colour)
                if part % 2:
                    run.font.name = CODE_FONT


def _summary_slide(deck: Deck, pack: MeetingPack) -> None:
    figures = pack.kpis
    slide = _content_slide(deck, heading(sections.SUMMARY), sentences.summary(pack))
    average = percent(figures.average_progress)
    # With none reporting, "no figure yet" under the dash (was "over 0 of 15 objectives").
    average_detail = average_note(
        figures.average_progress, figures.progress_known, figures.objectives
    )
    completed = t(
        "{count} of {total}",
        count=format_count(figures.completed),
        total=format_count(figures.objectives),
    )
    tiles: list[tuple[str, str, RGBColor, str | None]] = [
        (t("Objectives"), format_count(figures.objectives), NAVY, None),
        (
            status_label("completed"),
            completed,
            rgb(STATUS_COLOURS["completed"]),
            share_in_words(figures.completed, figures.objectives),
        ),
        (
            status_label("on-track"),
            format_count(figures.on_track),
            rgb(STATUS_COLOURS["on-track"]),
            None,
        ),
        (
            status_label("at-risk"),
            format_count(figures.at_risk),
            rgb(STATUS_COLOURS["at-risk"]),
            None,
        ),
        (
            status_label("off-track"),
            format_count(figures.off_track),
            rgb(STATUS_COLOURS["off-track"]),
            None,
        ),
        (
            status_label("not-assessed"),
            format_count(figures.not_assessed),
            rgb(STATUS_COLOURS["not-assessed"]),
            None,
        ),
        (
            t("Overdue"),
            format_count(figures.overdue),
            rgb(STATUS_COLOURS["off-track"]),
            t("assessed, past the due date"),
        ),
        (
            t("Past due, never assessed"),
            format_count(figures.past_due_unassessed),
            rgb(STATUS_COLOURS["not-assessed"]),
            None,
        ),
        (
            t("Stale (no recent update)"),
            format_count(figures.stale),
            rgb(STATUS_COLOURS["at-risk"]),
            None,
        ),
        (t("Average progress"), average, ACCENT, average_detail),
        (pack.changes_title, format_count(len(pack.changes)), ACCENT, None),
    ]
    columns, gap = 6, 0.2
    width = (CONTENT_WIDTH - gap * (columns - 1)) / columns
    height = 2.2
    for index, (label, value, colour, note) in enumerate(tiles):
        row, column = divmod(index, columns)
        left = MARGIN + column * (width + gap)
        top = CONTENT_TOP + 0.2 + row * (height + 0.35)
        _kpi_tile(slide, left, top, width, height, label, value, colour, note)


def _largest(table: pd.DataFrame, sizes: pd.Series, slides: int) -> list[str]:
    """The rows of the largest groups that `slides` charts hold, in the table's order."""
    room = slides * CATEGORIES_PER_CHART
    if len(table) <= room:
        return list(table.index)
    kept = set(sizes.sort_values(ascending=False, kind="stable").index[:room])
    return [name for name in table.index if name in kept]


def _left_out(kind: str, groups: int, objectives: int) -> str:
    """What the deck leaves out, said for a meeting: the workbook has it, no command to run."""
    if kind == "plan":
        return tn(
            "{count} smaller plan is not on these slides ({objectives} objectives): the "
            "meeting pack's workbook lists every plan.",
            "{count} smaller plans are not on these slides ({objectives} objectives in all): "
            "the meeting pack's workbook lists every plan.",
            groups,
            objectives=objectives,
        )
    return tn(
        "{count} smaller area is not on these slides ({objectives} objectives): the meeting "
        "pack's workbook lists every area.",
        "{count} smaller areas are not on these slides ({objectives} objectives in all): the "
        "meeting pack's workbook lists every area.",
        groups,
        objectives=objectives,
    )


def _status_slides(
    deck: Deck, title: str, table: pd.DataFrame, labels: dict[str, str], slides: int, kind: str
) -> None:
    """Stacked bars of objectives per status, on up to `slides` slides: the largest groups,
    and the rest said in words on the last slide."""
    totals = table.sum(axis=1)
    kept = _largest(table, totals, slides)
    left = [name for name in table.index if name not in set(kept)]
    rest = _left_out(kind, len(left), int(totals.loc[left].sum())) if left else ""
    pages = _pages(kept, CATEGORIES_PER_CHART)
    for number_, names in enumerate(pages, start=1):
        chunk = table.loc[names]
        reading = sentences.status(chunk)
        if rest and number_ == len(pages):
            reading = rest
        slide = _content_slide(deck, _continued(title, number_, len(pages)), reading)
        data = _bar_data(
            "0",
            [_group_label(labels.get(name, name), 60) for name in names],
            [(status_label(s), [int(v) for v in chunk[s]]) for s in STATUS_ORDER],
        )
        chart = _add_chart(slide, XL_CHART_TYPE.BAR_STACKED, data, height=len(names))
        for series, status in zip(chart.plots[0].series, STATUS_ORDER, strict=True):
            _colour_series(
                series,
                STATUS_COLOURS[status],
                number_format=chart_number_format(COUNT_LABEL_FORMAT),
            )
        _count_axis(chart, int(chunk.sum(axis=1).max()))


def _progress_slides(deck: Deck, pack: MeetingPack) -> None:
    table = pack.progress_by_area
    kept = _largest(table, table["objectives"], MAX_AREA_SLIDES)
    left = [name for name in table.index if name not in set(kept)]
    left_objectives = int(table.loc[left, "objectives"].sum())
    rest = _left_out("area", len(left), left_objectives) if left else ""
    pages = _pages(kept, CATEGORIES_PER_CHART)
    for number_, names in enumerate(pages, start=1):
        title = _continued(heading(sections.PROGRESS_BY_AREA), number_, len(pages))
        chunk = table.loc[names]
        reading = rest if rest and number_ == len(pages) else sentences.progress(chunk)
        slide = _content_slide(deck, title, reading)
        categories = [
            f"{_group_label(pack.area_labels.get(name, name), 48)} "
            + t("({known} of {total})", known=int(row.known), total=int(row.objectives))
            for name, row in zip(names, chunk.itertuples(), strict=True)
        ]
        values = [None if pd.isna(v) else float(v) for v in chunk["average_progress"]]
        data = _bar_data(percent_format(), categories, [(t("Average progress"), values)])
        chart = _add_chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, data, height=len(names))
        chart.has_legend = False
        chart.has_title = False
        chart.value_axis.minimum_scale = 0
        chart.value_axis.maximum_scale = 100
        chart.value_axis.major_unit = 20
        chart.value_axis.tick_labels.number_format = percent_format()
        chart.value_axis.tick_labels.number_format_is_linked = False
        series = chart.plots[0].series[0]
        _colour_series(series, PROGRESS_COLOUR, number_format=percent_format(), label_colour=INK)
        series.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        _share_labels_near_the_ends(series, values)
        _gridlines(chart)


def _ammunition_slide(deck: Deck, pack: MeetingPack) -> None:
    outlooks = pack.ammunition
    if not outlooks:
        slide = _content_slide(deck, heading(sections.AMMUNITION), None)
        _message(slide, sentences.ammunition(outlooks))
        return
    combined = len(outlooks) > AMMUNITION_PER_CHART
    rows = _combined_outlooks(outlooks) if combined else outlooks
    subtitle = sentences.ammunition(outlooks)
    if combined:
        subtitle += " " + t(
            "{count} objectives combined per unit; the workbook lists each.", count=len(outlooks)
        )
    slide = _content_slide(deck, heading(sections.AMMUNITION), subtitle)
    data = _bar_data(
        chart_number_format("#,##0"),
        [shorten_label(one_line(row.title), 60) for row in rows],
        [
            (t("Destroyed"), [_reached(row) for row in rows]),
            (t("Remaining"), [row.remaining or 0.0 for row in rows]),
            # An unmeasured target is its own grey bar: unknown, never read as "remaining".
            (
                t("Not measured yet"),
                [0.0 if row.measured else row.target - row.baseline for row in rows],
            ),
        ],
    )
    chart_height = min(3.0, 0.9 + 0.55 * len(rows))
    chart = _add_chart(
        slide, XL_CHART_TYPE.BAR_STACKED, data, top=CONTENT_TOP, box_height=chart_height
    )
    chart.value_axis.minimum_scale = 0
    chart.value_axis.maximum_scale = max(row.target - row.baseline for row in rows)
    chart.value_axis.tick_labels.number_format = chart_number_format("#,##0")
    chart.value_axis.tick_labels.number_format_is_linked = False
    destroyed, remaining, unmeasured = chart.plots[0].series
    amount = chart_number_format(AMOUNT_LABEL_FORMAT)
    _colour_series(destroyed, STATUS_COLOURS["on-track"], number_format=amount)
    _colour_series(remaining, STATUS_COLOURS["not-started"], number_format=amount)
    _colour_series(unmeasured, STATUS_COLOURS["not-assessed"], number_format='"";"";"";')
    _gridlines(chart)
    columns = [
        Column(t("Objective"), 3.7),
        Column(t("Target"), 1.2, PP_ALIGN.RIGHT),
        Column(t("Destroyed"), 1.3, PP_ALIGN.RIGHT),
        Column(t("As of"), 1.15),
        Column(t("Rate per year"), 1.35, PP_ALIGN.RIGHT),
        Column(t("Projected completion"), 1.45),
        Column(t("Due"), 1.15),
        Column(t("On course"), 0.8),
    ]
    cells = [
        [
            Cell(shorten_label(one_line(row.title), 70)),
            Cell(sentences.amount(row)),
            Cell(t("not measured yet") if row.destroyed is None else measured(row.destroyed)),
            Cell(day(row.as_of) or "–"),
            Cell(rate(row.rate_per_year)),
            Cell(day(row.projected_completion) or "–"),
            Cell(day(row.due)),
            Cell(sentences.yes_no(row.on_course)),
        ]
        for row in rows
    ]
    table_top = CONTENT_TOP + chart_height + 0.2
    add_table(slide, columns, cells, table_top)
    if not combined:
        trend_top = table_top + table_height(columns, cells) + 0.25
        _ammunition_trend(slide, pack, outlooks, trend_top)


def _ammunition_trend(
    slide: Slide, pack: MeetingPack, outlooks: list[AmmunitionOutlook], top: float
) -> None:
    """Running totals over time against the target: how fast the gap is closing."""
    grouped = measurements_by_objective(pack.frames, {i for o in outlooks for i in o.objective_ids})
    histories = {o.objective_id: programme_measurements(pack.frames, o, grouped) for o in outlooks}
    shown = [o for o in outlooks if len(histories[o.objective_id]) and o.destroyed is not None]
    height = CONTENT_BOTTOM - top
    if not shown or height < 1.8:
        return
    data = XyChartData()
    for outlook in shown:
        # Every plan's measurements of one programme on one line.
        mine = histories[outlook.objective_id]
        series = data.add_series(
            t("{objective}: destroyed so far", objective=shorten_label(one_line(outlook.title), 40))
        )
        for when, total in zip(mine["date"], mine["total"], strict=True):
            series.add_data_point(_serial(when), float(total))
    first = min(histories[o.objective_id]["date"].min() for o in shown)
    for outlook in shown:
        target = data.add_series(t("Target: {amount}", amount=sentences.amount(outlook)))
        target.add_data_point(_serial(first), outlook.target)
        target.add_data_point(_serial(pd.Timestamp(outlook.due)), outlook.target)
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.XY_SCATTER_LINES,
        Inches(MARGIN),
        Inches(top),
        Inches(CONTENT_WIDTH),
        Inches(height),
        data,
    )
    chart = frame.chart
    chart.has_title = False
    chart.font.size = Pt(11)
    chart.font.name = FONT
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    axis = chart.category_axis
    language = current_language().split("-")[0]
    axis.tick_labels.number_format = MONTH_FORMATS.get(language, MONTH_FORMAT)
    axis.tick_labels.number_format_is_linked = False
    chart.value_axis.minimum_scale = 0
    chart.value_axis.tick_labels.number_format = chart_number_format("#,##0")
    chart.value_axis.tick_labels.number_format_is_linked = False
    _gridlines(chart)
    lines = chart.plots[0].series
    for index, series in enumerate(lines):
        is_target = index >= len(shown)
        series.format.line.color.rgb = rgb(
            TARGET_COLOUR if is_target else STATUS_COLOURS["completed"]
        )
        series.format.line.width = Pt(2.25)
        series.smooth = False
        if is_target:
            series.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            series.marker.style = XL_MARKER_STYLE.NONE


def _serial(when: pd.Timestamp) -> float:
    """A date as the day number spreadsheets and charts count in (1899-12-30 is day 0)."""
    return float((pd.Timestamp(when) - pd.Timestamp("1899-12-30")).days)


def _campaign_slide(deck: Deck, pack: MeetingPack) -> None:
    table = pack.campaign
    if table.empty:
        slide = _content_slide(deck, heading(sections.CAMPAIGN), None)
        _message(slide, sentences.campaign(table))
        return
    slide = _content_slide(deck, heading(sections.CAMPAIGN), sentences.campaign(table))
    data = CategoryChartData(number_format="0")
    data.categories = [quarter(q) for q in table.index]
    for kind in table.columns:
        data.add_series(sentences.evidence_kind(kind), [int(v) for v in table[kind]])
    chart = _add_chart(slide, XL_CHART_TYPE.COLUMN_STACKED, data, horizontal=False)
    largest = _count_axis(chart, int(table.sum(axis=1).max()))
    # A segment lower than its label has none (over many quarters the 1s and 2s were piled on
    # one another): the smallest count whose share of the axis holds a line of 11 pt text.
    smallest = max(1, math.ceil(largest * LABEL_POINTS / COLUMN_PLOT_POINTS))
    for series, kind in zip(chart.plots[0].series, table.columns, strict=True):
        _colour_series(
            series,
            kind_colour(str(kind)),
            number_format=chart_number_format(f'[>={smallest}]#,##0;""'),
        )


def _changes_slides(deck: Deck, pack: MeetingPack) -> None:
    title = pack.changes_title
    if pack.changes.empty:
        slide = _content_slide(deck, title, None)
        _message(slide, sentences.changes(pack))
        return
    columns = [
        Column(t("Date"), 1.15),
        Column(t("Objective"), 3.5),
        Column(t("Change"), 1.25),
        Column(t("Detail"), CONTENT_WIDTH - 8.3),
        Column(t("Link"), 2.4),
    ]
    rows = (
        [
            Cell(day(change.date)),
            Cell(f"{one_line(change.title)} ({one_line(change.objective_id)})"),
            Cell(sentences.change_kind(change.change)),
            Cell(one_line(change.detail)),
            _link_cell(change.url, columns[-1]),
        ]
        for change in pack.changes.itertuples(index=False)
    )
    _table_slides(deck, title, sentences.changes(pack), columns, rows, len(pack.changes))


def _attention_slides(deck: Deck, pack: MeetingPack) -> None:
    title = heading(sections.ATTENTION)
    table = pack.attention
    if table.empty:
        slide = _content_slide(deck, title, None)
        _message(slide, sentences.attention(pack))
        return
    columns = [
        Column(t("Objective"), 4.0),
        Column(t("Owner"), 2.3),
        Column(t("Status"), 1.3),
        Column(t("Why"), 1.7),
        Column(t("Due"), 1.2),
        Column(t("Last update"), CONTENT_WIDTH - 10.5),
    ]
    rows = (
        [
            Cell(f"{one_line(row.title)} ({one_line(row.id)})"),
            Cell(one_line(row.owner)),
            Cell(status_label(str(row.status)), status=str(row.status)),
            Cell(one_line(row.reason)),
            Cell(day(row.due)),
            Cell(day(row.last_update) or t("never")),
        ]
        for row in table.itertuples(index=False)
    )
    _table_slides(deck, title, sentences.attention(pack), columns, rows, len(table))


def _evidence_slides(deck: Deck, pack: MeetingPack) -> None:
    title = heading(sections.EVIDENCE)
    table = pack.evidence
    if table.empty:
        slide = _content_slide(deck, title, None)
        _message(slide, sentences.evidence(pack))
        return
    internal = pack.audience == "internal"
    columns = [
        Column(t("Date"), 1.15),
        Column(t("Objective"), 3.3),
        Column(
            tp("a table column, one evidence item a row", "Evidence"),
            CONTENT_WIDTH - 8.15 - (0.9 if internal else 0),
        ),
        Column(t("Kind"), 1.2),
        Column(t("Link (click to open)"), 2.5),
    ]
    if internal:
        columns.append(Column(t("Access"), 0.9))

    def rows() -> Iterator[list[Cell]]:
        for item in table.itertuples(index=False):
            # The title kept to two lines or so: the appendix is about the evidence, and the
            # workbook has every title in full.
            objective = shorten_label(one_line(item.objective_title), 70)
            row = [
                Cell(day(item.date)),
                Cell(f"{objective} ({one_line(item.objective_id)})"),
                Cell(one_line(item.title)),
                Cell(sentences.evidence_kind(item.kind)),
                _link_cell(item.url, columns[4]),
            ]
            if internal:
                row.append(Cell(sentences.access(item.access)))
            yield row

    _table_slides(deck, title, sentences.evidence(pack), columns, rows(), len(table))


# --- building blocks ----------------------------------------------------------------------


def _content_slide(deck: Deck, title: str, subtitle: str | None) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    heading = slide.shapes.title
    place(heading, MARGIN, 0.35, CONTENT_WIDTH, 0.75)
    set_text(heading.text_frame, title, size=28, bold=True, colour=NAVY)
    heading.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    heading.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    rule = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(MARGIN), Inches(1.13), Inches(0.9), Inches(0.06)
    )
    fill(rule, ACCENT)
    if subtitle:
        box = text_box(slide, MARGIN, 1.2, CONTENT_WIDTH, 0.38)
        set_text(box.text_frame, subtitle, size=_subtitle_size(subtitle), colour=MUTED)
    return slide


def _kpi_tile(
    slide: Slide,
    left: float,
    top: float,
    width: float,
    height: float,
    label: str,
    value: str,
    colour: RGBColor,
    note: str | None,
) -> None:
    tile = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(width), Inches(height)
    )
    fill(tile, STRIPE)
    marker = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(left), Inches(top), Inches(0.09), Inches(height)
    )
    fill(marker, colour)
    figure = text_box(slide, left + 0.25, top + 0.2, width - 0.35, 1.0)
    size = _figure_size(value, width - 0.35 - TEXT_BOX_MARGINS)
    set_text(figure.text_frame, value, size=size, bold=True, colour=NAVY)
    # On the box's floor, so a smaller figure ("2,900 of 10,000") stands on the same line as
    # its neighbours at 40 pt instead of hanging from the top.
    figure.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    caption = text_box(slide, left + 0.25, top + 1.2, width - 0.35, height - 1.25)
    set_text(caption.text_frame, label, size=14, colour=INK)
    if note:
        add_run(caption.text_frame.add_paragraph(), note, size=11, colour=MUTED)


def _bar_data(
    number_format: str,
    categories: list[str],
    series: list[tuple[str, list[float | None]]],
) -> CategoryChartData:
    """Data for a horizontal bar chart, which draws its first category at the bottom.

    The categories go in last-first so the chart reads top-down in the table's order.
    (Reversing the axis instead moves the value axis to the top, and Impress and PowerPoint
    disagree about how to move it back.)
    """
    data = CategoryChartData(number_format=number_format)
    data.categories = list(reversed(categories))
    for name, values in series:
        data.add_series(name, list(reversed(values)))
    return data


def _add_chart(
    slide: Slide,
    kind: XL_CHART_TYPE,
    data: CategoryChartData,
    height: int = 0,
    horizontal: bool = True,
    top: float = CONTENT_TOP + 0.1,
    box_height: float | None = None,
):  # type: ignore[no-untyped-def]  # python-pptx's Chart has no public type to import
    """A chart filling the content area, with the first category at the top."""
    if box_height is None:
        full = CONTENT_BOTTOM - top
        box_height = full if not horizontal else min(full, max(3.2, 1.3 + 0.42 * height))
    frame = slide.shapes.add_chart(
        kind, Inches(MARGIN), Inches(top), Inches(CONTENT_WIDTH), Inches(box_height), data
    )
    chart = frame.chart
    # The slide's title says what the chart is: a chart of one series left to itself gets
    # that series' name as a title from Impress ("Panel" above the campaign's columns).
    chart.has_title = False
    chart.font.size = Pt(12)
    chart.font.name = FONT
    chart.font.color.rgb = INK
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(11)
    plot = chart.plots[0]
    plot.gap_width = 45
    if kind in (XL_CHART_TYPE.BAR_STACKED, XL_CHART_TYPE.COLUMN_STACKED):
        plot.overlap = 100
    chart.category_axis.format.line.color.rgb = RULE
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.value_axis.tick_labels.font.size = Pt(11)
    chart.value_axis.tick_labels.font.color.rgb = MUTED
    chart.value_axis.format.line.fill.background()
    return chart


def _gridlines(chart) -> None:  # type: ignore[no-untyped-def]
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RULE


def _count_axis(chart, largest: int) -> int:  # type: ignore[no-untyped-def]
    """Whole-number ticks for counts: half an objective is not a thing. Gives the axis's
    top."""
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        step = candidate
        if largest / candidate <= 8:
            break
    axis = chart.value_axis
    axis.minimum_scale = 0
    axis.major_unit = step
    axis.maximum_scale = top = max(step, math.ceil(largest / step) * step)
    axis.tick_labels.number_format = chart_number_format("#,##0")
    axis.tick_labels.number_format_is_linked = False
    _gridlines(chart)
    return top


def _share_labels_near_the_ends(
    series,  # type: ignore[no-untyped-def]
    values: Sequence[float | None],
) -> None:
    """A bar whose whole-number label would say 0 % or 100 % of what is neither (99.96 % read
    as "100 %") is labelled as format_percent writes it, ">99,9 %", "0,3 %"; the others keep
    the chart's own number format."""
    for index, value in enumerate(values):
        if value is not None and 0 < value < 100 and round(value) in (0, 100):
            label = series.points[index].data_label
            label.text_frame.text = percent(value)
            label.font.size = Pt(11)
            label.font.bold = True
            label.font.color.rgb = INK
            label.position = XL_LABEL_POSITION.OUTSIDE_END


def _colour_series(
    series,  # type: ignore[no-untyped-def]
    colour: str,
    number_format: str,
    label_colour: RGBColor | None = None,
) -> None:
    """Fill a series with its colour and label each bar; zeros get no label (format hides them)."""
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = rgb(colour)
    labels = series.data_labels
    labels.show_value = True
    labels.number_format = number_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(11)
    labels.font.bold = True
    labels.font.color.rgb = label_colour or contrast(colour)
    # A label is one line: Impress wrapped "277,463" inside its bar as "277,46" over "3".
    labels._element.get_or_add_txPr().bodyPr.set("wrap", "none")


def _table_slides(
    deck: Deck,
    title: str,
    subtitle: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    count: int,
) -> None:
    """A table that continues on as many slides as it needs, never running off the page, up
    to MAX_TABLE_SLIDES; the `count` rows are made as the slides take them (`rows` may be a
    generator), so the thousands a large portfolio leaves out are never built or measured."""
    shown = table_pages(columns, rows, TABLE_BOTTOM - TABLE_TOP, limit=MAX_TABLE_SLIDES)
    left_out = count - sum(len(page) for page in shown)
    for number_, page in enumerate(shown, start=1):
        text = subtitle if number_ == 1 else t("{reading} (continued)", reading=subtitle)
        if left_out and number_ == len(shown):
            text = t(
                "{count} more rows are not shown here: the Excel workbook of the meeting pack "
                "has every row.",
                count=left_out,
            )
        slide = _content_slide(deck, _continued(title, number_, len(shown)), text)
        add_table(slide, columns, page, TABLE_TOP)


def _message(slide: Slide, text: str) -> None:
    box = text_box(slide, MARGIN, CONTENT_TOP + 0.4, CONTENT_WIDTH, 1.0)
    set_text(box.text_frame, text, size=20, colour=MUTED)


def _footers(deck: Deck, pack: MeetingPack) -> None:
    """Every slide but the title says which data it shows and where it sits in the deck."""
    total = len(deck.slides)
    for number_, slide in enumerate(deck.slides, start=1):
        if number_ == 1:
            continue
        line = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Inches(MARGIN), Inches(7.0), Inches(CONTENT_WIDTH), Emu(9525)
        )
        fill(line, RULE)
        left = text_box(slide, MARGIN, 7.03, 10.5, 0.35)
        set_text(left.text_frame, pack.footer, size=10, colour=MUTED)
        # Said outright: Impress centres a text box's paragraph that names no alignment.
        left.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
        right = text_box(slide, SLIDE_WIDTH - MARGIN - 1.5, 7.03, 1.5, 0.35)
        set_text(right.text_frame, f"{number_} / {total}", size=10, colour=MUTED)
        right.text_frame.paragraphs[0].alignment = PP_ALIGN.RIGHT


# --- small helpers ------------------------------------------------------------------------


def _plan_labels(pack: MeetingPack) -> dict[str, str]:
    """Plans by their short names, as the app's charts name them ("IPAP 2")."""
    return {plan_id: plan_name(plan_id) for plan_id, _title in pack.plans}


def _subtitle_size(text: str) -> int:
    """A slide's reading at 14 pt, smaller when that would not fit one line: a second line
    runs into the chart below (the Serbian ammunition reading at 25 plans did)."""
    room = CONTENT_WIDTH - TEXT_BOX_MARGINS
    size = SUBTITLE_SIZE
    while size > SMALLEST_SUBTITLE_SIZE and text_width(text, size) > room:
        size -= 1
    return size


def _figure_size(value: str, room: float) -> int:
    """The tile's figure at 40 pt, smaller when its text would not fit on one line of `room`
    inches ("1 of 38"), measured in the deck's font; a figure that would need less than 24 pt
    for one line takes two at the largest size that fits them ("2,900 of" over "10,000"),
    rather than wrapping wherever the box ends at 18 pt."""
    for size in range(40, 23, -1):
        if text_width(value, size, bold=True) <= room:
            return size
    for size in range(40, 13, -1):
        if wrapped_lines(value, room, size, bold=True) <= 2:
            return size
    return 14


def _combined_outlooks(outlooks: list[AmmunitionOutlook]) -> list[AmmunitionOutlook]:
    """Many destruction objectives become one bar per unit, so the chart stays readable."""
    combined = []
    for unit in sorted({o.unit for o in outlooks}):
        same = [o for o in outlooks if o.unit == unit]
        destroyed = sum(o.destroyed or 0.0 for o in same)
        target = sum(o.target for o in same)
        baseline = sum(o.baseline for o in same)
        known = [o.as_of for o in same if o.as_of]
        measured = [o for o in same if o.measured]
        combined.append(
            AmmunitionOutlook(
                objective_id=f"all-{unit}",
                title=t(
                    "All {count} objectives ({unit})", count=len(same), unit=sentences.unit(unit)
                ),
                unit=unit,
                baseline=baseline,
                target=target,
                destroyed=destroyed if measured else None,
                remaining=sum(o.remaining or 0.0 for o in measured) if measured else None,
                as_of=max(known) if known else None,
                rate_per_year=None,
                projected_completion=None,
                due=max(o.due for o in same),
                on_course=None,
            )
        )
    return combined


def _reached(outlook: AmmunitionOutlook) -> float:
    return 0.0 if outlook.destroyed is None else max(0.0, outlook.destroyed - outlook.baseline)


def _link_cell(url: object, column: Column) -> Cell:
    """A short clickable label that fits its column on one line (tracker.export.text
    .link_label); the full address opens when clicked."""
    address = web_link(url)
    if address is None:
        return Cell("")
    return Cell(link_label(address, link_characters(column.width)), link=uri(address))


def _pages(items: list[str], size: int) -> list[list[str]]:
    """The items on as few slides of at most `size` as they need, shared out evenly: 25 plans
    go 9, 8 and 8, not 12, 12 and a slide of one bar."""
    if not items:
        return [[]]
    count = math.ceil(len(items) / size)
    share, extra = divmod(len(items), count)
    pages, start = [], 0
    for number_ in range(count):
        end = start + share + (1 if number_ < extra else 0)
        pages.append(items[start:end])
        start = end
    return pages


def _group_label(label: str, limit: int) -> str:
    """An area's label cut to `limit` characters at a word, keeping the plan it belongs to
    ("Public diplomacy, scientific… · IPAP 1"): cut from the end, the plan went first, and
    two plans' areas of one name could no longer be told apart. An English title standing in
    for a translation keeps its mark whole ("… (на енглеском) · ПЛАН-19"), as on the screen."""
    text = one_line(label)
    if len(text) <= limit or " · " not in text:
        return shorten_label(text, limit)
    area, plan = text.rsplit(" · ", 1)
    return f"{shorten_label(area, max(12, limit - len(plan) - 3))} · {plan}"


def _continued(title: str, number_: int, total: int) -> str:
    return title if total == 1 else f"{title} ({number_}/{total})"
