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


def without_gc_pauses(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a bulk load with Python's cycle collector paused, then let it run again.

    Loading builds hundreds of thousands of small objects and no reference cycles; with the
    collector on, it sweeps the whole growing heap again and again, which more than doubles
    the time of a large load. Loads may overlap (threads in the app): the collector resumes
    when the last one ends. Memory is still freed by reference counting meanwhile.
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
                    gc.enable()

    return paused


def kept_out_of_collection(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run a load whose answer the caller keeps (a whole portfolio), then move what the process
    holds out of the cycle collector's sight (`gc.freeze`).

    Why: the collector was paused for the load, so its hundreds of thousands of objects all
    sit in the youngest generation when it resumes, and the next allocations make it sweep
    them all, generation after generation: at 10,000 objectives 0.7 s of CPU (two full
    sweeps) spent by whatever came next (the frames), looking for cycles a load never makes
    (issue 19). A frozen object is still freed by reference counting when let go; only a
    cycle among frozen objects would wait. So that none waits past the next such load, that
    load gives what was frozen back to the collector and sweeps once before freezing again
    (one sweep, where without freezing the collector made several). Nothing is frozen when the
    collector is off as the load ends (inside an outer bulk load, or the caller's own
    choice): then the caller decides.
    """

    @functools.wraps(function)
    def kept(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        answer = function(*args, **kwargs)
        if gc.isenabled():
            if gc.get_freeze_count():
                gc.unfreeze()
                gc.collect()
            gc.freeze()
        return answer

    return kept
