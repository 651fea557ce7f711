"""The `[sync]` settings, the timer that never syncs on every rerun, and one sync per clone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.sync.clones import clone, make_shared
from tracker.edit.store import file_lock
from tracker.sync import State, sync
from tracker.sync.config import DEFAULT_INTERVAL_MINUTES, sync_settings
from tracker.sync.procedure import SYNC_LOCK
from tracker.sync.status import clone_status, sync_due


def test_no_sync_section_means_no_sync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IPAP_SYNC", raising=False)
    assert not sync_settings({}).enabled
    assert not sync_settings({"editing": {"enabled": True}}).enabled


def test_a_sync_section_turns_it_on_with_a_few_minutes_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("IPAP_SYNC", "IPAP_SYNC_MINUTES", "IPAP_SYNC_PUSH_TO"):
        monkeypatch.delenv(name, raising=False)
    settings = sync_settings({"sync": {"enabled": True}})
    assert settings.enabled and settings.interval_minutes == DEFAULT_INTERVAL_MINUTES
    assert 1 <= DEFAULT_INTERVAL_MINUTES <= 15 and not settings.review
    review = sync_settings({"sync": {"push_to": "updates/{editor}", "interval_minutes": 2}})
    assert review.enabled and review.review and review.interval_minutes == 2
    too_often = sync_settings({"sync": {"interval_minutes": 0}})
    assert too_often.interval_minutes > 0 and too_often.mistakes
    monkeypatch.setenv("IPAP_SYNC", "off")
    assert not sync_settings({"sync": {"enabled": True}}).enabled


def test_the_timer_is_due_only_once_the_interval_has_passed(tmp_path: Path) -> None:
    shared = make_shared(tmp_path)
    office = clone(shared, tmp_path / "defence", "Ana Petrovic")
    status = clone_status(office.folder)
    assert status is not None and status.last_attempt is None and sync_due(status, 5)
    assert sync(office.folder).ok
    status = clone_status(office.folder)
    assert status is not None and status.last_synced is not None and status.waiting == 0
    assert not sync_due(status, 5)
    later = datetime.now(UTC) + timedelta(minutes=5, seconds=1)
    assert sync_due(status, 5, now=later)
    assert clone_status(tmp_path) is None  # not a clone


def test_only_one_sync_runs_at_a_time_per_clone(tmp_path: Path) -> None:
    shared = make_shared(tmp_path)
    office = clone(shared, tmp_path / "defence", "Ana Petrovic")
    office.save("alpha-ex", "at-risk", "Exercise postponed")
    with file_lock(office.folder / ".git" / SYNC_LOCK, timeout=1):  # another process's sync
        assert sync(office.folder, lock_timeout=0.2).state == State.BUSY
    assert sync(office.folder).ok
