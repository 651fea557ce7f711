"""Fixtures shared by the whole suite: the data folders and a way to run the CLI."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import DEMO_FILE, MEETING, MEETING_TODAY, SHIPPED, CliResult
from tracker.cli import main
from tracker.load.loader import Portfolio, load_portfolio


def pytest_configure(config: pytest.Config) -> None:
    """The parse cache is throwaway: the suite keeps its own out of the project's .cache/."""
    folder = tempfile.mkdtemp(prefix="ipap-test-cache-")
    config.stash[_CACHE_FOLDER] = folder
    os.environ["IPAP_CACHE_DIR"] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash.get(_CACHE_FOLDER, ""), ignore_errors=True)


_CACHE_FOLDER = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that share a module's costly setup (a server, a browser, printed PDFs) run on
    one worker: scripts/test.sh runs `--dist loadgroup`, and under plain `load` both workers
    built the same module fixture, each paying for it. The group names the module and each
    module fixture's parameter, so a module's two data sets may still go to two workers."""
    for item in items:
        group = _shared_setup(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


def _shared_setup(item: pytest.Item) -> str:
    """The module, with the parameters of its module-scoped fixtures this test uses, if it
    uses any of its module's own; else "" (the test may run on any worker)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return ""
    module = item.nodeid.split("::")[0]
    params = getattr(getattr(item, "callspec", None), "params", {})
    shared = False
    chosen = []
    for name in sorted(info.names_closure):
        definitions = info.name2fixturedefs.get(name, ())
        if definitions and definitions[-1].scope == "module" and definitions[-1].baseid == module:
            shared = True
            if name in params:
                chosen.append(f"{name}={params[name]}")
    return f"{module}[{','.join(chosen)}]" if shared else ""


@pytest.fixture(autouse=True)
def _main_module_restored() -> Iterator[None]:
    """AppTest runs a page as `__main__` and leaves it there; a later test that starts
    processes with spawn or forkserver would then re-run that page in each child and fail.
    Which test follows which depends on how xdist shares the suite out, so restore it always."""
    main_module = sys.modules.get("__main__")
    yield
    if main_module is not None and sys.modules.get("__main__") is not main_module:
        sys.modules["__main__"] = main_module


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `python -m tracker ARGS` in this process, the way the entry point does."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def demo_text() -> str:
    return DEMO_FILE.read_text(encoding="utf-8")


@pytest.fixture
def shipped_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data, for tests that break or change it."""
    target = tmp_path / "commitments"
    shutil.copytree(SHIPPED, target)
    return target


@pytest.fixture(scope="session")
def meeting_portfolio() -> Portfolio:
    return load_portfolio(MEETING, today=MEETING_TODAY)


@pytest.fixture
def processes_start_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let spawned and forkserver children start without re-running `__main__`'s file.

    Children of those start methods re-run the parent's main script; an AppTest earlier in
    the same pytest worker leaves its temporary page script there, and every child then
    died of a NameError before doing anything (which test ran earlier decided it).
    """
    main = sys.modules["__main__"]
    monkeypatch.delattr(main, "__file__", raising=False)
    monkeypatch.setattr(main, "__spec__", None, raising=False)
