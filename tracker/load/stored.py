"""A portfolio's objectives kept packed: what a long-running holder (the app) keeps instead of
a pydantic model per objective.

At 10,000 objectives the models take about 180 MB (a Python set of fields and a `__dict__`
for each of ~140,000 models); packed as the parse cache's msgpack rows they take a tenth of
that, 16 MB, and each row compressed (zlib's fastest level) 7 MB: the app server keeps them
for as long as it runs, and unpacking one costs some 10 µs more (issue 19). The app's pages
show the frames; only a page about one objective (its detail, its update form) needs the
model, and gets it back here in a fraction of a millisecond.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

from tracker.load.cache import pack_objective, unpack_objective
from tracker.model import Objective
from tracker.problems import Problem, problem_counts

# zlib's fastest: at 10,000 objectives 16.3 MB of rows become 6.8 MB (level 6: 6.6 MB, slower).
_LEVEL = 1


class StoredObjectives(Sequence[Objective]):
    """A read-only sequence of objectives, each built again from its packed row when asked.

    Iterating builds every model (the slow way, for code that needs them all); `find` builds
    one. `derived` holds what other layers computed once from the models before packing (the
    translated titles, say), so that nobody has to build them all again to get it.
    """

    def __init__(self, objectives: Iterable[Objective]) -> None:
        self._packed: list[bytes] = []
        self._places: list[tuple[str, str, int]] = []
        self._index: dict[str, int] = {}
        for objective in objectives:
            self._index.setdefault(objective.id, len(self._packed))
            self._packed.append(zlib.compress(pack_objective(objective), _LEVEL))
            self._places.append((objective.plan_id, objective.file, objective.line))
        self.derived: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, position: int) -> Objective: ...

    @overload
    def __getitem__(self, position: slice) -> list[Objective]: ...

    def __getitem__(self, position: int | slice) -> Objective | list[Objective]:
        if isinstance(position, slice):
            return [self._built(index) for index in range(len(self))[position]]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        return self._built(position)

    def __iter__(self) -> Iterator[Objective]:
        for index in range(len(self)):
            yield self._built(index)

    def find(self, objective_id: str) -> Objective | None:
        """The first objective with this id, or None."""
        index = self._index.get(objective_id)
        return None if index is None else self._built(index)

    def _built(self, index: int) -> Objective:
        objective = unpack_objective(zlib.decompress(self._packed[index]))
        objective.place(*self._places[index])
        return objective


class StoredProblems(Sequence[Problem]):
    """A portfolio's problems kept packed, with their counts: what the app server keeps
    instead of a Problem and its sentences each.

    A problem's sentence keeps its message and values to be said again in any language, a
    few nested sentences each: at 10,000 objectives the 3,696 warnings took some 20 MB (and
    a second or more to unpickle) in the server, packed 0.05 MB. Every page reads the counts
    (the sidebar says how many); only the Data problems page, and exports, read the problems,
    and get them back in a fraction of a second.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        found = list(problems)
        self._length = len(found)
        self.counts: tuple[int, int] = problem_counts(found)
        self._packed = zlib.compress(pickle.dumps(found, pickle.HIGHEST_PROTOCOL), _LEVEL)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, position: int) -> Problem: ...

    @overload
    def __getitem__(self, position: slice) -> list[Problem]: ...

    def __getitem__(self, position: int | slice) -> Problem | list[Problem]:
        return self._unpacked()[position]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._unpacked())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, StoredProblems | list | tuple):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a list's: it compares by content

    def __repr__(self) -> str:
        return f"StoredProblems({len(self)} problems)"

    def _unpacked(self) -> list[Problem]:
        found: list[Problem] = pickle.loads(zlib.decompress(self._packed))
        return found
