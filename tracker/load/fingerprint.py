"""Which source files shape what the loader produces, found by following its imports.

The parse cache names its folder for a digest of this code (tracker.load.cache), so the list
must never go stale: it is read from the `import` statements themselves, starting at the
loader, never kept by hand. A module renamed, added or newly imported is in it at once; a
starting point that no longer exists stops the import with its name instead of being skipped.

The statements are found line by line (every process pays for this at start-up, and parsing
the files whole would cost ten times as much). What that could take for an import, say a
line of a docstring, only ever adds a file; imports for type checkers alone
(`if TYPE_CHECKING:`), which run nothing, are left out. tests/load/test_cache.py checks the
list against what importing the loader really loads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

_TRACKER = Path(__file__).resolve().parents[1]
_PACKAGE = _TRACKER.name
# `import a.b as c, d` and `from .a import b, c` or `from a import (b,\n c)`, indented or not.
_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)(?:import[ \t]+(?P<modules>[^\n#;]+)"
    r"|from[ \t]+(?P<base>[.\w]+)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#;]+))",
    re.MULTILINE,
)
_TYPE_CHECKING = re.compile(r"^(?P<indent>[ \t]*)if[ \t]+(?:typing\.)?TYPE_CHECKING[ \t]*:")


def imported_files(roots: Iterable[str]) -> list[Path]:
    """The source of each module in `roots` and of every tracker module they import, directly
    or through others, with the packages' `__init__.py` that importing them runs; sorted."""
    found: dict[str, Path] = {}
    pending = []
    for root in roots:
        if _source(root) is None:
            raise ModuleNotFoundError(f"{root}: no such module in {_TRACKER}", name=root)
        pending.append(root)
    while pending:
        name = pending.pop()
        path = _source(name) if name not in found else None
        if path is None:  # seen already, or a name defined inside a module
            continue
        found[name] = path
        parts = name.split(".")
        pending.extend(".".join(parts[:end]) for end in range(1, len(parts)))
        pending.extend(_imported_names(path, name))
    return sorted(found.values())


def _source(name: str) -> Path | None:
    """The file a tracker module is read from, or None when `name` is not one."""
    parts = name.split(".")
    if parts[0] != _PACKAGE or not all(part.isidentifier() for part in parts):
        return None
    base = _TRACKER.parent.joinpath(*parts)
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_names(path: Path, name: str) -> Iterator[str]:
    """Every module name `path` imports (and `from m import x` also as `m.x`, which is a
    module when x is one), at any depth of the file, type-checking blocks aside."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    text = path.read_text(encoding="utf-8")
    skipped = _type_checking_blocks(text)
    for match in _IMPORT.finditer(text):
        if any(start <= match.start() < end for start, end in skipped):
            continue
        if match["modules"]:
            yield from (_first_word(item) for item in match["modules"].split(","))
            continue
        base = _absolute(match["base"], package)
        yield base
        for item in match["names"].strip("()").split(","):
            if _first_word(item):
                yield f"{base}.{_first_word(item)}"


def _first_word(item: str) -> str:
    words = item.split()
    return words[0] if words else ""


def _absolute(base: str, package: str) -> str:
    """`from ..x import y` inside `package`, as the absolute name of the module it reads."""
    level = len(base) - len(base.lstrip("."))
    if not level:
        return base
    parts = package.split(".")[: len(package.split(".")) - level + 1]
    rest = base[level:]
    return ".".join([*parts, rest] if rest else parts)


def _type_checking_blocks(text: str) -> list[tuple[int, int]]:
    """Where each `if TYPE_CHECKING:` block's body lies in `text` (character offsets)."""
    if "TYPE_CHECKING" not in text:
        return []
    blocks: list[tuple[int, int]] = []
    offset, start, indent = 0, -1, 0
    for line in text.splitlines(keepends=True):
        if start >= 0 and line.strip() and len(line) - len(line.lstrip()) <= indent:
            blocks.append((start, offset))  # the first line back at the `if`'s indent
            start = -1
        if start < 0 and (opened := _TYPE_CHECKING.match(line)):
            start, indent = offset + len(line), len(opened["indent"])
        offset += len(line)
    if start >= 0:
        blocks.append((start, offset))
    return blocks
