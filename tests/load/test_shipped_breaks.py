"""One-line mistakes in a copy of the shipped data (tests/data/shipped-breaks/cases.csv): each
costs only its objective, which is named as unreadable, and is reported on its own line."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import DATA, SHIPPED, CliResult
from tracker.load.loader import load_portfolio

BREAKS = DATA / "shipped-breaks"
with (BREAKS / "cases.csv").open(encoding="utf-8") as table:
    CASES = list(csv.DictReader(table))
_ITEM = re.compile(r"  - id: *([a-z0-9][a-z0-9._-]*)")


@dataclass(frozen=True)
class Break:
    line: int  # 1-based, of the broken line
    objective_id: str
    objective_line: int
    objective_end: int  # the last line of the objective


def _quote_dropped(line: str) -> str:
    opening = line.index('"')
    closing = opening + 1
    while line[closing] != '"' or line[closing - 1] == "\\":
        closing += 1
    return line[:closing] + line[closing + 1 :]


def _broken(line: str, key: str, mistake: str) -> str:
    indent = line[: len(line) - len(line.lstrip(" "))]
    body = line[len(indent) :]
    if mistake == "unclosed-quote":
        return _quote_dropped(line)
    if mistake == "missing-colon":
        return indent + body.replace(f"{key}:", key, 1)
    if mistake == "tab":
        return "\t" + body if len(indent) <= 4 else indent[:-4] + "\t" + body
    if mistake == "typo-key":
        return indent + key[:3] + key[4:] + body[len(key) :]
    if mistake == "impossible-date":
        return re.sub(r"\d{4}-\d{2}-\d{2}", "2019-02-30", line, count=1)
    raise AssertionError(f"unknown mistake {mistake!r} in cases.csv")


def _own_lines(lines: list[str], first: int, end: int) -> list[int]:
    """The objective's lines outside its `translations:` block: a case breaks the objective's
    own `owner:`, not the Serbian one its translation gives."""
    own: list[int] = []
    inside = False
    for n in range(first, end):
        indent = len(lines[n]) - len(lines[n].lstrip(" "))
        if inside and (indent > 4 or not lines[n].strip()):
            continue
        inside = lines[n].startswith("    translations:")
        if not inside:
            own.append(n)
    return own


def make_break(folder: Path, case: dict[str, str]) -> Break:
    """Make the case's mistake in `folder`'s copy of its file; say where it is."""
    path = folder / case["file"]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if _ITEM.match(line)]
    first = starts[int(case["objective"]) - 1]
    end = next((n for n in starts if n > first), len(lines))
    target = next(
        n
        for n in _own_lines(lines, first, end)
        if lines[n].lstrip(" -").startswith(case["key"].lstrip(" -"))
    )
    before = lines[target]
    lines[target] = _broken(before, case["key"], case["mistake"])
    assert lines[target] != before, f"{case['case']}: the line did not change: {before!r}"
    path.write_text("".join(lines), encoding="utf-8")
    match = _ITEM.match(lines[first])
    assert match is not None
    return Break(target + 1, match.group(1), first + 1, end)


SHIPPED_COUNT = len(load_portfolio(SHIPPED).objectives)


@pytest.fixture(scope="module")
def shipped_ids() -> set[str]:
    return {objective.id for objective in load_portfolio(SHIPPED).objectives}


@pytest.mark.parametrize("case", CASES, ids=[case["case"] for case in CASES])
def test_a_broken_line_costs_only_its_objective(
    case: dict[str, str], tmp_path: Path, run_cli: Callable[..., CliResult], shipped_ids: set[str]
) -> None:
    folder = tmp_path / "commitments"
    shutil.copytree(SHIPPED, folder)
    broken = make_break(folder, case)
    shown = str(folder / case["file"])

    text = run_cli("validate", str(folder))
    assert text.code == 1, text.out + text.err
    near = {f"{shown}:{line}:" for line in (broken.line - 1, broken.line, broken.line + 1)}
    located = [line for line in text.out.splitlines() if any(line.startswith(n) for n in near)]
    assert any(case["words"] in line for line in located), (
        f"nothing with {case['words']!r} at line {broken.line} (±1):\n{text.out}"
    )
    assert f"1 objective could not be read ({broken.objective_id})" in text.err

    report = json.loads(run_cli("validate", "--format", "json", str(folder)).out)
    assert report["objectives"] == SHIPPED_COUNT - 1
    assert report["unreadable"] == [
        {
            "plan_id": case["file"].removesuffix(".yaml"),
            "objective_id": broken.objective_id,
            "path": shown,
            "line": broken.objective_line,
            "reason": report["unreadable"][0]["reason"],
        }
    ]
    assert report["unreadable"][0]["reason"]
    # Nothing is blamed outside the broken objective: the rest of the data is as good as before.
    for problem in report["problems"]:
        assert broken.objective_line <= problem["line"] <= broken.objective_end, problem
    assert shipped_ids - {broken.objective_id} <= _valid_ids(folder)


def _valid_ids(folder: Path) -> set[str]:
    return {objective.id for objective in load_portfolio(folder).objectives}


def test_every_mistake_of_the_table_is_one_the_test_can_make() -> None:
    assert {case["mistake"] for case in CASES} == {
        "unclosed-quote",
        "missing-colon",
        "tab",
        "typo-key",
        "impossible-date",
    }


def test_two_broken_objectives_in_one_file_are_both_named(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    folder = tmp_path / "commitments"
    shutil.copytree(SHIPPED, folder)
    cases = {case["case"]: case for case in CASES}
    first = make_break(folder, cases["colon-on-owner"])
    second = make_break(folder, cases["quote-in-first-objective"])
    report = json.loads(run_cli("validate", "--format", "json", str(folder)).out)
    assert report["objectives"] == SHIPPED_COUNT - 2
    assert sorted(u["objective_id"] for u in report["unreadable"]) == sorted(
        [first.objective_id, second.objective_id]
    )
    lines = {problem["line"] for problem in report["problems"]}
    assert {first.line, second.line} <= lines
