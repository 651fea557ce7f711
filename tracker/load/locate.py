"""Positions for a file the fast path read, found only when a problem asks for one.

The located parser places every value but walks libyaml's events in Python (about 1 s a MB);
a clean file read by the fast path needs positions only for the few values a rule or the
schema complains about. So they are found on demand, each the way that costs least and still
gives exactly what the located parser would:

- a plain or quoted scalar (a key, or a value on its key's line): from rapidyaml's tree, whose
  scalars are views of the parsed text, so a view's offset is its line and column; inside an
  objective whose line is known (the fast path's or the cache's), from rapidyaml's tree of that
  objective's own lines, so that a warning about one objective does not parse the whole file;
- anything else inside an objective (a list or mapping, an empty value, a block scalar, a
  missing key's nearest parent): the located parser on that objective's own lines, found by
  its `- ` item line and parsed as `recover` parses a part;
- anything else (the plan section, a file laid out unusually): the located parser on the whole
  file, as before, once.

Only text the fast path accepted is given here: for it the located parser reports no problem
and means the same values, so its positions are the ones to match (tests/load/test_locate.py
compares every position of many files).
"""

from __future__ import annotations

import re
import threading
import weakref
from bisect import bisect_left
from typing import Any

from tracker.load.fastparse import normalised, quiet_stderr
from tracker.load.recover import parse_part
from tracker.load.views import address, line_and_column
from tracker.load.yamlparse import ParsedYaml, Path, parse_yaml

_QUOTES = (ord('"'), ord("'"))


# rapidyaml's tree of a 2 MB file takes some 20 MB, and the rules ask about every file of a
# portfolio: only the files asked about last keep theirs (the rules go file by file, so a
# dropped tree is seldom needed again; if it is, it is parsed again). Every question is
# answered under this lock, so no tree is dropped while it is being read.
_MOST_TREES = 2
_TREES_LOCK = threading.RLock()
_HOLDING: list[weakref.ref[LazyPositions]] = []


def _hold(positions: LazyPositions) -> None:
    """Count `positions` among those holding a tree, dropping the oldest past the limit."""
    alive = [ref for ref in _HOLDING if (held := ref()) is not None and held is not positions]
    while len(alive) >= _MOST_TREES:
        oldest = alive.pop(0)()
        if oldest is not None:
            oldest.release()
    _HOLDING[:] = [*alive, weakref.ref(positions)]


class _Unsure(Exception):
    """The tree cannot tell this position for certain: ask the located parser."""


class LazyPositions:
    """`ParsedYaml.where` for a clean file, without parsing more of it than a question needs."""

    def __init__(
        self,
        text: str | None,
        path: str,
        tree: Any = None,
        buffer: bytearray | None = None,
        objective_lines: list[int] | None = None,
        objective_offsets: list[int] | None = None,
        *,
        encoded: bytes | None = None,
    ):
        """`tree` and `buffer`, the fast path's parse of this text, save parsing it again;
        `objective_lines`, its line of each objective, saves placing them one by one, and
        `objective_offsets`, where each one's first key is in the text's UTF-8, saves finding
        an objective's lines by counting line breaks. `encoded` may stand for `text`: the
        UTF-8 of the text as the fast path read it (no byte order mark, no CR), which a file's
        load keeps anyway, so that a question about one objective decodes nothing."""
        self._given_text = normalised(text) if text is not None else None
        self._objective_lines = objective_lines
        offsets_fit = objective_lines is not None and objective_offsets is not None
        self._objective_offsets = (
            objective_offsets
            if offsets_fit and len(objective_offsets) == len(objective_lines)  # type: ignore[arg-type]
            else None
        )
        self._path = path
        self._tree = tree
        self._buffer = buffer
        self._encoded = encoded
        self._original: bytes | None = encoded
        self._line_ends: Any = None
        self._parts: dict[int, ParsedYaml | None] = {}
        self._starts: list[int] | None = None
        self._lines: list[str] | None = None
        self._base: int | None = None
        self._children: dict[int, list[int]] = {}
        self._slices: dict[int, _Slice | None] = {}
        self._slices_made = 0
        self.whole: ParsedYaml | None = None

    @property
    def _text(self) -> str:
        """The text, decoded from `encoded` only when a question needs the located parser."""
        if self._given_text is None:
            assert self._encoded is not None
            self._given_text = self._encoded.decode("utf-8")
        return self._given_text

    def where(self, path: Path, *, at_key: bool = False) -> tuple[int, int]:
        with _TREES_LOCK:  # another file's question may drop this one's tree (see _hold)
            return self._where(path, at_key)

    def _where(self, path: Path, at_key: bool) -> tuple[int, int]:
        if self.whole is not None:
            return self.whole.where(path, at_key=at_key)
        if self._tree is None and len(path) >= 3 and path[0] == "objectives" and self._sliced():
            try:
                return self._from_slice(path, at_key)
            except _Unsure:
                pass
        try:
            return self._from_tree(path, at_key)
        except _Unsure:
            pass
        if len(path) >= 2 and path[0] == "objectives" and isinstance(path[1], int):
            part = self._part(path[1])
            if part is not None:
                return part.where(("objectives", 0, *path[2:]), at_key=at_key)
        self.whole = parse_yaml(self._text, self._path)
        self.release()
        return self.whole.where(path, at_key=at_key)

    def objective_line(self, index: int) -> int:
        known = self._objective_lines
        if self.whole is None and known is not None and 0 <= index < len(known):
            return known[index]
        return self.where(("objectives", index))[0]

    def exact_item(self, index: int) -> Any:
        with _TREES_LOCK:
            return self._exact_item(index)

    def _exact_item(self, index: int) -> Any:
        """Objective `index` as the located parser reads it (dates as dates, not text)."""
        part = self._part(index) if self.whole is None else None
        if part is not None:
            return part.value["objectives"][0]
        if self.whole is None:
            self.whole = parse_yaml(self._text, self._path)
            self.release()
        items = self.whole.value.get("objectives") if isinstance(self.whole.value, dict) else None
        return items[index] if isinstance(items, list) and 0 <= index < len(items) else None

    def release(self) -> None:
        """Drop rapidyaml's tree and the text's copies (tens of MB for a large file); a later
        question parses again."""
        self._tree = self._buffer = self._line_ends = self._base = None
        self._original = self._encoded
        self._lines = None
        self._children = {}
        self._slices = {}

    # -- from rapidyaml's tree -------------------------------------------------------------

    def _from_tree(self, path: Path, at_key: bool) -> tuple[int, int]:
        if not path:
            raise _Unsure
        tree = self._ensure_tree()
        node = self._node(tree, tree.root_id(), path)
        view, quoted, key = self._scalar_of(tree, node, at_key)
        return self._scalar_position(view, quoted, key=key)

    def _node(self, tree: Any, node: int, path: Path) -> int:
        import ryml

        for step in path:
            if isinstance(step, str) and tree.is_map(node):
                child = tree.find_child(node, step.encode("utf-8"))
            elif isinstance(step, int) and not isinstance(step, bool) and tree.is_seq(node):
                if tree is self._tree:
                    items = self._items(node)
                    child = items[step] if 0 <= step < len(items) else ryml.NONE
                else:  # an objective's own tree: a short list
                    inside = 0 <= step < tree.num_children(node)
                    child = tree.child(node, step) if inside else ryml.NONE
            else:
                raise _Unsure
            if child == ryml.NONE:
                raise _Unsure  # a missing key: its nearest parent is a container
            node = child
        return node

    @staticmethod
    def _scalar_of(tree: Any, node: int, at_key: bool) -> tuple[Any, bool, bool]:
        """The view of the scalar a position names, whether it is quoted, and whether a key."""
        if at_key and tree.has_key(node):
            return tree.key(node), tree.is_key_quoted(node), True
        if not tree.is_keyval(node) and not (tree.is_val(node) and not tree.has_key(node)):
            raise _Unsure  # a list or mapping: where it starts depends on its style
        if tree.is_val_literal(node) or tree.is_val_folded(node):
            raise _Unsure  # libyaml places a block scalar at its '|' or '>'
        value = tree.val(node)
        if value is None or len(value) == 0:
            raise _Unsure  # an empty value is placed where the next token starts
        return value, tree.is_val_quoted(node), False

    # -- from rapidyaml's tree of one objective's lines ----------------------------------------

    def _from_slice(self, path: Path, at_key: bool) -> tuple[int, int]:
        index = path[1]
        if not isinstance(index, int) or isinstance(index, bool):
            raise _Unsure
        piece = self._slices.get(index, _NOT_YET)
        if piece is _NOT_YET:
            # Only the objective asked last keeps its tree: the rules ask one at a time.
            piece = self._slice(index)
            self._slices = {index: piece}
        if piece is None:
            raise _Unsure
        node = self._node(piece.tree, piece.item, path[2:])
        view, quoted, key = self._scalar_of(piece.tree, node, at_key)
        return piece.position(view, quoted, key=key)

    def _sliced(self) -> bool:
        """Whether one more question may be answered from an objective's own lines.

        With each objective's offset known (the fast path's, the cache's), always: finding its
        lines costs two searches back for a line break, and its parse some tens of
        microseconds, a fraction of what one question of the whole file's tree costs once the
        tree is parsed. Without the offsets its lines are found from a list of every line
        break, so the first few questions of a file are (a file with a handful of warnings,
        or an edit, never parses the whole file), the rest from the whole file's tree, since
        a few hundred slices found so cost as much as its whole parse (measured on the 10
        files x 1,000)."""
        if self._objective_offsets is not None:
            return True
        self._slices_made += 1
        size = len(self._encoded) if self._encoded is not None else len(self._text)
        return self._slices_made <= max(16, size // 65536)

    def _slice(self, index: int) -> _Slice | None:
        """Objective `index`'s lines parsed on their own, when they are certainly all of it.

        Its lines run from its item's line ('  - id: ...', known from the tree that placed it)
        to the next objective's; they are read alone only when every line after the first is
        blank, a comment or indented past the item's dash (so the last objective takes no
        top-level key after it), and rapidyaml reads them as a list of one mapping whose first
        key is on the first line: then each scalar is the same view of the same text.
        """
        known = self._objective_lines
        if known is None or not 0 <= index < len(known):
            return None
        bounds = self._objective_bounds(index)
        if bounds is None:
            return None
        first, start, end = bounds
        assert self._original is not None
        text = self._original[start:end]
        head = text.partition(b"\n")[0]
        dash = len(head) - len(head.lstrip(b" "))
        if not head[dash:].startswith((b"- ", b"-\n")) and head[dash:] != b"-":
            return None
        if _outdented(dash).search(text) is not None:
            return None
        import ryml

        buffer = bytearray(text)
        try:
            with quiet_stderr():
                tree = ryml.parse_in_place(buffer)
        except Exception:
            return None
        root = tree.root_id()
        item = tree.first_child(root) if tree.is_seq(root) else ryml.NONE
        if item == ryml.NONE or tree.next_sibling(item) != ryml.NONE:
            return None  # not a list of one item
        if not tree.is_map(item) or not tree.has_children(item):
            return None
        piece = _Slice(tree, buffer, text, item, first)
        try:
            view, quoted, key = self._scalar_of(tree, tree.first_child(item), True)
            line, _ = piece.position(view, quoted, key=key)
        except _Unsure:
            return None
        return piece if line == first + 1 else None

    def _objective_bounds(self, index: int) -> tuple[int, int, int] | None:
        """Objective `index`'s first line (0-based) and the byte range of its lines: from the
        start of its first key's line to the start of the next objective's."""
        known = self._objective_lines
        assert known is not None
        offsets = self._objective_offsets
        first = known[index] - 1
        if offsets is not None:
            original = self._original_bytes()
            at = offsets[index]
            if not 0 <= at < len(original):
                return None
            start = original.rfind(b"\n", 0, at) + 1
            if index + 1 < len(known):
                following = offsets[index + 1]
                if not at < following <= len(original):
                    return None
                end = original.rfind(b"\n", 0, following) + 1
            else:
                end = len(original)
            return (first, start, end) if start < end else None
        ends = self._line_ends_of_text()
        last = known[index + 1] - 1 if index + 1 < len(known) else len(ends) + 1
        if not 0 <= first < last <= len(ends) + 1:
            return None
        start = ends[first - 1] + 1 if first else 0
        end = ends[last - 1] + 1 if last <= len(ends) else len(self._original_bytes())
        return first, start, end

    def _items(self, node: int) -> list[int]:
        """A list's items by place: rapidyaml finds the n-th child by walking n siblings, and
        a rule asks of every objective in turn."""
        found = self._children.get(node)
        if found is None:
            import ryml

            tree = self._tree
            found = []
            child = tree.first_child(node)
            while child != ryml.NONE:
                found.append(child)
                child = tree.next_sibling(child)
            self._children[node] = found
        return found

    def _scalar_position(self, view: Any, quoted: bool, *, key: bool) -> tuple[int, int]:
        if view is None or len(view) == 0:
            raise _Unsure
        assert self._buffer is not None and self._original is not None
        if self._base is None:
            self._base = address(self._buffer)
        offset = address(view) - self._base
        if not 0 <= offset < len(self._original):
            raise _Unsure
        if quoted:
            offset -= 1
            if offset < 0 or self._original[offset] not in _QUOTES:
                raise _Unsure
        elif self._original[offset] in _QUOTES and key:
            raise _Unsure
        line_ends = self._line_ends_of_text()
        line = bisect_left(line_ends, offset) + 1
        start = line_ends[line - 2] + 1 if line > 1 else 0
        prefix = self._original[start:offset]
        column = (len(prefix) if prefix.isascii() else len(prefix.decode("utf-8"))) + 1
        return line, column

    def _original_bytes(self) -> bytes:
        """The text's UTF-8: what rapidyaml parses and every offset counts in."""
        if self._original is None:
            self._original = self._text.encode("utf-8")
        return self._original

    def _line_ends_of_text(self) -> list[int]:
        """Where each line break of the text is, in its UTF-8 bytes (ascending)."""
        if self._line_ends is None:
            text = self._original_bytes()
            self._line_ends = [found.start() for found in _LINE_BREAK.finditer(text)]
        return self._line_ends

    def _ensure_tree(self) -> Any:
        import ryml

        self._line_ends_of_text()
        if self._tree is None or self._buffer is None:
            _hold(self)
            self._buffer = bytearray(self._original)
            try:
                with quiet_stderr():
                    self._tree = ryml.parse_in_place(self._buffer)
            except Exception as error:  # accepted before: only a changed rapidyaml gets here
                raise _Unsure from error
        return self._tree

    # -- from the located parser, one objective at a time -----------------------------------

    def _part(self, index: int) -> ParsedYaml | None:
        if index in self._parts:
            return self._parts[index]
        starts = self._part_starts()
        part = None
        if starts is not None and 0 <= index < len(starts):
            assert self._lines is not None
            end = starts[index + 1] if index + 1 < len(starts) else len(self._lines)
            part = parse_part(self._lines, starts[index], end, self._path)
            items = part.value.get("objectives") if isinstance(part.value, dict) else None
            if part.problems or not isinstance(items, list) or len(items) != 1:
                part = None  # read otherwise than in the whole file: trust the whole file
        self._parts[index] = part
        return part

    def _part_starts(self) -> list[int] | None:
        """The 0-based first line of each objective, when the tree confirms every one."""
        if self._starts is not None:
            return self._starts or None
        self._lines = self._text.splitlines(keepends=True)
        try:
            starts = self._item_lines()
        except _Unsure:
            starts = []
        self._starts = starts
        return starts or None

    def _item_lines(self) -> list[int]:
        """Lines that start an item at the objectives' indentation ('  - '), each confirmed
        against the tree: as many as it has objectives, each holding its objective's first key."""
        import ryml

        tree = self._ensure_tree()
        root = tree.root_id()
        node = tree.find_child(root, b"objectives") if tree.is_map(root) else ryml.NONE
        if node == ryml.NONE or not tree.is_seq(node) or tree.num_children(node) == 0:
            raise _Unsure
        lines = self._lines or []
        items = self._items(node)
        key_lines = self._objective_lines
        if key_lines is None or len(key_lines) != len(items):
            key_lines = [self._first_key(item)[0] for item in items]
        line, column = self._first_key(items[0])
        if line != key_lines[0]:
            raise _Unsure
        prefix = lines[line - 1][: column - 1]
        dash = prefix.find("-")
        if dash < 0 or prefix[:dash].strip(" "):
            raise _Unsure  # the dash is on a line of its own: leave it to the whole file
        opener = prefix[:dash] + "-"
        objectives_key = self._scalar_position(tree.key(node), tree.is_key_quoted(node), key=True)
        starts = [
            number
            for number in range(objectives_key[0], len(lines))
            if lines[number].startswith(opener)
            and lines[number][dash + 1 : dash + 2] in (" ", "\n", "")
        ]
        if len(starts) != len(key_lines):
            raise _Unsure
        bounds = [*starts, len(lines)]
        for number, key_line in enumerate(key_lines):
            if not bounds[number] < key_line <= bounds[number + 1]:
                raise _Unsure
        return starts

    def _first_key(self, item: int) -> tuple[int, int]:
        """Where an objective's first key is: the line its mapping starts on."""
        tree = self._tree
        if not tree.is_map(item) or not tree.has_children(item):
            raise _Unsure
        first = tree.first_child(item)
        return self._scalar_position(tree.key(first), tree.is_key_quoted(first), key=True)


_NOT_YET: Any = object()
_LINE_BREAK = re.compile(b"\n")
_OUTDENTED: dict[int, re.Pattern[bytes]] = {}


def _outdented(dash: int) -> re.Pattern[bytes]:
    """A later line that is not blank, not a comment, and indented no further than the dash."""
    found = _OUTDENTED.get(dash)
    if found is None:
        found = _OUTDENTED[dash] = re.compile(rb"\n {0,%d}[^ \n#]" % dash)
    return found


class _Slice:
    """rapidyaml's tree of one objective's lines, which begin at line `first` (0-based)."""

    def __init__(self, tree: Any, buffer: bytearray, text: bytes, item: int, first: int):
        self.tree, self.buffer, self.text, self.item, self.first = tree, buffer, text, item, first
        self._base = address(buffer)

    def position(self, view: Any, quoted: bool, *, key: bool) -> tuple[int, int]:
        """(line, column) in the whole file, as `LazyPositions._scalar_position` gives them."""
        if view is None or len(view) == 0:
            raise _Unsure
        offset = address(view) - self._base
        text = self.text
        if not 0 <= offset < len(text):
            raise _Unsure
        if quoted:
            offset -= 1
            if offset < 0 or text[offset] not in _QUOTES:
                raise _Unsure
        elif text[offset] in _QUOTES and key:
            raise _Unsure
        line, column = line_and_column(text, offset)
        return self.first + line, column
