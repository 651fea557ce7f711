"""One status change written into a plan file's YAML: the new text and the lines it touched.

The store hands over the file's text and the change, once, and gets back the new text; it
never reaches into the YAML itself. Here the objective's lines are cut out (tracker.edit.span),
changed through ruamel.yaml's round trip (tracker.edit.yamledit), put back, and the result
checked: a line the change is not about that would come out differently is refused
(LayoutNotKept), so the rest of the file keeps its very bytes.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from tracker.edit import line_shapes
from tracker.edit.change import StatusChange, number_as_written
from tracker.edit.diff import changed_window
from tracker.edit.refusals import CannotApply, LayoutNotKept, UnknownObjective
from tracker.edit.rewrites import CannotEdit, Rewrite
from tracker.edit.span import Cut, cut_objective
from tracker.edit.yamledit import (
    Indentation,
    RoundTripDocument,
    append_entry,
    detect_indentation,
    make_entry,
    set_scalar,
)
from tracker.i18n.sentence import said
from tracker.model import Evidence, Measurement, Metric, Objective, Update
from tracker.problems import Problem

# Key order in new entries and where new keys go: the model's field order is the format's.
OBJECTIVE_KEYS = list(Objective.model_fields)
UPDATE_KEYS = list(Update.model_fields)
EVIDENCE_KEYS = list(Evidence.model_fields)
MEASUREMENT_KEYS = list(Measurement.model_fields)
METRIC_KEYS = list(Metric.model_fields)


@dataclass(frozen=True)
class ObjectiveEdit:
    """An objective's text after the change, and which of the file's lines the change is about."""

    text: str
    touched: set[int]  # the file's lines (1-based) the change rewrites: status, progress, ...
    old_status: str
    rewrites: tuple[Rewrite, ...]  # every line the writer writes another way, touched or not


@dataclass(frozen=True)
class Applied:
    """The whole file after the change, checked to differ only where the change is."""

    text: str
    touched: set[int]
    old_status: str
    rewritten: tuple[Rewrite, ...]  # lines written another way that the change is not about
    # When only the objective's own lines were edited: the file's text before them, those
    # lines before and after the change, and the text after them (for
    # tracker.load.loader.load_edited); None when the file was edited whole.
    pieces: tuple[str, str, str, str] | None = None


def apply_change(
    body: str,
    change: StatusChange,
    by: str,
    shown: str,
    starts: Sequence[tuple[str, int]] | None = None,
) -> Applied:
    """The file's text (no byte-order mark, `\\n` line ends) with the change made, by `by`.

    Only the objective's own lines go through ruamel.yaml; a file whose objectives are not
    a plain block list is edited whole, and then values written another way are refused
    rather than let through, so every other objective keeps its bytes. `starts` is where
    the loader found each objective of `body` (tracker.edit.span.cut_objective).
    """
    indentation = detect_indentation(body)
    cut = cut_objective(body, change.objective_id, shown, starts)
    edit = change_objective(
        cut.text,
        change,
        by,
        shown,
        first_line=cut.offset + 1,
        indentation=indentation,
        default_flow=_file_prefers_flow(list(cut.lines), cut.start if cut.alone else None),
        allow_same_value_rewrites=cut.alone,
    )
    text = cut.put_back(edit.text)
    baseline = cut.rewritten(edit.rewrites) if text is not None else None
    if text is None or baseline is None:  # the edit or a rewrite out of place: never guess
        raise LayoutNotKept(_not_safely(shown))
    # Only the touched lines may differ between the baseline (the file as the writer reads it
    # back) and the new text, so a line written another way must come out as the round trip
    # wrote it.
    _check_only_intended(baseline, text, edit.touched, shown)
    return Applied(
        text=text,
        touched=edit.touched,
        old_status=edit.old_status,
        rewritten=tuple(r for r in edit.rewrites if r.line not in edit.touched),
        pieces=_pieces(cut, text) if cut.alone else None,
    )


def _pieces(cut: Cut, text: str) -> tuple[str, str, str, str] | None:
    """(before, the objective's lines, the same after the change, after) of `text`."""
    before = "".join(cut.lines[: cut.start])
    after = "".join(cut.lines[cut.end :])
    if len(text) < len(before) + len(after) or not text.startswith(before):
        return None
    if not text.endswith(after):
        return None
    middle = text[len(before) : len(text) - len(after)]
    return before, "".join(cut.lines[cut.start : cut.end]), middle, after


def change_objective(
    text: str,
    change: StatusChange,
    by: str,
    shown: str,
    *,
    first_line: int,
    indentation: Indentation,
    default_flow: bool,
    allow_same_value_rewrites: bool,
) -> ObjectiveEdit:
    """The change made to `text`, an `objectives:` list holding the objective.

    `first_line` is the file's line of `text`'s first line, so that every line number given
    back (and every refusal) is the file's. Values written another way are let through only
    with `allow_same_value_rewrites` (see tracker.edit.yamledit).
    """
    try:
        document = RoundTripDocument(
            text,
            shown,
            indentation,
            first_line=first_line,
            allow_same_value_rewrites=allow_same_value_rewrites,
        )
    except CannotEdit as error:
        raise LayoutNotKept(
            _not_safely(shown),
            [error.problem],
        ) from None
    recording = _Recording(document, first_line - 1, default_flow)
    old_status = recording.record(change, by, shown)
    return ObjectiveEdit(document.text(), recording.touched, old_status, document.rewrites)


class _Recording:
    """Writes a change into the YAML tree, noting each line of the file it rewrites."""

    def __init__(self, document: RoundTripDocument, offset: int, default_flow: bool) -> None:
        self.document = document
        self.offset = offset  # a line of the document + offset = the line of the file
        self.default_flow = default_flow
        self.touched: set[int] = set()

    def record(self, change: StatusChange, by: str, shown: str) -> str:
        """Make the change; return the objective's status before it."""
        objective = self.document.objective(change.objective_id)
        if objective is None:
            raise UnknownObjective(
                said(
                    "{file} has no objective with the id '{id}'", file=shown, id=change.objective_id
                )
            )
        old_status = objective.get("status")
        old_status = old_status if isinstance(old_status, str) else ""
        self._set(objective, "status", change.status)
        if change.progress is not None:
            self._set(objective, "progress", number_as_written(change.progress))
        update = {
            "date": change.date,
            "status": change.status,
            "progress": number_as_written(change.progress) if change.progress is not None else None,
            "note": _one_line(change.note),
            "by": by,
            "source": _one_line(change.source),
        }
        self._append(objective, "updates", update, UPDATE_KEYS, OBJECTIVE_KEYS, self.default_flow)
        if change.evidence is not None:
            link = change.evidence
            evidence = {
                "title": _one_line(link.title),
                "url": (link.url or "").strip() or None,
                "date": link.date or change.date,
                "kind": (link.kind or "").strip() or None,
                "access": link.access if link.access and link.access != "public" else None,
            }
            self._append(objective, "evidence", evidence, EVIDENCE_KEYS, OBJECTIVE_KEYS)
        if change.measurement is not None:
            metric = objective.get("metric")
            if not isinstance(metric, CommentedMap):
                line = objective.lc.line + 1 + self.offset
                raise CannotApply(
                    said(
                        "objective '{id}' has no metric, so a measurement has nowhere to go; "
                        "nothing was written",
                        id=change.objective_id,
                    ),
                    [
                        Problem(
                            shown,
                            line,
                            objective.lc.col + 1,
                            said(
                                "add a `metric:` with `unit:` and `target:` to this objective first"
                            ),
                        )
                    ],
                )
            measurement = {
                "date": change.measurement_date or change.date,
                "value": number_as_written(change.measurement),
                "source": _one_line(change.source),
            }
            self._append(
                metric,
                "measurements",
                measurement,
                MEASUREMENT_KEYS,
                METRIC_KEYS,
                self.default_flow,
            )
        return old_status

    def _set(self, objective: CommentedMap, key: str, value: Any) -> None:
        """Set one of the objective's own values; the line of the old value is touched."""
        if key in objective:
            self.touched.add(objective.lc.value(key)[0] + 1 + self.offset)
        set_scalar(objective, key, value, OBJECTIVE_KEYS)

    def _append(
        self,
        parent: CommentedMap,
        key: str,
        values: dict[str, Any],
        entry_keys: list[str],
        parent_keys: list[str],
        default_flow: bool = True,
    ) -> None:
        """Add an entry to the list `parent[key]`, written like its neighbours."""
        existing = parent.get(key)
        like = None
        if isinstance(existing, CommentedSeq):
            like = next(
                (item for item in reversed(existing) if isinstance(item, CommentedMap)), None
            )
        if key in parent and (
            not isinstance(existing, CommentedSeq)
            or not existing
            or like is None
            or existing.fa.flow_style()
        ):
            # `key: []` or `key:`: that line becomes the head of a block list.
            self.touched.add(parent.lc.key(key)[0] + 1 + self.offset)
        ordered = {k: values[k] for k in entry_keys if values.get(k) is not None}
        flow = (
            bool(like.fa.flow_style())
            if like is not None
            else self.document.entry_style(key, default_flow)
        )
        append_entry(parent, key, make_entry(ordered, flow, like), parent_keys)


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
                    _not_safely(shown),
                    [
                        Problem(
                            shown,
                            index + 1,
                            1,
                            said(
                                "saving would also rewrite this line, which is not part of the "
                                "change ({line_text}); make this change by hand in an editor",
                                line_text=repr(old_lines[index].strip()[:60]),
                            ),
                        )
                    ],
                )


def _not_safely(shown: str) -> str:
    """The refusal of an edit the tracker cannot make without touching other lines."""
    return said("{file} cannot be changed safely by the tracker; nothing was written", file=shown)
