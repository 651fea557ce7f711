"""What one plan file contributes to a portfolio: its plan, its objectives, its problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.load.locate import LazyPositions
from tracker.load.unreadable import Unreadable
from tracker.load.yamlparse import ParsedYaml
from tracker.model import Objective, Plan
from tracker.problems import Problem


@dataclass(frozen=True)
class PartialObjective:
    """An objective that failed the schema, kept for the rules: `objective` holds only the
    `fields` that validated (built with pydantic's model_construct)."""

    index: int  # its place in the file's `objectives:` list
    objective: Objective
    fields: frozenset[str]


@dataclass
class FileLoad:
    """What one file contributes; depends only on the file's bytes, so it can be cached."""

    path: str
    plan: Plan | None
    plan_id: str
    objectives: list[Objective]
    problems: list[Problem]
    parsed: ParsedYaml | None = None
    # Ids of objectives left out for errors: references to them are not reported as dangling.
    invalid_ids: set[str] = field(default_factory=set)
    # Every objective of the file that could not be read, with what can be told of it.
    unreadable: list[Unreadable] = field(default_factory=list)
    # Those of them the rules can still judge, on the fields that validated.
    partial: list[PartialObjective] = field(default_factory=list)
    # Each objective's place in the file's list, when some before it could not be read
    # (None: the same as its place in `objectives`).
    indices: list[int] | None = None
    # The text (or, from a file, its UTF-8 bytes: half the memory of a str with any non-ASCII
    # character) of a file read by the fast path or from the cache, which keep no positions:
    # `where` finds each position asked for (tracker.load.locate), exactly as the located
    # parser would place it.
    text: str | bytes | None = field(default=None, repr=False, compare=False)
    positions: LazyPositions | None = field(default=None, repr=False, compare=False)
    # Where each objective's first key is in the UTF-8 of the text as the fast path read it
    # (the fast path's, the cache's), so that placing a problem in one objective finds its
    # lines without counting the file's line breaks.
    offsets: list[int] | None = field(default=None, repr=False, compare=False)
    # Read back from the parse cache rather than parsed (what the app reports it parsed).
    from_cache: bool = field(default=False, compare=False)
    # True: `objectives` stand in for the file's objectives by their ids and places alone
    # (tracker.load.loader.load_identity), for a check of another file that sees this one
    # only as the identity rules do; tracker.load.portfolio.assemble judges no such file.
    identity_only: bool = field(default=False, compare=False)

    def where(self, *path: str | int, at_key: bool = False) -> tuple[int, int]:
        if self.parsed is not None:
            return self.parsed.where(path, at_key=at_key)
        if self.positions is None and self.text is not None:
            text: str | None = None
            encoded: bytes | None = None
            if isinstance(self.text, str):
                text = self.text
            elif self.text.startswith(b"\xef\xbb\xbf") or b"\r" in self.text:
                text = self.text.decode("utf-8").removeprefix("\ufeff")
            else:
                encoded = self.text  # already the UTF-8 the fast path read: nothing to decode
            # Every objective was read (from the fast path or the cache), each placed at its
            # line: an objective's lines can then be parsed alone (tracker.load.locate).
            all_read = self._all_read()
            lines = [objective.line for objective in self.objectives] if all_read else None
            self.positions = LazyPositions(
                text,
                self.path,
                objective_lines=lines,
                objective_offsets=self.offsets if all_read else None,
                encoded=encoded,
            )
        if self.positions is None:
            return (1, 1)
        return self.positions.where(path, at_key=at_key)

    def _all_read(self) -> bool:
        return (
            self.indices is None
            and not self.unreadable
            and not self.partial
            and all(objective.line > 0 for objective in self.objectives)
        )

    def objective_line(self, index: int) -> int:
        """The line of the objective at `index` in the file's list (where its mapping starts)."""
        if self.parsed is None and self.positions is not None:
            return self.positions.objective_line(index)
        return self.where("objectives", index)[0]

    def exact_item(self, index: int, item: object) -> object:
        """The objective at `index` as the located parser reads it, for the messages that
        quote its values; `item` itself when this load was located from the start."""
        if self.parsed is None and self.positions is not None:
            return self.positions.exact_item(index)
        return item

    def release_positions(self) -> None:
        """Forget what finding positions built (a parse tree, a copy of the text): asked once
        the rules have placed their problems, so that a kept load holds only its text."""
        if self.positions is not None:
            self.positions.release()

    def locate(self, path: tuple[str | int, ...]) -> tuple[int, int]:
        """`where` for one path: what the rules are given to place their problems."""
        return self.where(*path)

    def index_of(self, position: int) -> int:
        """The file-list index of the objective at `position` in `objectives`."""
        return position if self.indices is None else self.indices[position]
