"""The fast path gives exactly what the located parser gives, or steps aside for it."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.equivalence import file_summary, generate_portfolio, model_tree
from tests.support import DEMO_FILE, PROJECT, SHIPPED
from tracker.load import fastparse
from tracker.load.fileload import FileLoad
from tracker.load.loader import _load_fast, _load_located, load_text

DEMO = DEMO_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def generated_portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate_portfolio(120, folder, seed=7)
    return folder


def full_summary(load: FileLoad) -> tuple[Any, ...]:
    """file_summary, and what the rules and the app are told of the objectives that failed."""
    return (
        file_summary(load),
        load.unreadable,
        [(part.index, model_tree(part.objective), part.fields) for part in load.partial],
        load.indices,
    )


def assert_same_as_located(text: str) -> bool:
    """load_text must answer exactly as the located parser does; True if the fast path answered
    (for a file with problems too: they are then placed one by one, lazily)."""
    fast = _load_fast(text, "plan.yaml", "plan")
    located = _load_located(text, "plan.yaml", "plan")
    assert full_summary(load_text(text, "plan.yaml", "plan")) == full_summary(located)
    if fast is not None:
        assert full_summary(fast) == full_summary(located)
    return fast is not None


def test_shipped_data_takes_the_fast_path_with_the_same_objectives() -> None:
    for path in sorted(SHIPPED.glob("*.yaml")):
        assert assert_same_as_located(path.read_text(encoding="utf-8")), path.name


def test_generated_portfolio_takes_the_fast_path(generated_portfolio: Path) -> None:
    for path in sorted(generated_portfolio.glob("*.yaml")):
        assert assert_same_as_located(path.read_text(encoding="utf-8")), path.name


def test_a_schema_mistake_keeps_the_fast_parse_and_is_placed_exactly() -> None:
    broken = DEMO.replace("status: on-track\n    progress: 40", "status: on-trak\n    progress: 40")
    assert assert_same_as_located(broken)
    load = load_text(broken, "plan.yaml", "plan")
    assert load.parsed is None  # the located parser never ran on the whole file
    line = broken.splitlines().index("    status: on-trak") + 1
    assert [(p.line, p.column) for p in load.problems] == [(line, 13)]
    assert "on-trak" in load.problems[0].message


# What PyYAML reads differently from rapidyaml's JSON, written unquoted: each must either give
# the same objectives or be left to the located parser, which then reports the right problem.
AMBIGUOUS_SCALARS = [
    "yes", "No", "ON", "off", "y", "n", "~", "null", "Null", "NULL", "true", "False", "TRUE",
    "1e3", "1.5e3", "1.5e+3", "1E3", "-1e+3", "-.5", ".5", "+.5", "1.", "-1.", "0.", "-0.0",
    "0x1F", "0o17", "0b11", "017", "08", "09.5", "1_000", "1:20", "1:20.5", ".inf", "-.Inf",
    ".NaN", "nan", "inf", "Infinity", "2015-01-01", "2015-1-1", "2015-01-01 10:00:00",
    "2015-01-01T10:00:00Z", "2019-02-30", "<<", "=", "-0", "+1", "+0", "0", "100", "-1",
    "3.25", "50%", "a #b", "x#y", "?x", ":x", "-x", "x-", "@x", "é — “x”", "c:\\path",
    "}", "]", ",x", "o:?", "a:b", "https://example.org/x", "see https://example.org", "%x", "`x",
]  # fmt: skip
SLOTS = [
    ("title: Take part in joint exercises", "title: {}"),
    ("owner: Ministry of Defence\n    start", "owner: {}\n    start"),
    ("progress: 40\n    depends_on", "progress: {}\n    depends_on"),
    ("note: Started", "note: {}"),
    ("progress: 40, note", "progress: {}, note"),
    ("start: 2019-11-07\n    due: 2021-12-31\n    status: on-track",
     "start: {}\n    due: 2021-12-31\n    status: on-track"),
    ("{date: 2020-01-15", "{{date: {}"),
    ("kind: report", "kind: {}"),
    ("value: 300", "value: {}"),
    ("target: 2000", "target: {}"),
    ("depends_on: [demo-ammo]", "depends_on: [{}]"),
    ("title: Demo plan", "title: {}"),
    ("cumulative: true", "cumulative: {}"),
    ("by: Desk officer", "by: {}"),
]  # fmt: skip


def with_value(slot: int, value: str) -> str:
    old, new = SLOTS[slot]
    assert old in DEMO, old
    return DEMO.replace(old, new.format(value), 1)


@pytest.mark.parametrize("value", AMBIGUOUS_SCALARS)
def test_ambiguous_plain_scalars_mean_what_pyyaml_says(value: str) -> None:
    for slot in range(len(SLOTS)):
        assert_same_as_located(with_value(slot, value))


def test_a_plain_yes_title_is_a_problem_not_the_text_yes() -> None:
    text = with_value(0, "yes")
    assert not assert_same_as_located(text)
    load = load_text(text, "plan.yaml")
    line = text.splitlines().index("    title: yes") + 1
    assert [(p.line, p.column) for p in load.problems] == [(line, 12)]
    # The same word in quotes is text. JSON cannot tell the two apart, so the located
    # parser reads it; the fast path only costs time here, never the answer.
    quoted_yes = with_value(0, '"yes"')
    assert_same_as_located(quoted_yes)
    assert load_text(quoted_yes, "plan.yaml").objectives[0].title == "yes"


def test_a_yaml_date_and_a_quoted_date_are_the_same_date_on_the_fast_path() -> None:
    assert assert_same_as_located(with_value(6, '"2020-01-15"'))
    assert assert_same_as_located(with_value(6, "2020-01-15"))


def quoted(value: str, style: str) -> str:
    if style == "single":
        return "'" + value.replace("'", "''") + "'"
    if style == "double":
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


tricky_text = st.text(
    alphabet="-+.0123456789eE_:~yYnNoOtTfFxXb#'\" ,[]{}&*!%@|>?=<aé—\\", max_size=10
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, len(SLOTS) - 1),
    st.one_of(st.sampled_from(AMBIGUOUS_SCALARS), tricky_text),
    st.sampled_from(["plain", "single", "double"]),
)
def test_any_value_in_any_place_gives_the_located_answer(slot: int, value: str, style: str) -> None:
    assert_same_as_located(with_value(slot, quoted(value, style)))


EDIT_CHARACTERS = [" ", "  ", "-", ":", ": ", "#", '"', "'", "\n", "{", "}", "[", "]", ",", "1",
                   "x", "\t", "\r\n", "&a ", "*a", "!", "|", ">", "? ", "---\n", "\\",
                   "é"]  # fmt: skip


class _Replay(random.Random):
    """Gives back the numbers it was made with, in order: an @example that replays damage
    Hypothesis once found, whatever Hypothesis's own random numbers do."""

    def __init__(self, *numbers: float) -> None:
        super().__init__(0)
        self._numbers = list(numbers)

    def randrange(self, *_: Any, **__: Any) -> int:
        return int(self._numbers.pop(0))

    def random(self) -> float:
        return self._numbers.pop(0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.integers(1, 3))
# The evidence item moved left to the key's column and `updates:` right, under it: the fast
# path read `updates` as a key "  updates" (DEEPER_KEY_FILE below is this with a third edit).
@example(_Replay(24, 3, 0.0, 25, 3, 0.9), 2)
def test_damaged_files_give_the_located_answer(rng: random.Random, edits: int) -> None:
    """Random damage (the mistakes people make in an editor) never lets the two paths differ."""
    lines = DEMO.splitlines(keepends=True)
    for _ in range(edits):
        at = rng.randrange(len(lines))
        kind = rng.randrange(5)
        line = lines[at]
        if kind == 0 and len(line) > 1:  # delete a character
            cut = rng.randrange(len(line) - 1)
            lines[at] = line[:cut] + line[cut + 1 :]
        elif kind == 1:  # insert something
            cut = rng.randrange(len(line))
            lines[at] = line[:cut] + rng.choice(EDIT_CHARACTERS) + line[cut:]
        elif kind == 2:  # repeat a line
            lines.insert(at, line)
        elif kind == 3:  # shift a line left or right
            lines[at] = line[2:] if line.startswith("  ") and rng.random() < 0.5 else "  " + line
        else:  # drop a line
            del lines[at]
    assert_same_as_located("".join(lines))


# rapidyaml reads a line indented deeper than the mapping it continues, after a list written at
# that mapping's own column, as the mapping's next key with the extra indentation in it
# ("  updates"); PyYAML refuses the line. The item before it is a flow collection, a quoted or
# a block scalar (a plain one goes on over the next line, and rapidyaml refuses that itself).
# (The file is kept as Hypothesis wrote it, byte for byte: even a comment changes what the
# fast path's checks see.)
DEEPER_KEY_FILE = PROJECT / "tests" / "data" / "fastparse" / "deeper-key-after-flow-item.yaml"
_EVIDENCE = (
    '      - {title: Exercise report, url: "https://example.org/report", date: 2020-03-02,'
    " kind: report}\n    updates:\n"
)
ITEMS_BEFORE_A_DEEPER_KEY = {
    "flow mapping":
        '{title: Exercise report, url: "https://example.org/report", date: 2020-03-02}',
    "flow mapping on two lines":
        '{title: Exercise report,\n       url: "https://example.org/report", date: 2020-03-02}',
    "flow sequence": "[Exercise report, report]",
    "double-quoted": '"Exercise report"',
    "single-quoted": "'Exercise report'",
    "plain": "Exercise report",
    "literal block scalar": "|\n        Exercise report",
    "folded block scalar": ">-\n        Exercise report",
    "kept block scalar": "|+\n        Exercise report\n",
    "key with a flow value": "title: {text: Exercise report}",
    "key with a quoted value": "title: 'Exercise report'",
    "nested list": "- {title: Exercise report}",
}  # fmt: skip
DEEPER_KEYS = {
    "one deeper": "     updates:",
    "two deeper": "      updates:",
    "three deeper": "       updates:",
    "quoted key": "      'updates':",
    "after a comment": "      # then\n      updates:",
    "after a blank line": "\n      updates:",
}


def deeper_key_after(item: str, key: str) -> str:
    assert _EVIDENCE in DEMO
    return DEMO.replace(_EVIDENCE, f"    - {item}\n{key}\n", 1)


def test_a_key_indented_deeper_than_its_mapping_after_a_flow_item_is_left_to_pyyaml() -> None:
    """The file Hypothesis found: the fast path read it (no problem, demo-ammo at line 14)."""
    text = DEEPER_KEY_FILE.read_text(encoding="utf-8")
    assert fastparse.parse_fast(text) is None
    assert not assert_same_as_located(text)
    load = load_text(text, "plan.yaml", "plan")
    assert [str(problem) for problem in load.problems] == [
        "plan.yaml:26:7: the indentation here does not match the lines above:"
        " line keys up with spaces"
    ]
    assert [unreadable.objective_id for unreadable in load.unreadable] == ["demo-ex"]
    assert [(objective.id, objective.line) for objective in load.objectives] == [("demo-ammo", 29)]


@pytest.mark.parametrize("key", DEEPER_KEYS)
@pytest.mark.parametrize("item", ITEMS_BEFORE_A_DEEPER_KEY)
def test_no_item_lets_a_deeper_key_take_the_fast_path(item: str, key: str) -> None:
    deeper = DEEPER_KEYS[key]
    if item.startswith("key with"):  # deeper than that key too, at column 7
        deeper = deeper.replace("      ", "        ")
    text = deeper_key_after(ITEMS_BEFORE_A_DEEPER_KEY[item], deeper)
    if item.endswith("block scalar") and key != "one deeper":  # the key ends the scalar
        text = text.replace("\n        Exercise report", "\n         Exercise report")
    with pytest.raises(yaml.YAMLError):
        yaml.safe_load(text)
    assert fastparse.parse_fast(text) is None
    assert not assert_same_as_located(text)
    assert load_text(text, "plan.yaml", "plan").problems


def test_quoted_text_that_starts_with_a_space_costs_only_the_slower_parse() -> None:
    text = DEMO.replace("title: Take part in joint exercises", "title: ' Take part'", 1)
    assert not assert_same_as_located(text)
    assert load_text(text, "plan.yaml", "plan").objectives[0].title == " Take part"


LAYOUTS = {
    "dash on its own line": "  -\n    id: demo-ex\n    title: Take part in joint exercises\n",
    "comment after the dash":
        "  - # the exercises\n    id: demo-ex\n    title: Take part in joint exercises\n",
    "quoted first key": '  - "id": demo-ex\n    title: Take part in joint exercises\n',
    "wider indent": "  -   id: demo-ex\n      title: Take part in joint exercises\n",
    "title first": "  - title: Take part in joint exercises\n    id: demo-ex\n",
}  # fmt: skip


@pytest.mark.parametrize("layout", LAYOUTS)
def test_objective_lines_match_the_located_parser_in_every_layout(layout: str) -> None:
    head = "  - id: demo-ex\n    title: Take part in joint exercises\n"
    text = DEMO.replace(head, LAYOUTS[layout])
    if layout == "wider indent":
        start = text.index("      title")
        end = text.index("\n\n  - id: demo-ammo")
        block = text[start:end].replace("\n    ", "\n      ")
        text = text[:start] + block + text[end:]
    assert_same_as_located(text)


def test_flow_style_objectives_on_several_lines() -> None:
    text = DEMO.split("objectives:")[0] + (
        "objectives:\n"
        "  - {id: one, title: One, type: activity, area: exercises, owner: MoD,\n"
        "     start: 2019-11-07, due: 2021-12-31, status: not-assessed}\n"
        "  - {\n"
        "     id: two, title: Two, type: activity, area: exercises, owner: MoD,\n"
        "     start: 2019-11-07, due: 2021-12-31, status: not-assessed}\n"
    )
    assert_same_as_located(text)
    first = text.splitlines().index("objectives:") + 2
    assert [o.line for o in load_text(text, "plan.yaml").objectives] == [first, first + 2]


def test_windows_line_endings_give_the_same_objectives_and_lines() -> None:
    assert assert_same_as_located(DEMO.replace("\n", "\r\n"))
    assert not assert_same_as_located(DEMO.replace("\n", "\r"))  # old Mac endings: located


def test_rapidyaml_error_reports_never_reach_the_terminal() -> None:
    """rapidyaml prints its errors from C++; the user must see only the located sentence."""
    broken = "plan:\n  id: demo\n  title: a: b\n"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"from tracker.load.loader import load_text; load_text({broken!r}, 'x')",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stderr == ""
    assert fastparse.parse_fast(broken) is None


def test_other_output_written_during_a_parse_is_passed_on(
    capfd: pytest.CaptureFixture[str],
) -> None:
    import os

    with fastparse.quiet_stderr():
        os.write(2, b"a message from elsewhere\n")
    assert capfd.readouterr().err == "a message from elsewhere\n"


def test_a_web_address_with_any_kind_of_space_is_refused() -> None:
    """The URL check looks for spaces with a regular expression (fast) and must still refuse
    every character Python counts as a space, as the loop it replaced did."""
    from tracker.model import _web_url

    spaces = [chr(code) for code in range(0x110000) if chr(code).isspace()]
    assert len(spaces) == 29
    for space in spaces:
        with pytest.raises(ValueError, match="contains spaces"):
            _web_url(f"https://example.org/a{space}b")
    assert _web_url("https://example.org/a%20b") == "https://example.org/a%20b"


# The characters the glued-colon search turns on, a letter, and spaces of every kind it meets.
_GLUED_ALPHABET = [*"[]{},:?\"'#- \nab", "\xa0", "\u2003", "\u3000"]


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_GLUED_ALPHABET), max_size=24))
def test_the_glued_colon_search_backwards_answers_as_forwards(text: str) -> None:
    """The backwards search (the fast one) finds a glued colon exactly where the pattern it
    stands for does (400,000 random strings of up to 30 of these characters agreed too)."""
    assert fastparse._glued_colon(text) == (fastparse._GLUED_COLON.search(text) is not None)


def test_the_glued_colon_search_backwards_answers_as_forwards_on_every_corpus_file() -> None:
    files = [
        *sorted((PROJECT / "tests" / "data").rglob("*.yaml")),
        *sorted(SHIPPED.glob("*.yaml")),
    ]
    assert len(files) > 400  # the YAML test suite's cases among them
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert fastparse._glued_colon(text) == (fastparse._GLUED_COLON.search(text) is not None)
    for text in ("{url: https://x}", "a: b", "[a:b]", "x: [a, b:c]", "k: ::v", "- {a: 1}"):
        assert fastparse._glued_colon(text) == (fastparse._GLUED_COLON.search(text) is not None)


# The characters the three prefiltered searches turn on, letters, and characters outside the
# safe set (controls, a lone surrogate, YAML 1.1's line separators, a BOM, a non-BMP letter).
_PREFILTER_ALPHABET = [
    *"[]{},:?-  \n\nab#",
    "\t",
    "\x00",
    "\x7f",
    "\x85",
    "\xa0",
    "\u2028",
    "\ufeff",
    "\ud800",
    "ш",
    "\U0001f600",
]


def _prefiltered_answers(text: str) -> tuple[tuple[bool, bool], ...]:
    encoded = text.encode("utf-8", "surrogatepass")
    return (
        (
            fastparse._unsafe_character(encoded),
            fastparse._UNSAFE_CHARACTER.search(text) is not None,
        ),
        (
            fastparse._line_key_indicator(text),
            fastparse._LINE_KEY_INDICATOR.search(text) is not None,
        ),
        (
            fastparse._flow_key_indicator(text, encoded),
            fastparse._FLOW_KEY_INDICATOR.search(text) is not None,
        ),
    )


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_PREFILTER_ALPHABET), max_size=24))
def test_the_prefiltered_searches_answer_as_their_patterns(text: str) -> None:
    """Unsafe characters, line keys and flow keys are found by a cheaper search first and the
    pattern only where that finds a candidate: the same answer as the pattern alone."""
    for fast, pattern in _prefiltered_answers(text):
        assert fast == pattern


def test_the_prefiltered_searches_answer_as_their_patterns_on_every_corpus_file() -> None:
    files = [
        *sorted((PROJECT / "tests" / "data").rglob("*.yaml")),
        *sorted(SHIPPED.glob("*.yaml")),
    ]
    assert len(files) > 400  # the YAML test suite's cases among them
    texts = [path.read_text(encoding="utf-8", errors="surrogateescape") for path in files]
    texts += ["- : x", "a:\n  - - ? b", "{a: 1,\n :b}", "[ ? x]", "x\t: y", "\ud800", "ok: 1"]
    found = {0: 0, 1: 0, 2: 0}
    for text in texts:
        for which, (fast, pattern) in enumerate(_prefiltered_answers(text)):
            assert fast == pattern, (which, text[:80])
            found[which] += pattern
    assert all(found.values())  # each search finds something in the corpus
