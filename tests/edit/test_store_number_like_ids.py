"""An id written like a number is the text the format reads. ruamel reads YAML 1.2, where
`id: 08` is the number 8; the format reads YAML 1.1, where it is the id '08'. An update of such
an objective was refused ("has no objective with the id '08'"); found by the store fuzz test."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from tracker.edit import store
from tracker.edit.auth import command_line_editor
from tracker.edit.store import StatusChange
from tracker.load.loader import load_portfolio

OBJECTIVE = """  - id: {id}
    title: {title}
    type: activity
    area: a
    owner: Ministry of Defence
    start: 2025-01-01
    due: 2027-12-31
    status: not-assessed
"""
PLAN = (
    """plan:
  id: p
  title: A plan
  start: 2025-01-01
  end: 2027-12-31
  areas:
    - {id: a, title: An area}
objectives:
"""
    + OBJECTIVE.format(id="first", title="The first")
    + OBJECTIVE.format(id="OBJECTIVE_ID", title="Written like a number")
)


@pytest.mark.parametrize("written", ["08", "09", "1e3", "0o10"])
def test_an_objective_whose_id_looks_like_a_number_takes_an_update(
    tmp_path: Path, written: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(PLAN.replace("OBJECTIVE_ID", written), encoding="utf-8")
    [objective] = [o for o in load_portfolio(tmp_path).objectives if o.title.startswith("Written")]
    found = objective.id  # what the format reads the id as
    change = StatusChange(found, "on-track", datetime.date(2026, 12, 1), note="Checked")
    store.save(tmp_path, change, command_line_editor("Ana"), today=datetime.date(2026, 12, 1))
    text = path.read_text(encoding="utf-8")
    assert f"  - id: {written}\n" in text  # the id's line kept as written
    [after] = [o for o in load_portfolio(tmp_path).objectives if o.id == found]
    assert after.status == "on-track" and after.updates[-1].note == "Checked"
    [first] = [o for o in load_portfolio(tmp_path).objectives if o.id == "first"]
    assert first.status == "not-assessed"  # the other objective untouched
