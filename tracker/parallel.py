"""Parse several large plan files at once in worker processes, when that is safe and pays.

A portfolio of many megabytes arrives in several files; each parses on its own, so on a
machine with two or more cores the files can be parsed side by side. A worker reads its file,
takes the fast path and, for a clean file, hands back the same msgpack entry the disk cache
stores (plain values, checked on arrival), which the caller turns into objectives at once.
Anything else (a file with a problem, a file that changed meanwhile, a worker that failed)
comes back as None, and the caller parses that file itself, so every problem is still
located by the located parser in the caller's process.

Workers are forked, which starts them in milliseconds with everything already imported;
forking is only safe in a process with a single thread, so in a threaded server such as the
app the files are simply parsed one after the other.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

# Below this, starting workers costs more than parsing in turn saves.
MIN_BYTES = 4 * 1024 * 1024
MAX_WORKERS = 4


def worthwhile(sizes: list[int]) -> bool:
    """Whether these files (their sizes in bytes) are worth parsing side by side, here."""
    return (
        len(sizes) >= 2
        and sum(sizes) >= MIN_BYTES
        and (os.cpu_count() or 1) > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def parse_entries(jobs: list[tuple[str, str, str]]) -> list[bytes | None]:
    """For each (path, shown path, SHA-256 of the bytes read): a clean file's entry, or None."""
    workers = min(len(jobs), os.cpu_count() or 1, MAX_WORKERS)
    context = multiprocessing.get_context("fork")
    results: list[bytes | None] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(entry_for, *job) for job in jobs]
        for future in futures:
            try:
                results.append(future.result())
            except Exception:  # a worker's failure only means the caller parses that file
                results.append(None)
    return results


def entry_for(path: str, shown: str, digest: str) -> bytes | None:
    """In a worker: the cache entry of a clean file, if its bytes are still the ones expected."""
    from tracker import cache
    from tracker.loader import _load_fast

    raw = Path(path).read_bytes()
    if cache.content_digest(raw) != digest:
        return None
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    load = _load_fast(text, shown, Path(path).stem)
    if load is None or load.problems or load.plan is None:
        return None
    lines = [objective.line for objective in load.objectives]
    return cache.encode_entry(digest, load.plan, load.plan_id, load.objectives, lines)
