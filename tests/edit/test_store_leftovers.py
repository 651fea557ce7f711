"""Temporary files that killed writers left beside a plan file go at its next save.

A writer killed between writing its temporary file and the rename leaves
`.alpha.yaml.XXXX.tmp` behind. The loader ignores it, but they would pile up; the save that
next holds the file's lock removes those of that file, and only those.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import STORE, writable_store
from tracker.edit import auth, store
from tracker.edit.store import StatusChange
from tracker.load.loader import load_portfolio

TODAY = datetime.date(2026, 11, 23)
DAY = datetime.date(2026, 11, 20)
EDITOR = auth.command_line_editor("Ana Petrovic")
# Names that look like leftovers but are not alpha.yaml's: each must survive its save.
NOT_ALPHAS = {
    ".beta.yaml.abc123.tmp": "another plan file's leftover",
    ".alpha.yaml.b.yaml.x1.tmp": "a leftover of a plan file named alpha.yaml.b.yaml",
    "alpha.yaml.abc123.tmp": "no leading dot: not made by the store",
    ".alpha.yaml.abc123.tmp.bak": "someone's backup",
    ".alpha.yaml.tmp": "no random part",
    "notes.txt": "an unrelated file",
}


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return writable_store(tmp_path)


def leftover(folder: Path, name: str = ".alpha.yaml.abc123.tmp") -> Path:
    """A half-written temporary file, as a writer killed before its rename leaves it."""
    path = folder / name
    path.write_text("objectives:\n  - id: alpha-ex\n    status: on-tr", encoding="utf-8")
    return path


def change(note: str) -> StatusChange:
    return StatusChange("alpha-ex", "at-risk", DAY, note=note)


def notes(folder: Path) -> list[str]:
    objective = load_portfolio(folder).objective("alpha-ex")
    assert objective is not None
    return [update.note or "" for update in objective.updates]


def test_a_save_removes_its_files_leftovers_and_nothing_else(data: Path) -> None:
    stale = leftover(data)
    # Names exactly as the store's own writer makes them, not just the hand-written one.
    made = []
    for _ in range(3):
        handle, name = tempfile.mkstemp(prefix=".alpha.yaml.", suffix=".tmp", dir=data)
        os.close(handle)
        made.append(Path(name))
    others = {name: leftover(data, name).read_bytes() for name in NOT_ALPHAS}

    store.save(data, change("Leftovers cleared"), EDITOR, today=TODAY)

    assert "Leftovers cleared" in notes(data)
    assert not stale.exists()
    assert not [path for path in made if path.exists()]
    for name, content in others.items():
        assert (data / name).read_bytes() == content, NOT_ALPHAS[name]
    assert (data / "beta.yaml").read_bytes() == (STORE / "beta.yaml").read_bytes()


def test_the_update_command_removes_the_leftover(
    data: Path, run_cli: Callable[..., object]
) -> None:
    stale = leftover(data)
    beta_stale = leftover(data, ".beta.yaml.abc123.tmp")
    result = run_cli(
        "update",
        "alpha-ex",
        "--status",
        "at-risk",
        "--note",
        "Saved from the command line",
        "--by",
        "Ana Petrovic",
        "--data",
        str(data),
    )
    assert result.code == 0, result.err  # type: ignore[attr-defined]
    assert "Saved from the command line" in notes(data)
    assert not stale.exists()
    assert beta_stale.exists()  # beta.yaml was not saved, so its leftover waits for its save


def test_a_symlink_or_folder_with_a_leftovers_name_is_neither_followed_nor_removed(
    data: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me", encoding="utf-8")
    link = data / ".alpha.yaml.link12.tmp"
    link.symlink_to(outside)
    folder = data / ".alpha.yaml.dir123.tmp"
    folder.mkdir()
    (folder / "inside.txt").write_text("keep me too", encoding="utf-8")

    store.save(data, change("Links stay"), EDITOR, today=TODAY)

    assert "Links stay" in notes(data)
    assert link.is_symlink() and os.readlink(link) == str(outside)
    assert outside.read_text(encoding="utf-8") == "keep me"
    assert (folder / "inside.txt").read_text(encoding="utf-8") == "keep me too"


def test_a_leftover_that_cannot_be_removed_does_not_stop_the_save(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Denied the way a leftover owned by another user in a sticky folder would be (root
    ignores modes, so the denial is made by hand); the other leftover still goes."""
    stuck = leftover(data, ".alpha.yaml.stuck1.tmp")
    stale = leftover(data)
    unlink = os.unlink

    def denied_for_stuck(path: str | os.PathLike[str], *args: object, **kwargs: object) -> None:
        if Path(path).name == stuck.name:
            raise PermissionError(13, "Operation not permitted", str(path))
        unlink(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.os, "unlink", denied_for_stuck)
    saved = store.save(data, change("Saved despite the stuck leftover"), EDITOR, today=TODAY)
    monkeypatch.undo()

    assert saved.proposal.objective is not None
    assert "Saved despite the stuck leftover" in notes(data)
    assert stuck.exists()
    assert not stale.exists()
    store.save(data, change("A later save"), EDITOR, today=TODAY)
    assert not stuck.exists()  # once it can be removed, the next save does
