"""bench/processes.py measures what it says: the same data, whole processes, the real command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.support import SHIPPED, bench_script

processes = bench_script("processes")


def test_the_json_floor_holds_the_same_data(tmp_path: Path) -> None:
    files = sorted(SHIPPED.glob("*.yaml"))
    written = processes.as_json(files, tmp_path)
    for source, target in zip(files, written, strict=True):
        expected = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        found = json.loads(target.read_text(encoding="utf-8"))
        assert len(found["objectives"]) == len(expected["objectives"])
        assert [o["id"] for o in found["objectives"]] == [o["id"] for o in expected["objectives"]]


def test_validate_is_run_as_a_whole_process_on_default_settings() -> None:
    found = processes.measure(SHIPPED, repeats=1)
    assert found["files"] == 2
    assert found["cold_exit"] == 0 and found["warm_exit"] == 0
    assert found["cold_first_line"].startswith("ok: 0 problems in 2 files")
    for key in ("c_loader_s", "json_load_s", "cold_s", "warm_s", "cold_rss_mb"):
        assert found[key] > 0
    # summary and a dry-run update of the first file's last objective ran, from the warm cache
    assert found["summary_exit"] == 0 and found["summary_s"] > 0
    assert found["update_dry_run_exit"] == 0 and found["update_dry_run_s"] > 0
    first = sorted(SHIPPED.glob("*.yaml"))[0].read_text(encoding="utf-8")
    assert found["update_objective"] == yaml.safe_load(first)["objectives"][-1]["id"]


def test_the_profile_names_every_stage_and_the_whole() -> None:
    rows = processes.profile(SHIPPED, warm=False)
    names = [name for name, _seconds, _share in rows]
    assert names[0].startswith("interpreter start")
    assert names[-1] == "the whole process, profiled"
    assert len(names) == len(processes.STAGES) + 3
    assert all(seconds >= 0 for _name, seconds, _share in rows[1:])


def test_processes_run_on_default_settings_and_write_bytecode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As an installed tracker runs: no IPAP_ setting but the language, and bytecode written
    (a sandbox's PYTHONDONTWRITEBYTECODE would make every run compile the tracker again)."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.setenv("IPAP_MAX_FILE_MB", "1")
    monkeypatch.setenv("IPAP_LANG", "sr-Cyrl")
    found = processes._environment()
    assert "PYTHONDONTWRITEBYTECODE" not in found and "IPAP_MAX_FILE_MB" not in found
    assert found["IPAP_LANG"] == "sr-Cyrl"


def test_what_stands_in_the_way_is_told_from_the_run_s_own_figures() -> None:
    from bench import obstacles

    rows = [
        ("interpreter start and imports (the rest of the process)", 0.22, 0.05),
        ("the portfolio's verdict: read back, or made by the steps below", 3.1, 0.9),
        ("fast parse: rapidyaml, its JSON, the checks that vouch for it", 1.2, 0.3),
        ("the rules (judge)", 0.7, 0.18),
        ("… of which placing their warnings", 0.28, 0.07),
        ("the whole process, profiled", 3.9, 1.0),
    ]
    decade = {"cold_s": 2.5, "c_loader_s": 14.0, "warm_s": 0.4, "json_load_s": 0.4}
    said = obstacles.whole_process(decade, rows)
    assert "Cold: 2.500 s against 0.15× the C loader's 14.0 s (0.18× of it" in said
    assert "the target is 2.100 s" in said and "3.90 s profiled" in said
    # Largest first; the totals and the "of which" rows are not listed as stages.
    assert said.index("fast parse: rapidyaml") < said.index("the rules (judge) 0.70 s")
    assert "verdict: read back" not in said and "of which placing" not in said
    assert obstacles.whole_process(decade, None).startswith("**Cold: 2.500 s")
