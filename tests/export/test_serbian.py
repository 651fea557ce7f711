"""Every export of the meeting pack in Serbian, Cyrillic and Latin, read back as a reader would.

Each pack is built once per language (module fixtures) from the meeting portfolio with a few
Serbian translations added: the deck with python-pptx, the workbook with openpyxl, the PDF with
pdftotext and pdffonts, the briefing's and the summary's text. None may hold an English message
of the catalogue; dates, numbers, statuses and the data's titles are the reader's.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from tests.english import english_messages
from tests.serbian_text import mixed_words, percent_slips, quote_slips
from tests.support import MEETING, MEETING_TODAY
from tracker.export import FORMATS, build_report
from tracker.export.pdf import BrowserMissing, chromium_path
from tracker.export.pptx import CODE_FONT, FONT
from tracker.i18n import t, using_language
from tracker.load.loader import load_portfolio
from tracker.statuses import STATUS_LABELS
from tracker.tables.frames import build_frames

SERBIAN = ("sr-Cyrl", "sr-Latn")
SINCE = "2025-01-01"
# Translations added to the meeting portfolio: (English line, the line with its translation).
TRANSLATED = [
    (
        "  title: Alpha plan\n",
        "  title: Alpha plan\n  translations: {sr-Cyrl: {title: Алфа план}}\n",
    ),
    (
        "{id: ammunition, title: Surplus ammunition}",
        "{id: ammunition, title: Surplus ammunition, "
        "translations: {sr-Cyrl: {title: Вишак муниције}}}",
    ),
    (
        "    title: Destroy 2,000 tonnes of surplus ammunition\n",
        "    title: Destroy 2,000 tonnes of surplus ammunition\n"
        "    translations: {sr-Cyrl: {title: Уништавање 2.000 тона вишка муниције}}\n",
    ),
    (
        "date: 2026-01-15, kind: report}",
        "date: 2026-01-15, kind: report, "
        "translations: {sr-Cyrl: {title: Извештај повереничког фонда за 2025. годину}}}",
    ),
    (
        'note: "Second depot cleared.", by: Desk officer}',
        'note: "Second depot cleared.", by: Desk officer, '
        "translations: {sr-Cyrl: {note: Испражњено друго складиште., by: Референт за ИПАП}}}",
    ),
]
# What each script shows for them, and for an objective the data gives only in English.
SHOWN = {
    "sr-Cyrl": {
        "plan": "Алфа план",
        "objective": "Уништавање 2.000 тона вишка муниције",
        "evidence": "Извештај повереничког фонда за 2025. годину",
        "note": "Испражњено друго складиште.",
        "english": "Train 200 officers in crisis management (на енглеском)",
        "prepared": "23. новембар 2026.",
        "title": "Материјал за састанак о ИПАП-у",
    },
    "sr-Latn": {
        "plan": "Alfa plan",
        "objective": "Uništavanje 2.000 tona viška municije",
        "evidence": "Izveštaj povereničkog fonda za 2025. godinu",
        "note": "Ispražnjeno drugo skladište.",
        "english": "Train 200 officers in crisis management (na engleskom)",
        "prepared": "23. novembar 2026.",
        "title": "Materijal za sastanak o IPAP-u",
    },
}
# Dated facts of the portfolio as Serbian writes a date in a table: the last update of the
# ammunition objective (2026-07-01) and the completion of the training (2025-11-30).
NUMERIC_DATES = ("1. 7. 2026.", "30. 11. 2025.")


MIN_PIECE = 8  # characters of a message's words between placeholders worth looking for


def _lines(text: str) -> str:
    """Whitespace (line breaks, no-break spaces) as single spaces, as a reader reads it."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("meeting-sr")
    for source in MEETING.glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "alpha.yaml":
            for english, with_translation in TRANSLATED:
                assert text.count(english) == 1, english
                text = text.replace(english, with_translation)
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def packs(translated: Path) -> dict[tuple[str, str], bytes]:
    """Every format in both scripts, built once; the PDF only where Chromium is installed."""
    portfolio = load_portfolio(translated, today=MEETING_TODAY)
    errors = [problem for problem in portfolio.problems if problem.severity == "error"]
    assert not errors, errors  # the translations are valid (the fixture's warning stays)
    frames = build_frames(portfolio, today=MEETING_TODAY)
    try:
        chromium_path()
        formats = FORMATS
    except BrowserMissing:
        formats = tuple(fmt for fmt in FORMATS if fmt != "pdf")
    built = {}
    for language in SERBIAN:
        with using_language(language):
            for fmt in formats:
                built[language, fmt] = build_report(
                    frames, portfolio, fmt, since=date.fromisoformat(SINCE)
                )
    return built


def _pack(packs: dict[tuple[str, str], bytes], language: str, fmt: str) -> bytes:
    if (language, fmt) not in packs:
        pytest.skip("Chromium is missing: the PDF is printed with it")
    return packs[language, fmt]


# Reading each format back --------------------------------------------------------------


def deck_texts(content: bytes) -> list[str]:
    """Every text on every slide: text boxes, table cells, chart titles, series, categories."""
    texts = []
    for slide in Presentation(BytesIO(content)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.extend(p.text for p in shape.text_frame.paragraphs)
            if shape.has_table:
                texts.extend(cell.text for row in shape.table.rows for cell in row.cells)
            if shape.has_chart:
                chart = shape.chart
                if chart.has_title:
                    texts.append(chart.chart_title.text_frame.text)
                for plot in chart.plots:
                    texts.extend(str(category) for category in plot.categories)
                    texts.extend(series.name for series in plot.series)
                for axis in _axes(chart):
                    if axis.has_title:
                        texts.append(axis.axis_title.text_frame.text)
    return [text for text in texts if text.strip()]


def _axes(chart) -> Iterator[object]:  # type: ignore[no-untyped-def]
    for name in ("category_axis", "value_axis"):
        try:
            yield getattr(chart, name)
        except ValueError:  # a chart without that axis (a pie, a scatter's category)
            continue


def workbook_texts(content: bytes) -> list[str]:
    """The names of the visible sheets and every text cell on them (the hidden `keys` sheet
    is for programs and stays English)."""
    book = load_workbook(BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        texts.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            texts.extend(value for value in row if isinstance(value, str))
    return texts


class _Text(HTMLParser):
    """The text a browser shows, outside scripts and styles, and the labels of attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._inside = tag if tag in ("script", "style") else None
        self.texts.extend(v for k, v in attrs if k in ("aria-label", "title", "alt") and v)

    def handle_endtag(self, tag: str) -> None:
        self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside == "script":
            self.scripts.append(data)
        elif self._inside is None and data.strip():
            self.texts.append(data)


_CHART_TEXT_KEYS = {"text", "name", "ticktext", "hovertemplate", "customdata"}


def _chart_strings(value: object, key: str = "") -> Iterator[str]:
    """The strings a chart draws or shows on hover; its template (styling) is left out."""
    if isinstance(value, dict):
        for name, inner in value.items():
            if name != "template":
                yield from _chart_strings(inner, name)
    elif isinstance(value, list):
        for inner in value:
            yield from _chart_strings(inner, key)
    elif isinstance(value, str) and key in _CHART_TEXT_KEYS:
        yield value


def briefing_texts(content: bytes) -> list[str]:
    """The briefing's text, and the text of each chart from plotly's figure data."""
    parser = _Text()
    parser.feed(content.decode("utf-8"))
    texts = list(parser.texts)
    decoder = json.JSONDecoder()
    for script in parser.scripts:
        for call in re.finditer(r"Plotly\.newPlot\(\s*\"[^\"]+\",\s*", script):
            data, end = decoder.raw_decode(script, call.end())
            layout, _ = decoder.raw_decode(script, script.index("{", end))
            texts.extend(_chart_strings(data))
            texts.extend(_chart_strings(layout))
    return texts


def pdf_text(content: bytes, folder: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is missing: apt-get install poppler-utils")
    path = folder / "pack.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def texts_of(packs: dict[tuple[str, str], bytes], language: str, fmt: str, tmp: Path) -> list[str]:
    content = _pack(packs, language, fmt)
    if fmt == "pptx":
        return deck_texts(content)
    if fmt == "xlsx":
        return workbook_texts(content)
    if fmt == "html":
        return briefing_texts(content)
    if fmt == "pdf":  # each line, and the whole text for what wraps onto the next line
        text = pdf_text(content, tmp)
        return [*text.splitlines(), text]
    return content.decode("utf-8").splitlines()


# The catalogue's English --------------------------------------------------------------


def english_left(texts: list[str], language: str) -> set[str]:
    """English messages in the texts: a whole text that is a message, or a run of two words
    or more (MIN_PIECE characters) of a message, between its placeholders, anywhere in the
    texts joined. Stricter than the screens' check (tests/english.py): a file's sentence is
    cut by line ends, cells and wrapping, so its pieces are looked for across them."""
    whole = {_lines(text) for text in texts}
    joined = " ¶ ".join(whole)
    left = set()
    for message in english_messages(language):
        if _lines(message) in whole:
            left.add(message)
            continue
        for piece in re.split(r"\{[^{}]*\}", message):
            piece = _lines(piece)
            # Two words at least, and not two little ones ("of the") that an English name or
            # citation in the data may hold.
            if len(re.findall(r"[A-Za-z]+", piece)) < 2 or len(piece) < MIN_PIECE:
                continue
            if re.search(rf"(?<![A-Za-z]){re.escape(piece)}(?![A-Za-z])", joined):
                left.add(message)
    return left


def test_the_check_finds_english_where_there_is_some() -> None:
    """The check itself: an English pack is full of catalogue messages it would report."""
    english = english_left(["Status by plan", "3 objectives need attention (1 overdue)"], "sr-Cyrl")
    assert english == {
        "Status by plan",
        "{count} objectives need attention ({overdue} overdue); earliest due first.",
    }
    assert not english_left(["Статус по плановима", "3 циља захтевају пажњу"], "sr-Cyrl")


# Tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", SERBIAN)
def test_every_export_in_serbian_has_no_english_message(
    packs: dict[tuple[str, str], bytes], language: str, fmt: str, tmp_path: Path
) -> None:
    texts = texts_of(packs, language, fmt, tmp_path)
    assert texts
    assert not english_left(texts, language)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", SERBIAN)
def test_every_export_writes_one_script_in_a_word_and_serbian_quotes(
    packs: dict[tuple[str, str], bytes], language: str, fmt: str, tmp_path: Path
) -> None:
    """No word mixes Cyrillic and Latin letters (a slip a reader sees and search misses), the
    Latin pack holds no Cyrillic letter at all (everything went through the transliteration),
    quotes are Serbian („…”) and a per cent sign follows its figure after a no-break space."""
    texts = texts_of(packs, language, fmt, tmp_path)
    assert not [word for text in texts for word in mixed_words(text)]
    assert not [slip for text in texts for slip in quote_slips(text)]
    if fmt != "pdf":  # a PDF's text comes back with a plain space for U+00A0 (its HTML is checked)
        assert not [slip for text in texts for slip in percent_slips(text)]
    if language == "sr-Latn":
        assert not [text for text in texts if re.search("[\u0400-\u04ff]", text)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("language", SERBIAN)
def test_every_export_shows_the_datas_translations_and_marks_english(
    packs: dict[tuple[str, str], bytes], language: str, fmt: str, tmp_path: Path
) -> None:
    """Plan, objective, evidence and note from the file's translations (Latin transliterated
    from the Cyrillic); an objective with no Serbian shows its English, marked as English."""
    text = _lines(" ¶ ".join(texts_of(packs, language, fmt, tmp_path)))
    shown = SHOWN[language]
    assert shown["plan"] in text
    assert shown["objective"] in text
    assert shown["english"] in text
    assert "Alpha plan" not in text
    assert "Destroy 2,000 tonnes of surplus ammunition" not in text
    if fmt in ("pptx", "html", "pdf", "xlsx"):  # the summary lists the ten newest changes
        assert shown["evidence"] in text
        assert "Trust fund report 2025" not in text
    if fmt in ("html", "pdf", "xlsx"):  # the deck shortens a long change's detail
        assert shown["note"] in text


@pytest.mark.parametrize("fmt", ("pptx", "html", "pdf", "md"))
@pytest.mark.parametrize("language", SERBIAN)
def test_dates_numbers_and_statuses_are_serbian(
    packs: dict[tuple[str, str], bytes], language: str, fmt: str, tmp_path: Path
) -> None:
    text = _lines(" ¶ ".join(texts_of(packs, language, fmt, tmp_path)))
    shown = SHOWN[language]
    assert shown["title"] in text
    assert shown["prepared"] in text  # "23. новембар 2026.", Babel's long date
    assert any(day in text for day in NUMERIC_DATES)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)  # no ISO date left
    tonnes = "2.000 тона" if language == "sr-Cyrl" else "2.000 tona"
    assert tonnes in text
    assert "2,000" not in text
    with using_language(language):
        serbian_labels = {t(label) for label in STATUS_LABELS.values()}
    assert any(label in text for label in serbian_labels)
    english_labels = set(STATUS_LABELS.values()) - serbian_labels
    assert not any(re.search(rf"\b{label}\b", text) for label in english_labels)


@pytest.mark.parametrize("language", SERBIAN)
def test_the_workbook_has_serbian_sheets_headers_and_dates(
    packs: dict[tuple[str, str], bytes], language: str
) -> None:
    book = load_workbook(BytesIO(_pack(packs, language, "xlsx")))
    visible = [sheet.title for sheet in book.worksheets if sheet.sheet_state == "visible"]
    with using_language(language):
        expected = [t(name) for name in ("About", "Objectives", "Updates", "Evidence")]
        headers = {t("Title"), t("Due"), t("Status")}
        due_header = t("Due")
    assert visible[:4] == expected
    objectives = book[expected[1]]
    first_row = [cell.value for cell in next(objectives.iter_rows(max_row=1))]
    assert headers <= set(first_row)
    due = objectives.cell(row=2, column=first_row.index(due_header) + 1)
    assert due.is_date and due.number_format == "dd.mm.yyyy."
    changes = " ¶ ".join(workbook_texts(_pack(packs, language, "xlsx")))
    tonnes = "тона" if language == "sr-Cyrl" else "tona"
    assert f"1.300 {tonnes} (" in changes  # a measurement's change, in the reader's units
    assert "1.300 tonnes" not in changes


def _charset(postscript_name: str) -> set[int]:
    """The characters the installed font of that PostScript name has glyphs for."""
    found = subprocess.run(
        ["fc-list", f":postscriptname={postscript_name}", "charset"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    covered: set[int] = set()
    for span in re.findall(r"[0-9a-f]+(?:-[0-9a-f]+)?", found.partition("=")[2]):
        first, _, last = span.partition("-")
        covered.update(range(int(first, 16), int(last or first, 16) + 1))
    return covered


@pytest.mark.parametrize("language", SERBIAN)
def test_the_pdf_embeds_fonts_with_every_letter_it_prints(
    packs: dict[tuple[str, str], bytes], language: str, tmp_path: Path
) -> None:
    """pdffonts: every font embedded; each is an installed font, and together they have a
    glyph for every character pdftotext reads back, Cyrillic included (no missing glyph)."""
    content = _pack(packs, language, "pdf")
    text = pdf_text(content, tmp_path)
    assert SHOWN[language]["title"] in _lines(text)
    if shutil.which("pdffonts") is None or shutil.which("fc-list") is None:
        pytest.skip("pdffonts (poppler-utils) or fc-list (fontconfig) is missing")
    listing = subprocess.run(
        ["pdffonts", str(tmp_path / "pack.pdf")], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    fonts = [line.split()[0] for line in listing]
    assert fonts
    assert all(" yes " in f" {line} " for line in listing)  # emb column
    names = {font.partition("+")[2] or font for font in fonts}
    covered = set().union(*(_charset(name) for name in names))
    printed = {ord(char) for char in text if not char.isspace()}
    missing = sorted(chr(code) for code in printed - covered)
    assert not missing
    if language == "sr-Cyrl":
        assert any(0x0400 <= code <= 0x04FF for code in printed)


def test_the_deck_names_a_font_with_cyrillic_glyphs(packs: dict[tuple[str, str], bytes]) -> None:
    """Every run of the Cyrillic deck names the deck's font, but a quoted command in the code
    face, which holds no letter past ASCII; and that font as this machine draws it (Calibri, or
    Carlito in its place) has a glyph for every letter of the deck."""
    content = _pack(packs, "sr-Cyrl", "pptx")
    deck = Presentation(BytesIO(content))
    runs = [
        run
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert {run.font.name for run in runs} <= {FONT, CODE_FONT}
    assert any(run.font.name == FONT for run in runs)
    assert all(run.text.isascii() for run in runs if run.font.name == CODE_FONT)
    if shutil.which("fc-match") is None:
        pytest.skip("fc-match (fontconfig) is missing")
    drawn_with = subprocess.run(
        ["fc-match", FONT, "postscriptname"], capture_output=True, text=True, check=True
    ).stdout
    name = drawn_with.partition("=")[2].strip()
    letters = {ord(char) for text in deck_texts(content) for char in text if char.isalpha()}
    assert any(0x0400 <= code <= 0x04FF for code in letters)
    assert not sorted(chr(code) for code in letters - _charset(name))


def test_report_takes_lang_on_the_command_line(translated: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "pack.md"
    result = run_cli(
        "report", "--lang", "sr-Latn", "--data", str(translated), "--since", SINCE,
        "-o", str(target),
    )  # fmt: skip
    assert result.code == 0, result.err
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# {SHOWN['sr-Latn']['title']}")
    assert "ALPHA: Alfa plan" in text
    assert not english_left(text.splitlines(), "sr-Latn")


@pytest.mark.browser
def test_the_briefings_chart_toolbar_speaks_serbian(packs: dict[tuple[str, str], bytes]) -> None:
    """plotly.js's own words (its toolbar's buttons) come from the catalogue through the
    locale the page registers, with no "Share chart" button that would send the chart out."""
    from playwright.sync_api import sync_playwright

    from tracker import settings

    try:
        browser_path = chromium_path()
    except BrowserMissing as missing:
        pytest.skip(str(missing))
    document = _pack(packs, "sr-Latn", "html").decode("utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(browser_path), args=settings.CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())
            page.set_content(document, wait_until="load")
            page.wait_for_function(
                "() => [...document.querySelectorAll('.plotly-graph-div')]"
                ".every((chart) => chart.dataset.drawn === 'yes')"
            )
            buttons = page.eval_on_selector_all(
                ".modebar-btn", "found => found.map((b) => b.getAttribute('data-title'))"
            )
        finally:
            browser.close()
    assert buttons
    assert "Preuzmi grafikon kao PNG" in buttons
    assert not english_left(buttons, "sr-Latn")
    assert not any("Share" in title or "Download" in title for title in buttons)


def test_the_decks_date_axis_writes_months_the_serbian_way(
    packs: dict[tuple[str, str], bytes],
) -> None:
    """The ammunition chart's dates: "03.2026." in Serbian, never ISO's "2026-03"."""
    deck = Presentation(BytesIO(_pack(packs, "sr-Cyrl", "pptx")))
    formats = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                formats.update(
                    axis.tick_labels.number_format
                    for axis in _axes(shape.chart)
                    if "yy" in axis.tick_labels.number_format
                )
    assert formats == {"mm.yyyy."}


@pytest.mark.parametrize("language", SERBIAN)
def test_the_workbooks_updates_show_by_in_serbian_where_the_data_translates_it(
    packs: dict[tuple[str, str], bytes], language: str
) -> None:
    """An update's `by` with a translation reads in the reader's language; one without is a
    name as written (not marked English: a `by` is mostly a person's or a body's name)."""
    book = load_workbook(BytesIO(_pack(packs, language, "xlsx")))
    with using_language(language):
        sheet = book[t("Updates")]
        by_header, note_header = t("By"), t("Note")
    rows = list(sheet.iter_rows(values_only=True))
    by, note = rows[0].index(by_header), rows[0].index(note_header)
    shown = {row[note]: row[by] for row in rows[1:]}
    translated = "Референт за ИПАП" if language == "sr-Cyrl" else "Referent za IPAP"
    assert shown[SHOWN[language]["note"]] == translated
    with using_language(language):
        status = rows[0].index(t("Status"))
        labels = {t(label) for label in STATUS_LABELS.values()}
    assert {row[status] for row in rows[1:]} <= labels  # each status in words, not its key
    assert "Desk officer" in shown.values()  # the other updates' `by`, as written


@pytest.mark.parametrize("language", SERBIAN)
def test_the_workbooks_about_sheet_labels_each_row_once(
    packs: dict[tuple[str, str], bytes], language: str
) -> None:
    """Each About row's label says what its value is, and no value repeats its label
    ("Data as of" | "Data as of: ..." read twice)."""
    book = load_workbook(BytesIO(_pack(packs, language, "xlsx")))
    with using_language(language):
        about = book[t("About")]
        data_as_of = t("Data as of")
    rows = [row for row in about.iter_rows(min_row=3, values_only=True) if row[0]]
    labels = [row[0] for row in rows]
    assert len(labels) == len(set(labels)) > 5
    for label, value in rows:
        assert not (isinstance(value, str) and value.startswith(label)), (label, value)
    dates = dict(rows)[data_as_of]
    assert "1. 9. 2025." in dates and data_as_of not in dates  # BETA's data date alone
