"""Hostile text in a valid file is shown as text everywhere: every page of the app, the HTML
briefing, the slide deck and the workbook; only http(s) evidence links become links.

The fixture (tests/data/hostile/hostile.yaml) puts HTML, `<script>`, `javascript:` Markdown
links and Streamlit's own markup (`:red[...]`, `$$...$$`, `**...**`) into every text field,
each tagged with a marker such as HXTITLE. A check fails when a marker is found inside markup
that would act (an unescaped tag, a live link, a colour directive), and each page must show
the markers somewhere, so the checks can never pass on a page that shows nothing.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from markdown_it import MarkdownIt
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from tests.support import PAGES, TIMEOUT, open_app
from tracker.export import build_report
from tracker.load.loader import Portfolio, load_portfolio
from tracker.tables.frames import build_frames

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
TODAY = date(2026, 11, 23)
ACTIVE_TAGS = {"script", "img", "iframe", "object", "embed", "svg", "math", "link", "meta", "base"}
# Streamlit's own Markdown extensions, which CommonMark does not know: a marker inside one that
# is not escaped by a "\\" would be coloured or typeset.
STREAMLIT_MARKUP = [
    re.compile(r"(?<!\\):[a-z]+(?<!\\)\[HX"),  # :red[...], :blue[...]
    re.compile(r"(?<!\\)\$(?<!\\)\$HX"),  # $$...$$
]
# Widget values and options, and a metric's value, are drawn as plain text, never as Markdown.
PLAIN_FIELDS = {"options", "default", "value", "raw_value", "placeholder", "id", "form_id"}
PLAIN = {("metric", "body")}
# CommonMark as the browser's Markdown renderer reads it, with raw HTML passed through and no
# link filtering, so that anything the data could smuggle in shows up in the output.
MARKDOWN = MarkdownIt("commonmark", {"html": True})
MARKDOWN.validateLink = lambda _url: True


def is_web(address: str) -> bool:
    parts = urlsplit(address.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def is_in_app(address: str) -> bool:
    """A link to another page of the app itself (no scheme, no host)."""
    parts = urlsplit(address.strip())
    return not parts.scheme and not parts.netloc and not address.strip().startswith("//")


# --- Reading what the app would put on screen --------------------------------------------------


def proto_strings(message: Any, field: str = "") -> Iterator[tuple[str, str]]:
    """Every (field name, string) in a protobuf message, nested ones included."""
    if isinstance(message, str):
        yield field, message
        return
    if not hasattr(message, "ListFields"):
        return
    for descriptor, value in message.ListFields():
        repeated = not isinstance(value, (str, bytes)) and not hasattr(value, "ListFields")
        for item in value if repeated and hasattr(value, "__iter__") else [value]:
            yield from proto_strings(item, descriptor.name)


def screen(app: AppTest) -> list[tuple[str, str, str]]:
    """(element type, field, text) for every string in the main area and the sidebar."""
    found: list[tuple[str, str, str]] = []

    def walk(node: Any) -> None:
        kind = str(getattr(node, "type", ""))
        if kind in ("dataframe", "arrow_data_frame"):
            table = node.value
            for column in table.columns:
                field = "link" if str(column) in ("url", "link") else "cell"
                found.extend((kind, field, v) for v in table[column] if isinstance(v, str))
            return
        proto = getattr(node, "proto", None)
        if proto is not None:
            for field, text in proto_strings(proto):
                found.append((kind, field, text))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app.main)
    walk(app.sidebar)
    return found


class Tags(HTMLParser):
    """The tags, attributes and text of an HTML fragment, with script bodies apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parse_html(document: str) -> Tags:
    parser = Tags()
    parser.feed(document)
    parser.close()
    return parser


def html_mistakes(
    document: str, where: str, allowed_tags: frozenset[str] = frozenset(), rel: bool = True
) -> list[str]:
    """What in an HTML document could run, fetch or navigate because of the data.

    `rel=False` for HTML rendered here from Markdown: in the browser Streamlit's Markdown
    renderer gives every link its own target and rel (bench/load_test.py checks it live)."""
    mistakes = []
    parsed = parse_html(document)
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                mistakes.append(f"{where}: <{tag} {name}=...> event handler")
            if "HX" in name or "HX" in tag:
                mistakes.append(f"{where}: data became markup in <{tag} {name}>")
            if name in ("src", "action", "formaction", "srcdoc", "data"):
                mistakes.append(f"{where}: <{tag} {name}={value!r}> loads or sends something")
        if tag == "a":
            href = attrs.get("href") or ""
            if not (is_web(href) or is_in_app(href)):
                mistakes.append(f"{where}: <a href={href!r}> is neither the web nor the app")
            link_rel = set((attrs.get("rel") or "").split())
            if rel and is_web(href) and not {"noopener", "noreferrer"} <= link_rel:
                mistakes.append(f"{where}: <a href={href!r}> without rel=noopener noreferrer")
        elif tag in ACTIVE_TAGS - allowed_tags:
            mistakes.append(f"{where}: <{tag}> in the page")
    for body in parsed.scripts:
        if re.match(r"\s*alert\(", body):
            mistakes.append(f"{where}: a <script> made from data: {body[:60]!r}")
    return mistakes


def markdown_mistakes(text: str, where: str) -> list[str]:
    """Data markup in a Markdown string: raw HTML, a link or image made from data, bold made
    from data, or Streamlit's own directives."""
    tokens = MARKDOWN.parse(text)
    mistakes = [
        f"{where}: raw HTML {token.content[:80]!r}"
        for block in tokens
        for token in [block, *(block.children or [])]
        if token.type in ("html_inline", "html_block")
    ]
    rendered = MARKDOWN.renderer.render(tokens, MARKDOWN.options, {})
    mistakes += html_mistakes(rendered, where, rel=False)
    if re.search(r"<(strong|em)>HX\w*BOLD</\1>", rendered):
        mistakes.append(f"{where}: data text made bold: {text[:120]!r}")
    mistakes += [
        f"{where}: {pattern.pattern} in {text[:120]!r}"
        for pattern in STREAMLIT_MARKUP
        if pattern.search(text)
    ]
    return mistakes


def screen_mistakes(found: list[tuple[str, str, str]]) -> list[str]:
    """Data markup that would act on screen, by the renderer that reads each string."""
    mistakes = []
    for kind, field, text in found:
        where = f"{kind}.{field}"
        if (kind, field) in (("html", "body"), ("bidi_component", "html_content")):
            # Read as the browser reads it: a component's markup is HTML, not Markdown.
            mistakes += html_mistakes(text, where)
        elif kind == "plotly_chart" and field == "spec":
            mistakes += plotly_mistakes(json.loads(text), where)
        elif kind in ("dataframe", "arrow_data_frame"):
            if field == "link" and text and not is_web(text):
                mistakes.append(f"{where}: a link column holds {text!r}")
        elif field in PLAIN_FIELDS or (kind, field) in PLAIN:
            continue
        else:
            mistakes += markdown_mistakes(text, where)
    return mistakes


# Where plotly draws a string (as its own small HTML: <b>, <a href>, <br> act there).
PLOTLY_DRAWN = {"text", "hovertext", "texttemplate", "hovertemplate", "ticktext", "name"}
PLOTLY_MARKUP = re.compile(r"<\s*(script|img|a|b|i|iframe|svg|span|br)\b", re.IGNORECASE)


def plotly_mistakes(figure: dict[str, Any], where: str) -> list[str]:
    """Data text that reaches plotly unescaped, where plotly draws it: traces' text, names and
    hover data, titles, annotations, tick labels, and category values of an axis drawn
    without its own tick labels."""
    mistakes = []
    layout = figure.get("layout", {})

    def drawn_strings(value: Any, key: str = "") -> Iterator[str]:
        if isinstance(value, dict):
            for name, child in value.items():
                yield from drawn_strings(child, name)
        elif isinstance(value, list):
            for child in value:
                yield from drawn_strings(child, key)
        elif isinstance(value, str) and key in PLOTLY_DRAWN | {"customdata"}:
            yield value

    def axis_labels_from_data(trace: dict[str, Any], letter: str) -> bool:
        axis = layout.get(f"{letter}axis{(trace.get(f'{letter}axis') or letter)[1:]}", {})
        return "ticktext" not in axis

    texts = list(drawn_strings(layout))
    for trace in figure.get("data", []):
        texts += list(drawn_strings(trace))
        for letter in ("x", "y"):
            values = trace.get(letter) or []
            if isinstance(values, list) and axis_labels_from_data(trace, letter):
                texts += [v for v in values if isinstance(v, str)]
    for text in texts:
        # The charts break long labels into lines with a bare <br> between escaped parts: the
        # one tag the code itself writes (data text never reaches plotly unescaped).
        if "HX" in text and PLOTLY_MARKUP.search(text.replace("<br>", " ")):
            mistakes.append(f"{where}: plotly draws data markup: {text[:120]!r}")
    return mistakes


def shown(found: list[tuple[str, str, str]]) -> str:
    return "\n".join(text for _kind, _field, text in found)


# --- The app: every page ------------------------------------------------------------------------

# Each page and the markers (from the fixture) it must show, escaped.
PAGE_MARKERS = {
    "overview": ["HXPLAN"],
    "objectives": ["HXTITLE", "HXOWNER"],
    "objective": ["HXTITLE", "HXOWNER", "HXDESC", "HXNOTE1", "HXNOTE2", "HXEVID", "HXBY"],
    "ammunition": ["HXAMMO", "HXUNIT"],
    # HXPANEL's kind is hostile markup, not one of the activity kinds: the campaign page
    # counts and lists activities only, so that record is on the Evidence page below.
    "campaign": ["HXCAMPAIGN"],
    "partnership_goals": ["HXGOAL", "HXFIELD"],
    "changes": ["HXNOTE2", "HXEVID"],
    "evidence": ["HXEVID", "HXPANEL", "HXKIND2"],
    "problems": [],
    "meeting_pack": [],
}
APP_PAGES = PAGES


@pytest.mark.parametrize("page", sorted(PAGE_MARKERS))
def test_every_page_shows_hostile_text_as_text(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    params = {"objective": "hx-activity", "since": "2024-01-01"}
    if page == "meeting_pack":
        monkeypatch.setenv("IPAP_DATA", str(HOSTILE))
        app = AppTest.from_file(str(HOSTILE.parents[2] / "app.py"), default_timeout=TIMEOUT)
        app.run()
        app.switch_page(APP_PAGES[page]).run()
        assert not app.exception, [e.value for e in app.exception]
    else:
        app = open_app(monkeypatch, HOSTILE, page, params)
    found = screen(app)
    assert screen_mistakes(found) == []
    text = shown(found)
    for marker in PAGE_MARKERS[page]:
        assert marker in text, f"{marker} is not shown on {page}"


def test_links_on_the_detail_page_go_only_to_the_web(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, HOSTILE, "objective", {"objective": "hx-activity"})
    found = screen(app)
    documents = [
        MARKDOWN.render(text)
        for kind, field, text in found
        if kind not in ("html", "plotly_chart", "dataframe") and field not in PLAIN_FIELDS
    ]
    documents += [text for kind, field, text in found if kind == "html" and field == "body"]
    targets = [
        attrs.get("href") or ""
        for document in documents
        for tag, attrs in parse_html(document).tags
        if tag == "a"
    ]
    targets += [text for kind, field, text in found if field == "link"]
    outside = [t for t in targets if not is_in_app(t)]
    # Both hostile evidence addresses are links, each as the one address it is.
    assert any(t.startswith("https://example.org/e?a=1&b=") for t in outside), outside
    assert any(t.startswith("http://example.org/x") for t in outside), outside
    assert all(is_web(t) for t in outside), outside
    assert "javascript\\:alert" in shown(found)  # the hostile link is there, as escaped text


def test_presentation_mode_shows_hostile_text_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, HOSTILE, params={"present": "1"})
    seen_markers: set[str] = set()
    for _ in range(20):  # every screen, then stop at the last
        found = screen(app)
        assert screen_mistakes(found) == []
        seen_markers |= set(re.findall(r"HX[A-Z0-9]+", shown(found)))
        step = next((b for b in app.button if b.label == "Next"), None)
        if step is None or step.disabled:
            break
        step.click().run()
        assert not app.exception, [e.value for e in app.exception]
    assert {"HXPLAN", "HXTITLE"} & seen_markers


def test_every_outside_address_on_screen_comes_from_the_data(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The app asks no outside host for anything: every http(s) address it shows is one the
    data holds (a link a person may follow), never a script, font, image or map from the web."""
    portfolio = load_portfolio(HOSTILE, today=TODAY)
    from_data = {source.url for plan in portfolio.plans.values() for source in plan.sources}
    for objective in portfolio.objectives:
        from_data |= {e.url for e in objective.evidence}
        from_data |= {u.source for u in objective.updates}
        if objective.metric:
            from_data |= {m.source for m in objective.metric.measurements}
    hosts = {urlsplit(u).netloc for u in from_data if u and is_web(u)}
    for page, params in [("overview", None), ("objective", {"objective": "hx-activity"})]:
        text = shown(screen(open_app(monkeypatch, HOSTILE, page, params)))
        for address in re.findall(r"https?://([^/\s\"'<>)\\]+)", text):
            assert address in hosts | {"evil.example"}, f"{page} refers to {address}"


# --- The HTML briefing, the deck and the workbook ----------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> Portfolio:
    portfolio = load_portfolio(HOSTILE, today=TODAY)
    assert portfolio.problems == []
    return portfolio


def report(portfolio: Portfolio, fmt: str) -> bytes:
    frames = build_frames(portfolio, today=TODAY)
    return build_report(frames, portfolio, fmt, since=date(2024, 1, 1), audience="internal")


def test_the_html_briefing_shows_hostile_text_as_text(hostile: Portfolio) -> None:
    document = report(hostile, "html").decode("utf-8")
    assert html_mistakes(document, "briefing", frozenset({"meta", "script"})) == []
    parsed = parse_html(document)
    text = "\n".join(parsed.text)
    # Shown exactly as typed: the reader sees the tags and the Markdown as characters.
    title = next(o.title for o in hostile.objectives if o.id == "hx-activity")
    assert title in text
    assert '<script>alert("HXNOTE2")</script>' in text
    assert ":red[HXNOTE2RED] $$HXNOTE2MATH$$ **HXNOTE2BOLD**" in text
    # Every link goes to the web, opens apart from the briefing, and the hostile addresses
    # arrive as the one address each, never as markup.
    links = [attrs.get("href") or "" for tag, attrs in parsed.tags if tag == "a"]
    outside = [href for href in links if not href.startswith("#")]
    assert outside and all(is_web(href) for href in outside)
    assert not any(tag == "script" and attrs.get("src") for tag, attrs in parsed.tags)


def test_the_deck_shows_hostile_text_as_text(hostile: Portfolio) -> None:
    content = report(hostile, "pptx")
    deck = Presentation(io.BytesIO(content))
    texts: list[str] = []
    addresses: list[str] = []
    for slide in deck.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    texts.append("".join(run.text for run in paragraph.runs))
                    addresses += [
                        r.hyperlink.address for r in paragraph.runs if r.hyperlink.address
                    ]
    addresses = [address for address in addresses if address]
    everything = "\n".join(texts)
    assert "HXTITLE <script>" in everything  # as typed, shortened or not
    assert addresses and all(is_web(address) for address in addresses)
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        for name in package.namelist():
            part = package.read(name).decode("utf-8", errors="replace")
            for target, mode in re.findall(r'Target="([^"]*)"(?: TargetMode="(\w+)")?', part):
                if mode == "External":
                    assert is_web(target), (name, target)


def test_the_workbook_never_turns_data_into_formulas(hostile: Portfolio) -> None:
    workbook = load_workbook(io.BytesIO(report(hostile, "xlsx")))
    seen = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "HXFORMULA" in cell.value:
                    seen.append(cell)
                if cell.data_type == "f":
                    assert "HX" not in str(cell.value) and "cmd" not in str(cell.value), cell
    assert seen and all(cell.data_type == "s" for cell in seen)
    assert any(cell.value == '=HYPERLINK("http://evil.example","HXFORMULA")' for cell in seen)
