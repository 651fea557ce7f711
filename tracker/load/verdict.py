"""A portfolio's verdict, kept for the commands that only report it (`validate`, `summary`):
its files, every problem, what could not be read and each objective's plan and status.

Why: from a warm parse cache, `validate` at 10,000 objectives still built some 140,000
pydantic models and ran every rule again, for a verdict that only changes when a file, the
day or the code does (issue 19). Here it is read back from one small entry, without the
models or even their import; on a miss it is made from `load_portfolio` itself
(`Verdict.of`), so a command prints the same from either.

Only a portfolio whose every file is clean (read by the fast path or from the parse cache,
no problem of its own) is kept, so what is kept is the rules' judgement of files that load
the same anywhere. An entry is named by a digest of:
- the code that shapes it: every module the loader and this module import, the libraries
  the loader relies on and the language codes (tracker.load.codeversion);
- the day, since rules judge against today (an update dated in the future, a due date
  passed);
- every file in order, as it is shown (problems name it so; it depends on the working
  folder) and by the SHA-256 of its bytes, read under the same size limit as the loader's.
A file edited, added, removed, over a lowered limit, or the same files another day: another
entry. Entries are sealed msgpack of plain values (tracker.load.sealed, never pickle); each
message is kept as its catalogue message and values, so it is said in every reader's
language as if just found. A problem holding a value this module cannot write back exactly
(a new kind of value in a sentence) is never kept: that portfolio is judged on every run.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from tracker import settings
from tracker.i18n.sentence import Amount, Joined, Sentence
from tracker.load import codeversion, sealed
from tracker.load.bulk import without_gc_pauses
from tracker.load.fingerprint import imported_files
from tracker.load.paths import display_path, find_files
from tracker.load.unreadable import Unreadable
from tracker.problems import MoreProblems, Problem, errors

if TYPE_CHECKING:
    from tracker.load.fileload import FileLoad
    from tracker.load.portfolio import Portfolio

# Bump when the meaning of an entry changes in a way the code digest would not catch.
FORMAT_VERSION = 1
_MAGIC = b"IPAPV1\n"
# The libraries are the parse cache's (what the fast path and the models rest on).
_SHAPING_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "rapidyaml", "msgspec")
# A verdict per portfolio, day and version of its files: a handful is enough.
MAX_ENTRIES = 32
_FAMILY = "verdict-*"


def shaping_code() -> list[Path]:
    """The loader's whole import tree (the rules in it) and this module: a change to any of
    them is other code."""
    return imported_files(("tracker.load.loader", __name__))


@functools.cache
def code_version() -> str:
    """Worked out once a process, when a verdict is first looked for: `--help`, or a command
    that never loads the data, does not read the tracker's sources."""
    return codeversion.code_version(shaping_code(), FORMAT_VERSION, _SHAPING_LIBRARIES)


@dataclass(frozen=True)
class Verdict:
    """What `validate` and `summary` report of a portfolio, and nothing they do not."""

    files: list[str]
    problems: list[Problem]
    unreadable: list[Unreadable]
    # (plan id, status) of each objective the portfolio counts, in its order.
    objectives: list[tuple[str, str]]

    def errors(self) -> list[Problem]:
        """The problems that make the data wrong (what `validate` fails on)."""
        return errors(self.problems)

    @classmethod
    def of(cls, portfolio: Portfolio) -> Verdict:
        return cls(
            list(portfolio.files),
            list(portfolio.problems),
            list(portfolio.unreadable),
            [(objective.plan_id, str(objective.status)) for objective in portfolio.objectives],
        )


def load_verdict(path: str | Path | None = None, today: date | None = None) -> Verdict:
    """The verdict of the file or folder `load_portfolio(path)` would load, today."""
    today = today or date.today()
    root = settings.data_path(path)
    folder = _folder()
    if folder is not None and root.exists():
        key = _key_of_files(root, today)
        found = _read(folder, key) if key is not None else None
        if found is not None:
            return found
    verdict, key = _judged(root, today, keep=folder is not None)
    if folder is not None and key is not None:
        _write(folder, key, verdict)
    return verdict


@without_gc_pauses
def _judged(root: Path, today: date, keep: bool) -> tuple[Verdict, str | None]:
    """The verdict of a full load, and its key (None: not kept), made and the load let go
    with the cycle collector still paused: the load's models then leave by reference
    counting, and the collector, resumed, finds only the verdict among its young objects.
    Resumed with the load still alive, its first pass swept the whole load once (a quarter
    of a second at 10 files of 1,000 objectives), for cycles a load never makes."""
    from tracker.load.loader import load_portfolio_and_files

    portfolio, loads = load_portfolio_and_files(root, today)
    verdict = Verdict.of(portfolio)
    return verdict, _key_of_loads(loads, today) if keep else None


def _folder() -> Path | None:
    root = settings.cache_dir()
    return root / f"verdict-{code_version()}" if root is not None else None


# --- The key ----------------------------------------------------------------------------------


def _key(files: Iterable[tuple[str, str]], today: date) -> str:
    # The entries cap judges files as the code does (a lower one refuses a file once clean).
    cap = settings.max_entries()
    digest = hashlib.sha256(f"{code_version()}\0{today.isoformat()}\0{cap}".encode())
    for shown, content in files:
        digest.update(b"\0" + shown.encode("utf-8", "surrogateescape") + b"\0" + content.encode())
    return digest.hexdigest()


def _key_of_files(root: Path, today: date) -> str | None:
    """The key of the files under `root` as they are now, or None when the loader would
    refuse one before reading it (too large, unreadable): only a full load says why."""
    files = find_files(root)
    if not files:
        return None
    limit = settings.max_file_bytes()
    contents = []
    for path in files:
        try:
            if path.stat().st_size > limit:
                return None
            raw = path.read_bytes()
        except OSError:
            return None
        contents.append((display_path(path), hashlib.sha256(raw).hexdigest()))
    return _key(contents, today)


def _key_of_loads(loads: Sequence[FileLoad], today: date) -> str | None:
    """The key of the files as the loader read them (the very bytes it judged), or None when
    any of them is not clean: then the verdict holds more than the rules' judgement."""
    if not loads:
        return None
    contents = []
    for load in loads:
        clean = (
            load.plan is not None
            and not load.problems
            and load.parsed is None
            and isinstance(load.text, bytes)
            and load.indices is None
            and not (load.unreadable or load.partial or load.invalid_ids)
        )
        if not clean or not isinstance(load.text, bytes):
            return None
        contents.append((load.path, hashlib.sha256(load.text).hexdigest()))
    return _key(contents, today)


# --- The entry --------------------------------------------------------------------------------


class _NotKept(Exception):
    """A value this module cannot write back exactly: the verdict is not kept."""


def _write(folder: Path, key: str, verdict: Verdict) -> bool:
    if verdict.unreadable:
        return False  # a clean portfolio has none; never keep what the key does not cover
    try:
        body = msgspec.msgpack.encode(
            [
                code_version(),
                key,
                verdict.files,
                [_problem(problem) for problem in verdict.problems],
                verdict.objectives,
            ]
        )
    except (_NotKept, TypeError, OverflowError, msgspec.EncodeError):
        return False
    return sealed.write_entry(
        folder / f"{key}.msgpack", sealed.seal(_MAGIC, body), keep=MAX_ENTRIES, family=_FAMILY
    )


def _read(folder: Path, key: str) -> Verdict | None:
    data = sealed.read_entry(folder / f"{key}.msgpack")
    body = sealed.unseal(_MAGIC, data) if data is not None else None
    if body is None:
        return None
    try:
        version, stored_key, files, problems, objectives = msgspec.msgpack.decode(body)
        if version != code_version() or stored_key != key:
            return None
        return Verdict(
            [str(name) for name in files],
            [_problem_from(row) for row in problems],
            [],
            [(str(plan), str(status)) for plan, status in objectives],
        )
    except (msgspec.DecodeError, ValueError, TypeError, KeyError, IndexError):
        return None  # damaged after all: a miss, made again


def _problem(problem: Problem) -> list[Any]:
    if type(problem) not in (Problem, MoreProblems):
        raise _NotKept(type(problem).__name__)
    more = problem.more if isinstance(problem, MoreProblems) else None
    fields = (problem.path, problem.line, problem.column, problem.severity)
    kinds = (str, int, int, str)
    if not all(type(value) is kind for value, kind in zip(fields, kinds, strict=True)):
        raise _NotKept("a problem's place")
    return [*fields, _message(problem.message), more]


def _problem_from(row: list[Any]) -> Problem:
    path, line, column, severity, message, more = row
    if more is None:
        return Problem(path, line, column, _message_from(message), severity)
    return MoreProblems(path, line, column, _message_from(message), severity, more=more)


def _message(value: object) -> list[Any]:
    """A message or a value in one, tagged with its kind; raises _NotKept for any other."""
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return ["=", value]
    if kind is Sentence:
        assert isinstance(value, Sentence)
        values = [[name, _message(part)] for name, part in value.values.items()]
        return ["s", list(value.forms), value.context, values]
    if kind is Joined:
        assert isinstance(value, Joined)
        return ["j", value.separator, [_message(part) for part in value.parts]]
    if kind is Amount:
        assert isinstance(value, Amount)
        return ["a", float(value), value.decimals]
    if kind is date:
        assert isinstance(value, date)
        return ["d", value.isoformat()]
    raise _NotKept(kind.__name__)


def _message_from(row: list[Any]) -> Any:
    tag = row[0]
    if tag == "=":
        return row[1]
    if tag == "s":
        _, forms, context, values = row
        return Sentence(tuple(forms), {name: _message_from(part) for name, part in values}, context)
    if tag == "j":
        return Joined(tuple(_message_from(part) for part in row[2]), row[1])
    if tag == "a":
        return Amount(row[1], row[2])
    if tag == "d":
        return date.fromisoformat(row[1])
    raise ValueError(f"unknown tag {tag!r}")
