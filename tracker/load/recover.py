"""Read a file that a syntax error broke one objective at a time: a mistake costs at most
the objective it is in, never the rest of the plan.

YAML gives up at its first syntax error, so one unclosed quote would hide every objective
after it. Each `- ` item at the objectives' indentation starts a part that can be read on
its own; when the whole file fails, the plan's head and each part are parsed separately
(a few hundred parts at a time, one by one only where a group fails) and joined into one
parse with the file's own lines and columns. A part that still fails is reported where the
mistake is: an unclosed quote where it opened, a missing ':' on the line that lacks it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from typing import Any

import yaml

from tracker.load.yamlparse import ParsedYaml, Path, parse_yaml
from tracker.problems import Problem

try:  # the same event source as the located parser; never a Python-object loader
    from yaml import CSafeLoader as _EventSource
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _EventSource  # type: ignore[assignment]

_OBJECTIVES_KEY = re.compile(r"objectives[ \t]*:[ \t]*(#.*)?$")
_ID_ITEM = re.compile(r"( *)- +id[ \t]*:")
# Parts parsed together before falling back to one at a time: a broken file of many
# objectives then costs a few hundred parses, not one per objective.
_GROUP = 256
# Lines tried as the opening of an unclosed quote in one part, at most.
_QUOTE_PROBES = 40

UNCLOSED_QUOTE = (
    "this quoted value is never closed: add the closing quote (the lines after it were read "
    "as part of the value)"
)
MISSING_COLON = "this line has no ':' after its key: write it as 'key: value'"


def parse_in_parts(text: str, path: str, whole: ParsedYaml) -> ParsedYaml:
    """`whole` (the file parsed in one go) when it has no syntax error; otherwise the file
    parsed part by part, so that only the parts with a mistake are lost."""
    if () not in whole.unfinished:
        return whole
    lines = text.splitlines(keepends=True)
    starts = part_starts(lines)
    if not starts:
        return whole
    head_text = "".join(lines[: starts[0]])
    head = parse_yaml(head_text, path)
    if () in head.unfinished:
        head.problems[:] = [_relocated(p, head_text) for p in head.problems]
    merged = ParsedYaml(value=head.value if isinstance(head.value, dict) else {})
    merged.locations.update(head.locations)
    merged.problems.extend(head.problems)
    merged.more_problems = head.more_problems
    merged.refused.update(head.refused)
    merged.unfinished.update(head.unfinished)
    items: list[Any] = []
    merged.value["objectives"] = items
    bounds = [*starts, len(lines)]
    for group in range(0, len(starts), _GROUP):
        ends = bounds[group : group + _GROUP + 1]
        part = parse_part(lines, ends[0], ends[-1], path)
        if () in part.unfinished and len(ends) > 2:
            for first, last in itertools.pairwise(ends):
                _join(merged, items, parse_part(lines, first, last, path, relocate=True))
        else:
            if len(ends) == 2 and () in part.unfinished:
                part = parse_part(lines, ends[0], ends[-1], path, relocate=True)
            _join(merged, items, part)
    if not merged.problems:
        merged.problems.extend(whole.problems)
    return merged


def part_starts(lines: list[str]) -> list[int]:
    """The 0-based line of each item of the top-level `objectives:` list."""
    key = next((n for n, line in enumerate(lines) if _OBJECTIVES_KEY.match(line)), None)
    if key is None:
        return []
    indents = Counter(
        match.group(1) for line in lines[key + 1 :] if (match := _ID_ITEM.match(line)) is not None
    )
    if not indents:
        return []
    indent = indents.most_common(1)[0][0]
    item = re.compile(re.escape(indent) + r"-( |$)")
    return [n for n in range(key + 1, len(lines)) if item.match(lines[n])]


def parse_part(
    lines: list[str], first: int, last: int, path: str, *, relocate: bool = False
) -> ParsedYaml:
    """Lines [first, last) as `objectives:` items, with the file's line numbers."""
    text = "objectives:\n" + "".join(lines[first:last])
    parsed = parse_yaml(text, path)
    offset = first - 1  # the added key line stands where the line before the part is
    if relocate and () in parsed.unfinished:
        parsed.problems[:] = [_relocated(p, text) for p in parsed.problems]
    return _shifted(parsed, offset)


def _shifted(parsed: ParsedYaml, offset: int) -> ParsedYaml:
    parsed.locations = {
        where: (kl + offset, kc, vl + offset, vc)
        for where, (kl, kc, vl, vc) in parsed.locations.items()
    }
    parsed.problems = [replace(p, line=p.line + offset) for p in parsed.problems]
    return parsed


def _join(merged: ParsedYaml, items: list[Any], part: ParsedYaml) -> None:
    """Add a part's items (and all it knows about them) after those already joined."""
    base = len(items)
    root = part.value if isinstance(part.value, dict) else {}
    found = root.get("objectives")
    part_items = found if isinstance(found, list) else []
    items.extend(part_items)

    def moved(where: Path) -> Path | None:
        if len(where) >= 2 and where[0] == "objectives" and isinstance(where[1], int):
            return ("objectives", where[1] + base, *where[2:])
        return None

    for where, location in part.locations.items():
        target = moved(where)
        if target is not None:
            merged.locations[target] = location
    merged.locations.setdefault(("objectives",), part.locations.get(("objectives",), (1, 1, 1, 1)))
    merged.problems.extend(part.problems)
    merged.more_problems += part.more_problems
    merged.refused.update(t for t in map(moved, part.refused) if t is not None)
    for where in part.unfinished:
        target = moved(where)
        if target is not None:
            merged.unfinished.add(target)
    if () in part.unfinished and part_items:
        # Cut short by its own mistake: the last item the part began is the broken one.
        merged.unfinished.add(("objectives", base + len(part_items) - 1))
    elif () in part.unfinished:
        # Nothing of it could be read: a placeholder keeps it counted, as unreadable.
        line = part.problems[0].line if part.problems else 1
        merged.locations[("objectives", base)] = (line, 1, line, 1)
        items.append(None)
        merged.unfinished.add(("objectives", base))


def _relocated(problem: Problem, text: str) -> Problem:
    """Move a syntax error to the line with the mistake, when the scanner can tell it
    (in the part's own numbering, before it is shifted to the file's)."""
    if problem.line < 1 or problem.severity != "error":
        return problem
    error = _syntax_error(text)
    if error is None or error.problem_mark is None or error.problem_mark.line + 1 != problem.line:
        return problem
    if error is None or error.context_mark is None:
        return problem
    mark = error.context_mark
    if error.context == "while scanning a simple key":
        return replace(problem, line=mark.line + 1, column=mark.column + 1, message=MISSING_COLON)
    if error.context == "while scanning a quoted scalar":
        return replace(problem, line=mark.line + 1, column=mark.column + 1, message=UNCLOSED_QUOTE)
    opened = _unclosed_quote(text, problem.line)
    if opened is not None:
        return replace(problem, line=opened[0], column=opened[1], message=UNCLOSED_QUOTE)
    return problem


def _syntax_error(text: str) -> yaml.MarkedYAMLError | None:
    loader = _EventSource(text)
    try:
        while not isinstance(loader.get_event(), yaml.StreamEndEvent):
            pass
    except yaml.MarkedYAMLError as error:
        return error
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _unclosed_quote(text: str, before_line: int) -> tuple[int, int] | None:
    """(line, column) of a quote that opens a value and is not closed on its line, found
    before the line the parser stopped at: a prefix of the text ending on that line leaves
    the scanner inside the quoted value."""
    lines = text.splitlines(keepends=True)
    probes = 0
    for number in range(1, min(before_line, len(lines)) + 1):
        line = lines[number - 1]
        if (
            line.replace('\\"', "").count('"') % 2 == 0
            and line.replace("''", "").count("'") % 2 == 0
        ):
            continue
        probes += 1
        if probes > _QUOTE_PROBES:
            return None
        error = _syntax_error("".join(lines[:number]))
        mark = error.context_mark if error is not None else None
        if (
            error is not None
            and error.context == "while scanning a quoted scalar"
            and mark is not None
            and mark.line + 1 == number
        ):
            return (mark.line + 1, mark.column + 1)
    return None
