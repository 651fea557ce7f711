"""Headline figures that mean one thing (issue 13, item 4): overdue is a late assessment,
past due with no assessment is its own figure, stale is another question, the data date is
per plan and the changes window is one labelled date."""

from __future__ import annotations

from datetime import date

from tests.support import DATA, MEETING, MEETING_TODAY
from tracker.charts import plan_name
from tracker.load.loader import load_portfolio
from tracker.tables.analysis import kpis, share_in_words, thousands
from tracker.tables.audience import for_audience
from tracker.tables.frames import build_frames
from tracker.tables.window import as_of_text, default_since, plan_data_dates, since_label

HEADLINES = DATA / "headlines"
TODAY = date(2026, 11, 23)


def _frames():
    return build_frames(load_portfolio(HEADLINES, today=TODAY), today=TODAY, stale_after_days=90)


def test_overdue_counts_only_assessed_objectives_and_unassessed_ones_are_their_own_figure() -> None:
    frames = _frames()
    objectives = frames.objectives.set_index("id")
    assert list(objectives.index[objectives["overdue"]]) == ["hl-late"]
    assert list(objectives.index[objectives["past_due_unassessed"]]) == ["hl-unassessed"]
    figures = kpis(frames.objectives)
    assert (figures.overdue, figures.past_due_unassessed) == (1, 1)


def test_stale_and_overdue_are_different_questions() -> None:
    frames = _frames()
    objectives = frames.objectives.set_index("id")
    stale = set(objectives.index[objectives["stale"]])
    overdue = set(objectives.index[objectives["overdue"]])
    assert "hl-quiet" in stale and "hl-quiet" not in overdue  # stale, not late
    assert "hl-done" not in stale | overdue  # completed: neither
    figures = kpis(frames.objectives)
    assert figures.stale == 3 and figures.overdue == 1


def test_counts_are_counts_with_the_share_in_words() -> None:
    figures = kpis(_frames().objectives)
    assert (figures.completed, figures.objectives) == (1, 4)
    assert share_in_words(1, 4) == "25% of the objectives"
    assert share_in_words(2, 38) == "5.3% of the objectives"
    assert thousands(2000) == "2,000" and thousands(12.5) == "12.5"


def test_the_data_date_is_per_plan_with_today_beside_it() -> None:
    portfolio = load_portfolio(DATA / "dashboard", today=TODAY)
    frames = build_frames(portfolio, today=TODAY)
    dates = plan_data_dates(frames)
    assert set(dates) == {"tp1", "tp2"}
    assert dates["tp1"] != dates["tp2"]
    text = as_of_text(frames, plan_name)
    assert f"TP 1 {dates['tp1'].isoformat()}" in text
    assert f"TP 2 {dates['tp2'].isoformat()}" in text
    assert text.endswith(f"today {TODAY.isoformat()}")
    one_plan = as_of_text(_frames(), plan_name)
    assert one_plan == f"Data as of 2020-05-01 · today {TODAY.isoformat()}"


def test_the_changes_window_is_one_labelled_date_never_days_before_today() -> None:
    frames = _frames()
    since = default_since(frames)
    assert since == date(2020, 5, 1).replace(month=2, day=1)  # 90 days before 2020-05-01
    assert since_label(since) == "since 2020-02-01"


def test_the_public_view_leaves_internal_evidence_out_of_every_count() -> None:
    frames = build_frames(load_portfolio(MEETING, today=MEETING_TODAY), today=MEETING_TODAY)
    public = for_audience(frames, "public")
    internal = int((frames.evidence["access"] == "internal").sum())
    assert internal > 0  # the fixture has internal evidence
    assert len(public.evidence) == len(frames.evidence) - internal
    assert int(public.objectives["evidence_count"].sum()) == len(public.evidence)


def test_a_fraction_never_reads_as_a_whole_number() -> None:
    """0.6 is "0.6" (not "1", which made "1 of 1 tonne"), 0.96 "0.96" (not "1.0"); a rate
    is rounded only as far as it is known: "100" for 99.96 a year, "0.3" (never "0")."""
    from tracker.tables.wording import estimate

    assert [thousands(v) for v in (0.6, 0.96, 2000.5, 5.0000001)] == ["0.6", "0.96", "2,000.5", "5"]
    assert [thousands(estimate(v)) for v in (99.96, 0.3, 0.04)] == ["100", "0.3", "0.04"]
