"""A new plan file from a table of objectives (a ministry's action plan kept in Excel).

The file is written in the project's layout (the schema comment, `plan:` with its areas,
then `objectives:`, one blank line between objectives), its areas made from the distinct
area names in the table. It is validated with every other plan file before it is written,
and an existing file is never replaced.
"""

from __future__ import annotations

import datetime
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import cyrtranslit

from tracker import settings
from tracker.edit import store
from tracker.edit.atomic import write_atomically
from tracker.edit.line_shapes import plain_is_safe
from tracker.i18n import t
from tracker.load.loader import assemble, display_path, find_files, load_file, load_text
from tracker.model import is_identifier
from tracker.problems import Problem
from tracker.schema import SCHEMA_PATH
from tracker.sheets import values
from tracker.sheets.cells import CellProblem, SheetRefused
from tracker.sheets.columns import OBJECTIVES_SHEET, PLAN_COLUMNS
from tracker.sheets.reader import Cell, Table, read_file, read_table
from tracker.statuses import Status

_REQUIRED = ("title", "type", "area", "owner", "start", "due")
_SLUG_WORDS = 6


@dataclass(frozen=True)
class PlanHeader:
    id: str
    title: str
    start: datetime.date
    end: datetime.date


@dataclass
class PlanFromTable:
    shown: str
    text: str = ""
    objectives: int = 0
    areas: int = 0
    problems: list[CellProblem] = field(default_factory=list)
    yaml_problems: list[Problem] = field(default_factory=list)

    @property
    def can_write(self) -> bool:
        return (
            bool(self.text)
            and not self.yaml_problems
            and not any(p.is_error for p in self.problems)
        )


@dataclass
class _Objective:
    row: int
    values: dict[str, object]


def plan_from_file(
    path: Path, header: PlanHeader, data: str | os.PathLike[str] | None, shown_as: str = ""
) -> PlanFromTable:
    try:
        table = read_file(path, PLAN_COLUMNS, OBJECTIVES_SHEET, "title")
    except SheetRefused as refusal:
        return PlanFromTable(str(path), problems=[refusal.problem])
    return plan_from_table(table, header, data, shown_as)


def plan_from_upload(
    content: bytes,
    name: str,
    header: PlanHeader,
    data: str | os.PathLike[str] | None,
    shown_as: str = "",
) -> PlanFromTable:
    try:
        table = read_table(content, name, PLAN_COLUMNS, OBJECTIVES_SHEET, "title")
    except SheetRefused as refusal:
        return PlanFromTable(name, problems=[refusal.problem])
    return plan_from_table(table, header, data, shown_as)


def plan_from_table(
    table: Table, header: PlanHeader, data: str | os.PathLike[str] | None, shown_as: str = ""
) -> PlanFromTable:
    """The plan file's text, or the problems (by cell) that keep it from being made."""
    result = PlanFromTable(table.shown)
    today = datetime.date.today()
    rows: list[_Objective] = []
    result.problems.extend(table.unreadable())
    for row in table.rows:
        cells = {column.key: table.cell(row, column.key) for column in PLAN_COLUMNS}
        if all(cell is None or cell.is_empty for cell in cells.values()):
            continue
        rows.append(_read_row(table, row, cells, result, today))
    if not rows and not result.problems:
        result.problems.append(table.at(table.key_row, 0, t("the table has no objectives")))
    if any(p.is_error for p in result.problems):
        return result
    existing = _existing_ids(data)
    areas = _areas(rows)
    _assign_ids(table, rows, header.id, existing, result)
    if any(p.is_error for p in result.problems):
        return result
    result.text, starts = _render(header, areas, rows, _schema_reference(shown_as, data))
    result.objectives, result.areas = len(rows), len(areas)
    result.yaml_problems = _validate(result.text, shown_as or f"{header.id}.yaml", data)
    # A problem in the new text is put on the row it comes from, so it is fixed in the table.
    for problem in result.yaml_problems:
        origin = max((s for s in starts if s[0] <= problem.line), default=None)
        if origin is not None:
            result.problems.append(table.at(origin[1], 0, problem.message))
        else:
            result.problems.append(CellProblem(table.shown, "", 0, 0, problem.message))
    return result


def _read_row(
    table: Table,
    row: list[Cell],
    cells: dict[str, Cell | None],
    result: PlanFromTable,
    today: datetime.date,
) -> _Objective:
    number = row[0].row
    found: dict[str, object] = {}
    readers = {
        "id": lambda c: (values.text(c.value), None),
        "title": lambda c: (values.text(c.value), None),
        "type": lambda c: values.objective_type(c.value),
        "area": lambda c: (values.text(c.value), None),
        "owner": lambda c: (values.text(c.value), None),
        "start": lambda c: values.date(c.value, datetime.date.max),
        "due": lambda c: values.date(c.value, datetime.date.max),
        "description": lambda c: (values.text(c.value), None),
        "status": lambda c: values.status(c.value),
    }
    for key, reader in readers.items():
        cell = cells.get(key)
        if cell is None or cell.is_empty:
            if key in _REQUIRED:
                column = table.columns.get(key, 0)
                result.problems.append(
                    table.at(number, column, t("this objective needs its {column}", column=t(key)))
                    if column
                    else table.at(table.key_row, 0, t("the table has no {key} column", key=key))
                )
            continue
        value, mistake = reader(cell)
        if mistake:
            result.problems.append(table.problem(cell, mistake))
        else:
            found[key] = value
    identifier = found.get("id")
    if isinstance(identifier, str) and not is_identifier(identifier):
        cell = cells["id"]
        assert cell is not None
        result.problems.append(
            table.problem(
                cell,
                t(
                    "'{id}' is not an id: lower-case letters, digits, '-', '.' and '_', "
                    "starting with a letter or digit (or leave it empty to have one made)",
                    id=identifier,
                ),
            )
        )
    start, due = found.get("start"), found.get("due")
    if isinstance(start, datetime.date) and isinstance(due, datetime.date) and due < start:
        cell = cells["due"]
        assert cell is not None
        result.problems.append(
            table.problem(
                cell, t("the due date {due} is before the start {start}", due=due, start=start)
            )
        )
    return _Objective(number, found)


def slug(text: str, limit_words: int = _SLUG_WORDS) -> str:
    """Lower-case Latin words joined by '-': 'Обука у Србији' -> 'obuka-u-srbiji'."""
    latin = cyrtranslit.to_latin(text, "sr")
    folded = latin.casefold().translate(str.maketrans("čćžšđ", "cczsd"))
    words = re.findall(r"[a-z0-9]+", folded)
    return "-".join(words[:limit_words]) or "objective"


def _areas(rows: list[_Objective]) -> dict[str, str]:
    """Area name as first written -> its id, one per distinct name (case and spaces aside)."""
    by_name: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for objective in rows:
        name = str(objective.values["area"])
        key = values.normalise(name)
        if key not in by_name:
            identifier = _unique(slug(name), used)
            used.add(identifier)
            by_name[key] = (name, identifier)
        objective.values["area_id"] = by_name[key][1]
    return {name: identifier for name, identifier in by_name.values()}


def _unique(base: str, used: set[str]) -> str:
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _assign_ids(
    table: Table,
    rows: list[_Objective],
    plan_id: str,
    existing: dict[str, str],
    result: PlanFromTable,
) -> None:
    used: dict[str, int] = {}
    for objective in rows:
        given = objective.values.get("id")
        if isinstance(given, str):
            if given in used:
                result.problems.append(
                    table.at(
                        objective.row,
                        table.columns["id"],
                        t("the id '{id}' is also in row {row}", id=given, row=used[given]),
                    )
                )
            elif given in existing:
                result.problems.append(
                    table.at(
                        objective.row,
                        table.columns["id"],
                        t(
                            "the id '{id}' is already used in {file}",
                            id=given,
                            file=existing[given],
                        ),
                    )
                )
            used[given] = objective.row
    for objective in rows:
        if not isinstance(objective.values.get("id"), str):
            base = f"{plan_id}-{slug(str(objective.values['title']), 4)}"
            identifier = _unique(base, set(used) | set(existing))
            objective.values["id"] = identifier
            used[identifier] = objective.row


def _existing_ids(data: str | os.PathLike[str] | None) -> dict[str, str]:
    root = settings.data_path(data)
    found: dict[str, str] = {}
    for path in find_files(root) if root.exists() else []:
        for objective in load_file(path).objectives:
            found[objective.id] = display_path(path)
    return found


def _scalar(value: object) -> str:
    """A value as the project's files write it: plain when that reads back the same."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if plain_is_safe(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _schema_reference(shown_as: str, data: str | os.PathLike[str] | None) -> str:
    target = Path(shown_as).resolve().parent if shown_as else settings.data_path(data).resolve()
    if (target / SCHEMA_PATH.name).is_file():  # a data folder keeps its schema beside the plans
        return SCHEMA_PATH.name
    try:
        return os.path.relpath(SCHEMA_PATH.resolve(), target)
    except ValueError:  # another drive on Windows
        return str(SCHEMA_PATH.resolve())


def _render(
    header: PlanHeader, areas: dict[str, str], rows: list[_Objective], schema: str
) -> tuple[str, list[tuple[int, int]]]:
    lines = [
        f"# yaml-language-server: $schema={schema}",
        "#",
        f"# {header.title}: made by `python -m tracker import-plan` from a table on "
        f"{datetime.date.today().isoformat()}.",
        "# Statuses are as the table gave them (not-assessed where it gave none); add an",
        "# update, with its date and source, for every assessment.",
        "",
        "plan:",
        f"  id: {header.id}",
        f"  title: {_scalar(header.title)}",
        f"  start: {header.start.isoformat()}",
        f"  end: {header.end.isoformat()}",
        "  areas:",
    ]
    for name, identifier in areas.items():
        lines.append(f"    - {{id: {identifier}, title: {_scalar(name)}}}")
    lines += ["", "objectives:"]
    starts: list[tuple[int, int]] = []
    for objective in rows:
        found = objective.values
        lines.append("")
        starts.append((len(lines) + 1, objective.row))
        lines.append(f"  - id: {found['id']}")
        lines.append(f"    title: {_scalar(found['title'])}")
        if found.get("description"):
            lines.append(f"    description: {_scalar(found['description'])}")
        lines.append(f"    type: {found['type']}")
        lines.append(f"    area: {found['area_id']}")
        lines.append(f"    owner: {_scalar(found['owner'])}")
        lines.append(f"    start: {_scalar(found['start'])}")
        lines.append(f"    due: {_scalar(found['due'])}")
        lines.append(f"    status: {found.get('status') or Status.NOT_ASSESSED.value}")
    return "\n".join(lines) + "\n", starts


def _validate(text: str, shown: str, data: str | os.PathLike[str] | None) -> list[Problem]:
    root = settings.data_path(data)
    target = Path(shown).resolve()
    others = [
        load_file(path)
        for path in (find_files(root) if root.exists() else [])
        if path.resolve() != target
    ]
    candidate = load_text(text, shown)
    portfolio = assemble([*others, candidate])
    return [p for p in portfolio.problems if p.path == shown]


class PlanNotWritten(Exception):
    pass


def write_new_plan(path: Path, text: str) -> None:
    """Write the new file under its lock, never over an existing one."""
    target = path.resolve()
    lock = store.file_lock(target)
    with lock:
        if target.exists():
            raise PlanNotWritten(
                t("{file} already exists and is never replaced: choose another -o", file=path)
            )
        write_atomically(target, text.encode("utf-8"))
