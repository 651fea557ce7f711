"""Load plan files into a portfolio: every valid objective, and every problem located."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from tracker import settings
from tracker.i18n.sentence import Amount, kind_of, said
from tracker.load import cache, capacity, fastparse, parallel
from tracker.load.bulk import without_gc_pauses as _without_gc_pauses
from tracker.load.explain import explain
from tracker.load.fileload import FileLoad, PartialObjective
from tracker.load.locate import LazyPositions
from tracker.load.paths import YAML_SUFFIXES, display_path, find_files
from tracker.load.portfolio import Portfolio, assemble
from tracker.load.recover import parse_in_parts
from tracker.load.unreadable import Unreadable
from tracker.load.yamlparse import MAX_ITEMS, parse_yaml
from tracker.model import Document, Objective, Plan
from tracker.problems import Problem, cap_problems
from tracker.text import nearest

_OBJECTIVES = TypeAdapter(list[Objective])
_OBJECTIVE = TypeAdapter(Objective)
# Each item becomes an Objective when it is one and stays as it was when it is not: one pass in
# pydantic's core sorts a list of any length without building an error for every mistake.
_OBJECTIVE_OR_AS_IS = TypeAdapter(
    list[Annotated[Objective | Any, Field(union_mode="left_to_right")]]
)
# Objectives are checked this many at once when a whole chunk can be given up or only counted.
_COUNTING_CHUNK = 1000
# One validator per field of an objective, for the fields of one that failed as a whole.
_FIELD_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(
        Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    )
    for name, info in Objective.model_fields.items()
}
_TOP_LEVEL_KEYS = ("plan", "objectives")
# Nesting past this is left to the located parser, which refuses 64 levels with its own
# message; a plan file needs six.
_SAFE_DEPTH = 32


def read_text(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """Read a file as UTF-8 text, refusing oversized, binary and non-UTF-8 files by name."""
    _raw, text, refusal = _read_source(path, shown)
    return text, refusal


def _read_source(path: Path, shown: str) -> tuple[bytes, str | None, Problem | None]:
    """The file's bytes (the cache's key) and its text, or the reason it cannot be read."""
    raw, refusal = _read_bytes(path, shown)
    if refusal is not None:
        return b"", None, refusal
    text, refusal = _decoded(raw, shown)
    return (raw, text, None) if text is not None else (b"", None, refusal)


def _read_bytes(path: Path, shown: str) -> tuple[bytes, Problem | None]:
    """The file's bytes, or why they are not read: it is over the size limit, or unreadable."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return b"", Problem(shown, 1, 1, _unreadable_file(error))
    limit = settings.max_file_bytes()
    if size > limit:
        return (
            b"",
            Problem(
                shown,
                1,
                1,
                said(
                    "the file is {size} MB, over the {limit} MB limit; split it, or raise the "
                    "limit with {setting}",
                    size=Amount(size / 1048576, 1),
                    limit=Amount(limit / 1048576),
                    setting=settings.MAX_FILE_MB_ENV,
                ),
            ),
        )
    try:
        return path.read_bytes(), None
    except OSError as error:
        return b"", Problem(shown, 1, 1, _unreadable_file(error))


def _decoded(raw: bytes, shown: str) -> tuple[str | None, Problem | None]:
    """The bytes as UTF-8 text without a byte-order mark, or why they are not text."""
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return None, Problem(shown, line, 1, said("this is a binary file, not YAML text"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        return (
            None,
            Problem(
                shown,
                line,
                column,
                said(
                    "the file is not UTF-8 text (byte {byte}): save it as UTF-8",
                    byte=f"0x{raw[error.start]:02X}",
                ),
            ),
        )
    return text.removeprefix("\ufeff"), None


@_without_gc_pauses
def load_file(path: Path, shown: str | None = None) -> FileLoad:
    """Parse and validate one plan file on its own; cross-file rules come in `assemble`.

    A clean file whose bytes were loaded before is read back from the disk cache (keyed on
    the bytes, so an edited file is always parsed again).
    """
    shown = shown or display_path(path)
    raw, refusal = _read_bytes(path, shown)
    if refusal is not None:
        return FileLoad(shown, None, path.stem, [], [refusal])
    # An entry is only ever written for bytes that were UTF-8 text without a problem, and
    # is found by their SHA-256: a file found in the cache need not be decoded to know it.
    store = cache.default_cache()
    digest = cache.content_digest(raw) if store is not None else ""
    found = store.read(digest, shown) if store is not None else None
    if found is not None:
        return _from_entry(shown, found, raw)
    text, refusal = _decoded(raw, shown)
    if refusal is not None or text is None:
        return FileLoad(shown, None, path.stem, [], [refusal] if refusal else [])
    load = load_text(text, shown, fallback_plan_id=path.stem)
    del text
    if load.text is not None:
        load.text = raw  # the same text, in half the memory
    if store is not None and not load.problems and load.plan is not None:
        lines = [objective.line for objective in load.objectives]
        store.write(digest, load.plan, load.plan_id, load.objectives, lines, load.offsets)
    return load


def load_identity(path: Path, wanted: str, shown: str | None = None) -> FileLoad:
    """A clean file as the identity rules see it: its plan, and its objectives stood in for
    by their ids at their lines (tracker.load.cache.StandIn, `identity_only`), read from the
    parse cache without building the rest; for checking another file against this one
    (assemble's `only`), a tenth of `load_file`'s time.

    `load_file` itself when the file is not in the cache or holds the objective `wanted`
    (the one a change is about: whoever checks it needs its whole model wherever it is).
    """
    shown = shown or display_path(path)
    store = cache.default_cache()
    raw, refusal = _read_bytes(path, shown) if store is not None else (b"", None)
    found = None
    if store is not None and refusal is None:
        found = store.read_identity(cache.content_digest(raw))  # bytes known clean: see load_file
    if found is None or wanted in found.ids:
        return load_file(path, shown)
    objectives = cache.stand_ins(found.ids, found.plan_id, shown, found.lines)
    return FileLoad(
        shown,
        found.plan,
        found.plan_id,
        objectives,
        [],
        text=raw,
        from_cache=True,
        offsets=found.offsets,
        identity_only=True,
    )


def _from_entry(shown: str, found: cache.CachedFile, raw: bytes) -> FileLoad:
    return FileLoad(
        shown,
        found.plan,
        found.plan_id,
        found.objectives,
        [],
        text=raw,
        from_cache=True,
        offsets=found.offsets,
    )


@_without_gc_pauses
def load_text(text: str, shown: str, fallback_plan_id: str = "") -> FileLoad:
    """Validate YAML text as one plan file; used for files and for edits before they are saved.

    A clean file is read by the fast path; any other, and any the fast path cannot vouch for,
    by the located parser, which places every problem.
    """
    most_entries = settings.max_entries()
    # Far more keys and items than the cap's entries need: rapidyaml's tree alone would cost
    # more than the file may (a node is 150 bytes), so only the located parser, within its own
    # limit, reads such text.
    crowded = capacity.crowded(text, most_entries)
    fast = None if crowded else _load_fast(text, shown, fallback_plan_id)
    if fast is not None:
        return fast
    size = len(text.encode("utf-8"))
    limit = settings.max_located_bytes()
    past = capacity.first_past_cap_in_prefix(text, most_entries) if crowded else None
    if past is not None:
        refusal = capacity.too_many_entries(shown, *past, most_entries)
        return FileLoad(shown, None, fallback_plan_id, [], [refusal])
    if size > limit:
        refusal = (
            capacity.too_crowded(shown, size, most_entries)
            if crowded
            else _too_large_to_locate(shown, size, limit)
        )
        return FileLoad(shown, None, fallback_plan_id, [], [refusal])
    return _load_located(text, shown, fallback_plan_id, most_entries)


_FRAGMENT_HEADER = "objectives:\n"


@_without_gc_pauses
def load_edited(
    base: FileLoad, prefix: str, old_middle: str, new_middle: str, suffix: str, objective_id: str
) -> FileLoad | None:
    """`load_text(prefix + new_middle + suffix)`, from a clean load of `prefix + old_middle +
    suffix` in which `old_middle` is the whole of one objective's lines; None when that cannot
    be vouched for, and then the caller loads the new text whole.

    Why: a dry run changes one objective of a file of thousands, whose clean load it already
    holds (from the parse cache, keyed on those very bytes). Only the objective's new lines
    are parsed, by the located parser under an `objectives:` of their own (they open with the
    item's `- `, so in the file they mean what they mean there), and validated by the same
    model; the other objectives are the load's own, moved by the lines and bytes the edit
    added. Anything the new lines hold that is not one clean objective with this id (a syntax
    error, a schema error, a second item, a top-level key) gives None: the whole text is then
    loaded as before and every problem is placed by it.
    """
    objectives = base.objectives
    offsets = base.offsets
    if (
        base.plan is None
        or base.problems
        or base.parsed is not None
        or base.indices is not None
        or base.identity_only
        or base.unreadable
        or base.partial
        or base.invalid_ids
        or offsets is None
        or len(offsets) != len(objectives)
        or not new_middle.endswith("\n")
        or not old_middle
        or not (prefix == "" or prefix.endswith("\n"))
    ):
        return None
    found = [i for i, objective in enumerate(objectives) if objective.id == objective_id]
    if len(found) != 1:
        return None
    index = found[0]
    old_first, new_first = old_middle.split("\n", 1)[0], new_middle.split("\n", 1)[0]
    head_bytes = len(prefix.encode("utf-8"))
    old_bytes = len(old_middle.encode("utf-8"))
    base_text = base.text if isinstance(base.text, bytes) else None
    if (
        base_text is None
        or base_text != (prefix + old_middle + suffix).encode("utf-8")
        or new_first != old_first
        or objectives[index].line != prefix.count("\n") + 1
        or not head_bytes <= offsets[index] < head_bytes + len(old_first.encode("utf-8"))
        or (index > 0 and offsets[index - 1] >= head_bytes)
        or (index + 1 < len(offsets) and offsets[index + 1] < head_bytes + old_bytes)
    ):
        return None
    shown = base.path
    fragment = parse_yaml(_FRAGMENT_HEADER + new_middle, shown)
    root = fragment.value
    items = root.get("objectives") if isinstance(root, dict) else None
    if (
        fragment.problems
        or not isinstance(root, dict)
        or list(root) != ["objectives"]
        or not isinstance(items, list)
        or len(items) != 1
        or not isinstance(items[0], dict)
        or items[0].get("id") != objective_id
        or fragment.locations.get(("objectives", 0), (0, 0))[0] != 2
    ):
        return None
    (outcome,) = _OBJECTIVE_OR_AS_IS.validate_python(items)
    if not isinstance(outcome, Objective):
        return None  # a schema error: the whole text's load places it
    line_shift = new_middle.count("\n") - old_middle.count("\n")
    byte_shift = len(new_middle.encode("utf-8")) - old_bytes
    moved: list[Objective] = list(objectives[:index])
    outcome.place(base.plan_id, shown, objectives[index].line)
    moved.append(outcome)
    for objective in objectives[index + 1 :]:
        copy = objective.model_copy()  # the base's own models keep their places
        copy.place(base.plan_id, shown, objective.line + line_shift)
        moved.append(copy)
    new_offsets = [*offsets[: index + 1], *(offset + byte_shift for offset in offsets[index + 1 :])]
    return FileLoad(
        shown,
        base.plan,
        base.plan_id,
        moved,
        [],
        text=prefix + new_middle + suffix,
        offsets=new_offsets,
    )


def _too_large_to_locate(shown: str, size: int, limit: int) -> Problem:
    return Problem(
        shown,
        1,
        1,
        said(
            "the file is {size} MB and holds YAML only the careful reader can check (a syntax "
            "error, a tag or anchor, a comment inside [...] or {{...}}), which reads at most "
            "{limit} MB: validate a copy with a raised {setting} to see where, or split the file",
            size=Amount(size / 1048576, 1),
            limit=Amount(limit / 1048576),
            setting=settings.MAX_LOCATED_MB_ENV,
        ),
    )


def _load_fast(
    text: str, shown: str, fallback_plan_id: str, most_entries: int | None = None
) -> FileLoad | None:
    """The file's load when the fast parse means the same as the located one; otherwise None.

    A file with a mistake the schema or a rule finds (not one in its YAML) keeps the fast
    parse: its problems are placed one by one, each where the located parser would place it
    (`_load_lazily`).
    """
    parsed = fastparse.parse_fast(text)
    if parsed is None:
        return None
    root = parsed.value
    most_entries = settings.max_entries() if most_entries is None else most_entries
    # Counted on the plain values, before any model: text with more keys and items than the
    # cap's entries need never gets here (`capacity.crowded`), so neither do their costs.
    past = capacity.first_past_cap_in_values(root, most_entries)
    if past is not None:
        line, column = capacity.tree_position(parsed.tree, parsed.buffer, past)
        refusal = capacity.too_many_entries(shown, line, column, most_entries)
        return FileLoad(shown, None, fallback_plan_id, [], [refusal])
    if not isinstance(root, dict) or root.get("plan") is None:
        return None
    raw_objectives = root.get("objectives")
    if raw_objectives is not None and not isinstance(raw_objectives, list):
        return None
    try:
        plan = Plan.model_validate(root["plan"])
    except ValidationError:
        return None  # its messages quote its values, which only the located parse has exactly
    if any(key not in _TOP_LEVEL_KEYS for key in root):
        return _load_lazily(text, shown, fallback_plan_id, parsed)
    # rapidyaml's tree only places problems: dropped before the models are built (a third of
    # the peak of a large clean file), and parsed again in the rare file that has one.
    parsed.tree = parsed.buffer = None
    objectives: list[Objective] = []
    # A chunk at a time, each item on its own: a file of wrong objectives is given up at its
    # first bad chunk, without pydantic holding an error for every mistake in the file.
    items = raw_objectives or []
    for start in range(0, len(items), _COUNTING_CHUNK):
        chunk = _OBJECTIVE_OR_AS_IS.validate_python(items[start : start + _COUNTING_CHUNK])
        if not all(isinstance(outcome, Objective) for outcome in chunk):
            return _load_lazily(text, shown, fallback_plan_id, parsed)
        objectives.extend(chunk)
    lines = parsed.objective_lines() if raw_objectives is not None else []
    if lines is None:
        return None
    load = FileLoad(shown, plan, plan.id, [], [], text=text, offsets=parsed.objective_offsets)
    for objective, line in zip(objectives, lines or [], strict=True):
        objective.place(plan.id, shown, line)
    load.objectives = objectives
    return load


def _load_lazily(
    text: str, shown: str, fallback_plan_id: str, parsed: fastparse.FastParse
) -> FileLoad | None:
    """A file the fast path read whose values have problems, placed without the located parse.

    The checks are the located path's own (`_check_root`); only the positions come from
    `LazyPositions`, for the values a problem names, and so do the values of each objective
    whose mistakes are explained (a message quotes them, and the fast parse leaves a date
    under a date key as text). None, for the located parser, when the values hold what that
    parser reports itself (a list past its limit, deep nesting) or the objectives cannot be
    placed for certain.
    """
    if not _within_parser_limits(parsed.value):
        return None
    if parsed.tree is None:
        parsed.tree, parsed.buffer = fastparse.tree_of(text)
    lines = parsed.objective_lines()
    if lines is None and isinstance(parsed.value.get("objectives"), list):
        return None
    positions = LazyPositions(
        text, shown, parsed.tree, parsed.buffer, lines, parsed.objective_offsets
    )
    load = FileLoad(shown, None, fallback_plan_id, [], [], text=text, positions=positions)
    counted = _check_root(parsed.value, load)
    load.problems = cap_problems(load.problems, settings.MAX_PROBLEMS_PER_FILE, more=counted)
    load.release_positions()
    return load


def _within_parser_limits(root: Any) -> bool:
    """No list but `objectives` longer than the located parser keeps, and no deep nesting:
    the located parser cuts those short with a message of its own."""
    pending: list[tuple[Any, int]] = [(root, 1)]
    objectives = root.get("objectives") if isinstance(root, dict) else None
    while pending:
        value, depth = pending.pop()
        if depth > _SAFE_DEPTH:
            return False
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            if len(value) > MAX_ITEMS and value is not objectives:
                return False
            children = value
        else:
            continue
        deeper = depth + 1
        # (A tuple, not `dict | list`: isinstance is asked of every value of the file.)
        pending.extend((child, deeper) for child in children if isinstance(child, _CONTAINERS))
    return True


_CONTAINERS = (dict, list)


def _load_located(
    text: str, shown: str, fallback_plan_id: str, most_entries: int | None = None
) -> FileLoad:
    """Parse with positions, so that every problem names its line and column."""
    parsed = parse_in_parts(text, shown, parse_yaml(text, shown))
    most_entries = settings.max_entries() if most_entries is None else most_entries
    past = capacity.first_past_cap_in_values(parsed.value, most_entries)
    if past is not None:
        line, column = parsed.where(past)
        refusal = capacity.too_many_entries(shown, line, column, most_entries)
        problems = cap_problems(
            [*parsed.problems, refusal],
            settings.MAX_PROBLEMS_PER_FILE,
            more=parsed.more_problems,
        )
        return FileLoad(shown, None, fallback_plan_id, [], problems, parsed)
    load = FileLoad(shown, None, fallback_plan_id, [], list(parsed.problems), parsed)
    counted = parsed.more_problems + _check_root(parsed.value, load)
    load.problems = cap_problems(load.problems, settings.MAX_PROBLEMS_PER_FILE, more=counted)
    return load


def _check_root(root: Any, load: FileLoad) -> int:
    """Add the problems of the parsed values to the load; return how many were only counted."""
    shown = load.path
    problems = load.problems
    if root is None and not problems:
        problems.append(
            Problem(
                shown, 1, 1, said("the file is empty: it needs a 'plan:' section and 'objectives:'")
            )
        )
        return 0
    if root is None:
        return 0
    if not isinstance(root, dict):
        line, column = load.where()
        problems.append(
            Problem(
                shown,
                line,
                column,
                said(
                    "the top level must be a mapping with 'plan:' and 'objectives:', not {kind}",
                    kind=kind_of(root),
                ),
            )
        )
        return 0
    for key in root:
        if key not in _TOP_LEVEL_KEYS:
            hint = nearest(str(key), _TOP_LEVEL_KEYS)
            line, column = load.where(key, at_key=True)
            if hint:
                sentence = said(
                    "unknown top-level key '{key}': did you mean '{hint}'?", key=key, hint=hint
                )
            else:
                sentence = said(
                    "unknown top-level key '{key}': use 'plan:' and 'objectives:'", key=key
                )
            problems.append(Problem(shown, line, column, sentence))
    return _load_plan(root, load) + _load_objectives(root, load)


def _explained_so_far(load: FileLoad) -> int:
    """How many more errors are worth a sentence: past the cap they are only counted."""
    return max(0, settings.MAX_PROBLEMS_PER_FILE + 1 - len(load.problems))


def _pydantic_problems(
    error: ValidationError,
    load: FileLoad,
    prefix: tuple[str | int, ...],
    model: Any,
    label: Callable[[tuple[Any, ...]], str],
    limit: int,
    *,
    skip_missing: bool = False,
) -> tuple[list[Problem], int]:
    """Locate and explain up to `limit` of pydantic's errors; return them and how many remain.

    Errors about a value the parser already refused (a tag, an alias) are left out: the
    parser said it at the same place. With `skip_missing`, so are missing keys (of a section
    a syntax error cut short). Past the limit nothing is explained: a file of a million
    mistakes costs a count.
    """
    refused = load.parsed.refused if load.parsed is not None else set()
    if limit <= 0 and not refused and not skip_missing:
        return [], error.error_count()
    problems: list[Problem] = []
    remaining = 0
    for item in error.errors(include_url=False):
        loc = tuple(item.get("loc", ()))
        if (skip_missing and item.get("type") == "missing") or (*prefix, *loc) in refused:
            continue
        if len(problems) >= limit:
            remaining += 1
            continue
        at_key = item.get("type") == "extra_forbidden"
        line, column = load.where(*prefix, *loc, at_key=at_key)
        sentence, names_key = explain(item, model)
        where = label(loc[:-1] if names_key else loc)
        text = said("{where}: {sentence}", where=where, sentence=sentence) if where else sentence
        problems.append(Problem(load.path, line, column, text))
    return problems, remaining


def _objective_label(name: str | None, index: int, inner: str) -> str:
    """Which objective (by its id, else its place in the list) and which part of it."""
    if name is None:
        return f"objectives[{index}]" + (f" {inner}" if inner else "")
    if inner:
        return said("objective '{name}' {path}", name=name, path=inner)
    return said("objective '{name}'", name=name)


def _unreadable_file(error: OSError) -> str:
    return said("cannot read this file: {reason}", reason=error.strerror or str(error))


def _dotted(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _load_plan(root: dict[str, Any], load: FileLoad) -> int:
    """Validate the plan section; return how many of its errors were counted, not explained."""
    raw_plan = root.get("plan")
    if raw_plan is None:
        line, column = load.where("plan") if "plan" in root else (1, 1)
        load.problems.append(
            Problem(load.path, line, column, said("the file has no 'plan:' section: add one"))
        )
        return 0
    if isinstance(raw_plan, dict) and isinstance(raw_plan.get("id"), str):
        load.plan_id = raw_plan["id"]
    # A plan cut short by the parser (which said where) is checked for the mistakes it holds,
    # but its missing keys are no news, and it is not used.
    cut_short = load.parsed is not None and ("plan",) in load.parsed.unfinished
    try:
        plan = Plan.model_validate(raw_plan)
    except ValidationError as error:

        def label(inner: tuple[Any, ...]) -> str:
            return "plan" + (f".{_dotted(inner)}" if inner else "")

        problems, counted = _pydantic_problems(
            error, load, ("plan",), Plan, label, _explained_so_far(load), skip_missing=cut_short
        )
        load.problems.extend(problems)
        return counted
    if not cut_short:
        load.plan = plan
    return 0


def _load_objectives(root: dict[str, Any], load: FileLoad) -> int:
    """Keep every valid objective and explain the others up to the message cap.

    Returns how many errors were counted past the cap without being explained.
    """
    raw = root.get("objectives")
    if raw is None:
        return 0
    if not isinstance(raw, list):
        line, column = load.where("objectives")
        load.problems.append(
            Problem(
                load.path,
                line,
                column,
                said("'objectives' should be a list of objectives, each starting with '- id: ...'"),
            )
        )
        return 0
    unfinished = load.parsed.unfinished if load.parsed else set()
    raw_plan = root.get("plan")
    plan_id = raw_plan.get("id") if isinstance(raw_plan, dict) else None
    plan_id = plan_id if isinstance(plan_id, str) else None
    candidates: list[tuple[int, Any]] = []
    for index, item in enumerate(raw):
        if ("objectives", index) in unfinished:
            # Cut short by a syntax error or a limit: the parser said where, and the partial
            # objective would only add confusing 'missing' errors.
            load.invalid_ids.update(_raw_id(item))
            line = load.objective_line(index)
            reason = _first_problem_from(load.problems, line)
            load.unreadable.append(
                Unreadable(plan_id, next(iter(_raw_id(item)), None), load.path, line, reason)
            )
        else:
            candidates.append((index, item))
    sorted_items = _OBJECTIVE_OR_AS_IS.validate_python([item for _, item in candidates])
    kept_indices: list[int] = []
    counted = 0
    only_counted: list[tuple[int, Any]] = []
    for (index, item), outcome in zip(candidates, sorted_items, strict=True):
        if isinstance(outcome, Objective):
            outcome.place(load.plan_id, load.path, load.objective_line(index))
            load.objectives.append(outcome)
            kept_indices.append(index)
            continue
        raw_id = _raw_id(item)
        load.invalid_ids.update(raw_id)
        name = next(iter(raw_id), None)
        line = load.objective_line(index)
        limit = _explained_so_far(load)
        if limit <= 0:
            only_counted.append((index, item))
            load.unreadable.append(
                Unreadable(plan_id, name, load.path, line, "it does not match the format")
            )
            continue
        item = load.exact_item(index, item)
        try:
            _OBJECTIVE.validate_python(item)
        except ValidationError as error:

            def label(inner: tuple[Any, ...], name: str | None = name, index: int = index) -> str:
                return _objective_label(name, index, _dotted(inner) if inner else "")

            problems, more = _pydantic_problems(
                error, load, ("objectives", index), Objective, label, limit
            )
            load.problems.extend(problems)
            counted += more
            reason = problems[0].message if problems else "it does not match the format"
            load.unreadable.append(Unreadable(plan_id, name, load.path, line, reason))
            partial = _partial(item, error, load.plan_id, load.path, line)
            if partial is not None:
                objective, fields = partial
                load.partial.append(PartialObjective(index, objective, fields))
    if kept_indices != list(range(len(kept_indices))):
        load.indices = kept_indices
    return counted + _count_errors(only_counted, load.parsed.refused if load.parsed else set())


def _partial(
    item: Any, error: ValidationError, plan_id: str, shown: str, line: int
) -> tuple[Objective, frozenset[str]] | None:
    """The fields of a failed objective that validated, as an Objective for the rules.

    A field with any error is left out whole; so are keys the format does not know.
    """
    if not isinstance(item, dict):
        return None
    failed = {str(found["loc"][0]) for found in error.errors(include_url=False) if found["loc"]}
    values: dict[str, Any] = {}
    for name, adapter in _FIELD_ADAPTERS.items():
        if name in failed or name not in item:
            continue
        try:
            values[name] = adapter.validate_python(item[name])
        except ValidationError:
            continue
    objective = Objective.model_construct(**values)
    objective.place(plan_id, shown, line)
    return objective, frozenset(values)


def _first_problem_from(problems: list[Problem], line: int) -> str:
    """The sentence of the first problem at or after `line` (what cut an objective short)."""
    later = [p for p in problems if p.line >= line]
    chosen = min(later, default=None, key=lambda p: (p.line, p.column)) or (
        problems[0] if problems else None
    )
    return str(chosen.message) if chosen else "a syntax error cut it short"


def _count_errors(items: list[tuple[int, Any]], refused: set[tuple[str | int, ...]]) -> int:
    """How many problems these objectives have, past the cap, without explaining any.

    Errors about values the parser refused are not counted again; finding them needs each
    error's place, so that slower count is only made when the parser refused something.
    """
    counted = 0
    for start in range(0, len(items), _COUNTING_CHUNK):
        chunk = items[start : start + _COUNTING_CHUNK]
        try:
            _OBJECTIVES.validate_python([item for _, item in chunk])
        except ValidationError as error:
            if not refused:
                counted += error.error_count()
                continue
            for found in error.errors(
                include_url=False, include_context=False, include_input=False
            ):
                position, *inner = found["loc"]
                if ("objectives", chunk[int(position)][0], *inner) not in refused:
                    counted += 1
    return counted


def _raw_id(item: Any) -> set[str]:
    """The id an objective was given in the file, if it has a usable one."""
    raw_id = item.get("id") if isinstance(item, dict) else None
    return {raw_id} if isinstance(raw_id, str) else set()


def load_portfolio(
    path: str | os.PathLike[str] | None = None, today: date | None = None
) -> Portfolio:
    """Load a file or a folder of plan files (default: IPAP_DATA, else commitments/)."""
    return load_portfolio_and_files(path, today)[0]


@_without_gc_pauses
def load_portfolio_and_files(
    path: str | os.PathLike[str] | None = None, today: date | None = None
) -> tuple[Portfolio, list[FileLoad]]:
    """`load_portfolio`, with each file's load it was assembled from (in the portfolio's
    order), for a caller that keeps what the files gave (tracker.load.verdict)."""
    root = settings.data_path(path)
    if not root.exists():
        portfolio = Portfolio()
        portfolio.problems.append(
            Problem(
                display_path(root),
                1,
                1,
                said("no such file or folder: check the path, or set IPAP_DATA to the data folder"),
            )
        )
        return portfolio, []
    files = find_files(root)
    loads = parallel.load_files(files, [display_path(file) for file in files], load_file)
    portfolio = assemble(loads, today)
    if not files:
        portfolio.problems.append(
            Problem(display_path(root), 1, 1, said("no .yaml or .yml files in this folder"))
        )
    return portfolio, loads


def validate_document_text(text: str, shown: str) -> list[Problem]:
    """Problems of one file on its own, for checking an edit before it is written."""
    return load_text(text, shown).problems


__all__ = [
    "YAML_SUFFIXES",
    "Document",
    "FileLoad",
    "PartialObjective",
    "Portfolio",
    "Unreadable",
    "assemble",
    "display_path",
    "find_files",
    "load_file",
    "load_identity",
    "load_portfolio",
    "load_portfolio_and_files",
    "load_text",
]
