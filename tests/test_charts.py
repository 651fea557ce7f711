"""The plotly figures: statuses in their order, colours and labels; data text shown as text;
counts instead of one mark per objective, so a big portfolio stays fast."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from tracker import charts
from tracker.chart_text import figure_table
from tracker.export import sentences
from tracker.i18n import t, using_language
from tracker.load.loader import load_portfolio
from tracker.model import ACTIVITY_KINDS
from tracker.statuses import STATUS_COLOURS, STATUS_LABELS, STATUS_ORDER
from tracker.tables.analysis import (
    ammunition_outlooks,
    campaign_activity,
    partnership_goals,
    status_counts,
)
from tracker.tables.frames import Frames, build_frames
from tracker.tables.programmes import AmmunitionOutlook

DASHBOARD = Path(__file__).resolve().parent / "data" / "dashboard"
TODAY = date(2026, 11, 23)
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def frames() -> Frames:
    return build_frames(load_portfolio(DASHBOARD, TODAY), TODAY)


def _bars(figure: go.Figure) -> list[go.Bar]:
    return [trace for trace in figure.data if trace.type == "bar"]


def _all_text(figure: go.Figure) -> str:
    """Every string plotly would draw or put in a tooltip, as one text to search."""
    return json.dumps(json.loads(figure.to_json()), ensure_ascii=False)


def test_status_bars_follow_the_fixed_order_colours_and_labels(frames: Frames) -> None:
    figure = charts.status_by_plan(frames.objectives)
    bars = _bars(figure)
    present = [s for s in STATUS_ORDER if (frames.objectives["status"].astype(str) == s).any()]
    assert [bar.name for bar in bars] == [STATUS_LABELS[s] for s in present]
    assert [bar.marker.color for bar in bars] == [STATUS_COLOURS[s] for s in present]
    assert list(figure.layout.xaxis.ticktext) == ["TP 1", "TP 2"]
    on_track = next(bar for bar in bars if bar.name == "On track")
    assert list(on_track.y) == [0, 4]  # TP 1 has none, TP 2 has four
    # The label is written on the bar where it fits, so the chart reads without colour.
    assert "On track:<br>4" in on_track.text


def test_groups_keep_their_own_bar_even_when_titles_match(frames: Frames) -> None:
    figure = charts.status_by_area(frames.objectives)
    labels = list(figure.layout.yaxis.ticktext)
    # Both plans have an area called "Defence reform": two bars, told apart by the plan.
    assert "Defence reform · TP 1" in labels
    assert "Defence reform · TP 2" in labels
    totals = next(trace for trace in figure.data if trace.type == "scatter")
    assert sum(int(value) for value in totals.x) == 12


def test_owner_chart_names_how_many_are_overdue(frames: Frames) -> None:
    figure = charts.status_by_owner(frames.objectives)
    labels = list(figure.layout.yaxis.ticktext)
    # tp1-xss is past due but nobody assessed it: not overdue (issue 13).
    assert "Ministry of Interior (1 overdue)" in labels
    assert "Serbian Armed Forces" in labels


def test_data_text_is_escaped_so_plotly_never_reads_it_as_markup(frames: Frames) -> None:
    figure = charts.timeline(frames.objectives, TODAY)
    text = _all_text(figure)
    assert XSS not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_timeline_draws_today_and_holds_one_row_per_objective(frames: Frames) -> None:
    figure = charts.timeline(frames.objectives, TODAY)
    assert sum(len(bar.y) for bar in _bars(figure)) == 12
    assert list(figure.layout.yaxis.categoryarray) == list(
        frames.objectives.sort_values(["start", "due", "id"])["id"]
    )
    assert any(shape.x0 == TODAY for shape in figure.layout.shapes)
    assert "Today" in [annotation.text for annotation in figure.layout.annotations]


def _many(frames: Frames, copies: int) -> pd.DataFrame:
    """The test objectives repeated under new ids: a big portfolio without parsing one."""
    repeated = pd.concat([frames.objectives] * copies, ignore_index=True)
    repeated["id"] = [f"o{n}" for n in range(len(repeated))]
    repeated["owner"] = [f"Owner {n % 40}" for n in range(len(repeated))]
    return repeated


def test_a_large_portfolio_is_drawn_as_counts_not_one_mark_per_objective(frames: Frames) -> None:
    objectives = _many(frames, 850)  # 10,200 objectives
    for figure in (
        charts.status_by_plan(objectives),
        charts.status_by_area(objectives),
        charts.status_by_owner(objectives),
        charts.timeline(objectives, TODAY),
    ):
        assert len(figure.data) <= len(STATUS_ORDER) + 1
        marks = sum(len(trace.x) for trace in figure.data)
        assert marks < 500
    owners = charts.status_by_owner(objectives)
    labels = list(owners.layout.yaxis.ticktext)
    # The largest owners are drawn; the rest are said in words, never one giant "Other" bar.
    assert len(labels) == charts.MAX_GROUPS
    assert not any(label.startswith("Other") for label in labels)
    assert charts.rest_sentence(owners).startswith(
        "15 owners with fewer objectives are not drawn ("
    )
    assert charts.rest_sentence(charts.status_by_plan(objectives)) == ""
    timeline = charts.timeline(objectives, TODAY)
    assert timeline.layout.title.text == "Objectives by due quarter"
    assert sum(sum(bar.y) for bar in _bars(timeline)) == len(objectives)


def test_status_history_steps_through_the_updates_and_holds_to_today(frames: Frames) -> None:
    updates = frames.updates[frames.updates["objective_id"] == "tp1-goal-medical"]
    figure = charts.status_history(updates, TODAY)
    line, points = figure.data
    assert list(line.y) == ["On track", "At risk", "Off track", "Off track"]
    assert line.x[-1] == TODAY
    assert list(points.marker.color) == [
        STATUS_COLOURS["on-track"],
        STATUS_COLOURS["at-risk"],
        STATUS_COLOURS["off-track"],
    ]
    assert list(figure.layout.yaxis.categoryarray) == [STATUS_LABELS[s] for s in STATUS_ORDER]


def test_no_update_yet_is_said_in_words(frames: Frames) -> None:
    none = frames.updates[frames.updates["objective_id"] == "tp1-xss"]
    figure = charts.status_history(none, TODAY)
    assert [a.text for a in figure.layout.annotations] == ["No status update recorded yet."]


def test_ammunition_projection_reaches_the_target_on_the_projected_day(frames: Frames) -> None:
    outlooks = {o.objective_id: o for o in ammunition_outlooks(frames)}
    behind = outlooks["tp1-ammo-mines"]
    own = frames.measurements[frames.measurements["objective_id"] == "tp1-ammo-mines"]
    figure = charts.ammunition_progress(behind, own, TODAY)
    projection = next(trace for trace in figure.data if trace.name == "At the rate so far")
    # From the first measurement's rate, not the objective's start.
    assert list(projection.x) == [date(2018, 1, 1), date(2025, 1, 2)]
    assert list(projection.y) == [300.0, 1000.0]
    assert projection.line.color == STATUS_COLOURS["off-track"]  # after the due date
    text = _all_text(figure)
    assert "Target: 1,000 tonnes" in text
    assert "Due 2019-12-31" in text


def test_ammunition_without_measurements_says_not_measured_never_all_remaining(
    frames: Frames,
) -> None:
    outlook = ammunition_outlooks(frames)[0]
    empty = outlook.__class__(**{**outlook.__dict__, "destroyed": None, "remaining": None})
    figure = charts.ammunition_progress(empty, frames.measurements.iloc[0:0], TODAY)
    (bar,) = figure.data
    assert list(bar.text) == ["Target 2,000 tonnes: not measured yet"]
    assert "remaining" not in _all_text(figure)
    assert list(bar.x) == [2000.0]


def test_campaign_kinds_keep_their_order_and_never_borrow_status_colours(frames: Frames) -> None:
    figure = charts.campaign_activity_chart(campaign_activity(frames))
    names = [bar.name for bar in _bars(figure)]
    assert names == ["Media", "Panel", "Round table", "Seminar"]  # activities, not reports
    colours = {bar.marker.color for bar in _bars(figure)}
    assert not colours & set(STATUS_COLOURS.values())
    media = next(bar for bar in _bars(figure) if bar.name == "Media")
    assert sum(media.y) == 3


def test_partnership_goals_are_counted_by_field(frames: Frames) -> None:
    figure = charts.status_by_group(partnership_goals(frames.objectives))
    assert list(figure.layout.yaxis.ticktext) == ["Cyber defence", "Logistics", "Medical support"]


def test_an_empty_selection_says_so_instead_of_drawing_blank_axes(frames: Frames) -> None:
    nothing = frames.objectives.iloc[0:0]
    for figure in (
        charts.status_by_plan(nothing),
        charts.timeline(nothing, TODAY),
        charts.status_bars(status_counts(nothing, "owner")),
    ):
        assert [a.text for a in figure.layout.annotations] == ["No objectives match the filters."]


def test_for_screen_enlarges_a_copy_and_leaves_the_original(frames: Frames) -> None:
    figure = charts.status_by_plan(frames.objectives)
    big = charts.for_screen(figure, 700)
    assert big.layout.font.size == 22
    assert big.layout.height == 700
    assert figure.layout.font.size == 14


def test_plan_names_read_as_people_say_them() -> None:
    assert charts.plan_name("ipap1") == "IPAP 1"
    assert charts.plan_name("ipap2") == "IPAP 2"
    assert charts.plan_name("plan-003") == "PLAN-003"
    assert charts.shorten("word " * 20, 20).endswith("…")


def test_plan_names_in_the_readers_script() -> None:
    """Serbian institutions write ИПАП in Cyrillic: a Cyrillic reader gets the made name in
    Cyrillic letters, a Latin reader the Latin one; letters Serbian lacks stay."""
    with using_language("sr-Cyrl"):
        assert charts.plan_name("ipap1") == "ИПАП 1"
        assert charts.plan_name("plan-003") == "ПЛАН-003"
        assert charts.plan_name("wx1") == "WX 1"
        # A made name that is a word keeps its sound: „АЛФА”, never „АЛПХА”; an acronym
        # of three letters is still spelt out.
        assert charts.plan_name("alpha") == "АЛФА"
        assert charts.plan_name("php2") == "ПХП 2"
    with using_language("sr-Latn"):
        assert charts.plan_name("alpha") == "ALPHA"
        assert charts.plan_name("ipap1") == "IPAP 1"
    with using_language("en"):
        assert charts.plan_name("ipap1") == "IPAP 1"


# --- What a reader checks on a chart ---------------------------------------------------------


def _drawn_on_each_bar(figure: go.Figure) -> dict[str, list[str]]:
    """Group -> every number written on or beside its bar (inside the segments and at the
    end), in the order drawn: what a reader sees, without the markup."""
    drawn: dict[str, list[str]] = {}
    for trace in figure.data:
        groups = trace.y if trace.orientation == "h" or trace.type == "scatter" else trace.x
        if trace.type == "scatter" and not isinstance(groups[0], str):
            groups = trace.x
        for group, text in zip(groups, trace.text or [], strict=True):
            numbers = re.findall(r"\d[\d,]*", re.sub(r"<[^>]+>", " ", text or ""))
            drawn.setdefault(str(group), []).extend(numbers)
    return drawn


def _counts(rows: dict[str, dict[str, int]]) -> pd.DataFrame:
    table = pd.DataFrame(rows).T.fillna(0).astype(int)
    return table.reindex(columns=STATUS_ORDER, fill_value=0)


@pytest.mark.parametrize("vertical", [False, True])
def test_no_number_is_printed_twice_on_a_bar(vertical: bool) -> None:
    counts = _counts(
        {
            "alone": {"not-assessed": 30},  # one segment: its number once, no total beside it
            "mixed": {"on-track": 20, "at-risk": 12},  # two segments and their total
        }
    )
    drawn = _drawn_on_each_bar(charts.status_bars(counts, vertical=vertical))
    assert drawn["alone"] == ["30"]
    assert sorted(drawn["mixed"]) == ["12", "20", "32"]


def test_a_thin_segment_is_named_at_the_end_of_its_bar() -> None:
    counts = _counts({"ministry": {"on-track": 60, "at-risk": 1}, "agency": {"on-track": 40}})
    figure = charts.status_bars(counts)
    (ends,) = [trace for trace in figure.data if trace.type == "scatter"]
    end_of = dict(zip(ends.y, ends.text, strict=True))
    assert "At risk: 1" in end_of["ministry"]  # too thin for its number inside
    assert end_of["agency"] == ""  # one segment: its number is inside it already
    at_risk = next(bar for bar in _bars(figure) if bar.name == "At risk")
    assert list(at_risk.text) == ["", ""]


@pytest.mark.parametrize("language", ["en", "sr-Cyrl", "sr-Latn"])
@pytest.mark.parametrize("vertical", [False, True])
def test_a_status_and_its_count_read_one_way_on_and_beside_the_bar(
    language: str, vertical: bool
) -> None:
    """„Није процењено 14” on the bar beside „Завршено: 1” at its end were two forms of one
    thing: in and beside every bar, and in the plan card's strip, it is "label: count"."""
    from components.layout import status_strip

    counts = _counts({"ipap1": {"not-assessed": 14, "completed": 1}})
    with using_language(language):
        figure = charts.status_bars(counts, vertical=vertical)
        labels = {t(STATUS_LABELS[s]) for s in ("not-assessed", "completed")}
        strip = status_strip({"not-assessed": 14, "completed": 1})
    written = [text for trace in figure.data for text in (trace.text or []) if text]
    written = [piece for text in written for piece in re.split(r"<br>(?!\d)| · ", text)]
    named = [piece for piece in written if any(label in piece for label in labels)]
    assert len(named) == 2, written  # 14 named inside, the thin 1 named at the end
    for piece in named:
        assert re.fullmatch(r"[^\d:<]+:(?: |<br>)\d+", piece), piece
    tooltips = re.findall(r'title="([^"]+)"', strip)
    assert tooltips and all(re.fullmatch(r"[^\d:]+: \d+", tip) for tip in tooltips), tooltips


def test_a_chart_with_nothing_to_show_becomes_a_sentence(frames: Frames) -> None:
    # Seven fields of one goal each, none assessed: seven equal grey bars on a 0-1 axis say
    # only what one sentence says.
    counts = _counts({f"Field {n}": {"not-assessed": 1} for n in range(1, 8)})
    figure = charts.status_bars(counts)
    assert not figure.data
    sentence = charts.notice_text(figure)
    assert sentence == (
        "1 objective in each of Field 1, Field 2, Field 3, Field 4, Field 5, Field 6, Field 7, "
        "all with the status Not assessed."
    )
    one_plan = charts.status_bars(_counts({"ipap2": {"not-assessed": 15}}))
    assert charts.notice_text(one_plan) == "15 objectives, all with the status Not assessed."
    # Different lengths, or two statuses, are information: drawn.
    unequal = _counts({"a": {"on-track": 1}, "b": {"on-track": 3}})
    assert charts.notice_text(charts.status_bars(unequal)) is None
    assert charts.notice_text(charts.status_by_plan(frames.objectives)) is None


def test_campaign_counts_only_activities_over_every_quarter(frames: Frames) -> None:
    table = campaign_activity(frames)
    assert set(table.columns) <= set(ACTIVITY_KINDS)  # no report, news or decision
    # tp1: media, panel, round table, seminar; tp2: two media, a panel, a seminar (its
    # report and its news story are records, not activities).
    assert int(table.to_numpy().sum()) == 8
    quarters = list(table.index)
    assert quarters[0] == "2016 Q1" and quarters[-1] == "2023 Q1"
    assert len(quarters) == 29  # every quarter between, the empty ones as zeros
    assert "2019 Q3" in quarters and int(table.loc["2019 Q3"].sum()) == 0
    figure = charts.campaign_activity_chart(table)
    assert len(figure.data[0].x) == 29
    only_media = charts.campaign_activity_chart(table[["media"]])
    assert only_media.layout.showlegend  # a lone kind is still named in the legend


def _reference_names(figure: go.Figure) -> list[str]:
    return [trace.name for trace in figure.data if isinstance(trace.meta, dict)]


def _assert_named_never_overprinted(figure: go.Figure, target: str, due: str, today: str) -> None:
    """The target, the due date and today are legend entries with their figures: nothing is
    written on the plot beside the lines, so no two labels can overprint ("Due
    2021-12-31nes"), however close the dates or the lines fall."""
    assert list(figure.layout.annotations) == []
    assert figure.layout.showlegend
    assert _reference_names(figure) == [target, due, today]
    for trace in figure.data:
        assert trace.showlegend is not False


def test_target_due_and_today_are_named_in_the_legend(frames: Frames) -> None:
    from tracker.tables.analysis import programme_measurements

    for outlook in ammunition_outlooks(frames):
        if outlook.destroyed is None:
            continue
        figure = charts.ammunition_progress(outlook, programme_measurements(frames, outlook), TODAY)
        _assert_named_never_overprinted(
            figure,
            f"Target: {outlook.target:,.0f} tonnes",
            f"Due {outlook.due.isoformat()}",
            f"Today ({TODAY.isoformat()})",
        )
        top = figure.layout.yaxis.range[1]
        assert outlook.target < top  # the target line stands clear of the top edge
    # The due date a month after today: once the labels overprinted, now two legend entries.
    outlook = next(o for o in ammunition_outlooks(frames) if o.destroyed is not None)
    near = charts.metric_progress(
        programme_measurements(frames, outlook), outlook.target, "tonnes",
        TODAY + pd.Timedelta(days=30), TODAY,
    )  # fmt: skip
    due = (TODAY + pd.Timedelta(days=30)).isoformat()
    _assert_named_never_overprinted(
        near, f"Target: {outlook.target:,.0f} tonnes", f"Due {due}", f"Today ({TODAY})"
    )


@pytest.mark.parametrize("where", ["shipped", "generated"])
def test_no_ammunition_label_overprints_at_scale(
    where: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The shipped data, and 10,000 objectives in 25 plans (bench/generate.py): every
    programme's chart names its target, due date and today in the legend."""
    from tests.support import SHIPPED, bench_script
    from tracker.tables.analysis import programme_measurements

    if where == "shipped":
        folder = SHIPPED
    else:
        folder = tmp_path_factory.mktemp("portfolio")
        bench_script("generate").generate(10_000, folder, plans=25)
    scale = build_frames(load_portfolio(folder, TODAY), TODAY)
    drawn = 0
    for outlook in ammunition_outlooks(scale):
        figure = charts.ammunition_progress(outlook, programme_measurements(scale, outlook), TODAY)
        if outlook.destroyed is None:
            assert list(figure.layout.annotations) == []  # one bar, its words on the bar
            continue
        _assert_named_never_overprinted(
            figure,
            f"Target: {outlook.target:,.0f} tonnes",
            f"Due {outlook.due.isoformat()}",
            f"Today ({TODAY.isoformat()})",
        )
        drawn += 1
    assert drawn > 0 if where == "generated" else drawn == 0


@pytest.mark.parametrize(
    ("language", "march", "hover"),
    [("sr-Cyrl", "мај 2021", "15. 3. 2021."), ("sr-Latn", "maj 2021", "15. 3. 2021."),
     ("en", "May 2021", "2021-03-15")],
)  # fmt: skip
def test_a_timeline_reads_in_the_readers_language(language: str, march: str, hover: str) -> None:
    """Month names on the axis, the dates in the hover text and the axis titles."""
    objectives = pd.DataFrame(
        {
            "id": ["o-1"],
            "title": ["An objective"],
            "status": ["on-track"],
            "start": pd.to_datetime(["2021-03-15"]),
            "due": pd.to_datetime(["2021-09-30"]),
        }
    )
    with using_language(language):
        figure = charts.timeline(objectives, date(2021, 6, 1))
        today = t("Today")
    assert march in list(figure.layout.xaxis.ticktext)
    assert hover in str(figure.data[0].customdata)
    assert today in [note.text for note in figure.layout.annotations]


def test_a_screen_chart_makes_room_for_the_counts_written_after_its_bars() -> None:
    """Large type on a wall screen: the total and the thin segments' counts after each bar
    must end inside the chart, so the value axis reaches further than on a page."""
    import pandas as pd

    counts = pd.DataFrame(
        {"on-track": [400, 380], "at-risk": [2, 3], "off-track": [1, 2], "cancelled": [1, 1]},
        index=["Ministry of Defence", "Serbian Armed Forces"],
    )
    figure = charts.status_bars(counts)
    page_range = figure.layout.xaxis.range[1]
    for width, type_px in ((1850, 27), (820, 14)):
        wall = charts.for_screen(figure, 900, type_px, width=width)
        assert wall.layout.xaxis.range[1] >= page_range
        # Each line after a bar ends inside the plot: the bar's share of it and the line's.
        small = max(11, round(type_px * 0.85))
        labels = max(charts.text_pixels(str(label), small) for label in wall.layout.yaxis.ticktext)
        plot = width - labels - 3 * small
        for total, text in zip(wall.data[-1].x, wall.data[-1].text, strict=True):
            line = max(charts.text_pixels(part, small) for part in text.split("<br>"))
            assert total / wall.layout.xaxis.range[1] * plot + line <= plot
    assert charts.for_screen(figure, 900, 27).layout.xaxis.range[1] == page_range


def test_a_long_title_shown_in_english_keeps_its_mark_on_an_axis() -> None:
    with using_language("sr-Cyrl"):
        long = "Destroy 1,000 tonnes of anti-tank mines left from the nineties"
        label = charts.shorten(t("{text} (in English)", text=long))
    assert label.endswith(" (на енглеском)") and len(label) <= charts.LABEL_LENGTH + 1
    assert label.startswith("Destroy 1,000 tonnes")


def _reached(outlook: AmmunitionOutlook) -> AmmunitionOutlook:
    """The same programme with its target met on its last measurement's day."""
    return replace(
        outlook,
        destroyed=outlook.target,
        remaining=0.0,
        projected_completion=outlook.as_of,
        on_course=True,
    )


def test_a_reached_target_draws_no_projection_and_says_it_is_reached(frames: Frames) -> None:
    outlooks = {o.objective_id: o for o in ammunition_outlooks(frames)}
    behind = outlooks["tp1-ammo-mines"]
    own = frames.measurements[frames.measurements["objective_id"] == "tp1-ammo-mines"]
    reached = _reached(behind)
    assert reached.reached and not behind.reached
    figure = charts.ammunition_progress(reached, own, TODAY)
    assert "At the rate so far" not in [trace.name for trace in figure.data]
    table = figure_table(figure)
    assert table is not None and "At the rate so far" not in table.columns
    said = sentences.ammunition([reached])
    assert "the target is reached" in said and "at this rate" not in said
    assert "at this rate done by" in sentences.ammunition([behind])  # the other case


@pytest.mark.parametrize(("language", "separators"), [("en", ".,"), ("sr-Cyrl", ",.")])
def test_tonnage_axes_group_thousands_in_the_readers_way(
    frames: Frames, language: str, separators: str
) -> None:
    """plotly writes 2500 ungrouped unless told: every chart's axes group from four digits."""
    outlook = ammunition_outlooks(frames)[0]
    with using_language(language):
        figure = charts.ammunition_progress(outlook, frames.measurements, TODAY)
    assert figure.layout.separators == separators
    assert figure.layout.yaxis.separatethousands is True


@pytest.mark.parametrize(
    ("language", "target", "hovers"),
    [
        ("sr-Cyrl", "Циљна вредност: 22 тоне", ["2 тоне", "5 тона", "21 тона"]),
        ("sr-Latn", "Ciljna vrednost: 22 tone", ["2 tone", "5 tona", "21 tona"]),
        ("en", "Target: 22 tonnes", ["2 tonnes", "5 tonnes", "21 tonnes"]),
    ],
)
def test_a_metric_chart_gives_each_figure_its_plural_form(
    language: str, target: str, hovers: list[str]
) -> None:
    """The target in the legend and each point's hover text take the form their own figure
    asks for ("2 тоне", "5 тона"): a plotly template could only glue one fixed word on."""
    measured = pd.DataFrame(
        {"date": pd.to_datetime(["2026-01-05", "2026-03-05", "2026-06-05"]), "total": [2, 5, 21]}
    )
    with using_language(language):
        figure = charts.metric_progress(measured, 22, "tonnes", date(2026, 12, 31), TODAY)
        empty = charts.metric_progress(measured.iloc[0:0], 2, "tonnes", date(2026, 12, 31), TODAY)
    (reached,) = [trace for trace in figure.data if trace.customdata is not None]
    assert list(reached.customdata) == hovers
    assert "%{customdata}" in reached.hovertemplate
    assert target in _all_text(figure)
    two = {"sr-Cyrl": "преостаје 2 тоне.", "sr-Latn": "preostaje 2 tone.", "en": "2 tonnes to go."}
    assert two[language] in _all_text(empty)


@pytest.mark.parametrize(
    ("language", "first", "second", "hover"),
    [
        ("en", "Q1<br>2016", "Q2", "2016 Q1"),
        ("sr-Cyrl", "I<br>2016.", "II", "1. тромесечје 2016."),
        ("sr-Latn", "I<br>2016.", "II", "1. tromesečje 2016."),
    ],
)
def test_quarter_ticks_stand_level_and_short_with_the_year_once(
    frames: Frames, language: str, first: str, second: str, hover: str
) -> None:
    """29 quarters under a 680 px chart: each tick a short level label, the year written
    under the first quarter of each year only, the whole quarter's name kept in the hover."""
    with using_language(language):
        figure = charts.campaign_activity_chart(campaign_activity(frames))
    axis = figure.layout.xaxis
    ticks = list(axis.ticktext)
    assert axis.tickangle == 0
    assert len(ticks) == len(axis.tickvals) == 29
    assert ticks[:2] == [first, second]
    assert axis.tickvals[0] == hover == figure.data[0].x[0]
    years = [tick.split("<br>")[1] for tick in ticks if "<br>" in tick]
    assert [year.rstrip(".") for year in years] == [str(y) for y in range(2016, 2024)]
    assert max(len(line) for tick in ticks for line in tick.split("<br>")) <= 5


def test_a_long_line_breaks_between_words_inside_its_room() -> None:
    line = "Dispose of up to 2,000 tonnes of surplus ammunition through a NATO trust fund"
    fitted = charts.fit_text(line, 300, 18)
    lines = fitted.split("<br>")
    assert len(lines) > 1 and " ".join(lines) == line  # whole words, none lost or halved
    assert all(charts.text_pixels(part, 18) <= 300 for part in lines)
    assert charts.fit_text("Short", 300, 18) == "Short"
    assert charts.fit_text("a<br>b", 300, 18) == "a<br>b"  # breaks already made are kept
    assert charts.fit_text("x" * 80, 100, 18) == "x" * 80  # one long word keeps its line
    # Cyrillic letters are wider than Latin ones at the same size.
    assert charts.text_pixels("шума", 14) > charts.text_pixels("sume", 14)
    # An escaped title is measured as it is drawn: "&lt;" is one letter.
    assert charts.text_pixels("&lt;", 14) == charts.text_pixels("<", 14)


def test_every_long_title_and_note_wraps_inside_the_chart_with_room_for_it(
    frames: Frames,
) -> None:
    """The ammunition chart of issue 14: its title and the note under its axis ran past the
    680 px chart ("…through a NATO trust", "…фонд НАТ", "…колико преост")."""
    shipped = {
        "en": "Dispose of up to 2,000 tonnes of surplus ammunition through a NATO trust fund",
        "sr-Cyrl": "Уклањање до 2.000 тона вишка муниције кроз поверенички фонд НАТО",
    }
    for language, written in shipped.items():
        with using_language(language):
            outlook = replace(ammunition_outlooks(frames)[0], title=written)
            empty = replace(outlook, destroyed=None, remaining=None)
            figure = charts.ammunition_progress(
                empty, frames.measurements.iloc[0:0], TODAY, title=outlook.title
            )
            figure.update_layout(width=680)
            before = (figure.layout.height, figure.layout.margin.t, figure.layout.margin.b)
            charts.fit_to_width(figure, 680)
        title, note = figure.layout.title, figure.layout.xaxis.title
        assert "<br>" in title.text and "<br>" in note.text, language
        assert " ".join(title.text.split("<br>")) == charts.plotly_text(outlook.title)
        assert all(charts.text_pixels(line, 18) <= 680 - 36 for line in title.text.split("<br>"))
        plot = 680 - figure.layout.margin.l - figure.layout.margin.r
        assert all(charts.text_pixels(line, 17) <= plot for line in note.text.split("<br>"))
        height, top, bottom = before
        assert figure.layout.height > height
        assert figure.layout.margin.t > top and figure.layout.margin.b > bottom
        assert title.pad.t > 10  # plotly sets a title of several lines higher


def test_a_timeline_row_is_as_tall_as_its_wrapped_label() -> None:
    """Serbian titles wrap to two lines on the timeline's axis: each row then gets room for
    two lines (36 px), where 24 px let a label run into the next one's."""
    today = date(2026, 1, 1)

    def rows(titles: list[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "id": [f"o{i}" for i in range(len(titles))],
                "title": titles,
                "status": ["on-track"] * len(titles),
                "start": pd.to_datetime(["2025-01-01"] * len(titles)),
                "due": pd.to_datetime(["2027-01-01"] * len(titles)),
            }
        )

    short = charts.timeline(rows(["Short"] * 20), today)
    long = charts.timeline(
        rows(["Уклањање до 2.000 тона вишка муниције кроз поверенички фонд НАТО"] * 20), today
    )
    assert long.layout.height - short.layout.height == (36 - 24) * 20


def test_a_timelines_ticks_run_to_today_when_the_plans_ended_years_ago() -> None:
    """The shipped data's plans end in 2021 and today is years later: the axis ran to today's
    line but its year ticks stopped at 2021, so the line stood past the last year named.
    Bar by bar and counted by quarter, in English and Serbian, the ticks run to today."""
    today = date(2026, 12, 7)
    objectives = pd.DataFrame(
        {
            "id": [f"o{i}" for i in range(24)],
            "title": [f"Objective {i}" for i in range(24)],
            "status": ["not-assessed"] * 24,
            "start": pd.to_datetime(["2015-01-20"] * 24),
            # A quarter apart, 2016 to 2021: past MAX_QUARTER_TICKS, so years are ticked.
            "due": pd.date_range("2016-03-31", periods=24, freq="QE"),
        }
    )
    for language in ("en", "sr-Cyrl"):
        with using_language(language):
            for figure in (
                charts.timeline(objectives, today),
                charts.due_by_quarter(objectives, today),
                # Three quarters, each named under its bar (2018 Q4, 2019 Q4, 2021 Q4), then
                # the years on to today's.
                charts.due_by_quarter(objectives.iloc[[11, 15, 23]], today),
            ):
                ticks = [pd.Timestamp(value) for value in figure.layout.xaxis.tickvals]
                assert max(ticks).year >= today.year - 1, figure.layout.xaxis.ticktext
                assert figure.layout.xaxis.ticktext[-1] == str(max(ticks).year)
                assert any(shape.x0 == today for shape in figure.layout.shapes)


def test_due_by_quarter_draws_each_bar_within_its_quarter_however_far_apart(
    frames: Frames,
) -> None:
    """Objectives due in three quarters years apart (the shipped data: 2018 Q4, 2019 Q4,
    2021 Q4): plotly sized each bar by the nearest two, a year wide, so 2019 Q4's 22
    objectives stood over the 2020 tick and 2021 Q4's over 2022. Each bar now spans its own
    quarter only, and its hover names the quarter."""
    objectives = frames.objectives.head(3).copy()
    objectives["due"] = pd.to_datetime(["2018-12-31", "2019-11-06", "2021-12-31"])
    figure = charts.due_by_quarter(objectives, TODAY)
    day_ms = 24 * 3600 * 1000
    for bar in _bars(figure):
        assert bar.width is not None and 70 * day_ms <= bar.width <= 92 * day_ms
        for start, name in zip(bar.x, bar.customdata, strict=True):
            quarter = pd.Timestamp(start).to_period("Q")
            assert name == f"{quarter.year} Q{quarter.quarter}"
            middle = quarter.start_time + (quarter.end_time - quarter.start_time) / 2
            half = pd.Timedelta(milliseconds=bar.width / 2)
            assert quarter.start_time <= middle - half and middle + half <= quarter.end_time
    # Each bar's quarter is named under it: under year ticks at 1 January, the bar of
    # 2019 Q4 stood over "2020".
    # Then the years from 2023 to today's (2026) name the rest of the axis.
    assert [text.replace("<br>", " ") for text in figure.layout.xaxis.ticktext] == [
        "Q4 2018", "Q4 2019", "Q4 2021", "2023", "2024", "2025", "2026"
    ]  # fmt: skip
    middles = [pd.Timestamp(value) for value in figure.layout.xaxis.tickvals][:3]
    assert [day.to_period("Q") for day in middles] == [
        pd.Period(q) for q in ("2018Q4", "2019Q4", "2021Q4")
    ]
    with using_language("sr-Cyrl"):
        serbian = charts.due_by_quarter(objectives, TODAY)
    assert "4. тромесечје 2019." in _all_text(serbian)
    assert "IV<br>2019." in serbian.layout.xaxis.ticktext


def test_due_by_quarter_counts_each_status_in_each_quarter(frames: Frames) -> None:
    """Each bar is the number of objectives of its status due in its quarter (an objective
    with no due date counted in none), whatever way the table is counted."""
    objectives = frames.objectives.copy()
    objectives.loc[objectives.index[0], "due"] = pd.NaT
    figure = charts.due_by_quarter(objectives, TODAY)
    drawn = {
        (pd.Timestamp(start), bar.name): count
        for bar in _bars(figure)
        for start, count in zip(bar.x, bar.y, strict=True)
        if count
    }
    dated = objectives.dropna(subset=["due"])
    quarters = dated["due"].dt.to_period("Q").dt.start_time
    expected = {
        (pd.Timestamp(quarter), charts.status_label(str(status))): count
        for (quarter, status), count in dated.groupby([quarters, dated["status"].astype(str)])
        .size()
        .items()
    }
    assert drawn == expected and sum(drawn.values()) == len(objectives) - 1


def test_status_history_leaves_room_before_its_first_point_for_its_date(frames: Frames) -> None:
    """The first point's date is written centred over it: at the plot's edge it lost its
    first figure ("0. 11. 2015." for 20. 11. 2015. on the shipped IPAP 1 trust fund)."""
    updates = frames.updates[frames.updates["objective_id"] == "tp2-ammo"]
    figure = charts.status_history(updates, TODAY)
    start, end = (pd.Timestamp(value) for value in figure.layout.xaxis.range)
    first = pd.Timestamp(updates["date"].min())
    assert start < first and (first - start) >= 0.08 * (end - start)
    assert end > pd.Timestamp(TODAY)
