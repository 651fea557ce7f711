"""The app served for the browser tests: `streamlit run app.py` on a data folder, on a free
loopback port, until the block ends (one server per module and data set keeps the suite fast)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.support import PROJECT
from tracker.settings import CHROMIUM_ARGS, DEFAULT_CHROMIUM

LOOPBACK = "127.0.0.1"
# True once Streamlit's own words are in the reader's language (components/chrome.py has made
# its first pass; an English reader's page needs none).
TRANSLATED = """() => {
  const language = new URL(location.href).searchParams.get('lang') || 'en';
  return language === 'en' || Boolean(window.__ipapChrome && window.__ipapChrome.signature);
}"""
# True once the script run (or fragment run) the page asked for is over: Streamlit keeps its
# run state on the app's root element. Its "running" indicator (stStatusWidget) is no sign:
# it was never once in this app's page while runs went on for seconds, so a wait for it to
# go returns at once.
RUN_OVER = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return Boolean(app) && app.dataset.testScriptState === 'notRunning';
}"""
STARTUP_SECONDS = 90
PAGE_WAIT_MS = 60_000


def wait_for_app(page: Any, timeout_ms: int = PAGE_WAIT_MS) -> None:
    """Until a page is drawn in the reader's words: the footer every page ends with is there
    and the translator has its words. (Streamlit's running indicator is no sign: this app
    never draws it; a wait that must see the run end uses RUN_OVER.)"""
    page.wait_for_selector(".ipap-footer", timeout=timeout_ms)
    page.wait_for_function(TRANSLATED, timeout=timeout_ms)


class ScriptRuns:
    """The script runs a page has asked its server for and the runs the server has finished,
    in the order its websockets carried them (every document the page loads): a run asked for
    after the last one finished is pending. The page's own run state cannot tell: between a
    component asking for a run (the calendar's language, the window's size) and the server
    starting it, the page says "notRunning". A run stopped early for a rerun is not finished:
    the rerun follows."""

    _of: ClassVar[weakref.WeakKeyDictionary[Any, ScriptRuns]] = weakref.WeakKeyDictionary()

    def __init__(self, page: Any) -> None:
        self._carried = 0  # frames that mattered, counted as they came
        self.asked = 0  # the count when the last run was asked for
        self.finished = 0  # the count when the last run finished
        page.on("websocket", self._watch)

    @classmethod
    def of(cls, page: Any) -> ScriptRuns:
        """The runs of `page`, watched from its first call here: call it before `goto`."""
        if page not in cls._of:
            cls._of[page] = cls(page)
        return cls._of[page]

    @property
    def pending(self) -> bool:
        return self.asked > self.finished

    def __repr__(self) -> str:
        return f"ScriptRuns(asked at {self.asked}, finished at {self.finished})"

    def _watch(self, socket: Any) -> None:
        socket.on("framesent", self._sent)
        socket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = BackMsg()
            message.ParseFromString(payload)
            if message.WhichOneof("type") == "rerun_script":
                self._carried += 1
                self.asked = self._carried

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if (
                message.WhichOneof("type") == "script_finished"
                and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
            ):
                self._carried += 1
                self.finished = self._carried

    def wait(self, page: Any, timeout_ms: int) -> None:
        """Until no run is pending (the page's events are taken while it waits)."""
        from playwright.sync_api import TimeoutError as WaitTimeout

        deadline = time.monotonic() + timeout_ms / 1000
        while self.pending:
            if time.monotonic() > deadline:
                raise WaitTimeout(f"a script run was never finished: {self}")
            page.wait_for_timeout(20)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(data: Path, log: Path, options: tuple[str, ...] = ()) -> Iterator[str]:
    """The app's address while it serves `data`; its output goes to `log`; `options` are more
    of Streamlit's own (`--secrets.files`, ...)."""
    port = _free_port()
    env = {key: value for key, value in os.environ.items() if key != "IPAP_DATA"}
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.port", str(port), "--server.address", LOOPBACK, "--server.headless", "true",
        "--server.fileWatcherType", "none", *options,
        "--", "--data", str(data),
    ]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(
            command, cwd=PROJECT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    url = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start:\n{log.read_text()}")
                time.sleep(0.5)
        yield url
    finally:
        stop(server)


def stop(server: subprocess.Popen[bytes]) -> None:
    """End a server this process started: asked first, then killed if it will not go."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium, started as everything here starts it (tracker.settings)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=DEFAULT_CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
