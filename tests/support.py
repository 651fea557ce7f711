"""What the tests share, in one importable place: the data folders, the CLI's result, and
opening the app on a data folder and a page (conftest.py only holds fixtures built on these)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from components import navigation
from tracker.problems import Problem

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

TESTS = Path(__file__).resolve().parent
PROJECT = TESTS.parent
APP = PROJECT / "app.py"
DATA = TESTS / "data"
SHIPPED = PROJECT / "commitments"
DEMO_FILE = DATA / "good" / "demo.yaml"
BAD = DATA / "bad"
# The meeting-pack fixture: every report section has data, some evidence is internal and
# some text is hostile markup. Its dates are fixed, so "today" is too.
MEETING = DATA / "meeting"
MEETING_TODAY = date(2026, 11, 23)
DASHBOARD = DATA / "dashboard"
BROKEN = DATA / "dashboard-broken"
# The search fixture: place names with diacritics, Cyrillic-only text, "2,000 tonnes".
SEARCH = DATA / "search"
# The editing fixture: two plan files with comments everywhere, for saves to write into.
STORE = DATA / "store"
XSS = "<img src=x onerror=alert(1)>"
# Generous: the first run imports pandas and plotly on a slow shared machine.
TIMEOUT = 120


def writable_store(tmp_path: Path) -> Path:
    """A fresh copy of the editing fixture under `tmp_path`: a save must never touch tests/data."""
    target = tmp_path / "data"
    shutil.copytree(STORE, target)
    return target


def bench_script(name: str) -> ModuleType:
    """A script of bench/ as a module (bench/ is not a package, so it is loaded by path)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", PROJECT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The pages of every visitor's menu (editors' pages are in it only when editing is set up);
# presentation mode is a page too, opened by `open_app(..., "presentation")` like the others,
# but it is no menu entry and its screens are tested one by one (tests/app/test_presentation.py).
PAGES = {spec.key: spec.path for spec in navigation.menu(editing=False) if spec.in_menu}
_EVERY_PAGE = {spec.key: spec.path for spec in navigation.PAGES}


def peak_memory_in_fresh_process(setup: str, action: str) -> int:
    """Peak bytes Python allocates while `action` runs, after `setup`, in a new interpreter.

    tracemalloc counts every thread: in the test process, threads a Streamlit test left
    running allocate during the measurement, so a figure there depends on what ran before.
    """
    code = "\n".join(
        [
            textwrap.dedent(setup),
            "import tracemalloc",
            "tracemalloc.start()",
            textwrap.dedent(action),
            "print(tracemalloc.get_traced_memory()[1])",
        ]
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1])


def python_json(
    code: str, *args: str, env: dict[str, str] | None = None, timeout: float | None = None
) -> Any:
    """What a snippet of Python prints last, read as JSON, run in a fresh interpreter in the
    project: the one place where sys.modules, timings and peak memory are the snippet's own."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def open_app(
    monkeypatch: pytest.MonkeyPatch,
    data: Path,
    page: str = "overview",
    params: dict[str, str | list[str]] | None = None,
) -> AppTest:
    """Run the app on `data`, open `page` with `params` in the address, and check it ran."""
    monkeypatch.setenv("IPAP_DATA", str(data))
    from streamlit.testing.v1 import AppTest  # only the app tests pay for Streamlit's import

    app = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    for name, value in (params or {}).items():
        app.query_params[name] = value
    app.run()
    if page != "overview":
        app.switch_page(_EVERY_PAGE[page])
        for name, value in (params or {}).items():
            app.query_params[name] = value
        app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def metrics(app: AppTest) -> dict[str, str]:
    """The KPI tiles on screen, label -> value (the first tile of each label)."""
    shown: dict[str, str] = {}
    for metric in app.metric:
        shown.setdefault(metric.label, metric.value)
    return shown


def markdown_text(app: AppTest) -> str:
    return "\n".join(str(element.value) for element in [*app.markdown, *app.caption])


def html_text(app: AppTest) -> str:
    return "\n".join(str(element.value) for element in app.get("html"))


def strings_in(value: object) -> list[str]:
    """Every string inside a decoded proto or chart spec (keys and colours are harmless)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings_in(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in strings_in(item)]
    return []


def screen_texts(app: AppTest) -> list[str]:
    """Every piece of text the app put on screen: labels, options, help, placeholders,
    markdown, HTML, table headers and cells, chart titles, axes, legends and hover text."""
    import json

    from google.protobuf.json_format import MessageToDict

    # What the translator of Streamlit's own words is given (English words and their
    # translations) is not on screen.
    from components.chrome import KEY as CHROME_WORDS

    found: list[str] = []

    def walk(node: object) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "DESCRIPTOR"):
            decoded = MessageToDict(proto)
            decoded.pop("data", None)  # a table's Arrow bytes: read below as a frame instead
            decoded.pop("columnOrder", None)  # column keys, not shown
            if getattr(node, "type", "") == "page_link":  # the page it opens, not its label
                for key in ("page", "pageScriptHash", "queryString"):
                    decoded.pop(key, None)
            if getattr(node, "type", "") == "bidi_component":  # a script, not text
                decoded.pop("jsContent", None)
                if decoded.get("componentName") == CHROME_WORDS:  # English -> the reader's
                    decoded.pop("json", None)
            if getattr(node, "type", "") == "plotly_chart":  # its locale: English -> reader's
                decoded.pop("config", None)
            if "spec" in decoded:
                decoded["spec"] = json.loads(decoded["spec"])
            if "columns" in decoded and isinstance(decoded["columns"], str):
                decoded["columns"] = json.loads(decoded["columns"])
            found.extend(strings_in(decoded))
        if getattr(node, "type", "") == "dataframe":
            frame = node.value  # type: ignore[attr-defined]
            configured = json.loads(node.proto.columns or "{}")  # type: ignore[attr-defined]
            found.extend(str(column) for column in frame.columns if column not in configured)
            for column in frame.columns:
                found.extend(str(cell) for cell in frame[column] if isinstance(cell, str))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(app._tree)
    return found


# --- Snippets for the rules' tests (tests/rules/) ---------------------------------------------
# A plan header of 8 lines: an objective made by `objective()` starts on line 9 with its id,
# then title 10, type 11, area 12, owner 13, start 14, due 15, status 16, extra lines from 17.
RULES_PLAN = """plan:
  id: rules
  title: Rules plan
  start: 2019-11-07
  end: 2021-12-31
  areas:
    - {id: exercises, title: Joint exercises}
objectives:
"""
RULES_TODAY = date(2021, 6, 1)
_RULES_KEYS = ("title", "type", "area", "owner", "start", "due", "status")
_RULES_DEFAULTS = {
    "title": "An objective",
    "type": "activity",
    "area": "exercises",
    "owner": "Ministry of Defence",
    "start": "2019-11-07",
    "due": "2021-12-31",
    "status": "not-assessed",
}


def objective(objective_id: str = "o-1", *extra: str, **values: str | None) -> str:
    """One objective's YAML: the defaults, `values` changed (None leaves a key out), then
    `extra` lines (written without their four-space indent)."""
    lines = [f"  - id: {objective_id}"]
    for key in _RULES_KEYS:
        value = values.get(key, _RULES_DEFAULTS[key])
        if value is not None:
            lines.append(f"    {key}: {value}")
    lines.extend(f"    {line}" for line in extra)
    return "\n".join(lines) + "\n"


def judged(*objectives: str, today: date = RULES_TODAY) -> list[Problem]:
    """Every problem (errors and warnings) of a plan holding these objectives, as loaded."""
    from tracker.load.loader import assemble, load_text

    load = load_text(RULES_PLAN + "".join(objectives), "rules.yaml")
    return assemble([load], today).problems


def at(problems: list[Problem], words: str) -> list[tuple[int, str]]:
    """(line, severity) of each problem whose sentence has these words."""
    return [(p.line, p.severity) for p in problems if words in p.message]
