"""Load plan files into a portfolio: every valid objective, and every problem located."""

from __future__ import annotations

import functools
import gc
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from pydantic import TypeAdapter, ValidationError

from tracker import cache, fastparse, settings
from tracker.explain import explain, nearest
from tracker.model import Document, Objective, Plan
from tracker.problems import Problem, cap_problems
from tracker.yamlparse import ParsedYaml, parse_yaml

_P = ParamSpec("_P")
_R = TypeVar("_R")
_bulk_lock = threading.Lock()
# Loads under way, and whether the collector was on when the first of them began.
_bulk = {"loads": 0, "collector_was_on": False}


def _without_gc_pauses(function: Callable[_P, _R]) -> Callable[_P, _R]:
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


YAML_SUFFIXES = (".yaml", ".yml")
_OBJECTIVES = TypeAdapter(list[Objective])
_TOP_LEVEL_KEYS = ("plan", "objectives")


@dataclass
class FileLoad:
    """What one file contributes; depends only on the file's bytes, so it can be cached."""

    path: str
    plan: Plan | None
    plan_id: str
    objectives: list[Objective]
    problems: list[Problem]
    parsed: ParsedYaml | None = None
    # Ids of objectives left out for errors: references to them are not reported as dangling.
    invalid_ids: set[str] = field(default_factory=set)
    # The text (or, from a file, its UTF-8 bytes: half the memory of a str with any non-ASCII
    # character) of a file read by the fast path or from the cache, which keep no positions:
    # the first call to `where` runs the located parser on it, so positions are always exact.
    text: str | bytes | None = field(default=None, repr=False, compare=False)

    def where(self, *path: str | int, at_key: bool = False) -> tuple[int, int]:
        if self.parsed is None and self.text is not None:
            text = self.text
            if isinstance(text, bytes):
                text = text.decode("utf-8").removeprefix("\ufeff")
            self.parsed = parse_yaml(text, self.path)
        if self.parsed is None:
            return (1, 1)
        return self.parsed.where(path, at_key=at_key)


@dataclass
class Portfolio:
    """All plans and objectives found, with every problem; valid parts are never dropped."""

    plans: dict[str, Plan] = field(default_factory=dict)
    objectives: list[Objective] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def objective(self, objective_id: str) -> Objective | None:
        return next((o for o in self.objectives if o.id == objective_id), None)

    def data_date(self) -> date | None:
        """The newest dated fact in the data: what 'as of' means on a slide or a screen."""
        dates: list[date] = []
        for objective in self.objectives:
            dates.extend(u.date for u in objective.updates)
            dates.extend(e.date for e in objective.evidence)
            if objective.metric:
                dates.extend(m.date for m in objective.metric.measurements)
        return max(dates, default=None)


def find_files(path: Path) -> list[Path]:
    """One file, or every *.yaml / *.yml directly inside a folder, in a stable order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    return [path]


def display_path(path: Path) -> str:
    """Paths as the user typed them when relative to the working folder, for clickable output."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def read_text(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """Read a file as UTF-8 text, refusing oversized, binary and non-UTF-8 files by name."""
    _raw, text, refusal = _read_source(path, shown)
    return text, refusal


def _read_source(path: Path, shown: str) -> tuple[bytes, str | None, Problem | None]:
    """The file's bytes (the cache's key) and its text, or the reason it cannot be read."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return b"", None, Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}")
    limit = settings.max_file_bytes()
    if size > limit:
        return (
            b"",
            None,
            Problem(
                shown,
                1,
                1,
                f"the file is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit; "
                f"split it, or raise the limit with {settings.MAX_FILE_MB_ENV}",
            ),
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        return b"", None, Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}")
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return b"", None, Problem(shown, line, 1, "this is a binary file, not YAML text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return (
            b"",
            None,
            Problem(
                shown,
                line,
                column,
                f"the file is not UTF-8 text (byte 0x{raw[error.start]:02X}): save it as UTF-8",
            ),
        )
    return raw, text.removeprefix("\ufeff"), None


@_without_gc_pauses
def load_file(path: Path, shown: str | None = None) -> FileLoad:
    """Parse and validate one plan file on its own; cross-file rules come in `assemble`.

    A clean file whose bytes were loaded before is read back from the disk cache (keyed on
    the bytes, so an edited file is always parsed again).
    """
    shown = shown or display_path(path)
    raw, text, refusal = _read_source(path, shown)
    if refusal is not None or text is None:
        return FileLoad(shown, None, path.stem, [], [refusal] if refusal else [])
    store = cache.default_cache()
    digest = cache.content_digest(raw) if store is not None else ""
    found = store.read(digest, shown) if store is not None else None
    if found is not None:
        return _from_entry(shown, found, raw)
    load = load_text(text, shown, fallback_plan_id=path.stem)
    del text
    if load.text is not None:
        load.text = raw  # the same text, in half the memory
    if store is not None and not load.problems and load.plan is not None:
        lines = [objective.line for objective in load.objectives]
        store.write(digest, load.plan, load.plan_id, load.objectives, lines)
    return load


def _from_entry(shown: str, found: cache.CachedFile, raw: bytes) -> FileLoad:
    return FileLoad(shown, found.plan, found.plan_id, found.objectives, [], text=raw)


@_without_gc_pauses
def load_text(text: str, shown: str, fallback_plan_id: str = "") -> FileLoad:
    """Validate YAML text as one plan file; used for files and for edits before they are saved.

    A clean file is read by the fast path; any other, and any the fast path cannot vouch for,
    by the located parser, which places every problem.
    """
    fast = _load_fast(text, shown, fallback_plan_id)
    if fast is not None:
        return fast
    return _load_located(text, shown, fallback_plan_id)


def _load_fast(text: str, shown: str, fallback_plan_id: str) -> FileLoad | None:
    """The file's load when it is clean and the fast parse means the same; otherwise None."""
    parsed = fastparse.parse_fast(text)
    if parsed is None:
        return None
    root = parsed.value
    if not isinstance(root, dict) or root.get("plan") is None:
        return None
    if any(key not in _TOP_LEVEL_KEYS for key in root):
        return None
    raw_objectives = root.get("objectives")
    lines = parsed.objective_lines
    if raw_objectives is not None and (not isinstance(raw_objectives, list) or lines is None):
        return None
    try:
        plan = Plan.model_validate(root["plan"])
        objectives = _OBJECTIVES.validate_python(raw_objectives or [])
    except ValidationError:
        return None
    load = FileLoad(shown, plan, plan.id, [], [], text=text)
    for objective, line in zip(objectives, lines or [], strict=True):
        objective._plan_id = plan.id
        objective._file = shown
        objective._line = line
    load.objectives = objectives
    return load


def _load_located(text: str, shown: str, fallback_plan_id: str) -> FileLoad:
    """Parse with positions, so that every problem names its line and column."""
    parsed = parse_yaml(text, shown)
    problems = list(parsed.problems)
    load = FileLoad(shown, None, fallback_plan_id, [], problems, parsed)
    root = parsed.value
    if root is None and not problems:
        problems.append(
            Problem(shown, 1, 1, "the file is empty: it needs a 'plan:' section and 'objectives:'")
        )
        return load
    if root is None:
        return load
    if not isinstance(root, dict):
        line, column = parsed.where(())
        problems.append(
            Problem(
                shown,
                line,
                column,
                "the top level must be a mapping with 'plan:' and 'objectives:', "
                f"not a {type(root).__name__}",
            )
        )
        return load
    for key in root:
        if key not in _TOP_LEVEL_KEYS:
            hint = nearest(str(key), _TOP_LEVEL_KEYS)
            line, column = parsed.where((key,), at_key=True)
            suggestion = f" did you mean '{hint}'?" if hint else " use 'plan:' and 'objectives:'"
            problems.append(
                Problem(shown, line, column, f"unknown top-level key '{key}':{suggestion}")
            )
    parser_found = {(p.line, p.column) for p in parsed.problems}
    _load_plan(root, load)
    _load_objectives(root, load)
    # A value the parser already refused (a tag, an alias) would also fail its type check;
    # one sentence per place is enough.
    checked = problems[len(parsed.problems) :]
    load.problems = list(parsed.problems) + [
        p for p in checked if (p.line, p.column) not in parser_found
    ]
    load.problems = cap_problems(load.problems, settings.MAX_PROBLEMS_PER_FILE)
    return load


def _pydantic_problems(
    error: ValidationError,
    load: FileLoad,
    prefix: tuple[str | int, ...],
    model: Any,
    label: Any,
    file_index: Any = None,
) -> dict[int | None, list[Problem]]:
    """Locate each pydantic error; group by the first index of its location (the objective).

    `file_index` maps a position in the validated list to the item's index in the file.
    """
    grouped: dict[int | None, list[Problem]] = {}
    for item in error.errors(include_url=False):
        loc = tuple(item.get("loc", ()))
        index = loc[0] if loc and isinstance(loc[0], int) else None
        inner = loc[1:] if index is not None else loc
        at_key = item.get("type") == "extra_forbidden"
        in_file = loc if index is None or file_index is None else (file_index(index), *inner)
        line, column = load.where(*prefix, *in_file, at_key=at_key)
        sentence, names_key = explain({**item, "loc": inner}, model)
        where = label(index, inner[:-1] if names_key else inner)
        grouped.setdefault(index, []).append(
            Problem(load.path, line, column, f"{where}: {sentence}" if where else sentence)
        )
    return grouped


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _load_plan(root: dict[str, Any], load: FileLoad) -> None:
    raw_plan = root.get("plan")
    if raw_plan is None:
        line, column = load.where("plan") if "plan" in root else (1, 1)
        load.problems.append(
            Problem(load.path, line, column, "the file has no 'plan:' section: add one")
        )
        return
    if isinstance(raw_plan, dict) and isinstance(raw_plan.get("id"), str):
        load.plan_id = raw_plan["id"]
    try:
        load.plan = Plan.model_validate(raw_plan)
    except ValidationError as error:

        def label(_index: Any, inner: tuple[Any, ...]) -> str:
            return "plan" + (f".{_dotted(inner)}" if inner else "")

        for problems in _pydantic_problems(error, load, ("plan",), Plan, label).values():
            load.problems.extend(problems)


def _load_objectives(root: dict[str, Any], load: FileLoad) -> None:
    raw = root.get("objectives")
    if raw is None:
        return
    if not isinstance(raw, list):
        line, column = load.where("objectives")
        load.problems.append(
            Problem(
                load.path,
                line,
                column,
                "'objectives' should be a list of objectives, each starting with '- id: ...'",
            )
        )
        return
    unfinished = load.parsed.unfinished if load.parsed else set()
    # An objective cut short by a syntax error would only add confusing 'missing' errors.
    candidates = [
        (index, item) for index, item in enumerate(raw) if ("objectives", index) not in unfinished
    ]
    values = [item for _, item in candidates]
    try:
        objectives = _OBJECTIVES.validate_python(values)
        kept = list(zip(candidates, objectives, strict=True))
    except ValidationError as error:

        def label(position: Any, inner: tuple[Any, ...]) -> str:
            index, item = candidates[position]
            name = item.get("id") if isinstance(item, dict) else None
            head = f"objective '{name}'" if isinstance(name, str) else f"objectives[{index}]"
            return head + (f" {_dotted(inner)}" if inner else "")

        grouped = _pydantic_problems(
            error,
            load,
            ("objectives",),
            Objective,
            label,
            file_index=lambda position: candidates[position][0],
        )
        bad = {p for p in grouped if p is not None}
        for problems in grouped.values():
            load.problems.extend(problems)
        for position in bad:
            raw_id = (
                candidates[position][1].get("id")
                if isinstance(candidates[position][1], dict)
                else None
            )
            if isinstance(raw_id, str):
                load.invalid_ids.add(raw_id)
        good = [candidates[p] for p in range(len(candidates)) if p not in bad]
        objectives = _OBJECTIVES.validate_python([item for _, item in good])
        kept = list(zip(good, objectives, strict=True))
    for (index, _item), objective in kept:
        objective._plan_id = load.plan_id
        objective._file = load.path
        objective._line = load.where("objectives", index)[0]
        load.objectives.append(objective)


@_without_gc_pauses
def assemble(loads: list[FileLoad], today: date | None = None) -> Portfolio:
    """Join files into a portfolio and apply the rules that need more than one objective."""
    from tracker.rules import check_portfolio

    today = today or date.today()
    portfolio = Portfolio()
    for load in loads:
        portfolio.files.append(load.path)
        portfolio.problems.extend(load.problems)
    check_portfolio(loads, portfolio, today)
    return portfolio


@_without_gc_pauses
def load_portfolio(
    path: str | os.PathLike[str] | None = None, today: date | None = None
) -> Portfolio:
    """Load a file or a folder of plan files (default: IPAP_DATA, else commitments/)."""
    root = settings.data_path(path)
    if not root.exists():
        portfolio = Portfolio()
        portfolio.problems.append(
            Problem(
                display_path(root),
                1,
                1,
                "no such file or folder: check the path, or set IPAP_DATA to the data folder",
            )
        )
        return portfolio
    files = find_files(root)
    loads = [load_file(file) for file in files]
    portfolio = assemble(loads, today)
    if not files:
        portfolio.problems.append(
            Problem(display_path(root), 1, 1, "no .yaml or .yml files in this folder")
        )
    return portfolio


def validate_document_text(text: str, shown: str) -> list[Problem]:
    """Problems of one file on its own, for checking an edit before it is written."""
    return load_text(text, shown).problems


__all__ = [
    "Document",
    "FileLoad",
    "Portfolio",
    "assemble",
    "find_files",
    "load_file",
    "load_portfolio",
    "load_text",
]
