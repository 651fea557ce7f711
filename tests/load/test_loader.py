"""The loader's rules, each checked with the location a user would be sent to."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml

from tests.support import DEMO_FILE, SHIPPED
from tracker import settings
from tracker.load import yamlparse
from tracker.load.loader import assemble, load_file, load_portfolio, load_text


def problems_of(text: str, name: str = "plan.yaml") -> list[str]:
    """The errors of one file; its sanity warnings are tests/rules/test_sanity.py's."""
    return [str(p) for p in assemble([load_text(text, name)], today=date(2026, 11, 23)).errors()]


def test_shipped_data_is_valid_and_covers_both_plans() -> None:
    portfolio = load_portfolio(SHIPPED)
    assert portfolio.problems == []
    assert set(portfolio.plans) == {"ipap1", "ipap2"}
    assert portfolio.plans["ipap2"].adopted == date(2019, 11, 7)
    by_plan = {
        plan: [o for o in portfolio.objectives if o.plan_id == plan] for plan in portfolio.plans
    }
    assert len(by_plan["ipap1"]) >= 15 and len(by_plan["ipap2"]) >= 10
    ammo = [o for o in portfolio.objectives if o.type == "ammunition-destruction"]
    # Only IPAP 1's trust fund has a quantity in the sources; IPAP 2's objective has none.
    assert {o.id: o.metric.target if o.metric else None for o in ammo} == {
        "ipap1-ammo": 2000,
        "ipap2-ammo": None,
    }
    assert any(o.continues for o in by_plan["ipap2"])


def test_shipped_files_point_editors_at_the_schema() -> None:
    for path in SHIPPED.glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=schema.json", path


def test_shipped_data_invents_no_progress() -> None:
    """Every status other than not-assessed rests on a dated update that names its source."""
    for objective in load_portfolio(SHIPPED).objectives:
        if objective.status != "not-assessed":
            assert objective.updates, objective.id
            assert objective.updates[-1].source, objective.id
        if objective.metric:
            assert all(m.source for m in objective.metric.measurements), objective.id


def test_demo_values_are_typed(demo_text: str) -> None:
    load = load_text(demo_text, "demo.yaml")
    assert load.problems == []
    first = load.objectives[0]
    assert first.start == date(2019, 11, 7)
    assert first.evidence[0].access == "public"
    assert first.line == 14
    ammo = load.objectives[1]
    assert ammo.metric is not None and ammo.current_progress() == pytest.approx(15.0)


def test_one_bad_objective_never_hides_the_good_one(demo_text: str) -> None:
    broken = demo_text.replace("    type: activity", "    type: activty")
    load = load_text(broken, "demo.yaml")
    assert [o.id for o in load.objectives] == ["demo-ammo"]
    assert len(load.problems) == 1 and "demo.yaml:16:11:" in str(load.problems[0])


def test_a_syntax_error_keeps_the_objectives_before_it(demo_text: str) -> None:
    broken = demo_text.replace(
        "      - {date: 2020-06-30, value: 300}", "      - {date: 2020-06-30, value: [300}"
    )
    load = load_text(broken, "demo.yaml")
    assert [o.id for o in load.objectives] == ["demo-ex"]
    assert "demo.yaml:43:" in str(load.problems[0])


def test_duplicate_ids_across_files_point_at_the_second(tmp_path: Path, demo_text: str) -> None:
    (tmp_path / "a.yaml").write_text(demo_text)
    other = demo_text.replace("id: demo\n", "id: demo2\n").replace(
        "id: demo-ammo", "id: demo-ammo2"
    )
    (tmp_path / "b.yaml").write_text(other)
    portfolio = load_portfolio(tmp_path)
    messages = [str(p) for p in portfolio.errors()]
    assert len(messages) == 1
    assert "b.yaml:14:9: objective id 'demo-ex' is already used at" in messages[0]
    assert "a.yaml:14" in messages[0]
    assert len(portfolio.objectives) == 3


def test_references_may_cross_files(tmp_path: Path, demo_text: str) -> None:
    (tmp_path / "a.yaml").write_text(demo_text)
    later = (
        demo_text.replace("id: demo\n", "id: demo2\n")
        .replace("id: demo-ex", "id: demo2-ex")
        .replace("id: demo-ammo", "id: demo2-ammo")
        .replace("depends_on: [demo-ammo]", "depends_on: [demo2-ammo]\n    continues: demo-ex")
    )
    (tmp_path / "b.yaml").write_text(later)
    portfolio = load_portfolio(tmp_path)
    assert portfolio.errors() == []
    assert portfolio.objective("demo2-ex").continues == "demo-ex"


def test_quoted_dates_are_accepted_and_times_refused(demo_text: str) -> None:
    assert (
        problems_of(
            demo_text.replace(
                "due: 2021-12-31\n    status: on-track", 'due: "2021-12-31"\n    status: on-track'
            )
        )
        == []
    )
    timed = demo_text.replace(
        "start: 2019-11-07\n    due: 2021-12-31\n    status: on-track",
        "start: 2019-11-07 10:00:00\n    due: 2021-12-31\n    status: on-track",
    )
    messages = problems_of(timed)
    assert (
        len(messages) == 1 and "plan.yaml:19:12:" in messages[0] and "without a time" in messages[0]
    )


def test_a_plain_word_where_a_date_belongs(demo_text: str) -> None:
    messages = problems_of(
        demo_text.replace(
            "    due: 2021-12-31\n    status: on-track", "    due: soon\n    status: on-track"
        )
    )
    assert any("plan.yaml:20:10:" in m and "YYYY-MM-DD" in m for m in messages)


def test_progress_below_zero(demo_text: str) -> None:
    messages = problems_of(demo_text.replace("progress: 40\n", "progress: -5\n", 1))
    assert len(messages) == 1 and "plan.yaml:22:15:" in messages[0]


def test_update_progress_is_checked_too(demo_text: str) -> None:
    messages = problems_of(
        demo_text.replace("status: on-track, progress: 40", "status: on-track, progress: 400")
    )
    assert len(messages) == 1 and "plan.yaml:27:" in messages[0] and "0 to 100" in messages[0]


def test_unknown_plan_key_and_top_level_key(demo_text: str) -> None:
    messages = problems_of(
        demo_text.replace("  adopted:", "  adopt:").replace("objectives:", "objectivs:")
    )
    assert any("plan.yaml:6:3:" in m and "did you mean 'adopted'" in m for m in messages)
    assert any("plan.yaml:13:1:" in m and "did you mean 'objectives'" in m for m in messages)


def test_sources_and_evidence_may_omit_the_url(demo_text: str) -> None:
    without = demo_text.replace('url: "https://example.org/report", ', "")
    assert problems_of(without) == []


def test_update_source_refuses_code_schemes_but_takes_citations(demo_text: str) -> None:
    cited = demo_text.replace(
        "by: Desk officer}", 'by: Desk officer, source: "NATO ACO story: 21 Jan 2015"}'
    )
    assert problems_of(cited) == []
    hostile = demo_text.replace(
        "by: Desk officer}", 'by: Desk officer, source: "javascript:alert(1)"}'
    )
    messages = problems_of(hostile)
    assert len(messages) == 1 and "plan.yaml:27:" in messages[0] and "'javascript:'" in messages[0]


class _LibyamlWithADepthLimit(yaml.SafeLoader):
    """PyYAML's reader as libyaml 0.2.6 (PyYAML 6.0.4) behaves: it refuses flow nesting past
    1,000 levels itself, with its own words, while reading ahead of the events."""

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= 999:
            raise yaml.scanner.ScannerError(
                "while increasing flow level",
                self.get_mark(),
                "exceeded maximum nesting depth",
                self.get_mark(),
            )
        super().fetch_flow_collection_start(TokenClass)


DEEP_FLOW = "plan: " + "[" * 1000 + "]" * 1000 + "\n"
TOO_DEEP = (
    "plan.yaml:1:70: the data is nested more than 64 levels deep; "
    "this format needs only a few levels"
)


def test_the_library_limit_stand_in_refuses_before_any_deep_event() -> None:
    """So the 'library-limit' case below really takes the path of a library refusal."""
    reader = _LibyamlWithADepthLimit(DEEP_FLOW)
    starts = 0
    with pytest.raises(yaml.scanner.ScannerError, match="maximum nesting depth"):
        while True:
            starts += isinstance(reader.get_event(), yaml.CollectionStartEvent)
    assert starts < yamlparse.MAX_DEPTH


@pytest.mark.parametrize(
    "event_source",
    [yamlparse._EventSource, yaml.SafeLoader, _LibyamlWithADepthLimit],
    ids=["installed-libyaml", "no-library-limit", "library-limit"],
)
def test_a_deep_nest_is_refused_without_recursion(
    event_source: type, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the tracker's own check or the library's limit stops the parse first, the user
    reads the tracker's sentence at the same place, never the library's wording."""
    monkeypatch.setattr(yamlparse, "_EventSource", event_source)
    assert problems_of(DEEP_FLOW) == [TOO_DEEP]
    assert problems_of('plan: {t: "\u0161\u0111", x: ' + DEEP_FLOW[6:-1] + "}\n") == [
        TOO_DEEP.replace(":1:70:", ":1:82:")
    ]


def test_an_alias_bomb_is_refused_unexpanded() -> None:
    """Twelve levels of nine: expanded, it would be 9**12 strings; it must not even try."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 13):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    lines.append("plan: *a12")
    messages = problems_of("\n".join(lines) + "\n")
    assert any("alias '*a0' is not allowed" in m for m in messages)
    assert any("more anchors or aliases" in m for m in messages)
    assert len(messages) < 30


def test_thousands_of_problems_are_capped_with_a_count(demo_text: str) -> None:
    objective = demo_text.split("objectives:\n", 1)[1].split("\n\n")[0]
    many = demo_text.split("objectives:\n")[0] + "objectives:\n"
    many += "\n".join(
        objective.replace("demo-ex", f"x{i}").replace("type: activity", "type: nope")
        for i in range(600)
    )
    load = load_text(many, "many.yaml")
    assert len(load.problems) == 201
    assert "more problems in this file" in load.problems[-1].message


def test_oversized_binary_and_missing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * 200_000)
    monkeypatch.setenv("IPAP_MAX_FILE_MB", "1")
    assert "over the 1 MB limit" in str(load_file(big).problems[0])
    binary = tmp_path / "blob.yaml"
    binary.write_bytes(b"plan:\n  id: x\x00\x01\x02")
    assert "blob.yaml:2:1: this is a binary file" in str(load_file(binary).problems[0])
    missing = load_portfolio(tmp_path / "nothing-here")
    assert "no such file or folder" in str(missing.problems[0])


@pytest.mark.parametrize(
    ("read", "env", "default"),
    [
        (settings.max_file_bytes, settings.MAX_FILE_MB_ENV, settings.DEFAULT_MAX_FILE_MB),
        (settings.max_located_bytes, settings.MAX_LOCATED_MB_ENV, settings.DEFAULT_MAX_LOCATED_MB),
    ],
)
def test_size_limits_are_read_in_megabytes_and_fall_back_on_nonsense(
    read: Any, env: str, default: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(env, " 1.5 ")
    assert read() == int(1.5 * 1024 * 1024)
    for unset in ("", "   ", "lots"):
        monkeypatch.setenv(env, unset)
        assert read() == int(default * 1024 * 1024)
    monkeypatch.delenv(env)
    assert read() == int(default * 1024 * 1024)


def test_data_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(DEMO_FILE, tmp_path / "demo.yaml")
    monkeypatch.setenv("IPAP_DATA", str(tmp_path))
    portfolio = load_portfolio()
    assert {o.id for o in portfolio.objectives} == {"demo-ex", "demo-ammo"}
    monkeypatch.delenv("IPAP_DATA")
    assert "ipap1" in load_portfolio().plans


def test_yml_files_are_read_and_other_files_ignored(tmp_path: Path) -> None:
    shutil.copy(DEMO_FILE, tmp_path / "demo.yml")
    (tmp_path / "notes.txt").write_text("not a plan")
    portfolio = load_portfolio(tmp_path)
    assert portfolio.errors() == [] and len(portfolio.objectives) == 2


def test_paths_are_relative_to_the_working_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DEMO_FILE.parent.parent)
    load = load_file(Path("bad") / "empty.yaml")
    assert str(load.problems[0]).startswith(os.path.join("bad", "empty.yaml") + ":1:1:")


@pytest.mark.parametrize(
    ("due", "why"),
    [
        ("2021-02-30", "2021-02 has only 28 days"),
        ("2020-02-30", "2020-02 has only 29 days"),
        ("2021-13-01", "there is no month 13; months go from 01 to 12"),
        ("2021-04-00", "there is no day 00; days start at 01"),
    ],
)
def test_an_impossible_date_says_why_in_the_trackers_words(
    demo_text: str, due: str, why: str
) -> None:
    """Python's own words ('day is out of range for month') never reach the desk officer."""
    line = demo_text.splitlines().index("    due: 2021-12-31") + 1
    (message,) = problems_of(demo_text.replace("due: 2021-12-31", f"due: {due}", 1))
    assert message.startswith(f"plan.yaml:{line}:10: objective ")
    assert message.endswith(f" due: '{due}' is not a real date: {why}")


def test_a_number_past_its_limit_is_explained_in_the_trackers_words() -> None:
    """pydantic's 'Input should be less than or equal to 100' is said the tracker's way."""
    from pydantic import BaseModel, Field, ValidationError

    from tracker.load.explain import explain

    class Measured(BaseModel):
        share: Annotated[float, Field(ge=0, le=100)]
        count: Annotated[int, Field(gt=0)]

    with pytest.raises(ValidationError) as raised:
        Measured(share=140, count=0)
    sentences = [explain(error, Measured)[0] for error in raised.value.errors()]
    assert sentences == ["must be at most 100, not 140", "must be more than 0, not 0"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("title: @x", "plan.yaml:1:8: a value cannot start with '@': put the value in quotes"),
        ("title: `x", "plan.yaml:1:8: a value cannot start with '`': put the value in quotes"),
        ('title: "a\\q"', "plan.yaml:1:10: a backslash inside double quotes starts an escape"),
        ("title: &", "plan.yaml:1:9: '&' at the start of a value marks an anchor: put the value"),
        ("title: *", "plan.yaml:1:9: '*' at the start of a value marks an alias: put the value"),
        ("[a, b]]", "plan.yaml:1:7: there is more here after the data has ended (a stray closing"),
    ],
)
def test_syntax_errors_are_said_in_the_trackers_words(text: str, said: str) -> None:
    """libyaml's wording ('found character that cannot start any token') is not shown."""
    (problem,) = yamlparse.parse_yaml(text + "\n", "plan.yaml").problems
    assert str(problem).startswith(said)
    assert "YAML syntax error" not in problem.message
