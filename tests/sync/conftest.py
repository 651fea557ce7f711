"""Fixtures of the sync tests, built on tests/sync/clones.py (helpers are imported from there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.clones import Office, two_offices


@pytest.fixture
def offices(tmp_path: Path) -> tuple[Path, Office, Office]:
    """A shared repository on disk and two offices' clones of it."""
    return two_offices(tmp_path)
