"""A filled update workbook (or its CSV) checked row by row, then applied all or nothing.

Every answer goes through the same store as `python -m tracker update` and the app's form
(tracker.edit.store: the editor check, the lock, validation with every plan file, the
atomic write, the git commit), so the files change exactly as if each update had been
typed in the form. Every mistake in the file is found in one pass and named by its cell;
if any row is refused, nothing is written.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracker.edit import store
from tracker.edit.atomic import write_atomically
from tracker.edit.auth import Editor
from tracker.edit.gitcommit import CommitOutcome, commit_file
from tracker.i18n import t, tn
from tracker.i18n.sentence import Amount, joined, said, said_p, spoken
from tracker.load.loader import load_portfolio
from tracker.model import Objective
from tracker.problems import Problem
from tracker.sheets import columns as keys
from tracker.sheets import values
from tracker.sheets.cells import ERROR, WARNING, CellProblem, SheetRefused
from tracker.sheets.columns import ANSWER_KEYS, UPDATE_COLUMNS, UPDATES_SHEET
from tracker.sheets.reader import Cell, Table, read_file, read_table
from tracker.sheets.version import Version, objective_versions
from tracker.statuses import STATUS_LABELS
from tracker.text import nearest


@dataclass(frozen=True)
class Answer:
    """One filled row, read as the change it asks for and previewed against the files."""

    row: int
    change: store.StatusChange
    proposal: store.Proposal


@dataclass
class Checked:
    """What an import would do: the changes, and every problem with its cell."""

    shown: str
    answers: list[Answer] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    empty_rows: int = 0

    @property
    def errors(self) -> list[CellProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def can_import(self) -> bool:
        return not self.errors

    @property
    def rows_to_fix(self) -> list[int]:
        return sorted({p.row for p in self.errors if p.row > 0})


@dataclass(frozen=True)
class Imported:
    saved: list[store.Saved]
    commits: list[CommitOutcome]


class ImportRefused(Exception):
    """The import was stopped while saving (the file changed, a disk refused); every file
    already changed by it was put back as it was, and the sentence says so."""

    def __init__(self, message: str, not_restored: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message  # a Sentence (or sentences joined): said again in any language
        self.not_restored = list(not_restored)

    @property
    def text(self) -> str:
        """The sentence in the reader's language, as it is shown."""
        return spoken(self.message)


def check_file(
    path: Path,
    data: str | os.PathLike[str] | None,
    editor: Editor | None,
    force: bool = False,
    today: datetime.date | None = None,
) -> Checked:
    try:
        table = read_file(path, UPDATE_COLUMNS, UPDATES_SHEET, keys.ID)
    except SheetRefused as refusal:
        return Checked(str(path), problems=[refusal.problem])
    return check_table(table, data, editor, force, today)


def check_upload(
    content: bytes,
    name: str,
    data: str | os.PathLike[str] | None,
    editor: Editor | None,
    force: bool = False,
    today: datetime.date | None = None,
) -> Checked:
    try:
        table = read_table(content, name, UPDATE_COLUMNS, UPDATES_SHEET, keys.ID)
    except SheetRefused as refusal:
        return Checked(name, problems=[refusal.problem])
    return check_table(table, data, editor, force, today)


def check_table(
    table: Table,
    data: str | os.PathLike[str] | None,
    editor: Editor | None,
    force: bool = False,
    today: datetime.date | None = None,
) -> Checked:
    """Read every row; preview each filled one through the store. Nothing is written."""
    today = today or datetime.date.today()
    checked = Checked(table.shown)
    portfolio = load_portfolio(data, today)
    objectives = {o.id: o for o in portfolio.objectives}
    versions = objective_versions(data)
    known = sorted(set(objectives) | set(versions))
    seen: dict[str, int] = {}
    missing = [key for key in ANSWER_KEYS if key not in table.columns]
    if len(missing) == len(ANSWER_KEYS):
        checked.problems.append(
            table.at(
                table.key_row,
                0,
                said(
                    "no answer column was found (new_status, new_progress, note, ...): import "
                    "a workbook made by `python -m tracker workbook`"
                ),
            )
        )
        return checked
    checked.problems.extend(table.unreadable())
    for row in table.rows:
        _check_row(
            table, row, checked, objectives, versions, known, seen, data, editor, force, today
        )
    return checked


def _check_row(
    table: Table,
    row: list[Cell],
    checked: Checked,
    objectives: dict[str, Objective],
    versions: dict[str, Version],
    known: list[str],
    seen: dict[str, int],
    data: str | os.PathLike[str] | None,
    editor: Editor | None,
    force: bool,
    today: datetime.date,
) -> None:
    number = row[0].row
    answers = {key: table.cell(row, key) for key in ANSWER_KEYS}
    if all(cell is None or cell.is_empty for cell in answers.values()):
        checked.empty_rows += 1
        return
    problems: list[CellProblem] = []

    def read(key: str, reader: values.Reading | None = None) -> object:
        cell = answers.get(key) or table.cell(row, key)
        if cell is None:
            return None
        value, mistake = reader if reader is not None else (values.text(cell.value), None)
        if mistake:
            problems.append(table.problem(cell, mistake))
        return value

    id_cell = table.cell(row, keys.ID) or Cell(None, number, table.columns[keys.ID])
    objective_id = values.text(id_cell.value)
    if objective_id is None:
        checked.problems.append(
            table.problem(
                id_cell, said("this row has answers but no objective id: copy the id back in")
            )
        )
        return
    if objective_id not in versions and objective_id not in objectives:
        hint = nearest(objective_id, known)
        checked.problems.append(
            table.problem(
                id_cell,
                joined(
                    [said("no objective has the id '{id}'", id=objective_id)]
                    + ([said(": did you mean '{hint}'?", hint=hint)] if hint else []),
                    "",
                ),
            )
        )
        return
    if objective_id in seen:
        checked.problems.append(
            table.problem(
                id_cell,
                said(
                    "{id} is answered in row {first} too: put both answers in one row",
                    id=objective_id,
                    first=seen[objective_id],
                ),
            )
        )
        return
    seen[objective_id] = number
    objective = objectives.get(objective_id)
    if objective is None:
        checked.problems.append(
            table.problem(
                id_cell,
                said(
                    "{id} has a problem in its file, so it cannot be updated from a workbook: "
                    "fix the file first (`python -m tracker validate`)",
                    id=objective_id,
                ),
            )
        )
        return

    def cell_of(key: str) -> Cell | None:
        return answers.get(key)

    def reading(key: str, reader: object) -> object:
        cell = cell_of(key)
        if cell is None:
            return None
        return read(key, reader(cell))  # type: ignore[operator]

    new_status = reading(keys.NEW_STATUS, lambda c: values.status(c.value))
    progress = reading(keys.NEW_PROGRESS, lambda c: values.progress(c.value, c.number_format))
    note = reading(keys.NOTE, lambda c: (values.text(c.value), None))
    source = reading(keys.SOURCE, lambda c: values.source(c.value))
    title = reading(keys.EVIDENCE_TITLE, lambda c: (values.text(c.value), None))
    url = reading(keys.EVIDENCE_URL, lambda c: values.web_address(c.value))
    kind = reading(keys.EVIDENCE_KIND, lambda c: values.evidence_kind(c.value))
    evidence_date = reading(keys.EVIDENCE_DATE, lambda c: values.date(c.value, today))
    access = reading(keys.EVIDENCE_ACCESS, lambda c: values.access(c.value))
    measurement = reading(keys.MEASUREMENT, lambda c: values.number(c.value))
    measurement_date = reading(keys.MEASUREMENT_DATE, lambda c: values.date(c.value, today))

    evidence_cells = [
        keys.EVIDENCE_URL,
        keys.EVIDENCE_KIND,
        keys.EVIDENCE_DATE,
        keys.EVIDENCE_ACCESS,
    ]
    if title is None and any(not _empty(cell_of(key)) for key in evidence_cells):
        problems.append(
            _at(
                table,
                row,
                keys.EVIDENCE_TITLE,
                said("evidence needs a title: say what the link or document is"),
            )
        )
    if measurement is None and not _empty(cell_of(keys.MEASUREMENT_DATE)):
        problems.append(
            _at(
                table,
                row,
                keys.MEASUREMENT,
                said("a measurement date needs a measurement beside it"),
            )
        )
    if not _empty(cell_of(keys.MEASUREMENT)) and objective.metric is None:
        problems.append(
            _at(
                table,
                row,
                keys.MEASUREMENT,
                said(
                    "{id} has no figure to measure (no metric in its file): leave this cell "
                    "empty, or put the number in the note",
                    id=objective_id,
                ),
            )
        )
    problems.extend(_version_check(table, row, objective, versions.get(objective_id), force))
    checked.problems.extend(problems)
    if any(p.is_error for p in problems):
        return
    change = store.StatusChange(
        objective_id=objective_id,
        status=str(new_status or objective.status),
        date=today,
        progress=progress,  # type: ignore[arg-type]
        note=note,  # type: ignore[arg-type]
        evidence=(
            store.EvidenceLink(
                str(title),
                url,  # type: ignore[arg-type]
                kind,  # type: ignore[arg-type]
                evidence_date,  # type: ignore[arg-type]
                access,  # type: ignore[arg-type]
            )
            if title is not None
            else None
        ),
        measurement=measurement,  # type: ignore[arg-type]
        source=source,  # type: ignore[arg-type]
        measurement_date=measurement_date,  # type: ignore[arg-type]
    )
    try:
        proposal = store.preview(data, change, editor, today)
    except store.StoreError as refusal:
        checked.problems.append(table.problem(id_cell, _refusal_text(refusal)))
        return
    if proposal.problems:
        for problem in proposal.problems:
            checked.problems.append(
                table.problem(
                    id_cell,
                    said(
                        "this answer would make the plan file invalid: {problem}",
                        problem=problem,  # said as the reader's language writes it
                    ),
                )
            )
        return
    for warning in proposal.warnings:  # shown with the answer's cell, never blocking it
        key = _warned_key(proposal.text, warning)
        cell = cell_of(key) if key is not None else None
        checked.problems.append(
            table.problem(cell if not _empty(cell) else id_cell, warning.message, WARNING)
        )
    checked.answers.append(Answer(number, change, proposal))


# The YAML key a sanity warning points at, and the column of the answer that set it.
_WARNED_COLUMNS = {
    "status": keys.NEW_STATUS,
    "progress": keys.NEW_PROGRESS,
    "value": keys.MEASUREMENT,
    "date": keys.MEASUREMENT_DATE,
}
_KEY_BEFORE = re.compile(r"([A-Za-z_]+):\s*$")


def _warned_key(text: str, warning: Problem) -> str | None:
    """The answer column behind a warning about the file as the answer leaves it: the key
    written just before the warning's line and column (`status: completed`, `value: -50`)."""
    lines = text.splitlines()
    if not 1 <= warning.line <= len(lines):
        return None
    found = _KEY_BEFORE.search(lines[warning.line - 1][: max(warning.column - 1, 0)])
    return _WARNED_COLUMNS.get(found.group(1)) if found else None


def _empty(cell: Cell | None) -> bool:
    return cell is None or cell.is_empty


def _at(
    table: Table, row: list[Cell], key: str, message: str, severity: str = ERROR
) -> CellProblem:
    cell = table.cell(row, key)
    if cell is None:
        return table.at(row[0].row, 0, message, severity)
    return table.problem(cell, message, severity)


def _refusal_text(refusal: store.StoreError) -> str:
    """The refusal with its located problems, said in the reader's language when shown."""
    return joined([refusal.message, *refusal.problems])


def _version_check(
    table: Table, row: list[Cell], objective: Objective, now: Version | None, force: bool
) -> list[CellProblem]:
    """A row answering an older state of its objective: a conflict, unless forced."""
    cell = table.cell(row, keys.VERSION)
    asked = values.text(cell.value) if cell is not None else None
    if asked is None or now is None:
        return [
            _at(
                table,
                row,
                keys.VERSION if cell is not None else keys.ID,
                said(
                    "no version in this row, so a change made to {id} since the workbook was "
                    "sent cannot be noticed",
                    id=objective.id,
                ),
                WARNING,
            )
        ]
    if asked == now.digest:
        return []
    changed = _what_changed(table, row, objective)
    if force:
        return [
            _at(
                table,
                row,
                keys.VERSION,
                said(
                    "{id} changed since this workbook was made ({changed}); imported anyway "
                    "(--force)",
                    id=objective.id,
                    changed=changed,
                ),
                WARNING,
            )
        ]
    return [
        _at(
            table,
            row,
            keys.VERSION,
            said(
                "conflict: {id} changed in {file} since this workbook was made ({changed}). "
                "Check the answer against the file, then make a new workbook, or import "
                "again with --force to apply it anyway",
                id=objective.id,
                file=now.shown,
                changed=changed,
            ),
        )
    ]


def _what_changed(table: Table, row: list[Cell], objective: Objective) -> str:
    """What differs from the facts the workbook showed (status, progress, last update)."""
    parts: list[str] = []
    shown_status = table.cell(row, keys.CURRENT_STATUS)
    if shown_status is not None:
        was, _ = values.status(shown_status.value)
        if was is not None and was != objective.status:
            parts.append(
                said(
                    "status now {now}, was {was}",
                    now=said(STATUS_LABELS[objective.status]),
                    was=said(STATUS_LABELS[str(was)]),
                )
            )
    shown_progress = table.cell(row, keys.CURRENT_PROGRESS)
    if shown_progress is not None:
        was, _ = values.progress(shown_progress.value)
        if was != objective.progress and not (was is None and objective.progress is None):
            parts.append(
                said(
                    "progress now {now}, was {was}",
                    now=_percent(objective.progress),
                    was=_percent(was),
                )
            )
    shown_update = table.cell(row, keys.LAST_UPDATE)
    last = objective.updates[-1] if objective.updates else None
    if shown_update is not None:
        was, _ = values.date(shown_update.value, datetime.date.max)
        if last is not None and was != last.date:
            parts.append(
                said(
                    "a newer update of {day} by {by}",
                    day=last.date.isoformat(),
                    by=last.by or said("unknown"),
                )
            )
    if not parts:
        parts.append(said("its lines in the file differ: title, dates, evidence or notes"))
    return joined(parts)


def _percent(value: object) -> str:
    """Progress as entered (40, 37.5), with the reader's decimal sign and per cent spacing
    when the sentence is said: "37.5%" in English, "37,5 %" in Serbian."""
    if value is None:
        return said_p("progress", "unknown")
    return said("{progress}%", progress=Amount(float(value)))  # type: ignore[arg-type]


def apply_checked(
    checked: Checked,
    data: str | os.PathLike[str] | None,
    editor: Editor | None,
    git_commit: bool = False,
) -> Imported:
    """Save every answer, in row order, or none: a save that fails puts back each file
    this import had already changed. With `git_commit`, one commit per file at the end."""
    if not checked.can_import:
        raise ImportRefused(
            said("nothing was written: fix the rows named above, then import again")
        )
    originals: dict[Path, bytes] = {}
    expected: dict[Path, str] = {}
    saved: list[store.Saved] = []
    try:
        for answer in checked.answers:
            path = answer.proposal.path.resolve()
            if path not in expected:
                expected[path] = answer.proposal.base_hash
                try:
                    originals[path] = path.read_bytes()
                except OSError as error:
                    raise store.WriteFailed(
                        said(
                            "{file}: cannot read the file: {reason}",
                            file=answer.proposal.shown,
                            reason=str(error.strerror or error),
                        )
                    ) from None
                if store.content_hash(originals[path]) != expected[path]:
                    raise store.Conflict(
                        said(
                            "{file} was changed by someone else after the check, so nothing "
                            "was saved: check the workbook again",
                            file=answer.proposal.shown,
                        )
                    )
            result = store.save(
                data, answer.change, editor, expected_hash=expected[path], today=None
            )
            expected[path] = result.new_hash
            saved.append(result)
    except store.StoreError as refusal:
        not_restored = _restore(originals, expected, saved)
        message = said(
            "row {row}: {reason}; nothing of this import was kept",
            row=checked.answers[len(saved)].row,
            reason=_refusal_text(refusal),
        )
        if not_restored:
            message = joined(
                [
                    message,
                    said(
                        "These files changed meanwhile and were left as they are: {files}",
                        files=", ".join(not_restored),
                    ),
                ],
                " ",
            )
        raise ImportRefused(message, not_restored) from None
    commits = []
    if git_commit and editor is not None:
        by_file: dict[Path, list[tuple[Answer, store.Saved]]] = {}
        for answer, result in zip(checked.answers, saved, strict=True):
            by_file.setdefault(result.proposal.path.resolve(), []).append((answer, result))
        for path, done in by_file.items():
            message = _commit_message(checked.shown, done, editor)
            commits.append(commit_file(path, message, editor.name, editor.email))
    return Imported(saved, commits)


def _restore(
    originals: dict[Path, bytes], written: dict[Path, str], saved: list[store.Saved]
) -> list[str]:
    """Put back each file the import changed, under its lock, unless someone wrote it since."""
    not_restored: list[str] = []
    touched = {result.proposal.path.resolve(): result.proposal.shown for result in saved}
    for path, shown in touched.items():
        lock = store.file_lock(path)
        try:
            with lock:
                if store.content_hash(path.read_bytes()) != written[path]:
                    not_restored.append(shown)
                    continue
                write_atomically(path, originals[path])
        except OSError:
            not_restored.append(shown)
    return not_restored


def _commit_message(source: str, answers: list[tuple[Answer, store.Saved]], editor: Editor) -> str:
    """First line names the workbook; one line per objective changed, as `update` says it."""
    lines = [
        f"Import {Path(source).name}: {len(answers)} update{'s' if len(answers) != 1 else ''}",
        "",
    ]
    for answer, result in answers:
        lines.append(
            f"- {answer.change.objective_id}: "
            f"{store.describe_change(answer.change, result.proposal.old_status)}"
        )
    lines += ["", f"Saved with IPAP Tracker by {editor.name} ({editor.signed_in_with})."]
    return "\n".join(lines)


def summary(checked: Checked) -> str:
    """One line: how many rows change, were empty, or need fixing."""
    parts = [
        tn("{count} update", "{count} updates", len(checked.answers)),
        tn("{count} empty row skipped", "{count} empty rows skipped", checked.empty_rows),
    ]
    if checked.rows_to_fix:
        parts.append(
            tn(
                "{count} row to fix ({rows})",
                "{count} rows to fix ({rows})",
                len(checked.rows_to_fix),
                rows=", ".join(str(r) for r in checked.rows_to_fix),
            )
        )
    elif any(p.row == 0 and p.is_error for p in checked.problems):
        parts.append(t("the file cannot be imported"))
    return "; ".join(parts)
