"""A fast parse for the common case of a clean plan file, with PyYAML's meaning of every value.

The located parser (`yamlparse`) walks PyYAML's event stream in Python: exact, and able to place
every problem, but about 1 s for a 5 MB file. Here rapidyaml (C++) parses the text and writes it
out as JSON, which `json.loads` reads in C. That is twenty times faster, but rapidyaml reads
plain scalars by YAML 1.2 rules while this format is defined by PyYAML's YAML 1.1 rules (`yes`
is true, `0x10` is 16, `1e3` is text, `~` is null, ...). So the result is only used when it
provably means the same thing, and `parse_fast` returns None otherwise:

- text with anything rapidyaml and PyYAML may read differently (tabs, control characters,
  YAML 1.1 line separators, anchors, aliases, tags, directives, document markers, comments
  after a value) is refused before parsing; so are the shapes the YAML test suite showed the
  two read apart: explicit or empty keys, a key whose ':' starts the next line, and a block
  scalar with an explicit indentation or at the end of text with no final line break
  (tests/load/test_yaml_suite.py);
- a string in the JSON that PyYAML would have read as a number, boolean, null or timestamp
  (if it was unquoted) is refused, except a date under a date key, which the model turns into
  the same date either way; so is one that starts with a character PyYAML refuses at the start
  of a value (rapidyaml reads `title: }` or `{note: @x}` as text), or with a space (rapidyaml
  reads a line indented too deep after a list item as a key that starts with its extra
  indentation, where PyYAML refuses the line);
- a number written in a way PyYAML reads as text (`1e3`, `-.5`) is refused;
- a mapping with a repeated key is refused (JSON would silently keep the last one).

The loader then validates the result with the same models; a file with any problem at all is
parsed again by the located parser, so every problem is still reported with its line and column.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tracker.load.views import address
from tracker.load.yamlparse import MAX_KEYS
from tracker.model import Document, date_keys

# Characters both parsers read alike. Tabs, CR (unless in CRLF pairs, normalised below), C0/C1
# controls, DEL, YAML 1.1's extra line breaks (NEL, LS, PS) and a BOM inside the text are left
# to the located parser, which knows exactly what PyYAML does with them.
_UNSAFE_CHARACTER = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
# The ASCII characters the pattern lets through, as UTF-8 bytes. Deleting them from the text's
# UTF-8 leaves, in order, the encoding of every other character of it (an ASCII byte is never
# part of another character's encoding): the pattern is searched in that remainder, a few
# thousand characters of a 2.3 MB plan file, instead of in the whole text (20 ms of it; the
# deletion takes 1.5 ms).
_SAFE_ASCII = b"\n" + bytes(range(0x20, 0x7F))


# A double-quoted escape of half a UTF-16 pair (\uD800-\uDFFF, or as \U0000D800): the located
# parser refuses the value it makes, at its line (yamlparse.SURROGATE). Elsewhere (a plain or
# single-quoted scalar, a comment) the match merely costs the slower parse.
_SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F][0-9a-fA-F]{2}")


def _unsafe_character(encoded: bytes) -> bool:
    """`_UNSAFE_CHARACTER.search(text) is not None`, for `encoded`, the text's UTF-8 (lone
    surrogates written as by 'surrogatepass', so that the search finds them)."""
    rest = encoded.translate(None, _SAFE_ASCII)
    if not rest:
        return False
    return _UNSAFE_CHARACTER.search(rest.decode("utf-8", "surrogatepass")) is not None


# An anchor (&), alias (*) or tag (!) where a value may start: rapidyaml drops anchors and tags
# silently. Also flagged when only a word inside a quoted string starts so, which merely costs
# the slower parse. (The character comes first, so the search runs in C between candidates.)
_NODE_PROPERTY = re.compile(r"[&*!](?<=[\s\[\]{},].)")
# A plain (unquoted) value with a ':' glued to the next character, such as `{url: https://x}`:
# inside [...] or {...} libyaml refuses it ("found unexpected ':'") and rapidyaml reads it as
# text. Block values are flagged too, which merely costs the slower parse. The body is matched
# possessively, so a value without such a colon is passed over in one step.
_GLUED_COLON = re.compile(r"(?:[\[{,]|:\s)\s*+[^\s\"'\[\]{},#][^,\[\]{}:]*+:\S")
# The same search run backwards, from each ':' glued to what follows (matched in the reversed
# text): forwards, every ': ' and ',' starts a scan of the value after it, so the whole text is
# read by the pattern engine (60 ms of a 2.3 MB plan file); backwards only the few glued
# colons are, each back to the ',', ':' or bracket before it (10 ms with the reversal). In the
# reversed text, after the colon and what follows it: the plain text before the colon (at
# least its first character, not a quote or '#', then spaces), or a ':' that starts it; then
# the '[', '{' or ',' before it, or a ':' and a space. tests/load/test_fastparse.py holds the
# two to the same answer.
_GLUED_COLON_REVERSED = re.compile(
    r""":(?<=\S:)(?:[^,\[\]{}:]*?[^\s"'#,\[\]{}:]|[^,\[\]{}:]*+:)(?:\s*[\[{,]|\s+:)"""
)


def _glued_colon(text: str) -> bool:
    """`_GLUED_COLON.search(text) is not None`, in a sixth of the time."""
    return ":" in text and _GLUED_COLON_REVERSED.search(text[::-1]) is not None


# Directives and document markers: rapidyaml reads '---' as the start of a stream of documents.
_DOCUMENT_MARKER = re.compile(r"\n(?:%|---|\.\.\.)")
# A ':' or '?' that starts a line or a list item, or follows '[', '{' or ',': an explicit or
# empty key, or a key whose ':' is on the next line. rapidyaml accepts `{"foo"\n: "bar"}`,
# which libyaml refuses, and writes an empty or null key as "" where PyYAML builds None (YAML
# test suite: 4MUZ, VJP3, NHX8, DFF7). No plan file needs any of them; a '?' inside a sentence
# ("Done? Yes") is not matched.
# (Three patterns that each start with a literal, so that the search runs in C between hits.)
_LINE_KEY_INDICATOR = re.compile(r"\n[ ]*(?:-[ ]+)*[:?]")
_FIRST_KEY_INDICATOR = re.compile(r"[ ]*(?:-[ ]+)*[:?]")
_FLOW_KEY_INDICATOR = re.compile(r"[\[{,][ \n]*[:?](?:[ \n,\]}]|\Z)")


# Each of the two searches above is run only where a cheaper one finds what any match of it
# must hold (each pattern started a match at every line break, or at every ',', '[' and '{'):
# a line key is a line break, then only spaces and dashes, then the ':' or '?', which one
# repetition of a class finds; a flow key, in the text's UTF-8 with its spaces and line
# breaks deleted and '[' and '{' written as ',', is a ',' right before the ':' or '?', which
# a search for two bytes finds in C.
_LINE_KEY_CANDIDATE = re.compile(r"\n[ -]*+[:?]")
_FLOW_KEY_TABLE = bytes.maketrans(b"[{", b",,")
_FLOW_KEY_DELETED = b" \n"


def _line_key_indicator(text: str) -> bool:
    """`_LINE_KEY_INDICATOR.search(text) is not None`, in a fifth of the time."""
    return (
        _LINE_KEY_CANDIDATE.search(text) is not None
        and _LINE_KEY_INDICATOR.search(text) is not None
    )


def _flow_key_indicator(text: str, encoded: bytes) -> bool:
    """`_FLOW_KEY_INDICATOR.search(text) is not None`; `encoded` is the text's UTF-8."""
    stripped = encoded.translate(_FLOW_KEY_TABLE, _FLOW_KEY_DELETED)
    if b",:" not in stripped and b",?" not in stripped:
        return False
    return _FLOW_KEY_INDICATOR.search(text) is not None


# A block scalar's header with an indentation indicator: '|2', '>1-', '|+3'.
_EXPLICIT_INDENTATION = re.compile(r"[|>](?:[1-9][-+]?|[-+][1-9])[ ]*(?:#.*)?$", re.M)
# A comment after a block scalar's header ('|', '>-', ...), or anything that looks like one.
_HEADER_COMMENT = re.compile(r"[|>][-+1-9]*[ ]+#")

# Nesting deeper than this format allows is refused by the located parser in milliseconds, but
# rapidyaml first builds the whole depth (about 300 bytes a level: a million '[' cost 300 MB).
# Flow nesting ('[', '{') can go as deep as there are openers, on one line or many, so text with
# more openers than rapidyaml may spend 30 MB on goes to the located parser (a clean 2 MB plan
# has some 20,000). Block nesting on one line ('- - - x', '? ? x') needs more than 64 marks on
# that line; across lines, indentation bounds it. The line search only runs on text with many
# marks, so ordinary files pay four counts.
_MOST_OPENERS = 100_000
_NESTING_MARKS_WORTH_A_LOOK = 50_000
_DEEP_LINE = re.compile(r"^(?:(?:[^\n\[{?-]|[?-](?=\S))*+(?:[\[{]|[?-](?!\S))){65}", re.M)

# PyYAML's implicit resolvers (yaml/resolver.py), as JSON strings: a string in rapidyaml's JSON
# whose whole content matches one of these might have been a plain scalar that PyYAML would not
# read as text. The empty string is not here: rapidyaml writes an empty plain scalar as null.
_BOOL = r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
_FLOAT = (
    r"[-+]?[0-9][0-9_]*\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_INT = (
    r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
    r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"
)
_NULL = r"~|null|Null|NULL"
_DATETIME = (
    r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
    r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?"
)
# Text that starts with a character PyYAML refuses at the start of a value (a reserved '@' or
# '`', a '%', a closing bracket or comma, or a '?' or ':' glued to a word inside brackets) and
# rapidyaml takes as the start of plain text. Quoted text that starts so is flagged as well.
# Or text that starts with a space, which no plain scalar does: rapidyaml writes one when it
# takes a line's indentation for text. When a list written at its mapping's own column
# (`evidence:` then `- {...}` below it) ends on a flow collection, a quoted or a block scalar,
# it reads a deeper line after it (`      updates:`) as that mapping's next key, "  updates",
# where PyYAML refuses the line ("expected <block end>"). Quoted text that starts with a
# space (`" x"`) merely costs the slower parse.
_AWKWARD_START = "[ ?:}\\],@`%]"
# An opening quote (a closing one is followed by ',' or ':' all the time).
_OPENING = '(?<=[\\s\\[{,]")'
# Keys whose value the model reads as a date: there, text and a YAML date give the same date,
# so a date is ambiguous only under any other key (or in a list). Read from the models.
DATE_KEYS = tuple(sorted(date_keys(Document)))
_NOT_UNDER_DATE_KEY = "".join(f'(?<!"{key}": ")' for key in DATE_KEYS)
# Each branch starts with a cheap test, so that the search passes over most strings (and every
# closing quote) after a character or two.
_AMBIGUOUS_STRING = re.compile(
    rf'"(?:(?=[-+.0-9~<=yYnNtTfFoO])(?![0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}")'
    rf"(?:{_BOOL}|{_FLOAT}|{_INT}|{_NULL}|<<|=|{_DATETIME})\""
    rf"|{_OPENING}{_AWKWARD_START}"
    rf'|(?=[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}"){_NOT_UNDER_DATE_KEY})'
)
# JSON floats that PyYAML reads as the same float. No exponent (PyYAML needs a dot and a signed
# exponent, so '1e3' is text to it), and no '-0.' (rapidyaml writes PyYAML's text '-.5' as -0.5).
_SAME_FLOAT = re.compile(r"(?:0|[1-9][0-9]*)\.[0-9]+|-(?:[1-9][0-9]*)\.[0-9]+")
# What may stand before the first key of an objective on its line: then PyYAML places the
# objective's mapping on that line too (at the key, or at the '{' of a flow mapping).
# (Matched from the line's start to the key, in the buffer itself: no copy of each prefix.)
_ITEM_PREFIX = re.compile(rb" *(?:- +)?(?:\{ *)?[\"']?$")


class _NotSame(Exception):
    """The JSON reading may differ from PyYAML's: use the located parser instead."""


@dataclass
class FastParse:
    """Plain values as the located parser would give them, where each objective is, and the
    tree they were read from, for placing a problem in a file that has some (a clean file's
    load drops it with this)."""

    value: Any
    tree: Any = field(default=None, repr=False)
    buffer: bytearray | None = field(default=None, repr=False)
    # Where each objective's first key is in the UTF-8 of the (normalised) text.
    objective_offsets: list[int] | None = field(default=None, repr=False)
    # The line of each objective, None when there is no list to place or it cannot be
    # placed for certain.
    placed_lines: list[int] | None = field(default=None, repr=False)

    def objective_lines(self) -> list[int] | None:
        """Line (1-based) of each item of the top-level 'objectives' list.

        None when the objectives cannot be placed for certain (or there is no such list).
        """
        items = self.value.get("objectives") if isinstance(self.value, dict) else None
        lines = self.placed_lines
        if not isinstance(items, list) or lines is None or len(lines) != len(items):
            return None
        return lines


def nested_too_deep(text: str) -> bool:
    """Whether rapidyaml could spend more on the text's nesting than it is worth (above)."""
    openers = text.count("[") + text.count("{")
    if openers > _MOST_OPENERS and not _flow_closed_on_each_line(text):
        return True
    marks = openers + text.count("- ") + text.count("? ")
    if marks <= _NESTING_MARKS_WORTH_A_LOOK:
        return False
    # 65 marks take 65 characters at least: the search need only read the lines that long (a
    # list of a million short items has none, and the search over it took 0.6 s).
    long_lines = [line for line in text.split("\n") if len(line) > 64]
    return _DEEP_LINE.search("\n".join(long_lines)) is not None


def _flow_closed_on_each_line(text: str) -> bool:
    """Every '[' or '{' is closed on its own line, at most 64 deep, and no line holds both a
    bracket and a quote or '#': then no flow collection spans lines and none is deep.

    Why that is sound: on a line without quotes or comments a bracket is either a flow
    indicator or plain text outside any flow (inside a flow, plain text cannot hold one).
    If every such line's brackets balance (the count never below 0, back to 0 at its end),
    each line starts outside any flow, text brackets before a flow can only raise the count,
    and so the count bounds the real depth. A file of a thousand objectives written
    `- {id: x, ...}` has tens of thousands of brackets, all closed on their lines; this is
    the check that lets it take the fast path (a count alone cannot tell it from a million
    nested '[').
    """
    import numpy

    data = numpy.frombuffer(text.encode("utf-8"), dtype=numpy.uint8)
    opening = (data == 0x5B) | (data == 0x7B)
    brackets = numpy.flatnonzero(opening | (data == 0x5D) | (data == 0x7D))
    if not len(brackets):
        return True
    depth = numpy.cumsum(numpy.where(opening[brackets], 1, -1), dtype=numpy.int32)
    if depth.min() < 0 or depth.max() > 64:
        return False
    line_ends = numpy.flatnonzero(data == 0x0A)
    lines = numpy.searchsorted(line_ends, brackets)
    last_on_its_line = numpy.append(lines[1:] != lines[:-1], True)
    if numpy.any(depth[last_on_its_line] != 0):
        return False
    marks = numpy.flatnonzero((data == 0x22) | (data == 0x27) | (data == 0x23))
    return not numpy.isin(numpy.searchsorted(line_ends, marks), lines).any()


def normalised(text: str) -> str:
    """The text with CRLF line breaks as LF: the same lines and columns to PyYAML."""
    return text.replace("\r\n", "\n") if "\r" in text else text


def parse_fast(text: str) -> FastParse | None:
    """The file's values, or None when only the located parser can be trusted with this text."""
    if "\r" in text:
        if "\r" in text.replace("\r\n", ""):
            return None  # a lone CR is a line break to PyYAML; keep it simple
        text = normalised(text)
    encoded = text.encode("utf-8", "surrogatepass")
    if (
        (_has_trailing_comment(text) and not _flow_closed_on_each_line(text))
        or _unsafe_character(encoded)
        or (any(mark in text for mark in "&*!") and _NODE_PROPERTY.search(text))
        or _glued_colon(text)
        or text[:1] in ("&", "*", "!")
        or _DOCUMENT_MARKER.search(text)
        or _line_key_indicator(text)
        or _FIRST_KEY_INDICATOR.match(text)
        or _flow_key_indicator(text, encoded)
        or _block_scalar_read_differently(text)
        or text.startswith(("%", "---", "..."))
        or nested_too_deep(text)
        or (("\\u" in text or "\\U" in text) and _SURROGATE_ESCAPE.search(text))
    ):
        return None
    try:
        import ryml
    except ImportError:  # pragma: no cover - a runtime dependency
        return None
    buffer = bytearray(encoded)  # no lone surrogate: the search for unsafe characters saw none
    del encoded
    try:
        with quiet_stderr():  # parsing and emitting both report from C++ before raising
            tree = ryml.parse_in_place(buffer)
            emitted = ryml.emit_json(tree)
            places = _objective_places_or_none(tree, buffer, ryml)
    except Exception:  # rapidyaml's own errors: the located parser will say what is wrong
        return None
    if not isinstance(emitted, str):  # an empty tree: nothing the located parser cannot say
        return None
    if _AMBIGUOUS_STRING.search(emitted) or '"":' in emitted:
        # '"":' is an empty key: rapidyaml writes a null key (`- :`, `[ : x ]`) as "", PyYAML
        # refuses or builds None (YAML test suite: CFD4, UKK6, SM9W). A key ending in an
        # escaped quote ('a\"') matches too, which merely costs the slower parse.
        return None
    try:
        value = json.loads(
            emitted,
            object_pairs_hook=_mapping_without_repeats,
            parse_float=_same_float,
            parse_constant=_refuse_constant,
        )
    except (_NotSame, ValueError, RecursionError):
        return None
    del emitted
    if places is None:
        return FastParse(value, tree, buffer)
    return FastParse(value, tree, buffer, objective_offsets=places[1], placed_lines=places[0])


def tree_of(text: str) -> tuple[Any, bytearray]:
    """rapidyaml's tree of text `parse_fast` read, and the buffer it points into: parsed again
    for placing problems, since a clean file's load drops the first before building models."""
    import ryml

    buffer = bytearray(normalised(text).encode("utf-8"))
    with quiet_stderr():
        tree = ryml.parse_in_place(buffer)
    return tree, buffer


def _block_scalar_read_differently(text: str) -> bool:
    """A block scalar ('|' or '>') in text that ends without a line break, or one with an
    explicit indentation ('|2', '>1-').

    At the end of such text PyYAML keeps no final line break (and a last line of spaces as the
    spaces past the indentation), rapidyaml adds one (YAML test suite: JEF9-02, L24T-01:
    `foo: |\n  x\n   `); with an explicit indentation the two read lines of spaces apart;
    and rapidyaml takes a '-' in a comment after the header (`note: | # - x`) for the '|-'
    that strips the last line break.
    """
    if "|" not in text and ">" not in text:
        return False
    return (
        not text.endswith("\n")
        or _EXPLICIT_INDENTATION.search(text) is not None
        or _HEADER_COMMENT.search(text) is not None
    )


def _has_trailing_comment(text: str) -> bool:
    """A comment after a value on its line (or a ' #' inside a quoted string, to be safe).

    Inside a flow mapping, rapidyaml reads 'note: a #b, by: X}' as the text 'a #b' where PyYAML
    sees a comment that swallows the rest of the line. Whole-line comments are read alike, and
    so are comments outside any flow: text whose flows each close on their line and share no
    line with a '#' (`_flow_closed_on_each_line`) keeps the fast path.
    """
    at = text.find(" #")
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if text[line_start:at].strip():
            return True
        at = text.find(" #", at + 2)
    return False


def _mapping_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len(pairs) > MAX_KEYS:
        raise _NotSame("more keys than the format has: the located parser skips the rest")
    mapping = dict(pairs)
    if len(mapping) != len(pairs):
        raise _NotSame("a key is repeated")
    return mapping


def _same_float(literal: str) -> float:
    if not _SAME_FLOAT.fullmatch(literal):
        raise _NotSame(f"PyYAML may read {literal} differently")
    return float(literal)


def _refuse_constant(literal: str) -> float:
    raise _NotSame(f"{literal} is not a YAML value")


def objectives_list(tree: Any, ryml: Any) -> int | None:
    """The node of the file's list of objectives in rapidyaml's tree; None when the root is
    not a mapping or holds no such list."""
    root = tree.root_id()
    if not tree.is_map(root):
        return None
    node = tree.find_child(root, b"objectives")
    return None if node == ryml.NONE or not tree.is_seq(node) else node


def _objective_places_or_none(
    tree: Any, buffer: bytearray, ryml: Any
) -> tuple[list[int], list[int]] | None:
    try:
        return _objective_places(tree, buffer, ryml)
    except _NotSame:
        return None


def _objective_places(
    tree: Any, buffer: bytearray, ryml: Any
) -> tuple[list[int], list[int]] | None:
    """Lines of the objectives and the byte offsets of their first keys, from where
    rapidyaml's first key of each points in the buffer.

    None when there is no list of objectives to place (FastParse.objective_lines then
    answers None too); raises _NotSame when a line cannot be told for certain, so that the
    located parser is used.
    """
    node = objectives_list(tree, ryml)
    if node is None:
        return None
    base = address(buffer)
    size = len(buffer)
    lines: list[int] = []
    offsets: list[int] = []
    line, counted_to = 1, 0
    none = ryml.NONE
    # Each call into rapidyaml costs more than the rest of an item's work: a file of 100,000
    # one-line objectives makes half a million of them, so none is made twice.
    is_map, first_child, next_sibling, key_of = (
        tree.is_map,
        tree.first_child,
        tree.next_sibling,
        tree.key,
    )
    item = first_child(node)
    while item != none:
        child = first_child(item) if is_map(item) else none
        if child == none:
            raise _NotSame("an objective cannot be placed")
        key = key_of(child)
        if len(key) == 0:
            raise _NotSame("an objective cannot be placed")
        offset = address(key) - base
        if not counted_to <= offset < size:
            raise _NotSame("a key is not a view of the text")
        line += buffer.count(b"\n", counted_to, offset)
        counted_to = offset
        line_start = buffer.rfind(b"\n", 0, offset) + 1
        if not _ITEM_PREFIX.match(buffer, line_start, offset) or (
            buffer.find(b"{", line_start, offset) < 0 and tree.is_flow(item)
        ):
            raise _NotSame("an objective cannot be placed")
        lines.append(line)
        offsets.append(offset)
        item = next_sibling(item)
    return lines, offsets


_STDERR_LOCK = threading.Lock()
# What rapidyaml prints (from C++, straight to file descriptor 2) before raising its exception:
# the parser's "line=1 col=5 (4B): ERROR: [parse] ..." and "...parse_engine.def.hpp:1979:
# (detected here)", the emitter's "/project/cpp/src/c4/yml/emit.def.hpp:1325: ERROR: [visit]
# max depth exceeded": any line that starts with a position or a C/C++ source file and line.
_RAPIDYAML_REPORT = re.compile(
    rb"^(?:line=\d+ col=\d+ .*ERROR: .*|.*\(detected here\).*|\S+\.(?:[ch]pp|[ch]):\d+: .*)$"
)


@contextmanager
def quiet_stderr() -> Iterator[None]:
    """Keep rapidyaml's own error report off the terminal: the located parser explains better.

    Every call into rapidyaml (parse, emit, walking the tree) runs inside this.

    rapidyaml writes to file descriptor 2 from C++, so sys.stderr cannot catch it; the
    descriptor is pointed at a scratch file for the call, and whatever else was written
    meanwhile (another thread's output) is passed on afterwards.
    """
    with _STDERR_LOCK:
        try:
            sys.stderr.flush()
            saved = os.dup(2)
        except (OSError, ValueError, AttributeError):
            yield
            return
        scratch = _scratch().fileno()
        os.dup2(scratch, 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            # Writes through descriptor 2 moved the scratch file's offset: nothing to read (the
            # usual case, thousands of times a run) costs one system call.
            written_size = os.lseek(scratch, 0, os.SEEK_CUR)
            if written_size:
                os.lseek(scratch, 0, os.SEEK_SET)
                written = b""
                while len(written) < written_size:
                    chunk = os.read(scratch, written_size - len(written))
                    if not chunk:
                        break
                    written += chunk
                os.ftruncate(scratch, 0)
                os.lseek(scratch, 0, os.SEEK_SET)
                kept = [
                    line
                    for line in written.splitlines(keepends=True)
                    if not _RAPIDYAML_REPORT.match(line.rstrip(b"\r\n"))
                ]
                if kept:
                    os.write(2, b"".join(kept))


_SCRATCH: dict[int, Any] = {}


def _scratch() -> Any:
    """One scratch file for the process, emptied after each use that wrote to it (under the
    lock), read and written through its descriptor only: a warning
    placed from one objective's own lines calls rapidyaml thousands of times a run, and a new
    temporary file for each call cost more than the parse. A forked child makes its own."""
    pid = os.getpid()
    if pid not in _SCRATCH:
        _SCRATCH.clear()
        _SCRATCH[pid] = tempfile.TemporaryFile()  # noqa: SIM115 - kept open for the process
    return _SCRATCH[pid]
