"""Cutting one objective's lines out of a plan file, so only they go through ruamel.yaml.

ruamel.yaml is pure Python and takes seconds on a file of thousands of objectives; the rest
of the file is kept as the very same bytes and put back around the edited objective. A file
whose objectives are not a plain block list is handed over whole instead.

Where the objectives start is the loader's to tell when it read these very bytes (each
objective's line, as the located parser places it): then only the objective's own lines are
parsed, to check they hold it and nothing else, instead of the whole file (at 1,000
objectives a file, most of a dry run's time: issue 19). Without those lines, or when the
check fails, the whole file is parsed as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.edit import line_shapes
from tracker.edit.rewrites import Rewrite
from tracker.load.yamlparse import parse_yaml

# The objective's lines are edited as a one-item list under this key, as they stand in the file.
FRAGMENT_HEADER = "objectives:\n"


@dataclass(frozen=True)
class Cut:
    """A file's lines, and the part of them [start, end) that holds the objective."""

    lines: tuple[str, ...]  # the file's lines, each with its line break
    start: int
    end: int
    alone: bool  # True: the objective's own lines; False: the whole file (no block list)

    @property
    def header(self) -> str:
        return FRAGMENT_HEADER if self.alone else ""

    @property
    def offset(self) -> int:
        """Add to a line number of `text` to get the file's line number."""
        return self.start - 1 if self.alone else 0

    @property
    def _part(self) -> str:
        return self.header + "".join(self.lines[self.start : self.end])

    @property
    def missing_newline(self) -> bool:
        """The part ends the file without a line break: `text` adds one, put_back drops it."""
        return not self._part.endswith("\n")

    @property
    def text(self) -> str:
        """The part to edit, as a YAML document of its own."""
        return self._part + ("\n" if self.missing_newline else "")

    def put_back(self, edited: str) -> str | None:
        """The whole file with `edited` (the edited `text`) in the part's place.

        None when the edit no longer starts with the header it was given: never guess.
        """
        if self.missing_newline:
            edited = edited.removesuffix("\n")
        if not edited.startswith(self.header):
            return None
        middle = edited[len(self.header) :]
        return "".join(self.lines[: self.start]) + middle + "".join(self.lines[self.end :])

    def rewritten(self, rewrites: Sequence[Rewrite]) -> str | None:
        """The whole file with the lines the writer writes another way written its way.

        None when a rewrite's line does not start as it says (a line out of place).
        """
        baseline = list(self.lines)
        for rewrite in rewrites:
            line = baseline[rewrite.line - 1]
            if not line.startswith(rewrite.before):
                return None
            baseline[rewrite.line - 1] = rewrite.after + line[len(rewrite.before) :]
        return "".join(baseline)


def cut_objective(
    body: str, objective_id: str, shown: str, starts: Sequence[tuple[str, int]] | None = None
) -> Cut:
    """The objective's lines in `body`, or the whole file when they cannot be told apart.

    `starts`: every objective of `body`, in the file's order, as (id, the 1-based line its
    mapping starts on), as the loader read `body` itself; None when it did not."""
    lines = body.splitlines(keepends=True)
    span = _span_from_starts(lines, objective_id, shown, starts) if starts else None
    if span is None:
        span = objective_span(body, lines, objective_id, shown)
    if span is None:
        return Cut(tuple(lines), 0, len(lines), alone=False)
    return Cut(tuple(lines), span[0], span[1], alone=True)


def _span_from_starts(
    lines: list[str], objective_id: str, shown: str, starts: Sequence[tuple[str, int]]
) -> tuple[int, int] | None:
    """`objective_span` from the loader's starts, parsing only the objective's own lines
    (and, for the last objective, the lines after it, where a top-level key may follow).

    The lines must open with the objective's `- ` and, parsed under an `objectives:` of their
    own, hold one objective with this id and no problem; the next objective's line must open
    with a `- ` at the same indent. Otherwise None, and the whole file is parsed.
    """
    index = next((i for i, (name, _) in enumerate(starts) if name == objective_id), None)
    if index is None:
        return None
    start = starts[index][1] - 1
    opened = line_shapes.ITEM.match(lines[start]) if 0 <= start < len(lines) else None
    if opened is None:
        return None
    end = len(lines)
    if index + 1 < len(starts):
        end = starts[index + 1][1] - 1
        following = line_shapes.ITEM.match(lines[end]) if start < end < len(lines) else None
        if following is None or following.group("indent") != opened.group("indent"):
            return None
    part = FRAGMENT_HEADER + "".join(lines[start:end])
    parsed = parse_yaml(part if part.endswith("\n") else part + "\n", shown)
    root = parsed.value
    items = root.get("objectives") if isinstance(root, dict) else None
    if (
        parsed.problems
        or not isinstance(items, list)
        or len(items) != 1
        or not isinstance(items[0], dict)
        or items[0].get("id") != objective_id
        or parsed.locations.get(("objectives", 0), (0, 0))[0] != 2
    ):
        return None
    # Top-level keys after the last objective end its lines, as in `objective_span`.
    later = [
        where[0] - 2 + start
        for key, where in ((k, parsed.locations.get((k,))) for k in root if k != "objectives")
        if where is not None
    ]
    if later and index + 1 < len(starts):
        return None  # a key between two objectives: not a plain block list
    return start, min(later, default=end)


def objective_span(
    body: str, lines: list[str], objective_id: str, shown: str
) -> tuple[int, int] | None:
    """The objective's lines [start, end) (with the comments that follow it), or None.

    The end is where the next objective (or the next top-level key) starts, so blank
    lines and comments below the objective travel with it, as they would in the file.
    """
    parsed = parse_yaml(body, shown)
    root = parsed.value
    objectives = root.get("objectives") if isinstance(root, dict) else None
    if parsed.problems or not isinstance(objectives, list):
        return None
    index = next(
        (
            i
            for i, item in enumerate(objectives)
            if isinstance(item, dict) and item.get("id") == objective_id
        ),
        None,
    )
    if index is None:
        return None

    def item_line(position: int) -> int | None:
        """0-based line of the '- ' that opens objective `position`, if it is on it."""
        where = parsed.locations.get(("objectives", position))
        if where is None:
            return None
        line = where[0] - 1
        match = line_shapes.ITEM.match(lines[line]) if line < len(lines) else None
        if match is None or len(match.group("indent")) >= where[1] - 1:
            return None
        return line

    start = item_line(index)
    if start is None:
        return None
    if index + 1 < len(objectives):
        end = item_line(index + 1)
        return (start, end) if end is not None else None
    later_keys = [
        where[0] - 1
        for key, where in ((k, parsed.locations.get((k,))) for k in root)
        if where is not None and where[0] - 1 > start
    ]
    return start, min(later_keys, default=len(lines))
