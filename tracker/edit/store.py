"""Safe updates of a plan file: one read-modify-write that never loses or corrupts anything.

A status change is appended as an `updates` entry (with its evidence or measurement) and
the objective's `status`/`progress` follow it. Every save goes through the same steps,
from the app and from the command line:

1. only an editor (see tracker.edit.auth) may save; the store checks this itself;
2. a cross-process lock beside the file is held from reading to renaming;
3. the file on disk must be the one the preview was made from (content hash);
4. the YAML is changed with ruamel.yaml's round trip, and a file it cannot reproduce
   byte for byte is refused rather than reformatted; the one exception is a line whose
   values ruamel only writes another way (an escape such as \\u0161 written out as š),
   allowed when every value keeps its value and type and no such line holds a comment,
   and named in the proposal's `note` so the person saving sees it;
5. the whole new text is validated against the rest of the portfolio, so an invalid
   result is never written;
6. the new text goes to a temporary file in the same folder, is flushed to disk, renamed
   over the original, and the folder is flushed so the rename survives a power cut;
   temporary files of this file that killed writers left behind are then removed;
7. optionally, the file alone is committed to git with the editor as author.

This module locks, validates, writes and commits. The YAML is the editor's: step 4 is one
call to tracker.edit.apply, which takes the change and the file's text and gives back the
new text and the lines it touched. The other steps have their modules: refusals (why a
save was refused), locking (the lock, a killed writer's leftovers), describe (the commit
message), diff (what the person saving is shown), atomic and gitcommit.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tracker import settings
from tracker.edit.apply import OBJECTIVE_KEYS, apply_change
from tracker.edit.atomic import write_atomically
from tracker.edit.auth import Editor, is_editor
from tracker.edit.change import EvidenceLink, StatusChange
from tracker.edit.describe import commit_message, describe_change, rewritten_note
from tracker.edit.diff import unified_diff
from tracker.edit.gitcommit import CommitOutcome, commit_file
from tracker.edit.locking import (
    LOCK_TIMEOUT_SECONDS,
    file_lock,
    holding_lock,
    lock_path,
    remove_leftover_temporaries,
)
from tracker.edit.refusals import (
    CannotApply,
    Conflict,
    InvalidChange,
    LayoutNotKept,
    NotAnEditor,
    NothingToRecord,
    StoreError,
    UnknownObjective,
    WriteFailed,
    cannot_write,
)
from tracker.edit.rewrites import Rewrite
from tracker.edit.yamledit import uses_crlf
from tracker.i18n.sentence import Amount, said
from tracker.load.loader import (
    FileLoad,
    assemble,
    display_path,
    find_files,
    load_edited,
    load_identity,
    load_text,
)
from tracker.load.yamlparse import parse_yaml
from tracker.model import Objective
from tracker.problems import Problem
from tracker.statuses import STATUS_LABELS
from tracker.text import nearest

__all__ = [
    "LOCK_TIMEOUT_SECONDS",
    "OBJECTIVE_KEYS",
    "CannotApply",
    "Conflict",
    "EvidenceLink",
    "InvalidChange",
    "LayoutNotKept",
    "NotAnEditor",
    "NothingToRecord",
    "Proposal",
    "Saved",
    "StatusChange",
    "StoreError",
    "UnknownObjective",
    "WriteFailed",
    "commit_message",
    "content_hash",
    "describe_change",
    "file_lock",
    "lock_path",
    "preview",
    "remove_leftover_temporaries",
    "save",
    "unified_diff",
]


@dataclass(frozen=True)
class Proposal:
    """The exact change a save would make, checked but not yet written."""

    path: Path
    shown: str
    base_hash: str  # of the file the change was made from: a save compares it
    text: str
    diff: str
    problems: tuple[Problem, ...]  # of the resulting file; empty when it can be saved
    problems_before: tuple[Problem, ...]  # those of them the file already had
    old_status: str
    objective: Objective | None  # the objective as it would be after the change
    # Lines of the file on disk the save also rewrites though the change is not about them:
    # their values stay the same, only how they are written changes (see tracker.edit.yamledit).
    rewritten: tuple[Rewrite, ...] = ()
    # Sanity warnings about the objective as it would be (a negative measurement, ...): shown
    # before saving, never blocking it.
    warnings: tuple[Problem, ...] = ()

    @property
    def can_save(self) -> bool:
        return not self.problems

    @property
    def note(self) -> str | None:
        """A sentence about the rewritten lines for whoever saves, or None when there are none."""
        return rewritten_note(self.rewritten)


@dataclass(frozen=True)
class Saved:
    proposal: Proposal
    new_hash: str
    commit: CommitOutcome | None


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def preview(
    data: str | os.PathLike[str] | None,
    change: StatusChange,
    editor: Editor | None,
    today: datetime.date | None = None,
) -> Proposal:
    """The change as a diff, validated, without writing anything or taking the lock."""
    _require_editor(editor)
    assert editor is not None
    loads, path = _locate(data, change.objective_id)
    original = _read(path)
    return _propose(path, original, change, editor, today, loads)


def save(
    data: str | os.PathLike[str] | None,
    change: StatusChange,
    editor: Editor | None,
    expected_hash: str | None = None,
    today: datetime.date | None = None,
    git_commit: bool = False,
) -> Saved:
    """Apply the change to the file on disk under the lock, or refuse with a reason.

    With `expected_hash` (from a preview), a file changed on disk since then is refused
    with Conflict instead of being overwritten; without it (the command line) the change
    is made to whatever the file holds once the lock is taken.
    """
    _require_editor(editor)
    assert editor is not None
    loads, path = _locate(data, change.objective_id)
    target = path.resolve()
    shown = display_path(path)
    with holding_lock(target, shown):
        original = _read(target, shown)
        base_hash = content_hash(original)
        if expected_hash is not None and base_hash != expected_hash:
            raise Conflict(
                said(
                    "{file} was changed by someone else after your preview, so your change "
                    "was not saved and nothing was overwritten. What you typed is kept: "
                    "preview again to see your change against the new file, then save.",
                    file=shown,
                )
            )
        proposal = _propose(path, original, change, editor, today, loads)
        if not proposal.can_save:
            raise InvalidChange(_invalid_message(proposal), proposal.problems)
        content = proposal.text.encode("utf-8")
        try:
            write_atomically(target, content)
        except OSError as error:
            raise cannot_write(shown, target.parent, error) from None
        remove_leftover_temporaries(target)
        commit = None
        if git_commit:
            commit = commit_file(
                target,
                commit_message(change, proposal.old_status, editor),
                editor.name,
                editor.email,
            )
        return Saved(proposal, content_hash(content), commit)


def _require_editor(editor: object) -> None:
    if not is_editor(editor):
        raise NotAnEditor(
            said(
                "only an editor may change the data: sign in as an editor in the app, or use "
                "`python -m tracker update` with write access to the files"
            )
        )


def _read(path: Path, shown: str | None = None) -> bytes:
    limit = settings.max_file_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            raise CannotApply(
                said(
                    "{file}: the file is over the {limit} MB limit ({setting}); nothing was "
                    "written",
                    file=shown or display_path(path),
                    limit=Amount(limit / 1048576),
                    setting=settings.MAX_FILE_MB_ENV,
                )
            )
        return path.read_bytes()
    except OSError as error:
        raise WriteFailed(
            said(
                "{file}: cannot read the file: {reason}",
                file=shown or display_path(path),
                reason=str(error.strerror or error),
            )
        ) from None


def _locate(
    data: str | os.PathLike[str] | None, objective_id: str
) -> tuple[list[tuple[Path, FileLoad]], Path]:
    """Load every plan file and find the one that holds the objective."""
    root = settings.data_path(data)
    if not root.exists():
        raise UnknownObjective(
            said(
                "{path}: no such file or folder: check --data, or set {setting}",
                path=str(root),
                setting=settings.DATA_ENV,
            )
        )
    # Every file that does not hold the objective is seen by the check only for the ids it
    # holds (assemble's `only`), so it is read back without its models where it can be.
    loads = [(path, load_identity(path, objective_id)) for path in find_files(root)]
    for path, load in loads:
        if any(objective.id == objective_id for objective in load.objectives):
            return loads, path
    # Not among the valid objectives: it may be written but have a problem, and updating
    # it can be how it gets fixed, so look at the ids as written.
    known: list[str] = []
    for path, _load in loads:
        ids = _ids_as_written(path)
        if objective_id in ids:
            return loads, path
        known.extend(ids)
    hint = nearest(objective_id, known)
    where = display_path(root)
    if hint:
        raise UnknownObjective(
            said(
                "no objective has the id '{id}' in {path}. Did you mean '{hint}'? "
                "`python -m tracker summary` lists the plans; ids are in the files' `id:` lines.",
                id=objective_id,
                path=where,
                hint=hint,
            )
        )
    raise UnknownObjective(
        said(
            "no objective has the id '{id}' in {path}. "
            "`python -m tracker summary` lists the plans; ids are in the files' `id:` lines.",
            id=objective_id,
            path=where,
        )
    )


def _ids_as_written(path: Path) -> list[str]:
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return []
    root = parse_yaml(text.removeprefix("\ufeff"), display_path(path)).value
    objectives = root.get("objectives") if isinstance(root, dict) else None
    if not isinstance(objectives, list):
        return []
    return [o["id"] for o in objectives if isinstance(o, dict) and isinstance(o.get("id"), str)]


def _propose(
    path: Path,
    original: bytes,
    change: StatusChange,
    editor: Editor,
    today: datetime.date | None,
    loads: list[tuple[Path, FileLoad]],
) -> Proposal:
    shown = display_path(path)
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise LayoutNotKept(
            said("{file} is not UTF-8 text; nothing was written", file=shown),
            [Problem(shown, 1, 1, said("the file is not UTF-8 text: save it as UTF-8"))],
        ) from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text.removeprefix("\ufeff")
    crlf = uses_crlf(body)
    body = body.replace("\r\n", "\n") if crlf else body
    starts = _starts(loads, path, original)
    edited = apply_change(body, change, editor.name, shown, starts)
    new_body, old_status = edited.text, edited.old_status
    new_text = bom + (new_body.replace("\n", "\r\n") if crlf else new_body)
    others = [(p, load) for p, load in loads if p.resolve() != path.resolve()]
    # The loader read these very bytes clean (`starts`), and only the objective's lines
    # changed: the new text's load is that load with the objective read again from its lines.
    candidate = None
    if starts is not None and edited.pieces is not None:
        base = next(load for p, load in loads if p == path)
        candidate = load_edited(base, *edited.pieces, change.objective_id)
    problems, portfolio_objective = _validate(
        path, new_text, others, today, change.objective_id, candidate
    )
    head = f"objective '{change.objective_id}':"
    warned = tuple(p for p in problems if p.is_warning and p.message.startswith(head))
    problems = [p for p in problems if not p.is_warning]
    before: list[Problem] = []
    if problems:
        # Problems the file already had are reported where they stand in the file on disk
        # (nothing is written, so that is what the user will open), new ones where the change
        # would put them.
        old_problems, _ = _validate(path, text, others, today, change.objective_id)
        old_problems = [p for p in old_problems if not p.is_warning]
        waiting = Counter(p.message for p in problems)
        before = [p for p in old_problems if waiting[p.message] > 0]
        seen = Counter(p.message for p in old_problems)
        fresh: list[Problem] = []
        for problem in problems:
            if seen[problem.message] > 0:
                seen[problem.message] -= 1
            else:
                fresh.append(problem)
        problems = fresh + before
    else:
        # Only a change that could be saved is refused for saying nothing: a change that would
        # break the file is told what breaks it first.
        _refuse_if_nothing_new(change, loads)
    return Proposal(
        path=path,
        shown=shown,
        base_hash=content_hash(original),
        text=new_text,
        diff=unified_diff(body, new_body, shown),
        problems=tuple(problems),
        problems_before=tuple(before),
        old_status=old_status,
        objective=portfolio_objective,
        rewritten=edited.rewritten,
        warnings=warned,
    )


def _starts(
    loads: list[tuple[Path, FileLoad]], path: Path, original: bytes
) -> list[tuple[str, int]] | None:
    """Each objective's (id, line) as the loader found it in these very bytes, so that only
    the objective's lines are parsed to cut it out (tracker.edit.span); None when the load is
    of other bytes (the file changed since, as under the save's lock it may have), or did not
    read every objective, or the file has line ends the cut counts otherwise."""
    load = next((load for p, load in loads if p == path), None)
    if load is None or load.text != original or b"\r" in original:
        return None
    if load.parsed is not None or load.problems or load.indices is not None or load.identity_only:
        return None
    if load.unreadable or load.partial or not all(o.line > 0 for o in load.objectives):
        return None
    return [(objective.id, objective.line) for objective in load.objectives]


def _refuse_if_nothing_new(change: StatusChange, loads: list[tuple[Path, FileLoad]]) -> None:
    """Refuse an update with the objective's own status and nothing else in it."""
    current = next(
        (o for _, load in loads for o in load.objectives if o.id == change.objective_id), None
    )
    if current is None or change.status != current.status:
        return
    adds = (
        (change.progress is not None and change.progress != current.progress)
        or (change.note or "").strip()
        or change.evidence is not None
        or change.measurement is not None
        or getattr(change, "source", None)
    )
    if not adds:
        raise NothingToRecord(
            said(
                "this update records nothing new: '{id}' is already '{status}' and the update "
                "adds no progress, note, source, evidence or measurement, so nothing was "
                "written. Say what was checked in a note, or record the status that has changed.",
                id=change.objective_id,
                status=said(STATUS_LABELS[current.status]),
            )
        )


def _validate(
    path: Path,
    text: str,
    others: list[tuple[Path, FileLoad]],
    today: datetime.date | None,
    objective_id: str,
    candidate: FileLoad | None = None,
) -> tuple[list[Problem], Objective | None]:
    """The problems the file would have, checked together with the other plan files.

    `candidate`: the load of `text` when the caller has it (tracker.load.loader.load_edited)."""
    shown = display_path(path)
    if candidate is None:
        candidate = load_text(text.removeprefix("\ufeff"), shown, fallback_plan_id=path.stem)
    ordered = sorted([*others, (path, candidate)], key=lambda pair: str(pair[0]))
    # Only this file's problems are read: the others are judged as far as identity needs.
    portfolio = assemble([load for _, load in ordered], today, only={shown})
    problems = sorted(
        (p for p in portfolio.problems if p.path == shown), key=lambda p: (p.line, p.column)
    )
    objective = portfolio.objective(objective_id)
    if objective is not None and objective.file != shown:
        objective = None
    return problems, objective


def _invalid_message(proposal: Proposal) -> str:
    new = len(proposal.problems) - len(proposal.problems_before)
    if new == 0:
        return said(
            "{file} already has problems that are not part of your change, and an invalid "
            "file is never written: fix them first (`python -m tracker validate {folder}`)",
            file=proposal.shown,
            folder=str(proposal.path.parent),
        )
    return said("the change would make {file} invalid, so nothing was written", file=proposal.shown)
