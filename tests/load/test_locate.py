"""Positions found on demand give exactly what the located parser gives, and cost little."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.equivalence import generate_portfolio
from tests.load.test_fastparse import LAYOUTS
from tests.load.test_yaml_suite import CASES
from tests.support import DEMO_FILE, SHIPPED
from tracker.load.fastparse import parse_fast
from tracker.load.locate import LazyPositions, _Unsure
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
    assert_every_slice_position_is_the_located_one(text, located)
    return lazy


def assert_every_slice_position_is_the_located_one(text: str, located: object) -> int:
    """Each position an objective's own lines answer (parsed alone, tracker.load.locate) is
    the located parser's; returns how many they answered."""
    parsed = parse_fast(text)
    assert parsed is not None
    lines = parsed.objective_lines()
    offsets = parsed.objective_offsets
    encoded = text.replace("\r\n", "\n").encode("utf-8")
    # Found from the lines alone (counting line breaks), and from the offsets the fast path
    # and the cache keep, over the UTF-8 a file's load keeps (nothing decoded).
    ways = [
        LazyPositions(text, "plan.yaml", objective_lines=lines),
        LazyPositions(
            None, "plan.yaml", objective_lines=lines, objective_offsets=offsets, encoded=encoded
        ),
    ]
    counts = []
    for lazy in ways:
        answered = 0
        for path in located.locations:  # type: ignore[attr-defined]
            if path[:1] != ("objectives",) or len(path) < 3:
                continue
            for at_key in (False, True):
                for asked in (path, (*path, "no-such-key")):
                    try:
                        found = lazy._from_slice(asked, at_key)
                    except _Unsure:
                        continue
                    assert found == located.where(asked, at_key=at_key), (asked, at_key)  # type: ignore[attr-defined]
                    answered += 1
        assert lazy._tree is None and lazy.whole is None
        counts.append(answered)
    assert counts[0] == counts[1]
    return counts[0]


def test_offsets_place_every_objective_without_the_whole_tree(generated: list[Path]) -> None:
    """With each objective's offset known, every question about an objective is answered
    from its own lines, however many are asked (no budget, no whole-file tree), and exactly
    as the located parser answers it."""
    text = generated[0].read_text(encoding="utf-8")
    located = parse_yaml(text, "plan.yaml")
    parsed = parse_fast(text)
    assert parsed is not None
    lines = parsed.objective_lines()
    assert lines is not None and parsed.objective_offsets is not None
    assert len(parsed.objective_offsets) == len(lines)
    lazy = LazyPositions(
        None,
        "plan.yaml",
        objective_lines=lines,
        objective_offsets=parsed.objective_offsets,
        encoded=text.encode("utf-8"),
    )
    # What the rules ask: a value of an objective's own (its status, its due date) ...
    for index in range(len(lines)):
        for key in ("status", "due", "id"):
            assert lazy.where(("objectives", index, key)) == located.where(
                ("objectives", index, key)
            )
    assert lazy._tree is None and lazy.whole is None
    assert lazy._given_text is None  # the text was never decoded
    # ... and everything else the located parser placed (lists and mappings go further).
    asked = [path for path in located.locations if path[:1] == ("objectives",) and len(path) > 2]
    assert len(asked) > 1000
    for path in asked:
        assert lazy.where(path) == located.where(path), path
    assert lazy.whole is None


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


def test_a_warning_about_one_objective_parses_only_its_lines(generated: list[Path]) -> None:
    """With the objectives' lines known (the fast path's, the cache's), a position inside one
    objective comes from rapidyaml's tree of that objective's lines, not of the whole file; the
    last objective is read alone too, and a layout the lines cannot vouch for falls back."""
    text = generated[0].read_text(encoding="utf-8")
    located = parse_yaml(text, "plan.yaml")
    assert assert_every_slice_position_is_the_located_one(text, located) > 1000
    parsed = parse_fast(text)
    assert parsed is not None
    lines = parsed.objective_lines()
    assert lines is not None
    lazy = LazyPositions(text, "plan.yaml", objective_lines=lines)
    last = len(lines) - 1
    for index in (0, 7, last):
        assert lazy.where(("objectives", index, "status")) == located.where(
            ("objectives", index, "status")
        )
    assert lazy._tree is None and lazy.whole is None
    assert list(lazy._slices) == [last] and lazy._slices[last] is not None
    # A top-level key after the objectives belongs to no objective: the last one's lines then
    # hold it, so they are not read alone.
    moved = text + "extra:\n  note: x\n"
    lazy = LazyPositions(moved, "plan.yaml", objective_lines=lines)
    with pytest.raises(_Unsure):
        lazy._from_slice(("objectives", last, "status"), False)
    assert lazy.where(("objectives", last, "status")) == located.where(
        ("objectives", last, "status")
    )


def test_only_the_last_files_asked_keep_their_tree(generated: list[Path]) -> None:
    """A portfolio's trees are not all kept while the rules run; a dropped one is parsed again
    when asked, with the same answers."""
    texts = [path.read_text(encoding="utf-8") for path in generated] * 2
    lazies = [LazyPositions(text, "plan.yaml") for text in texts[:3]]
    first = [lazy.where(("objectives", 3, "due")) for lazy in lazies]
    assert [lazy._tree is not None for lazy in lazies] == [False, True, True]
    assert lazies[0].where(("objectives", 3, "due")) == first[0]
    assert [lazy._tree is not None for lazy in lazies] == [True, False, True]
