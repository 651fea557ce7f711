"""The deck's toolkit: slide geometry, colours, and tables, shapes and text set in python-pptx.

Nothing here knows what a slide says (that is tracker.export.pptx); it knows how a table is
split to fit a slide, how a row's height is estimated from its text, and how a shape or a run
of text gets the deck's look. Every text is set as plain text: nothing in the data is markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from tracker.export.pptx_fonts import wrapped_lines
from tracker.export.text import NO_BREAK, unbroken
from tracker.statuses import STATUS_COLOURS, readable_text_colour

SLIDE_WIDTH = 13.333
SLIDE_HEIGHT = 7.5
MARGIN = 0.6
CONTENT_TOP = 1.55
CONTENT_BOTTOM = 6.85
CONTENT_WIDTH = SLIDE_WIDTH - 2 * MARGIN
# A table that continues on the next slide starts and ends here (tracker.export.pptx).
TABLE_TOP = CONTENT_TOP + 0.05
TABLE_BOTTOM = CONTENT_BOTTOM - 0.05

NAVY = RGBColor(0x1B, 0x2A, 0x41)
ACCENT = RGBColor(0x2F, 0x6F, 0xB0)
INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x5F, 0x66, 0x70)
RULE = RGBColor(0xD9, 0xDE, 0xE5)
STRIPE = RGBColor(0xF3, 0xF5, 0xF8)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
WARNING = RGBColor(0xF0, 0xA5, 0x00)

TABLE_FONT = 11
# Measured in LibreOffice Impress's render of the decks (pdftotext -bbox, rows of one to five
# lines): a row is 0.100 in plus 0.183 in a line. Taken as measured: rounded up to 0.105 +
# 0.185, the hair to spare added up to 0.08 in over a slide's rows and sent a row that fitted
# to the next slide; the 0.2 in between TABLE_BOTTOM and the footer's rule takes any error
# (tests/export/test_deck_rendered.py checks both ways).
LINE_HEIGHT = 0.183  # inches per line of 11 pt text, with the leading Impress gives it
ROW_PADDING = 0.100  # top and bottom cell margins together, and the row's rule
# A row that fills the room to the last thousandth fits: sums of floats are not exact.
FITS = 1e-6
CELL_MARGINS = 0.16  # left and right cell margins together (cell_text sets 0.08 each)
TEXT_BOX_MARGINS = 0.2  # a text box's left and right insets together (0.1 in each)
# Named on every run and chart: Calibri has Cyrillic and is what PowerPoint has everywhere;
# LibreOffice draws it with Carlito (same widths, Cyrillic too; fonts-crosextra-carlito).
FONT = "Calibri"


@dataclass(frozen=True)
class Column:
    """A table column: its heading, its width on the slide and how its cells align."""

    name: str
    width: float  # inches
    align: PP_ALIGN = PP_ALIGN.LEFT


@dataclass(frozen=True)
class Cell:
    """One table cell's text, with a link or a status colour when it has one."""

    text: str
    link: str | None = None
    status: str | None = None  # a status name: the cell takes the status colour


def link_characters(width: float) -> int:
    """How many characters of a link fit one line of a `width`-inch column: a link is one
    long word that cannot wrap at a space, so this counts wide letters (12 an inch at 11 pt)
    rather than the average letter row_height reckons with."""
    return max(8, int((width - 0.2) * 12))


def table_pages(
    columns: Sequence[Column],
    rows: Iterable[Sequence[Cell]],
    available: float,
    limit: int | None = None,
) -> list[list[Sequence[Cell]]]:
    """The rows split into slides of `available` inches, header included; with `limit`, only
    the first `limit` slides: the rows after them are never taken from `rows` nor measured
    (at 10,000 objectives, measuring 20,000 rows for the 5 slides shown was most of the
    deck's time)."""
    header = header_height(columns)
    pages: list[list[Sequence[Cell]]] = []
    page: list[Sequence[Cell]] = []
    used = header
    for row in rows:
        height = row_height(columns, row)
        if page and used + height > available + FITS:
            pages.append(page)
            if limit is not None and len(pages) >= limit:
                return pages
            page, used = [], header
        page.append(row)
        used += height
    if page:
        pages.append(page)
    return pages


def row_height(columns: Sequence[Column], row: Sequence[Cell], bold: bool = False) -> float:
    """Estimate how tall a row renders: its tallest cell, each cell's text wrapped word by
    word into its column at the width the deck's font gives it (tracker.export.pptx_fonts).
    Headings and status cells are bold, as add_table sets them."""
    lines = 1
    for column, cell in zip(columns, row, strict=True):
        room = column.width - CELL_MARGINS
        heavy = bold or cell.status is not None
        lines = max(lines, wrapped_lines(unbroken(cell.text), room, TABLE_FONT, heavy))
    return ROW_PADDING + LINE_HEIGHT * lines


def header_height(columns: Sequence[Column]) -> float:
    return row_height(columns, [Cell(c.name) for c in columns], bold=True)


def table_height(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> float:
    return header_height(columns) + sum(row_height(columns, row) for row in rows)


def add_table(slide: Slide, columns: Sequence[Column], rows: Sequence[Sequence[Cell]], top: float):  # type: ignore[no-untyped-def]
    height = table_height(columns, rows)
    shape = slide.shapes.add_table(
        len(rows) + 1,
        len(columns),
        Inches(MARGIN),
        Inches(top),
        Inches(sum(c.width for c in columns)),
        Inches(height),
    )
    table = shape.table
    table.first_row = True
    table.horz_banding = False
    for index, column in enumerate(columns):
        table.columns[index].width = Inches(column.width)
    # Rows start one line high and grow to fit their text when drawn (the estimate above
    # only decides where a slide ends). Links are kept short (a host name) because Impress
    # wraps a long link inside a table cell badly.
    one_line = Emu(Inches(ROW_PADDING + LINE_HEIGHT))
    table.rows[0].height = one_line
    for index, column in enumerate(columns):
        cell = table.cell(0, index)
        fill_cell(cell, NAVY)
        cell_text(cell, column.name, colour=WHITE, bold=True, align=column.align)
    for row_index, row in enumerate(rows, start=1):
        table.rows[row_index].height = one_line
        for index, (column, value) in enumerate(zip(columns, row, strict=True)):
            cell = table.cell(row_index, index)
            if value.status:
                colour = STATUS_COLOURS[value.status]
                fill_cell(cell, rgb(colour))
                cell_text(cell, value.text, colour=rgb(readable_text_colour(colour)), bold=True)
                continue
            fill_cell(cell, STRIPE if row_index % 2 == 0 else WHITE)
            cell_text(cell, value.text, link=value.link, align=column.align)
    return shape


def cell_text(
    cell,  # type: ignore[no-untyped-def]
    text: str,
    colour: RGBColor = INK,
    bold: bool = False,
    link: str | None = None,
    align: PP_ALIGN = PP_ALIGN.LEFT,
) -> None:
    cell.margin_left = cell.margin_right = Inches(0.08)
    cell.margin_top = cell.margin_bottom = Inches(0.05)
    cell.vertical_anchor = MSO_ANCHOR.TOP
    frame = cell.text_frame
    frame.word_wrap = True
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    # An empty cell holds a no-break space: Impress draws an empty cell's line at its default
    # 18 pt whatever the run or the paragraph's end say, and a one-line row with an empty
    # cell came out 0.40 in tall where row_height reckons 0.29 (measured in its render).
    shown = text or NO_BREAK
    run = add_run(paragraph, shown, size=TABLE_FONT, bold=bold, colour=ACCENT if link else colour)
    if link:
        run.hyperlink.address = link
        run.font.underline = True


def text_box(slide: Slide, left: float, top: float, width: float, height: float):  # type: ignore[no-untyped-def]
    """A text box that keeps its place and width, its text wrapped inside it. python-pptx's
    own does not wrap, and Impress draws a box that does not wrap around the middle of its
    text, whatever the alignment: the footer's left-aligned line began 2.8 in from the edge."""
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    box.text_frame.word_wrap = True
    return box


def place(shape, left: float, top: float, width: float, height: float) -> None:  # type: ignore[no-untyped-def]
    shape.left, shape.top = Inches(left), Inches(top)
    shape.width, shape.height = Inches(width), Inches(height)


def fill(shape, colour: RGBColor) -> None:  # type: ignore[no-untyped-def]
    shape.fill.solid()
    shape.fill.fore_color.rgb = colour
    shape.line.fill.background()
    shape.shadow.inherit = False


def fill_cell(cell, colour: RGBColor) -> None:  # type: ignore[no-untyped-def]
    cell.fill.solid()
    cell.fill.fore_color.rgb = colour


def set_text(
    frame,  # type: ignore[no-untyped-def]
    text: str,
    size: int,
    colour: RGBColor,
    bold: bool = False,
) -> None:
    frame.clear()
    add_run(frame.paragraphs[0], text, size=size, colour=colour, bold=bold)


def add_run(paragraph, text: str, size: int, colour: RGBColor, bold: bool = False):  # type: ignore[no-untyped-def]
    run = paragraph.add_run()
    run.text = unbroken(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = colour
    return run


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def contrast(colour: str) -> RGBColor:
    return rgb(readable_text_colour(colour))
