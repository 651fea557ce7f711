"""An objective's version: a short hash of its lines in its file, as they stand now.

A workbook row carries the version of the objective it asks about; at import, a row whose
objective no longer has that version is an answer to a question that has changed (someone
recorded an update, corrected the title, added evidence) and is refused as a conflict.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from tracker import settings
from tracker.load.loader import display_path, find_files, read_text
from tracker.load.yamlparse import parse_yaml

VERSION_CHARACTERS = 12  # of the SHA-256: ample for the few thousand objectives of a portfolio


@dataclass(frozen=True)
class Version:
    objective_id: str
    digest: str
    shown: str  # the file it is in
    line: int  # where it starts there


def objective_versions(data: str | os.PathLike[str] | None) -> dict[str, Version]:
    """Every objective's version, by id, for the plan files of `data`."""
    root = settings.data_path(data)
    found: dict[str, Version] = {}
    for path in find_files(root) if root.exists() else []:
        found.update(file_versions(path))
    return found


def file_versions(path: Path) -> dict[str, Version]:
    shown = display_path(path)
    text, refusal = read_text(path, shown)
    if text is None or refusal is not None:
        return {}
    parsed = parse_yaml(text, shown)
    root = parsed.value
    objectives = root.get("objectives") if isinstance(root, dict) else None
    if not isinstance(objectives, list):
        return {}
    lines = text.splitlines()
    starts = []
    for index in range(len(objectives)):
        where = parsed.locations.get(("objectives", index))
        starts.append(where[0] - 1 if where else None)
    later_keys = [
        where[0] - 1
        for key in root
        if key != "objectives" and (where := parsed.locations.get((key,))) is not None
    ]
    versions: dict[str, Version] = {}
    for index, objective in enumerate(objectives):
        start = starts[index]
        if not isinstance(objective, dict) or not isinstance(objective.get("id"), str):
            continue
        if start is None:
            continue
        following = [s for s in starts[index + 1 :] if s is not None]
        following += [line for line in later_keys if line > start]
        end = min(following, default=len(lines))
        span = lines[start:end]
        while span and (not span[-1].strip() or span[-1].lstrip().startswith("#")):
            span.pop()  # blank lines and the next section's banner belong to what follows
        digest = hashlib.sha256("\n".join(line.rstrip() for line in span).encode("utf-8"))
        versions[objective["id"]] = Version(
            objective["id"], digest.hexdigest()[:VERSION_CHARACTERS], shown, start + 1
        )
    return versions
