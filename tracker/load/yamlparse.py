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

from tracker.i18n.sentence import Amount, said, said_n
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
    if "invalid Unicode character escape code" in problem:  # libyaml: a surrogate, or too big
        return said(
            "this escape in double quotes (\\u or \\U) is not a character: half of a UTF-16 "
            "pair, or past U+10FFFF; write the character itself in its place (text typed in a "
            "terminal that is not UTF-8 comes out this way)"
        )
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
    return _LocatedParser(text, path).parse()


@dataclass(slots=True)
class _Frame:
    """One container still open: what the next event goes into."""

    container: Any  # the dict or list being filled
    path: Path
    is_list: bool
    # In a mapping: the key whose value comes next, or None when the next scalar is a key
    # (an _Ignored when that value is to be dropped), with the key's line and column.
    key: Any = None
    key_line: int = 0
    key_column: int = 0
    # Entries met so far, keys or items, kept or not: the limits count these.
    entries: int = 0


class _Stop(Exception):
    """The parse is over before the end of the stream: a second document starts."""


class _TooDeep(Exception):
    """The parse is over, nesting too deep: nothing more is said about the file."""


class _LocatedParser:
    """Walks PyYAML's events once, one method per kind of event, building values and positions.

    The open containers are a stack of `_Frame`s; a value dropped (past a limit, or under a key
    that cannot be kept) is read but not built, `skipping` counting how deep inside it the
    parse is.
    """

    __slots__ = (
        "documents",
        "loader",
        "locations",
        "path",
        "repeats",
        "reported",
        "resolved",
        "result",
        "skipping",
        "stack",
        "text",
    )

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.result = ParsedYaml(value=None)
        self.loader = _EventSource(text)
        self.stack: list[_Frame] = []
        self.skipping = 0
        self.documents = 0
        # Only the first anchor and the first alias get a message each; a "billion laughs"
        # file would otherwise bury the one sentence that matters under hundreds of copies.
        self.repeats = {"anchor": 0, "alias": 0}
        self.reported = {"anchor": False, "alias": False}
        self.resolved: dict[str, tuple[Any, str | None]] = {}
        self.locations = self.result.locations

    def parse(self) -> ParsedYaml:
        """Read every event up to the end of the stream; a syntax error ends it with a problem."""
        result = self.result
        text = self.text
        get_event = self.loader.get_event
        handlers = _HANDLERS
        current_mark: tuple[int, int] = (1, 1)
        try:
            while True:
                event = get_event()
                mark = event.start_mark
                line, column = current_mark = mark.line + 1, mark.column + 1
                handler = handlers.get(type(event))
                if handler is not None:
                    handler(self, event, line, column)
                elif type(event) is yaml.StreamEndEvent:
                    break
        except _TooDeep:
            return result
        except _Stop:
            pass
        except yaml.MarkedYAMLError as error:
            if _is_depth_refusal(error):
                return _refused_for_depth(text, self.path, error, result)
            error_mark = error.problem_mark or error.context_mark
            line, column = (
                (error_mark.line + 1, error_mark.column + 1) if error_mark else current_mark
            )
            self.report(Problem(self.path, line, column, _plain_error(error, text)))
            result.unfinished.update(frame.path for frame in self.stack)
            result.unfinished.add(())
        except yaml.reader.ReaderError as error:  # control characters and the like
            position = max(0, min(error.position, len(text)))
            line = text.count("\n", 0, position) + 1
            column = position - (text.rfind("\n", 0, position) + 1) + 1
            character = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
            self.report(
                Problem(
                    self.path,
                    line,
                    column,
                    said(
                        "cannot read this as YAML: the control character {character} is not "
                        "allowed in the text; remove it",
                        character=character,
                    ),
                )
            )
            result.unfinished.add(())
        except yaml.YAMLError as error:
            self.report(
                Problem(
                    self.path,
                    *current_mark,
                    said("cannot read this as YAML: {error}", error=str(error)),
                )
            )
            result.unfinished.add(())
        more = self.repeats["anchor"] + self.repeats["alias"]
        if more:
            self.report(
                Problem(
                    self.path,
                    *current_mark,
                    said_n(
                        "{count} more anchor or alias in this file, refused without expanding it",
                        "{count} more anchors or aliases in this file, refused without expanding "
                        "them",
                        more,
                    ),
                )
            )
        return result

    # One method per kind of event.

    def scalar(self, event: yaml.ScalarEvent, line: int, column: int) -> None:
        if self.skipping or not self.admit(line, column):
            return
        if event.anchor is not None:
            self.refuse_reference("anchor", event.anchor, line, column)
        text_value = event.value
        if event.tag is None and event.implicit[0] and len(text_value) <= _MEMO_LENGTH:
            resolved = self.resolved
            found = resolved.get(text_value)
            if found is None:
                found = _scalar_value(event, self.loader)
                if len(resolved) < 4096:
                    resolved[text_value] = found
            value, refused = found
        else:
            value, refused = _scalar_value(event, self.loader)
        if refused is not None:
            self.report(_tag_problem(self.path, line, column, refused))
            self.result.refused.add(self.child_path())
        self.attach(value, line, column)

    def collection_start(self, event: yaml.CollectionStartEvent, line: int, column: int) -> None:
        """A mapping or a list opens."""
        stack = self.stack
        if self.skipping:
            self.skipping += 1
            if len(stack) + self.skipping > MAX_DEPTH:
                self.too_deep(line, column)
            return
        if event.anchor is not None:
            self.refuse_reference("anchor", event.anchor, line, column)
        tag_refused = event.tag not in (None, "!") and event.tag not in _ALLOWED_TAGS
        if tag_refused:
            self.report(_tag_problem(self.path, line, column, event.tag))
        if len(stack) >= MAX_DEPTH:
            self.too_deep(line, column)
        if not self.admit(line, column):
            self.skipping = 1
            return
        if stack and not stack[-1].is_list and stack[-1].key is None:
            # A list or mapping used as a key: skip it, and the value it would name.
            self.report(
                Problem(
                    self.path,
                    line,
                    column,
                    said("a key must be a plain word, not a list or mapping"),
                )
            )
            frame = stack[-1]
            frame.key, frame.key_line, frame.key_column = _Ignored(), line, column
            self.skipping = 1
            return
        is_list = type(event) is yaml.SequenceStartEvent
        container: Any = [] if is_list else {}
        own_path = self.child_path()
        if tag_refused:
            self.result.refused.add(own_path)
        # Attach now so a syntax error later still leaves the partial tree in place.
        self.attach(container, line, column)
        stack.append(_Frame(container, own_path, is_list))

    def collection_end(self, event: yaml.CollectionEndEvent, line: int, column: int) -> None:
        if self.skipping:
            self.skipping -= 1
        else:
            self.stack.pop()

    def alias(self, event: yaml.AliasEvent, line: int, column: int) -> None:
        if self.skipping or not self.admit(line, column):
            return
        self.refuse_reference("alias", event.anchor, line, column)
        self.result.refused.add(self.child_path())
        self.attach(None, line, column)

    def document_start(self, event: yaml.DocumentStartEvent, line: int, column: int) -> None:
        self.documents += 1
        if self.documents > 1:
            self.report(
                Problem(
                    self.path,
                    line,
                    column,
                    said("a second YAML document ('---') starts here: keep one plan per file"),
                )
            )
            raise _Stop

    # What the events share.

    def report(self, problem: Problem) -> None:
        """Keep a problem while the file's messages have room; past the cap, count it."""
        result = self.result
        if len(result.problems) <= MAX_PROBLEMS_PER_FILE:
            result.problems.append(problem)
        else:
            result.more_problems += 1

    def refuse_reference(self, kind: str, name: str, line: int, column: int) -> None:
        if self.reported[kind]:
            self.repeats[kind] += 1
            return
        self.reported[kind] = True
        if kind == "anchor":
            self.report(_anchor_problem(self.path, line, column, name))
        else:
            self.report(
                Problem(
                    self.path,
                    line,
                    column,
                    said(
                        "alias '*{name}' is not allowed: this format has no anchors or aliases; "
                        "write the value out in full",
                        name=name,
                    ),
                )
            )

    def cut_short(self, frame: _Frame, line: int, column: int, message: str) -> None:
        """Report a container that is too long; it and all that holds it are incomplete."""
        self.report(Problem(self.path, line, column, message))
        own = frame.path
        self.result.unfinished.update(own[:end] for end in range(len(own) + 1))

    def admit(self, line: int, column: int) -> bool:
        """Count the next entry of the innermost container: False when it is to be dropped.

        An entry is dropped past the container's limit, and a value is dropped when its key
        could not be kept (a repeated key, a key past the limit, a list used as a key).
        """
        if not self.stack:
            return True
        frame = self.stack[-1]
        if frame.is_list:
            frame.entries += 1
            if frame.entries <= MAX_ITEMS or frame.path in _UNBOUNDED_LISTS:
                return True
            if frame.entries == MAX_ITEMS + 1:
                self.cut_short(
                    frame,
                    line,
                    column,
                    said(
                        "this list has more than {limit} items, more than any list in this "
                        "format needs: the rest of it is skipped; split it or remove the extra "
                        "items",
                        limit=Amount(MAX_ITEMS),  # "10,000" in the English text too
                    ),
                )
            return False
        if frame.key is None:  # a key
            frame.entries += 1
            if frame.entries <= MAX_KEYS:
                return True
            if frame.entries == MAX_KEYS + 1:
                self.cut_short(
                    frame,
                    line,
                    column,
                    said(
                        "this mapping has more than {limit} keys, more than any part of this "
                        "format has: the rest of it is skipped; remove the unknown or repeated "
                        "keys",
                        limit=MAX_KEYS,
                    ),
                )
            frame.key, frame.key_line, frame.key_column = _Ignored(), line, column
            return False
        if isinstance(frame.key, _Ignored):  # the value of a key that was not kept
            frame.key = None
            return False
        return True

    def attach(self, value: Any, line: int, column: int) -> None:
        """Put a finished value into its parent, with its position."""
        locations = self.locations
        if not self.stack:
            self.result.value = value
            locations[()] = (line, column, line, column)
            return
        frame = self.stack[-1]
        container = frame.container
        if frame.is_list:
            locations[(*frame.path, len(container))] = (line, column, line, column)
            container.append(value)
            return
        if frame.key is None:  # this value is a key
            if not isinstance(value, (str, int, float, bool)):
                shown = "empty" if value is None else f"a {type(value).__name__}"
                self.report(
                    Problem(
                        self.path,
                        line,
                        column,
                        said("a key must be a plain word, not {shown}: quote it", shown=shown),
                    )
                )
                value = _Ignored()
            elif value in container:
                first = locations.get((*frame.path, value))
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
                self.report(Problem(self.path, line, column, sentence))
                value = _Ignored()
            frame.key, frame.key_line, frame.key_column = value, line, column
            return
        key = frame.key
        frame.key = None
        container[key] = value
        locations[(*frame.path, key)] = (frame.key_line, frame.key_column, line, column)

    def child_path(self) -> Path:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame.is_list:
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.key)

    def too_deep(self, line: int, column: int) -> None:
        """Nesting past the limit ends the parse here, with nothing built."""
        self.report(_too_deep_problem(self.path, line, column))
        self.result.value = None
        self.result.unfinished.add(())
        raise _TooDeep


# Which method reads each kind of event; the others (stream start, document end) say nothing.
_HANDLERS = {
    yaml.ScalarEvent: _LocatedParser.scalar,
    yaml.MappingStartEvent: _LocatedParser.collection_start,
    yaml.SequenceStartEvent: _LocatedParser.collection_start,
    yaml.MappingEndEvent: _LocatedParser.collection_end,
    yaml.SequenceEndEvent: _LocatedParser.collection_end,
    yaml.AliasEvent: _LocatedParser.alias,
    yaml.DocumentStartEvent: _LocatedParser.document_start,
}


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
