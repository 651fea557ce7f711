"""Fuzzing: valid portfolios load exactly as written; broken ones never make anything raise.

Valid portfolios come from tests/strategies.py; each test then breaks them the way files
really go wrong and runs them through the loader, the frames, every function in
tracker.analysis and every chart, asking what a user would: is every valid objective there,
is every problem located, and does the page still draw?
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.strategies import TODAY, Document, as_yaml, damaged_text, mutated, portfolios
from tracker import analysis
from tracker.filters import Filters, apply_filters
from tracker.frames import Frames, build_frames
from tracker.loader import Portfolio, assemble, load_text
from tracker.model import Document as PlanDocument

# A quick run in the suite; IPAP_FUZZ_EXAMPLES=2000 for a long hunt before a release.
FUZZ = settings(
    max_examples=int(os.environ.get("IPAP_FUZZ_EXAMPLES", "25")),
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
        assert 1 <= problem.line <= texts[problem.path].count("\n") + 2, str(problem)
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
            pytest.fail(f"tests/test_fuzz.py does not know how to call analysis.{name}{unknown}")
        calls: list[list[Any]] = [[]]
        for parameter in parameters:
            values = _ANALYSIS_ARGUMENTS[parameter.name](frames)
            if pick is not None:
                values = [pick(values)]
            calls = [[*call, value] for call in calls for value in values]
        results[name] = [function(*call) for call in calls]
    return results


def every_view(portfolio: Portfolio, filters: Filters | None = None) -> list[Frames]:
    """What the public sees, and what the ministry sees, filtered as a viewer might."""
    internal = build_frames(portfolio, today=TODAY)
    public = build_frames(portfolio, today=TODAY, audience="public")
    return [public, apply_filters(internal, filters) if filters is not None else internal]


def picker(data: st.DataObject) -> Callable[[list[Any]], Any]:
    return lambda values: data.draw(st.sampled_from(values))


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
    assert portfolio.problems == [], "\n".join(map(str, portfolio.problems))
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
    for objective in portfolio.objectives:
        line = texts[objective.file].splitlines()[objective.line - 1]
        assert objective.id in line or "id" in line or line.strip().startswith(("-", "{"))


@FUZZ
@given(st.data(), portfolios(max_objectives=5))
def test_valid_portfolios_flow_through_frames_and_every_analysis(
    data: st.DataObject, documents: list[Document]
) -> None:
    portfolio, _texts = load(documents)
    filters = data.draw(filters_for(portfolio))
    for frames in every_view(portfolio, filters):
        results = call_every_analysis_function(frames, picker(data))
        shown = len(frames.objectives)
        assert results["kpis"][0].objectives == shown
        # Every objective has a plan, an area, a type, an owner and a status (a field is optional).
        by = data.draw(st.sampled_from([g for g in GROUPINGS if g != "field"]))
        assert int(analysis.status_counts(frames.objectives, by).to_numpy().sum()) == shown
        assert len(frames.evidence) == frames.objectives["evidence_count"].sum()
        everything = len(frames.updates) + len(frames.evidence) + len(frames.measurements)
        assert len(analysis.changes_since(frames, date(1990, 1, 1))) == everything
    public = every_view(portfolio)[0]
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
    for frames in every_view(portfolio, data.draw(filters_for(portfolio))):
        call_every_analysis_function(frames, picker(data))


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
    for frames in every_view(portfolio):
        call_every_analysis_function(frames, picker(data))


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
    (problem,) = portfolio.problems
    assert problem.path == "p.yaml" and "progress" in problem.message
    frames = build_frames(portfolio, today=TODAY)
    assert list(frames.objectives["title"]) == ["<script>alert(1)</script>"] * 2


def test_analysis_calls_cover_every_public_function() -> None:
    """A new figure in tracker.analysis is fuzzed as soon as it exists (or this names it)."""
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
                    "measurements": [{"date": date(2016, 2, 23), "value": 0.03}],
                },
            }
        ],
    }
    portfolio, _ = load([document])
    (outlook,) = analysis.ammunition_outlooks(build_frames(portfolio, today=TODAY))
    assert outlook.destroyed == 0.03 and outlook.projected_completion is None
    assert outlook.on_course is False
