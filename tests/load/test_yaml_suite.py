"""Both parsers against a corpus nobody here wrote: every `in.yaml` of the YAML test suite.

PyYAML's C loader defines what this format's files mean. The located parser must never raise,
and wherever it reports no problem it must give exactly PyYAML's value; the fast path may step
aside (None), but wherever it answers it must give exactly PyYAML's value too. Values are
compared with their types and key order: `True` is not `1`, and `"1"` is not `1`.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import TESTS
from tracker.load.fastparse import parse_fast
from tracker.load.yamlparse import parse_yaml

SUITE = TESTS / "data" / "yaml-test-suite"
CASES = sorted(SUITE.rglob("in.yaml"))


def _name(path: Path) -> str:
    return path.parent.relative_to(SUITE).as_posix()


def same(left: Any, right: Any) -> bool:
    """Equal values of equal types all the way down (NaN equals NaN)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    if isinstance(left, dict):
        return list(left) == list(right) and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    return bool(left == right)


def pyyaml_reading(text: str) -> tuple[bool, Any]:
    try:
        return True, yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False, None


def test_the_whole_suite_is_here() -> None:
    assert len(CASES) == 402
    assert (SUITE / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_the_located_parser_means_what_pyyaml_means(case: Path) -> None:
    text = case.read_bytes().decode("utf-8")
    accepted, expected = pyyaml_reading(text)
    parsed = parse_yaml(text, "in.yaml")
    if parsed.problems:
        return  # refused, with a located message: never a different meaning
    assert accepted, "PyYAML refuses this text, the located parser reported no problem"
    assert same(parsed.value, expected)


@pytest.mark.parametrize("case", CASES, ids=_name)
def test_the_fast_path_answers_only_where_it_means_what_pyyaml_means(case: Path) -> None:
    text = case.read_bytes().decode("utf-8")
    fast = parse_fast(text)
    if fast is None:
        return  # left to the located parser
    accepted, expected = pyyaml_reading(text)
    assert accepted, "PyYAML refuses this text, the fast path gave a value"
    assert same(fast.value, expected)


def test_both_parsers_answer_most_of_the_suite() -> None:
    """The agreement above is not bought by refusing everything: of the suite's cases PyYAML
    reads, the located parser reads about three in four and the fast path about one in three."""
    texts = [case.read_bytes().decode("utf-8") for case in CASES]
    readable = [text for text in texts if pyyaml_reading(text)[0]]
    located = sum(1 for text in readable if not parse_yaml(text, "in.yaml").problems)
    fast = sum(1 for text in readable if parse_fast(text) is not None)
    assert located >= 0.7 * len(readable)
    assert fast >= 0.25 * len(readable)


_BLOCK_LINES = st.lists(
    st.sampled_from(["", " ", "   ", "  x", "    y", "  z ", "      w", " q", "x"]), max_size=5
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["|", "|-", "|+", ">", ">-", ">+", "|2", ">1-"]),
    _BLOCK_LINES,
    st.sampled_from(["", "\n", "\nnext: 1\n", "\n- 2\n"]),
    st.sampled_from(["note: ", "- ", "- note: "]),
)
def test_block_scalars_mean_what_pyyaml_means(
    indicator: str, lines: list[str], end: str, head: str
) -> None:
    """The shape the suite found wrong (a block scalar's last line of spaces), in every form:
    the note a desk officer writes over several lines."""
    text = head + indicator + "\n" + "\n".join(lines) + end
    fast = parse_fast(text)
    if fast is None:
        return
    accepted, expected = pyyaml_reading(text)
    assert accepted and same(fast.value, expected)


_VALUES = ["a", "a b", '"a #b"', "'a #b'", "1", "x#y", "|", ">", "|-", "", "[a, b]", "{a: 1}",
           "- a", "a\n  b", '"a\n  #b"', "'it''s'", "it's", '[a, "b #c"]']  # fmt: skip
_COMMENTS = ["", " #c", "  # c d", " #", " #: x", " # - y", " # | z"]
_NEXT_LINES = ["", "\n  line #x", "\n  # full", "\nk2: v #d", "\n#top", "\n  - i #c"]


def test_comments_after_values_mean_what_pyyaml_means() -> None:
    """Every mix of a value, a comment after it and a line after that, where the fast path
    answers: comments outside flows keep the fast path, so each must read as PyYAML reads it."""
    wrong, answered = [], 0
    for value, comment, after in itertools.product(_VALUES, _COMMENTS, _NEXT_LINES):
        for head in ("k: ", "- ", "- k: ", "k:\n  - "):
            text = head + value + comment + after + "\n"
            fast = parse_fast(text)
            if fast is None:
                continue
            answered += 1
            accepted, expected = pyyaml_reading(text)
            if not accepted or not same(fast.value, expected):
                wrong.append(text)
    assert wrong == []
    assert answered > 500
