"""A change checked against files seen only by their ids (tracker.load.loader.load_identity):
the same proposal, refusal and saved bytes as against every file's whole models."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from tests.load.test_verdict import _plans
from tests.support import DATA, STORE
from tracker.edit import store
from tracker.edit.auth import command_line_editor
from tracker.edit.refusals import StoreError
from tracker.edit.store import EvidenceLink, StatusChange
from tracker.load import loader
from tracker.load.loader import assemble, load_file, load_identity

TODAY = datetime.date(2021, 6, 1)
EDITOR = command_line_editor("Ana Petrovic")


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("IPAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("IPAP_CACHE", raising=False)
    return folder


def _changes(objective_id: str) -> list[StatusChange]:
    return [
        StatusChange(objective_id, "at-risk", TODAY, note="Reviewed: one delay"),
        StatusChange(
            objective_id,
            "on-track",
            TODAY,
            progress=30,
            note="Checked",
            evidence=EvidenceLink("Annual report", "https://example.org/a", "report"),
        ),
        StatusChange(objective_id, "completed", TODAY, progress=150),  # invalid
        StatusChange(objective_id, "on-track", TODAY, measurement=-5),  # no metric, or a warning
    ]


def _told(folder: Path, objective_id: str) -> list[object]:
    found: list[object] = []
    for change in _changes(objective_id):
        try:
            proposal = store.preview(folder, change, EDITOR, today=TODAY)
        except StoreError as refusal:
            found.append(("refused", str(refusal), [str(p) for p in refusal.problems]))
            continue
        objective = proposal.objective
        found.append(
            (
                proposal.diff,
                [str(p) for p in proposal.problems],
                [str(p) for p in proposal.problems_before],
                [str(p) for p in proposal.warnings],
                proposal.note,
                proposal.old_status,
                None if objective is None else (objective.file, objective.line, objective.status),
            )
        )
    return found


@pytest.mark.parametrize(
    ("portfolio", "ids"),
    [
        ("rules", ["o-late", "o-order", "o-dangling", "o-ammo", "o-done", "o-b", "o-229"]),
        ("store", ["alpha-ex", "alpha-ammo", "beta-outreach"]),
        ("meeting", None),
    ],
)
def test_a_preview_against_ids_is_the_preview_against_whole_models(
    portfolio: str, ids: list[str] | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    if portfolio == "rules":
        _plans(folder)
    else:
        shutil.copytree(STORE if portfolio == "store" else DATA / portfolio, folder)
    if ids is None:
        ids = [o.id for o in loader.load_portfolio(folder).objectives][:6]
    loader.load_portfolio(folder)  # the parse cache, as after a `validate`
    seen: list[str] = []
    original = loader.load_identity

    def counted(path: Path, wanted: str, shown: str | None = None) -> loader.FileLoad:
        load = original(path, wanted, shown)
        if load.identity_only:
            seen.append(load.path)
        return load

    monkeypatch.setattr(store, "load_identity", counted)
    by_ids = [_told(folder, objective_id) for objective_id in ids]
    assert seen  # the other files were seen by their ids
    with monkeypatch.context() as patch:
        patch.setattr(store, "load_identity", lambda path, wanted: load_file(path))
        whole = [_told(folder, objective_id) for objective_id in ids]
    assert by_ids == whole
    # And a save: the same bytes, or the same refusal.
    twin = tmp_path / "twin"
    shutil.copytree(folder, twin)
    saved = _saved(folder, ids[-1])
    with monkeypatch.context() as patch:
        patch.setattr(store, "load_identity", lambda path, wanted: load_file(path))
        assert _saved(twin, ids[-1]).replace(str(twin), "DATA") == saved.replace(
            str(folder), "DATA"
        )


def _saved(folder: Path, objective_id: str) -> str:
    try:
        return store.save(folder, _changes(objective_id)[0], EDITOR, today=TODAY).new_hash
    except StoreError as refusal:
        return f"refused: {refusal} {[str(p) for p in refusal.problems]}"


def test_a_file_seen_by_its_ids_is_never_judged(tmp_path: Path) -> None:
    folder = _plans(tmp_path / "data")
    loader.load_portfolio(folder)
    a, b = sorted(folder.glob("*.yaml"))
    seen = load_identity(b, "o-order")  # b does not hold o-order
    assert seen.identity_only and [o.id for o in seen.objectives] == ["o-b", "o-late"]
    assert [o.line for o in seen.objectives] == [o.line for o in load_file(b).objectives]
    whole = load_identity(a, "o-order")  # a holds it: its models are built
    assert not whole.identity_only and whole.objectives[1].status == "not-assessed"
    with pytest.raises(ValueError, match="cannot be judged"):
        assemble([whole, seen], TODAY)
    assert assemble([whole, seen], TODAY, only={whole.path}).problems
    with pytest.raises(ValueError, match="cannot be judged"):
        assemble([whole, seen], TODAY, only={seen.path})
