"""The meeting deck, opened again with python-pptx: titles, native charts, tables and links."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches

from tests.support import MEETING_TODAY, SHIPPED
from tracker.export import build_report, default_audience, sentences
from tracker.export import pack as sections
from tracker.export.pack import gather, heading
from tracker.i18n import t, using_language
from tracker.load.loader import Portfolio, load_portfolio
from tracker.statuses import STATUS_LABELS, STATUS_ORDER
from tracker.tables.frames import build_frames

SINCE = date(2025, 1, 1)


def deck_of(portfolio: Portfolio, **options: object) -> Presentation:
    frames = build_frames(portfolio, today=MEETING_TODAY)
    options.setdefault("since", SINCE)
    return Presentation(BytesIO(build_report(frames, portfolio, "pptx", **options)))


def titles(deck: Presentation) -> list[str]:
    return [slide.shapes.title.text for slide in deck.slides]


def slide_titled(deck: Presentation, title: str):  # type: ignore[no-untyped-def]
    matches = [s for s in deck.slides if s.shapes.title.text.startswith(title)]
    assert matches, f"no slide titled {title!r} in {titles(deck)}"
    return matches


def chart_on(slide):  # type: ignore[no-untyped-def]
    charts = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts) == 1
    return charts[0]


def series_by_category(chart) -> dict[str, dict[str, float | None]]:  # type: ignore[no-untyped-def]
    categories = list(chart.plots[0].categories)
    return {
        series.name: dict(zip(categories, series.values, strict=True))
        for series in chart.plots[0].series
    }


def all_text(deck: Presentation) -> str:
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    return "\n".join(parts)


def links(deck: Presentation) -> set[str]:
    found = set()
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            for row in shape.table.rows:
                for cell in row.cells:
                    for paragraph in cell.text_frame.paragraphs:
                        for run in paragraph.runs:
                            if run.hyperlink.address:
                                found.add(run.hyperlink.address)
    return found


@pytest.fixture(scope="module")
def public_deck(meeting_portfolio: Portfolio) -> Presentation:
    return deck_of(meeting_portfolio)


@pytest.fixture(scope="module")
def internal_deck(meeting_portfolio: Portfolio) -> Presentation:
    return deck_of(meeting_portfolio, audience="internal")


def test_the_deck_has_the_sections_in_order(public_deck: Presentation) -> None:
    sections = []
    for title in titles(public_deck):
        section = re.sub(r" \(\d+/\d+\)$", "", title)  # "(1/2)": a table continued
        if not sections or sections[-1] != section:
            sections.append(section)
    assert sections == [
        "IPAP meeting pack",
        "Summary",
        "Status by plan",
        "Status by area",
        "Progress by area",
        "Ammunition against target",
        "Information campaign activities",
        "Changes since 2025-01-01",
        "Overdue and at-risk objectives",
        "Evidence appendix",
    ]


def test_title_slide_names_the_plans_the_data_date_and_the_audience(
    public_deck: Presentation,
) -> None:
    text = "\n".join(s.text_frame.text for s in public_deck.slides[0].shapes if s.has_text_frame)
    assert "ALPHA: Alpha plan; BETA: Beta plan" in text
    # The newest fact a public reader can see: the 2 July 2026 evidence is internal.
    # Per plan, since the plans differ, with today beside it.
    assert "Data as of ALPHA 2026-07-01, BETA 2025-09-01 · today 2026-11-23" in text
    assert "Public edition: internal evidence is left out." in text


def test_internal_deck_is_dated_by_its_newest_fact(internal_deck: Presentation) -> None:
    text = "\n".join(s.text_frame.text for s in internal_deck.slides[0].shapes if s.has_text_frame)
    assert "Data as of ALPHA 2026-07-02, BETA 2025-09-01" in text
    assert "Internal edition" in text


def test_status_charts_are_native_charts_holding_the_portfolios_counts(
    meeting_portfolio: Portfolio, public_deck: Presentation
) -> None:
    by_plan = Counter((o.plan_id, o.status) for o in meeting_portfolio.objectives)
    chart = chart_on(slide_titled(public_deck, "Status by plan")[0])
    values = series_by_category(chart)
    assert list(values) == [STATUS_LABELS[s] for s in STATUS_ORDER]
    for status in STATUS_ORDER:
        assert values[STATUS_LABELS[status]] == {
            "ALPHA": by_plan[("alpha", status)],
            "BETA": by_plan[("beta", status)],
        }
    # Areas are labelled as on the screen: the area's title and the plan's short name.
    area_labels = {
        area.id: f"{area.title} · {plan.id.upper()}"
        for plan in meeting_portfolio.plans.values()
        for area in plan.areas
    }
    by_area = Counter((area_labels[o.area], o.status) for o in meeting_portfolio.objectives)
    values = series_by_category(chart_on(slide_titled(public_deck, "Status by area")[0]))
    for status in STATUS_ORDER:
        assert values[STATUS_LABELS[status]] == {
            label: by_area[(label, status)] for label in area_labels.values()
        }


def test_progress_ammunition_and_campaign_charts_hold_the_data(
    meeting_portfolio: Portfolio, public_deck: Presentation
) -> None:
    progress = series_by_category(chart_on(slide_titled(public_deck, "Progress by area")[0]))
    bars = progress["Average progress"]
    assert bars["Defence reform · ALPHA (2 of 2)"] == pytest.approx((40 + 100) / 2)
    assert bars["Surplus ammunition · ALPHA (1 of 1)"] == pytest.approx(65)  # 1,300 of 2,000 t

    slide = slide_titled(public_deck, "Ammunition")[0]
    bar, trend = [shape.chart for shape in slide.shapes if shape.has_chart]
    totals = [400.0, 900.0, 1300.0]  # the running totals measured
    assert sorted(trend.plots[0].series[0].values) == sorted(totals)
    assert list(trend.plots[0].series[1].values) == [2000.0, 2000.0]  # the target line
    ammunition = series_by_category(bar)
    title = "Destroy 2,000 tonnes of surplus ammunition"
    assert ammunition["Destroyed"][title] == 1300
    assert ammunition["Remaining"][title] == 700

    campaign = meeting_portfolio.objective("alpha-campaign")
    assert campaign is not None
    expected = Counter(
        (f"{e.date.year} Q{(e.date.month - 1) // 3 + 1}", t(e.kind))  # the kind as people say it
        for e in campaign.evidence
        if e.access == "public"
    )
    chart = series_by_category(chart_on(slide_titled(public_deck, "Information campaign")[0]))
    shown = {
        (quarter, kind): count
        for kind, per_quarter in chart.items()
        for quarter, count in per_quarter.items()
        if count
    }
    assert shown == dict(expected)


def test_evidence_appendix_links_every_public_evidence_address(
    meeting_portfolio: Portfolio, public_deck: Presentation
) -> None:
    public_urls = {
        e.url
        for o in meeting_portfolio.objectives
        for e in o.evidence
        if e.url and e.access == "public"
    }
    appendix_links = set()
    for slide in slide_titled(public_deck, "Evidence appendix"):
        for shape in slide.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for paragraph in cell.text_frame.paragraphs:
                            appendix_links |= {
                                r.hyperlink.address for r in paragraph.runs if r.hyperlink.address
                            }
    # Office hyperlinks must be URIs: characters such as "<" arrive percent-encoded.
    assert {unquote(address) for address in appendix_links} == public_urls
    assert "https://example.org/review?a=1&b=%3C2%3E" in appendix_links
    assert all(address.startswith(("http://", "https://")) for address in links(public_deck))


def test_public_deck_holds_no_internal_evidence(
    meeting_portfolio: Portfolio, public_deck: Presentation, internal_deck: Presentation
) -> None:
    internal = [
        e.title for o in meeting_portfolio.objectives for e in o.evidence if e.access == "internal"
    ]
    assert len(internal) == 3
    public_text = all_text(public_deck)
    internal_text = all_text(internal_deck)
    for title in internal:
        assert title not in public_text
        assert title in internal_text
    assert "Internal edition" in internal_text


def test_hostile_text_is_shown_as_typed_and_never_becomes_a_link(
    public_deck: Presentation,
) -> None:
    text = all_text(public_deck)
    assert "<script>alert('x')</script> Reform the <b>defence</b> planning" in text
    assert "<img src=x onerror=alert(1)> General Staff | J5" in text
    assert not any("javascript" in address for address in links(public_deck))


def test_since_changes_the_changes_slide(meeting_portfolio: Portfolio) -> None:
    def dated_records(since: date) -> int:
        count = 0
        for objective in meeting_portfolio.objectives:
            count += sum(u.date >= since for u in objective.updates)
            count += sum(e.date >= since and e.access == "public" for e in objective.evidence)
            if objective.metric:
                count += sum(m.date >= since for m in objective.metric.measurements)
        return count

    for since in (date(2024, 1, 1), date(2026, 3, 1)):
        deck = deck_of(meeting_portfolio, since=since)
        slides = slide_titled(deck, f"Changes since {since.isoformat()}")
        rows = sum(
            len(shape.table.rows) - 1 for s in slides for shape in s.shapes if shape.has_table
        )
        assert rows == dated_records(since)
    late = deck_of(meeting_portfolio, since=date(2026, 11, 1))
    assert "Nothing was recorded between 2026-11-01" in all_text(late)


def test_a_plan_of_its_own(meeting_portfolio: Portfolio) -> None:
    deck = deck_of(meeting_portfolio, plan="beta")
    assert titles(deck)[0] == "Beta plan: meeting pack"
    values = series_by_category(chart_on(slide_titled(deck, "Status by plan")[0]))
    assert {label for series in values.values() for label in series} == {"BETA"}
    assert "alpha-" not in all_text(deck)


def write_many_overdue(folder: Path, count: int) -> None:
    """A plan with `count` overdue objectives with long titles: tables must continue."""
    lines = [
        "plan:",
        "  id: many",
        "  title: Many objectives",
        "  start: 2020-01-01",
        "  end: 2022-12-31",
        "  areas: [{id: work, title: Work}]",
        "objectives:",
    ]
    for number in range(count):
        lines += [
            f"  - id: many-{number:03d}",
            f"    title: Objective {number} with a long title that wraps onto a second line "
            "in the table of overdue objectives, as real titles often do",
            "    type: activity",
            "    area: work",
            "    owner: Ministry",
            "    start: 2020-01-01",
            "    due: 2021-01-01",
            "    status: at-risk",
            "    updates: [{date: 2020-06-01, status: at-risk}]",
            f"    evidence: [{{title: Report {number}, url: 'https://example.org/{number}', "
            "date: 2020-06-01}]",
        ]
    folder.mkdir()
    (folder / "many.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_long_tables_continue_on_the_next_slide_and_never_overflow(tmp_path: Path) -> None:
    write_many_overdue(tmp_path / "many", 30)  # within the deck's five slides of a table
    portfolio = load_portfolio(tmp_path / "many", today=MEETING_TODAY)
    assert not portfolio.problems
    deck = deck_of(portfolio, since=date(2020, 1, 1))
    attention = slide_titled(deck, "Overdue and at-risk objectives")
    assert len(attention) > 1
    assert attention[0].shapes.title.text == f"Overdue and at-risk objectives (1/{len(attention)})"
    rows = 0
    footer_top = Inches(7.0)
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                assert shape.top + shape.height <= footer_top, slide.shapes.title.text
                assert Emu(shape.left + shape.width) <= Inches(13.333 - 0.5)
                if slide in attention:
                    rows += len(shape.table.rows) - 1
    assert rows == 30
    assert len(links(deck)) == 30


def test_data_problems_are_counted_on_the_title_slide(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("alpha.yaml", "beta.yaml"):
        (folder / name).write_text(
            (Path(__file__).parents[1] / "data" / "meeting" / name).read_text(encoding="utf-8"),
            encoding="utf-8",
        )
    broken = (
        (folder / "beta.yaml")
        .read_text(encoding="utf-8")
        .replace("status: not-assessed", "status: not-assesed")
    )
    (folder / "beta.yaml").write_text(broken, encoding="utf-8")
    portfolio = load_portfolio(folder, today=MEETING_TODAY)
    assert len(portfolio.errors()) == 1
    deck = deck_of(portfolio)
    title_text = "\n".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "1 data error and 1 warning found" in title_text
    # The broken objective is named only where the deck says it could not be read.
    naming = [line for line in all_text(deck).splitlines() if "beta-grants" in line]
    assert naming and all("could not be read" in line for line in naming)


def test_a_deck_stays_a_meeting_deck_at_25_plans(tmp_path: Path) -> None:
    """At 25 plans and 1,500 objectives: at most 25 slides, the largest areas charted and the
    rest said in words a meeting understands (the workbook, not a command to run)."""
    import subprocess
    import sys

    from tests.support import PROJECT

    folder = tmp_path / "portfolio"
    subprocess.run(
        [sys.executable, "bench/generate.py", "1500", str(folder), "--plans", "25"],
        cwd=PROJECT, check=True, capture_output=True,
    )  # fmt: skip
    deck = deck_of(load_portfolio(folder))
    assert len(deck.slides) <= 25
    counts = Counter(title.split(" (")[0] for title in titles(deck))
    assert counts["Status by area"] == 1 and counts["Progress by area"] == 1
    text = all_text(deck)
    assert re.search(
        r"\d+ smaller areas are not on these slides \([\d,]+ objectives in all\)", text
    )
    assert "python -m tracker report" not in text
    # 25 plans on the three status-by-plan slides share them evenly, not 12, 12 and one bar.
    bars = [len(chart_on(s).plots[0].categories) for s in slide_titled(deck, "Status by plan")]
    assert bars == [9, 8, 8]
    # A table cut at five slides says how many rows it leaves out, and those and the rows
    # shown are every row of the pack's table (only the shown ones are built and measured).
    portfolio = load_portfolio(folder)
    frames = build_frames(portfolio, today=MEETING_TODAY)
    pack = gather(frames, portfolio, since=SINCE, audience=default_audience("pptx"))
    for title, total in (
        ("Overdue and at-risk objectives", len(pack.attention)),
        ("Evidence", len(pack.evidence)),
    ):
        slides = slide_titled(deck, title)
        assert len(slides) == 5, title
        tables = [shape.table for slide in slides for shape in slide.shapes if shape.has_table]
        shown = sum(len(table.rows) - 1 for table in tables)
        said = re.search(r"([\d,]+) more rows are not shown here", all_text_of(slides[-1]))
        assert said, title
        assert shown + int(said.group(1).replace(",", "")) == total, title


def all_text_of(slide) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_a_long_table_is_split_only_as_far_as_its_slides_go() -> None:
    """table_pages with a limit gives the unlimited split's first pages, and takes no row
    from its source after the row that did not fit the last of them."""
    from tracker.export.pptx_shapes import Cell, Column, table_pages

    columns = [Column("Objective", 2.0), Column("Detail", 3.0)]
    rows = [
        [Cell(f"Objective {n} " * (1 + n % 4)), Cell("a detail " * (n % 7))] for n in range(200)
    ]
    every = table_pages(columns, rows, 5.2)
    assert len(every) > 4
    taken = []

    def source():  # type: ignore[no-untyped-def]
        for row in rows:
            taken.append(row)
            yield row

    first = table_pages(columns, source(), 5.2, limit=3)
    assert first == every[:3]
    assert len(taken) == sum(len(page) for page in first) + 1
    assert table_pages(columns, rows[:3], 5.2, limit=3) == [rows[:3]]


def test_rows_that_fill_the_room_exactly_fit() -> None:
    """A slide takes every row its room holds to the last thousandth of an inch: the rows'
    heights summed in floats may come out a hair over the room they exactly fill."""
    from tracker.export.pptx_shapes import Cell, Column, header_height, row_height, table_pages

    columns = [Column("Objective", 2.0)]
    three = [[Cell("a")], [Cell("b")], [Cell("c")]]
    # The room as a slide's is given, in thousandths (5.20 in): 1.132 for these four rows.
    room = round(header_height(columns) + sum(row_height(columns, row) for row in three), 3)
    assert table_pages(columns, three * 4, room) == [three] * 4


def test_a_link_cell_shows_its_host_and_path_end_in_one_short_line() -> None:
    from tracker.export.text import link_label

    assert link_label("https://www.nato.int/cps/en/natohq/news_124970.htm", 26) == (
        "nato.int/…/news_124970.htm"
    )
    assert link_label("http://nato-brussels.mfa.gov.rs/", 26) == "nato-brussels.mfa.gov.rs"
    assert link_label("https://b92.net/politics.php?yyyy=2018", 26) == "b92.net/politics.php"
    # Too long for the cell: the host's start and its end, never a word cut at random.
    long_host = "https://publicdiplomacypressandblogreview.blogspot.com/2017/12/what-is-ipap.html"
    assert link_label(long_host, 26) == "publicdiplom…blogspot.com"
    assert all(len(link_label(long_host, n)) <= n for n in range(10, 40))


def test_row_height_estimate_matches_what_impress_draws() -> None:
    """LibreOffice Impress draws a table row of n lines of 11 pt text 0.100 + 0.183 n inches
    tall (measured with pdftotext -bbox on the rendered decks). The estimate may round up a
    little, never by a line's worth: the old 0.13 + 0.19 n left rows' room empty on every
    Changes slide."""
    from tracker.export.pptx_shapes import LINE_HEIGHT, ROW_PADDING

    for lines in (1, 2, 3, 5):
        drawn = 0.100 + 0.183 * lines
        estimate = ROW_PADDING + LINE_HEIGHT * lines
        assert drawn <= estimate <= drawn + 0.03, (lines, drawn, estimate)


def test_table_text_is_measured_with_the_decks_font_and_the_table_stands_in_safely(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With Calibri or Carlito on the machine the widths are the font's (what Impress draws:
    every measured cell wraps into its drawn lines, see tracker.export.pptx_fonts); without,
    the per-letter table is never narrower than the font on the deck's own cells, so it
    never counts a line too few, and stays within a few per cent of it."""
    from tracker.export import pptx_fonts
    from tracker.export.pptx_shapes import TABLE_FONT

    if pptx_fonts._font(False) is None:
        pytest.skip("neither Calibri nor Carlito is on this machine: fonts-crosextra-carlito")
    texts = [
        "Serbian Armed Forces in joint exercises with NATO members and partners (ipap2-exercises)",
        "Атлантски савет Србије, приказ ИПАП 2: сарадња у области сајбер безбедности (Извештај)",
        "Destroy surplus small-arms ammunition at Technical Overhaul Institute Čačak",
        "still on track, progress 56%: Proceeding to schedule.",
    ]
    font = [pptx_fonts.text_width(text, TABLE_FONT) for text in texts]
    lines = [pptx_fonts.wrapped_lines(text, 2.0, TABLE_FONT) for text in texts]
    monkeypatch.setattr(pptx_fonts, "_font", lambda bold: None)
    table = [pptx_fonts.text_width(text, TABLE_FONT) for text in texts]
    for text, by_font, by_table in zip(texts, font, table, strict=True):
        assert by_font <= by_table <= by_font * 1.06, (text, by_font, by_table)
    assert [pptx_fonts.wrapped_lines(text, 2.0, TABLE_FONT) for text in texts] >= lines
    # Breaks where Impress breaks: at spaces and after a hyphen, never inside a date.
    room = pptx_fonts.text_width("2019-12-19", TABLE_FONT) * 0.8
    assert pptx_fonts.wrapped_lines("2019-12-19", room, TABLE_FONT) == 2  # too wide: it spills
    wide = pptx_fonts.text_width("ipap2-publish-", TABLE_FONT) * 1.01
    assert pptx_fonts.wrapped_lines("ipap2-publish-plan", wide, TABLE_FONT) == 2
    assert pptx_fonts.wrapped_lines("one\ntwo three", 3.0, TABLE_FONT) == 2


def test_an_empty_table_cell_keeps_the_tables_type_size() -> None:
    """Impress draws an empty cell at its default 18 pt, 0.4 in a row where row_height
    reckons 0.29; a no-break space keeps the cell at the table's 11 pt."""
    from pptx import Presentation as New

    from tracker.export.pptx_shapes import TABLE_FONT, Cell, Column, add_table
    from tracker.export.text import NO_BREAK

    deck = New()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    shape = add_table(slide, [Column("A", 2.0), Column("B", 2.0)], [[Cell("x"), Cell("")]], 1.0)
    run = shape.table.cell(1, 1).text_frame.paragraphs[0].runs[0]
    assert run.text == NO_BREAK and run.font.size.pt == TABLE_FONT


# --- the shipped deck as a presenter reads it ---------------------------------------------


@pytest.fixture(scope="module")
def shipped_portfolio() -> Portfolio:
    return load_portfolio(SHIPPED, today=MEETING_TODAY)


def test_area_labels_keep_their_plan_when_cut(shipped_portfolio: Portfolio) -> None:
    """A long area's label is cut in the area's title, never in the plan's name: cut from the
    end, "Public diplomacy, scientific cooperation and emergency…" lost its "· IPAP 1", and
    "Defence cooperation and military exercises ·… (0 of 1)" its plan."""
    deck = deck_of(shipped_portfolio, since=None)
    plans = {plan_id.upper().replace("IPAP", "IPAP ") for plan_id in shipped_portfolio.plans}
    for title in ("Status by area", "Progress by area"):
        for slide in slide_titled(deck, title):
            for label in chart_on(slide).plots[0].categories:
                area, _, plan = str(label).rpartition(" · ")
                plan = re.sub(r" \(\d+ of \d+\)$", "", plan)
                assert area and plan in plans, label
                assert not area.endswith(" ·"), label
    # The cut one says where it was cut.
    labels = [str(c) for c in chart_on(slide_titled(deck, "Status by area")[0]).plots[0].categories]
    assert any(label.endswith("… · IPAP 1") for label in labels), labels


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "No assessed objective is overdue, at risk or off track; 37 objectives are past "
         "their due date with no assessment."),
        ("sr-Cyrl", "Ниједан процењени циљ нема истекао рок, није угрожен нити је у кашњењу; "
         "за 37 циљева рок је истекао без икакве процене."),
    ],
)  # fmt: skip
def test_an_empty_attention_list_says_what_it_leaves_out(
    shipped_portfolio: Portfolio, language: str, said: str
) -> None:
    """The shipped data has no assessed objective overdue or at risk, but 37 of its 38 are past
    their due date with no assessment: "No objective is overdue" told a meeting all was well."""
    with using_language(language):
        deck = deck_of(shipped_portfolio, since=None)
        briefing = build_report(
            build_frames(shipped_portfolio, today=MEETING_TODAY), shipped_portfolio, "html"
        ).decode()
        [slide] = slide_titled(deck, heading(sections.ATTENTION))
    assert said in all_text_of(slide)
    assert said in " ".join(briefing.split())


def test_a_list_says_how_many_past_due_objectives_it_leaves_out(tmp_path: Path) -> None:
    """An objective at risk is listed; one past due with no assessment is not, and the reading
    says how many such there are."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "two.yaml").write_text(
        "plan: {id: two, title: Two, start: 2020-01-01, end: 2022-12-31,"
        " areas: [{id: work, title: Work}]}\n"
        "objectives:\n"
        "  - {id: risky, title: Risky, type: activity, area: work, owner: Ministry,"
        " start: 2020-01-01, due: 2030-01-01, status: at-risk,"
        " updates: [{date: 2020-06-01, status: at-risk}]}\n"
        "  - {id: silent, title: Silent, type: activity, area: work, owner: Ministry,"
        " start: 2020-01-01, due: 2021-01-01, status: not-assessed}\n",
        encoding="utf-8",
    )
    portfolio = load_portfolio(folder, today=MEETING_TODAY)
    frames = build_frames(portfolio, today=MEETING_TODAY)
    pack = gather(frames, portfolio, since=SINCE, audience=default_audience("pptx"))
    assert list(pack.attention["id"]) == ["risky"]
    assert sentences.attention(pack) == (
        "1 objective needs attention (0 overdue); earliest due first. Not listed: objectives "
        "past their due date with no assessment (1)."
    )


def test_no_chart_takes_a_title_of_its_own(public_deck: Presentation) -> None:
    """Impress titles a chart of one series with the series' name unless the chart says it
    has no title; the slide's title names every chart."""
    charts = [
        shape.chart for slide in public_deck.slides for shape in slide.shapes if shape.has_chart
    ]
    assert charts
    for chart in charts:
        assert chart._chartSpace.chart.autoTitleDeleted.val is True


def test_serbian_chart_amounts_carry_serbian_separators(shipped_portfolio: Portfolio) -> None:
    """A chart's number format names its locale in Serbian (Impress then writes "2.000"),
    and none in English."""
    for language, head in (("en", ""), ("sr-Cyrl", "[$-281A]"), ("sr-Latn", "[$-241A]")):
        with using_language(language):
            deck = deck_of(shipped_portfolio, since=None)
            [slide] = slide_titled(deck, heading(sections.AMMUNITION))
        chart = chart_on(slide)
        formats = [chart.value_axis.tick_labels.number_format] + [
            series.data_labels.number_format for series in list(chart.plots[0].series)[:2]
        ]
        for code in formats:
            assert code.startswith(head) and (head or "[$-" not in code), (language, code)


def test_the_average_progress_tile_says_what_it_averages_or_that_there_is_none() -> None:
    """The summary's tile in the briefing's words (wording.average_note): 'over 1 of 38
    objectives' on the shipped data, 'no figure yet' for IPAP 2, which reports none (it said
    'over 0 of 15 objectives' under a dash)."""
    shipped = load_portfolio(SHIPPED, today=MEETING_TODAY)
    summary = heading(sections.SUMMARY)

    def slide_text(slide) -> str:  # type: ignore[no-untyped-def]
        return "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)

    whole = slide_text(slide_titled(deck_of(shipped), summary)[0])
    assert "over 1 of 38 objectives" in whole
    ipap2 = slide_text(slide_titled(deck_of(shipped, plan="ipap2"), summary)[0])
    assert "no figure yet" in ipap2
    assert "over 0 of" not in ipap2
