"""The app's data loading: where the data comes from, edits show on the next interaction, and
only the files that changed are parsed again."""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from components import data as app_data
from tests.equivalence import generate_portfolio
from tests.support import DASHBOARD, metrics, open_app
from tracker import forked, settings
from tracker.export import report_date
from tracker.export.pack import gather
from tracker.i18n import using_language
from tracker.load import parallel
from tracker.load.loader import load_portfolio
from tracker.load.stored import StoredObjectives, StoredProblems
from tracker.model import Objective
from tracker.problems import problem_counts, problem_total


@pytest.fixture
def portfolio(tmp_path: Path) -> Path:
    target = tmp_path / "portfolio"
    shutil.copytree(DASHBOARD, target)
    return target


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """The names of the files the app parses, in order (the caches start empty): the app
    assembles in a child process, which reports the files it parsed in `Data.parsed`."""
    monkeypatch.setenv("IPAP_CACHE_DIR", str(tmp_path / "parse-cache"))
    seen: list[str] = []
    assemblies: set[int] = set()
    real_load_data = app_data.load_data

    def counting_load_data(root: Path | None = None, today: date | None = None) -> object:
        found = real_load_data(root, today)
        if id(found) not in assemblies:  # a new assembly, not the cached one
            assemblies.add(id(found))
            seen.extend(Path(name).name for name in found.parsed)
        return found

    monkeypatch.setattr(app_data, "load_data", counting_load_data)
    app_data.clear_cache()
    yield seen
    app_data.clear_cache()


def _touch(path: Path, text: str) -> None:
    """Write new content with a later modification time, as an editor's save does."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_the_data_path_comes_from_the_command_line_then_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(settings.DATA_ENV, "/from/env")
    assert app_data.data_path(["--", "--data", "/from/args"]) == Path("/from/args")
    assert app_data.data_path(["--data", "/from/args"]) == Path("/from/args")
    assert app_data.data_path(["--dist", "loadfile"]) == Path("/from/env")
    monkeypatch.delenv(settings.DATA_ENV)
    assert app_data.data_path([]) == settings.DEFAULT_DATA_DIR


def test_an_unchanged_file_is_not_parsed_again(portfolio: Path, parses: list[str]) -> None:
    first = app_data.load_data(portfolio, date(2026, 11, 23))
    assert sorted(parses) == ["tp1.yaml", "tp2.yaml"]
    again = app_data.load_data(portfolio, date(2026, 11, 23))
    assert again is first
    assert len(parses) == 2


def test_an_edited_file_alone_is_parsed_again(portfolio: Path, parses: list[str]) -> None:
    app_data.load_data(portfolio, date(2026, 11, 23))
    plan2 = portfolio / "tp2.yaml"
    _touch(plan2, plan2.read_text(encoding="utf-8").replace("Cyber defence goal", "Cyber goal"))
    edited = app_data.load_data(portfolio, date(2026, 11, 23))
    assert parses[2:] == ["tp2.yaml"]
    assert edited.portfolio.objective("tp2-goal-cyber").title == "Cyber goal"
    assert len(edited.portfolio.objectives) == 12  # tp1.yaml's objectives came from the cache


def test_a_file_removed_from_the_folder_leaves_the_view(portfolio: Path, parses: list[str]) -> None:
    assert len(app_data.load_data(portfolio, date(2026, 11, 23)).portfolio.objectives) == 12
    (portfolio / "tp2.yaml").rename(portfolio / "tp2.yaml.bak")
    left = app_data.load_data(portfolio, date(2026, 11, 23))
    assert len(left.portfolio.objectives) == 6
    assert [Path(name).name for name in left.portfolio.files] == ["tp1.yaml"]
    assert len(parses) == 2  # tp1.yaml came from the cache


def test_a_new_day_recomputes_without_parsing(portfolio: Path, parses: list[str]) -> None:
    app_data.load_data(portfolio, date(2026, 11, 23))
    later = app_data.load_data(portfolio, date(2099, 12, 31))
    assert later.frames.today == date(2099, 12, 31)
    assert len(parses) == 2


def test_clear_cache_assembles_the_data_afresh(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, parses: list[str]
) -> None:
    first = app_data.load_data(portfolio, date(2026, 11, 23))
    app_data.clear_cache()
    again = app_data.load_data(portfolio, date(2026, 11, 23))
    assert again is not first
    assert sorted(parses) == ["tp1.yaml", "tp2.yaml"]  # the rest from the parse cache
    monkeypatch.setenv("IPAP_CACHE", "off")
    app_data.clear_cache()
    app_data.load_data(portfolio, date(2026, 11, 23))
    assert sorted(parses) == ["tp1.yaml", "tp1.yaml", "tp2.yaml", "tp2.yaml"]


def test_the_child_parses_and_packs_on_two_cores_and_answers_the_same(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, parses: list[str], tmp_path: Path
) -> None:
    """The app's child parses every other file in a worker, as `validate` does, and packs the
    objectives in another while it builds the frames: the same Data as on one core."""
    monkeypatch.setattr(parallel, "LARGE_FILE_BYTES", 1)  # the test plans are small
    monkeypatch.setattr(forked, "cores", lambda: 2)
    log = tmp_path / "who.log"

    def noted(what: str, work: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            with log.open("a") as out:
                out.write(f"{what} {os.getpid()}\n")
            return work(*args, **kwargs)

        return run

    monkeypatch.setattr(app_data, "load_file", noted("parse", app_data.load_file))
    monkeypatch.setattr(app_data, "StoredObjectives", noted("pack", app_data.StoredObjectives))
    monkeypatch.setattr(app_data, "build_frames", noted("frames", app_data.build_frames))

    def processes() -> dict[str, set[str]]:
        who: dict[str, set[str]] = {}
        for line in log.read_text().splitlines():
            what, pid = line.split()
            who.setdefault(what, set()).add(pid)
        log.unlink()
        return who

    two = app_data.load_data(portfolio, date(2026, 11, 23))
    assert sorted(parses) == ["tp1.yaml", "tp2.yaml"]  # the worker's file counts as parsed
    who = processes()
    assert len(who["parse"]) == 2 and str(os.getpid()) not in who["parse"]
    assert who["pack"].isdisjoint(who["frames"])
    monkeypatch.setattr(forked, "can_fork_worker", lambda: False)  # one core's way
    app_data.clear_cache()
    one = app_data.load_data(portfolio, date(2026, 11, 23))
    assert len(set.union(*processes().values())) == 1
    for name in ("objectives", "updates", "evidence", "measurements"):
        pd.testing.assert_frame_equal(getattr(two.frames, name), getattr(one.frames, name))
    assert list(two.portfolio.objectives) == list(one.portfolio.objectives)
    assert two.portfolio.objectives.derived == one.portfolio.objectives.derived
    assert list(two.portfolio.problems) == list(one.portfolio.problems)
    assert two.portfolio.plans == one.portfolio.plans and two.data_date == one.data_date


def test_the_child_started_before_the_apps_imports_is_the_one_load_data_reads(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path, parses: list[str]
) -> None:
    """app.py starts the data's child first thing (start_loading), so it works while the app
    imports the rest of itself: load_data reads that child's answer and forks no other. Data
    the last assembly read starts nothing; a file changed starts a new child, and one started
    for files that changed again before it was read is ended."""
    monkeypatch.setenv("IPAP_DATA", str(portfolio))
    started: list[str] = []
    ended: list[str] = []
    later: list[str] = []

    def start(work: Callable[..., Any], *args: Any) -> Any:
        child = forked.start_forked(work, *args)
        started.append(str(args[1]))
        real_cancel = child.cancel

        def cancel() -> None:
            ended.append(str(args[1]))
            real_cancel()

        child.cancel = cancel  # type: ignore[method-assign]
        return child

    monkeypatch.setattr(app_data, "start_forked", start)
    monkeypatch.setattr(
        app_data, "run_forked", lambda work, *args: later.append("forked") or work(*args)
    )
    app_data.start_loading()
    first = app_data.load_data()
    assert len(started) == 1 and not later and sorted(parses) == ["tp1.yaml", "tp2.yaml"]

    app_data.start_loading()  # nothing changed: the cache has it
    assert app_data.load_data() is first and len(started) == 1 and not ended

    plan = portfolio / "tp1.yaml"
    text = plan.read_text(encoding="utf-8")
    _touch(plan, text.replace("title: Logistics support goal", "title: Revised goal", 1))
    app_data.start_loading()
    _touch(plan, text.replace("title: Logistics support goal", "title: Revised again", 1))
    app_data.start_loading()  # the first child's files are gone: it is ended unread
    assert len(started) == 3 and ended == [started[1]]
    edited = app_data.load_data()
    assert edited is not first and not later
    assert "Revised again" in set(edited.frames.objectives["title"])

    # Files changed between start_loading and load_data: load_data forks its own, and the
    # child started for the files before is ended on the next run, not held for ever.
    _touch(plan, text.replace("title: Logistics support goal", "title: Revised once more", 1))
    app_data.start_loading()
    _touch(plan, text.replace("title: Logistics support goal", "title: Revised at last", 1))
    latest = app_data.load_data()
    assert later == ["forked"] and "Revised at last" in set(latest.frames.objectives["title"])
    assert ended == [started[1]]
    app_data.start_loading()  # the cache holds the latest: the unread child is ended
    assert len(started) == 4 and ended == [started[1], started[3]]
    assert app_data._Early.child is None


def test_the_whole_assembly_runs_with_the_cycle_collector_paused(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path
) -> None:
    """Not only the parse: the frames and the texts read every model too, and a full
    collection swept them all again. The collector is on again afterwards, and the answer is
    the same Data."""
    collector: list[bool] = []
    real_build_frames = app_data.build_frames

    def noted(*args: Any, **kwargs: Any) -> Any:
        collector.append(gc.isenabled())
        return real_build_frames(*args, **kwargs)

    monkeypatch.setattr(app_data, "build_frames", noted)
    assert gc.isenabled()
    found = app_data._assemble_compact(
        str(portfolio), app_data.file_versions(portfolio), date(2026, 11, 23), 180
    )
    assert collector == [False] and gc.isenabled()
    assert len(found.portfolio.objectives) == len(found.frames.objectives) > 0


def test_the_app_keeps_the_objectives_packed_not_as_models(portfolio: Path) -> None:
    """The server holds no pydantic model per objective (180 MB at 10,000): a page asks for
    one, and gets one equal to what the loader reads."""
    app_data.clear_cache()
    gc.collect()
    before = _live_objectives()
    data = app_data.load_data(portfolio, date(2026, 11, 23))
    assert data.search.titles.size == 12  # searching builds its index without models here too
    gc.collect()
    assert _live_objectives() == before
    assert isinstance(data.portfolio.objectives, StoredObjectives)
    loaded = load_portfolio(portfolio, date(2026, 11, 23))
    for objective in loaded.objectives:
        assert data.portfolio.objective(objective.id) == objective
    assert list(data.portfolio.objectives) == loaded.objectives


def test_the_app_keeps_the_problems_packed_with_their_counts(tmp_path: Path) -> None:
    """The server holds the problems packed (their sentences took 20 MB at 10,000
    objectives): the counts every page shows are kept beside them, and the Data problems page
    gets back the same problems, each said in the reader's language."""
    generate_portfolio(60, tmp_path, plans=2)
    app_data.clear_cache()
    data = app_data.load_data(tmp_path, date(2026, 11, 23))
    loaded = load_portfolio(tmp_path, date(2026, 11, 23))
    assert loaded.problems  # the generated plans have warnings to keep
    kept = data.portfolio.problems
    assert isinstance(kept, StoredProblems)
    assert len(kept) == len(loaded.problems) and bool(kept)
    assert kept.counts == problem_counts(loaded.problems) == problem_counts(list(kept))
    assert problem_total(kept) == problem_total(loaded.problems)
    assert list(kept) == loaded.problems and kept == loaded.problems
    assert kept[0] == loaded.problems[0] and kept[-2:] == loaded.problems[-2:]
    with using_language("sr-Cyrl"):
        said = [p.text for p in kept]
        expected = [p.text for p in loaded.problems]
    assert said == expected and said != [p.message for p in loaded.problems]  # in Serbian


def test_an_edit_on_disk_shows_on_the_next_interaction(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path
) -> None:
    app = open_app(monkeypatch, portfolio)
    assert metrics(app)["Objectives"] == "12"
    assert metrics(app)["On track"] == "4"
    plan2 = portfolio / "tp2.yaml"
    text = plan2.read_text(encoding="utf-8")
    marker = "    status: on-track\n    evidence:\n      - {title: Exercise held"
    assert marker in text
    edited = text.replace(marker, marker.replace("on-track", "at-risk"))
    edited = edited.replace(
        "{date: 2025-10-01, status: on-track", "{date: 2025-10-01, status: at-risk"
    )
    _touch(plan2, edited)
    app.run()
    assert metrics(app)["On track"] == "3"
    assert metrics(app)["At risk"] == "2"


def test_a_file_broken_while_the_app_runs_is_listed_and_the_rest_shown(
    monkeypatch: pytest.MonkeyPatch, portfolio: Path
) -> None:
    app = open_app(monkeypatch, portfolio)
    plan1 = portfolio / "tp1.yaml"
    _touch(
        plan1, plan1.read_text(encoding="utf-8").replace("status: cancelled\n", "status: gone\n")
    )
    app.run()
    assert not app.exception
    assert metrics(app)["Objectives"] == "11"
    assert app.sidebar.warning[0].value == "1 data error"


def test_the_app_and_the_meeting_pack_date_the_data_alike(portfolio: Path) -> None:
    # The newest fact is a piece of evidence, newer than every update and measurement.
    plan = portfolio / "tp1.yaml"
    text = plan.read_text(encoding="utf-8")
    seminar = "      - {title: Seminar for students, date: 2017-03-20, kind: seminar}\n"
    newer = "      - {title: Seminar for officers, date: 2026-09-14, kind: seminar}\n"
    assert seminar in text
    plan.write_text(text.replace(seminar, seminar + newer), encoding="utf-8")
    app_data.clear_cache()
    data = app_data.load_data(portfolio, today=date(2026, 11, 23))
    assert data.data_date == date(2026, 9, 14)
    for audience in ("public", "internal"):
        assert report_date(data.frames, None, audience) == data.data_date
        pack = gather(data.frames, data.portfolio, audience=audience)
        assert pack.data_date == data.data_date


def _live_objectives() -> int:
    return sum(1 for found in gc.get_objects() if isinstance(found, Objective))
