"""Work run in a forked child: its answer, its error and its progress come back; its memory
does not (the reason the app assembles its data and builds meeting packs there)."""

from __future__ import annotations

import sys

import pytest

from tests.support import peak_memory_in_fresh_process, python_json
from tracker.forked import ChildFailed, run_forked


def _sum(a: int, b: int, *, times: int = 1) -> int:
    return (a + b) * times


def _refuse(reason: str) -> None:
    raise ValueError(reason)


def _reported(progress: object) -> str:
    for share in (0.25, 0.5, 1.0):
        progress(share, f"at {share}")  # type: ignore[operator]
    return "built"


class _Unpicklable(Exception):
    def __reduce__(self) -> object:
        raise TypeError("cannot pickle this")


def _unpicklable_error() -> None:
    raise _Unpicklable("a lock inside")


def test_the_answer_comes_back() -> None:
    assert run_forked(_sum, 2, 3, times=4) == 20


def test_an_error_is_raised_in_the_caller() -> None:
    with pytest.raises(ValueError, match="no such plan"):
        run_forked(_refuse, "no such plan")


def test_an_error_that_does_not_pickle_comes_back_as_its_text() -> None:
    with pytest.raises(ChildFailed, match="a lock inside"):
        run_forked(_unpicklable_error)


def test_progress_reaches_the_caller_in_order() -> None:
    seen: list[tuple[float, str]] = []
    answer = run_forked(_reported, progress=lambda share, message: seen.append((share, message)))
    assert answer == "built"
    assert seen == [(0.25, "at 0.25"), (0.5, "at 0.5"), (1.0, "at 1.0")]


def test_the_childs_memory_never_lands_in_the_caller() -> None:
    """50 MB made in the child: the caller's peak is the small answer's, not the 50 MB."""
    setup = "from tracker.forked import run_forked"
    action = "assert run_forked(lambda: len(bytearray(50_000_000)) + len([0] * 2_000_000)) > 0"
    peak = peak_memory_in_fresh_process(setup, action)
    assert peak < 5_000_000, peak
    in_process = peak_memory_in_fresh_process("", "assert len(bytearray(50_000_000)) > 0")
    assert in_process > 50_000_000  # the measurement itself sees such an allocation


_RESIDENT = """
def resident():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) * 1024
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_memory_freed_in_arrows_pool_and_the_c_heap_goes_back_to_the_system() -> None:
    """What the app server frees after a page (pandas' Arrow text, C buffers) is handed back
    by give_back_memory, not kept by the allocators for reuse (issue 19)."""
    found = python_json(
        _RESIDENT
        + """
import json
import pandas as pd
from tracker.forked import give_back_memory
before = resident()
texts = pd.Series([f"objective title number {i} with words" for i in range(300_000)], dtype="str")
made = (texts.str.upper() + texts).tolist()
del texts
grown = resident() - before
del made
kept = resident() - before
give_back_memory()
print(json.dumps([grown, kept, resident() - before]))
"""
    )
    grown, kept, after = found
    assert grown > 40_000_000
    assert after < kept - grown / 3, found
