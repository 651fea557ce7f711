"""Tests for the synthetic portfolio generator in bench/generate.py."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import bench_script
from tracker.model import ID_PATTERN, OBJECTIVE_TYPES, RECOMMENDED_EVIDENCE_KINDS
from tracker.statuses import STATUS_ORDER, Status

N = 60
ID_RE = re.compile(ID_PATTERN)
# Every objective the generator makes has been assessed: no update says "not assessed".
STATUSES = set(STATUS_ORDER) - {Status.NOT_ASSESSED.value}
KINDS = set(RECOMMENDED_EVIDENCE_KINDS)
TYPES = set(OBJECTIVE_TYPES)
FIRST, LAST = date(2015, 1, 1), date(2026, 6, 30)


gen = bench_script("generate")


def _read(paths: list[Path]) -> list[bytes]:
    return [p.read_bytes() for p in paths]


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, dict[str, Any]]]:
    paths = gen.generate(N, tmp_path_factory.mktemp("portfolio"))
    return [(p, yaml.safe_load(p.read_text(encoding="utf-8"))) for p in paths]


def _objectives(portfolio: list[tuple[Path, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [o for _, doc in portfolio for o in doc["objectives"]]


def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    first = gen.generate(N, tmp_path / "a", seed=7)
    second = gen.generate(N, tmp_path / "b", seed=7)
    assert [p.name for p in first] == [p.name for p in second]
    assert _read(first) == _read(second)


def test_different_seed_differs(tmp_path: Path) -> None:
    assert _read(gen.generate(N, tmp_path / "a", seed=1)) != _read(
        gen.generate(N, tmp_path / "b", seed=2)
    )


def test_files_and_plan_count(tmp_path: Path) -> None:
    assert [p.name for p in gen.generate(N, tmp_path / "a")] == ["plan-01.yaml", "plan-02.yaml"]
    assert len(gen.generate(N, tmp_path / "b", plans=4)) == 4
    assert len(gen.generate(5000, tmp_path / "c")) == 13


def test_generated_files_stay_under_the_default_file_limit(tmp_path: Path) -> None:
    """The benchmarks load what the app would: no file the loader refuses by default."""
    from tracker.settings import DEFAULT_MAX_FILE_MB

    files = gen.generate(800, tmp_path, plans=None)
    assert all(path.stat().st_size < DEFAULT_MAX_FILE_MB * 1024 * 1024 for path in files)
    assert len(files) == 2


def test_every_file_parses_with_plan_and_objectives(
    portfolio: list[tuple[Path, dict[str, Any]]],
) -> None:
    assert len(portfolio) >= 2
    for path, doc in portfolio:
        assert set(doc) == {"plan", "objectives"}, path
        plan = doc["plan"]
        assert set(plan) == {"id", "title", "adopted", "start", "end", "areas", "sources"}
        assert 5 <= len(plan["areas"]) <= 8
        assert FIRST <= plan["adopted"] <= plan["start"] <= plan["end"] <= LAST
        for source in plan["sources"]:
            assert source["url"].startswith("https://example.org/")


def test_objective_count_and_unique_ids(portfolio: list[tuple[Path, dict[str, Any]]]) -> None:
    objectives = _objectives(portfolio)
    assert len(objectives) == N
    ids = [o["id"] for o in objectives] + [doc["plan"]["id"] for _, doc in portfolio]
    assert len(ids) == len(set(ids))
    assert all(ID_RE.match(i) for i in ids)
    assert {o["type"] for o in objectives} == TYPES


def test_updates(portfolio: list[tuple[Path, dict[str, Any]]]) -> None:
    for _, doc in portfolio:
        plan_start = doc["plan"]["start"]
        for o in doc["objectives"]:
            updates = o["updates"]
            assert len(updates) == 10, o["id"]
            dates = [u["date"] for u in updates]
            assert dates == sorted(dates)
            assert all(plan_start <= d <= LAST for d in dates), o["id"]
            assert all(u["status"] in STATUSES for u in updates)
            assert all(0 <= u["progress"] <= 100 for u in updates)
            assert o["status"] == updates[-1]["status"]
            assert o["progress"] == updates[-1]["progress"]
            assert plan_start <= o["start"] <= o["due"] <= LAST


def test_metrics(portfolio: list[tuple[Path, dict[str, Any]]]) -> None:
    with_metric = [o for o in _objectives(portfolio) if "metric" in o]
    assert abs(len(with_metric) - N / 10) <= 1
    for o in with_metric:
        metric = o["metric"]
        assert metric["baseline"] == 0 and metric["cumulative"] is True
        assert metric["unit"] and metric["target"] > 0
        measurements = metric["measurements"]
        assert len(measurements) == 12
        values = [m["value"] for m in measurements]
        assert all(a < b for a, b in itertools.pairwise(values))
        dates = [m["date"] for m in measurements]
        assert dates == sorted(dates)
        assert all(FIRST <= d <= LAST for d in dates)


def test_evidence(portfolio: list[tuple[Path, dict[str, Any]]]) -> None:
    for o in _objectives(portfolio):
        evidence = o.get("evidence", [])
        assert 0 <= len(evidence) <= 3
        for e in evidence:
            assert e["url"].startswith("https://example.org/")
            assert e["kind"] in KINDS
            assert e.get("access", "public") in {"public", "internal"}
            assert FIRST <= e["date"] <= LAST


def test_references_exist(portfolio: list[tuple[Path, dict[str, Any]]]) -> None:
    seen: set[str] = set()
    for _, doc in portfolio:
        areas = {a["id"] for a in doc["plan"]["areas"]}
        this_plan = {o["id"] for o in doc["objectives"]}
        for o in doc["objectives"]:
            assert o["area"] in areas, o["id"]
            if "continues" in o:
                assert o["continues"] in seen, o["id"]  # an objective of an earlier plan
            for dep in o.get("depends_on", []):
                assert dep in seen | this_plan and dep != o["id"]
            assert ("field" in o) == (o["type"] == "partnership-goal")
        seen |= this_plan


def test_continues_and_depends_on_occur(tmp_path: Path) -> None:
    docs = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in gen.generate(400, tmp_path)]
    objectives = [o for doc in docs for o in doc["objectives"]]
    assert any("continues" in o for o in objectives)
    assert any("depends_on" in o for o in objectives)
    assert any(e.get("access") == "internal" for o in objectives for e in o.get("evidence", []))


def test_the_tracker_loads_a_generated_portfolio_without_a_problem(tmp_path: Path) -> None:
    from tracker.load.loader import load_portfolio

    gen.generate(400, tmp_path)
    loaded = load_portfolio(tmp_path)
    assert loaded.errors() == []
    assert len(loaded.objectives) == 400
