"""The printed briefing's layout, read back from the PDF's word boxes (pdftotext -bbox): no page
that is one stray table row and otherwise blank, the footer the last text of every page, table
headers repeated on continued pages, no row split across two pages, and every chart on the
page of its caption.

Three packs, each printed once for the module by headless Chromium: the shipped data with
every change since the first plan began (the longest tables), a generated 25-plan portfolio
in Serbian Cyrillic, and the shipped data in Serbian Cyrillic. Every page is saved as a PNG under
tests/artifacts/print/ for a person to look at.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from tests.equivalence import generate_portfolio
from tests.export.rendered import ARTIFACTS, Page, Word, pieces, poppler_or_skip, save_pngs
from tests.export.rendered import word_boxes as read_boxes
from tests.support import SHIPPED
from tracker.chart_text import plain
from tracker.export import gather
from tracker.export import html as briefing
from tracker.export import pdf as printed
from tracker.export.pdf import BrowserMissing, chromium_path
from tracker.i18n import t, tp, using_language
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

pytestmark = pytest.mark.browser

TODAY = date(2026, 11, 23)
EVERYTHING_SINCE = date(2015, 1, 1)
PORTFOLIO_OBJECTIVES = 1000
PORTFOLIO_PLANS = 25
MM = 72 / 25.4  # points per millimetre
PX = 0.75  # points per CSS pixel: the 680 px column prints 180 mm wide at scale 1
# Below this share of the printable height, a page that is not the last is "otherwise
# blank": a lone row or two pushed over from the page before.
NEARLY_EMPTY = 0.2


@dataclass
class Table:
    header: str
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)  # each header cell's text


class _Structure(HTMLParser):
    """The briefing's tables (header and row texts) and its charts (height and caption)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.charts: list[tuple[int, str, str]] = []  # (height in px, caption, heading)
        self.chart_words: list[str] = []  # each chart's title, axis titles and notes
        self.rows: list[tuple[int, int, float, int]] = []  # a bar chart's rows, see _rows
        self._where: str | None = None
        self._text: list[str] = []
        self._height = 0
        self._heading = ""
        self._words = ""
        self._cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th", "br") and self._where:
            self._text.append(" ")
        if tag == "th" and self._where == "thead":
            self._cell = len(self._text)
        if tag == "table":
            self.tables.append(Table(""))
        elif tag in ("thead", "tr", "figcaption") and self._where is None:
            self._where, self._text = tag, []
        elif tag == "figure":
            self._heading, self._height, self._words = "", 0, ""
        elif tag == "h2" and self._where is None:
            self._where, self._text = "h2", []
        elif tag == "script":
            self._where = self._where or "script"

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._text).split())
        if tag == "th" and self._where == "thead":
            self.tables[-1].columns.append(" ".join("".join(self._text[self._cell :]).split()))
        if tag == "thead" and self._where == "thead":
            self.tables[-1].header = text
            self._where = None
        elif tag == "tr" and self._where == "tr":
            self.tables[-1].rows.append(text)
            self._where = None
        elif tag == "figcaption" and self._where == "figcaption":
            self.charts.append((self._height, text, self._heading))
            self.chart_words.append(self._words)
            self._where = None
        elif tag == "h2" and self._where == "h2":
            self._heading = text
            self._where = None
        elif tag == "script" and self._where == "script":
            self._where = None

    def handle_data(self, data: str) -> None:
        if self._where == "script" and not self._height:
            # The chart's height, from the layout plotly is given ("height":528).
            found = re.search(r'Plotly\.newPlot\(.*?"height":(\d+)', data, flags=re.DOTALL)
            self._height = int(found.group(1)) if found else 0
            data_and_layout = _plotly_arguments(data)
            self._words = " ".join(_written(*data_and_layout))
            if found:
                self.rows.append(_rows(data_and_layout[1]))
        if self._where in ("thead", "tr", "figcaption", "h2"):
            self._text.append(data)


def _plotly_arguments(script: str) -> tuple[list, dict]:
    """The data and layout a chart's script gives plotly: Plotly.newPlot(id, data, layout)."""
    decoder = json.JSONDecoder()
    at = script.find("Plotly.newPlot(")
    if at < 0:
        return [], {}
    rest = script[at + len("Plotly.newPlot(") :]
    arguments = []
    while len(arguments) < 3:
        rest = rest.lstrip(" \t\r\n,")
        value, end = decoder.raw_decode(rest)
        arguments.append(value)
        rest = rest[end:]
    return arguments[1], arguments[2]


def _written(data: list, layout: dict) -> list[str]:
    """The text plotly writes on a chart: the title, axis titles, notes, and the text traces
    (the counts after each bar: "107 · Није започето: 1 · … · Отказано: 5")."""
    texts = [(layout.get("title") or {}).get("text", "")]
    for key, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", key) and axis.get("visible", True):
            texts.append((axis.get("title") or {}).get("text", ""))
    texts += [note.get("text", "") for note in layout.get("annotations", ())]
    for trace in data:
        if trace.get("mode") == "text" and isinstance(trace.get("text"), list):
            texts += [str(text) for text in trace["text"]]
    return [plain(text) for text in texts if text]


def _rows(layout: dict) -> tuple[int, int, float, int]:
    """A horizontal bar chart's rows: (how many, lines of the longest label, type size,
    chart height); (0, 0, 0, 0) for any other chart."""
    axis = layout.get("yaxis") or {}
    if axis.get("type") != "category":
        return 0, 0, 0.0, 0
    labels = axis.get("ticktext") or []
    lines = max((str(label).count("<br>") + 1 for label in labels), default=1)
    size = ((axis.get("tickfont") or {}).get("size")) or (layout.get("font") or {}).get("size", 12)
    return len(labels), lines, float(size), int(layout.get("height") or 0)


@dataclass
class Printed:
    name: str
    footer: str
    structure: _Structure
    pages: list[Page]


def _print(folder: Path, language: str, since: date | None, work: Path, name: str) -> Printed:
    portfolio = load_portfolio(folder, today=TODAY)
    with using_language(language):
        frames = build_frames(portfolio, today=TODAY)
        pack = gather(frames, portfolio, since=since)
        document = briefing.render(pack, lambda _share, _message: None).decode("utf-8")
        pdf = printed.print_briefing(document, pack)
        footer = pack.footer + " " + t("Page {page} of {pages}", page="#", pages="#")
    structure = _Structure()
    structure.feed(document)
    path = work / f"{name}.pdf"
    path.write_bytes(pdf)
    save_pngs(path, ARTIFACTS / "print", name, resolution=50)
    return Printed(name, footer, structure, read_boxes(path))


@pytest.fixture(scope="module")
def briefings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    try:
        chromium_path()
    except BrowserMissing as missing:
        pytest.skip(str(missing))
    poppler_or_skip()
    work = tmp_path_factory.mktemp("print")
    generated = work / "portfolio"
    generate_portfolio(PORTFOLIO_OBJECTIVES, generated, plans=PORTFOLIO_PLANS)
    packs = {
        "shipped": (SHIPPED, "en", EVERYTHING_SINCE),
        # Serbian at scale: its longer words are the ones that run out of room.
        "portfolio": (generated, "sr-Cyrl", None),
        "sr-Cyrl": (SHIPPED, "sr-Cyrl", EVERYTHING_SINCE),
    }
    # Printed side by side: each mostly waits for its own Chromium and poppler, and each
    # thread reads in its own language (tracker.i18n keeps the choice per thread).
    with ThreadPoolExecutor(max_workers=len(packs)) as pool:
        done = {
            name: pool.submit(_print, folder, language, since, work, name)
            for name, (folder, language, since) in packs.items()
        }
        return {name: future.result() for name, future in done.items()}


NAMES = ("shipped", "portfolio", "sr-Cyrl")


def _footer_top(page: Page) -> float:
    """Chromium draws the footer inside the 18 mm bottom margin."""
    return page.height - 18 * MM


def _content(page: Page) -> list[Word]:
    return [word for word in page.words if word.top < _footer_top(page)]


def _footer(page: Page) -> list[Word]:
    return [word for word in page.words if word.top >= _footer_top(page)]


def _has(page_words: Counter[str], text: str) -> bool:
    return not (pieces(text) - page_words)


@pytest.mark.parametrize("name", NAMES)
def test_every_pages_text_ends_in_its_footer(briefings: dict[str, Printed], name: str) -> None:
    pack = briefings[name]
    expected = Counter(w for w in pack.footer.split() if w != "#")
    problems = []
    for number, page in enumerate(pack.pages, start=1):
        footer, content = _footer(page), _content(page)
        shown = Counter(" ".join(w.text for w in footer).split())
        numbers = Counter({str(number): 1, str(len(pack.pages)): 1})
        if shown != expected + numbers and shown != expected + Counter({str(number): 2}):
            problems.append(f"page {number}: footer reads {' '.join(w.text for w in footer)!r}")
        if content and footer and max(w.bottom for w in content) > min(w.top for w in footer):
            problems.append(f"page {number}: text runs into the footer")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_no_page_is_a_lone_row_on_an_otherwise_blank_page(
    briefings: dict[str, Printed], name: str
) -> None:
    pack = briefings[name]
    problems = []
    for number, page in enumerate(pack.pages[:-1], start=1):
        content = _content(page)
        printable = _footer_top(page) - 15 * MM
        used = max(w.bottom for w in content) - min(w.top for w in content) if content else 0
        if used < NEARLY_EMPTY * printable:
            problems.append(f"page {number} is all but blank: {' '.join(w.text for w in content)}")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_rows_stay_whole_and_headers_repeat_on_continued_pages(
    briefings: dict[str, Printed], name: str
) -> None:
    """Each row's words are all on one page, in order through the pages; a table that goes
    on to another page starts that page with its header."""
    pack = briefings[name]
    words = [Counter(pieces(" ".join(w.text for w in _content(p)))) for p in pack.pages]
    tops = [
        Counter(
            pieces(
                " ".join(
                    w.text for w in _content(p) if w.top < min(x.top for x in _content(p)) + 40
                )
            )
        )
        if _content(p)
        else Counter()
        for p in pack.pages
    ]
    problems = []
    continued = 0
    at = 0
    for table in pack.structure.tables:
        first = None
        for row in table.rows:
            found = next((i for i in range(at, len(words)) if _has(words[i], row)), None)
            if found is None:
                problems.append(f"row split or missing: {row[:80]!r}")
                continue
            if first is None:
                first = found
            elif found > at and not _has(tops[found], table.header):
                problems.append(f"page {found + 1}: {table.header!r} does not head the page")
            if found > at and first != found:
                continued += 1
            at = found
    assert not problems, problems
    if name != "portfolio":
        assert continued, "the shipped data's tables should run over several pages"


@pytest.mark.parametrize("name", NAMES)
def test_every_chart_is_on_the_page_of_its_caption(
    briefings: dict[str, Printed], name: str
) -> None:
    """A caption sits below its chart; the chart is whole above it on the same page when
    there is at least the chart's height between the top of the page and the caption."""
    pack = briefings[name]
    assert pack.structure.charts
    problems = []
    for height, caption, heading in pack.structure.charts:
        assert height > 0, caption
        first, second = caption.split()[:2]  # "Figure", "3:"
        for page in pack.pages:
            content = _content(page)
            starts = [
                word
                for word, after in pairwise(content)
                if word.text == first and after.text == second
            ]
            if not starts:
                continue
            room = starts[0].top - min(w.top for w in content)
            if room < height * PX * 0.95:
                problems.append(
                    f"{caption!r}: {room:.0f} pt above it for a {height * PX:.0f} pt chart"
                )
            if heading and not _has(Counter(pieces(" ".join(w.text for w in content))), heading):
                problems.append(f"{caption!r} is not on the page of its heading {heading!r}")
            break
        else:
            problems.append(f"{caption!r} is on no page")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_no_text_runs_past_the_side_margins(briefings: dict[str, Printed], name: str) -> None:
    """The counts written after the longest bars (at 25 plans: "40 · Not started: 1 · At risk:
    4 ·…") end inside the printed column, and nothing starts left of it: no word is cut at a
    chart's edge or past the paper's."""
    pack = briefings[name]
    problems = []
    for number, page in enumerate(pack.pages, start=1):
        left, right = 15 * MM - 1, page.width - 15 * MM + 1
        past = [w.text for w in _content(page) if w.right > right or w.left < left]
        if past:
            problems.append(f"page {number}: {' '.join(past)}")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_chart_titles_and_notes_print_whole(briefings: dict[str, Printed], name: str) -> None:
    """Every word of a chart's title, axis titles and notes is printed whole inside the
    chart: plotly never wraps, and a line longer than the chart is cut at its edge, the
    words past it dropped and the one across it halved ("…through a NATO trust", "…фонд
    НАТ", "…колико преост"). Text cut at the chart's edge never reaches the page margin,
    so the margin test above cannot see it; the chart's own words can."""
    pack = briefings[name]
    problems = []
    for (height, caption, _heading), words in zip(
        pack.structure.charts, pack.structure.chart_words, strict=True
    ):
        if not words:
            continue
        first, second = caption.split()[:2]
        for page in pack.pages:
            content = _content(page)
            starts = [
                w for w, after in pairwise(content) if (w.text, after.text) == (first, second)
            ]
            if not starts:
                continue
            # The chart fills the band above its caption (the caption's 2 px apart).
            bottom = starts[0].top
            band = [w.text for w in content if bottom - height * PX - MM <= w.top < bottom]
            missing = sorted((pieces(words) - pieces(" ".join(band))).elements())
            if missing:
                problems.append(f"{caption!r}: {' '.join(missing)} cut or missing")
            break
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_every_bar_row_has_room_for_its_label(briefings: dict[str, Printed], name: str) -> None:
    """A row of a bar chart is at least its label's lines tall: at 25 plans the progress
    chart drew all 164 areas in 820 px, their labels printed over each other."""
    pack = briefings[name]
    problems = []
    for (_height, caption, _heading), (rows, lines, size, height) in zip(
        pack.structure.charts, pack.structure.rows, strict=True
    ):
        if rows and rows * lines * size * 1.15 > height:
            problems.append(f"{caption!r}: {rows} rows of {lines} lines at {size} px in {height}")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_the_page_number_stays_on_one_line(briefings: dict[str, Printed], name: str) -> None:
    """A long footer (25 plans' data dates) wraps; "Page 1 of 171" never does."""
    pack = briefings[name]
    with using_language("sr-Cyrl" if name != "shipped" else "en"):
        first = t("Page {page} of {pages}", page="#", pages="#").split()[0]
    problems = []
    for number, page in enumerate(pack.pages, start=1):
        footer = _footer(page)
        start = next((i for i, w in enumerate(footer) if w.text == first), None)
        if start is None:
            problems.append(f"page {number}: no page number")
            continue
        tops = {round(w.top) for w in footer[start : start + 4]}
        if max(tops) - min(tops) > 2:
            problems.append(f"page {number}: {' '.join(w.text for w in footer[start:])}")
    assert not problems, problems


@pytest.mark.parametrize("name", NAMES)
def test_titles_in_tables_get_a_readable_column(briefings: dict[str, Printed], name: str) -> None:
    """The objective and evidence columns are at least a fifth of the printed column: left
    to the browser beside eight dates and numbers, the ammunition table's objectives were a
    word a line (five rows a page, 51 pages at 10,000 objectives)."""
    pack = briefings[name]
    language = "en" if name == "shipped" else "sr-Cyrl"
    with using_language(language):
        wide = {t("Objective"), tp("a table column, one evidence item a row", "Evidence")}
    least = 0.2 * 180 * MM
    problems = []
    for table in pack.structure.tables:
        names = table.columns
        for page in pack.pages:
            content = _content(page)
            if not content:
                continue
            band = [w for w in content if w.top < min(x.top for x in content) + 40]
            starts = _column_starts(band, names)
            if starts is None:
                continue
            ends = [*starts[1:], page.width - 15 * MM]
            for column, left, right in zip(names, starts, ends, strict=True):
                if column in wide and right - left < least:
                    problems.append(f"{table.header[:40]!r}: {column!r} is {right - left:.0f} pt")
            break
    assert not problems, problems


def _column_starts(band: list[Word], names: list[str]) -> list[float] | None:
    """Where each header cell's first word starts on a page whose top holds the header."""
    starts: list[float] = []
    for column in names:
        first = column.split()[0] if column.split() else ""
        found = [w.left for w in band if w.text == first and (not starts or w.left > starts[-1])]
        if not found:
            return None
        starts.append(found[0])
    return starts


@pytest.mark.parametrize("name", ["shipped", "sr-Cyrl"])
def test_the_completed_tile_prints_its_figure_on_one_line(
    briefings: dict[str, Printed], name: str
) -> None:
    """ "1 of 38" (1 од 38) broke after "of" in the tile's full-size type."""
    pack = briefings[name]
    with using_language("en" if name == "shipped" else "sr-Cyrl"):
        words = t("{count} of {total}", count=1, total=38).split()
    content = _content(pack.pages[0])
    texts = [w.text for w in content]
    at = next((i for i in range(len(texts)) if texts[i : i + len(words)] == words), None)
    assert at is not None, texts[:60]
    tops = {round(w.top) for w in content[at : at + len(words)]}
    assert max(tops) - min(tops) <= 2, [(w.text, w.top) for w in content[at : at + len(words)]]


def test_ammunition_charts_print_two_to_a_page(briefings: dict[str, Printed]) -> None:
    """At 25 plans each of the six ammunition charts had a page of its own, half empty."""
    pack = briefings["portfolio"]
    with using_language("sr-Cyrl"):
        title = t("Figure {number}: {title}.", number=0, title="#").split()[0]
        from tracker.export import pack as sections
        from tracker.export.pack import heading

        words = heading(sections.AMMUNITION).split()
    captions = [c for _h, c, _heading in pack.structure.charts if words[0] in c.split()]
    assert len(captions) >= 4, captions
    pages = set()
    for number, page in enumerate(pack.pages, start=1):
        texts = [w.text for w in _content(page)]
        for caption in captions:
            label = caption.split()[1]  # "4:"
            if any(a == title and b == label for a, b in pairwise(texts)):
                pages.add(number)
    assert len(pages) <= (len(captions) + 1) // 2, (len(captions), sorted(pages))
