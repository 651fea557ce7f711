"""SECURITY.md keeps its word: every promise names tests that exist, and the bench figures are
there. A renamed or deleted test fails here instead of leaving a promise unguarded."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SECURITY = (PROJECT / "SECURITY.md").read_text(encoding="utf-8")
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`")


def declared_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def promises() -> dict[str, str]:
    """Each '### N. ...' section of 'The promises', by its heading."""
    part = SECURITY.split("## The promises", 1)[1].split("\n## ", 1)[0]
    sections = re.split(r"^### ", part, flags=re.MULTILINE)[1:]
    return {section.splitlines()[0]: section for section in sections}


def test_every_named_test_exists() -> None:
    references = REFERENCE.findall(SECURITY)
    assert len(references) > 20
    for file, name in references:
        path = PROJECT / file
        assert path.is_file(), f"SECURITY.md names {file}, which does not exist"
        if name:
            assert name in declared_tests(path), f"SECURITY.md names {file}::{name}: not found"


def test_every_promise_names_the_tests_that_keep_it() -> None:
    found = promises()
    assert len(found) >= 8
    for heading, text in found.items():
        assert "Kept by:" in text, heading
        assert REFERENCE.search(text), f"the promise '{heading}' names no test"


def test_the_latest_bench_figures_are_written_in() -> None:
    for bench in ("hostile", "load", "faults", "sync"):
        start, end = f"<!-- bench:{bench}:start -->", f"<!-- bench:{bench}:end -->"
        assert start in SECURITY and end in SECURITY, bench
        figures = SECURITY.split(start, 1)[1].split(end, 1)[0]
        assert "Measured " in figures and "| --- |" in figures, f"no figures from {bench}"
