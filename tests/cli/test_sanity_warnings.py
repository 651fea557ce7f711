"""Sanity warnings through the command line: `validate` prints them and passes, `--strict`
fails on them, `update` shows them and still saves, and an update that records nothing new
is refused (exit 1, nothing written)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import RULES_PLAN, CliResult, objective

AMMUNITION = ("metric:", "  unit: tonnes", "  target: 2000", "  measurements:")
# Each warning the rules give, with the objective that earns it and the line it is on.
WARNED = {
    "negative": (
        objective("o-neg", *AMMUNITION, "    - {date: 2020-01-01, value: -50}"),
        21,
        "is negative (-50 tonnes)",
    ),
    "total-down": (
        objective(
            "o-down",
            *AMMUNITION,
            "    - {date: 2020-01-01, value: 400}",
            "    - {date: 2020-06-01, value: 100}",
        ),
        22,
        "the running total goes down",
    ),
    "completed-progress": (
        objective("o-done", "progress: 20", status="completed"),
        17,
        "status is 'Completed' (completed) but progress is 20%",
    ),
    "completed-metric": (
        objective(
            "o-short", *AMMUNITION, "    - {date: 2020-01-01, value: 400}", status="completed"
        ),
        16,
        "the metric stands at 400 tonnes of the 2,000 tonnes target",
    ),
    "on-track-late": (
        objective("o-late", status="on-track", due="2020-12-31"),
        16,
        "status is 'On track' (on-track) but the due date (2020-12-31) has passed",
    ),
    "not-started-late": (
        objective("o-idle", status="not-started", due="2020-12-31"),
        16,
        "status is 'Not started' (not-started) but the due date (2020-12-31) has passed",
    ),
}


def _plan_file(folder: Path, *objectives: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rules.yaml"
    path.write_text(RULES_PLAN + "".join(objectives), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(WARNED))
def test_validate_prints_the_warning_and_passes_strict_fails(
    name: str, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    text, line, words = WARNED[name]
    path = _plan_file(tmp_path, text)

    result = run_cli("validate", str(path))
    assert result.code == 0, result.out + result.err
    assert any(
        out.startswith(f"{path}:{line}:") and ": warning: " in out and words in out
        for out in result.out.splitlines()
    ), result.out
    assert "ok: 0 problems and 1 warning in 1 file; 1 valid objective" in result.out

    strict = run_cli("validate", "--strict", str(path))
    assert strict.code == 1
    assert words in strict.out and "0 problems and 1 warning" in strict.err

    github = run_cli("validate", "--format", "github", str(path))
    assert github.code == 0 and github.out.startswith(f"::warning file={path},line={line},")

    report = json.loads(run_cli("validate", "--format", "json", str(path)).out)
    assert report["valid"] is True
    assert [p["severity"] for p in report["problems"]] == ["warning"]


def test_a_warning_beside_an_error_fails_without_strict(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = _plan_file(tmp_path, WARNED["negative"][0], objective("o-bad", owner=None))
    result = run_cli("validate", str(path))
    assert result.code == 1
    assert (
        "1 problem and 1 warning in 1 file; 1 valid objective; "
        "1 objective could not be read (o-bad)" in result.err
    )


def _update(run_cli: Callable[..., CliResult], path: Path, *args: str) -> CliResult:
    return run_cli("update", *args, "--data", str(path.parent), "--by", "Desk officer")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (
            ("o-1", "--status", "on-track", "--measurement", "-50", "--date", "2021-03-01"),
            "is negative (-50 tonnes)",
        ),
        (
            ("o-1", "--status", "on-track", "--measurement", "100", "--date", "2021-03-01"),
            "the running total goes down, from 400 tonnes",
        ),
        (
            ("o-1", "--status", "completed", "--progress", "20", "--date", "2021-03-01"),
            "status is 'Completed' (completed) but progress is 20%",
        ),
        (
            ("o-1", "--status", "completed", "--date", "2021-03-01"),
            "the metric stands at 400 tonnes of the 2,000 tonnes target",
        ),
        (
            ("o-2", "--status", "on-track", "--date", "2021-03-01"),
            "status is 'On track' (on-track) but the due date (2020-12-31) has passed",
        ),
        (
            ("o-2", "--status", "not-started", "--date", "2021-03-01"),
            "status is 'Not started' (not-started) but the due date (2020-12-31) has passed",
        ),
    ],
    ids=[
        "negative",
        "total-down",
        "completed-progress",
        "completed-metric",
        "on-track-late",
        "not-started-late",
    ],
)
def test_update_shows_the_warning_in_the_preview_and_still_saves(
    args: tuple[str, ...], words: str, tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = _plan_file(
        tmp_path,
        objective(
            "o-1",
            *AMMUNITION,
            "    - {date: 2020-01-01, value: 400}",
            status="on-track",
            due="2030-12-31",
        ),
        objective("o-2", due="2020-12-31"),
    )
    dry = _update(run_cli, path, *args, "--dry-run")
    assert dry.code == 0, dry.err
    assert any(": warning: " in line and words in line for line in dry.err.splitlines()), dry.err
    before = path.read_bytes()
    assert "dry run: nothing written" in dry.err

    saved = _update(run_cli, path, *args)
    assert saved.code == 0, saved.err
    assert words in saved.err and "saved " in saved.out
    assert path.read_bytes() != before


def test_an_update_that_records_nothing_is_refused(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = _plan_file(
        tmp_path, objective("o-1", "progress: 40", status="on-track", due="2030-12-31")
    )
    before = path.read_bytes()
    for extra in ((), ("--progress", "40")):
        result = _update(run_cli, path, "o-1", "--status", "on-track", *extra)
        assert result.code == 1, result.err
        assert "this update records nothing new: 'o-1' is already 'On track'" in result.err
        assert "nothing was written" in result.err
        assert path.read_bytes() == before
    # The same status with a note says something (what was checked): it is saved.
    noted = _update(
        run_cli, path, "o-1", "--status", "on-track", "--note", "Checked with the ministry"
    )
    assert noted.code == 0, noted.err
    assert path.read_bytes() != before
