"""The update workbook an institution fills in, and the empty table a new plan starts from.

One row per open objective: what it is and where it stands, then shaded columns to
answer in, each with a drop-down or a check where Excel and LibreOffice can enforce one.
Row 1 is for people (in the workbook's language), row 2 holds the machine keys import
goes by, and each row carries the objective's version (tracker.sheets.version). Every
text the tracker writes is written as text: one that begins with `=`, `+`, `-` or `@`
never becomes a formula when the workbook is opened.
"""

from __future__ import annotations

import datetime
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass

import cyrtranslit
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from tracker.i18n import LANGUAGES, t
from tracker.load.loader import load_portfolio
from tracker.model import (
    OBJECTIVE_TYPES,
    RECOMMENDED_EVIDENCE_KINDS,
    Objective,
    translatable_fields,
    translation,
)
from tracker.sheets import columns as keys
from tracker.sheets.columns import (
    ABOUT_SHEET,
    FIRST_DATA_ROW,
    HEADER_ROW,
    KEY_ROW,
    LISTS_SHEET,
    OBJECTIVES_SHEET,
    PLAN_COLUMNS,
    UPDATE_COLUMNS,
    UPDATES_SHEET,
    Column,
)
from tracker.sheets.values import ACCESS_LEVELS, speaking, status_labels
from tracker.sheets.version import objective_versions
from tracker.statuses import CLOSED_STATUSES, STATUS_LABELS

# Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
# return, that some spreadsheets strip before doing so): OWASP's CSV-injection list.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
_HEADER_FONT = Font(bold=True)
_KEY_FONT = Font(size=8, color="808080", italic=True)
_ANSWER_FILL = PatternFill("solid", fgColor="FFF6D5")
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_TEXT_KEYS = {
    keys.NOTE,
    keys.SOURCE,
    keys.EVIDENCE_TITLE,
    keys.EVIDENCE_URL,
    "id",
    "title",
    "owner",
    "area",
    "description",
}


class NoObjectives(ValueError):
    """The options leave no open objective to ask about (the sentence says which)."""


@dataclass(frozen=True)
class MadeWorkbook:
    content: bytes
    rows: int


def put(sheet: Worksheet, row: int, column: int, value: object) -> None:
    """Write a value; text always as text, so that it never turns into a formula."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        if value.startswith(FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    else:
        cell.value = value


def open_objectives(
    data: str | os.PathLike[str] | None, plan: str | None, owner: str | None
) -> list[Objective]:
    """The objectives a workbook asks about: open ones, of the plan and owner chosen."""
    portfolio = load_portfolio(data)
    chosen = [o for o in portfolio.objectives if o.status not in CLOSED_STATUSES]
    if plan is not None:
        if plan not in portfolio.plans:
            raise NoObjectives(
                t(
                    "no plan has the id '{plan}': the plans are {plans}",
                    plan=plan,
                    plans=", ".join(sorted(portfolio.plans)) or t("none"),
                )
            )
        chosen = [o for o in chosen if o.plan_id == plan]
    if owner is not None:
        wanted = owner.strip().casefold()
        owners = sorted({o.owner for o in chosen})
        chosen = [o for o in chosen if wanted in o.owner.casefold()]
        if not chosen:
            raise NoObjectives(
                t(
                    "no open objective has an owner matching '{owner}': the owners are {owners}",
                    owner=owner,
                    owners="; ".join(owners) or t("none"),
                )
            )
    if not chosen:
        raise NoObjectives(t("there is no open objective to ask about"))
    return chosen


def update_workbook(
    data: str | os.PathLike[str] | None,
    plan: str | None = None,
    owner: str | None = None,
    language: str = "en",
) -> MadeWorkbook:
    """The update workbook's bytes (.xlsx) for the chosen open objectives."""
    objectives = open_objectives(data, plan, owner)
    versions = objective_versions(data)
    with speaking(language):
        book = Workbook()
        sheet = book.active
        sheet.title = UPDATES_SHEET
        _heading(sheet, UPDATE_COLUMNS)
        for offset, objective in enumerate(objectives):
            row = FIRST_DATA_ROW + offset
            version = versions.get(objective.id)
            for column, spec in enumerate(UPDATE_COLUMNS, start=1):
                put(
                    sheet,
                    row,
                    column,
                    _fact(objective, spec.key, version.digest if version else "", language),
                )
        last = FIRST_DATA_ROW + len(objectives) - 1
        _formats(sheet, UPDATE_COLUMNS, last)
        lists = _lists(book)
        _update_checks(sheet, lists, last)
        _about(book, _update_instructions(len(objectives)))
        return MadeWorkbook(_bytes(book), len(objectives))


def plan_template(language: str = "en") -> MadeWorkbook:
    """An empty table of objectives in the shape `import-plan` reads."""
    with speaking(language):
        book = Workbook()
        sheet = book.active
        sheet.title = OBJECTIVES_SHEET
        _heading(sheet, PLAN_COLUMNS)
        last = FIRST_DATA_ROW + 499
        _formats(sheet, PLAN_COLUMNS, last)
        lists = _lists(book)
        column = {spec.key: index for index, spec in enumerate(PLAN_COLUMNS, start=1)}
        _drop_down(sheet, lists["type"], column["type"], last, t("Pick the objective's type."))
        _drop_down(
            sheet, lists["status"], column["status"], last, t("Pick a status, or leave it empty.")
        )
        _about(book, _plan_instructions())
        return MadeWorkbook(_bytes(book), 0)


def in_language(objective: Objective, field: str, language: str) -> str:
    """The objective's text in the workbook's language where its file gives a translation
    (Serbian in Latin script read from the Cyrillic one if need be), else as written."""
    if field not in translatable_fields(Objective):
        return str(getattr(objective, field))
    given = translation(objective, field, language) if language in LANGUAGES else None
    if given is None and language == "sr-Latn":
        cyrillic = translation(objective, field, "sr-Cyrl")
        given = cyrtranslit.to_latin(cyrillic, "sr") if cyrillic else None
    return given or str(getattr(objective, field))


def _fact(objective: Objective, key: str, version: str, language: str) -> object:
    last = objective.updates[-1] if objective.updates else None
    facts: dict[str, object] = {
        keys.ID: objective.id,
        "plan": objective.plan_id,
        "title": in_language(objective, "title", language),
        "owner": in_language(objective, "owner", language),
        "due": objective.due,
        keys.CURRENT_STATUS: t(STATUS_LABELS[objective.status]),
        # No figure reported stays an empty cell: unknown, never 0.
        keys.CURRENT_PROGRESS: objective.progress,
        keys.LAST_UPDATE: last.date if last else None,
        keys.VERSION: version,
    }
    return facts.get(key)


def _heading(sheet: Worksheet, specs: Sequence[Column]) -> None:
    for column, spec in enumerate(specs, start=1):
        put(sheet, HEADER_ROW, column, t(spec.header))
        put(sheet, KEY_ROW, column, spec.key)
        header = sheet.cell(row=HEADER_ROW, column=column)
        header.font = _HEADER_FONT
        header.alignment = Alignment(wrap_text=True, vertical="top")
        header.fill = _ANSWER_FILL if spec.to_fill else _HEADER_FILL
        sheet.cell(row=KEY_ROW, column=column).font = _KEY_FONT
        sheet.column_dimensions[get_column_letter(column)].width = spec.width
    sheet.row_dimensions[HEADER_ROW].height = 45
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=2)


def _formats(sheet: Worksheet, specs: Sequence[Column], last: int) -> None:
    for column, spec in enumerate(specs, start=1):
        number_format = (
            DATE_FORMAT if spec.is_date else TEXT_FORMAT if spec.key in _TEXT_KEYS else None
        )
        for row in range(FIRST_DATA_ROW, last + 1):
            cell = sheet.cell(row=row, column=column)
            if number_format:
                cell.number_format = number_format
            if spec.to_fill:
                cell.fill = _ANSWER_FILL
            if spec.key in ("title", keys.NOTE):
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _lists(book: Workbook) -> dict[str, str]:
    """The drop-downs' choices on a hidden sheet (a list written inline is capped at 255
    characters, and labels may hold commas); returns each list's range."""
    sheet = book.create_sheet(LISTS_SHEET)
    sheet.sheet_state = "hidden"
    choices = {
        "status": status_labels(),
        "access": [t(level) for level in ACCESS_LEVELS],
        "kind": [t(kind) for kind in RECOMMENDED_EVIDENCE_KINDS],
        "type": [t(kind) for kind in OBJECTIVE_TYPES],
    }
    ranges = {}
    for column, (name, words) in enumerate(choices.items(), start=1):
        for row, word in enumerate(words, start=1):
            put(sheet, row, column, word)
        letter = get_column_letter(column)
        ranges[name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(words)}"
    return ranges


def _drop_down(
    sheet: Worksheet, source: str, column: int, last: int, prompt: str, strict: bool = True
) -> None:
    check = DataValidation(
        type="list",
        formula1=source,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "information",
        errorTitle=t("Not in the list"),
        error=t("Pick a value from the list."),
        promptTitle=t("How to fill"),
        prompt=prompt,
        showInputMessage=True,
    )
    letter = get_column_letter(column)
    check.add(f"{letter}{FIRST_DATA_ROW}:{letter}{max(last, FIRST_DATA_ROW)}")
    sheet.add_data_validation(check)


def _update_checks(sheet: Worksheet, lists: dict[str, str], last: int) -> None:
    column = {spec.key: index for index, spec in enumerate(UPDATE_COLUMNS, start=1)}
    _drop_down(
        sheet,
        lists["status"],
        column[keys.NEW_STATUS],
        last,
        t("Pick the new status, or leave it empty."),
    )
    _drop_down(
        sheet,
        lists["access"],
        column[keys.EVIDENCE_ACCESS],
        last,
        t("Public unless the evidence is for the ministry only."),
    )
    _drop_down(
        sheet,
        lists["kind"],
        column[keys.EVIDENCE_KIND],
        last,
        t("Pick a kind, or type another word."),
        strict=False,
    )
    percent = DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=t("Not a percentage"),
        error=t("Progress is a number from 0 to 100."),
        promptTitle=t("How to fill"),
        prompt=t("Percent done, from 0 to 100; leave empty if unknown."),
        showInputMessage=True,
    )
    letter = get_column_letter(column[keys.NEW_PROGRESS])
    percent.add(f"{letter}{FIRST_DATA_ROW}:{letter}{max(last, FIRST_DATA_ROW)}")
    sheet.add_data_validation(percent)


def _update_instructions(rows: int) -> list[str]:
    return [
        t("How to fill this workbook"),
        "",
        t(
            "The sheet Updates has one row for each open objective ({count} rows). Columns "
            "A to H say what the objective is and where it stands now; answer in the "
            "shaded columns, and leave a row empty when there is nothing new.",
            count=rows,
        ),
        t("New status: pick one from the list. Leave it empty to keep the status as it is."),
        t("New progress: percent done, from 0 to 100 (40 or 40%). Leave it empty if unknown."),
        t(
            "Note: what changed, in a sentence. Source: where that is written (an address or "
            "a document)."
        ),
        t(
            "Evidence: a title and an https:// address of what shows the work was done, its "
            "kind (report, news, decision, ...), its date, and whether it is public or internal."
        ),
        t(
            "Measurement: a new value of the objective's figure (tonnes destroyed, say) and "
            "its date."
        ),
        t("Dates: pick a date, or write it as YYYY-MM-DD (2026-11-20) or 20.11.2026."),
        "",
        t(
            "Do not change the ids, row 2 (the column keys) or the Version column: they tell "
            "the tracker which objective each answer is for, and whether it has changed since "
            "this workbook was made. Columns may be moved, and more columns added."
        ),
        t(
            "Send the workbook back as it is (.xlsx), or saved as CSV UTF-8. It is imported "
            "only when every row is right; each mistake is named by its cell."
        ),
        "",
        t("Made by IPAP Tracker on {day}.", day=datetime.date.today().isoformat()),
    ]


def _plan_instructions() -> list[str]:
    return [
        t("How to fill this table"),
        "",
        t(
            "One row for each objective of the new plan: its title, type, area, owner, start "
            "and due date are needed; the id, description and status may be left empty."
        ),
        t(
            "Type: pick one from the list. Area: the chapter's name, written the same way on "
            "every row."
        ),
        t("Dates: pick a date, or write it as YYYY-MM-DD (2026-11-20) or 20.11.2026."),
        t(
            "An empty id is made from the plan's id and the title. Ids are lower-case "
            "letters, digits and - . _"
        ),
        t(
            "Then: python -m tracker import-plan FILE.xlsx --id ID --title TITLE --start "
            "YYYY-MM-DD --end YYYY-MM-DD"
        ),
    ]


def _about(book: Workbook, lines: list[str]) -> None:
    sheet = book.create_sheet(ABOUT_SHEET, 1)
    sheet.column_dimensions["A"].width = 110
    for row, line in enumerate(lines, start=1):
        put(sheet, row, 1, line)
        cell = sheet.cell(row=row, column=1)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)


def _bytes(book: Workbook) -> bytes:
    book.properties.creator = "IPAP Tracker"
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
