"""The `[sync]` settings: whether the app syncs its clone, how often, and where saves go.

Read from `.streamlit/secrets.toml` (the app's `st.secrets`, or the same files for the
command line), and from the environment for a server without a secrets file
(`IPAP_SYNC=on`, `IPAP_SYNC_MINUTES`, `IPAP_SYNC_PUSH_TO`), the environment winning.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tracker.i18n.sentence import Amount, said

SYNC_ENV = "IPAP_SYNC"
MINUTES_ENV = "IPAP_SYNC_MINUTES"
PUSH_TO_ENV = "IPAP_SYNC_PUSH_TO"
# Often enough that a colleague's save shows within a coffee, rare enough to cost nothing.
DEFAULT_INTERVAL_MINUTES = 5.0
# A timer shorter than this would sync on nearly every click.
SHORTEST_INTERVAL_MINUTES = 0.5


@dataclass(frozen=True)
class SyncSettings:
    enabled: bool = False
    interval_minutes: float = DEFAULT_INTERVAL_MINUTES
    push_to: str | None = None  # review mode: e.g. "updates/{editor}"
    mistakes: tuple[str, ...] = ()

    @property
    def review(self) -> bool:
        return bool(self.push_to)


def sync_settings(secrets: Mapping[str, Any] | None) -> SyncSettings:
    """The `[sync]` section (and the environment); anything missing means no sync."""
    section = (secrets or {}).get("sync")
    section = dict(section) if isinstance(section, Mapping) else {}
    mistakes: list[str] = []
    enabled = section.get("enabled", bool(section))
    from_env = os.environ.get(SYNC_ENV, "").strip().lower()
    if from_env:
        enabled = from_env in ("1", "on", "true", "yes")
    if not isinstance(enabled, bool):
        mistakes.append(said("[sync] enabled must be true or false"))
        enabled = False
    minutes: Any = os.environ.get(MINUTES_ENV, "").strip() or section.get(
        "interval_minutes", DEFAULT_INTERVAL_MINUTES
    )
    try:
        interval = float(minutes)
    except (TypeError, ValueError):
        mistakes.append(
            said(
                "[sync] interval_minutes must be a number of minutes, not {value}",
                value=repr(minutes),
            )
        )
        interval = DEFAULT_INTERVAL_MINUTES
    if interval < SHORTEST_INTERVAL_MINUTES:
        mistakes.append(
            said(
                "[sync] interval_minutes is at least {shortest}; {shortest} is used",
                shortest=Amount(SHORTEST_INTERVAL_MINUTES),
            )
        )
        interval = SHORTEST_INTERVAL_MINUTES
    push_to = os.environ.get(PUSH_TO_ENV, "").strip() or section.get("push_to")
    if push_to is not None and not (isinstance(push_to, str) and push_to.strip()):
        mistakes.append(said('[sync] push_to must be a branch name such as "updates/{editor}"'))
        push_to = None
    return SyncSettings(bool(enabled), interval, push_to or None, tuple(mistakes))
