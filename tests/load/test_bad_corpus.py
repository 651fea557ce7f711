"""Every broken file under tests/data/bad/, through the CLI, points at the right line."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from tests.support import BAD, PROJECT

with (BAD / "expected.csv").open(encoding="utf-8") as table:
    CASES = list(csv.DictReader(table))


def test_every_bad_file_has_a_row_and_every_row_a_file() -> None:
    assert sorted(case["file"] for case in CASES) == sorted(p.name for p in BAD.glob("*.yaml"))


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_validate_names_file_line_and_mistake(case: dict[str, str], run_cli) -> None:
    path = BAD / case["file"]
    result = run_cli("validate", str(path))
    assert result.code == 1, result.out + result.err
    lines = [line for line in result.out.splitlines() if line.strip()]
    located = [line for line in lines if f"{case['file']}:{case['line']}:" in line]
    assert located, f"no problem reported at line {case['line']}:\n{result.out}"
    assert any(case["words"] in line for line in located), result.out
    assert "1 problem" in result.err or "problems" in result.err


def test_cli_as_a_subprocess_prints_no_traceback_and_exits_1() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "tracker", "validate", str(BAD / "python-tag.yaml")],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,
    )
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    assert "python-tag.yaml:33:12:" in completed.stdout
