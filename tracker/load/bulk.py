"""Bulk loads run with Python's cycle collector paused (loading builds no reference cycles)."""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")
_bulk_lock = threading.Lock()
# Loads under way, and whether the collector was on when the first of them began.
_bulk = {"loads": 0, "collector_was_on": False}
# A load that leaves at least this many new objects behind has them frozen as it ends (see
# `_resume`); below it, the collector's sweep of them takes a few milliseconds.
FREEZE_FROM = 100_000


def without_gc_pauses(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a bulk load with Python's cycle collector paused, then let it run again.

    Loading builds hundreds of thousands of small objects and no reference cycles; with the
    collector on, it sweeps the whole growing heap again and again, which more than doubles
    the time of a large load. Loads may overlap (threads in the app): the collector resumes
    when the last one ends. Memory is still freed by reference counting meanwhile.

    A load that made many objects and keeps them (a whole portfolio) has them frozen out of
    the collector's sight as the collector resumes (`_resume`).
    """

    @functools.wraps(function)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with _bulk_lock:
            if _bulk["loads"] == 0:
                _bulk["collector_was_on"] = gc.isenabled()
                gc.disable()
            _bulk["loads"] += 1
        try:
            return function(*args, **kwargs)
        finally:
            with _bulk_lock:
                _bulk["loads"] -= 1
                if _bulk["loads"] == 0 and _bulk["collector_was_on"]:
                    _resume()

    return paused


def _resume() -> None:
    """Let the collector run again, first freezing what a large load left (`gc.freeze`).

    Why: paused for the load, the collector finds all its objects in the youngest generation
    when it resumes, and the next allocations make it sweep them all, generation after
    generation: at 10,000 objectives 0.7 s of CPU (two full sweeps) spent by whatever came
    next (the frames), looking for cycles a load never makes (issue 19). A frozen object is
    still freed by reference counting when let go; only a cycle among frozen objects would
    wait, so the next large load gives them back to the collector and sweeps once before
    freezing again (one sweep, where without freezing the collector made several). Counted
    while the collector is still off: asking for the count makes a tuple, and once resumed
    that would set off the very sweep.
    """
    if gc.get_count()[0] >= FREEZE_FROM:
        if gc.get_freeze_count():
            gc.unfreeze()
            gc.collect()
        gc.freeze()
    gc.enable()
