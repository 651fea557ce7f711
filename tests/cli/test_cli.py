"""`python -m tracker validate | summary | schema`: output formats and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support import BAD, DEMO_FILE, PROJECT, SHIPPED
from tracker.schema import SCHEMA_PATH, schema_text


def test_validate_shipped_data_exits_0(run_cli) -> None:
    result = run_cli("validate", str(SHIPPED))
    assert result.code == 0
    assert result.out.startswith("ok: 0 problems in 2 files")


def test_validate_uses_data_option(run_cli) -> None:
    result = run_cli("validate", "--data", str(DEMO_FILE))
    assert result.code == 0 and "2 valid objectives" in result.out


def test_usage_errors_exit_2(run_cli) -> None:
    assert run_cli("validate", "--format", "xml").code == 2
    assert run_cli("validate", str(BAD / "no-such-file.yaml")).code == 2
    assert run_cli().code == 2


def test_github_annotations(run_cli) -> None:
    result = run_cli("validate", "--format", "github", str(BAD / "unknown-key.yaml"))
    assert result.code == 1
    # The demo's on-track objective is past its due date: a warning beside the one error.
    (line,) = [out for out in result.out.splitlines() if not out.startswith("::warning")]
    assert line.startswith("::error file=")
    assert "unknown-key.yaml,line=21,col=5::" in line
    assert "did you mean 'status'?" in line


def test_json_output_for_other_tools(run_cli) -> None:
    result = run_cli("validate", "--format", "json", str(BAD / "future-update.yaml"))
    payload = json.loads(result.out)
    assert payload["valid"] is False and payload["objectives"] == 2
    (problem,) = [p for p in payload["problems"] if p["severity"] == "error"]
    assert problem["line"] == 27 and problem["column"] == 16
    assert "in the future" in problem["message"]


def test_summary_table(run_cli) -> None:
    result = run_cli("summary", str(SHIPPED))
    assert result.code == 0
    header, *rows = result.out.splitlines()
    assert "Not assessed" in header and "Completed" in header and "Total" in header
    # Plans by name, as the app names them, in the order of their ids; ids are for machines.
    assert [row.split("  ")[0] for row in rows[1:]] == ["IPAP 1", "IPAP 2", "Total"]
    assert "ipap" not in result.out


def test_summary_of_broken_data_points_to_validate(run_cli) -> None:
    result = run_cli("summary", str(BAD / "unknown-area.yaml"))
    assert result.code == 1 and "python -m tracker validate" in result.out
    assert "\n1 problem in the data:" in result.out  # one problem, said in the singular


def test_schema_file_is_current() -> None:
    """Fails when the models changed without `python -m tracker schema`."""
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_schema_is_draft_07_and_knows_the_statuses() -> None:
    schema = json.loads(schema_text())
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(schema)
    objective = schema["definitions"]["Objective"]
    assert objective["additionalProperties"] is False
    assert "on-track" in json.dumps(objective["properties"]["status"])


def test_schema_check_command(run_cli, tmp_path) -> None:
    stale = tmp_path / "schema.json"
    stale.write_text("{}")
    assert run_cli("schema", "--check", "-o", str(stale)).code == 1
    assert run_cli("schema", "-o", str(stale)).code == 0
    assert run_cli("schema", "--check", "-o", str(stale)).code == 0


def test_a_deep_nest_prints_the_located_sentence_and_nothing_else(tmp_path: Path) -> None:
    """rapidyaml (the fast path) prints C++ errors such as 'emit.def.hpp:1325: ERROR: [visit]
    max depth exceeded' and libyaml has its own words for depth: a desk officer sees neither."""
    deep = tmp_path / "deep.yaml"
    deep.write_text("plan: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "validate", str(deep)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert (
        f"{deep}:1:70: the data is nested more than 64 levels deep; "
        "this format needs only a few levels"
    ) in output
    assert ".hpp" not in output and "ERROR: [" not in output
    assert "maximum nesting depth" not in output
