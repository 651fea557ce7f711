"""A small hashable stand-in for a view, so cached parts of a page are keyed without hashing data.

Hashing a 10,000-row table on every run costs more than computing most of what it would
key. Everything a page shows follows from a few small facts instead: which version of each
data file was read (path, size, modification time), the day, the filters, the reader's
language, the stale threshold, the audience and the changes window. Cached functions take
the tables as `_underscore` arguments (Streamlit does not hash those) and this key beside.
"""

from __future__ import annotations

from dataclasses import astuple
from datetime import date

from components.data import FileVersion
from components.view import View
from tracker import settings
from tracker.i18n import current_language

ViewKey = tuple[str, tuple[FileVersion, ...], date, tuple[object, ...], str, int, str, date | None]


def view_key(view: View) -> ViewKey:
    """What decides the shown tables and their words: a new file version changes the key."""
    return (
        str(view.data.path),
        view.data.versions,
        view.today,
        astuple(view.filters),
        current_language(),
        settings.stale_days(),
        view.audience,
        view.since,
    )
