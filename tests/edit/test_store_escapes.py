"""Files another tool wrote with escapes (`"Ni\\u0161"`) can be updated; nothing else is let in.

PyYAML's `yaml.safe_dump` writes every non-ASCII letter as an escape unless told otherwise,
so a plan file from such a tool has `title: "Obuka u Ni\\u0161u"` on nearly every Serbian
line. The store may write those lines out (`"Obuka u Nišu"`) when every value keeps its value
and type, says so before the save, and still refuses anything that could lose what was there.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support import CliResult
from tracker.edit import auth, store
from tracker.edit.rewrites import CannotEdit, first_value_difference, same_value_rewrites
from tracker.edit.store import StatusChange
from tracker.load.loader import load_portfolio
from tracker.load.yamlparse import parse_yaml

TODAY = datetime.date(2026, 11, 23)
DAY = datetime.date(2026, 11, 20)
EDITOR = auth.command_line_editor("Ana Petrović")


def objective(objective_id: str, title: str, owner: str, **more: Any) -> dict[str, Any]:
    return {
        "id": objective_id,
        "title": title,
        "type": "activity",
        "area": "obuka",
        "owner": owner,
        # A fresh date each time: PyYAML writes one object used twice as an anchor and alias.
        "start": datetime.date(2019, 11, 7),
        "due": datetime.date(2030, 12, 31),
        "status": "on-track",
        **more,
    }


def plan_document(**first_extra: Any) -> dict[str, Any]:
    return {
        "plan": {
            "id": "ipap-sr",
            "title": "Individualni akcioni plan partnerstva",
            "start": datetime.date(2019, 11, 7),
            "end": datetime.date(2030, 12, 31),
            "areas": [{"id": "obuka", "title": "Obuka i vežbe"}],
        },
        "objectives": [
            objective("obuka-nis", "Obuka u Nišu", "Ministarstvo odbrane – Sektor", **first_extra),
            objective("vezbe-cacak", "Vežbe u Čačku", "Generalštab – J-3"),
        ],
    }


@pytest.fixture
def escaped(tmp_path: Path) -> Path:
    """A plan folder whose one file yaml.safe_dump wrote with its defaults (escapes)."""
    folder = tmp_path / "data"
    folder.mkdir()
    text = yaml.safe_dump(plan_document(), sort_keys=False)
    assert 'title: "Obuka u Ni\\u0161u"' in text  # what such a tool really writes
    (folder / "ipap-sr.yaml").write_text(text, encoding="utf-8")
    assert load_portfolio(folder, today=TODAY).problems == []
    return folder


def change(objective_id: str = "obuka-nis", **fields: Any) -> StatusChange:
    values: dict[str, Any] = {"status": "at-risk", "date": DAY, "note": "Kasni nabavka"}
    values.update(fields)
    return StatusChange(objective_id=objective_id, **values)


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def objective_lines(lines: list[str], objective_id: str) -> list[str]:
    """The lines of one objective in a file safe_dump wrote (items start with '- id:')."""
    start = lines.index(f"- id: {objective_id}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("- ")), len(lines))
    return lines[start:end]


def test_an_objective_written_with_escapes_gets_its_update(escaped: Path) -> None:
    path = escaped / "ipap-sr.yaml"
    before = lines_of(path)
    saved = store.save(escaped, change(), EDITOR, today=TODAY)
    after = lines_of(path)

    portfolio = load_portfolio(escaped, today=TODAY)
    assert portfolio.problems == []
    updated = portfolio.objective("obuka-nis")
    assert updated is not None
    assert updated.title == "Obuka u Nišu" and updated.owner == "Ministarstvo odbrane – Sektor"
    assert updated.status == "at-risk"
    assert updated.updates[-1].note == "Kasni nabavka" and updated.updates[-1].by == "Ana Petrović"
    # The title's value is the same, now written out; the other objective keeps its escapes.
    assert '  title: "Obuka u Nišu"' in after
    assert '  owner: "Ministarstvo odbrane – Sektor"' in after
    assert objective_lines(after, "vezbe-cacak") == objective_lines(before, "vezbe-cacak")
    assert before[: before.index("- id: obuka-nis")] == after[: after.index("- id: obuka-nis")]
    assert '  title: "Ve\\u017Ebe u \\u010Ca\\u010Dku"' in after

    # Whoever saves is told, with the lines, before and after the save.
    title_line = before.index('  title: "Obuka u Ni\\u0161u"') + 1
    owner_line = before.index('  owner: "Ministarstvo odbrane \\u2013 Sektor"') + 1
    assert [r.line for r in saved.proposal.rewritten] == [title_line, owner_line]
    assert saved.proposal.note is not None
    assert f"2 lines you did not change (lines {title_line} and {owner_line})" in (
        saved.proposal.note
    )
    assert "the values stay the same" in saved.proposal.note
    assert "escapes" in saved.proposal.note
    assert '-  title: "Obuka u Ni\\u0161u"' in saved.proposal.diff
    assert '+  title: "Obuka u Nišu"' in saved.proposal.diff


def test_the_preview_names_the_rewritten_lines_and_writes_nothing(escaped: Path) -> None:
    path = escaped / "ipap-sr.yaml"
    before = path.read_bytes()
    proposal = store.preview(escaped, change(), EDITOR, today=TODAY)
    assert proposal.can_save
    assert proposal.note is not None and "2 lines you did not change" in proposal.note
    assert path.read_bytes() == before
    # An objective written without escapes needs no note.
    path.write_text(
        yaml.safe_dump(plan_document(), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    plain = store.preview(escaped, change(), EDITOR, today=TODAY)
    assert plain.rewritten == () and plain.note is None


def test_the_command_line_saves_it_and_says_which_lines_it_rewrote(
    escaped: Path, run_cli: Callable[..., CliResult]
) -> None:
    path = escaped / "ipap-sr.yaml"
    before = path.read_bytes()
    title_line = lines_of(path).index('  title: "Obuka u Ni\\u0161u"') + 1
    common = ("update", "obuka-nis", "--status", "at-risk", "--note", "Kasni nabavka")
    where = ("--by", "Ana Petrović", "--date", "2026-11-20", "--data", str(escaped))

    dry = run_cli(*common, *where, "--dry-run")
    assert dry.code == 0, dry.err
    assert f"note: this save also rewrites 2 lines you did not change (lines {title_line}" in (
        dry.err
    )
    assert '+  title: "Obuka u Nišu"' in dry.out
    assert path.read_bytes() == before

    result = run_cli(*common, *where, "--no-git-commit")
    assert result.code == 0, result.err
    assert "note: this save also rewrites 2 lines you did not change" in result.out
    assert "obuka-nis: status 'On track' -> 'At risk'" in result.out
    objective = load_portfolio(escaped, today=TODAY).objective("obuka-nis")
    assert objective is not None and objective.title == "Obuka u Nišu"
    assert objective.updates[-1].note == "Kasni nabavka"


def test_an_escaped_line_with_a_comment_is_still_refused_where_it_stands(escaped: Path) -> None:
    path = escaped / "ipap-sr.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '  owner: "Ministarstvo odbrane \\u2013 Sektor"',
        '  owner: "Ministarstvo odbrane \\u2013 Sektor"   # iz spiska ministarstva',
    )
    path.write_text(text, encoding="utf-8")
    owner_line = text.splitlines().index(
        '  owner: "Ministarstvo odbrane \\u2013 Sektor"   # iz spiska ministarstva'
    )
    with pytest.raises(store.LayoutNotKept) as refused:
        store.save(escaped, change(), EDITOR, today=TODAY)
    # The title above it alone would pass: the refusal points at the line that blocks.
    (problem,) = refused.value.problems
    assert problem.line == owner_line + 1
    assert "the safe writer would rewrite this line, which you did not change" in problem.message
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("written", "read_as", "ruamel_writes"),
    [
        ("-095", "-095", "-95 (a number)"),
        ("3e831", "3e831", ".inf (a number)"),
        ("1e-0", "1e-0", "1e+0 (other text)"),
    ],
)
def test_a_rewrite_that_would_change_a_value_or_its_type_is_refused(
    escaped: Path, written: str, read_as: str, ruamel_writes: str
) -> None:
    # PyYAML writes these strings plain (for YAML 1.1 they are text); ruamel.yaml, reading
    # YAML 1.2, takes them for numbers and would write them back as ruamel_writes says.
    text = yaml.safe_dump(plan_document(field=read_as), sort_keys=False)
    field_line = f"  field: {written}"
    assert field_line in text.splitlines()
    path = escaped / "ipap-sr.yaml"
    path.write_text(text, encoding="utf-8")
    as_read = load_portfolio(escaped, today=TODAY).objective("obuka-nis")
    assert as_read is not None and as_read.field == read_as
    with pytest.raises(store.LayoutNotKept) as refused:
        store.save(escaped, change(), EDITOR, today=TODAY)
    (problem,) = refused.value.problems
    assert problem.line == text.splitlines().index(field_line) + 1, ruamel_writes
    assert path.read_text(encoding="utf-8") == text


def test_numbers_with_an_exponent_keep_their_value_and_type(escaped: Path) -> None:
    # YAML 1.1 as PyYAML reads it: 1.5e+6 and .5e+6 are floats, 1e+6 (no dot) is text.
    metric = {"unit": "tona", "baseline": 0, "target": 2000, "measurements": []}
    document = plan_document(field="1e+6", metric=metric)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    text = text.replace("  target: 2000\n", "  target: 1.5e+6\n").replace(
        "  baseline: 0\n", "  baseline: .5e+6\n"
    )
    path = escaped / "ipap-sr.yaml"
    path.write_text(text, encoding="utf-8")
    saved = store.save(escaped, change(measurement=12.5), EDITOR, today=TODAY)
    written = path.read_text(encoding="utf-8")
    assert "  target: 1.5e+6\n" in written
    assert "  field: 1e+6\n" in written
    objective = load_portfolio(escaped, today=TODAY).objective("obuka-nis")
    assert objective is not None and objective.metric is not None
    assert objective.metric.target == 1.5e6 and objective.metric.baseline == 0.5e6
    assert objective.field == "1e+6"
    assert objective.metric.measurements[-1].value == 12.5
    # ruamel writes .5e+6 as 50.e+4: the same float, so it is allowed, and said.
    parsed = parse_yaml(written, "x").value["objectives"][0]["metric"]
    assert type(parsed["baseline"]) is float and parsed["baseline"] == 500000.0
    assert type(parsed["target"]) is float and parsed["target"] == 1500000.0
    assert saved.proposal.note is not None and "only how they are written" in saved.proposal.note


def test_values_are_the_same_only_with_the_same_type() -> None:
    assert first_value_difference(1, 1.0) == ()
    assert first_value_difference(1, True) == ()
    assert first_value_difference(1, "1") == ()
    assert first_value_difference(1.0, "1.0") == ()
    assert first_value_difference(0.0, -0.0) == ()
    assert first_value_difference(datetime.date(2020, 1, 2), "2020-01-02") == ()
    assert first_value_difference(datetime.date(2020, 1, 2), datetime.datetime(2020, 1, 2)) == ()
    assert first_value_difference(None, "") == ()
    assert first_value_difference(math.nan, math.nan) is None
    assert first_value_difference({"a": [1, {"b": 2}]}, {"a": [1, {"b": 2.0}]}) == ("a", 1, "b")
    assert first_value_difference({"a": 1, "b": 2}, {"b": 2, "a": 1}) == ()
    assert first_value_difference([1, 2], [1]) == ()
    assert first_value_difference({"t": "Niš"}, {"t": "Niš"}) is None


def test_only_how_scalars_are_written_may_differ() -> None:
    original = (
        'objectives:\n- id: a\n  title: "Ni\\u0161"\n'
        '  updates:\n  - {date: 2020-01-15, note: "\\u0161"}\n'
    )
    spaced = original.replace("{date: 2020-01-15, note:", "{date: 2020-01-15,note:")
    reproduced = (
        'objectives:\n- id: a\n  title: "Niš"\n  updates:\n  - {date: 2020-01-15, note: "š"}\n'
    )
    rewrites = same_value_rewrites(original, reproduced, "x.yaml")
    assert [r.line for r in rewrites] == [3, 5]
    # The space after the comma is layout, not a value: refused, at that line.
    with pytest.raises(CannotEdit) as refused:
        same_value_rewrites(spaced, reproduced, "x.yaml", first_line=10)
    assert refused.value.problem.line == 14
    # A key written another way, a line more or less, or another indentation: refused.
    for other in (
        reproduced.replace("  title:", "  name:"),
        reproduced.replace("  title:", "   title:"),
        reproduced.replace('  title: "Niš"\n', '  title: "Niš"\n  \n'),
        reproduced.replace('"Niš"', '"Nis"'),
    ):
        with pytest.raises(CannotEdit):
            same_value_rewrites(original, other, "x.yaml")


@pytest.mark.parametrize(
    ("unseen", "escape"), [("\u202e", "\\u202E"), ("\u200b", "\\u200B"), ("\u00ad", "\\xAD")]
)
def test_a_character_nobody_would_see_stays_an_escape(
    escaped: Path, unseen: str, escape: str
) -> None:
    # Written out, a right-to-left override, a zero-width space or a soft hyphen would hide
    # in the line and in the diff; as an escape everyone sees it. So the save is refused.
    text = yaml.safe_dump(plan_document(description=f"Plan{unseen} 2026"), sort_keys=False)
    line = f'  description: "Plan{escape} 2026"'
    assert line in text.splitlines()
    path = escaped / "ipap-sr.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(store.LayoutNotKept) as refused:
        store.save(escaped, change(), EDITOR, today=TODAY)
    (problem,) = refused.value.problems
    assert problem.line == text.splitlines().index(line) + 1
    assert path.read_text(encoding="utf-8") == text


def test_a_file_edited_whole_keeps_every_escape_by_refusing(escaped: Path) -> None:
    # Objectives written as one `[{...}, {...}]` line cannot be edited one by one; the whole
    # file goes through the writer, which would rewrite other objectives and the plan too.
    document = plan_document()
    plan = yaml.safe_dump({"plan": document["plan"]}, sort_keys=False)
    flow = yaml.safe_dump(document["objectives"], default_flow_style=True, width=10**6)
    text = f"{plan}objectives: {flow}"
    path = escaped / "ipap-sr.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_portfolio(escaped, today=TODAY).problems == []
    with pytest.raises(store.LayoutNotKept) as refused:
        store.save(escaped, change(), EDITOR, today=TODAY)
    (problem,) = refused.value.problems
    assert problem.line == text.splitlines().index('    title: "Obuka i ve\\u017Ebe"') + 1
    assert path.read_text(encoding="utf-8") == text
