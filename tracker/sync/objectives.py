"""What a range of commits did to each objective: the unit a sync combines and a conflict names.

Git merges lines; people change objectives. Two offices that changed different objectives of
one file have no conflict even when git's lines touch, and two that changed the same
objective have one even when git could merge the lines. So each side's change is read per
objective (the values as written, parsed by the tracker's own safe parser), and the sync
decides from that, leaving the merging of text to git.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tracker.gitrun import Repository
from tracker.load.yamlparse import parse_yaml

PLAN_HEADER = "plan"  # the key of a file's `plan:` section among its objectives' ids


@dataclass(frozen=True)
class Author:
    """Who made one commit, and which."""

    name: str
    commit: str
    date: str


@dataclass(frozen=True)
class Conflict:
    """One objective changed differently on both sides since they parted."""

    file: str
    objective: str
    mine: tuple[Author, ...]
    theirs: tuple[Author, ...]


@dataclass
class Arrival:
    """A commit that came in or went out, with the objectives it changed."""

    author: Author
    objectives: list[str] = field(default_factory=list)


def entries(text: str | None, shown: str) -> dict[str, Any]:
    """Objective id -> its values as written (and the plan header), from one file's text."""
    if text is None:
        return {}
    value = parse_yaml(text, shown).value
    if not isinstance(value, dict):
        return {"": value}  # not a plan file's shape: compared as one whole
    found: dict[str, Any] = {}
    if "plan" in value:
        found[PLAN_HEADER] = value["plan"]
    objectives = value.get("objectives")
    if isinstance(objectives, list):
        for index, item in enumerate(objectives):
            key = item.get("id") if isinstance(item, dict) else None
            found[str(key) if isinstance(key, str) else f"#{index + 1}"] = item
    for key, rest in value.items():
        if key not in ("plan", "objectives"):
            found[f"({key})"] = rest
    return found


class History:
    """Reads files at revisions once each, and compares them objective by objective."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self._entries: dict[tuple[str, str], dict[str, Any]] = {}

    def at(self, revision: str, path: str) -> dict[str, Any]:
        key = (revision, path)
        if key not in self._entries:
            self._entries[key] = entries(self.repository.show(revision, path), path)
        return self._entries[key]

    def changed(self, old: str, new: str, path: str) -> set[str]:
        before, after = self.at(old, path), self.at(new, path)
        return {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}

    def files_changed(self, old: str, new: str, paths: list[str]) -> list[str]:
        if not paths:
            return []
        out = self.repository.out("diff", "--no-ext-diff", "--no-textconv", "--name-only",
                                  old, new, "--", *paths)  # fmt: skip
        return [line for line in out.splitlines() if line]

    def commits(self, old: str, new: str, paths: list[str]) -> list[Arrival]:
        """Each commit in old..new (oldest first) that changed a plan file, with its objectives."""
        if not paths:
            return []
        log = self.repository.out(
            "log", "--reverse", "--no-merges", "--format=%H%x1f%an%x1f%aI",
            f"{old}..{new}", "--", *paths,
        )  # fmt: skip
        arrivals: list[Arrival] = []
        for line in log.splitlines():
            commit, name, date = line.split("\x1f")
            arrival = Arrival(Author(name, commit, date))
            for path in self.files_changed(f"{commit}^", commit, paths):
                arrival.objectives.extend(sorted(self.changed(f"{commit}^", commit, path)))
            arrivals.append(arrival)
        return arrivals

    def authors_of(self, old: str, new: str, path: str, objective: str) -> tuple[Author, ...]:
        """Who changed `objective` of `path` between two revisions, oldest first."""
        return tuple(
            arrival.author
            for arrival in self.commits(old, new, [path])
            if objective in arrival.objectives
        )

    def conflicts(self, base: str, mine: str, theirs: str, paths: list[str]) -> list[Conflict]:
        """Objectives both sides changed since `base`, each to something different."""
        found: list[Conflict] = []
        mine_files = set(self.files_changed(base, mine, paths))
        for path in self.files_changed(base, theirs, paths):
            if path not in mine_files:
                continue
            both = self.changed(base, mine, path) & self.changed(base, theirs, path)
            for objective in sorted(both):
                if self.at(mine, path).get(objective) == self.at(theirs, path).get(objective):
                    continue  # the same change made twice is no conflict
                found.append(
                    Conflict(
                        path,
                        objective,
                        self.authors_of(base, mine, path, objective),
                        self.authors_of(base, theirs, path, objective),
                    )
                )
        return found
