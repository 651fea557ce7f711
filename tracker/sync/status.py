"""What the app's sidebar says about a clone: when it last synced, what waits to go out,
whether the shared repository answered, and whether a timed sync is due.

The last sync's outcome is kept in the clone's git folder (`ipap-sync-status.json`), so every
app process serving the clone shares one timer and one picture.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tracker import settings
from tracker.gitrun import Repository
from tracker.sync.procedure import State, read_status


@dataclass(frozen=True)
class CloneStatus:
    git_dir: Path
    last_synced: datetime | None
    last_attempt: datetime | None
    state: str
    reachable: bool
    waiting: int | None  # local commits not yet on the shared branch (None: unknown)
    conflicts: list[dict[str, object]] = field(default_factory=list)
    kept_on: str = ""
    detail: str = ""
    reason: str = ""


def _when(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def clone_status(data: str | os.PathLike[str] | None = None) -> CloneStatus | None:
    """The clone's sync picture, or None when the data folder is not in a git clone."""
    root = settings.data_path(data)
    repository = Repository.find(root) if root.exists() else None
    if repository is None:
        return None
    git_dir = repository.git_dir()
    recorded = read_status(git_dir)
    counted = repository.run("rev-list", "--count", "--no-merges", "@{upstream}..HEAD", check=False)
    waiting = int(counted.out.strip()) if counted.returncode == 0 else None
    conflicts = recorded.get("conflicts")
    return CloneStatus(
        git_dir=git_dir,
        last_synced=_when(recorded.get("last_synced")),
        last_attempt=_when(recorded.get("last_attempt")),
        state=str(recorded.get("state") or ""),
        reachable=bool(recorded.get("reachable", True)),
        waiting=waiting,
        conflicts=[dict(c) for c in conflicts if isinstance(c, dict)]
        if isinstance(conflicts, list)
        else [],
        kept_on=str(recorded.get("kept_on") or ""),
        detail=str(recorded.get("detail") or ""),
        reason=str(recorded.get("reason") or ""),
    )


def sync_due(status: CloneStatus, interval_minutes: float, now: datetime | None = None) -> bool:
    """True when no sync of this clone was tried within the interval (by any process)."""
    if status.last_attempt is None:
        return True
    now = now or datetime.now(UTC)
    return now - status.last_attempt >= timedelta(minutes=interval_minutes)


def in_conflict(status: CloneStatus) -> bool:
    return status.state == State.CONFLICT
