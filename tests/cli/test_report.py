"""`python -m tracker report`: formats, options, exit codes, and never a half-written file."""

from __future__ import annotations

import shutil
import threading
import time
import zipfile
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation

from tests.support import MEETING, CliResult
from tracker.edit import atomic
from tracker.edit.locking import hard_lock
from tracker.export import files
from tracker.export.pack import ReportError


@pytest.fixture
def meeting_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MEETING, target)
    return target


def test_writes_a_deck_from_the_shipped_data(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    target = tmp_path / "pack.pptx"
    result = run_cli("report", "-o", str(target))
    assert result.code == 0, result.err
    assert f"wrote {target} (pptx, public edition" in result.out
    deck = Presentation(str(target))
    assert deck.slides[0].shapes.title.text == "IPAP meeting pack"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.pptx"]


@pytest.mark.parametrize(
    ("fmt", "as_of", "check"),
    [
        # The workbook is internal, and the newest fact of plan alpha is internal evidence.
        ("xlsx", "2026-07-02", lambda content: zipfile.is_zipfile(BytesIO(content))),
        ("md", "2026-07-01", lambda content: content.startswith(b"# Alpha plan: meeting pack")),
    ],
)
def test_format_option_and_default_file_name(
    run_cli: Callable[..., CliResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    as_of: str,
    check: Callable[[bytes], bool],
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("report", "--format", fmt, "--data", str(MEETING), "--plan", "alpha")
    assert result.code == 0, result.err
    edition = "internal" if fmt == "xlsx" else "public"  # the file name says which
    written = tmp_path / f"ipap-meeting-pack-alpha-{as_of}-{edition}.{fmt}"
    assert written.exists(), result.out
    assert check(written.read_bytes())


def test_audience_defaults_to_internal_for_the_workbook_only(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    book = tmp_path / "work.xlsx"
    assert run_cli("report", "--data", str(MEETING), "-o", str(book)).code == 0
    assert "internal" in set(pd.read_excel(book, sheet_name="Evidence")["Access"])
    public = tmp_path / "public.xlsx"
    result = run_cli("report", "--data", str(MEETING), "--audience", "public", "-o", str(public))
    assert result.code == 0
    assert set(pd.read_excel(public, sheet_name="Evidence")["Access"]) == {"public"}
    text = tmp_path / "summary.md"
    assert run_cli("report", "--data", str(MEETING), "-o", str(text)).code == 0
    assert "Public edition" in text.read_text(encoding="utf-8")


def test_since_changes_the_changes_listed(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    early, late = tmp_path / "early.md", tmp_path / "late.md"
    common = ("report", "--data", str(MEETING), "--audience", "internal")
    assert run_cli(*common, "--since", "2024-01-01", "-o", str(early)).code == 0
    assert run_cli(*common, "--since", "2026-07-01", "-o", str(late)).code == 0
    early_text, late_text = early.read_text("utf-8"), late.read_text("utf-8")
    assert "## Changes since 2024-01-01" in early_text
    assert "## Changes since 2026-07-01" in late_text
    assert "Round table in Novi Sad" not in late_text  # 2024, before the later date
    assert late_text.count("\n- 2026-07-0") == 2  # the update of 1 July, evidence of 2 July


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--format", "pptx", "-o", "x.html"), "does not match the file name"),
        (("-o", "report.txt"), "choose a format"),
        (("--since", "2025-02-30", "-o", "x.md"), "is not a date"),
        (("--plan", "ipap9", "-o", "x.md"), "no plan has the id 'ipap9'"),
        (("--data", "no/such/folder", "-o", "x.md"), "no such file or folder"),
    ],
)
def test_usage_errors_exit_2_with_a_message_and_write_nothing(
    run_cli: Callable[..., CliResult],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("report", *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err
    assert list(tmp_path.iterdir()) == []


def test_no_valid_objectives_exits_1_and_writes_nothing(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "broken.yaml").write_text("plan:\n  id: x\nobjectives: [\n", encoding="utf-8")
    target = tmp_path / "out" / "pack.pptx"
    target.parent.mkdir()
    result = run_cli("report", "--data", str(data), "-o", str(target))
    assert result.code == 1
    assert "has no valid objectives, so there is nothing to report" in result.err
    assert "python -m tracker validate" in result.err
    assert list(target.parent.iterdir()) == []


def test_data_problems_give_a_warning_and_a_report_of_the_valid_objectives(
    run_cli: Callable[..., CliResult], tmp_path: Path, meeting_copy: Path
) -> None:
    beta = meeting_copy / "beta.yaml"
    beta.write_text(
        beta.read_text("utf-8").replace("status: not-assessed", "status: unknown"), "utf-8"
    )
    target = tmp_path / "pack.md"
    result = run_cli("report", "--data", str(meeting_copy), "-o", str(target))
    assert result.code == 0
    assert "warning: 1 problem in the data; the report shows the 5 valid objectives" in result.err
    text = target.read_text("utf-8")
    assert "1 data error and 1 warning found" in text
    assert "**5** objectives" in text


def test_an_error_while_writing_keeps_the_old_file_whole(
    run_cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack.md"
    target.write_text("the previous report\n", encoding="utf-8")

    def broken_replace(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    result = run_cli("report", "--data", str(MEETING), "-o", str(target))
    assert result.code == 2
    assert "No space left on device" in result.err
    assert target.read_text("utf-8") == "the previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.md"]


def test_a_missing_output_folder_is_a_usage_error(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    result = run_cli("report", "--data", str(MEETING), "-o", str(tmp_path / "nope" / "x.md"))
    assert result.code == 2
    assert "no such folder" in result.err


def test_the_output_folder_holds_the_reports_and_nothing_hidden(
    run_cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    """No lock file beside a report: a reader opening the folder sees only the pack."""
    names = ["pack.md", "pack.html", "pack.xlsx", "pack.pptx"]
    for name in names:
        result = run_cli("report", "--data", str(MEETING), "-o", str(tmp_path / name))
        assert result.code == 0, result.err
    result = run_cli("report", "--data", str(MEETING), "-o", str(tmp_path / "pack.md"))
    assert result.code == 0, result.err  # and again over an existing file
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)


def test_a_reports_lock_is_one_per_file_and_outside_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    lock = files.output_lock_path(Path("pack.md"))
    assert lock == files.output_lock_path(tmp_path / "sub" / ".." / "pack.md")
    assert lock != files.output_lock_path(tmp_path / "sub" / "pack.md")
    assert tmp_path not in lock.parents


def test_two_writers_of_one_report_take_turns(tmp_path: Path) -> None:
    """A writer waits while another holds the report's lock, then writes whole."""
    target = tmp_path / "pack.md"
    files.output_lock_path(target).parent.mkdir(parents=True, exist_ok=True)
    other = hard_lock(files.output_lock_path(target))
    other.acquire()
    writer = threading.Thread(target=files.write_atomically, args=(target, b"second\n"))
    try:
        writer.start()
        time.sleep(0.5)
        assert writer.is_alive()
        assert not target.exists()
    finally:
        other.release()
    writer.join(timeout=10)
    assert target.read_bytes() == b"second\n"
    assert [p.name for p in tmp_path.iterdir()] == ["pack.md"]


def test_a_writer_that_waits_too_long_gives_up_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack.md"
    target.write_bytes(b"first\n")
    monkeypatch.setattr(files, "LOCK_TIMEOUT_SECONDS", 0.2)
    files.output_lock_path(target).parent.mkdir(parents=True, exist_ok=True)
    held = hard_lock(files.output_lock_path(target))  # another lock on it, as another process's
    with held, pytest.raises(ReportError, match="another program is writing this file"):
        files.write_atomically(target, b"second\n")
    assert target.read_bytes() == b"first\n"


def test_a_report_that_cannot_be_written_says_why_in_the_readers_language(
    tmp_path: Path, run_cli: Callable[..., CliResult]
) -> None:
    missing = tmp_path / "no-such-folder" / "pack.md"
    english = run_cli("report", "--format", "md", "-o", str(missing))
    assert english.code == 2
    assert "no such folder; create it or choose another -o path" in english.err
    serbian = run_cli("report", "--format", "md", "-o", str(missing), "--lang", "sr-Cyrl")
    assert serbian.code == 2
    assert "нема такве фасцикле; направите је или изаберите другу путању за -o" in serbian.err
    assert not missing.parent.exists()
