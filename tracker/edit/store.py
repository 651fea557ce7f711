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
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tracker import settings
from tracker.edit import line_shapes
from tracker.edit.atomic import write_atomically
from tracker.edit.auth import Editor, is_editor
from tracker.edit.change import EvidenceLink, StatusChange, number_as_written
from tracker.edit.describe import commit_message, describe_change
from tracker.edit.diff import changed_window, unified_diff
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
from tracker.edit.yamledit import (
    CannotEdit,
    Rewrite,
    RoundTripDocument,
    append_entry,
    detect_indentation,
    make_entry,
    set_scalar,
    uses_crlf,
)
from tracker.load.loader import FileLoad, assemble, display_path, find_files, load_file, load_text
from tracker.load.yamlparse import parse_yaml
from tracker.model import Evidence, Measurement, Metric, Objective, Update
from tracker.problems import Problem
from tracker.text import nearest

__all__ = [
    "LOCK_TIMEOUT_SECONDS",
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

# Key order in new entries and where new keys go: the model's field order is the format's.
OBJECTIVE_KEYS = list(Objective.model_fields)
UPDATE_KEYS = list(Update.model_fields)
EVIDENCE_KEYS = list(Evidence.model_fields)
MEASUREMENT_KEYS = list(Measurement.model_fields)
METRIC_KEYS = list(Metric.model_fields)


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
                f"{shown} was changed by someone else after your preview, so your change "
                "was not saved and nothing was overwritten. What you typed is kept: "
                "preview again to see your change against the new file, then save."
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
            "only an editor may change the data: sign in as an editor in the app, or use "
            "`python -m tracker update` with write access to the files"
        )


def _read(path: Path, shown: str | None = None) -> bytes:
    limit = settings.max_file_bytes()
    try:
        size = path.stat().st_size
        if size > limit:
            raise CannotApply(
                f"{shown or display_path(path)}: the file is over the "
                f"{limit / 1048576:g} MB limit ({settings.MAX_FILE_MB_ENV}); nothing was written"
            )
        return path.read_bytes()
    except OSError as error:
        raise WriteFailed(
            f"{shown or display_path(path)}: cannot read the file: {error.strerror or error}"
        ) from None


def _locate(
    data: str | os.PathLike[str] | None, objective_id: str
) -> tuple[list[tuple[Path, FileLoad]], Path]:
    """Load every plan file and find the one that holds the objective."""
    root = settings.data_path(data)
    if not root.exists():
        raise UnknownObjective(
            f"{root}: no such file or folder: check --data, or set {settings.DATA_ENV}"
        )
    loads = [(path, load_file(path)) for path in find_files(root)]
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
    suggestion = f" Did you mean '{hint}'?" if hint else ""
    raise UnknownObjective(
        f"no objective has the id '{objective_id}' in {display_path(root)}.{suggestion} "
        "`python -m tracker summary` lists the plans; ids are in the files' `id:` lines."
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
            f"{shown} is not UTF-8 text; nothing was written",
            [Problem(shown, 1, 1, "the file is not UTF-8 text: save it as UTF-8")],
        ) from None
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text.removeprefix("\ufeff")
    crlf = uses_crlf(body)
    body = body.replace("\r\n", "\n") if crlf else body
    edited = _edit(body, change, editor.name, shown)
    new_body, old_status = edited.text, edited.old_status
    _check_only_intended(edited.baseline, new_body, edited.allowed, shown)
    new_text = bom + (new_body.replace("\n", "\r\n") if crlf else new_body)
    others = [(p, load) for p, load in loads if p.resolve() != path.resolve()]
    problems, portfolio_objective = _validate(path, new_text, others, today, change.objective_id)
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
            f"this update records nothing new: '{change.objective_id}' is already "
            f"'{current.status}' and the update adds no progress, note, source, evidence or "
            "measurement, so nothing was written. Say what was checked in a note, or record "
            "the status that has changed."
        )


def rewritten_note(rewritten: Sequence[Rewrite]) -> str | None:
    """Tell the person saving which untouched lines the save writes another way, and how.

    The diff shows them too, but among the lines of the change they read as part of it.
    """
    if not rewritten:
        return None
    numbers = [str(r.line) for r in rewritten]
    where = (
        f"line {numbers[0]}"
        if len(numbers) == 1
        else f"lines {', '.join(numbers[:-1])} and {numbers[-1]}"
    )
    count = "1 line" if len(numbers) == 1 else f"{len(numbers)} lines"
    escapes = any(
        "\\" in r.before and r.after.count("\\") < r.before.count("\\") for r in rewritten
    )
    how = (
        "only escapes such as \\u0161 are written out as the characters themselves"
        if escapes
        else "only how they are written changes"
    )
    return (
        f"this save also rewrites {count} you did not change ({where}): the values stay "
        f"the same, {how}"
    )


@dataclass(frozen=True)
class _Edited:
    text: str  # the new file text
    # The file as the writer reads it back: the original with the `rewritten` lines written
    # its way. Only the `allowed` lines may differ between it and `text`, so a line the
    # writer writes another way must still come out exactly as the round trip wrote it.
    baseline: str
    allowed: set[int]  # the original lines the change is about
    old_status: str
    rewritten: tuple[Rewrite, ...]  # lines written another way, those in `allowed` left out


def _edit(body: str, change: StatusChange, by: str, shown: str) -> _Edited:
    """The objective changed as asked, with what the check of the result needs.

    Only the objective's own lines go through ruamel.yaml (it is pure Python and takes
    seconds on a file of thousands of objectives); the rest of the file is kept as the
    very same bytes. A file whose objectives are not a plain block list is edited whole.
    """
    lines = body.splitlines(keepends=True)
    indentation = detect_indentation(body)
    span = _objective_span(body, lines, change.objective_id, shown)
    start, end = span if span is not None else (0, len(lines))
    header = _FRAGMENT_HEADER if span is not None else ""
    fragment = header + "".join(lines[start:end])
    missing_newline = not fragment.endswith("\n")
    fragment += "\n" if missing_newline else ""
    offset = start - 1 if span is not None else 0  # fragment line + offset = file line
    try:
        # Values written another way are let through only in the objective's own lines: a
        # file edited whole keeps every other objective's bytes by refusing instead.
        document = RoundTripDocument(
            fragment,
            shown,
            indentation,
            first_line=offset + 1,
            allow_same_value_rewrites=span is not None,
        )
    except CannotEdit as error:
        raise LayoutNotKept(
            f"{shown} cannot be changed safely by the tracker; nothing was written",
            [error.problem],
        ) from None
    default_flow = _file_prefers_flow(lines, start if span is not None else None)
    allowed, old_status = _apply(document, change, by, shown, offset, default_flow)
    edited = document.text()
    if missing_newline:
        edited = edited.removesuffix("\n")
    if not edited.startswith(header):
        raise LayoutNotKept(f"{shown} cannot be changed safely by the tracker; nothing was written")
    edited = edited[len(header) :]
    baseline = list(lines)
    for rewrite in document.rewrites:
        line = baseline[rewrite.line - 1]
        if not line.startswith(rewrite.before):  # a line out of place: never guess
            raise LayoutNotKept(
                f"{shown} cannot be changed safely by the tracker; nothing was written"
            )
        baseline[rewrite.line - 1] = rewrite.after + line[len(rewrite.before) :]
    return _Edited(
        text="".join(lines[:start]) + edited + "".join(lines[end:]),
        baseline="".join(baseline),
        allowed=allowed,
        old_status=old_status,
        rewritten=tuple(r for r in document.rewrites if r.line not in allowed),
    )


def _file_prefers_flow(lines: list[str], objective_line: int | None) -> bool:
    """Whether the file writes list entries as {...}: the majority of its entries decide.

    The objectives themselves (the items at the objective's own indentation) are block
    mappings in every file, so they do not count.
    """
    own = None
    if objective_line is not None:
        match = line_shapes.ITEM.match(lines[objective_line])
        own = len(match.group("indent")) if match else None
    flow = block = 0
    for line in lines:
        if line_shapes.FLOW_ENTRY.match(line):
            flow += 1
            continue
        match = line_shapes.BLOCK_ENTRY.match(line)
        if match and len(match.group("indent")) != own:
            block += 1
    return flow >= block


_FRAGMENT_HEADER = "objectives:\n"


def _objective_span(
    body: str, lines: list[str], objective_id: str, shown: str
) -> tuple[int, int] | None:
    """The objective's lines [start, end) (with the comments that follow it), or None.

    The end is where the next objective (or the next top-level key) starts, so blank
    lines and comments below the objective travel with it, as they would in the file.
    """
    parsed = parse_yaml(body, shown)
    root = parsed.value
    objectives = root.get("objectives") if isinstance(root, dict) else None
    if parsed.problems or not isinstance(objectives, list):
        return None
    index = next(
        (
            i
            for i, item in enumerate(objectives)
            if isinstance(item, dict) and item.get("id") == objective_id
        ),
        None,
    )
    if index is None:
        return None

    def item_line(position: int) -> int | None:
        """0-based line of the '- ' that opens objective `position`, if it is on it."""
        where = parsed.locations.get(("objectives", position))
        if where is None:
            return None
        line = where[0] - 1
        match = line_shapes.ITEM.match(lines[line]) if line < len(lines) else None
        if match is None or len(match.group("indent")) >= where[1] - 1:
            return None
        return line

    start = item_line(index)
    if start is None:
        return None
    if index + 1 < len(objectives):
        end = item_line(index + 1)
        return (start, end) if end is not None else None
    later_keys = [
        where[0] - 1
        for key, where in ((k, parsed.locations.get((k,))) for k in root)
        if where is not None and where[0] - 1 > start
    ]
    return start, min(later_keys, default=len(lines))


def _validate(
    path: Path,
    text: str,
    others: list[tuple[Path, FileLoad]],
    today: datetime.date | None,
    objective_id: str,
) -> tuple[list[Problem], Objective | None]:
    """The problems the file would have, checked together with the other plan files."""
    shown = display_path(path)
    candidate = load_text(text.removeprefix("\ufeff"), shown, fallback_plan_id=path.stem)
    ordered = sorted([*others, (path, candidate)], key=lambda pair: str(pair[0]))
    portfolio = assemble([load for _, load in ordered], today)
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
        return (
            f"{proposal.shown} already has problems that are not part of your change, and "
            "an invalid file is never written: fix them first "
            f"(`python -m tracker validate {proposal.path.parent}`)"
        )
    return f"the change would make {proposal.shown} invalid, so nothing was written"


def _apply(
    document: RoundTripDocument,
    change: StatusChange,
    by: str,
    shown: str,
    offset: int,
    default_flow: bool,
) -> tuple[set[int], str]:
    """Change the YAML tree; return the original lines allowed to change, and the old status."""
    objective = document.objective(change.objective_id)
    if objective is None:
        raise UnknownObjective(f"{shown} has no objective with the id '{change.objective_id}'")
    allowed: set[int] = set()
    old_status = objective.get("status")
    old_status = old_status if isinstance(old_status, str) else ""
    _allow_value_line(objective, "status", allowed, offset)
    set_scalar(objective, "status", change.status, OBJECTIVE_KEYS)
    if change.progress is not None:
        _allow_value_line(objective, "progress", allowed, offset)
        set_scalar(objective, "progress", number_as_written(change.progress), OBJECTIVE_KEYS)
    update = {
        "date": change.date,
        "status": change.status,
        "progress": number_as_written(change.progress) if change.progress is not None else None,
        "note": _one_line(change.note),
        "by": by,
        "source": _one_line(change.source),
    }
    _append(
        document,
        objective,
        "updates",
        update,
        UPDATE_KEYS,
        OBJECTIVE_KEYS,
        allowed,
        offset,
        default_flow,
    )
    if change.evidence is not None:
        link = change.evidence
        evidence = {
            "title": _one_line(link.title),
            "url": (link.url or "").strip() or None,
            "date": link.date or change.date,
            "kind": (link.kind or "").strip() or None,
            "access": link.access if link.access and link.access != "public" else None,
        }
        _append(
            document,
            objective,
            "evidence",
            evidence,
            EVIDENCE_KEYS,
            OBJECTIVE_KEYS,
            allowed,
            offset,
        )
    if change.measurement is not None:
        metric = objective.get("metric")
        if not isinstance(metric, CommentedMap):
            line = objective.lc.line + 1 + offset
            raise CannotApply(
                f"objective '{change.objective_id}' has no metric, so a measurement has "
                "nowhere to go; nothing was written",
                [
                    Problem(
                        shown,
                        line,
                        objective.lc.col + 1,
                        "add a `metric:` with `unit:` and `target:` to this objective first",
                    )
                ],
            )
        measurement = {
            "date": change.measurement_date or change.date,
            "value": number_as_written(change.measurement),
            "source": _one_line(change.source),
        }
        _append(
            document,
            metric,
            "measurements",
            measurement,
            MEASUREMENT_KEYS,
            METRIC_KEYS,
            allowed,
            offset,
            default_flow,
        )
    return allowed, old_status


def _append(
    document: RoundTripDocument,
    parent: CommentedMap,
    key: str,
    values: dict[str, Any],
    entry_keys: list[str],
    parent_keys: list[str],
    allowed: set[int],
    offset: int,
    default_flow: bool = True,
) -> None:
    existing = parent.get(key)
    like = None
    if isinstance(existing, CommentedSeq):
        like = next((item for item in reversed(existing) if isinstance(item, CommentedMap)), None)
    if key in parent and (
        not isinstance(existing, CommentedSeq)
        or not existing
        or like is None
        or existing.fa.flow_style()
    ):
        allowed.add(parent.lc.key(key)[0] + 1 + offset)  # `key: []` or `key:`: now a list
    ordered = {k: values[k] for k in entry_keys if values.get(k) is not None}
    flow = (
        bool(like.fa.flow_style()) if like is not None else document.entry_style(key, default_flow)
    )
    append_entry(parent, key, make_entry(ordered, flow, like), parent_keys)


def _allow_value_line(parent: CommentedMap, key: str, allowed: set[int], offset: int) -> None:
    if key in parent:
        allowed.add(parent.lc.value(key)[0] + 1 + offset)


def _one_line(text: str | None) -> str | None:
    """Entries sit on one line in this format: line breaks in a note become spaces."""
    if text is None:
        return None
    joined = " ".join(part.strip() for part in text.splitlines() if part.strip())
    return joined or None


def _check_only_intended(before: str, after: str, allowed: set[int], shown: str) -> None:
    """Refuse if any line other than the changed fields was altered or removed."""
    old_lines = before.splitlines()
    new_lines = after.splitlines()
    start, old_end, new_end = changed_window(old_lines, new_lines)
    matcher = difflib.SequenceMatcher(
        None, old_lines[start:old_end], new_lines[start:new_end], autojunk=False
    )
    for tag, first, last, _, _ in matcher.get_opcodes():
        if tag not in ("replace", "delete"):
            continue
        for index in range(start + first, start + last):
            if index + 1 not in allowed:
                raise LayoutNotKept(
                    f"{shown} cannot be changed safely by the tracker; nothing was written",
                    [
                        Problem(
                            shown,
                            index + 1,
                            1,
                            "saving would also rewrite this line, which is not part of the "
                            f"change ({old_lines[index].strip()[:60]!r}); make this change by "
                            "hand in an editor",
                        )
                    ],
                )
