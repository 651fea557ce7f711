"""Which lines the round trip may write another way: only scalars, each with the very same value.

ruamel.yaml writes some scalars differently from the file (`"Ni\\u0161"` as `"Niš"`, `+1` as
`1`). A save may let such a line through, and names it to the person saving, only when
`same_value_rewrites` proves that nothing the user had can be lost; otherwise the file is
refused with CannotEdit at the first line that blocks, and nothing is written.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml as pyyaml

from tracker.edit import line_shapes
from tracker.edit.diff import changed_window
from tracker.i18n.sentence import said
from tracker.load.yamlparse import parse_yaml
from tracker.problems import Problem

try:  # libyaml's scanner: its marks count characters, as the text is indexed
    from yaml import CSafeLoader as _Scanner
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Scanner  # type: ignore[assignment]


class CannotEdit(Exception):
    """The file cannot be changed without rewriting parts the user did not touch."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Rewrite:
    """A line the writer gives back differently although every value on it stays the same."""

    line: int  # in the file, 1-based
    before: str
    after: str


def first_difference(original: str, reproduced: str, shown: str, first_line: int) -> Problem:
    before = original.splitlines()
    after = reproduced.splitlines()
    for number, (old, new) in enumerate(zip(before, after, strict=False), start=first_line):
        if old != new:
            return _line_not_kept(old, new, number, shown)
    number = min(len(before), len(after)) + first_line
    return Problem(
        shown,
        number,
        1,
        said(
            "the safe writer would change the end of the file (blank lines or a missing final "
            "line break); nothing was written. Make this change by hand in an editor"
        ),
    )


def _line_not_kept(old: str, new: str, number: int, shown: str) -> Problem:
    column = next(
        (i for i, (a, b) in enumerate(zip(old, new, strict=False), start=1) if a != b),
        min(len(old), len(new)) + 1,
    )
    return Problem(
        shown,
        number,
        column,
        said(
            "the safe writer would rewrite this line, which you did not change (YAML layout "
            "it cannot keep exactly: {line_text}); nothing was written. Make this change by "
            "hand in an editor, or write the line in the style of the rest of the file",
            line_text=repr(old.strip()[:60]),
        ),
    )


def same_value_rewrites(
    original: str, reproduced: str, shown: str, first_line: int = 1
) -> list[Rewrite]:
    """The lines `reproduced` writes differently from `original`, if only scalars differ.

    Accepted only when nothing the user had can be lost:

    - both texts have the same lines, and each line that differs keeps its indentation,
      list dashes and key (with the spaces after it);
    - no differing line holds a `#` anywhere, so no comment can move or change;
    - no character a reader would not see (a zero-width space, a right-to-left override)
      is written out where the line had it as an escape;
    - outside the scalars, the two texts are the same character for character (YAML's
      own scanner finds the scalars), so only how values are written differs;
    - read as this project reads files (tracker.load.yamlparse: PyYAML's YAML 1.1), every
      value is the same, and of the same type (1, 1.0, "1" and True all differ; a date
      stays a date).

    Otherwise CannotEdit is raised with the usual message, at the first line that blocks.
    """
    before = original.splitlines()
    after = reproduced.splitlines()
    if len(before) != len(after) or original.endswith("\n") != reproduced.endswith("\n"):
        # Point at the line that blocks, not at an escape above it that alone would pass.
        blocking = _first_blocking_line(before, after)
        if blocking is None:
            raise CannotEdit(first_difference(original, reproduced, shown, first_line))
        old, new = before[blocking], after[blocking] if blocking < len(after) else ""
        raise CannotEdit(_line_not_kept(old, new, blocking + first_line, shown))
    differing = [
        index for index, (old, new) in enumerate(zip(before, after, strict=True)) if old != new
    ]
    if not differing:
        raise CannotEdit(first_difference(original, reproduced, shown, first_line))

    def refuse(index: int) -> CannotEdit:
        return CannotEdit(_line_not_kept(before[index], after[index], index + first_line, shown))

    for index in differing:
        if not _may_differ(before[index], after[index]):
            raise refuse(index)
    old_skeleton, new_skeleton = _skeleton(original), _skeleton(reproduced)
    if old_skeleton is None or new_skeleton is None or old_skeleton != new_skeleton:
        first = _first_skeleton_difference(old_skeleton, new_skeleton)
        raise refuse(next((i for i in differing if i >= first), differing[0]))
    old_parsed, new_parsed = parse_yaml(original, shown), parse_yaml(reproduced, shown)
    if any(p.problems or p.more_problems for p in (old_parsed, new_parsed)):
        raise refuse(differing[0])
    path = first_value_difference(old_parsed.value, new_parsed.value)
    if path is not None:
        located = old_parsed.locations.get(path)
        line = located[2] - 1 if located is not None else differing[0]
        raise refuse(line if line in differing else differing[0])
    return [Rewrite(index + first_line, before[index], after[index]) for index in differing]


def _may_differ(old: str, new: str) -> bool:
    """Whether two lines could differ only in their values: same lead and key, no `#`, and
    nothing unseen written out."""
    if "#" in old or "#" in new:
        return False
    old_lead, new_lead = line_shapes.LEAD.match(old), line_shapes.LEAD.match(new)
    assert old_lead is not None and new_lead is not None  # the pattern matches any line
    if old_lead.group(0) != new_lead.group(0):
        return False
    return not any(_unseen(character) for character in set(new) - set(old))


def _unseen(character: str) -> bool:
    """A character a reader of the file or the diff would not see, or would see wrongly.

    Written as an escape (`\\u202E`) it is in plain view; written out it would hide in the
    line (a zero-width space) or reorder what the line shows (a right-to-left override).
    """
    if character == " ":
        return False
    code = ord(character)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:  # variation selectors
        return True
    return unicodedata.category(character) in _UNSEEN_CATEGORIES


# Controls, formats (bidi marks, zero-width characters), private use, unassigned, surrogates,
# and every separator but the plain space.
_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Zs"})


def _first_blocking_line(before: list[str], after: list[str]) -> int | None:
    """The 0-based line of `before` where lines are added, removed or restructured."""
    head, old_end, new_end = changed_window(before, after)
    old_window = before[head:old_end]
    new_window = after[head:new_end]
    matcher = difflib.SequenceMatcher(None, old_window, new_window, autojunk=False)
    for tag, first, last, new_first, new_last in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag != "replace" or last - first != new_last - new_first:
            return min(head + first, len(before) - 1) if before else None
        pairs = zip(old_window[first:last], new_window[new_first:new_last], strict=True)
        for index, (old, new) in enumerate(pairs, start=head + first):
            if not _may_differ(old, new):
                return index
    return None


_SCALAR_MARK = "\x00"
# Every character str.splitlines() breaks a line at, so a skeleton keeps the text's lines.
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _skeleton(text: str) -> str | None:
    """`text` with each scalar replaced by a mark (and its line breaks): what must not change.

    None when YAML's scanner cannot read the text.
    """
    pieces: list[str] = []
    position = 0
    try:
        for token in pyyaml.scan(text, Loader=_Scanner):
            if isinstance(token, pyyaml.ScalarToken):
                start, end = token.start_mark.index, token.end_mark.index
                pieces.append(text[position:start])
                breaks = "".join(c for c in text[start:end] if c in _LINE_BREAKS)
                pieces.append(_SCALAR_MARK + breaks)
                position = end
    except pyyaml.YAMLError:
        return None
    pieces.append(text[position:])
    return "".join(pieces)


def _first_skeleton_difference(old: str | None, new: str | None) -> int:
    """The 0-based line where two skeletons first differ (0 when unknown)."""
    if old is None or new is None:
        return 0
    for index, (a, b) in enumerate(zip(old.splitlines(), new.splitlines(), strict=False)):
        if a != b:
            return index
    return 0


def first_value_difference(
    old: Any, new: Any, path: tuple[str | int, ...] = ()
) -> tuple[str | int, ...] | None:
    """Where two parsed values first differ in value or type, or None when they are the same.

    Stricter than ==, for which 1, 1.0 and True are one value: scalars must have the same
    type and the same repr (so a date is never a datetime, -0.0 is not 0.0, and nan is
    nan), and mappings the same keys in the same order.
    """
    if isinstance(old, dict) or isinstance(new, dict):
        if not (isinstance(old, dict) and isinstance(new, dict)):
            return path
        if [(type(k), repr(k)) for k in old] != [(type(k), repr(k)) for k in new]:
            return path
        for key in old:
            found = first_value_difference(old[key], new[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(old, list) or isinstance(new, list):
        if not (isinstance(old, list) and isinstance(new, list)) or len(old) != len(new):
            return path
        for index, (a, b) in enumerate(zip(old, new, strict=True)):
            found = first_value_difference(a, b, (*path, index))
            if found is not None:
                return found
        return None
    if type(old) is not type(new) or repr(old) != repr(new):
        return path
    return None
