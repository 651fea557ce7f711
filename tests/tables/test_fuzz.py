"""Fuzzing: valid portfolios load exactly as written; broken ones never make anything raise.

Valid portfolios come from tests/strategies.py; each test then breaks them the way files
really go wrong and runs them through the loader, the frames, every function in
tracker.tables.analysis and every chart, asking what a user would: is every valid objective there,
is every problem located, and does the page still draw?
"""

from __future__ import annotations

import inspect
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import (
    HOSTILE_TEXT,
    TODAY,
    Document,
    as_yaml,
    damaged_text,
    mutated,
    portfolios,
    texts,
    typed_texts,
    urls,
    written_amounts,
)
from tracker import charts
from tracker.edit import store
from tracker.edit.auth import command_line_editor
from tracker.edit.store import EvidenceLink, StatusChange
from tracker.load.loader import Portfolio, assemble, load_portfolio, load_text
from tracker.model import Document as PlanDocument
from tracker.model import Evidence, Measurement, Objective, Update
from tracker.statuses import STATUS_ORDER
from tracker.tables import analysis
from tracker.tables.filters import Filters, apply_filters
from tracker.tables.frames import Frames, build_frames

# A quick run in the suite; IPAP_FUZZ_EXAMPLES=2000 for a long hunt before a release.
FUZZ = settings(
    max_examples=int(os.environ.get("IPAP_FUZZ_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
GROUPINGS = ("plan", "area", "type", "owner", "field", "status")


def load(documents: list[Document], style: int = 0) -> tuple[Portfolio, dict[str, str]]:
    texts = {f"{d['plan']['id']}.yaml": as_yaml(d, style) for d in documents}
    return load_texts(texts), texts


def load_texts(texts: dict[str, str]) -> Portfolio:
    return assemble([load_text(text, name) for name, text in texts.items()], today=TODAY)


def assert_located(portfolio: Portfolio, texts: dict[str, str]) -> None:
    """Every problem names a real file, a line inside it and a sentence."""
    for problem in portfolio.problems:
        assert problem.path in texts, str(problem)
        # YAML 1.1 also breaks lines at NEL, LS and PS, and the parser counts them so.
        text = texts[problem.path]
        lines = sum(text.count(end) for end in ("\n", "\x85", "\u2028", "\u2029")) + 2
        assert 1 <= problem.line <= lines, str(problem)
        assert problem.column >= 1 and problem.message.strip(), str(problem)
        assert "Traceback" not in problem.message


# --- Every analysis function, called with what its parameters name ---------------------------

_ANALYSIS_ARGUMENTS: dict[str, Callable[[Frames], list[Any]]] = {
    "objectives": lambda frames: [frames.objectives],
    "frames": lambda frames: [frames],
    "by": lambda _frames: list(GROUPINGS),
    "since": lambda _frames: [date(1990, 1, 1), date(2020, 1, 1), TODAY],
    "since_date": lambda _frames: [date(1990, 1, 1), date(2020, 1, 1), TODAY],
    "when": lambda frames: [frames.updates["date"], frames.evidence["date"]],
    "index": lambda frames: [
        analysis.change_index(frames, date(1990, 1, 1)),
        analysis.change_index(frames, TODAY),
    ],
    "column": lambda _frames: [None, "plan"],
}


def analysis_functions() -> list[tuple[str, Callable[..., Any]]]:
    return [
        (name, function)
        for name, function in inspect.getmembers(analysis, inspect.isfunction)
        if function.__module__ == analysis.__name__ and not name.startswith("_")
    ]


def call_every_analysis_function(
    frames: Frames, pick: Callable[[list[Any]], Any] | None = None
) -> dict[str, list[Any]]:
    """Each public function, with every value its parameters name, or with one `pick`ed value
    per parameter (a fuzzing example is cheaper that way, and hypothesis varies the picks)."""
    results: dict[str, list[Any]] = {}
    for name, function in analysis_functions():
        parameters = [
            p
            for p in inspect.signature(function).parameters.values()
            if p.default is inspect.Parameter.empty
        ]
        unknown = [p.name for p in parameters if p.name not in _ANALYSIS_ARGUMENTS]
        if unknown:
            pytest.fail(
                f"tests/tables/test_fuzz.py does not know how to call analysis.{name}{unknown}"
            )
        calls: list[list[Any]] = [[]]
        for parameter in parameters:
            values = _ANALYSIS_ARGUMENTS[parameter.name](frames)
            if pick is not None:
                values = [pick(values)]
            calls = [[*call, value] for call in calls for value in values]
        results[name] = [function(*call) for call in calls]
    return results


def a_view(data: st.DataObject, portfolio: Portfolio) -> Frames:
    """What the public sees, or what the ministry sees filtered as a viewer might."""
    if data.draw(st.booleans(), label="public"):
        return build_frames(portfolio, today=TODAY, audience="public")
    internal = build_frames(portfolio, today=TODAY)
    return apply_filters(internal, data.draw(filters_for(portfolio)))


def picker(data: st.DataObject) -> Callable[[list[Any]], Any]:
    return lambda values: data.draw(st.sampled_from(values))


# --- Every chart, drawn the way the pages and the exports draw it -----------------------------


def draw_every_chart(frames: Frames, pick: Callable[[list[Any]], Any]) -> dict[str, list[Any]]:
    """Each figure function of tracker.charts with these frames, serialised as a browser gets it."""
    objectives, measurements, today = frames.objectives, frames.measurements, frames.today

    def of(objective_id: str) -> pd.DataFrame:
        return measurements[measurements["objective_id"] == objective_id]

    with_metric = objectives[objectives["has_metric"]]
    text = pick(list(HOSTILE_TEXT))
    figures: dict[str, list[Any]] = {
        "status_by_plan": [charts.status_by_plan(objectives)],
        "status_by_area": [charts.status_by_area(objectives, title=text)],
        "status_by_owner": [charts.status_by_owner(objectives)],
        "status_by_group": [charts.status_by_group(analysis.partnership_goals(objectives))],
        "status_bars": [
            charts.status_bars(
                analysis.status_counts(objectives, pick(list(GROUPINGS))),
                title=text,
                vertical=pick([True, False]),
                max_groups=pick([2, 25]),
            )
        ],
        "timeline": [charts.timeline(objectives, today)],
        "due_by_quarter": [charts.due_by_quarter(objectives, today)],
        "status_history": [charts.status_history(frames.updates, today)],
        "metric_progress": [
            charts.metric_progress(
                of(o.id), o.metric_target, o.metric_unit, o.due.date(), today, title=o.title
            )
            for o in with_metric.itertuples(index=False)
        ],
        "ammunition_progress": [
            charts.ammunition_progress(outlook, of(outlook.objective_id), today, outlook.title)
            for outlook in analysis.ammunition_outlooks(frames)
        ],
        "campaign_activity_chart": [
            charts.campaign_activity_chart(analysis.campaign_activity(frames), title=text)
        ],
        "empty_figure": [charts.empty_figure(text, title=text)],
    }
    figures["for_screen"] = [charts.for_screen(figures["status_by_plan"][0])]
    for drawn in figures.values():
        for figure in drawn:
            figure.to_json()  # what Streamlit and the briefing send to the browser
    return figures


def chart_functions() -> set[str]:
    """The public functions of tracker.charts that return a figure."""
    return {
        name
        for name, function in inspect.getmembers(charts, inspect.isfunction)
        if function.__module__ == charts.__name__
        and not name.startswith("_")
        and "Figure" in str(inspect.signature(function).return_annotation)
    }


@st.composite
def filters_for(draw: st.DrawFn, portfolio: Portfolio) -> Filters:
    """Filters a viewer could pick from the widgets, plus free text."""
    objectives = portfolio.objectives

    def some(values: list[str]) -> tuple[str, ...]:
        return tuple(draw(st.lists(st.sampled_from(values), max_size=2))) if values else ()

    return Filters(
        plan=some(sorted({o.plan_id for o in objectives})),
        area=some(sorted({o.area for o in objectives})),
        type=some(sorted({o.type for o in objectives})),
        status=some(sorted({o.status for o in objectives})),
        owner=some(sorted({o.owner for o in objectives})),
        text=draw(st.text(max_size=4)),
    )


# --- Valid portfolios ------------------------------------------------------------------------


@FUZZ
@given(portfolios(), st.integers(0, 3))
def test_valid_portfolios_load_exactly_as_written(documents: list[Document], style: int) -> None:
    portfolio, texts = load(documents, style)
    assert portfolio.errors() == [], "\n".join(map(str, portfolio.errors()))
    # PyYAML's reading of the text is the format's meaning. (PyYAML's own writer folds U+2028
    # and U+0085 in quoted text when allow_unicode is on, so that reading can differ from the
    # dict the text was written from: a writer's quirk, not the loader's.)
    expected = [
        objective.model_dump()
        for text in texts.values()
        for objective in PlanDocument.model_validate(yaml.safe_load(text)).objectives
    ]
    assert [objective.model_dump() for objective in portfolio.objectives] == expected
    assert sorted(portfolio.plans) == sorted(d["plan"]["id"] for d in documents)
    if style % 4 != 3:  # block layouts: each objective's line is where its item starts
        for objective in portfolio.objectives:
            line = texts[objective.file].splitlines()[objective.line - 1]
            assert line.lstrip().startswith("- "), (objective.id, line)


@FUZZ
@given(st.data(), portfolios(max_objectives=5))
def test_valid_portfolios_flow_through_frames_and_every_analysis(
    data: st.DataObject, documents: list[Document]
) -> None:
    portfolio, _texts = load(documents)
    frames = a_view(data, portfolio)
    results = call_every_analysis_function(frames, picker(data))
    shown = len(frames.objectives)
    assert results["kpis"][0].objectives == shown
    # Every objective has a plan, an area, a type, an owner and a status (a field is optional).
    by = data.draw(st.sampled_from([g for g in GROUPINGS if g != "field"]))
    assert int(analysis.status_counts(frames.objectives, by).to_numpy().sum()) == shown
    assert len(frames.evidence) == frames.objectives["evidence_count"].sum()
    everything = len(frames.updates) + len(frames.evidence) + len(frames.measurements)
    assert len(analysis.changes_since(frames, date(1990, 1, 1))) == everything
    public = build_frames(portfolio, today=TODAY, audience="public")
    assert (public.evidence["access"] == "public").all()


# --- Broken portfolios -----------------------------------------------------------------------


@FUZZ
@given(st.data(), portfolios())
def test_mutated_portfolios_never_raise_and_every_problem_is_located(
    data: st.DataObject, documents: list[Document]
) -> None:
    broken = data.draw(mutated(documents))
    style = data.draw(st.integers(0, 3))
    texts: dict[str, str] = {}
    for index, document in enumerate(broken):
        texts[f"file{index}.yaml"] = as_yaml(document, style)
    portfolio = load_texts(texts)
    assert_located(portfolio, texts)
    call_every_analysis_function(a_view(data, portfolio), picker(data))


@FUZZ
@given(st.data(), portfolios())
def test_damaged_text_never_raises_and_every_problem_is_located(
    data: st.DataObject, documents: list[Document]
) -> None:
    texts = {f"file{i}.yaml": as_yaml(d) for i, d in enumerate(documents)}
    name = data.draw(st.sampled_from(sorted(texts)))
    texts[name] = data.draw(damaged_text(texts[name]))
    portfolio = load_texts(texts)
    assert_located(portfolio, texts)
    call_every_analysis_function(a_view(data, portfolio), picker(data))


def test_one_broken_objective_never_hides_the_others() -> None:
    """The promise the fuzzing relies on, shown once plainly: one bad objective, others kept."""
    documents = [
        {
            "plan": {
                "id": "p",
                "title": "P",
                "start": date(2020, 1, 1),
                "end": date(2021, 1, 1),
                "areas": [{"id": "a", "title": "A"}],
            },
            "objectives": [
                {
                    "id": f"o{i}",
                    "title": "<script>alert(1)</script>",
                    "type": "activity",
                    "area": "a",
                    "owner": "x",
                    "start": date(2020, 1, 1),
                    "due": date(2020, 6, 1),
                    "status": "on-track",
                }
                for i in range(3)
            ],
        }
    ]
    documents[0]["objectives"][1]["progress"] = "lots"
    portfolio, _ = load(documents)
    assert [o.id for o in portfolio.objectives] == ["o0", "o2"]
    # On-track objectives past their due date each carry a sanity warning beside it.
    (problem,) = portfolio.errors()
    assert problem.path == "p.yaml" and "progress" in problem.message
    frames = build_frames(portfolio, today=TODAY)
    assert list(frames.objectives["title"]) == ["<script>alert(1)</script>"] * 2


def test_analysis_calls_cover_every_public_function() -> None:
    """A new figure in tracker.tables.analysis is fuzzed as soon as it exists (or this names it)."""
    frames = build_frames(Portfolio(), today=TODAY)
    called = call_every_analysis_function(frames)
    assert set(called) == {name for name, _ in analysis_functions()}
    assert all(isinstance(v, list) and v for v in called.values())
    assert isinstance(called["kpis"][0], analysis.Kpis)
    assert isinstance(called["status_counts"][0], pd.DataFrame)


def test_an_ammunition_rate_near_zero_projects_no_date_instead_of_crashing() -> None:
    """Found by the fuzzing: 0.03 t in ten years put the projection past the year 9999."""
    document = {
        "plan": {
            "id": "p",
            "title": "P",
            "start": date(2006, 1, 1),
            "end": date(2030, 1, 1),
            "areas": [{"id": "ammo", "title": "Ammunition"}],
        },
        "objectives": [
            {
                "id": "slow",
                "title": "Destroy surplus ammunition",
                "type": "ammunition-destruction",
                "area": "ammo",
                "owner": "Ministry of Defence",
                "start": date(2006, 1, 1),
                "due": date(2030, 1, 1),
                "status": "on-track",
                "metric": {
                    "unit": "tonnes",
                    "target": 2000,
                    # Two measurements: a rate needs two (issue 13), and this one is tiny.
                    "measurements": [
                        {"date": date(2006, 2, 23), "value": 0.0},
                        {"date": date(2016, 2, 23), "value": 0.03},
                    ],
                },
            }
        ],
    }
    portfolio, _ = load([document])
    (outlook,) = analysis.ammunition_outlooks(build_frames(portfolio, today=TODAY))
    assert outlook.destroyed == 0.03 and outlook.projected_completion is None
    assert outlook.on_course is False


# Plotly builds a figure slowly (about 0.1 s each): fewer examples, one view per example.
CHART_FUZZ = settings(FUZZ, max_examples=max(1, FUZZ.max_examples // 2))


@CHART_FUZZ
@given(st.data(), st.one_of(portfolios(max_objectives=5), st.builds(list)))
def test_every_chart_draws_for_valid_and_broken_portfolios(
    data: st.DataObject, documents: list[Document]
) -> None:
    """What the loader keeps of any file is valid objectives, so valid portfolios (and broken
    ones, for which the loader keeps fewer) are what charts must draw; and an empty selection."""
    if documents and data.draw(st.booleans()):
        documents = data.draw(mutated(documents))
    texts = {f"file{i}.yaml": as_yaml(d) for i, d in enumerate(documents)}
    portfolio = load_texts(texts)
    frames = a_view(data, portfolio)
    figures = draw_every_chart(frames, picker(data))
    assert len(figures["metric_progress"]) == int(frames.objectives["has_metric"].sum())
    for figure in [f for drawn in figures.values() for f in drawn]:
        for trace in figure.data:
            for name in ("text", "hovertext", "name"):
                value = getattr(trace, name, None)
                shown = " ".join(map(str, value)) if isinstance(value, tuple) else str(value)
                assert "<script" not in shown and "<img" not in shown, shown


def test_chart_calls_cover_every_figure_function() -> None:
    """A new chart is fuzzed as soon as it exists, or this test names it."""
    frames = build_frames(Portfolio(), today=TODAY)
    drawn = draw_every_chart(frames, lambda values: values[0])
    assert chart_functions() <= set(drawn), chart_functions() - set(drawn)


# --- An update changes exactly the update ------------------------------------------------------


def _one_line(text: str | None) -> str | None:
    """The store writes a note or a title on one line: its line breaks become spaces."""
    if text is None:
        return None
    return " ".join(part.strip() for part in text.splitlines() if part.strip()) or None


@st.composite
def updates_for(draw: st.DrawFn, documents: list[Document]) -> StatusChange:
    """A change a desk officer could make to one objective of the portfolio."""
    plan, objective = draw(
        st.sampled_from([(d["plan"], o) for d in documents for o in d["objectives"]])
    )
    earliest = max([plan["start"], *(u["date"] for u in objective.get("updates", []))])
    link = None
    if draw(st.booleans()):
        link = EvidenceLink(
            draw(typed_texts), draw(st.none() | urls), draw(st.none() | typed_texts)
        )
    return StatusChange(
        objective_id=objective["id"],
        status=draw(st.sampled_from(STATUS_ORDER)),
        date=draw(st.dates(earliest, TODAY)),
        progress=draw(st.none() | st.floats(0, 100) | st.integers(0, 100).map(float)),
        note=draw(st.none() | texts),  # anything: the store writes it on one line
        evidence=link,
        measurement=draw(st.none() | written_amounts) if "metric" in objective else None,
    )


def expected_after(objective: Objective, change: StatusChange, by: str) -> dict[str, Any]:
    """The objective as the change describes it: the new status, one more update, and the
    evidence and measurement that came with it. Nothing else."""
    after = objective.model_dump()
    after["status"] = change.status
    if change.progress is not None:
        after["progress"] = change.progress
    after["updates"].append(
        Update(
            date=change.date,
            status=change.status,
            progress=change.progress,
            note=_one_line(change.note),
            by=by,
        ).model_dump()
    )
    if change.evidence is not None:
        link = change.evidence
        after["evidence"].append(
            Evidence(
                title=_one_line(link.title) or "",
                url=(link.url or "").strip() or None,
                date=change.date,
                kind=(link.kind or "").strip() or None,
            ).model_dump()
        )
    if change.measurement is not None:
        after["metric"]["measurements"].append(
            Measurement(date=change.date, value=change.measurement).model_dump()
        )
    return after


STORE_FUZZ = settings(FUZZ, max_examples=max(1, FUZZ.max_examples * 3 // 5))


@STORE_FUZZ
@given(
    st.data(),
    portfolios(max_objectives=3, numbers=written_amounts, words=typed_texts).filter(
        lambda documents: any(d["objectives"] for d in documents)
    ),
)
def test_an_update_changes_a_valid_portfolio_only_by_the_update(
    data: st.DataObject, documents: list[Document]
) -> None:
    # Block layouts with text written out. Style 2 escapes non-ASCII text as "\u0161"; the
    # store writes such untouched lines out with the same values and says so, which this
    # line-by-line comparison would count as a change (tests/edit/test_store_escapes.py covers it).
    style = data.draw(st.sampled_from([0, 1]))
    change = data.draw(updates_for(documents))
    by = data.draw(typed_texts.filter(lambda name: bool(name.strip())))
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for document in documents:
            (folder / f"{document['plan']['id']}.yaml").write_text(
                as_yaml(document, style), encoding="utf-8"
            )
        before_bytes = {path.name: path.read_bytes() for path in folder.glob("*.yaml")}
        before = load_portfolio(folder, today=TODAY)
        assert before.errors() == []
        try:
            saved = store.save(folder, change, command_line_editor(by), today=TODAY)
        except store.LayoutNotKept as refusal:
            # Style 1 writes a small objective as one `{...}` line, which the store refuses
            # to rewrite rather than reformat: then nothing at all may have changed.
            assert style == 1 and refusal.problems, str(refusal)
            assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before_bytes
            return
        except store.NothingToRecord:
            # Only an update that keeps the status and adds nothing is refused (issue 13).
            old = next(o for o in before.objectives if o.id == change.objective_id)
            assert change.status == old.status
            assert change.progress in (None, old.progress)
            assert not (change.note or "").strip()
            assert change.evidence is None and change.measurement is None
            assert {p.name: p.read_bytes() for p in folder.glob("*.yaml")} == before_bytes
            return
        after = load_portfolio(folder, today=TODAY)
        after_bytes = {path.name: path.read_bytes() for path in folder.glob("*.yaml")}
    assert after.errors() == [], "\n".join(map(str, after.errors()))
    changed_file = saved.proposal.path.name
    assert {n: b for n, b in after_bytes.items() if n != changed_file} == {
        n: b for n, b in before_bytes.items() if n != changed_file
    }
    assert after.plans == before.plans
    assert [o.id for o in after.objectives] == [o.id for o in before.objectives]
    for old, new in zip(before.objectives, after.objectives, strict=True):
        if old.id == change.objective_id:
            assert new.model_dump() == expected_after(old, change, by.strip())
        else:
            assert new.model_dump() == old.model_dump()
