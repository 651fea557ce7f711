"""The sheets' columns, defined once: machine key, the header a person reads, its width.

Import finds every column by its key (the second row of a tracker workbook, or the first
row of a table made by hand), so the headers may be in any language or order.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from tracker.i18n import N_
from tracker.model import Evidence, Measurement, Objective, Update, is_date_field

UPDATES_SHEET = "Updates"
OBJECTIVES_SHEET = "Objectives"
ABOUT_SHEET = "About"
LISTS_SHEET = "Lists"  # the drop-downs' choices, hidden
# The line under the header of a sheet with no rows (the meeting pack's workbook), so a reader
# tells an empty sheet from a broken one; import skips it (tracker.sheets.reader).
NO_ROWS_NOTES = {
    "Objectives": N_("No objectives yet."),
    "Updates": N_("No updates yet."),
    "Evidence": N_("No evidence yet."),
    "Measurements": N_("No measurements yet."),
    "Targets": N_("No targets yet."),
    "Changes": N_("No changes in this period."),
}
HEADER_ROW = 1  # what a person reads
KEY_ROW = 2  # the machine keys
FIRST_DATA_ROW = 3


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # an English message, shown through t()
    width: float = 14
    to_fill: bool = False  # an answer column (shaded), not a fact about the objective
    # The model field the column's value is (or becomes): its kind, such as a date, is the
    # model's to say, so the workbook formats the column as the format reads the field.
    field: tuple[type[BaseModel], str] | None = None

    @property
    def is_date(self) -> bool:
        return self.field is not None and is_date_field(*self.field)


# What a tracker workbook tells the institution about each objective.
ID = "id"
VERSION = "version"
CURRENT_STATUS = "status"
CURRENT_PROGRESS = "progress"
LAST_UPDATE = "last_update"

# The answers, by key.
NEW_STATUS = "new_status"
NEW_PROGRESS = "new_progress"
NOTE = "note"
SOURCE = "source"
EVIDENCE_TITLE = "evidence_title"
EVIDENCE_URL = "evidence_url"
EVIDENCE_KIND = "evidence_kind"
EVIDENCE_DATE = "evidence_date"
EVIDENCE_ACCESS = "evidence_access"
MEASUREMENT = "measurement"
MEASUREMENT_DATE = "measurement_date"

UPDATE_COLUMNS: tuple[Column, ...] = (
    Column(ID, N_("Objective id"), 16),
    Column("plan", N_("Plan"), 8),
    Column("title", N_("Objective"), 44),
    Column("owner", N_("Owner"), 24),
    Column("due", N_("Due"), 12, field=(Objective, "due")),
    Column(CURRENT_STATUS, N_("Status now"), 14),
    Column(CURRENT_PROGRESS, N_("Progress now (%)"), 10),
    Column(LAST_UPDATE, N_("Last update"), 12, field=(Update, "date")),
    Column(NEW_STATUS, N_("New status"), 16, True),
    Column(NEW_PROGRESS, N_("New progress (0-100)"), 12, True),
    Column(NOTE, N_("Note: what changed"), 40, True),
    Column(SOURCE, N_("Source of the update"), 28, True),
    Column(EVIDENCE_TITLE, N_("Evidence title"), 28, True),
    Column(EVIDENCE_URL, N_("Evidence address (https://...)"), 30, True),
    Column(EVIDENCE_KIND, N_("Evidence kind"), 14, True),
    Column(EVIDENCE_DATE, N_("Evidence date"), 12, True, (Evidence, "date")),
    Column(EVIDENCE_ACCESS, N_("Evidence access"), 12, True),
    Column(MEASUREMENT, N_("Measurement"), 12, True),
    Column(MEASUREMENT_DATE, N_("Measurement date"), 12, True, (Measurement, "date")),
    Column(VERSION, N_("Version (do not change)"), 14),
)
ANSWER_KEYS: tuple[str, ...] = tuple(c.key for c in UPDATE_COLUMNS if c.to_fill)

# A table of objectives that becomes a new plan file (`import-plan`, `workbook --template`).
PLAN_COLUMNS: tuple[Column, ...] = (
    Column("id", N_("Objective id (optional)"), 18, True),
    Column("title", N_("Title"), 44, True),
    Column("type", N_("Type"), 22, True),
    Column("area", N_("Area"), 24, True),
    Column("owner", N_("Owner"), 24, True),
    Column("start", N_("Start"), 12, True, (Objective, "start")),
    Column("due", N_("Due"), 12, True, (Objective, "due")),
    Column("description", N_("Description (optional)"), 40, True),
    Column("status", N_("Status (optional)"), 16, True),
)
