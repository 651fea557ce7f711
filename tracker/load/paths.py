"""Which plan files a data path names, and how each is shown to the user (its `file:line`).

Light on purpose: a warm `validate` finds the files and their verdict (tracker.load.verdict)
before, and often without, importing the loader.
"""

from __future__ import annotations

from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def find_files(path: Path) -> list[Path]:
    """One file, or every *.yaml / *.yml directly inside a folder, in a stable order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())
    return [path]


def display_path(path: Path) -> str:
    """Paths as the user typed them when relative to the working folder, for clickable output."""
    absolute = path.resolve()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)
