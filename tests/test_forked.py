"""Work run in a forked child: its answer, its error and its progress come back; its memory
does not (the reason the app assembles its data and builds meeting packs there)."""

from __future__ import annotations

import os
import sys

import pytest

from tests.support import peak_memory_in_fresh_process, python_json
from tracker import forked
from tracker.forked import ChildFailed, alongside, run_forked


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


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork here: alongside runs both in the caller")
    monkeypatch.setattr(forked, "cores", lambda: 2)


@pytest.mark.usefixtures("two_cores")
def test_alongside_runs_the_side_work_in_a_worker() -> None:
    side, here = alongside(lambda: (os.getpid(), [0] * 1_000_000), os.getpid)
    assert here == os.getpid() and side[0] != os.getpid()
    assert len(side[1]) == 1_000_000  # an answer larger than a pipe's buffer comes back whole


@pytest.mark.usefixtures("two_cores")
def test_alongside_in_a_forked_child_still_uses_a_worker_but_a_worker_forks_none() -> None:
    def nested() -> tuple[bool, bool, int, int]:
        side, here = alongside(os.getpid, os.getpid)

        def in_worker() -> tuple[int, int]:
            return alongside(os.getpid, os.getpid)  # a worker forks nothing below it

        inner_side, inner_here = alongside(in_worker, os.getpid)[0]
        return side != here, inner_side == inner_here, here, os.getpid()

    separate, same_below, here, child = run_forked(nested)
    assert separate and same_below and here == child != os.getpid()


@pytest.mark.usefixtures("two_cores")
def test_alongside_when_the_worker_dies_or_its_answer_does_not_pickle() -> None:
    in_caller = os.getpid()

    def dies_in_worker() -> int:
        if os.getpid() != in_caller:
            os._exit(3)
        return 7

    assert alongside(dies_in_worker, lambda: 1) == (7, 1)

    def unpicklable_in_worker() -> object:
        return (lambda: None) if os.getpid() != in_caller else "made here"

    assert alongside(unpicklable_in_worker, lambda: 2) == ("made here", 2)


@pytest.mark.usefixtures("two_cores")
def test_alongside_raises_the_side_works_error_and_the_main_works() -> None:
    with pytest.raises(ValueError, match="side"):
        alongside(lambda: _refuse("side"), lambda: 1)
    with pytest.raises(ValueError, match="main"):
        alongside(lambda: 1, lambda: _refuse("main"))


def test_alongside_on_one_core_runs_both_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "cores", lambda: 1)
    assert alongside(os.getpid, os.getpid) == (os.getpid(), os.getpid())


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
