"""Hostile files: each gives a located, bounded error, nothing runs, and good files still load."""

from __future__ import annotations

import json
import shutil
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from tests.support import DEMO_FILE, peak_memory_in_fresh_process
from tracker import settings
from tracker.load.loader import assemble, load_file, load_portfolio, load_text
from tracker.settings import MAX_PROBLEMS_PER_FILE

TODAY = date(2026, 11, 23)
MB = 1024 * 1024


def peak_memory_of(action) -> int:
    """Peak bytes allocated by Python while `action` runs (deterministic, unlike timings)."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture
def folder_with_good_file(tmp_path: Path) -> Path:
    shutil.copy(DEMO_FILE, tmp_path / "good.yaml")
    return tmp_path


def test_a_100_mb_file_is_refused_unread_and_the_rest_still_loads(
    folder_with_good_file: Path,
) -> None:
    huge = folder_with_good_file / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(100 * MB)  # sparse: costs no disk, reads as 100 MB of NUL bytes
    peak = peak_memory_of(lambda: load_portfolio(folder_with_good_file))
    portfolio = load_portfolio(folder_with_good_file)
    (problem,) = portfolio.errors()
    assert problem.path.endswith("huge.yaml") and (problem.line, problem.column) == (1, 1)
    assert f"over the {settings.DEFAULT_MAX_FILE_MB:g} MB limit" in problem.message
    assert len(portfolio.objectives) == 2
    assert peak < 50 * MB


def test_an_alias_bomb_costs_almost_nothing(folder_with_good_file: Path) -> None:
    levels = ['l0: &l0 ["' + "x" * 100 + '"]']
    levels += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 15)]
    (folder_with_good_file / "bomb.yaml").write_text("\n".join(levels) + "\n")
    peak = peak_memory_of(lambda: load_portfolio(folder_with_good_file))
    portfolio = load_portfolio(folder_with_good_file)
    assert any("bomb.yaml:2:" in str(p) and "alias" in p.message for p in portfolio.problems)
    assert len(portfolio.objectives) == 2
    assert peak < 20 * MB  # expanded, it would be 10**14 strings


def test_deep_nesting_is_refused_with_a_location(folder_with_good_file: Path) -> None:
    nested = "plan:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(1000)) + "  " * 1001 + "x\n"
    (folder_with_good_file / "deep.yaml").write_text(nested)
    portfolio = load_portfolio(folder_with_good_file)
    deep = [p for p in portfolio.problems if p.path.endswith("deep.yaml")]
    assert any("nested more than" in p.message and p.line > 1 for p in deep)
    assert len(portfolio.objectives) == 2


def test_deep_flow_nesting_does_not_recurse(folder_with_good_file: Path) -> None:
    (folder_with_good_file / "flow.yaml").write_text("plan: " + "[" * 100_000 + "]" * 100_000)
    portfolio = load_portfolio(folder_with_good_file)
    assert any(p.path.endswith("flow.yaml") for p in portfolio.problems)


def test_binary_and_non_utf8_files_are_named(folder_with_good_file: Path) -> None:
    (folder_with_good_file / "image.yaml").write_bytes(bytes(range(256)) * 64)
    (folder_with_good_file / "latin.yaml").write_bytes(
        "plan:\n  title: Ni\u0161\n".encode("cp1250")
    )
    portfolio = load_portfolio(folder_with_good_file)
    messages = {Path(p.path).name: str(p) for p in portfolio.problems}
    assert "binary file" in messages["image.yaml"]
    assert "latin.yaml:2:12: the file is not UTF-8" in messages["latin.yaml"]
    assert len(portfolio.objectives) == 2


def test_python_object_tags_are_never_executed(tmp_path: Path, demo_text: str) -> None:
    marker = tmp_path / "pwned"
    payloads = [
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/new:subprocess.Popen [["touch", "{marker}"]]',
        '!!python/name:os.system ""',
        "!!python/module:os ''",
        f'!!python/object/apply:builtins.exec ["open(\\"{marker}\\", \\"w\\")"]',
    ]
    for payload in payloads:
        text = demo_text.replace("owner: Ministry of Defence", f"owner: {payload}", 1)
        portfolio = assemble([load_text(text, "tag.yaml")], today=TODAY)
        assert any(
            "tag.yaml:18:12:" in str(p) and "refused" in p.message for p in portfolio.problems
        )
        assert not marker.exists()


def test_huge_strings_load_without_trouble(demo_text: str) -> None:
    title = "A" * 5_000_000
    text = demo_text.replace("title: Destroy surplus ammunition", f"title: {title}")
    load = load_text(text, "long.yaml")
    assert load.problems == [] and len(load.objectives[1].title) == 5_000_000


def test_thousands_of_problems_are_capped(tmp_path: Path) -> None:
    lines = ["plan: {id: p, title: P, start: 2019-01-01, end: 2020-01-01}", "objectives:"]
    lines += [f"  - {{id: o{i}, wrong{i}: 1}}" for i in range(5000)]
    path = tmp_path / "noisy.yaml"
    path.write_text("\n".join(lines) + "\n")
    problems = load_file(path).problems
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problems[-1].message.startswith("... and ") and "more problems" in problems[-1].message


def test_control_characters_are_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    path.write_text("plan:\n  title: bell\x07here\n")
    (problem,) = load_file(path).problems
    assert problem.line == 2 and "cannot read this as YAML" in problem.message


PLAN_LINE = "plan: {id: p, title: P, start: 2019-01-01, end: 2020-01-01}"
GOOD_OBJECTIVE = (
    "  - {id: kept, title: Kept, type: activity, area: exercises, owner: MoD, "
    "start: 2019-01-01, due: 2020-01-01, status: not-assessed}"
)


def _plan_with(objective_lines: list[str]) -> str:
    head = [
        "plan:",
        "  id: p",
        "  title: P",
        "  start: 2019-01-01",
        "  end: 2020-01-01",
        "  areas: [{id: exercises, title: Exercises}]",
        "objectives:",
    ]
    return "\n".join(head + objective_lines) + "\n"


def test_the_count_past_the_cap_is_exact_and_later_valid_objectives_are_kept() -> None:
    """Past 200 messages the rest are only counted, but counted right, and nothing valid is lost."""
    wrong = [f"  - {{id: o{i}, wrong{i}: 1}}" for i in range(3000)]
    load = load_text(_plan_with([*wrong, GOOD_OBJECTIVE]), "noisy.yaml")
    one = load_text(_plan_with(wrong[:1]), "one.yaml").problems
    per_objective = len(one)
    assert per_objective > 1  # several keys missing and one unknown
    *shown, summary = load.problems
    assert len(shown) == MAX_PROBLEMS_PER_FILE
    assert summary.message.startswith(f"... and {3000 * per_objective - 200} more problems")
    assert [o.id for o in load.objectives] == ["kept"]
    assert load.objectives[0].line == 3008
    assert {"o0", "o2999"} <= load.invalid_ids


def test_explaining_stops_at_the_cap_so_memory_stays_flat() -> None:
    """Twenty thousand wrong objectives cost little more than reading the text (no error object
    per mistake: explaining them all took several times the parse). Each stays named as an
    unreadable objective, which is the little more."""
    setup = """
        from tests.load.test_hostile_files import _plan_with
        from tracker.load.loader import load_text
        from tracker.load.yamlparse import parse_yaml
        large = _plan_with([f"  - {{id: o{i}, wrong{i}: 1}}" for i in range(20_000)])
        # One-time costs (the catalogue read by the first message, validators built on
        # first use) are paid before measuring, so the figure is what the mistakes cost.
        load_text(_plan_with([f"  - {{id: o{i}, wrong{i}: 1}}" for i in range(300)]), "w.yaml")
    """
    parse_peak = peak_memory_in_fresh_process(setup, 'parse_yaml(large, "large.yaml")')
    load_peak = peak_memory_in_fresh_process(setup, 'load = load_text(large, "large.yaml")')
    assert load_peak < 1.5 * parse_peak


def test_a_mapping_with_too_many_keys_is_cut_short_at_the_first_key_too_many() -> None:
    keys = ", ".join(f"k{i}: 1" for i in range(5000))
    text = _plan_with([f"  - {{id: wide, {keys}}}", GOOD_OBJECTIVE])
    load = load_text(text, "wide.yaml")
    limit_messages = [p for p in load.problems if "more than 100 keys" in p.message]
    assert len(limit_messages) == 1
    assert limit_messages[0].line == 8
    assert [o.id for o in load.objectives] == ["kept"]
    assert "wide" in load.invalid_ids
    assert len(load.problems) <= MAX_PROBLEMS_PER_FILE + 1


def test_a_million_repeated_keys_give_a_hundred_messages_at_most() -> None:
    text = "plan:\n" + "  id: x\n" * 200_000
    problems = load_text(text, "repeats.yaml").problems
    repeats = [p for p in problems if p.message.startswith("duplicate key 'id'")]
    assert 0 < len(repeats) < 100
    assert any("more than 100 keys" in p.message and p.line == 102 for p in problems)


def test_a_list_longer_than_any_the_format_needs_is_cut_short() -> None:
    long_objective = [
        "  - id: long",
        "    title: Long",
        "    type: activity",
        "    area: exercises",
        "    owner: MoD",
        "    start: 2019-01-01",
        "    due: 2020-01-01",
        "    status: not-assessed",
        "    updates:",
    ] + ["      - {date: 2019-02-01, status: not-assessed, by: X}"] * 10_001
    load = load_text(_plan_with([*long_objective, GOOD_OBJECTIVE]), "long.yaml")
    (limit,) = [p for p in load.problems if "more than 10,000 items" in p.message]
    assert limit.line == 8 + 9 + 10_000  # the first item too many
    assert [o.id for o in load.objectives] == ["kept"]
    assert "long" in load.invalid_ids


def test_deep_nesting_never_reaches_rapidyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """rapidyaml builds every level before anyone can refuse the depth (300 MB a million)."""
    import ryml

    from tracker.load import fastparse

    handed: list[int] = []
    real_parse = ryml.parse_in_place

    def watched(buffer: bytearray) -> object:
        handed.append(len(buffer))
        return real_parse(buffer)

    monkeypatch.setattr(ryml, "parse_in_place", watched)
    deep_texts = (
        "plan: " + "[{a: " * 100_000,
        "plan: " + "- " * 100_000 + "x",
        "[" * 100_000,
        "plan:\n" + " [\n" * 150_000,  # flow nesting over many lines
    )
    for deep in deep_texts:
        assert fastparse.parse_fast(deep + "\n") is None
    assert handed == []
    ordinary = _plan_with([GOOD_OBJECTIVE])
    assert fastparse.parse_fast(ordinary) is not None and len(handed) == 1


def test_a_tag_on_every_value_gives_capped_messages_and_an_exact_count() -> None:
    text = "plan: [" + "!x 1, " * 5000 + "]\n"
    problems = load_text(text, "tags.yaml").problems
    assert len(problems) == MAX_PROBLEMS_PER_FILE + 1
    assert all("the tag '!x'" in p.message for p in problems[:-1])
    # 5,000 tags and the plan that is a list, not a mapping: all counted, 200 shown.
    assert problems[-1].message.startswith("... and 4801 more problems")


def test_a_number_too_long_for_python_is_a_located_problem(demo_text: str) -> None:
    """Python refuses to read an integer of over 4,300 digits; the loader must not crash."""
    text = demo_text.replace(
        "progress: 40\n    depends_on", f"progress: {'4' * 5000}\n    depends_on"
    )
    load = load_text(text, "long-number.yaml")
    (problem,) = load.problems
    assert (problem.line, problem.column) == (22, 15)
    assert "should be a number" in problem.message
    assert [o.id for o in load.objectives] == ["demo-ammo"]


def test_a_file_of_many_warned_objectives_prints_200_and_counts_the_rest_as_warnings(
    tmp_path: Path, run_cli
) -> None:
    """3,000 valid objectives past their due date: each earns a sanity warning. The file still
    prints at most 200 messages plus a count, the count is of warnings (so `validate` passes
    and says 300 warnings), and a rule error among them keeps a line of its own."""
    from tracker.problems import MoreProblems, problem_counts

    (tmp_path / "late.yaml").write_text(_objectives_with_status(["on-track"] * 300))
    portfolio = load_portfolio(tmp_path, today=TODAY)
    assert len(portfolio.problems) == MAX_PROBLEMS_PER_FILE + 1
    (summary,) = [p for p in portfolio.problems if isinstance(p, MoreProblems)]
    assert summary.is_warning and summary.message.startswith("... and 100 more warnings")
    assert problem_counts(portfolio.problems) == (0, 300)
    result = run_cli("validate", str(tmp_path))
    assert result.code == 0, result.err
    assert "ok: 0 problems and 300 warnings in 1 file; 300 valid objectives" in result.out
    assert run_cli("validate", "--strict", str(tmp_path)).code == 1

    mixed = _objectives_with_status(["on-track"] * 300).replace(
        "area: exercises, owner: MoD, start: 2019-01-01, due: 2020-01-01, status: on-track}",
        "area: nowhere, owner: MoD, start: 2019-01-01, due: 2020-01-01, status: on-track}",
        250,
    )
    (tmp_path / "late.yaml").write_text(mixed)
    portfolio = load_portfolio(tmp_path, today=TODAY)
    assert len(portfolio.problems) == MAX_PROBLEMS_PER_FILE + 1
    assert problem_counts(portfolio.problems) == (250, 300)
    lines = [p for p in portfolio.problems if isinstance(p, MoreProblems)]
    assert sorted(p.severity for p in lines) == ["error", "warning"]  # one count line each


def test_warnings_past_the_cap_are_counted_without_being_placed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the messages written out are placed: the 100 warnings past the cap cost a count,
    not a position each, and those written out are where the located parser puts them."""
    from tracker.load import fileload
    from tracker.load.yamlparse import parse_yaml

    text = _objectives_with_status(["on-track"] * 300)
    (tmp_path / "late.yaml").write_text(text)
    asked: list[tuple[object, ...]] = []
    locate = fileload.FileLoad.locate

    def counting(self: fileload.FileLoad, path: tuple[str | int, ...]) -> tuple[int, int]:
        asked.append(path)
        return locate(self, path)

    monkeypatch.setattr(fileload.FileLoad, "locate", counting)
    portfolio = load_portfolio(tmp_path, today=TODAY)
    assert len(portfolio.problems) == MAX_PROBLEMS_PER_FILE + 1
    assert len(asked) == MAX_PROBLEMS_PER_FILE
    located = parse_yaml(text, "late.yaml")
    for index, problem in enumerate(portfolio.problems[:-1]):
        assert (problem.line, problem.column) == located.where(("objectives", index, "status"))


def _objectives_with_status(statuses: list[str]) -> str:
    return _plan_with(
        [
            f"  - {{id: o{i}, title: T, type: activity, area: exercises, owner: MoD, "
            f"start: 2019-01-01, due: 2020-01-01, status: {status}}}"
            for i, status in enumerate(statuses)
        ]
    )


@pytest.mark.parametrize(
    ("tagged", "wrong", "shown_tags", "shown_wrong", "more"),
    [(150, 0, 150, 0, 0), (300, 0, 200, 0, 100), (150, 100, 150, 50, 50)],
)
def test_a_refused_value_is_one_problem_in_the_messages_and_in_the_count(
    tagged: int, wrong: int, shown_tags: int, shown_wrong: int, more: int
) -> None:
    """The parser's refusal of a tag and the model's complaint about the same value are one
    problem: counted once, and never using up the room of the problems after them."""
    text = _objectives_with_status(["!foo on-track"] * tagged + ["bogus"] * wrong)
    problems = load_text(text, "tags.yaml").problems
    tags = [p for p in problems if "the tag '!foo'" in p.message]
    statuses = [p for p in problems if "'bogus' is not a valid status" in p.message]
    assert (len(tags), len(statuses)) == (shown_tags, shown_wrong)
    summary = [p for p in problems if p.message.startswith("... and ")]
    if more:
        assert summary[0].message.startswith(f"... and {more} more problem")
    else:
        assert summary == []
    assert len(problems) == shown_tags + shown_wrong + (1 if more else 0)


def test_a_syntax_error_in_the_plan_keeps_the_mistakes_written_before_it() -> None:
    text = "plan:\n  id: p\n  title: P\n  start: 2019-13-07\n  adoptd: 2019-01-01\n  end 2021\n"
    messages = [f"{p.line}: {p.message}" for p in load_text(text, "plan.yaml").problems]
    assert any(m.startswith("4: plan.start:") for m in messages)
    assert any(m.startswith("5: plan: unknown key 'adoptd'") for m in messages)
    assert not any("'end' is missing" in m for m in messages)  # the syntax error cut it off


def test_headlines_add_up_the_problems_past_the_cap(tmp_path: Path, run_cli) -> None:
    """'201 problems' would count the '... and 100 more' line as one problem."""
    from tracker.problems import MoreProblems, problem_total

    (tmp_path / "many.yaml").write_text(_objectives_with_status(["bogus"] * 300))
    (tmp_path / "one.yaml").write_text(
        _objectives_with_status(["bogus"] * 201)
        .replace("id: p\n", "id: q\n", 1)
        .replace("id: o", "id: q")
    )
    portfolio = load_portfolio(tmp_path, today=TODAY)
    assert problem_total(portfolio.problems) == 501
    cap_lines = [p for p in portfolio.problems if isinstance(p, MoreProblems)]
    assert sorted(p.message.split(" in this")[0] for p in cap_lines) == [
        "... and 1 more problem",
        "... and 100 more problems",
    ]
    result = run_cli("validate", str(tmp_path), "--format", "json")
    rows = json.loads(result.out)["problems"]
    assert {tuple(sorted(row)) for row in rows} == {
        ("column", "line", "message", "path", "severity")
    }
    assert "501 problems in 2 files" in run_cli("validate", str(tmp_path)).err


def test_every_surface_counts_a_caps_summary_line_as_the_problems_it_stands_for(
    tmp_path: Path,
) -> None:
    """'... and 100 more problems' stands for 100 problems, not 101: the sidebar, the Data
    problems page (both `problem_counts`) and the meeting pack say what `validate` says."""
    from tracker.export import build_report
    from tracker.export.pack import gather
    from tracker.problems import problem_counts, problem_total
    from tracker.tables.frames import build_frames

    text = _objectives_with_status(["on-track"] + ["bogus"] * 300)
    (tmp_path / "many.yaml").write_text(text)
    portfolio = load_portfolio(tmp_path, today=TODAY)
    errors = [p for p in portfolio.problems if not p.is_warning]
    assert problem_counts(portfolio.problems)[0] == problem_total(errors) == 300
    frames = build_frames(portfolio)
    assert gather(frames, portfolio).problem_count == 300
    summary = build_report(frames, portfolio, "md").decode("utf-8")
    assert "300 data errors" in summary and "301 data errors" not in summary
