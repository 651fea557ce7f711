"""A plan of 1,000 objectives loads on default settings, and its mistakes are still placed.

The fast path reads files up to IPAP_MAX_FILE_MB (10); the located parser, event by event,
only up to IPAP_MAX_LOCATED_MB (2), so a larger file it alone could check is refused with a
sentence saying why, never walked for seconds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.equivalence import file_summary, generate_portfolio
from tracker import settings
from tracker.load.loader import _load_located, load_file, load_text


@pytest.fixture(scope="module")
def decade_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One plan file of 1,000 objectives with their updates: over 2 MB, as the issue's."""
    folder = tmp_path_factory.mktemp("decade")
    (path,) = generate_portfolio(1000, folder, seed=3, plans=1)
    assert path.stat().st_size > settings.DEFAULT_MAX_LOCATED_MB * 1024 * 1024
    return path


def test_a_decade_plan_loads_on_default_settings(decade_plan: Path) -> None:
    load = load_file(decade_plan)
    assert [str(problem) for problem in load.problems] == []
    assert len(load.objectives) == 1000


def test_a_schema_mistake_in_it_is_placed_as_the_located_parser_places_it(
    decade_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = decade_plan.read_text(encoding="utf-8")
    at = text.index("status: on-track", len(text) // 2)
    broken = text[:at] + "status: on-trak" + text[at + len("status: on-track") :]
    load = load_text(broken, "plan.yaml")
    assert load.parsed is None  # placed lazily: no located parse of the whole file
    line = broken.count("\n", 0, at) + 1
    column = at - broken.rfind("\n", 0, at) + len("status: ")
    assert [(p.line, p.column) for p in load.problems if "on-trak" in p.message] == [(line, column)]
    monkeypatch.setenv(settings.MAX_LOCATED_MB_ENV, "10")
    assert file_summary(load) == file_summary(_load_located(broken, "plan.yaml", "plan"))


def test_a_syntax_error_in_a_file_over_the_located_limit_is_refused_by_name(
    decade_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = decade_plan.read_text(encoding="utf-8")
    at = text.index("    title: ", len(text) // 2)
    broken = text[:at] + '    title: "never closed\n' + text[at:]
    (problem,) = load_text(broken, "plan.yaml").problems
    assert (problem.line, problem.column) == (1, 1)
    assert "MB" in problem.message and settings.MAX_LOCATED_MB_ENV in problem.message
    monkeypatch.setenv(settings.MAX_LOCATED_MB_ENV, "10")
    raised = load_text(broken, "plan.yaml").problems
    assert raised and raised[0].line == broken.count("\n", 0, at) + 1
