"""The shared tables and figures, checked against a portfolio whose numbers are known."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from tests.support import DASHBOARD, DEMO_FILE, SHIPPED
from tracker.i18n import using_language
from tracker.load.loader import load_portfolio
from tracker.model import ACTIVITY_KINDS
from tracker.statuses import STATUS_ORDER
from tracker.tables import analysis
from tracker.tables.filters import Filters, apply_filters
from tracker.tables.frames import build_frames
from tracker.tables.wording import change_name

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo_frames():
    return build_frames(load_portfolio(DEMO_FILE, today=TODAY), today=TODAY, stale_after_days=90)


def test_objective_rows_carry_what_the_views_need(demo_frames) -> None:
    table = demo_frames.objectives.set_index("id")
    assert list(table.index) == ["demo-ex", "demo-ammo"]
    assert table.loc["demo-ex", "plan"] == "demo"
    assert table.loc["demo-ex", "area_title"] == "Joint exercises"
    assert table.loc["demo-ex", "progress"] == 40
    assert table.loc["demo-ammo", "progress"] == pytest.approx(15.0)  # 300 of 2,000 t
    assert bool(table.loc["demo-ex", "overdue"])  # due 2021, still on track in 2026
    assert table.loc["demo-ex", "days_since_update"] == (TODAY - date(2020, 1, 15)).days
    assert bool(table.loc["demo-ammo", "stale"])  # open and never updated
    assert list(demo_frames.objectives["status"].cat.categories) == STATUS_ORDER


def test_closed_objectives_are_never_overdue_or_stale(tmp_path) -> None:
    text = DEMO_FILE.read_text().replace(
        "status: on-track\n    progress: 40", "status: completed\n    progress: 100"
    )
    text = text.replace(
        "{date: 2020-01-15, status: on-track, progress: 40",
        "{date: 2020-01-15, status: completed, progress: 100",
    )
    (tmp_path / "p.yaml").write_text(text)
    table = build_frames(load_portfolio(tmp_path, today=TODAY), today=TODAY).objectives.set_index(
        "id"
    )
    assert not table.loc["demo-ex", "overdue"] and not table.loc["demo-ex", "stale"]


def test_public_audience_leaves_internal_evidence_out(tmp_path) -> None:
    text = DEMO_FILE.read_text().replace("kind: report}", "kind: report, access: internal}")
    (tmp_path / "p.yaml").write_text(text)
    portfolio = load_portfolio(tmp_path, today=TODAY)
    assert len(build_frames(portfolio, today=TODAY).evidence) == 1
    public = build_frames(portfolio, today=TODAY, audience="public")
    assert public.evidence.empty
    assert public.objectives.set_index("id").loc["demo-ex", "evidence_count"] == 0


def test_kpis_and_counts_on_the_shipped_data() -> None:
    frames = build_frames(load_portfolio(SHIPPED), today=TODAY)
    kpis = analysis.kpis(frames.objectives)
    assert kpis.objectives == len(frames.objectives)
    counts = analysis.status_counts(frames.objectives, "plan")
    assert list(counts.columns) == STATUS_ORDER
    assert counts.to_numpy().sum() == kpis.objectives
    assert counts.loc[:, "completed"].sum() == kpis.completed


def test_ammunition_outlook_with_one_measurement_projects_nothing(demo_frames) -> None:
    (outlook,) = analysis.ammunition_outlooks(demo_frames)
    assert outlook.destroyed == 300 and outlook.remaining == 1700 and outlook.percent == 15.0
    # One measurement is no rate: a projection starts at the first and needs a second.
    assert outlook.measurement_count == 1 and outlook.measured_since == date(2020, 6, 30)
    assert outlook.rate_per_year is None and outlook.projected_completion is None
    assert outlook.on_course is None


def test_ammunition_outlook_without_measurements_says_so() -> None:
    frames = build_frames(load_portfolio(SHIPPED), today=TODAY)
    outlooks = analysis.ammunition_outlooks(frames)
    assert outlooks and all(o.target == 2000 for o in outlooks)
    for outlook in outlooks:
        if outlook.destroyed is None:  # unknown, never the whole target "remaining"
            assert outlook.remaining is None and outlook.projected_completion is None


def test_changes_since_lists_updates_evidence_and_measurements_newest_first(demo_frames) -> None:
    changes = analysis.changes_since(demo_frames, date(2020, 1, 1))
    assert list(changes["change"]) == ["measurement", "evidence", "status"]
    assert list(changes["date"]) == sorted(changes["date"], reverse=True)
    assert list(changes["detail"]) == [
        "300 tonnes (total 300 of 2,000)",
        "Exercise report (report)",  # the kind as a word in the line, not a legend's capital
        "first assessment: On track, progress 40%: Started",
    ]
    with using_language("sr-Cyrl"):
        serbian = analysis.changes_since(demo_frames, date(2020, 1, 1))
    assert serbian["detail"][1] == "Exercise report (извештај)"
    # Each row is one change: one new item of evidence is „Доказ”, not „Докази”.
    with using_language("sr-Cyrl"):
        kinds = [change_name(kind) for kind in serbian["change"]]
    assert kinds == ["Мерење", "Доказ", "Промена статуса"]
    later = analysis.changes_since(demo_frames, date(2020, 4, 1))
    assert list(later["change"]) == ["measurement"]


def test_filters_narrow_every_table(demo_frames) -> None:
    narrowed = apply_filters(demo_frames, Filters(type=("ammunition-destruction",)))
    assert list(narrowed.objectives["id"]) == ["demo-ammo"]
    assert narrowed.updates.empty and len(narrowed.measurements) == 1
    by_text = apply_filters(demo_frames, Filters(text="EXERCISES"))
    assert list(by_text.objectives["id"]) == ["demo-ex"]
    assert Filters(plan=("demo",), text="x").describe() == 'plan: demo; text: "x"'


def test_the_filter_description_names_values_as_the_filter_widgets_do() -> None:
    chosen = Filters(
        plan=("ipap2",),
        area=("ammunition-disposal",),
        type=("partnership-goal",),
        status=("at-risk", "off-track"),
        owner=("Ministry of Defence",),
        text="ammo",
    )
    labels = {
        "plan": {"ipap2": "IPAP 2"},
        "area": {"ammunition-disposal": "Surplus weapons and ammunition (IPAP 2)"},
    }
    assert chosen.describe(labels) == (
        "plan: IPAP 2; area: Surplus weapons and ammunition (IPAP 2); type: Partnership goal; "
        'status: At risk, Off track; owner: Ministry of Defence; text: "ammo"'
    )
    # Without labels, statuses and types are still named; anything else shows as given.
    assert Filters(status=("not-assessed", "made-up")).describe() == "status: Not assessed, made-up"
    assert Filters().describe() == "all objectives"


def test_campaign_activity_counts_kinds_per_quarter() -> None:
    frames = build_frames(load_portfolio(SHIPPED), today=TODAY)
    table = analysis.campaign_activity(frames)
    campaign = frames.objectives[frames.objectives["type"] == "information-campaign"]["id"]
    evidence = frames.evidence[frames.evidence["objective_id"].isin(set(campaign))]
    # Activities only: a report or a decision about the campaign is not one of its activities.
    expected = evidence[evidence["kind"].isin(ACTIVITY_KINDS)]
    assert 0 < len(expected) < len(evidence)
    assert int(table.to_numpy().sum()) == len(expected)
    assert set(table.columns) <= set(ACTIVITY_KINDS)
    assert isinstance(table.index, pd.Index) and all(" Q" in q for q in table.index)


def test_average_progress_says_how_many_objectives_it_covers() -> None:
    frames = build_frames(load_portfolio(SHIPPED), today=TODAY)
    kpis = analysis.kpis(frames.objectives)
    assert kpis.progress_known == int(frames.objectives["progress"].notna().sum())
    assert 0 < kpis.progress_known < kpis.objectives


def test_the_exports_attention_list_is_the_apps_overdue_and_at_risk_lists_in_one(
    demo_frames,
) -> None:
    frames = build_frames(load_portfolio(DASHBOARD, today=TODAY), today=TODAY, stale_after_days=90)
    lists = analysis.attention_lists(frames.objectives)
    rows = analysis.attention_rows(frames.objectives)
    assert set(rows["id"]) == set(lists["overdue"]["id"]) | set(lists["at_risk"]["id"])
    assert list(zip(rows["id"], rows["reason"], strict=True)) == [
        ("tp1-ammo-mines", "overdue, off track"),  # earliest due first, then by id
        ("tp1-goal-medical", "overdue, off track"),
        ("tp2-training-old", "overdue, at risk"),
    ]
    # Overdue while on track: on the list for being late alone.
    demo = analysis.attention_rows(demo_frames.objectives)
    assert list(zip(demo["id"], demo["reason"], demo["overdue"], strict=True)) == [
        ("demo-ex", "overdue", True)
    ]


def _change_index_by_hand(frames, since: date) -> list[tuple[object, ...]]:
    """change_index's rows worked out one by one, as a reader would: each update against the
    same objective's update before it (by date, then as listed), then evidence and
    measurements; newest first, a day's rows in CHANGE_KINDS order, else as listed."""
    start = pd.Timestamp(since)
    listed: list[tuple[object, ...]] = []
    updates = frames.updates
    by_objective: dict[str, list[int]] = {}
    for row, objective_id in enumerate(updates["objective_id"]):
        by_objective.setdefault(objective_id, []).append(row)
    for objective_id in sorted(by_objective):
        rows = sorted(by_objective[objective_id], key=lambda row: (updates["date"].iloc[row], row))
        before = None
        for row in rows:
            status = str(updates["status"].iloc[row])
            if updates["date"].iloc[row] >= start:
                kind = "update" if before == status else "status"
                listed.append((updates["date"].iloc[row], objective_id, updates["plan"].iloc[row],
                               kind, "updates", row, before))  # fmt: skip
            before = status
    for source, kind in (("evidence", "evidence"), ("measurements", "measurement")):
        table = getattr(frames, source)
        for row in range(len(table)):
            if table["date"].iloc[row] >= start:
                listed.append((table["date"].iloc[row], table["objective_id"].iloc[row],
                               table["plan"].iloc[row], kind, source, row, None))  # fmt: skip
    rank = {kind: order for order, kind in enumerate(analysis.CHANGE_KINDS)}
    ordered = sorted(
        enumerate(listed), key=lambda item: (-item[1][0].value, rank[item[1][3]], item[0])
    )
    return [change for _, change in ordered]


@pytest.mark.parametrize("since", [date(2015, 1, 1), date(2019, 6, 1), date(2023, 1, 1)])
def test_the_change_index_is_every_change_worked_out_one_by_one(tmp_path, since: date) -> None:
    """change_index works on positions and codes in numpy for speed (issue 19): it must list
    exactly what the slow, plain reading lists, with the updates out of date order and
    several changes on one day, and the status before a window's first update taken from
    an update older than the window."""
    from tests.equivalence import generate_portfolio

    generate_portfolio(60, tmp_path, plans=2)
    frames = build_frames(load_portfolio(tmp_path, today=TODAY), today=TODAY)
    shuffled = frames.updates.sample(frac=1, random_state=7).reset_index(drop=True)
    frames = type(frames)(frames.objectives, shuffled, frames.evidence, frames.measurements,
                          frames.today)  # fmt: skip
    index = analysis.change_index(frames, since)
    assert list(index.columns) == analysis.CHANGE_INDEX_COLUMNS
    found = [tuple(row) for row in index.itertuples(index=False)]
    expected = _change_index_by_hand(frames, since)
    assert len(found) == len(expected) > 0
    assert found == expected
    kinds = {row[3] for row in found}
    assert {"status", "update"} <= kinds  # both kinds of update are exercised
