"""Hostile files: each gives a located, bounded error, nothing runs, and good files still load."""

from __future__ import annotations

import shutil
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import DEMO_FILE
from tracker.loader import assemble, load_file, load_portfolio, load_text
from tracker.settings import MAX_PROBLEMS_PER_FILE

TODAY = date(2026, 11, 23)
MB = 1024 * 1024


def peak_memory_of(action) -> int:
    """Peak bytes allocated by Python while `action` runs (deterministic, unlike timings)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def folder_with_good_file(tmp_path: Path) -> Path:
    shutil.copy(DEMO_FILE, tmp_path / "good.yaml")
    return tmp_path


def test_a_100_mb_file_is_refused_unread_and_the_rest_still_loads(
    folder_with_good_file: Path,
) -> None:
    huge = folder_with_good_file / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * MB)  # sparse: costs no disk, reads as 100 MB of NUL bytes
    peak = peak_memory_of(lambda: load_portfolio(folder_with_good_file))
    portfolio = load_portfolio(folder_with_good_file)
    (problem,) = portfolio.problems
    assert problem.path.endswith("huge.yaml") and (problem.line, problem.column) == (1, 1)
    assert "over the 20 MB limit" in problem.message
    assert len(portfolio.objectives) == 2
    assert peak < 50 * MB


def test_an_alias_bomb_costs_almost_nothing(folder_with_good_file: Path) -> None:
    levels = ['l0: &l0 ["' + "x" * 100 + '"]']
    levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 15)]
    (folder_with_good_file / "bomb.yaml").write_text("\n".join(levels) + "\n")
    peak = peak_memory_of(lambda: load_portfolio(folder_with_good_file))
    portfolio = load_portfolio(folder_with_good_file)
    assert any("bomb.yaml:2:" in str(p) and "alias" in p.message for p in portfolio.problems)
    assert len(portfolio.objectives) == 2
    assert peak < 20 * MB  # expanded, it would be 10**14 strings


def test_deep_nesting_is_refused_with_a_location(folder_with_good_file: Path) -> None:
    nested = "plan:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(1000)) + "  " * 1001 + "x\n"
    (folder_with_good_file / "deep.yaml").write_text(nested)
    portfolio = load_portfolio(folder_with_good_file)
    deep = [p for p in portfolio.problems if p.path.endswith("deep.yaml")]
    assert any("nested more than" in p.message and p.line > 1 for p in deep)
    assert len(portfolio.objectives) == 2


def test_deep_flow_nesting_does_not_recurse(folder_with_good_file: Path) -> None:
    (folder_with_good_file / "flow.yaml").write_text("plan: " + "[" * 100_000 + "]" * 100_000)
    portfolio = load_portfolio(folder_with_good_file)
    assert any(p.path.endswith("flow.yaml") for p in portfolio.problems)


def test_binary_and_non_utf8_files_are_named(folder_with_good_file: Path) -> None:
    (folder_with_good_file / "image.yaml").write_bytes(bytes(range(256)) * 64)
    (folder_with_good_file / "latin.yaml").write_bytes(
        "plan:\n  title: Ni\u0161\n".encode("cp1250")
    )
    portfolio = load_portfolio(folder_with_good_file)
    messages = {Path(p.path).name: str(p) for p in portfolio.problems}
    assert "binary file" in messages["image.yaml"]
    assert "latin.yaml:2:12: the file is not UTF-8" in messages["latin.yaml"]
    assert len(portfolio.objectives) == 2


def test_python_object_tags_are_never_executed(tmp_path: Path, demo_text: str) -> None:
    marker = tmp_path / "pwned"
    payloads = [
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
        '!!python/name:os.system ""',
        "!!python/module:os ''",
        f'!!python/object/apply:builtins.exec ["open(\\"{marker}\\", \\"w\\")"]',
    ]
    for payload in payloads:
        text = demo_text.replace("owner: Ministry of Defence", f"owner: {payload}", 1)
        portfolio = assemble([load_text(text, "tag.yaml")], today=TODAY)
        assert any(
            "tag.yaml:18:12:" in str(p) and "refused" in p.message for p in portfolio.problems
        )
        assert not marker.exists()


def test_huge_strings_load_without_trouble(demo_text: str) -> None:
    title = "A" * 5_000_000
    text = demo_text.replace("title: Destroy surplus ammunition", f"title: {title}")
    load = load_text(text, "long.yaml")
    assert load.problems == [] and len(load.objectives[1].title) == 5_000_000


def test_thousands_of_problems_are_capped(tmp_path: Path) -> None:
    lines = ["plan: {id: p, title: P, start: 2019-01-01, end: 2020-01-01}", "objectives:"]
    lines += [f"  - {{id: o{i}, wrong{i}: 1}}" for i in range(5000)]
    path = tmp_path / "noisy.yaml"
    path.write_text("\n".join(lines) + "\n")
    problems = load_file(path).problems
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].message.startswith("... and ") and "more problems" in problems[-1].message


def test_control_characters_are_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    path.write_text("plan:\n  title: bell\x07here\n")
    (problem,) = load_file(path).problems
    assert problem.line == 2 and "cannot read this as YAML" in problem.message
