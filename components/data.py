"""Load the data for the app: each file parsed again only when it changes, shared by sessions.

Every interaction checks each data file's size and modification time (cheap), so an edit
made in an editor shows on the next click without a restart. A file whose size and time
are unchanged is not read again; when any file changes, only that file is parsed and the
portfolio is assembled anew from the cached parts (cross-file rules need them all).
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
from tracker.load.loader import FileLoad, Portfolio, assemble, find_files, load_file, load_portfolio
from tracker.tables.frames import Frames, build_frames
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

    @cached_property
    def search(self) -> SearchIndex:
        """The search index, built on the first search and shared by every session that has
        this version of the data (a second of work at 10,000 objectives, done once)."""
        return SearchIndex.of_portfolio(self.portfolio)


class _ParsedFiles:
    """The last parse of each file, replaced when the file changes (no old versions pile up)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, tuple[FileVersion, FileLoad]] = {}

    def get(self, version: FileVersion) -> FileLoad:
        path = version[0]
        with self._lock:
            hit = self._entries.get(path)
        if hit is not None and hit[0] == version:
            return hit[1]
        # Parsed outside the lock, so two sessions never wait on each other's big file.
        load = load_file(Path(path))
        with self._lock:
            self._entries[path] = (version, load)
        return load

    def keep_only(self, paths: set[str]) -> None:
        """Drop files that are gone from the folder, so a renamed file is not held twice."""
        with self._lock:
            for path in [path for path in self._entries if path not in paths]:
                del self._entries[path]

    def forget(self) -> None:
        with self._lock:
            self._entries.clear()


@st.cache_resource(show_spinner=False)
def _parsed_files() -> _ParsedFiles:
    return _ParsedFiles()


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


@st.cache_resource(max_entries=4, show_spinner=False)
def _assembled(root: str, versions: tuple[FileVersion, ...], today: date, stale_days: int) -> Data:
    """The portfolio and frames for one combination of file versions (and one day)."""
    if versions:
        parsed = _parsed_files()
        portfolio = assemble([parsed.get(version) for version in versions], today)
        parsed.keep_only({version[0] for version in versions})
    else:
        # No file to read: the loader says why (no such folder, or no YAML in it).
        portfolio = load_portfolio(root, today)
    frames = build_frames(portfolio, today=today, stale_after_days=stale_days)
    return Data(Path(root), portfolio, frames, versions, newest_fact(frames))


def load_data(root: Path | None = None, today: date | None = None) -> Data:
    """The current data, parsing only what changed since the last call."""
    root = root or data_path()
    return _assembled(str(root), file_versions(root), today or date.today(), settings.stale_days())


def clear_cache() -> None:
    """Forget every parsed file, so the next interaction reads the data afresh (after a save)."""
    _parsed_files().forget()
    _assembled.clear()
