"""Parse YAML text into plain values plus the line and column of every key and item.

Built on PyYAML's event stream (libyaml in C when present) rather than its constructor,
so that nothing is ever built from a tag, an alias is refused where it stands instead of
being expanded (no "billion laughs"), duplicate keys are caught instead of silently
overwritten, and every value keeps its position for the error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.resolver import Resolver

from tracker.i18n.sentence import said, said_n
from tracker.model import MAX_LIST_ITEMS
from tracker.problems import Problem
from tracker.settings import MAX_PROBLEMS_PER_FILE

try:  # libyaml's scanner and parser, with PyYAML's safe resolver; never a Python-object loader
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _EventSource  # type: ignore[assignment]

Path = tuple[str | int, ...]
# For a mapping entry: the key's line and column, then the value's; for a list item both
# pairs are the item's. All 1-based, as editors count.
Location = tuple[int, int, int, int]

MAX_DEPTH = 64
# No mapping in this format has more than a couple of dozen keys (every model forbids unknown
# ones), and no list but `objectives` needs more than a few hundred items. Past these counts the
# rest of the container is skipped, not built: a file of a million keys, repeated keys or list
# items then costs the parser's scan and one message instead of a million values, positions and
# validation errors.
MAX_KEYS = 100
MAX_ITEMS = MAX_LIST_ITEMS
_UNBOUNDED_LISTS = {("objectives",)}
# Plain scalars up to this length are resolved once per parse: keys and values such as `id`,
# `status: on-track` or `progress: 40` repeat on every objective.
_MEMO_LENGTH = 64
# Plain decimals this short are read with int() directly; longer ones take PyYAML's way, whose
# errors are caught (Python refuses to read an int of more than 4,300 digits).
_SHORT_INT = 18
_YAML_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_IMPLICIT = Resolver.yaml_implicit_resolvers
_TRUE_WORDS = {"yes", "true", "on"}


@dataclass
class ParsedYaml:
    value: Any
    locations: dict[Path, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Containers still open when a syntax error stopped the parse, or cut short by a limit (and
    # every container holding them): their content is partial.
    unfinished: set[Path] = field(default_factory=set)
    # Problems found past the per-file message cap: counted, never written out.
    more_problems: int = 0
    # Values the parser refused (a tag, an alias) and already reported: the model's complaint
    # about the same value would say the same thing twice.
    refused: set[Path] = field(default_factory=set)

    def where(self, path: Path, *, at_key: bool = False) -> tuple[int, int]:
        """The closest known position for a path: the node itself, else its nearest parent."""
        probe = tuple(path)
        while probe:
            found = self.locations.get(probe)
            if found is not None:
                return (found[0], found[1]) if at_key else (found[2], found[3])
            probe = probe[:-1]
            at_key = False
        root = self.locations.get(())
        return (root[2], root[3]) if root else (1, 1)


class _Ignored:
    """Stands for a key that cannot be kept (repeated, past the limit, or not a plain word):
    the value under it is dropped."""


def _scalar_value(event: yaml.ScalarEvent, loader: Any) -> tuple[Any, str | None]:
    """Resolve a scalar the way PyYAML's safe loader would; return (value, refused tag)."""
    tag = event.tag
    text = event.value
    if tag is None or tag == "!":
        if not event.implicit[0]:
            return text, None
        tag = _YAML_TAG + "str"
        for candidate, pattern in _IMPLICIT.get(text[:1] if text else "", ()):
            if pattern.match(text):
                tag = candidate
                break
    elif tag not in _ALLOWED_TAGS:
        return None, tag
    kind = tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else "str"
    if kind == "str":
        return text, None
    if kind == "null":
        return None, None
    if kind == "bool":
        return text.lower() in _TRUE_WORDS, None
    if kind == "merge":
        return None, "<< (merge key)"
    if (
        kind == "int"
        and len(text) <= _SHORT_INT
        and text.isdigit()
        and text.isascii()
        and (text[0] != "0" or len(text) == 1)
    ):
        return int(text), None  # plain decimal: what construct_yaml_int gives, without a node
    node = yaml.ScalarNode(tag, text)
    try:
        if kind == "int":
            return loader.construct_yaml_int(node), None
        if kind == "float":
            return loader.construct_yaml_float(node), None
        if kind == "timestamp":
            return loader.construct_yaml_timestamp(node), None
    except (ValueError, TypeError, OverflowError):
        # An impossible date such as 2019-02-30 stays text; the model says why it is wrong.
        return text, None
    return text, None


def _plain_error(error: yaml.MarkedYAMLError, text: str) -> str:
    """Turn libyaml's wording into a sentence a desk officer can act on."""
    problem = (error.problem or "").strip()
    mark = error.problem_mark
    char = ""
    if mark is not None and 0 <= mark.index < len(text):
        char = text[mark.index]
    if char == "\t" or "'\\t'" in problem or "tab" in problem.lower():
        return said(
            "a tab character is used for indentation: YAML needs spaces, so replace the tab"
        )
    if "mapping values are not allowed" in problem:
        return said(
            "a ': ' appears where a plain value was expected: put the value in quotes, "
            "or check the indentation of this line"
        )
    if "could not find expected ':'" in problem:
        return said("a key is missing its ':' (or a value spans lines): check this line")
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return said("the indentation here does not match the lines above: line keys up with spaces")
    if "did not find expected '-' indicator" in problem:
        return said("a list item does not line up with the items above: check the '- ' indentation")
    if "flow mapping" in (error.context or "") or "flow sequence" in (error.context or ""):
        return said(
            "a '{...}' or '[...]' item is not closed properly: check its commas, quotes and "
            "closing bracket"
        )
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return said("the file ends inside a quoted string or bracket: close it")
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return said("aliases (*name) are not allowed in this format: write the value out in full")
    if "cannot start any token" in problem and char:
        return said("a value cannot start with '{char}': put the value in quotes", char=char)
    if "unknown escape character" in problem:
        return said(
            "a backslash inside double quotes starts an escape YAML does not know: "
            "write \\\\ for a backslash, or use single quotes"
        )
    if "alphabetic or numeric character" in problem and "anchor" in (error.context or ""):
        return said("'&' at the start of a value marks an anchor: put the value in quotes")
    if "alphabetic or numeric character" in problem and "alias" in (error.context or ""):
        return said("'*' at the start of a value marks an alias: put the value in quotes")
    if "expected <document start>" in problem:
        return said(
            "there is more here after the data has ended (a stray closing bracket?): "
            "remove it, or check the brackets above"
        )
    context = f" {error.context}" if error.context else ""
    return said("YAML syntax error: {problem}", problem=f"{problem}{context}".strip())


def parse_yaml(text: str, path: str) -> ParsedYaml:
    """Build plain values with positions; report every structural problem, never raise."""
    result = ParsedYaml(value=None)
    problems = result.problems

    def report(problem: Problem) -> None:
        """Keep a problem while the file's messages have room; past the cap, count it."""
        if len(problems) <= MAX_PROBLEMS_PER_FILE:
            problems.append(problem)
        else:
            result.more_problems += 1

    locations = result.locations
    loader = _EventSource(text)
    # Each open container: [container, path, pending key or None, key line, key column,
    # entries met so far (keys or items, kept or not)]
    stack: list[list[Any]] = []
    # How deep the parse is inside a value it drops (past a limit, or under a key that cannot
    # be kept): such events are read and nothing is built from them.
    skipping = 0
    documents = 0
    current_mark: tuple[int, int] = (1, 1)
    # Only the first anchor and the first alias get a message each; a "billion laughs"
    # file would otherwise bury the one sentence that matters under hundreds of copies.
    repeats = {"anchor": 0, "alias": 0}
    reported = {"anchor": False, "alias": False}
    resolved: dict[str, tuple[Any, str | None]] = {}

    def refuse_reference(kind: str, name: str, line: int, column: int) -> None:
        if reported[kind]:
            repeats[kind] += 1
            return
        reported[kind] = True
        if kind == "anchor":
            report(_anchor_problem(path, line, column, name))
        else:
            report(
                Problem(
                    path,
                    line,
                    column,
                    said(
                        "alias '*{name}' is not allowed: this format has no anchors or aliases; "
                        "write the value out in full",
                        name=name,
                    ),
                )
            )

    def cut_short(frame: list[Any], line: int, column: int, message: str) -> None:
        """Report a container that is too long; it and all that holds it are incomplete."""
        report(Problem(path, line, column, message))
        own: Path = frame[1]
        result.unfinished.update(own[:end] for end in range(len(own) + 1))

    def admit(line: int, column: int) -> bool:
        """Count the next entry of the innermost container: False when it is to be dropped.

        An entry is dropped past the container's limit, and a value is dropped when its key
        could not be kept (a repeated key, a key past the limit, a list used as a key).
        """
        if not stack:
            return True
        frame = stack[-1]
        if isinstance(frame[0], list):
            frame[5] += 1
            if frame[5] <= MAX_ITEMS or frame[1] in _UNBOUNDED_LISTS:
                return True
            if frame[5] == MAX_ITEMS + 1:
                cut_short(
                    frame,
                    line,
                    column,
                    f"this list has more than {MAX_ITEMS:,} items, more than any list in this "
                    "format needs: the rest of it is skipped; split it or remove the extra items",
                )
            return False
        if frame[2] is None:  # a key
            frame[5] += 1
            if frame[5] <= MAX_KEYS:
                return True
            if frame[5] == MAX_KEYS + 1:
                cut_short(
                    frame,
                    line,
                    column,
                    f"this mapping has more than {MAX_KEYS} keys, more than any part of this "
                    "format has: the rest of it is skipped; remove the unknown or repeated keys",
                )
            frame[2], frame[3], frame[4] = _Ignored(), line, column
            return False
        if isinstance(frame[2], _Ignored):  # the value of a key that was not kept
            frame[2] = None
            return False
        return True

    def attach(value: Any, line: int, column: int) -> None:
        """Put a finished value into its parent, with its position."""
        if not stack:
            result.value = value
            locations[()] = (line, column, line, column)
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            locations[(*frame[1], len(container))] = (line, column, line, column)
            container.append(value)
            return
        if frame[2] is None:  # this value is a key
            if not isinstance(value, (str, int, float, bool)):
                shown = "empty" if value is None else f"a {type(value).__name__}"
                report(
                    Problem(
                        path,
                        line,
                        column,
                        said("a key must be a plain word, not {shown}: quote it", shown=shown),
                    )
                )
                value = _Ignored()
            elif value in container:
                first = locations.get((*frame[1], value))
                if first:
                    sentence = said(
                        "duplicate key '{key}' (first at line {first}): YAML would silently keep "
                        "only the last one, losing data; merge the two or remove one",
                        key=value,
                        first=first[0],
                    )
                else:
                    sentence = said(
                        "duplicate key '{key}': YAML would silently keep only the last one, "
                        "losing data; merge the two or remove one",
                        key=value,
                    )
                report(Problem(path, line, column, sentence))
                value = _Ignored()
            frame[2], frame[3], frame[4] = value, line, column
            return
        key = frame[2]
        frame[2] = None
        container[key] = value
        locations[(*frame[1], key)] = (frame[3], frame[4], line, column)

    def child_path() -> Path:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame[0], list):
            return (*frame[1], len(frame[0]))
        return (*frame[1], frame[2])

    def too_deep(line: int, column: int) -> ParsedYaml:
        report(_too_deep_problem(path, line, column))
        result.value = None
        result.unfinished.add(())
        return result

    try:
        while True:
            event = loader.get_event()
            mark = event.start_mark
            line, column = mark.line + 1, mark.column + 1
            current_mark = (line, column)
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if skipping or not admit(line, column):
                    continue
                if event.anchor is not None:
                    refuse_reference("anchor", event.anchor, line, column)
                text_value = event.value
                if event.tag is None and event.implicit[0] and len(text_value) <= _MEMO_LENGTH:
                    found = resolved.get(text_value)
                    if found is None:
                        found = _scalar_value(event, loader)
                        if len(resolved) < 4096:
                            resolved[text_value] = found
                    value, refused = found
                else:
                    value, refused = _scalar_value(event, loader)
                if refused is not None:
                    report(_tag_problem(path, line, column, refused))
                    result.refused.add(child_path())
                attach(value, line, column)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if skipping:
                    skipping += 1
                    if len(stack) + skipping > MAX_DEPTH:
                        return too_deep(line, column)
                    continue
                if event.anchor is not None:
                    refuse_reference("anchor", event.anchor, line, column)
                tag_refused = event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS
                if tag_refused:
                    report(_tag_problem(path, line, column, event.tag))
                if len(stack) >= MAX_DEPTH:
                    return too_deep(line, column)
                if not admit(line, column):
                    skipping = 1
                    continue
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    # A list or mapping used as a key: skip it, and the value it would name.
                    report(
                        Problem(
                            path, line, column, "a key must be a plain word, not a list or mapping"
                        )
                    )
                    stack[-1][2:5] = [_Ignored(), line, column]
                    skipping = 1
                    continue
                container: Any = {} if kind is yaml.MappingStartEvent else []
                own_path = child_path()
                if tag_refused:
                    result.refused.add(own_path)
                # Attach now so a syntax error later still leaves the partial tree in place.
                attach(container, line, column)
                stack.append([container, own_path, None, 0, 0, 0])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                if skipping:
                    skipping -= 1
                else:
                    stack.pop()
            elif kind is yaml.AliasEvent:
                if skipping or not admit(line, column):
                    continue
                refuse_reference("alias", event.anchor, line, column)
                result.refused.add(child_path())
                attach(None, line, column)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    report(
                        Problem(
                            path,
                            line,
                            column,
                            "a second YAML document ('---') starts here: keep one plan per file",
                        )
                    )
                    break
            elif kind is yaml.StreamEndEvent:
                break
    except yaml.MarkedYAMLError as error:
        if _is_depth_refusal(error):
            return _refused_for_depth(text, path, error, result)
        error_mark = error.problem_mark or error.context_mark
        line, column = (error_mark.line + 1, error_mark.column + 1) if error_mark else current_mark
        report(Problem(path, line, column, _plain_error(error, text)))
        result.unfinished.update(frame[1] for frame in stack)
        result.unfinished.add(())
    except yaml.reader.ReaderError as error:  # control characters and the like
        position = max(0, min(error.position, len(text)))
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        report(
            Problem(
                path,
                line,
                column,
                f"cannot read this as YAML: the control character {character} is not allowed "
                "in the text; remove it",
            )
        )
        result.unfinished.add(())
    except yaml.YAMLError as error:
        report(Problem(path, *current_mark, f"cannot read this as YAML: {error}"))
        result.unfinished.add(())
    more = repeats["anchor"] + repeats["alias"]
    if more:
        report(
            Problem(
                path,
                *current_mark,
                said_n(
                    "{count} more anchor or alias in this file, refused without expanding it",
                    "{count} more anchors or aliases in this file, refused without expanding them",
                    more,
                ),
            )
        )
    return result


def _too_deep_problem(path: str, line: int, column: int) -> Problem:
    return Problem(
        path,
        line,
        column,
        said(
            "the data is nested more than {depth} levels deep; this format needs only a few levels",
            depth=MAX_DEPTH,
        ),
    )


def _is_depth_refusal(error: yaml.MarkedYAMLError) -> bool:
    """libyaml's own nesting limit (PyYAML 6.0.4 on): its scanner refuses deep brackets while
    reading ahead, before the events that would have tripped the tracker's own check."""
    return "maximum nesting depth" in (error.problem or "")


def _refused_for_depth(
    text: str, path: str, error: yaml.MarkedYAMLError, partial: ParsedYaml
) -> ParsedYaml:
    """The tracker's own answer for a file libyaml refused as too deep, at the same place.

    The text before the opener libyaml refused is parsed again: it holds fewer levels than
    libyaml's limit and more than the tracker's, so the tracker's check fires where it would
    without libyaml's limit, with its own sentence. Costs a second parse of that part only.
    """
    mark = error.problem_mark or error.context_mark
    cut = _offset_of(text, mark.line, mark.column) if mark is not None else len(text)
    if cut < len(text):  # each parse again is of a shorter text, so this always ends
        again = parse_yaml(text[:cut], path)
        last = again.problems[-1] if again.problems else None
        if last is not None and last.message == _too_deep_problem(path, 1, 1).message:
            return again
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    partial.problems.append(_too_deep_problem(path, line, column))
    partial.value = None
    partial.unfinished.add(())
    return partial


def _offset_of(text: str, line: int, column: int) -> int:
    """The index in the text of a 0-based line and column (as libyaml marks count them)."""
    start = 0
    for _ in range(line):
        found = text.find("\n", start)
        if found == -1:
            return len(text)
        start = found + 1
    return min(start + column, len(text))


def _anchor_problem(path: str, line: int, column: int, anchor: str) -> Problem:
    return Problem(
        path,
        line,
        column,
        said(
            "anchor '&{anchor}' is not allowed: this format has no anchors or aliases; remove it "
            "and write values out in full",
            anchor=anchor,
        ),
    )


def _tag_problem(path: str, line: int, column: int, tag: str) -> Problem:
    shown = tag.replace(_YAML_TAG, "!!")
    if "python/" in tag:
        return Problem(
            path,
            line,
            column,
            said(
                "the tag '{tag}' asks YAML to build a Python object; it is refused and nothing is "
                "built: remove the tag",
                tag=shown,
            ),
        )
    return Problem(
        path,
        line,
        column,
        said(
            "the tag '{tag}' is not part of this format: remove it and write a plain value",
            tag=shown,
        ),
    )
