"""The HTML briefing: self-contained, a chart per section, escaped text, print CSS, audience."""

from __future__ import annotations

import html
import re
from datetime import date
from html.parser import HTMLParser

import pytest

from tests.support import MEETING_TODAY, SHIPPED
from tracker.export import build_report
from tracker.load.loader import Portfolio
from tracker.tables.analysis import kpis
from tracker.tables.frames import build_frames

CHART_SECTIONS = ["status-by-plan", "status-by-area", "progress-by-area", "ammunition", "campaign"]


class Tags(HTMLParser):
    """Every start tag with its attributes, outside and inside the body."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(document: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(document)
    return parser.tags


def without_scripts(document: str) -> str:
    """The markup with the scripts' bodies removed: plotly.js mentions many addresses in its
    code (map tiles, fonts) that a bar chart never loads; what counts is the markup."""
    return re.sub(r"<script>.*?</script>", "<script></script>", document, flags=re.DOTALL)


def briefing(portfolio: Portfolio, **options: object) -> str:
    frames = build_frames(portfolio, today=MEETING_TODAY)
    options.setdefault("since", date(2025, 1, 1))
    return build_report(frames, portfolio, "html", **options).decode("utf-8")


@pytest.fixture(scope="module")
def public(meeting_portfolio: Portfolio) -> str:
    return briefing(meeting_portfolio)


@pytest.fixture(scope="module")
def internal(meeting_portfolio: Portfolio) -> str:
    return briefing(meeting_portfolio, audience="internal")


def test_nothing_is_loaded_from_an_outside_host(meeting_portfolio: Portfolio, public: str) -> None:
    markup = without_scripts(public)
    evidence_urls = {
        e.url
        for o in meeting_portfolio.objectives
        for e in o.evidence
        if e.url and e.access == "public"
    }
    for tag, attributes in tags_of(markup):
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        assert "src" not in attributes, (tag, attributes)
        href = attributes.get("href")
        if href is None or href.startswith("#"):
            continue
        # The only outside addresses are the evidence links, which a reader clicks.
        assert tag == "a" and href in evidence_urls, href
        assert attributes.get("rel") == "noopener noreferrer"
    clickable = re.compile(r'<a href="([^"]*)" rel="noopener noreferrer" target="_blank">')
    assert {html.unescape(url) for url in clickable.findall(markup)} == evidence_urls
    rest = clickable.sub("<a>", markup)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", rest)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", markup)
    assert "@import" not in markup
    scripts = re.findall(r"<script([^>]*)>", public)
    assert scripts and all(attributes == "" for attributes in scripts)  # all inline
    assert "default-src 'none'" in public  # the browser refuses any fetch the page attempts


def test_plotly_is_inlined_once(public: str) -> None:
    assert public.count("Plotly.newPlot(") == len(CHART_SECTIONS)
    assert len(re.findall(r"\* plotly\.js v\d", public)) == 1  # the bundle's own header


def test_each_chart_section_has_a_chart(public: str) -> None:
    for anchor in CHART_SECTIONS:
        match = re.search(
            rf'<figure class="chart"[^>]*><h2 id="{anchor}">.*?</figure>', public, re.DOTALL
        )
        assert match, anchor
        assert 'class="plotly-graph-div"' in match.group(0), anchor
        assert "<figcaption>Figure " in match.group(0)


def test_print_css_gives_a4_pages_and_keeps_charts_whole(public: str) -> None:
    assert "@page { size: A4;" in public
    assert re.search(r"figure\.chart \{[^}]*break-inside: avoid", public)
    assert re.search(r"thead \{ display: table-header-group; \}", public)


def test_hostile_text_is_escaped_everywhere(public: str) -> None:
    assert "<script>alert" not in public
    assert "<img src=x" not in public
    assert "<b>defence</b>" not in public
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; Reform the &lt;b&gt;defence" in public
    assert "&lt;img src=x onerror=alert(1)&gt; General Staff | J5" in public
    hrefs = [a.get("href") or "" for tag, a in tags_of(without_scripts(public)) if tag == "a"]
    assert not any("javascript" in href.lower() for href in hrefs)
    # In the chart data, plotly's own markup is escaped too (its JSON hides "<" as \u003c).
    assert "\\u003cb\\u003eoutreach" not in public
    assert "Public &lt;b&gt;outreach&lt;\\u002fb&gt; &amp; information" in public


def test_public_briefing_leaves_internal_evidence_out(
    meeting_portfolio: Portfolio, public: str, internal: str
) -> None:
    internal_titles = [
        e.title for o in meeting_portfolio.objectives for e in o.evidence if e.access == "internal"
    ]
    for title in internal_titles:
        escaped = title.replace('"', "&quot;")
        assert escaped not in public
        assert escaped in internal
    assert "Public edition: internal evidence is left out." in public
    assert "Internal edition" in internal


def test_since_and_plan_change_the_briefing(meeting_portfolio: Portfolio) -> None:
    later = briefing(meeting_portfolio, since=date(2026, 7, 1))
    assert '<h2 id="changes">Changes since 2026-07-01</h2>' in later
    assert 'Round table in Novi Sad</a></td><td class="short">Round table' in later
    changes = later.split('<h2 id="changes">')[1].split("</section>")[0]
    assert changes.count("<tr>") == 1 + 1  # header and the one public update since 1 July
    beta = briefing(meeting_portfolio, plan="beta")
    assert "<h1>Beta plan: meeting pack</h1>" in beta
    assert "alpha-ammo" not in beta


def test_long_tables_are_cut_with_a_note_pointing_to_the_workbook(
    meeting_portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tracker.export.html.MAX_TABLE_ROWS", 2)
    document = briefing(meeting_portfolio)
    appendix = document.split('<h2 id="evidence">')[1].split("</section>")[0]
    assert appendix.count("<tr>") == 1 + 2
    assert "6 more rows are not shown here: the Excel workbook" in appendix


def test_charts_keep_room_for_their_labels_inside_the_app(
    meeting_portfolio: Portfolio, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Importing Streamlit makes its plotly template the default, and that template gives
    axis labels no room; the briefing must look the same from the app as from the CLI."""
    import plotly.io as pio
    import streamlit  # noqa: F401 - registers the "streamlit" template

    monkeypatch.setattr(pio.templates, "default", "streamlit")
    document = briefing(meeting_portfolio)
    figures = re.findall(r"Plotly\.newPlot\(.*?\)\.then", document, flags=re.DOTALL)
    assert len(figures) == len(CHART_SECTIONS)
    for figure in figures:
        assert '"automargin":true' in figure


def test_the_average_progress_tile_says_how_many_objectives_it_averages(
    meeting_portfolio: Portfolio, public: str
) -> None:
    """An average over the few objectives that report progress (100 % of 1 of 38 in the
    shipped data) reads as the portfolio's progress unless the tile says what it covers."""
    k = kpis(build_frames(meeting_portfolio, today=MEETING_TODAY).objectives)
    assert 0 < k.progress_known < k.objectives
    tiles = re.findall(
        r'<span class="label">([^<]*)</span>(?:<span class="detail">([^<]*)</span>)?', public
    )
    details = {label: detail for label, detail in tiles}
    assert details["Average progress"] == f"over {k.progress_known} of {k.objectives} objectives"


@pytest.mark.parametrize(
    ("host", "shown"),
    [
        ("atlanticcouncil.rs", "atlanticcouncil.rs"),
        ("nato-brussels.mfa.gov.rs", "nato-br…mfa.gov.rs"),
        ("publicdiplomacypressandmedia.blogspot.com", "publi…blogspot.com"),
        ("arhiviranisajt.msp.gov.rs", "arhivir…msp.gov.rs"),
    ],
)
def test_the_evidence_tables_site_keeps_its_start_and_whole_labels_at_its_end(
    host: str, shown: str
) -> None:
    """The site column cut hosts at 24 characters ("publicdiplomacypressand…"), leaving out
    the part that names the site."""
    from tracker.export.html import SITE_LENGTH
    from tracker.export.text import site_name

    assert site_name(host, SITE_LENGTH) == shown
    assert len(shown) <= SITE_LENGTH


def test_a_command_in_the_warning_is_set_as_code_not_in_backticks(public: str) -> None:
    """The meeting portfolio has a warning, and the note quotes the command that lists it."""
    note = re.search(r'<p class="note warning">(.*?)</p>', public)
    assert note, "the meeting portfolio's warning is noted"
    assert "`" not in note.group(1)
    assert "<code>python -m tracker validate</code>" in note.group(1)


def test_with_no_progress_reported_the_average_tile_says_so() -> None:
    """A dash over "over 0 of 15 objectives" read as a figure missing by mistake (the
    shipped IPAP 2 reports no progress)."""
    from tracker.load.loader import load_portfolio

    shipped = load_portfolio(SHIPPED, today=MEETING_TODAY)
    document = briefing(shipped, plan="ipap2")
    tiles = re.findall(
        r'<span class="label">([^<]*)</span>(?:<span class="detail">([^<]*)</span>)?', document
    )
    assert dict(tiles)["Average progress"] == "no figure yet"
