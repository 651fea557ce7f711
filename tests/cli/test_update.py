"""`python -m tracker update`: exit codes 0/1/2, what it prints, `--by`, dry runs and commits."""

from __future__ import annotations

import datetime
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import STORE, writable_store
from tracker.load.loader import load_portfolio

TODAY = datetime.date.today().isoformat()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return writable_store(tmp_path)


def test_an_update_is_saved_and_exits_0(data: Path, run_cli: Callable[..., object]) -> None:
    result = run_cli(
        "update",
        "alpha-ammo",
        "--status",
        "on-track",
        "--progress",
        "15",
        "--note",
        "First 300 tonnes destroyed",
        "--by",
        "Ana Petrovic",
        "--date",
        "2026-11-02",
        "--evidence-url",
        "https://example.org/fund-report",
        "--evidence-title",
        "Trust fund progress report",
        "--evidence-kind",
        "report",
        "--measurement",
        "300",
        "--data",
        str(data),
    )
    assert result.code == 0, result.err
    assert "alpha-ammo: status 'Not assessed' -> 'On track', progress 15%" in result.out
    assert "(by Ana Petrovic)" in result.out
    assert "+      - {date: 2026-11-02, status: on-track, progress: 15" in result.out
    objective = load_portfolio(data).objective("alpha-ammo")
    assert objective is not None
    assert objective.status == "on-track" and objective.progress == 15
    assert objective.updates[-1].by == "Ana Petrovic"
    assert objective.evidence[-1].url == "https://example.org/fund-report"
    assert objective.metric is not None and objective.metric.latest_total() == 300


def test_an_update_records_its_source_evidence_access_and_the_dates_of_each_item(
    data: Path, run_cli: Callable[..., object]
) -> None:
    """What the format holds, the command records (issue 13, item 6)."""
    result = run_cli(
        "update", "alpha-ammo", "--status", "on-track", "--by", "Ana", "--date", "2026-11-02",
        "--source", "Ministry of Defence quarterly report, 2026-10-30",
        "--evidence-title", "Depot inspection notes", "--evidence-access", "internal",
        "--evidence-date", "2026-10-15", "--evidence-kind", "report",
        "--measurement", "250", "--measurement-date", "2026-09-30",
        "--data", str(data),
    )  # fmt: skip
    assert result.code == 0, result.err
    objective = load_portfolio(data).objective("alpha-ammo")
    assert objective is not None
    update = objective.updates[-1]
    assert update.source == "Ministry of Defence quarterly report, 2026-10-30"
    evidence = objective.evidence[-1]
    assert (evidence.title, evidence.access, evidence.url) == (
        "Depot inspection notes",
        "internal",
        None,
    )
    assert evidence.date == datetime.date(2026, 10, 15)
    measurement = objective.metric.measurements[-1]  # type: ignore[union-attr]
    assert (measurement.date, measurement.value) == (datetime.date(2026, 9, 30), 250)
    text = (data / "alpha.yaml").read_text(encoding="utf-8")
    assert "access: internal" in text


def test_public_evidence_still_needs_a_link(data: Path, run_cli: Callable[..., object]) -> None:
    result = run_cli(
        "update", "alpha-ammo", "--status", "on-track", "--by", "Ana",
        "--evidence-title", "A public report", "--data", str(data),
    )  # fmt: skip
    assert result.code == 2 and "public evidence needs --evidence-url" in result.err


def test_the_date_defaults_to_today_and_by_to_the_configured_user(
    data: Path, run_cli: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPAP_USER", "Jelena Jovanovic")
    result = run_cli("update", "alpha-ex", "--status", "at-risk", "--data", str(data))
    assert result.code == 0, result.err
    last = load_portfolio(data).objective("alpha-ex").updates[-1]  # type: ignore[union-attr]
    assert (last.date.isoformat(), last.by, last.status) == (TODAY, "Jelena Jovanovic", "at-risk")


def test_a_change_that_would_make_the_file_invalid_exits_1_and_writes_nothing(
    data: Path, run_cli: Callable[..., object]
) -> None:
    before = (data / "alpha.yaml").read_bytes()
    result = run_cli(
        "update", "alpha-ex", "--status", "on-track", "--progress", "140", "--data", str(data)
    )
    assert result.code == 1
    assert "nothing was written" in result.err
    assert "alpha.yaml:31:15: objective 'alpha-ex' progress: must be a percentage" in result.err
    future = run_cli(
        "update", "alpha-ex", "--status", "on-track", "--date", "2999-01-01", "--data", str(data)
    )
    assert future.code == 1 and "in the future" in future.err
    assert (data / "alpha.yaml").read_bytes() == before


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["alpha-exx", "--status", "on-track"], "Did you mean 'alpha-ex'?"),
        (["alpha-ex", "--status", "finished"], "invalid choice: 'finished'"),
        (["alpha-ex"], "--status"),
        (["alpha-ex", "--status", "on-track", "--date", "23.11.2026"], "YYYY-MM-DD"),
        (["alpha-ex", "--status", "on-track", "--progress", "half"], "'half' is not a number"),
        # 2 in English, 2000 in Serbian: refused, never guessed.
        (["alpha-ex", "--status", "on-track", "--progress", "2.000"], "'2.000' is not a number"),
        (["alpha-ex", "--status", "on-track", "--progress", "2,000"], "'2,000' is not a number"),
        (
            ["alpha-ex", "--status", "on-track", "--evidence-url", "https://example.org/x"],
            "evidence needs --evidence-title TITLE",
        ),
        (["alpha-ex", "--status", "on-track", "--measurement", "5"], "has no metric"),
    ],
)
def test_usage_errors_and_unknown_ids_exit_2(
    data: Path, run_cli: Callable[..., object], arguments: list[str], said: str
) -> None:
    before = (data / "alpha.yaml").read_bytes()
    result = run_cli("update", *arguments, "--by", "Ana", "--data", str(data))
    assert result.code == 2
    assert said in result.err
    assert "Traceback" not in result.err
    assert (data / "alpha.yaml").read_bytes() == before


def test_a_dry_run_prints_the_diff_and_writes_nothing(
    data: Path, run_cli: Callable[..., object]
) -> None:
    before = (data / "alpha.yaml").read_bytes()
    result = run_cli(
        "update", "alpha-quiet", "--status", "on-track", "--by", "Ana", "--dry-run",
        "--data", str(data),
    )  # fmt: skip
    assert result.code == 0
    assert "-    status: not-started\n+    status: on-track\n" in result.out
    assert "nothing written" in result.err
    assert (data / "alpha.yaml").read_bytes() == before


def test_with_git_commit_the_save_is_committed_with_by_as_author(
    data: Path, run_cli: Callable[..., object]
) -> None:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=data, check=True, capture_output=True, text=True)
        return done.stdout

    git("init", "-q")
    git("config", "user.name", "Desk PC")
    git("config", "user.email", "desk@mod.gov.rs")
    git("add", "alpha.yaml", "beta.yaml")
    git("commit", "-q", "-m", "start")
    result = run_cli(
        "update", "beta-outreach", "--status", "completed", "--progress", "100",
        "--by", "Marko Markovic", "--git-commit", "--data", str(data),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "git commit" in result.out
    log = git("log", "-1", "--format=%an|%s")
    assert log.strip() == (
        "Marko Markovic|beta-outreach: status on-track -> completed, progress 100%"
    )


def test_the_app_and_the_command_line_at_the_same_moment_both_land(data: Path) -> None:
    """Two people, one file: a command-line save while an app session holds a preview."""
    from tracker.edit import auth, store

    app_editor = auth.command_line_editor("Ana Petrovic")  # stands in for a signed-in editor
    app_change = store.StatusChange("alpha-ex", "at-risk", datetime.date.today(), note="app")
    proposal = store.preview(data, app_change, app_editor)
    cli = subprocess.run(
        [
            sys.executable, "-m", "tracker", "update", "alpha-ammo", "--status", "on-track",
            "--note", "command line", "--by", "Marko Markovic", "--data", str(data),
        ],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    with pytest.raises(store.Conflict):
        store.save(data, app_change, app_editor, expected_hash=proposal.base_hash)
    again = store.preview(data, app_change, app_editor)
    store.save(data, app_change, app_editor, expected_hash=again.base_hash)
    portfolio = load_portfolio(data)
    assert portfolio.problems == []
    assert portfolio.objective("alpha-ex").updates[-1].by == "Ana Petrovic"  # type: ignore[union-attr]
    assert portfolio.objective("alpha-ammo").updates[-1].by == "Marko Markovic"  # type: ignore[union-attr]
    text = (data / "alpha.yaml").read_text(encoding="utf-8")
    original = (STORE / "alpha.yaml").read_text(encoding="utf-8")
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in text.splitlines() if line.lstrip().startswith("#")] == comments


def test_progress_takes_a_decimal_comma_as_a_serbian_reader_writes_it(
    data: Path, run_cli: Callable[..., object]
) -> None:
    result = run_cli(
        "update", "alpha-ex", "--status", "on-track", "--progress", "37,5", "--by", "Ana",
        "--data", str(data),
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "progress: 37.5" in (data / "alpha.yaml").read_text(encoding="utf-8")
