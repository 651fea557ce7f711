"""The load of an edited file from the clean load of the file before it (tracker.load.loader.
load_edited): only the changed objective's lines are parsed, and the result is the whole new
text's load, objective for objective, line for line and byte for byte (issue 19)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.edit.test_span_from_starts import TRAILING, _changes, _files
from tracker.edit import store
from tracker.edit.apply import apply_change
from tracker.edit.refusals import StoreError
from tracker.load import loader
from tracker.load.loader import load_edited, load_file, load_text

DAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("IPAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("IPAP_CACHE", raising=False)
    return folder


def _as_loaded(load: loader.FileLoad) -> object:
    return (
        load.path,
        load.plan,
        load.plan_id,
        [(o.model_dump(), o.line, o.plan_id, o.file) for o in load.objectives],
        load.problems,
        load.offsets,
        load.text,
    )


def test_every_change_loads_as_the_whole_new_text_does(tmp_path: Path) -> None:
    spliced = fallen_back = 0
    offered = [path for path in _files(tmp_path) if load_file(path).offsets is not None]
    assert len(offered) >= 5  # the files the fast path reads (the others are never spliced)
    for path in offered:
        raw = path.read_bytes()
        load_file(path)
        base = load_file(path)  # from the cache, as a warm dry run has it
        starts = store._starts([(path, base)], path, raw)
        assert starts is not None, path
        body = raw.decode("utf-8").removeprefix("\ufeff")
        for objective_id, _ in starts:
            for change in _changes(objective_id):
                try:
                    applied = apply_change(body, change, "Ana", base.path, starts)
                except StoreError:
                    continue
                assert applied.pieces is not None
                edited = load_edited(base, *applied.pieces, objective_id)
                if edited is None:
                    fallen_back += 1
                    assert load_text(applied.text, base.path, path.stem).problems, change
                    continue
                spliced += 1
                whole = load_text(applied.text, base.path, path.stem)
                assert _as_loaded(edited) == _as_loaded(whole), (path, change)
        # The base keeps its own models where they were.
        assert [o.line for o in base.objectives] == [line for _, line in starts]
    assert spliced > 60, spliced
    assert fallen_back > 10, fallen_back  # progress 150 breaks the schema: the whole text places it


def _pieces(objective_id: str) -> tuple[loader.FileLoad, tuple[str, str, str, str]]:
    text = TRAILING
    base = load_text(text, "t.yaml", "t")
    base.text = text.encode()
    applied = apply_change(
        text,
        store.StatusChange(objective_id, "at-risk", DAY, note="Reviewed"),
        "Ana",
        "t.yaml",
        [(o.id, o.line) for o in base.objectives],
    )
    assert applied.pieces is not None
    return base, applied.pieces


def test_lines_that_are_not_one_clean_objective_fall_back_to_the_whole_text() -> None:
    base, (before, old, new, after) = _pieces("first")
    assert load_edited(base, before, old, new, after, "first") is not None
    item = "- id: extra\n  title: X\n"
    for changed in (
        new + item,  # a second item
        new + "plan: {}\n",  # a top-level key
        new.replace("status: at-risk", "status: later"),  # a schema error
        new.replace("  title: First\n", "  title: [First\n"),  # a syntax error
        new.replace("- id: first", "- id: other"),  # another id
        new.replace("  title: First\n", "  title: First\n  title: Again\n"),  # a repeated key
        "  " + new,  # its first line moved
        new.rstrip("\n"),  # no line break at its end
    ):
        assert load_edited(base, before, old, changed, after, "first") is None, changed
    assert load_edited(base, before, old, new, after, "last") is None  # not these lines
    assert load_edited(base, before + "#\n", old, new, after, "first") is None  # other bytes
    _, (before, old, new, after) = _pieces("last")
    assert load_edited(base, before, old, new, after, "last") is not None
