"""Bulk loads pause Python's cycle collector and always give it back as they found it."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest

from tests.support import DEMO_FILE, SHIPPED
from tracker.load import bulk, loader
from tracker.load.loader import load_portfolio, load_text


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    gc.enable()
    yield
    gc.enable()


def test_the_collector_runs_again_after_a_load() -> None:
    seen: list[bool] = []
    original = loader.load_text.__wrapped__  # type: ignore[attr-defined]

    def watching(*args: object, **kwargs: object) -> loader.FileLoad:
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IPAP_CACHE", "off")  # parse every file, so the watcher sees each load
        patch.setattr(loader, "load_text", loader._without_gc_pauses(watching))
        portfolio = load_portfolio(SHIPPED)
    assert portfolio.objectives and seen and not any(seen)  # paused while loading
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    load_portfolio(SHIPPED)
    assert not gc.isenabled()


def test_the_collector_comes_back_when_a_load_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(loader, "_load_fast", broken)
    with pytest.raises(RuntimeError):
        load_text(DEMO_FILE.read_text(encoding="utf-8"), "demo.yaml")
    assert gc.isenabled()


def test_overlapping_loads_resume_the_collector_only_when_the_last_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two sessions of the app loading at once: the first to finish must not resume it."""
    both_inside = threading.Barrier(2, timeout=30)
    first_done = threading.Event()
    during_second: list[bool] = []
    original = loader._load_fast

    def slow_fast_path(text: str, shown: str, fallback: str) -> loader.FileLoad | None:
        both_inside.wait()
        if shown == "second.yaml":
            first_done.wait(timeout=30)
            during_second.append(gc.isenabled())
        return original(text, shown, fallback)

    monkeypatch.setattr(loader, "_load_fast", slow_fast_path)
    text = DEMO_FILE.read_text(encoding="utf-8")

    def first() -> None:
        load_text(text, "first.yaml")
        first_done.set()

    threads = [
        threading.Thread(target=first),
        threading.Thread(target=load_text, args=(text, "second.yaml")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert during_second == [False]
    assert gc.isenabled()


class _Cycle:
    """An object that refers to itself: only the cycle collector frees it."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def freezing_every_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Loads of the shipped data freeze as a 10,000-objective load does."""
    monkeypatch.setattr(bulk, "FREEZE_FROM", 0)
    gc.unfreeze()
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("freezing_every_load")
def test_a_large_load_leaves_its_objects_out_of_the_collectors_sweeps() -> None:
    """Swept young, 140,000 models cost whatever ran next 0.7 s (issue 19): frozen instead."""
    portfolio = load_portfolio(SHIPPED)
    assert portfolio.objectives and gc.isenabled()
    assert gc.get_freeze_count() > 0


def test_a_small_load_freezes_nothing() -> None:
    gc.unfreeze()
    load_portfolio(SHIPPED)
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("freezing_every_load")
def test_nothing_is_frozen_while_the_caller_keeps_the_collector_off() -> None:
    gc.disable()
    load_portfolio(SHIPPED)
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("freezing_every_load")
def test_a_cycle_frozen_by_one_load_is_freed_by_the_next() -> None:
    gc.collect()
    cycle = _Cycle()
    gone = weakref.ref(cycle)
    load_portfolio(SHIPPED)  # the cycle is alive now: frozen with the rest
    del cycle
    gc.collect()
    assert gone() is not None  # frozen: the collector does not see it
    load_portfolio(SHIPPED)
    assert gone() is None
