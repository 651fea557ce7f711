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
