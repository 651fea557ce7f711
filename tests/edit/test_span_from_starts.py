"""Cutting an objective out from the loader's starts (tracker.edit.span): only its own lines
are parsed, and the change, the diff and every refusal are those of the whole file's parse."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import DEMO_FILE, PROJECT, STORE
from tracker.edit import span, store
from tracker.edit.apply import apply_change
from tracker.edit.auth import command_line_editor
from tracker.edit.refusals import StoreError
from tracker.edit.store import EvidenceLink, StatusChange
from tracker.load.loader import load_file

DAY = datetime.date(2026, 11, 20)
EDITOR = command_line_editor("Ana Petrovic")
SHIPPED = PROJECT / "commitments"
# A last objective followed by a top-level key and comments, and a list at column 0.
TRAILING = """\
# a plan whose sections come in another order
objectives:
- id: first
  title: First
  type: activity
  area: exercises
  owner: Ministry of Defence
  start: 2020-01-01
  due: 2021-01-01
  status: not-started
# between the two
- id: last
  title: Last
  type: activity
  area: exercises
  owner: Ministry of Defence
  start: 2020-01-01
  due: 2021-01-01
  status: on-track

# after the last objective
plan:
  id: trailing
  title: Trailing plan
  start: 2019-11-07
  end: 2021-12-31
  areas:
    - {id: exercises, title: Joint exercises}
"""


def _generated(tmp_path: Path) -> Path:
    subprocess.run(
        [sys.executable, str(PROJECT / "bench" / "generate.py"), "40", str(tmp_path / "bench")],
        check=True,
        capture_output=True,
    )
    return sorted((tmp_path / "bench").glob("*.yaml"))[0]


def _files(tmp_path: Path) -> list[Path]:
    trailing = tmp_path / "trailing.yaml"
    trailing.write_text(TRAILING, encoding="utf-8")
    return [
        *sorted(SHIPPED.glob("*.yaml")),
        *sorted(STORE.glob("*.yaml")),
        DEMO_FILE,
        _generated(tmp_path),
        trailing,
    ]


def _changes(objective_id: str) -> list[StatusChange]:
    return [
        StatusChange(objective_id, "at-risk", DAY, note="Reviewed: one delay"),
        StatusChange(
            objective_id,
            "on-track",
            DAY,
            progress=30,
            note="Checked",
            evidence=EvidenceLink("Annual report", "https://example.org/a", "report"),
            measurement=12.5,
        ),
        StatusChange(objective_id, "completed", DAY, progress=150),
    ]


def _outcome(body: str, change: StatusChange, shown: str, starts: object) -> object:
    try:
        applied = apply_change(body, change, "Ana", shown, starts)  # type: ignore[arg-type]
    except StoreError as refusal:
        return ("refused", type(refusal).__name__, str(refusal), [str(p) for p in refusal.problems])
    return (applied.text, sorted(applied.touched), applied.old_status, applied.rewritten)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of its own: a file only the located parser reads is cut from its starts once
    it comes back from the cache, as in a warm `update`."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("IPAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("IPAP_CACHE", raising=False)
    return folder


def _parsed_sizes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of every text the cut parses, from now on."""
    sizes: list[int] = []
    original = span.parse_yaml

    def measured(text: str, shown: str) -> object:
        sizes.append(len(text))
        return original(text, shown)

    monkeypatch.setattr(span, "parse_yaml", measured)
    return sizes


def test_every_objective_is_changed_as_the_whole_files_parse_changes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sizes = _parsed_sizes(monkeypatch)
    cases = 0
    for path in _files(tmp_path):
        raw = path.read_bytes()
        load_file(path)
        load = load_file(path)  # the fast path's, or the cache's
        starts = store._starts([(path, load)], path, raw)
        assert starts is not None, path
        body = raw.decode("utf-8").removeprefix("\ufeff")
        lines = body.splitlines(keepends=True)
        for objective_id, _ in starts:
            whole = span.objective_span(body, lines, objective_id, path.name)
            assert whole is not None
            assert span._span_from_starts(lines, objective_id, path.name, starts) == whole
            for change in _changes(objective_id):
                sizes.clear()
                from_starts = _outcome(body, change, path.name, starts)
                assert (sizes and max(sizes) < len(body)) or len(starts) == 1, (path, objective_id)
                assert from_starts == _outcome(body, change, path.name, None), (path, change)
                cases += 1
    assert cases > 150


def test_starts_that_do_not_fit_the_text_fall_back_to_the_whole_file(tmp_path: Path) -> None:
    body = TRAILING
    change = StatusChange("last", "at-risk", DAY, note="Reviewed")
    expected = _outcome(body, change, "t.yaml", None)
    for starts in (
        [("first", 3), ("last", 13)],  # one line off: not the item's line
        [("first", 3), ("last", 11)],  # the comment above it: no `- ` there
        [("first", 4), ("last", 12)],
        [("last", 3)],  # another objective's lines
        [("first", 3)],  # not among them
    ):
        assert _outcome(body, change, "t.yaml", starts) == expected, starts


def test_a_file_changed_since_it_was_loaded_is_cut_from_its_own_parse(tmp_path: Path) -> None:
    path = tmp_path / "beta.yaml"
    shutil.copy(STORE / "beta.yaml", path)
    load = load_file(path)
    assert store._starts([(path, load)], path, path.read_bytes()) is not None
    changed = b"# a line added above everything\n" + path.read_bytes()
    assert store._starts([(path, load)], path, changed) is None
    crlf = path.read_bytes().replace(b"\n", b"\r\n")
    path.write_bytes(crlf)
    assert store._starts([(path, load_file(path))], path, crlf) is None


def test_a_dry_run_and_a_save_from_the_cut_are_the_whole_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store end to end: the proposal (diff, problems and where they stand, warnings)
    and the saved bytes are the same whether the objective was cut from its own lines or
    from a parse of the whole file."""
    for name in ("cut", "whole"):
        shutil.copytree(STORE, tmp_path / name)
    sizes = _parsed_sizes(monkeypatch)
    proposals = {}
    for name in ("cut", "whole"):
        with monkeypatch.context() as patch:
            if name == "whole":
                patch.setattr(store, "_starts", lambda *args: None)
            folder = tmp_path / name
            found = []
            store.preview(folder, _changes("alpha-ex")[0], EDITOR, today=DAY)  # the cache
            sizes.clear()
            for change in _changes("alpha-ex") + _changes("beta-outreach"):
                try:
                    proposal = store.preview(folder, change, EDITOR, today=DAY)
                except StoreError as refusal:
                    found.append(("refused", str(refusal), [str(p) for p in refusal.problems]))
                    continue
                found.append(
                    (
                        proposal.diff,
                        [str(p) for p in proposal.problems],
                        [str(p) for p in proposal.problems_before],
                        [str(p) for p in proposal.warnings],
                        proposal.note,
                    )
                )
            saved = store.save(folder, _changes("alpha-ex")[0], EDITOR, today=DAY)
            found.append(saved.new_hash)
            proposals[name] = repr(found).replace(str(folder), "DATA")
            whole = max(len(path.read_text(encoding="utf-8")) for path in STORE.glob("*.yaml"))
            assert (max(sizes) < whole) == (name == "cut")
    assert proposals["cut"] == proposals["whole"]
