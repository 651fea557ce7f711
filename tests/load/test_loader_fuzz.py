"""Property tests: whatever YAML arrives, the loader answers with problems or objectives."""

from __future__ import annotations

from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import DEMO_FILE
from tracker.load.loader import assemble, load_text

TODAY = date(2026, 11, 23)
DEMO = yaml.safe_load(DEMO_FILE.read_text())

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.dates(),
)
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=10), st.integers()), children, max_size=4),
    ),
    max_leaves=25,
)


def assert_answers(text: str) -> None:
    load = load_text(text, "fuzz.yaml")
    portfolio = assemble([load], today=TODAY)
    assert portfolio.problems or portfolio.objectives or load.plan is not None
    for problem in portfolio.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    assert_answers(text)


@settings(max_examples=150, deadline=None)
@given(structures)
def test_arbitrary_structures_never_raise(value: object) -> None:
    assert_answers(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["plan", "objective", "update", "metric"]),
    st.text(max_size=12),
    structures,
)
def test_mutated_demo_never_raises(where: str, key: str, value: object) -> None:
    document = yaml.safe_load(DEMO_FILE.read_text())
    target = {
        "plan": document["plan"],
        "objective": document["objectives"][0],
        "update": document["objectives"][0]["updates"][0],
        "metric": document["objectives"][1]["metric"],
    }[where]
    target[key or "x"] = value
    assert_answers(yaml.safe_dump(document, allow_unicode=True))
