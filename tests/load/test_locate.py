"""Positions found on demand give exactly what the located parser gives, and cost little."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.equivalence import generate_portfolio
from tests.load.test_fastparse import LAYOUTS
from tests.load.test_yaml_suite import CASES
from tests.support import DEMO_FILE, SHIPPED
from tracker.load.fastparse import parse_fast
from tracker.load.locate import LazyPositions
from tracker.load.yamlparse import parse_yaml

DEMO = DEMO_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("generated")
    return generate_portfolio(120, folder, seed=11)


def assert_every_position_is_the_located_one(text: str) -> LazyPositions:
    """Every key, value and item the located parser placed, and a missing key under each
    (placed at its nearest parent), asked both ways."""
    assert parse_fast(text) is not None, "only text the fast path accepted is placed lazily"
    located = parse_yaml(text, "plan.yaml")
    lazy = LazyPositions(text, "plan.yaml")
    for path in located.locations:
        for at_key in (False, True):
            for asked in (path, (*path, "no-such-key")):
                assert lazy.where(asked, at_key=at_key) == located.where(asked, at_key=at_key), (
                    asked,
                    at_key,
                )
    return lazy


def test_shipped_and_generated_files(generated: list[Path]) -> None:
    for path in [*sorted(SHIPPED.glob("*.yaml")), *generated]:
        assert_every_position_is_the_located_one(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("layout", [name for name in LAYOUTS if "comment" not in name])
def test_every_layout_of_an_objective(layout: str) -> None:
    """(A comment after a value sends the file to the located parser.)"""
    text = DEMO.replace("objectives:\n", "objectives:\n" + LAYOUTS[layout], 1)
    assert_every_position_is_the_located_one(text)


def test_quotes_accents_and_windows_line_ends() -> None:
    text = DEMO.replace(
        "title: Take part in joint exercises", "'title': \"Take — “part” in exercises\""
    ).replace("owner: Ministry of Defence", 'owner: "Ministarstvo odbrane, Čačak"')
    assert_every_position_is_the_located_one(text)
    assert_every_position_is_the_located_one(text.replace("\n", "\r\n"))


def test_the_yaml_suite_cases_the_fast_path_accepts() -> None:
    accepted = 0
    for case in CASES:
        text = case.read_bytes().decode("utf-8")
        if parse_fast(text) is not None:
            assert_every_position_is_the_located_one(text)
            accepted += 1
    assert accepted > 50


def test_objective_positions_never_parse_the_whole_file(generated: list[Path]) -> None:
    """What the rules and the schema ask of an objective is answered from rapidyaml's tree or
    from that objective's own lines: the located parse of the whole file never runs."""
    text = generated[0].read_text(encoding="utf-8")
    located = parse_yaml(text, "plan.yaml")
    lazy = LazyPositions(text, "plan.yaml")
    asked = [path for path in located.locations if path[:1] == ("objectives",) and len(path) > 1]
    assert len(asked) > 1000
    for path in asked:
        assert lazy.where(path) == located.where(path)
    assert lazy.whole is None


def test_only_the_last_files_asked_keep_their_tree(generated: list[Path]) -> None:
    """A portfolio's trees are not all kept while the rules run; a dropped one is parsed again
    when asked, with the same answers."""
    texts = [path.read_text(encoding="utf-8") for path in generated] * 2
    lazies = [LazyPositions(text, "plan.yaml") for text in texts[:3]]
    first = [lazy.where(("objectives", 3, "due")) for lazy in lazies]
    assert [lazy._tree is not None for lazy in lazies] == [False, True, True]
    assert lazies[0].where(("objectives", 3, "due")) == first[0]
    assert [lazy._tree is not None for lazy in lazies] == [True, False, True]
