"""Loading on two cores gives exactly the portfolio one core gives, whatever the files hold."""

from __future__ import annotations

import os
import shutil
import signal
from datetime import date
from pathlib import Path

import pytest

from tests.equivalence import file_summary, generate_portfolio, portfolio_summary
from tests.support import DEMO_FILE
from tracker import forked
from tracker.load import loader, parallel
from tracker.load.loader import load_file, load_portfolio

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate_portfolio(120, folder, seed=5, plans=4)
    return folder


@pytest.fixture
def data(tmp_path: Path, generated: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(generated, folder)
    shutil.copy(DEMO_FILE, folder / "demo.yaml")
    return folder


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kind of each answer the worker sent back (read in the calling process)."""
    kinds: list[str] = []
    receive = parallel._received

    def recorded(answer: tuple[object, ...], shown: str) -> loader.FileLoad | None:
        kinds.append(str(answer[0]))
        return receive(answer, shown)

    monkeypatch.setattr(parallel, "_received", recorded)
    return kinds


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Every file counts as large, the test runner's threads do not count, two cores are
    ours; returns the places each load gave the worker."""
    given: list[list[int]] = []
    monkeypatch.setattr(parallel, "LARGE_FILE_BYTES", 1)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    choose = parallel.worth_a_worker

    def recorded(files: list[Path]) -> list[int]:
        places = choose(files)
        given.append(places)
        return places

    monkeypatch.setattr(parallel, "worth_a_worker", recorded)
    return given


def one_core(folder: Path, monkeypatch: pytest.MonkeyPatch):
    """The portfolio loaded the one-core way, from no cache."""
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "worth_a_worker", lambda files: [])
        patch.setenv("IPAP_CACHE", "off")
        return load_portfolio(folder, today=TODAY)


@pytest.mark.parametrize("cache_setting", ["off", "on"])
def test_two_cores_give_the_portfolio_one_gives(
    data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    two_cores: list[list[int]],
    sent: list[str],
    cache_setting: str,
) -> None:
    if cache_setting == "off":
        monkeypatch.setenv("IPAP_CACHE", "off")
    else:
        monkeypatch.delenv("IPAP_CACHE", raising=False)
        monkeypatch.setenv("IPAP_CACHE_DIR", str(tmp_path / "cache"))
    expected = one_core(data, monkeypatch)
    for round in range(2):  # with the cache on: the second load reads every entry back
        sent.clear()
        found = load_portfolio(data, today=TODAY)
        assert two_cores[-1], "the worker loaded some of the files"
        assert portfolio_summary(found) == portfolio_summary(expected)
        assert len(found.objectives) == len(expected.objectives) > 100
        warm = cache_setting == "on" and round == 1
        assert set(sent) == ({"cached"} if warm else {"entry"})


def test_files_with_problems_come_back_with_every_problem_placed(
    data: Path, monkeypatch: pytest.MonkeyPatch, two_cores: list[list[int]], sent: list[str]
) -> None:
    """Files the schema refuses, one with a syntax error (the located parser), and an id
    repeated across files (every plan file has a problem, so the worker has some): each
    such file's load is sent back whole, and the rules place the cross-file problem in it
    as they would here."""
    monkeypatch.setenv("IPAP_CACHE", "off")
    files = sorted(data.glob("plan-*.yaml"))
    first = files[0].read_text(encoding="utf-8")
    files[0].write_text(first.replace("status: on-track", "status: bogus", 2), encoding="utf-8")
    second = files[1].read_text(encoding="utf-8")
    files[1].write_text(
        second.replace("objectives:\n", "objectives:\n  - id: x\n    title: [open\n", 1),
        encoding="utf-8",
    )
    repeated = first.split("  - id: ", 2)[1].split("\n", 1)[0]
    third = files[2].read_text(encoding="utf-8")
    own = third.split("  - id: ", 2)[1].split("\n", 1)[0]
    files[2].write_text(third.replace(f"id: {own}\n", f"id: {repeated}\n", 1), encoding="utf-8")
    fourth = files[3].read_text(encoding="utf-8")
    files[3].write_text(fourth.replace("progress: ", "progress: -", 1), encoding="utf-8")
    expected = one_core(data, monkeypatch)
    found = load_portfolio(data, today=TODAY)
    assert len(two_cores[-1]) >= 2
    assert "load" in sent  # a file with problems came back whole
    assert portfolio_summary(found) == portfolio_summary(expected)
    errors = [problem for problem in found.problems if not problem.is_warning]
    assert {Path(problem.path).name for problem in errors} >= {
        files[0].name,
        files[1].name,
        files[3].name,
    }
    assert any(repeated in str(problem) for problem in found.problems)


def test_a_worker_that_dies_costs_only_time(
    data: Path, monkeypatch: pytest.MonkeyPatch, two_cores: list[list[int]]
) -> None:
    monkeypatch.setenv("IPAP_CACHE", "off")
    expected = one_core(data, monkeypatch)
    parent = os.getpid()

    def dying(path: Path, shown: str) -> loader.FileLoad:
        if os.getpid() != parent:
            os._exit(3)
        return load_file(path, shown)

    files = loader.find_files(data)
    shown = [loader.display_path(path) for path in files]
    loads = parallel.load_files(files, shown, dying)
    assert two_cores[-1]
    assert [file_summary(load) for load in loads] == [
        file_summary(load_file(path, name)) for path, name in zip(files, shown, strict=True)
    ]
    assert portfolio_summary(load_portfolio(data, today=TODAY)) == portfolio_summary(expected)


def test_a_load_that_fails_here_ends_the_worker_too(
    data: Path, monkeypatch: pytest.MonkeyPatch, two_cores: list[list[int]]
) -> None:
    """The error is raised at once; the worker, which would wait forever to be read, is
    ended rather than waited for (an alarm ends the test if it is not)."""
    monkeypatch.setenv("IPAP_CACHE", "off")
    parent = os.getpid()

    def failing(path: Path, shown: str) -> loader.FileLoad:
        if os.getpid() == parent:
            raise RuntimeError("a bug in a load")
        return load_file(path, shown)

    files = loader.find_files(data)
    shown = [loader.display_path(path) for path in files]

    def hung(_signal: int, _frame: object) -> None:
        raise TimeoutError("the load waited for a worker that waits to be read")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        with pytest.raises(RuntimeError, match="a bug in a load"):
            parallel.load_files(files, shown, failing)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert two_cores[-1]


def test_no_worker_where_it_cannot_help(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = loader.find_files(data)
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert parallel.worth_a_worker(files) == []  # small files: a fork would cost more
    monkeypatch.setattr(parallel, "LARGE_FILE_BYTES", 1)
    assert parallel.worth_a_worker(files)
    assert parallel.worth_a_worker(files[:1]) == []  # one file: nothing to share
    with monkeypatch.context() as patch:
        patch.setattr(parallel, "cores", lambda: 1)
        assert parallel.worth_a_worker(files) == []
    with monkeypatch.context() as patch:
        patch.setattr(parallel.threading, "active_count", lambda: 3)  # the app's server
        assert parallel.worth_a_worker(files) == []
    with monkeypatch.context() as patch:
        patch.setattr(forked, "_IN_CHILD", True)  # run_forked's child (the app's load): one
        assert parallel.worth_a_worker(files)  # thread, so a worker of its own is fine
        patch.setattr(forked, "_IN_WORKER", True)  # a worker itself: nothing forked below
        assert parallel.worth_a_worker(files) == []


def test_the_halves_are_balanced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    sizes = [300, 900, 500, 700, 100, 1000]
    files = []
    for number, size in enumerate(sizes):
        path = tmp_path / f"f{number}.yaml"
        path.write_bytes(b"x" * size * 1024)
        files.append(path)
    theirs = parallel.worth_a_worker(files)
    # Largest first, each where it finishes soonest, the worker's load counted 1.5 times and
    # its answer read back here at 0.3: 1000 KB here (1000, 0); 900 there (1270, 1350); 700
    # here (1970, 1350); 500 there (2120, 2100); 300 here (2420, 2100). The small file here.
    assert theirs == [1, 2]


def test_four_of_ten_equal_files_go_to_the_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel.threading, "active_count", lambda: 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    files = []
    for number in range(10):
        path = tmp_path / f"plan-{number:02d}.yaml"
        path.write_bytes(b"x" * 300 * 1024)
        files.append(path)
    assert len(parallel.worth_a_worker(files)) == 4
    assert len(parallel.worth_a_worker(files[:2])) == 1  # two files: one each
