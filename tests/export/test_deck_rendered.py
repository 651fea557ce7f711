"""The deck as a real client draws it: LibreOffice Impress turns each deck into a PDF, and the
words' boxes (pdftotext -bbox) say whether a table ran into the footer, a text left the slide
or a cell's word was cut in two.

Four decks, converted once for the module in one `soffice` call: the shipped data with every
change since the first plan began (the Changes slides at their fullest), a generated portfolio
of 10,000 objectives in 25 plans, and both again in Serbian Cyrillic (longer words, other
separators). Each rendered slide is saved as a PNG under tests/artifacts/deck/ for a person to
look at.
"""

from __future__ import annotations

import itertools
import re
import shutil
import statistics
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from tests.equivalence import generate_portfolio
from tests.export.rendered import (
    ARTIFACTS,
    Page,
    Word,
    broken_words,
    poppler_or_skip,
    save_pngs,
    word_boxes,
)
from tests.support import SHIPPED
from tracker.export import build_report
from tracker.export.pptx_fonts import wrapped_lines
from tracker.export.pptx_shapes import (
    CELL_MARGINS,
    CONTENT_TOP,
    MARGIN,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    TABLE_BOTTOM,
    TABLE_FONT,
)
from tracker.export.text import unbroken
from tracker.i18n import format_count, using_language
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 23)
EVERYTHING_SINCE = date(2015, 1, 1)  # before IPAP 1 began: every change is listed
PORTFOLIO_OBJECTIVES = 10_000
PORTFOLIO_PLANS = 25
# One plan of over a thousand objectives: its status axis passes 999 (the 25 plans above stay
# under 400 a bar). 1,100 is about what one file's cap on entries lets in (IPAP_MAX_ENTRIES).
ONE_PLAN = "one-plan-sr-Cyrl"
ONE_PLAN_OBJECTIVES = 1_100
FOOTER_LINE = 7.0  # inches from the top: the footer's rule (tracker.export.pptx._footers)
# Generous: the first start of LibreOffice writes its profile, on a slow shared machine.
CONVERT_TIMEOUT = 300
POINTS = 72


@dataclass
class Rendered:
    name: str
    deck: Presentation
    pages: list[Page]
    pngs: list[Path]


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is missing: apt-get install libreoffice-impress")
    return found


def _deck(folder: Path, language: str, since: date | None) -> bytes:
    portfolio = load_portfolio(folder, today=TODAY)
    with using_language(language):
        frames = build_frames(portfolio, today=TODAY)
        return build_report(frames, portfolio, "pptx", since=since)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    soffice = _soffice()
    poppler_or_skip()
    work = tmp_path_factory.mktemp("deck")
    generated = work / "portfolio"
    generate_portfolio(PORTFOLIO_OBJECTIVES, generated, plans=PORTFOLIO_PLANS)
    one_plan = work / "one-plan"
    generate_portfolio(ONE_PLAN_OBJECTIVES, one_plan, plans=1)
    decks = {
        "shipped": _deck(SHIPPED, "en", EVERYTHING_SINCE),
        "portfolio": _deck(generated, "en", None),
        "sr-Cyrl": _deck(SHIPPED, "sr-Cyrl", EVERYTHING_SINCE),
        "portfolio-sr-Cyrl": _deck(generated, "sr-Cyrl", None),
        ONE_PLAN: _deck(one_plan, "sr-Cyrl", None),
    }
    for name, content in decks.items():
        (work / f"{name}.pptx").write_bytes(content)
    # A profile of its own: two runs at once (xdist, two checkouts) would share the user's.
    profile = (work / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(work), *(str(work / f"{n}.pptx") for n in decks)],
        check=True, capture_output=True, timeout=CONVERT_TIMEOUT,
    )  # fmt: skip
    found = {}
    for name, content in decks.items():
        pdf = work / f"{name}.pdf"
        assert pdf.exists(), f"LibreOffice wrote no PDF for the {name} deck"
        pngs = save_pngs(pdf, ARTIFACTS / "deck", name)
        found[name] = Rendered(name, Presentation(BytesIO(content)), word_boxes(pdf), pngs)
    return found


NAMES = ("shipped", "portfolio", "sr-Cyrl", "portfolio-sr-Cyrl")


def _footer_text(slide) -> str:  # type: ignore[no-untyped-def]
    """What the deck put below the footer's rule: the data line and the slide number."""
    line = Inches(FOOTER_LINE)
    return " ".join(
        shape.text_frame.text
        for shape in slide.shapes
        if shape.has_text_frame and shape.top >= line and shape.text_frame.text
    )


def _tables(slide):  # type: ignore[no-untyped-def]
    return [shape.table for shape in slide.shapes if shape.has_table]


def _cells(slide) -> list[str]:  # type: ignore[no-untyped-def]
    return [cell.text for table in _tables(slide) for row in table.rows for cell in row.cells]


@pytest.mark.parametrize("name", NAMES)
def test_every_slide_is_drawn_and_no_text_leaves_it(
    rendered: dict[str, Rendered], name: str
) -> None:
    deck = rendered[name]
    assert len(deck.pages) == len(deck.deck.slides)
    problems = []
    for number, page in enumerate(deck.pages, start=1):
        assert page.width == pytest.approx(SLIDE_WIDTH * POINTS, abs=1)
        assert page.height == pytest.approx(SLIDE_HEIGHT * POINTS, abs=1)
        for word in page.words:
            if (
                word.left < 0
                or word.top < 0
                or word.right > page.width
                or word.bottom > page.height
            ):
                problems.append(f"slide {number}: {word.text!r} leaves the slide")
            elif word.right > page.width - MARGIN * POINTS / 2:
                problems.append(f"slide {number}: {word.text!r} runs into the right margin")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_no_table_text_lies_in_the_footer_band(rendered: dict[str, Rendered], name: str) -> None:
    """Below the footer's rule only the footer: a table that grew taller than the deck
    reckoned shows as its last row's words down there."""
    deck = rendered[name]
    band = FOOTER_LINE * POINTS
    problems = []
    tables_seen = 0
    for number, (slide, page) in enumerate(zip(deck.deck.slides, deck.pages, strict=True), 1):
        footer = Counter(_footer_text(slide).split())
        below = Counter(" ".join(w.text for w in page.words if w.bottom > band).split())
        if below - footer:
            problems.append(f"slide {number}: {sorted((below - footer).elements())} below the rule")
        if footer - below:
            problems.append(
                f"slide {number}: footer words {sorted((footer - below).elements())} missing"
            )
        if _tables(slide):
            tables_seen += 1
            above = [w.bottom for w in page.words if w.bottom <= band]
            if max(above) > band - 2:
                problems.append(
                    f"slide {number}: a table ends {band - max(above):.1f} pt above the rule"
                )
    assert tables_seen >= 3, "the decks should have table slides to check"
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_no_word_of_a_table_or_a_link_is_cut_in_two(
    rendered: dict[str, Rendered], name: str
) -> None:
    """Every word of every cell comes back whole (a line may break after a hyphen or a
    slash, never inside a word), and a link cell is one line."""
    deck = rendered[name]
    problems = []
    for number, (slide, page) in enumerate(zip(deck.deck.slides, deck.pages, strict=True), 1):
        cells = _cells(slide)
        if not cells:
            continue
        broken = broken_words(" ".join(cells), page)
        if broken:
            problems.append(f"slide {number}: {broken[:5]}")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_the_footer_lines_up_with_the_title(rendered: dict[str, Rendered], name: str) -> None:
    """The footer's data line starts where the title starts (at the margin, as drawn) and the
    slide number ends at the right margin: Impress drew a text box that does not wrap around
    the middle of its text, so the left-aligned footer began about 2.8 in from the edge."""
    deck = rendered[name]
    band = FOOTER_LINE * POINTS
    inset = 0.1 * POINTS  # a text box's own left and right inset
    problems = []
    for number, page in enumerate(deck.pages[1:], 2):
        title = min(w.left for w in page.words if w.bottom < 1.13 * POINTS)
        footer = sorted((w for w in page.words if w.top > band), key=lambda w: w.left)
        if abs(footer[0].left - title) > 1:
            problems.append(
                f"slide {number}: the footer starts at {footer[0].left / POINTS:.2f} in, "
                f"the title at {title / POINTS:.2f} in"
            )
        if abs(footer[-1].right - (page.width - MARGIN * POINTS - inset)) > 1:
            problems.append(f"slide {number}: the slide number ends at {footer[-1].right:.1f} pt")
    assert title == pytest.approx(MARGIN * POINTS + inset, abs=1)
    assert not problems, problems


def test_link_cells_are_short_and_keep_the_full_address(rendered: dict[str, Rendered]) -> None:
    checked = 0
    for deck in rendered.values():
        for slide in deck.deck.slides:
            for table in _tables(slide):
                for row in table.rows:
                    for cell in row.cells:
                        for paragraph in cell.text_frame.paragraphs:
                            for run in paragraph.runs:
                                address = run.hyperlink.address
                                if not address:
                                    continue
                                checked += 1
                                assert len(run.text) <= 32, run.text
                                host = run.text.split("/")[0].split("…")[0]
                                assert host and host in address, (run.text, address)
    assert checked > 10


def test_slides_are_saved_for_a_person(rendered: dict[str, Rendered]) -> None:
    for name, deck in rendered.items():
        assert len(deck.pngs) == len(deck.pages), name
        assert all(png.parent == ARTIFACTS / "deck" for png in deck.pngs), name
        assert all(png.stat().st_size > 1000 for png in deck.pngs), name


def test_a_serbian_deck_is_drawn_in_cyrillic(rendered: dict[str, Rendered]) -> None:
    text = " ".join(page.text() for page in rendered["sr-Cyrl"].pages)
    assert "Промене од" in text


# --- how full a continued table's slide is ----------------------------------------------

EMU_PER_POINT = 12700
CONTINUED = re.compile(r"\((\d+)/(\d+)\)$")
SAME_LINE = 3  # points: words whose tops lie this close are on one line


def _letters(text: str) -> int:
    return len("".join(unicodedata.normalize("NFKC", text).split()))


@dataclass(frozen=True)
class DrawnTable:
    """A table as Impress drew it, read from the words' boxes: where each row starts, in
    points, and how many lines of text its tallest cell took."""

    tops: list[float]
    lines: list[int]


def _drawn_table(shape, page: Page) -> DrawnTable:  # type: ignore[no-untyped-def]
    """Column by column, the lines of words go to the rows in turn until a cell's letters are
    used up. A row starts as far above its first line as the header's first line lies below
    the table's top."""
    table = shape.table
    left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
    tops: dict[int, float] = {}
    lines_in: dict[int, int] = {}
    for index, column in enumerate(table.columns):
        right = left + column.width / EMU_PER_POINT
        words = sorted(
            (w for w in page.words if w.top >= top - 2 and left <= (w.left + w.right) / 2 < right),
            key=lambda w: (w.top, w.left),
        )
        lines: list[list[Word]] = []
        for word in words:
            if lines and abs(word.top - lines[-1][0].top) < SAME_LINE:
                lines[-1].append(word)
            else:
                lines.append([word])
        for number, row in enumerate(table.rows):
            wanted, taken = _letters(row.cells[index].text), 0
            while wanted > 0 and lines:
                line = lines.pop(0)
                wanted -= sum(_letters(w.text) for w in line)
                taken += 1
                tops[number] = min(tops.get(number, line[0].top), line[0].top)
            assert wanted <= 0, f"row {number}, column {index}: not all its words are drawn"
            lines_in[number] = max(lines_in.get(number, 1), taken)
        left = right
    inset = tops[0] - top
    rows = range(len(table.rows))
    return DrawnTable([tops[n] - inset for n in rows], [lines_in[n] for n in rows])


class RowHeights:
    """How tall Impress draws a row of n lines, measured on every row of a deck's tables
    that another row follows (its height is the distance to the next row's top). A table's
    last row has no such edge, and its words do not give one: the space under a row's last
    line grows with its lines (a row grows 13.2 pt a line while its lines lie 11 pt apart),
    so the header's gap under its one line, added to a last row's last line, made a
    two-line last row 2.2 pt and a three-line one 4.4 pt shorter than drawn."""

    def __init__(self, tables: list[DrawnTable]) -> None:
        found: dict[int, list[float]] = {}
        for table in tables:
            for n, (upper, lower) in enumerate(itertools.pairwise(table.tops)):
                found.setdefault(table.lines[n], []).append(lower - upper)
        self.by_lines = {n: statistics.median(heights) for n, heights in found.items()}

    def __call__(self, lines: int) -> float:
        if lines in self.by_lines:
            return self.by_lines[lines]
        # A count never drawn above another row: the straight line through the counts seen
        # (every row grows by the same step a line).
        fewest, most = min(self.by_lines), max(self.by_lines)
        assert most > fewest, "the tables should have rows of more than one height"
        step = (self.by_lines[most] - self.by_lines[fewest]) / (most - fewest)
        return self.by_lines[fewest] + (lines - fewest) * step


def _row_edges(table: DrawnTable, heights: RowHeights) -> list[float]:
    """Where each row starts and, last, where the table ends, in points."""
    return [*table.tops, table.tops[-1] + heights(table.lines[-1])]


def _title(slide) -> str:  # type: ignore[no-untyped-def]
    return slide.shapes.title.text_frame.text if slide.shapes.title else ""


def _reckoned_lines(shape) -> list[int]:  # type: ignore[no-untyped-def]
    """How many lines the deck reckons each row of a table takes (its tallest cell), by the
    width model that decides where a slide's table ends (tracker.export.pptx_fonts)."""
    table = shape.table
    reckoned = []
    for row in table.rows:
        lines = 1
        for column, cell in zip(table.columns, row.cells, strict=True):
            runs = [run for paragraph in cell.text_frame.paragraphs for run in paragraph.runs]
            bold = any(run.font.bold for run in runs)
            room = column.width / Inches(1) - CELL_MARGINS
            lines = max(lines, wrapped_lines(unbroken(cell.text), room, TABLE_FONT, bold))
        reckoned.append(lines)
    return reckoned


@pytest.mark.parametrize("name", NAMES)
def test_every_row_takes_the_lines_the_deck_reckoned(
    rendered: dict[str, Rendered], name: str
) -> None:
    """The width model against the render, row by row: a line too many wastes a row's room on
    a slide, a line too few runs a table towards the footer."""
    deck = rendered[name]
    problems, rows = [], 0
    for number, (slide, page) in enumerate(zip(deck.deck.slides, deck.pages, strict=True), 1):
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            drawn = _drawn_table(shape, page).lines
            reckoned = _reckoned_lines(shape)
            for row, (expected, lines) in enumerate(zip(reckoned, drawn, strict=True)):
                rows += 1
                if expected != lines:
                    text = " | ".join(c.text for c in shape.table.rows[row].cells)
                    problems.append(
                        f"slide {number} row {row}: {expected} lines for {lines}: {text}"
                    )
    assert rows > 50
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_a_table_that_continues_fills_its_slide(rendered: dict[str, Rendered], name: str) -> None:
    """A table slide that continues on the next slide is full: the room left under its drawn
    bottom (down to where the deck lets a table end) is less than the next slide's first row
    as drawn, so no row that would have fitted went over. The footer band test keeps the
    other side: no table runs into the footer."""
    deck = rendered[name]
    slides = list(deck.deck.slides)
    drawn = {
        number: _drawn_table(shape, page)
        for number, (slide, page) in enumerate(zip(slides, deck.pages, strict=True))
        for shape in slide.shapes
        if shape.has_table
    }
    heights = RowHeights(list(drawn.values()))
    limit = TABLE_BOTTOM * POINTS
    problems, checked = [], 0
    for number, slide in enumerate(slides[:-1], 1):
        part = CONTINUED.search(_title(slide))
        tables = [shape for shape in slide.shapes if shape.has_table]
        if not part or int(part[1]) == int(part[2]) or len(tables) != 1:
            continue
        bottom = _row_edges(drawn[number - 1], heights)[-1]
        edges = _row_edges(drawn[number], heights)
        next_row = edges[2] - edges[1]  # edges[0] is the header's
        room = limit - bottom
        checked += 1
        assert room > 0, f"slide {number}: the table ends {-room:.1f} pt past its limit"
        if room >= next_row:
            problems.append(
                f"slide {number}: {room / POINTS:.2f} in left, room for the next slide's "
                f"first row ({next_row / POINTS:.2f} in)"
            )
    assert checked >= 2, "the decks should have tables that continue"
    assert not problems, problems


# --- what a presenter would be embarrassed by --------------------------------------------

SUBTITLE_TOP = 1.2  # inches: the reading under each slide's title (tracker.export.pptx)
THOUSANDS = {"en": re.compile(r"^\d{1,3}(\.\d{3})+$"), "sr": re.compile(r"^\d{1,3}(,\d{3})+$")}


def _language(name: str) -> str:
    return "sr-Cyrl" if name.endswith("sr-Cyrl") else "en"


def _slide_text(slide) -> str:  # type: ignore[no-untyped-def]
    """Every text the slide itself holds, outside its charts: boxes and table cells."""
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    return " ".join(texts + _cells(slide))


@pytest.mark.parametrize("name", NAMES)
def test_no_two_words_overlap(rendered: dict[str, Rendered], name: str) -> None:
    """Labels piled on one another (a campaign chart's 1s and 2s in segments thinner than a
    line, at 46 quarters) are words whose boxes overlap by more than half their height."""
    deck = rendered[name]
    problems = []
    for number, page in enumerate(deck.pages, 1):
        for a, b in itertools.combinations(page.words, 2):
            across = min(a.right, b.right) - max(a.left, b.left)
            down = min(a.bottom, b.bottom) - max(a.top, b.top)
            if across > 1 and down > 0.5 * min(a.bottom - a.top, b.bottom - b.top):
                problems.append(f"slide {number}: {a.text!r} over {b.text!r}")
    assert not problems, problems[:10]


@pytest.mark.parametrize("name", NAMES)
def test_each_reading_keeps_to_its_line_above_the_content(
    rendered: dict[str, Rendered], name: str
) -> None:
    """The sentence under a slide's title is drawn whole on one line, above the chart or table:
    a second line ran into the ammunition chart (the Serbian reading at 25 plans)."""
    deck = rendered[name]
    problems = []
    for number, (slide, page) in enumerate(zip(deck.deck.slides, deck.pages, strict=True), 1):
        readings = [
            shape.text_frame.text
            for shape in slide.shapes
            if shape.has_text_frame and abs(shape.top - Inches(SUBTITLE_TOP)) < Inches(0.01)
        ]
        if not readings:
            continue
        band = [w for w in page.words if 1.15 * POINTS <= w.top < CONTENT_TOP * POINTS]
        missing = Counter(readings[0].split()) - Counter(w.text for w in band)
        if missing:
            problems.append(f"slide {number}: {sorted(missing.elements())[:5]} not on its line")
        elif max(w.top for w in band) - min(w.top for w in band) >= SAME_LINE:
            problems.append(f"slide {number}: the reading takes two lines")
    assert not problems, problems


@pytest.mark.parametrize("name", (*NAMES, ONE_PLAN))
def test_chart_numbers_are_whole_and_in_the_readers_separators(
    rendered: dict[str, Rendered], name: str
) -> None:
    """A chart's amounts are drawn as the table beside them writes them: one word each
    ("277,463", not "277,46" over "3"), with the reader's separators (Serbian "277.463")."""
    deck = rendered[name]
    language = _language(name)
    wrong_separators = THOUSANDS["sr" if language.startswith("sr") else "en"]
    problems, labels = [], 0
    for number, (slide, page) in enumerate(zip(deck.deck.slides, deck.pages, strict=True), 1):
        charts = [shape.chart for shape in slide.shapes if shape.has_chart]
        if not charts:
            continue
        words = Counter(w.text for w in page.words)
        for word in words:
            if re.fullmatch(r"\d{5,}", word) or wrong_separators.fullmatch(word):
                problems.append(f"slide {number}: {word!r}")
        for chart in charts:
            for series in chart.plots[0].series:
                code = series.data_labels.number_format
                if "#,##0" not in code:
                    continue
                shown_from = _labelled_from(code)
                for value in series.values:
                    if value is None or value < shown_from:
                        continue
                    with using_language(language):
                        shown = format_count(round(value))
                    labels += 1
                    if shown not in words:
                        problems.append(f"slide {number}: {shown} is not drawn whole")
    assert not problems, problems
    if name.startswith("portfolio"):
        assert labels >= 2, "the portfolio's ammunition chart should label its amounts"


def _labelled_from(code: str) -> float:
    """The smallest value a data label's number format draws whole: 1, or the bound of a
    leading "[>=N]" condition (the campaign chart leaves segments too low for a label blank)."""
    bound = re.match(r"(?:\[\$-[0-9A-F]+\])?\[>=(\d+)\]", code)
    return max(1.0, float(bound.group(1))) if bound else 1.0


@pytest.mark.parametrize("name", (*NAMES, ONE_PLAN))
def test_count_axes_group_thousands_as_the_tables_do(
    rendered: dict[str, Rendered], name: str
) -> None:
    """Every tick of a count axis is drawn in the reader's own grouping: at 10,000 objectives
    the axes read "2000" beside tables that say "2,000" (Serbian "2.000")."""
    deck = rendered[name]
    language = _language(name)
    problems, ticks, highest = [], 0, 0
    for number, (slide, page) in enumerate(zip(deck.deck.slides, deck.pages, strict=True), 1):
        words = {w.text for w in page.words}
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            axis = shape.chart.value_axis
            whole_steps = axis.major_unit is not None and float(axis.major_unit).is_integer()
            if (
                not whole_steps
                or axis.maximum_scale is None
                or "%" in axis.tick_labels.number_format
            ):
                continue  # amounts and shares: their own tests
            step, top = round(axis.major_unit), round(axis.maximum_scale)
            highest = max(highest, top)
            for value in range(0, top + 1, step):
                with using_language(language):
                    shown = format_count(value)
                ticks += 1
                if shown not in words:
                    problems.append(f"slide {number}: tick {shown} is not drawn")
    assert not problems, problems[:10]
    assert ticks, "the deck should have count axes"
    if name == ONE_PLAN:
        assert highest >= 1000, "a plan of 1,100 objectives should have an axis past 999"


@pytest.mark.parametrize("name", NAMES)
def test_no_chart_draws_a_title_of_its_own(rendered: dict[str, Rendered], name: str) -> None:
    """The slide's title names the chart. A chart of one series left to itself is titled with
    the series' name by Impress: "Panel" above the shipped campaign chart, beside its legend."""
    deck = rendered[name]
    problems = []
    for number, (slide, page) in enumerate(zip(deck.deck.slides, deck.pages, strict=True), 1):
        own = _slide_text(slide)
        drawn = page.text()
        for chart in (shape.chart for shape in slide.shapes if shape.has_chart):
            categories = " ".join(str(c) for c in chart.plots[0].categories)
            for series in chart.plots[0].series:
                allowed = own.count(series.name) + categories.count(series.name)
                allowed += 1 if chart.has_legend else 0
                if drawn.count(series.name) > allowed:
                    problems.append(f"slide {number}: {series.name!r} drawn as a title")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_no_markup_or_half_bracket_is_shown(rendered: dict[str, Rendered], name: str) -> None:
    """The deck is plain text: no Markdown backticks round a command on the title slide, and
    a cut chart label or table cell closes what it opens ("Interoperability and Partnership
    Goals (на…" lost the end of its "(на енглеском)")."""
    deck = rendered[name]
    problems = []
    for number, page in enumerate(deck.pages, 1):
        if "`" in page.text():
            problems.append(f"slide {number}: a backtick")
    for number, slide in enumerate(deck.deck.slides, 1):
        labels = _cells(slide)
        for shape in slide.shapes:
            if shape.has_chart:
                labels += map(str, shape.chart.plots[0].categories)
        for label in labels:
            if label.count("(") != label.count(")"):
                problems.append(f"slide {number}: {label!r}")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_the_summary_figures_stand_on_one_line(rendered: dict[str, Rendered], name: str) -> None:
    """Each row of summary tiles draws its figures on one baseline, whatever their size: a
    figure set smaller to fit ("1 of 38") hung higher than its neighbours. A long one takes
    two lines at most ("2,900 of" over "10,000"). A word's box reaches 0.15 em below its
    baseline (measured), so figures of other sizes on one baseline end that much apart."""
    deck = rendered[name]
    slide, page = deck.deck.slides[1], deck.pages[1]
    rows: dict[int, list[tuple[float, float]]] = {}
    for shape in slide.shapes:
        if not shape.has_text_frame or shape.top < Inches(CONTENT_TOP):
            continue
        runs = [run for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]
        if not runs or not runs[0].font.bold or runs[0].font.size < Pt(18):
            continue
        left, top = shape.left / EMU_PER_POINT, shape.top / EMU_PER_POINT
        right = left + shape.width / EMU_PER_POINT
        inside = [w for w in page.words if left <= w.left < right and top < w.top < top + POINTS]
        assert [w.text for w in inside] == shape.text_frame.text.split()
        size = runs[0].font.size.pt
        lines = {round(w.top) for w in inside}
        assert len(lines) <= 2, shape.text_frame.text
        rows.setdefault(shape.top, []).append((max(w.bottom for w in inside) - 0.15 * size, size))
    assert len(rows) == 2, rows
    for baselines in rows.values():
        heights = [baseline for baseline, _size in baselines]
        assert max(heights) - min(heights) < 1.5, baselines
