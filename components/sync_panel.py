"""The app's side of the sync: a small sidebar block, and pulling before / pushing after a save.

Nothing here unless `[sync]` is set (`.streamlit/secrets.toml` or IPAP_SYNC). The sidebar
block is a fragment that runs again on its own every interval, so the clone is pulled on a
timer even while nobody clicks, and never on every rerun: a sync only starts when no process
serving this clone tried one within the interval (tracker.sync.status keeps that in the
clone). When a pull changed files, every cache is dropped and the page is drawn again.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import streamlit as st

from components.data import clear_cache
from components.text import escape_markdown
from tracker.i18n import format_day, t, tn
from tracker.i18n.sentence import spoken
from tracker.sync import Outcome, State, sync
from tracker.sync.config import SyncSettings, sync_settings
from tracker.sync.messages import describe, headline
from tracker.sync.status import CloneStatus, clone_status, sync_due

# The app never waits long for another process's sync: it shows the state and moves on.
APP_LOCK_TIMEOUT_SECONDS = 2.0
LAST_OUTCOME_KEY = "ipap_sync_outcome"


def app_secrets() -> dict[str, Any]:
    """The secrets as a plain dict; no secrets file means no editing and no sync."""
    try:
        return st.secrets.to_dict()
    except (FileNotFoundError, KeyError, ValueError):
        return {}


def app_sync_settings() -> SyncSettings:
    return sync_settings(app_secrets())


def run_sync(data_path: Path, config: SyncSettings, editor: str = "") -> Outcome:
    """One sync of the clone; the caches go when files changed."""
    outcome = sync(
        data_path, push_to=config.push_to, editor=editor, lock_timeout=APP_LOCK_TIMEOUT_SECONDS
    )
    if outcome.files_changed:
        clear_cache()
    return outcome


def pull_before_save(data_path: Path, config: SyncSettings, editor: str) -> Outcome:
    """Bring in what others saved, so the save is made on the newest files (a preview made
    before them is then refused by the store, and the editor previews again)."""
    return run_sync(data_path, config, editor)


def after_save(data_path: Path, config: SyncSettings, editor: str) -> str:
    """Push the save just made; the sentence says where it went, or that it waits."""
    outcome = run_sync(data_path, config, editor)
    if outcome.ok and config.review:
        return t(
            "Sent to the branch {branch} in the shared repository, where it awaits review.",
            branch=escape_markdown(outcome.pushed_to or config.push_to or ""),
        )
    if outcome.ok:
        return t("Sent to the shared repository.")
    if outcome.state == State.UNREACHABLE:
        return t(
            "The shared repository cannot be reached: your save is kept here and goes out "
            "at the next sync."
        )
    return t(
        "Not sent to the shared repository yet: {reason}",
        reason=escape_markdown(" ".join(describe(outcome)[:1])),
    )


def sidebar(data_path: Path) -> None:
    """The sync block (nothing when sync is off); call inside `with st.sidebar:`."""
    config = app_sync_settings()
    if not config.enabled:
        return
    every = timedelta(minutes=config.interval_minutes)
    st.fragment(_block, run_every=every)(data_path, config)


def _block(data_path: Path, config: SyncSettings) -> None:
    st.divider()
    st.caption(t("Shared repository"))
    for mistake in config.mistakes:
        st.warning(t("Sync settings: {mistake}", mistake=escape_markdown(spoken(mistake))))
    status = clone_status(data_path)
    if status is None:
        st.warning(
            t(
                "Sync is on, but the data folder is not a git clone: clone the data "
                "repository and point IPAP_DATA at it."
            )
        )
        return
    clicked = st.button(t("Sync now"), key="ipap_sync_now", icon=":material/sync:")
    if clicked or sync_due(status, config.interval_minutes):
        outcome = run_sync(data_path, config)
        st.session_state[LAST_OUTCOME_KEY] = describe(outcome)
        if outcome.files_changed:
            st.rerun()  # the whole page, on the new files
        status = clone_status(data_path) or status
    _show(status, config)
    if clicked and st.session_state.get(LAST_OUTCOME_KEY):
        st.caption(escape_markdown("\n\n".join(st.session_state[LAST_OUTCOME_KEY])))


def _show(status: CloneStatus, config: SyncSettings) -> None:
    if status.last_synced is not None:
        when = f"{format_day(status.last_synced)} {status.last_synced:%H:%M} UTC"
        st.caption(t("Last synced: {when}", when=when))
    else:
        st.caption(t("Not synced yet."))
    if status.waiting:
        st.caption(
            tn(
                "{count} commit waits to go out.",
                "{count} commits wait to go out.",
                status.waiting,
            )
        )
    if config.review:
        st.caption(
            t("Saves go to {branch} for review.", branch=escape_markdown(config.push_to or ""))
        )
    if not status.reachable:
        st.warning(
            t(
                "The shared repository cannot be reached: saves are kept here and go out at "
                "the next sync."
            )
        )
    if status.state in (State.INVALID, State.REFUSED, State.LOCKED):
        last = Outcome(status.state, detail=status.detail, reason=status.reason)
        st.warning(escape_markdown(headline(last)))
    if status.state == State.CONFLICT:
        for conflict in status.conflicts:
            st.error(
                t(
                    "Conflict: {objective} in {file} was changed here by {mine} and in the "
                    "shared repository by {theirs}. Nothing is lost: this server's version is "
                    "on the branch {branch}. To resolve it, run `python -m tracker sync "
                    "--take-theirs` or `--keep-mine` in the data folder, or take theirs and "
                    "record the objective again.",
                    objective=escape_markdown(str(conflict.get("objective", ""))),
                    file=escape_markdown(str(conflict.get("file", ""))),
                    mine=escape_markdown(", ".join(map(str, conflict.get("mine") or ["?"]))),
                    theirs=escape_markdown(", ".join(map(str, conflict.get("theirs") or ["?"]))),
                    branch=escape_markdown(status.kept_on),
                )
            )
