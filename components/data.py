"""Load the data for the app: assembled when a file changes, shared by sessions, kept compact.

Every interaction checks each data file's size and modification time (cheap), so an edit
made in an editor shows on the next click without a restart. While no file's size and time
change, the assembled data is reused; when any file changes, the portfolio is assembled anew
(cross-file rules need every file), and only that file is parsed: the others are read back from
the parse cache, which is keyed on each file's bytes (with IPAP_CACHE=off every file is parsed).

The assembling runs in a forked child process (tracker.forked), which parses the files on two
cores as `validate` does (tracker.load.parallel): it builds a pydantic model per objective,
180 MB at 10,000 objectives that a long-running server would keep even after freeing them.
The server receives the frames the pages show, the plans, and the objectives and problems
packed (tracker.load.stored): a page about one objective unpacks that one, the Data problems
page the problems.
"""

from __future__ import annotations

import argparse
import sys
import threading
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import streamlit as st

from tracker import settings
from tracker.forked import Forked, alongside, run_forked, start_forked
from tracker.load import parallel
from tracker.load.bulk import without_gc_pauses
from tracker.load.loader import (
    Portfolio,
    assemble,
    display_path,
    find_files,
    load_file,
    load_portfolio,
)
from tracker.load.stored import StoredObjectives, StoredProblems
from tracker.tables.frames import Frames, build_frames
from tracker.tables.localize import TEXTS_KEY, DataTexts
from tracker.tables.search import SearchIndex
from tracker.tables.window import newest_fact

# (path, size in bytes, modification time in nanoseconds): a file's version, as the cache sees it.
FileVersion = tuple[str, int, int]


def data_path(argv: list[str] | None = None) -> Path:
    """`streamlit run app.py -- --data PATH` wins, then IPAP_DATA, then commitments/."""
    args = list(sys.argv[1:] if argv is None else argv)
    if "--" in args:
        args = args[args.index("--") + 1 :]
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--data")
    known, _ = parser.parse_known_args(args)
    return settings.data_path(known.data)


@dataclass(frozen=True)
class Data:
    """What the app shows: the portfolio (with its problems) and its tables, for everyone."""

    path: Path
    portfolio: Portfolio
    frames: Frames
    versions: tuple[FileVersion, ...]
    data_date: date | None  # the newest dated fact: what "as of" means on every screen
    parsed: tuple[str, ...] = ()  # the files this assembly parsed (not from the parse cache)

    @cached_property
    def search(self) -> SearchIndex:
        """The search index, built on the first search and shared by every session that has
        this version of the data (a second of work at 10,000 objectives, done once, in a
        child: it reads every objective, which the server keeps packed)."""
        return run_forked(SearchIndex.of_portfolio, self.portfolio)


def file_versions(root: Path) -> tuple[FileVersion, ...]:
    """The data files under `root` with their size and time; a vanished file is left out."""
    if not root.exists():
        return ()
    versions: list[FileVersion] = []
    for path in find_files(root):
        try:
            stat = path.stat()
        except OSError:
            continue
        versions.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(versions)


# What an assembly is keyed on: the folder, its files' versions, the day, the stale limit.
Key = tuple[str, tuple[FileVersion, ...], date, int]


class _Early:
    """The child start_loading started ahead of the script's need, and the key of the last
    assembly read, shared by every session's script thread."""

    lock = threading.Lock()
    key: Key | None = None
    child: Forked[Data] | None = None
    last: Key | None = None

    @classmethod
    def take(cls, key: Key) -> Forked[Data] | None:
        """The child started for `key`, now the caller's to read; else None."""
        with cls.lock:
            if cls.key != key:
                return None
            child, cls.key, cls.child = cls.child, None, None
            return child

    @classmethod
    def drop(cls, key: Key | None = None) -> None:
        """End the started child no one read (for `key`, whose data came from the cache after
        all; any key: every one)."""
        with cls.lock:
            if key is not None and cls.key != key:
                return
            child, cls.key, cls.child = cls.child, None, None
        if child is not None:
            child.cancel()


def _key(root: Path | None, today: date | None) -> Key:
    root = root or data_path()
    return (str(root), file_versions(root), today or date.today(), settings.stale_days())


def start_loading() -> None:
    """Start assembling the data now when it is new to this server (its first run, or a file
    changed since the last assembly), so the child works while the app imports the rest of
    itself; `load_data` then reads its answer. Nothing is started for the data the last
    assembly read (it is in the cache)."""
    key = _key(None, None)
    with _Early.lock:
        if key == _Early.key:
            return
        stale, _Early.child = _Early.child, None
        if key == _Early.last:
            # The cache holds this data; a child still held was started for files that changed
            # again before it was read (load_data then forked its own), and no one will read it.
            _Early.key = None
        else:
            _Early.key, _Early.child = key, start_forked(_assemble_compact, *key)
    if stale is not None:
        stale.cancel()


@st.cache_resource(max_entries=4, show_spinner=False)
def _assembled(root: str, versions: tuple[FileVersion, ...], today: date, stale_days: int) -> Data:
    """The portfolio and frames for one combination of file versions (and one day)."""
    key = (root, versions, today, stale_days)
    child = _Early.take(key)
    if child is not None:
        found = child.answer()
    else:
        found = run_forked(_assemble_compact, root, versions, today, stale_days)
    _Early.last = key
    return found


# Run whole with the cycle collector paused, not only the parse: the frames, the texts and
# the packing that follow read 140,000 live models at 10,000 objectives and make no cycles,
# and each full collection swept them all again (half a second of the child's time).
@without_gc_pauses
def _assemble_compact(
    root: str, versions: tuple[FileVersion, ...], today: date, stale_days: int
) -> Data:
    """The Data, with the objectives packed beside the frames and texts built from them:
    run in the child, so that only this compact answer reaches the server."""
    if versions:
        # On two cores, as `validate` loads them: the child runs one thread, so a worker
        # forked from it parses every other large file (tracker.load.parallel).
        files = [Path(version[0]) for version in versions]
        loads = parallel.load_files(files, [display_path(file) for file in files], load_file)
        parsed = tuple(load.path for load in loads if not load.from_cache)
        portfolio = assemble(loads, today)
        del loads
    else:
        # No file to read: the loader says why (no such folder, or no YAML in it).
        portfolio, parsed = load_portfolio(root, today), ()
    objectives = portfolio.objectives

    def frames_and_texts() -> tuple[Frames, DataTexts]:
        frames = build_frames(portfolio, today=today, stale_after_days=stale_days)
        return frames, DataTexts.of(objectives)

    # Packing the objectives (a second at 10,000) and the frames with the texts (another)
    # read the same models and change nothing: one in a worker, the other here.
    stored, (frames, texts) = alongside(lambda: StoredObjectives(objectives), frames_and_texts)
    stored.derived[TEXTS_KEY] = texts
    portfolio.objectives = stored
    portfolio.problems = StoredProblems(portfolio.problems)  # type: ignore[assignment]
    return Data(Path(root), portfolio, frames, versions, newest_fact(frames), parsed)


def load_data(root: Path | None = None, today: date | None = None) -> Data:
    """The current data, parsing only what changed since the last call."""
    key = _key(root, today)
    data = _assembled(*key)
    _Early.drop(key)  # a child started for data the cache held after all
    return data


def clear_cache() -> None:
    """Forget the assembled data, so the next interaction reads the files afresh (after a save)."""
    _Early.drop()
    _Early.last = None
    _assembled.clear()
