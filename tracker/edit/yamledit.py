"""Change a plan file's YAML in place so that everything a person wrote survives the edit.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and flow style, but only
when it is set up to match the file (its indentation and an unlimited line width), and
it files the blank lines and comments that follow a value under that value. Appending a
key after it would then push those comments (often the banner of the next section) above
the new key. This module sets ruamel up from the file itself, refuses a file it cannot
reproduce byte for byte, and moves such trailing lines along when it adds a key.

One difference is let through, and only when asked for: a scalar that ruamel writes
another way with the very same value (`"Ni\\u0161"` written out as `"Niš"`, `+1` as `1`).
Files written by other tools (PyYAML's `safe_dump` escapes every non-ASCII letter) would
otherwise be refused whole; tracker.edit.rewrites says exactly when that is safe.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from tracker.edit import line_shapes
from tracker.edit.rewrites import CannotEdit, Rewrite, first_difference, same_value_rewrites
from tracker.i18n.sentence import said
from tracker.problems import Problem

# Wide enough that no line is ever re-wrapped: a long note stays on its line.
_NO_WRAP = 1_000_000_000


@dataclass(frozen=True)
class Indentation:
    """ruamel's three indentation numbers, as the file itself uses them."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def detect_indentation(text: str) -> Indentation:
    """Read the indentation from the first nested mapping and the first block list item.

    A key line ending in ':' opens a block; the next content line tells how far in its
    children sit. Files written by hand differ, so guessing the project's style would
    reformat someone else's file.
    """
    mapping: int | None = None
    sequence: int | None = None
    offset: int | None = None
    opener: int | None = None  # column of the key whose block value comes next
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        item = line_shapes.ITEM.match(line)
        if opener is not None:
            if item is not None:
                if sequence is None:
                    dash = len(item.group("indent"))
                    offset = dash - opener
                    sequence = dash + 1 + len(item.group("gap")) - opener
            elif mapping is None:
                key = line_shapes.KEY.match(line)
                if key is not None:
                    mapping = len(key.group("indent")) - opener
        opener = None
        opened = line_shapes.BLOCK_OPENER.match(line)
        if opened is not None:
            opener = len(opened.group("indent")) + len(opened.group("dashes"))
        if mapping is not None and sequence is not None:
            break
    default = Indentation()
    return Indentation(
        mapping=mapping if mapping and mapping > 0 else default.mapping,
        sequence=sequence if sequence and sequence > 0 else default.sequence,
        offset=offset if offset is not None and offset >= 0 else default.offset,
    )


def float_text(value: float) -> str:
    """A float as YAML 1.1 and 1.2 both read back as the same float.

    Python writes 5e-324 and 1e+16, which YAML 1.1 (PyYAML, this project's loader) reads as
    text: its floats need a dot and a signed exponent, so they become 5.0e-324 and 1.0e+16.
    """
    text = repr(float(value))
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    if "." not in mantissa:
        mantissa += ".0"
    if exponent[0] not in "+-":
        exponent = "+" + exponent
    return f"{mantissa}e{exponent}"


class _Representer(RoundTripRepresenter):
    """ruamel's round-trip writer, with new floats written by `float_text` (a float read from
    the file keeps its own spelling: it is a ScalarFloat, not a float)."""

    def represent_float(self, data: Any) -> Any:
        if data != data or data in (float("inf"), float("-inf")):
            return super().represent_float(data)
        return self.represent_scalar("tag:yaml.org,2002:float", float_text(data))


_Representer.add_representer(float, _Representer.represent_float)


# A plain scalar on its line, up to a space, a comment or the end of a flow collection.
_PLAIN_TOKEN = re.compile(r"[^\s#,\]\}]+")


def _yaml(indentation: Indentation) -> YAML:
    """A fresh round-trip parser (instances are not safe to share between threads)."""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = _NO_WRAP
    yaml.indent(
        mapping=indentation.mapping, sequence=indentation.sequence, offset=indentation.offset
    )
    return yaml


class RoundTripDocument:
    """A plan file loaded for editing; `text()` gives the edited file back."""

    def __init__(
        self,
        text: str,
        shown: str,
        indentation: Indentation | None = None,
        first_line: int = 1,
        allow_same_value_rewrites: bool = False,
    ) -> None:
        """Load `text` and refuse it unless ruamel gives back exactly the same text.

        `first_line` is where `text` starts in the file when it is a part of it, so that
        a refusal points at the right line of the real file. With
        `allow_same_value_rewrites`, lines whose scalars ruamel only writes another way
        (see `same_value_rewrites`) are accepted and listed in `rewrites`, so the caller
        can let them change and say so.
        """
        self.shown = shown
        self.rewrites: tuple[Rewrite, ...] = ()
        self.first_line = first_line
        # A byte-order mark and Windows line ends are put back as found, so an edit made
        # here never turns into a whole-file change in git.
        self._bom = "\ufeff" if text.startswith("\ufeff") else ""
        body = text.removeprefix("\ufeff")
        self._crlf = uses_crlf(body)
        body = body.replace("\r\n", "\n") if self._crlf else body
        self._yaml = _yaml(indentation or detect_indentation(body))
        self._lines = body.split("\n")
        try:
            self.data: Any = self._yaml.load(body)
        except YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line, column = (mark.line + first_line, mark.column + 1) if mark else (first_line, 1)
            raise CannotEdit(
                Problem(
                    shown,
                    line,
                    column,
                    said("cannot read this file to change it: {error}", error=str(error)),
                )
            ) from None
        reproduced = self._dump()
        if reproduced != body:
            if not allow_same_value_rewrites:
                raise CannotEdit(first_difference(body, reproduced, shown, first_line))
            self.rewrites = tuple(same_value_rewrites(body, reproduced, shown, first_line))

    def _dump(self) -> str:
        stream = io.StringIO()
        self._yaml.dump(self.data, stream)
        return stream.getvalue()

    def text(self) -> str:
        body = self._dump()
        if self._crlf:
            body = body.replace("\n", "\r\n")
        return self._bom + body

    def objective(self, objective_id: str) -> CommentedMap | None:
        objectives = self.data.get("objectives") if isinstance(self.data, CommentedMap) else None
        if not isinstance(objectives, CommentedSeq):
            return None
        for item in objectives:
            if isinstance(item, CommentedMap) and self._id_as_written(item) == objective_id:
                return item
        return None

    def _id_as_written(self, item: CommentedMap) -> object:
        """The objective's id as the format reads it. ruamel reads by YAML 1.2, where
        `id: 08` is the number 8; the format reads YAML 1.1, where it is the text '08' (an id
        the loader accepts), so a plain scalar that is not text is taken as written."""
        value = item.get("id")
        if isinstance(value, str) or value is None:
            return value
        try:
            line, column = item.lc.value("id")
            written = _PLAIN_TOKEN.match(self._lines[line], column)
        except (KeyError, IndexError, TypeError):
            return value
        return written.group() if written else value

    def entry_style(self, list_key: str, default_flow: bool = True) -> bool:
        """Whether new entries of `list_key` should be flow style ({...} on one line).

        The nearest example wins: the same list elsewhere in the document, then any list
        of entries in it (the objectives themselves do not count), then `default_flow`.
        """
        same_list: list[CommentedMap] = []
        any_list: list[CommentedMap] = []
        for node in _walk(self.data):
            if isinstance(node, CommentedMap):
                for key, value in node.items():
                    if key == "objectives" or not isinstance(value, CommentedSeq):
                        continue
                    items = [v for v in value if isinstance(v, CommentedMap)]
                    (same_list if key == list_key else any_list).extend(items)
        for examples in (same_list, any_list):
            if examples:
                return bool(examples[-1].fa.flow_style())
        return default_flow


def _walk(node: Any) -> Iterable[Any]:
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def uses_crlf(text: str) -> bool:
    """True when every line ends in CR LF (a file saved on Windows)."""
    return "\r\n" in text and text.count("\r\n") == text.count("\n")


def make_entry(values: dict[str, Any], flow: bool, like: CommentedMap | None) -> CommentedMap:
    """A new list entry written the way its neighbours are: same style, same quoting.

    Text is left plain when the neighbour writes that key plain and the text reads back
    the same without quotes; otherwise it is double-quoted, as the project's files quote
    free text (ruamel's own choice would be single quotes).
    """
    entry = CommentedMap()
    for key, value in values.items():
        if isinstance(value, str) and not (
            _plain_beside(key, like) and line_shapes.plain_is_safe(value)
        ):
            value = DoubleQuotedScalarString(value)
        elif isinstance(value, datetime.date):
            # ruamel marks an object used twice with an anchor (&id001) and an alias: a
            # fresh date per entry keeps the file free of them, as the format requires.
            value = datetime.date.fromordinal(value.toordinal())
        entry[key] = value
    if flow:
        entry.fa.set_flow_style()
    else:
        entry.fa.set_block_style()
    return entry


def _plain_beside(key: str, like: CommentedMap | None) -> bool:
    """Whether the neighbouring entry writes this key without quotes."""
    if like is None or key not in like:
        return key not in _FREE_TEXT_KEYS
    value = like[key]
    return isinstance(value, str) and type(value) is str


_FREE_TEXT_KEYS = frozenset({"note", "title", "url", "source"})


def append_entry(parent: CommentedMap, key: str, entry: CommentedMap, order: list[str]) -> None:
    """Append `entry` to the list `parent[key]`, creating the list in its place if needed.

    The blank lines and comments that followed the list (or the key the new list goes
    after) stay below the new entry, where the reader expects them.
    """
    existing = parent.get(key)
    if isinstance(existing, CommentedSeq):
        if not existing or existing.fa.flow_style():  # `key: []` or `key: [...]`: now a block list
            trailing = _detach_after_key(parent, key)
            existing.fa.set_block_style()
        else:
            trailing = detach_trailing_lines(existing)
        existing.append(entry)
        attach_trailing_lines(existing, trailing)
        return
    sequence = CommentedSeq([entry])
    if key in parent:  # `key:` with nothing (null) after it
        trailing = _detach_after_key(parent, key)
        parent[key] = sequence
        attach_trailing_lines(sequence, trailing)
        return
    insert_key(parent, key, sequence, order)


def set_scalar(parent: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Set `parent[key]`, keeping its line's comment; a new key goes where `order` puts it."""
    if key in parent:
        parent[key] = value
    else:
        insert_key(parent, key, value, order)


def insert_key(parent: CommentedMap, key: str, value: Any, order: list[str]) -> None:
    """Insert `key` after the last present key that comes before it in `order`."""
    rank = {name: position for position, name in enumerate(order)}
    my_rank = rank.get(key, len(order))
    keys = list(parent.keys())
    position = 0
    for index, existing in enumerate(keys):
        if rank.get(existing, len(order)) <= my_rank:
            position = index + 1
    trailing: list[str] = []
    if position > 0:
        trailing = _detach_after_key(parent, keys[position - 1])
    parent.insert(position, key, value)
    if trailing:
        attach_after_key(parent, key, trailing)


def _is_block(node: Any) -> bool:
    return (
        isinstance(node, (CommentedMap, CommentedSeq))
        and len(node) > 0
        and not (node.fa.flow_style())
    )


def _detach_after_key(parent: CommentedMap, key: Any) -> list[str]:
    """The lines after `parent[key]` (blank or comment), removed from the document."""
    slot = parent.ca.items.get(key)
    lines: list[str] = []
    if slot and len(slot) > 2 and slot[2] is not None:
        lines = _split_token(slot[2])
    value = parent[key]
    if not lines and _is_block(value):
        lines = detach_trailing_lines(value)
    return lines


def detach_trailing_lines(node: CommentedBase) -> list[str]:
    """Blank and comment lines that follow the last line of a block map or list."""
    if isinstance(node, CommentedMap):
        return _detach_after_key(node, list(node.keys())[-1]) if _is_block(node) else []
    if not isinstance(node, CommentedSeq):
        return []
    lines: list[str] = []
    if _is_block(node):
        slot = node.ca.items.get(len(node) - 1)
        if slot and slot[0] is not None:
            lines = _split_token(slot[0])
        if not lines and _is_block(node[-1]):
            lines = detach_trailing_lines(node[-1])
    for token in getattr(node.ca, "end", None) or []:
        column = token.start_mark.column if token.start_mark is not None else 0
        lines.extend(_token_lines(token.value, column))
    node.ca.end = []
    return lines


def _token_lines(value: str, column: int) -> list[str]:
    """A comment token's text as whole lines; blank lines stay blank."""
    lines = []
    for number, line in enumerate(value.split("\n")[:-1] if value.endswith("\n") else [value]):
        if not line.strip():
            lines.append("")
        elif number == 0 and not line.startswith(" "):
            lines.append(" " * column + line)
        else:
            lines.append(line)
    return lines


def _split_token(token: CommentToken) -> list[str]:
    """Keep a token's first line (the comment at the end of the value's own line) in place
    and return the whole lines after it."""
    value = token.value
    cut = value.find("\n")
    if cut < 0 or cut == len(value) - 1:
        return []
    token.value = value[: cut + 1]
    rest = value[cut + 1 :]
    return ["" if not line.strip() else line for line in rest.split("\n")[:-1]] + (
        [] if rest.endswith("\n") else [rest]
    )


def attach_trailing_lines(sequence: CommentedSeq, lines: list[str]) -> None:
    """Put whole lines (blank or comment) after the last entry of a block list."""
    if not lines:
        return
    if sequence.ca.comment is None:
        sequence.ca.comment = [None, None]
    tokens = []
    for line in lines:
        if not line.strip():
            tokens.append(CommentToken("\n", CommentMark(0), None))
        else:
            column = len(line) - len(line.lstrip(" "))
            tokens.append(CommentToken(line.lstrip(" ") + "\n", CommentMark(column), None))
    sequence.ca.end = tokens


def attach_after_key(parent: CommentedMap, key: Any, lines: list[str]) -> None:
    """Put whole lines (blank or comment) after `parent[key]`, wherever its value ends."""
    value = parent[key]
    if isinstance(value, CommentedSeq) and _is_block(value):
        attach_trailing_lines(value, lines)
        return
    if isinstance(value, CommentedMap) and _is_block(value):
        attach_after_key(value, list(value.keys())[-1], lines)
        return
    text = "\n" + "".join(line + "\n" for line in lines)
    slot = parent.ca.items.setdefault(key, [None, None, None, None])
    if slot[2] is not None and slot[2].value.endswith("\n"):
        slot[2].value = slot[2].value + text[1:]
    else:
        slot[2] = CommentToken(text, CommentMark(0), None)
