"""Load a portfolio's large files on two cores: a forked worker parses half of them.

Why: parsing and validating a plan file is pure Python work on one core (about 0.3 s for a
2.3 MB file of 1,000 objectives), and a portfolio of ten such files made `validate` wait for
each in turn while a second core sat idle. A forked worker (no new interpreter, no imports)
loads every other large file, the calling process the rest; the worker sends each clean file
back as the parse cache's entry (tracker.load.cache: msgpack rows, read back in a fifth of
the time the parse took) and any other file as its pickled FileLoad. Every answer is the one
`load_file` gives in the calling process: a file the worker could not answer for (it died,
or a load did not pickle) is loaded here.

Used only where it cannot hurt: when fork exists and this process runs no other thread (the
app's server does: its loads run in a forked child, tracker.forked, which runs one thread and
uses a worker like any other process), this is not itself a worker, more than one core is
ours, and at least two files of some size are to be loaded.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker import forked
from tracker.load import cache
from tracker.load.fileload import FileLoad

# Below this a file is loaded in a few tens of milliseconds: not worth sending anywhere.
LARGE_FILE_BYTES = 256 * 1024
_ENTRY, _LOAD, _CACHED = "entry", "load", "cached"
# What a large file costs, in loads of it here: its load and answer in the worker, and reading
# that answer back here (worth_a_worker).
_WORKER_LOAD = 1.5
_READ_BACK = 0.3

LoadOne = Callable[[Path, str], FileLoad]


def cores() -> int:
    """The cores this process may run on."""
    return forked.cores()


def worth_a_worker(files: list[Path]) -> list[int]:
    """The places of the files the worker should load (none: load all here)."""
    if not forked.can_fork_worker() or threading.active_count() != 1 or cores() < 2:
        return []
    sizes: list[tuple[int, int]] = []
    for place, path in enumerate(files):
        with contextlib.suppress(OSError):
            size = path.stat().st_size
            if size >= LARGE_FILE_BYTES:
                sizes.append((size, place))
    if len(sizes) < 2:
        return []
    # Largest first, each file where it finishes soonest: here, or in the worker, which takes
    # longer over a file (its load, then its answer sent) and makes this process read the
    # answer back into models. Measured at 10 files of 2.3 MB (CPU seconds a file, issue 19):
    # a load 0.235 here, 0.23 in the worker and 0.042 to send it, 0.07 here to read it back;
    # the worker's is taken at 1.5 loads, as it ran slower than its CPU time on the busy
    # shared cores (half the files made this process wait 0.6 s for it). So four of ten go
    # to the worker (a third left it idle for a load's time), and two files go one each.
    sizes.sort(reverse=True)
    here = there = 0.0
    theirs: list[int] = []
    for size, place in sizes:
        if max(here + size, there) <= max(here + _READ_BACK * size, there + _WORKER_LOAD * size):
            here += size
        else:
            here += _READ_BACK * size
            there += _WORKER_LOAD * size
            theirs.append(place)
    return sorted(theirs)


def load_files(files: list[Path], shown: list[str], load_one: LoadOne) -> list[FileLoad]:
    """`[load_one(path, name) for path, name in zip(files, shown)]`, on two cores when that
    is worth it (`worth_a_worker`)."""
    theirs = worth_a_worker(files)
    if not theirs:
        return [load_one(path, name) for path, name in zip(files, shown, strict=True)]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: load its files, send each answer once made, leave
        os.close(read_end)
        _worker(write_end, [(place, files[place], shown[place]) for place in theirs], load_one)
    os.close(write_end)
    # A thread here reads each answer off the pipe as the worker sends it, so the worker is
    # never held up by a full pipe while this process loads its own files, and the answers
    # sent meanwhile are read back (decoded into models, the slow part) while the worker is
    # still loading its last file, not all of them after it is done.
    received: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
    reader = threading.Thread(
        target=_read_answers, args=(read_end, received), name="worker-answers", daemon=True
    )
    reader.start()
    loads: dict[int, FileLoad] = {}
    answered = False
    try:
        for place, path in enumerate(files):
            if place not in theirs:
                loads[place] = load_one(path, shown[place])
        # A worker that died sends nothing, or only some answers: its other files are
        # loaded here.
        while (answer := received.get()) is not None:
            place = answer[1]
            if place in theirs and place not in loads:
                found = _received(answer, shown[place])
                if found is not None:
                    loads[place] = found
        answered = True
    finally:
        if not answered:
            # Interrupted, or a load here failed: the worker would wait forever to be read.
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        reader.join()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    for place in theirs:
        if place not in loads:
            loads[place] = load_one(files[place], shown[place])
    return [loads[place] for place in range(len(files))]


def _read_answers(read_end: int, received: queue.SimpleQueue[tuple[Any, ...] | None]) -> None:
    """Every whole answer the worker sent, in order, then None (the pipe closed, or what came
    was damaged: the rest is loaded by the caller)."""
    try:
        with os.fdopen(read_end, "rb") as stream, contextlib.suppress(Exception):
            while True:
                try:
                    answer = pickle.load(stream)
                except EOFError:
                    break
                if not isinstance(answer, tuple) or len(answer) < 2:
                    break
                received.put(answer)
    finally:
        received.put(None)


def _worker(write_end: int, work: list[tuple[int, Path, str]], load_one: LoadOne) -> None:
    forked.mark_child()
    code = 0
    try:
        store = cache.default_cache()
        with os.fdopen(write_end, "wb") as out:
            for place, path, name in work:
                if store is not None and _in_cache(store, path):
                    answer: tuple[Any, ...] | None = (_CACHED, place)  # read back there
                else:
                    answer = _answer(place, load_one(path, name))
                if answer is not None:
                    pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
                    out.flush()
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _in_cache(store: cache.ParseCache, path: Path) -> bool:
    """Whether the parse cache holds an entry for the file's bytes as they are now."""
    try:
        return store.entry_path(cache.content_digest(path.read_bytes())).is_file()
    except OSError:
        return False


def _answer(place: int, load: FileLoad) -> tuple[Any, ...] | None:
    """What the worker sends for one file, or None: the calling process loads it again."""
    if load.from_cache:
        return (_CACHED, place)  # written to the cache already: read back there
    raw = load.text
    clean = (
        load.plan is not None
        and not load.problems
        and load.parsed is None
        and isinstance(raw, bytes)
        and load.indices is None
        and not (load.unreadable or load.partial or load.invalid_ids)
    )
    if clean and isinstance(raw, bytes) and load.plan is not None:
        digest = cache.content_digest(raw)
        entry = _written_entry(digest)
        if entry is None:
            lines = [objective.line for objective in load.objectives]
            entry = cache.encode_entry(
                digest, load.plan, load.plan_id, load.objectives, lines, load.offsets
            )
        return (_ENTRY, place, digest, entry, raw)
    load.release_positions()
    try:
        return (_LOAD, place, pickle.dumps(load, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a load that does not pickle is made again by the caller
        return None


def _written_entry(digest: str) -> bytes | None:
    """The entry `load_file` wrote to the parse cache for these bytes just now, read back
    rather than encoded a second time (a fifth of the time the parse took: the app's first
    load writes the cache); None when the cache is off or the entry was not written. What is
    read is checked as any entry is, where it is received."""
    store = cache.default_cache()
    if store is None:
        return None
    try:
        return store.entry_path(digest).read_bytes()
    except OSError:
        return None


def _received(answer: tuple[Any, ...], shown: str) -> FileLoad | None:
    """The worker's answer as the FileLoad `load_file` would have given, or None."""
    kind = answer[0]
    if kind == _ENTRY:
        _, _, digest, entry, raw = answer
        found = cache.decode_entry(entry, digest, shown)
        if found is None:
            return None
        return FileLoad(
            shown, found.plan, found.plan_id, found.objectives, [], text=raw, offsets=found.offsets
        )
    if kind == _LOAD:
        try:
            load = pickle.loads(answer[2])
        except Exception:
            return None
        return load if isinstance(load, FileLoad) and load.path == shown else None
    return None  # _CACHED: read back from the cache here
