"""How much one plan file holds, counted before any model is built: past the cap it is refused.

A file's load costs a pydantic model for each objective and for each update, evidence item and
measurement under it (its "entries"), so the size limit alone does not bound it: 10 MB of short
objectives are 32,000 of them and 340 MB of models. The entries are counted in the file's order
on the plain values its parse already made (the fast path's, the located parser's), and a file
with more than `settings.max_entries()` is refused at the first one past the cap.

Text with more keys and list items than so many entries could need (`crowded`: a million
repeated keys, one list of a million items, 10 MB of one-line objectives) is not given to the
fast path at all, since rapidyaml's tree alone takes 150 bytes a node: its entries are counted
in the tree of a prefix that holds no more (`first_past_cap_in_prefix`), and when that finds
none past the cap, the located parser reads the file within its own size limit.
"""

from __future__ import annotations

from typing import Any

from tracker import settings
from tracker.i18n.sentence import Amount, said
from tracker.load.fastparse import nested_too_deep, objectives_list, tree_of
from tracker.load.views import address, line_and_column
from tracker.problems import Problem

# The lists under an objective whose items are entries; a metric's `measurements` are too.
_ENTRY_LISTS = ("updates", "evidence")
_METRIC = "metric"
_MEASUREMENTS = "measurements"
# Keys and list items a file may hold per entry of the cap before the fast path leaves it: each
# is a node of rapidyaml's tree. The decade plan has 12 marks an entry (166,000 for 13,600); twice
# that leaves room for translations, and keeps the tree of the most the fast path parses under
# 80 MB.
MARKS_PER_ENTRY = 24

Path = tuple[str | int, ...]


def structure_marks(text: str) -> int:
    """An upper bound, from the text alone, on the nodes rapidyaml builds for it: every key
    needs a ':', and every list item a '- ', a '[' or a ','; counted in C, a few ms for 10 MB."""
    return (
        text.count(":")
        + text.count("- ")
        + text.count("-\n")
        + text.count(",")
        + text.count("[")
        + text.count("{")
    )


def crowded(text: str, limit: int) -> bool:
    """Whether the text holds more keys and items than `limit` entries could (see above)."""
    return structure_marks(text) > limit * MARKS_PER_ENTRY


def first_past_cap_in_prefix(text: str, limit: int) -> tuple[int, int] | None:
    """Where the first entry past `limit` is in crowded text, found in rapidyaml's tree of a
    prefix of whole lines holding no more marks than the fast path parses: the lines before an
    entry are read the same whether the text goes on or not. None when the prefix holds no
    more entries than that (or cannot be parsed on its own)."""
    budget = limit * MARKS_PER_ENTRY
    end, marks = len(text), structure_marks(text)
    while marks > budget:  # a cut in proportion, to a line's end: two or three tries
        end = text.rfind("\n", 0, end * budget // marks) + 1
        if end <= 0:
            return None  # not one whole line within the budget
        marks = structure_marks(text[:end])
    import ryml

    if nested_too_deep(text[:end]):
        return None  # rapidyaml would build every level first
    try:
        tree, buffer = tree_of(text[:end])
    except Exception:  # rapidyaml's own errors: the prefix ends inside something
        return None
    past = first_past_cap_in_tree(tree, limit, ryml)
    return node_position(tree, buffer, past[1], ryml) if past is not None else None


def first_past_cap_in_values(root: Any, limit: int) -> Path | None:
    """The path of the first entry past `limit` in parsed values, in the file's order; None
    when the file holds no more than that."""
    objectives = root.get("objectives") if isinstance(root, dict) else None
    if not isinstance(objectives, list):
        return None
    counted = 0
    for index, objective in enumerate(objectives):
        counted += 1
        if counted > limit:
            return ("objectives", index)
        if not isinstance(objective, dict):
            continue
        held = _entries_under(objective)
        if counted + held <= limit:  # the usual case: no need to find which one is past
            counted += held
            continue
        for key, value in objective.items():
            inner: Path = (key,)
            if key == _METRIC and isinstance(value, dict):
                value, inner = value.get(_MEASUREMENTS), (key, _MEASUREMENTS)
            elif key not in _ENTRY_LISTS:
                continue
            if isinstance(value, list):
                if counted + len(value) > limit:
                    return ("objectives", index, *inner, limit - counted)
                counted += len(value)
    return None


def _entries_under(objective: dict[str, Any]) -> int:
    """How many entries one objective's values hold under it."""
    held = 0
    for key in _ENTRY_LISTS:
        value = objective.get(key)
        held += len(value) if isinstance(value, list) else 0
    metric = objective.get(_METRIC)
    if isinstance(metric, dict):
        value = metric.get(_MEASUREMENTS)
        held += len(value) if isinstance(value, list) else 0
    return held


def first_past_cap_in_tree(tree: Any, limit: int, ryml: Any) -> tuple[Path, int] | None:
    """`first_past_cap_in_values` on rapidyaml's tree, before any value is built: the path and
    the node of the first entry past `limit` (for a prefix of crowded text)."""
    if tree.size() <= limit:
        return None  # every entry is at least one node
    objectives = objectives_list(tree, ryml)
    if objectives is None:
        return None
    if tree.num_children(objectives) > limit:  # objectives enough: no need to count further
        return ("objectives", limit), tree.child(objectives, limit)
    none = ryml.NONE
    is_map, is_seq, find_child, num_children = (
        tree.is_map,
        tree.is_seq,
        tree.find_child,
        tree.num_children,
    )
    counted = 0
    index = 0
    item = tree.first_child(objectives)
    while item != none:
        counted += 1
        if counted > limit:
            return ("objectives", index), item
        if is_map(item):
            found: list[tuple[int, Path, int]] = []
            for key in _ENTRY_LISTS:
                child = find_child(item, key.encode())
                if child != none and is_seq(child):
                    found.append((child, (key,), child))
            metric = find_child(item, _METRIC.encode())
            if metric != none and is_map(metric):
                child = find_child(metric, _MEASUREMENTS.encode())
                if child != none and is_seq(child):
                    found.append((metric, (_METRIC, _MEASUREMENTS), child))
            # In the file's order: rapidyaml numbers its nodes as it meets them.
            for _order, inner, child in sorted(found):
                entries = num_children(child)
                if counted + entries > limit:
                    place = limit - counted
                    return ("objectives", index, *inner, place), tree.child(child, place)
                counted += entries
        item = tree.next_sibling(item)
        index += 1
    return None


def tree_position(tree: Any, buffer: bytearray, path: Path) -> tuple[int, int]:
    """`node_position` of the node at `path` (one `first_past_cap_in_values` gave)."""
    import ryml

    node = tree.root_id()
    for step in path:
        if isinstance(step, str):
            node = tree.find_child(node, step.encode("utf-8")) if tree.is_map(node) else ryml.NONE
        else:
            inside = tree.is_seq(node) and 0 <= step < tree.num_children(node)
            node = tree.child(node, step) if inside else ryml.NONE
        if node == ryml.NONE:
            return 1, 1  # cannot be: the values were read from this tree
    return node_position(tree, buffer, node, ryml)


def node_position(tree: Any, buffer: bytearray, node: int, ryml: Any) -> tuple[int, int]:
    """Where the located parser places a list item, from rapidyaml's tree: a block mapping at
    its first key, a flow mapping at its '{', a scalar where it starts (at its quote)."""
    base = address(buffer)
    at = None
    probe = node
    while at is None:
        if tree.is_map(probe) or tree.is_seq(probe):
            child = tree.first_child(probe)
            if child == ryml.NONE:
                break
            if tree.is_map(probe) and tree.has_key(child) and len(tree.key(child)):
                at = address(tree.key(child)) - base - tree.is_key_quoted(child)
                if tree.is_flow(probe):
                    opening = buffer.rfind(b"{", 0, at)
                    at = opening if opening >= 0 else at
                break
            probe = child
            continue
        value = tree.val(probe) if tree.has_val(probe) else None
        if value is not None and len(value):
            at = address(value) - base - tree.is_val_quoted(probe)
        break
    if at is None or not 0 <= at <= len(buffer):
        return 1, 1
    return line_and_column(buffer, at)


def too_many_entries(shown: str, line: int, column: int, limit: int) -> Problem:
    """The refusal of a file past the cap, at its first entry past it."""
    return Problem(
        shown,
        line,
        column,
        said(
            "the file holds more than {limit} entries (objectives, and the updates, evidence "
            "items and measurements under them), and this is the first past that limit: split "
            "the plan into smaller files, or raise the limit with {setting}",
            limit=Amount(limit),
            setting=settings.MAX_ENTRIES_ENV,
        ),
    )


def too_crowded(shown: str, size: int, limit: int) -> Problem:
    """The refusal of a file whose text holds more keys and items than the cap's entries need,
    too large for the located parser to say more."""
    return Problem(
        shown,
        1,
        1,
        said(
            "the file is {size} MB and holds more keys and list items than a plan of {limit} "
            "entries (objectives, and the updates, evidence items and measurements under them) "
            "needs: split the plan into smaller files, or raise the limit with {setting}",
            size=Amount(size / 1048576, 1),
            limit=Amount(limit),
            setting=settings.MAX_ENTRIES_ENV,
        ),
    )
