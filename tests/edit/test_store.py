"""The safe-update path: round trips, kept comments, validation, locks, conflicts, atomic writes."""

from __future__ import annotations

import datetime
import difflib
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import writable_store
from tracker.edit import atomic, auth, store
from tracker.edit.rewrites import CannotEdit
from tracker.edit.store import EvidenceLink, StatusChange
from tracker.edit.yamledit import Indentation, RoundTripDocument, detect_indentation
from tracker.load.loader import load_portfolio
from tracker.model import Objective

TESTS = Path(__file__).resolve().parents[1]
PROJECT = TESTS.parent
SHIPPED = PROJECT / "commitments"
TODAY = datetime.date(2026, 11, 23)
DAY = datetime.date(2026, 11, 20)
EDITOR = auth.command_line_editor("Ana Petrovic")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the layout fixture (two files, comments everywhere)."""
    return writable_store(tmp_path)


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    target = tmp_path / "commitments"
    shutil.copytree(SHIPPED, target, ignore=shutil.ignore_patterns("*.lock", ".*"))
    return target


def change(objective_id: str = "alpha-ex", **fields: object) -> StatusChange:
    values: dict[str, object] = {"status": "at-risk", "date": DAY, "note": "Reviewed: one delay"}
    values.update(fields)
    return StatusChange(objective_id=objective_id, **values)  # type: ignore[arg-type]


def removed_and_added(before: str, after: str) -> tuple[list[str], list[str]]:
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


# --- Round trip: a load and dump with no change gives back the same bytes ----------------------


def _generated_file(tmp_path: Path) -> Path:
    subprocess.run(
        [sys.executable, str(PROJECT / "bench" / "generate.py"), "60", str(tmp_path / "bench")],
        check=True,
        capture_output=True,
    )
    return sorted((tmp_path / "bench").glob("*.yaml"))[0]


@pytest.mark.parametrize("name", ["ipap1.yaml", "ipap2.yaml"])
def test_shipped_files_round_trip_byte_for_byte(name: str) -> None:
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server:")
    assert RoundTripDocument(text, name).text() == text


def test_a_generated_bench_file_round_trips_byte_for_byte(tmp_path: Path) -> None:
    path = _generated_file(tmp_path)
    text = path.read_text(encoding="utf-8")
    assert RoundTripDocument(text, path.name).text() == text


def test_indentation_is_read_from_the_file_not_assumed() -> None:
    assert detect_indentation((SHIPPED / "ipap1.yaml").read_text()) == Indentation(2, 4, 2)
    other = (
        "plan:\n    id: p\n    areas:\n    -   id: a\n        title: A\n"
        "objectives:\n-   id: o\n    status: on-track\n"
    )
    assert detect_indentation(other) == Indentation(4, 4, 0)
    assert RoundTripDocument(other, "other.yaml").text() == other


def test_a_layout_ruamel_cannot_keep_is_refused_not_reformatted(data: Path) -> None:
    path = data / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    crowded = text.replace(
        '    - {id: ammunition, title: "Surplus ammunition"}',
        '    - {id: ammunition,title: "Surplus ammunition"}',
    )
    with pytest.raises(CannotEdit):
        RoundTripDocument(crowded, "alpha.yaml")
    squeezed = text.replace(
        "  - id: alpha-ex\n    title: Take part in joint exercises",
        "  - id: alpha-ex\n    title:    Take part in joint exercises",
    )
    path.write_text(squeezed, encoding="utf-8")
    with pytest.raises(store.LayoutNotKept) as refused:
        store.save(data, change(), EDITOR, today=TODAY)
    assert refused.value.problems and refused.value.problems[0].line == 23
    assert path.read_text(encoding="utf-8") == squeezed


# --- The file stays human -------------------------------------------------------------------


def test_only_the_changed_fields_and_the_new_entries_differ(data: Path) -> None:
    path = data / "alpha.yaml"
    before = path.read_text(encoding="utf-8")
    store.save(
        data,
        change(
            progress=55,
            evidence=EvidenceLink("Exercise report 2026", "https://example.org/r26", "report"),
        ),
        EDITOR,
        today=TODAY,
    )
    after = path.read_text(encoding="utf-8")
    removed, added = removed_and_added(before, after)
    assert removed == ["    status: on-track   # set by the last update", "    progress: 40"]
    assert added == [
        "    status: at-risk    # set by the last update",
        "    progress: 55",
        '      - {title: Exercise report 2026, url: "https://example.org/r26", '
        "date: 2026-11-20, kind: report}",
        '      - {date: 2026-11-20, status: at-risk, progress: 55, note: "Reviewed: one delay", '
        "by: Desk officer}".replace("Desk officer", "Ana Petrovic"),
    ]
    comments = [line for line in before.splitlines() if line.strip().startswith("#")]
    assert [line for line in after.splitlines() if line.strip().startswith("#")] == comments


def test_a_new_list_goes_below_the_objective_and_the_next_banner_stays_put(data: Path) -> None:
    path = data / "alpha.yaml"
    before = path.read_text(encoding="utf-8")
    store.save(data, change("alpha-ammo", measurement=120), EDITOR, today=TODAY)
    after = path.read_text(encoding="utf-8")
    removed, added = removed_and_added(before, after)
    assert removed == ["    status: not-assessed", "      measurements: []   # none reported yet"]
    assert added == [
        "    status: at-risk",
        "      measurements:      # none reported yet",
        "        - {date: 2026-11-20, value: 120}",
        "    updates:",
        '      - {date: 2026-11-20, status: at-risk, note: "Reviewed: one delay", '
        "by: Ana Petrovic}",
    ]
    updates_at = after.index("    updates:\n      - {date: 2026-11-20")
    assert updates_at < after.index("  # Trailing comment after the second objective")


def test_entries_follow_the_style_of_their_list(data: Path) -> None:
    store.save(data, change("beta-outreach", progress=20), EDITOR, today=TODAY)
    beta = (data / "beta.yaml").read_text(encoding="utf-8")
    assert beta.endswith(
        "        by: Press office\n"
        "      - date: 2026-11-20\n"
        "        status: at-risk\n"
        "        progress: 20\n"
        '        note: "Reviewed: one delay"\n'
        "        by: Ana Petrovic\n"
    )
    # An objective with no list at all gets the file's usual style: flow, on one line.
    store.save(data, change("alpha-quiet"), EDITOR, today=TODAY)
    alpha = (data / "alpha.yaml").read_text(encoding="utf-8")
    assert (
        "    status: at-risk\n    updates:\n"
        '      - {date: 2026-11-20, status: at-risk, note: "Reviewed: one delay", '
        "by: Ana Petrovic}\n\n# Last line of the file" in alpha
    )


def test_every_shipped_objective_can_take_a_full_update(shipped: Path) -> None:
    """Preview (no write) a change with evidence and measurement on each shipped objective."""
    portfolio = load_portfolio(shipped, today=TODAY)
    assert len(portfolio.objectives) > 30
    for objective in portfolio.objectives:
        proposal = store.preview(
            shipped,
            StatusChange(
                objective.id,
                "on-track",
                TODAY,
                progress=30,
                note="Checked, again: fine",
                evidence=EvidenceLink("Annual report", "https://example.org/a", "report"),
                measurement=12.5 if objective.metric else None,
            ),
            EDITOR,
            today=TODAY,
        )
        assert proposal.can_save, (objective.id, proposal.problems)
        assert proposal.objective is not None and proposal.objective.status == "on-track"
        removed = [line for line in proposal.diff.splitlines() if line.startswith("-")]
        assert all(re.match(r"^(--- |-\s+(status|progress|measurements):)", r) for r in removed)


def test_windows_line_ends_and_a_byte_order_mark_are_kept(data: Path) -> None:
    path = data / "beta.yaml"
    original = "\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(original.encode("utf-8"))
    store.save(data, change("beta-outreach"), EDITOR, today=TODAY)
    saved = path.read_bytes().decode("utf-8")
    assert saved.startswith("\ufeff# Second plan")
    assert saved.count("\n") == saved.count("\r\n")
    removed, added = removed_and_added(original, saved)
    assert removed == ["    status: on-track"]
    assert added[0] == "    status: at-risk" and len(added) == 5


# --- Validation ------------------------------------------------------------------------------


def test_an_invalid_update_is_refused_with_its_location_and_nothing_is_written(
    data: Path,
) -> None:
    path = data / "alpha.yaml"
    before = path.read_bytes()
    with pytest.raises(store.InvalidChange) as refused:
        store.save(data, change(progress=150), EDITOR, today=TODAY)
    located = [str(problem) for problem in refused.value.problems]
    assert any(
        re.search(r"alpha\.yaml:31:15: .*progress: must be a percentage from 0 to 100", p)
        for p in located
    ), located
    with pytest.raises(store.InvalidChange) as future:
        store.save(data, change(date=datetime.date(2027, 1, 1)), EDITOR, today=TODAY)
    assert "in the future" in str(future.value)
    assert path.read_bytes() == before


def test_a_save_is_checked_against_the_other_files(data: Path) -> None:
    """beta-outreach continues alpha-ex in the other file: valid only with both files."""
    saved = store.save(data, change("beta-outreach"), EDITOR, today=TODAY)
    assert saved.proposal.objective is not None
    assert saved.proposal.objective.continues == "alpha-ex"
    (data / "alpha.yaml").write_text(
        (data / "alpha.yaml").read_text().replace("id: alpha-ex", "id: alpha-exercises"),
        encoding="utf-8",
    )
    with pytest.raises(store.InvalidChange) as refused:
        store.save(data, change("beta-outreach"), EDITOR, today=TODAY)
    assert "already has problems" in refused.value.message
    assert any("continues refers to 'alpha-ex'" in str(p) for p in refused.value.problems)


def test_unknown_ids_and_measurements_without_a_metric_are_usage_errors(data: Path) -> None:
    with pytest.raises(store.UnknownObjective, match="Did you mean 'alpha-ex'"):
        store.save(data, change("alpha-exx"), EDITOR, today=TODAY)
    with pytest.raises(store.CannotApply) as refused:
        store.save(data, change("alpha-ex", measurement=5), EDITOR, today=TODAY)
    assert refused.value.usage_error
    assert str(refused.value.problems[0]).endswith(
        "add a `metric:` with `unit:` and `target:` to this objective first"
    )


# --- Editors only ----------------------------------------------------------------------------


def test_the_store_refuses_without_an_editor(data: Path) -> None:
    before = (data / "alpha.yaml").read_bytes()
    for nobody in (None, "Ana Petrovic", object()):
        with pytest.raises(store.NotAnEditor):
            store.save(data, change(), nobody, today=TODAY)  # type: ignore[arg-type]
        with pytest.raises(store.NotAnEditor):
            store.preview(data, change(), nobody, today=TODAY)  # type: ignore[arg-type]
    assert (data / "alpha.yaml").read_bytes() == before


# --- Nothing lost, nothing corrupt -----------------------------------------------------------


def test_a_change_on_disk_after_the_preview_is_a_conflict(data: Path) -> None:
    path = data / "alpha.yaml"
    proposal = store.preview(data, change(note="From the app"), EDITOR, today=TODAY)
    other = auth.command_line_editor("Marko Markovic")
    store.save(data, change("alpha-ammo", note="From the command line"), other, today=TODAY)
    meanwhile = path.read_bytes()
    with pytest.raises(store.Conflict, match="changed by someone else"):
        store.save(
            data, change(note="From the app"), EDITOR, expected_hash=proposal.base_hash, today=TODAY
        )
    assert path.read_bytes() == meanwhile  # nothing overwritten
    again = store.preview(data, change(note="From the app"), EDITOR, today=TODAY)
    store.save(
        data, change(note="From the app"), EDITOR, expected_hash=again.base_hash, today=TODAY
    )
    text = path.read_text(encoding="utf-8")
    assert "From the command line" in text and "From the app" in text


def test_a_failure_before_the_rename_leaves_the_original_and_no_temporary_file(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "alpha.yaml"
    before = path.read_bytes()
    files_before = sorted(p.name for p in data.iterdir())

    def power_cut(source: object, target: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(store.WriteFailed, match="Input/output error"):
        store.save(data, change(), EDITOR, today=TODAY)
    assert path.read_bytes() == before
    leftovers = [p.name for p in data.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert sorted(p.name for p in data.iterdir() if not p.name.endswith(".lock")) == [
        n for n in files_before if not n.endswith(".lock")
    ]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root ignores modes")
def test_a_read_only_folder_gives_a_clear_error(data: Path) -> None:
    before = (data / "alpha.yaml").read_bytes()
    data.chmod(0o555)
    try:
        with pytest.raises(store.WriteFailed, match="must be writable"):
            store.save(data, change(), EDITOR, today=TODAY)
    finally:
        data.chmod(0o755)
    assert (data / "alpha.yaml").read_bytes() == before


def test_a_folder_where_no_file_can_be_made_gives_a_clear_error(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same refusal when running as root: creating the temporary file is denied."""
    before = (data / "alpha.yaml").read_bytes()

    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(store.WriteFailed) as refused:
        store.save(data, change(), EDITOR, today=TODAY)
    assert "Permission denied" in refused.value.message
    assert "must be writable" in refused.value.message
    assert (data / "alpha.yaml").read_bytes() == before


def test_a_lock_that_cannot_be_taken_gives_a_clear_error(data: Path) -> None:
    store.lock_path(data / "alpha.yaml").mkdir()  # a folder where the lock file should be
    with pytest.raises(store.WriteFailed, match="must be writable"):
        store.save(data, change(), EDITOR, today=TODAY)


def test_the_saved_file_keeps_its_permissions(data: Path) -> None:
    path = data / "alpha.yaml"
    path.chmod(0o640)
    store.save(data, change(), EDITOR, today=TODAY)
    assert path.stat().st_mode & 0o777 == 0o640


def _save_in_another_process(
    folder: str, objective_id: str, number: int, start: multiprocessing.synchronize.Event
) -> None:
    start.wait(60)
    editor = auth.command_line_editor(f"Worker {number}")
    store.save(
        folder,
        StatusChange(objective_id, "on-track", DAY, note=f"parallel save {number}"),
        editor,
        today=TODAY,
    )


def test_eight_processes_saving_at_once_lose_nothing(
    shipped: Path, processes_start_clean: None
) -> None:
    ids = [o.id for o in load_portfolio(shipped, today=TODAY).objectives if o.plan_id == "ipap2"]
    chosen = ids[:8]
    assert len(chosen) == 8
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [
        context.Process(
            target=_save_in_another_process, args=(str(shipped), objective_id, number, start)
        )
        for number, objective_id in enumerate(chosen)
    ]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(180)
    assert [worker.exitcode for worker in workers] == [0] * 8
    text = (shipped / "ipap2.yaml").read_text(encoding="utf-8")
    for number in range(8):
        assert text.count(f"parallel save {number}") == 1
    portfolio = load_portfolio(shipped, today=TODAY)
    assert portfolio.errors() == []
    for objective_id in chosen:
        objective = portfolio.objective(objective_id)
        assert objective is not None and objective.status == "on-track"
    assert text.count("# ----") == (SHIPPED / "ipap2.yaml").read_text().count("# ----")


# --- Audit trail -----------------------------------------------------------------------------


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, check=True, capture_output=True, text=True
    ).stdout


def test_a_save_is_a_git_commit_with_the_editor_as_author(data: Path) -> None:
    _git(data, "init", "-q")
    _git(data, "config", "user.name", "App Server")
    _git(data, "config", "user.email", "server@mod.gov.rs")
    (data / ".gitignore").write_text("*.lock\n", encoding="utf-8")
    _git(data, "add", ".")
    _git(data, "commit", "-q", "-m", "data as received")
    # Someone's unrelated work in progress must not be swept into the commit.
    (data / "beta.yaml").write_text((data / "beta.yaml").read_text() + "# draft\n")
    _git(data, "add", "beta.yaml")
    settings = auth.editing_settings(
        {
            "editing": {
                "enabled": True,
                "editors": {
                    "Ana Petrovic": {
                        "password_hash": auth.hash_password("correct horse battery"),
                        "email": "ana@mod.gov.rs",
                    }
                },
            }
        }
    )
    editor = auth.sign_in(settings, "Ana Petrovic", "correct horse battery")
    saved = store.save(data, change(progress=60), editor, today=TODAY, git_commit=True)
    assert saved.commit is not None and saved.commit.committed, saved.commit
    log = _git(data, "log", "-1", "--format=%an <%ae>|%cn|%s")
    assert log.strip() == (
        "Ana Petrovic <ana@mod.gov.rs>|App Server|"
        "alpha-ex: status on-track -> at-risk, progress 60%"
    )
    assert _git(data, "show", "--name-only", "--format=", "HEAD").split() == ["alpha.yaml"]
    assert _git(data, "diff", "--cached", "--name-only").split() == ["beta.yaml"]
    assert _git(data, "status", "--porcelain", "alpha.yaml") == ""


def test_outside_a_git_repository_the_save_still_happens(data: Path) -> None:
    saved = store.save(data, change(), EDITOR, today=TODAY, git_commit=True)
    assert saved.commit is not None and not saved.commit.committed
    assert "not inside a git repository" in saved.commit.detail
    assert "Reviewed: one delay" in (data / "alpha.yaml").read_text(encoding="utf-8")


# --- Where trailing comments go, for every shape the last value of an objective can take ------

LAYOUTS = """objectives:
  - id: scalar-last
    status: x

  # comment after a scalar
  - id: flow-list-last
    status: x
    depends_on: [a]   # end-of-line comment

  # comment after a flow list
  - id: block-map-last
    status: x
    metric:
      unit: t
      target: 3
    # comment inside the objective

  # comment after a block map
  - id: block-list-last
    status: x  # on the status line
    # before progress
    progress: 3
    updates:
      - date: 2020-01-01
        status: x
        note: n   # end-of-line comment
      # inside the list
  # comment after a block list
  - id: empty-list
    status: x
    updates: []  # none yet
  # comment after an empty list
  - id: null-list
    status: x
    updates:
"""


@pytest.mark.parametrize(
    ("objective_id", "entry_follows"),
    [
        ("scalar-last", "    status: x"),
        ("flow-list-last", "    depends_on: [a]   # end-of-line comment"),
        ("block-map-last", "      target: 3"),
        ("block-list-last", "        note: n   # end-of-line comment"),
        ("empty-list", "    updates:     # none yet"),
        ("null-list", "    updates:"),
    ],
)
def test_new_entries_go_after_the_objectives_last_line_and_before_what_follows(
    objective_id: str, entry_follows: str
) -> None:
    from tracker.edit.yamledit import append_entry, make_entry

    document = RoundTripDocument(LAYOUTS, "layouts.yaml")
    objective = document.objective(objective_id)
    assert objective is not None
    entry = make_entry({"date": DAY, "status": "on-track", "note": "a: b"}, False, None)
    append_entry(objective, "updates", entry, store.OBJECTIVE_KEYS)
    after = document.text().splitlines()
    removed, added = removed_and_added(LAYOUTS, document.text())
    assert removed == (["    updates: []  # none yet"] if objective_id == "empty-list" else [])
    first_new = after.index("      - date: 2026-11-20")
    assert after[first_new : first_new + 3] == [
        "      - date: 2026-11-20",
        "        status: on-track",
        '        note: "a: b"',
    ]
    if added[0] == "    updates:":  # a new list: its key comes first
        first_new -= 1
        assert after[first_new] == "    updates:"
    assert after[first_new - 1] == entry_follows
    comments = [line for line in LAYOUTS.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in after if line.lstrip().startswith("#")] == comments


def _saved(data: Path, objective_id: str) -> Objective:
    return next(o for o in load_portfolio(data, today=TODAY).objectives if o.id == objective_id)


@pytest.mark.parametrize("value", [5e-324, 1e-7, 2.5e-5, 1.5e-300])
def test_a_float_python_writes_with_an_exponent_reads_back_as_the_same_float(
    data: Path, value: float
) -> None:
    """Python writes 5e-324 and YAML 1.1 reads that as text: the save would be refused as a
    progress that is not a number. The store writes 5.0e-324, read back as the same float."""
    store.save(data, change(progress=value), EDITOR, today=TODAY)
    store.save(
        data,
        change("alpha-ammo", status="on-track", measurement=value, note="Counted"),
        EDITOR,
        today=TODAY,
    )
    saved = (data / "alpha.yaml").read_text(encoding="utf-8")
    assert not re.search(r"[ ,:]\d+e-", saved)  # a dot before every exponent
    assert _saved(data, "alpha-ex").progress == value
    assert _saved(data, "alpha-ex").updates[-1].progress == value
    metric = _saved(data, "alpha-ammo").metric
    assert metric is not None
    assert metric.measurements[-1].value == value
