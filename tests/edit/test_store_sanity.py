"""The store and sanity: a Proposal carries the warnings (the form shows them before saving)
and can still be saved; an update that records nothing new is refused with its own class."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tests.support import RULES_PLAN, objective
from tracker.edit import auth
from tracker.edit.store import NothingToRecord, StatusChange, StoreError, preview, save
from tracker.i18n import using_language
from tracker.i18n.sentence import spoken

EDITOR = auth.command_line_editor("Ana Petrovic")
TODAY = datetime.date(2021, 6, 1)


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "rules.yaml"
    metric = ("metric:", "  unit: tonnes", "  target: 2000", "  measurements: []")
    path.write_text(
        RULES_PLAN + objective("o-1", *metric, status="on-track", due="2030-12-31"),
        encoding="utf-8",
    )
    return path


def test_a_proposal_carries_the_warnings_of_the_changed_objective(plan: Path) -> None:
    change = StatusChange("o-1", "on-track", datetime.date(2021, 3, 1), measurement=-50)
    proposal = preview(plan, change, EDITOR, today=TODAY)
    assert proposal.can_save and proposal.problems == ()
    assert [p.severity for p in proposal.warnings] == ["warning"]
    assert "is negative (-50 tonnes)" in proposal.warnings[0].message
    saved = save(plan, change, EDITOR, expected_hash=proposal.base_hash, today=TODAY)
    assert saved.proposal.warnings == proposal.warnings


def test_an_update_that_records_nothing_new_is_refused(plan: Path) -> None:
    before = plan.read_bytes()
    change = StatusChange("o-1", "on-track", datetime.date(2021, 3, 1))
    for attempt in (preview, save):
        with pytest.raises(NothingToRecord) as refusal:
            attempt(plan, change, EDITOR, today=TODAY)
        assert isinstance(refusal.value, StoreError) and not refusal.value.usage_error
        assert "records nothing new" in refusal.value.message
    assert plan.read_bytes() == before


@pytest.mark.parametrize(
    ("language", "status"),
    [("en", "'On track'"), ("sr-Cyrl", "„Према плану”"), ("sr-Latn", "„Prema planu”")],
)
def test_the_refusal_names_the_status_by_its_label_in_the_readers_language(
    plan: Path, language: str, status: str
) -> None:
    change = StatusChange("o-1", "on-track", datetime.date(2021, 3, 1))
    with pytest.raises(NothingToRecord) as refusal:
        preview(plan, change, EDITOR, today=TODAY)
    with using_language(language):
        said = spoken(refusal.value.message)
    assert status in said
    assert "on-track" not in said
