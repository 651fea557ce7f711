"""The data's own text in the reader's language, for the pages' tables.

Defined once in tracker.tables.localize, which the meeting pack reads too, so a title reads
the same on screen and in every export.
"""

from __future__ import annotations

from tracker.tables.localize import area_titles, objective_titles

__all__ = ["area_titles", "objective_titles"]
