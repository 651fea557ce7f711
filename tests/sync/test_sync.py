"""Two offices, two clones, one shared bare repository on disk: what `sync` brings together,
what it stops, and that nothing anyone saved is ever lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.sync.clones import Office, git
from tracker.cli import main
from tracker.load.loader import load_portfolio
from tracker.sync import Resolve, State, sync
from tracker.sync.messages import describe


def _status(folder: Path, objective_id: str) -> str:
    objective = load_portfolio(folder).objective(objective_id)
    assert objective is not None
    return objective.status


def _notes(office: Office, objective_id: str) -> list[str]:
    objective = load_portfolio(office.folder).objective(objective_id)
    assert objective is not None
    return [update.note or "" for update in objective.updates]


def test_two_objectives_of_one_file_changed_in_two_clones_end_up_everywhere(
    offices: tuple[Path, Office, Office], capsys: pytest.CaptureFixture[str]
) -> None:
    shared, defence, foreign = offices
    defence.save("alpha-ex", "at-risk", "Exercise postponed to spring")
    foreign.save("alpha-quiet", "on-track", "Talks started")
    assert main(["sync", "--data", str(defence.folder)]) == 0
    assert main(["sync", "--data", str(foreign.folder)]) == 0
    out = capsys.readouterr().out
    # What came in to the second office: the first office's objective, by its editor.
    assert "In: alpha-ex, by Ana Petrovic" in out
    assert "Out: alpha-quiet, by Marko Markovic" in out
    assert main(["sync", "--data", str(defence.folder)]) == 0
    for office in (defence, foreign):
        assert _status(office.folder, "alpha-ex") == "at-risk"
        assert _status(office.folder, "alpha-quiet") == "on-track"
    history = git(shared, "log", "--format=%an|%s", "main").splitlines()
    assert history[:2] == [
        "Marko Markovic|alpha-quiet: status not-started -> on-track",
        "Ana Petrovic|alpha-ex: status on-track -> at-risk",
    ]
    # A rebase, never a merge commit nobody asked for.
    assert git(shared, "rev-list", "--merges", "main") == ""
    assert git(defence.folder, "rev-parse", "HEAD") == git(foreign.folder, "rev-parse", "HEAD")


def test_the_same_objective_changed_in_both_is_a_conflict_naming_it_with_both_kept(
    offices: tuple[Path, Office, Office], capsys: pytest.CaptureFixture[str]
) -> None:
    shared, defence, foreign = offices
    defence.save("alpha-ammo", "on-track", "First 300 t destroyed")
    mine = foreign.save("alpha-ammo", "at-risk", "Funding delayed")
    assert sync(defence.folder).ok
    capsys.readouterr()
    assert main(["sync", "--data", str(foreign.folder)]) == 1
    err = capsys.readouterr().err
    assert "Conflict: alpha-ammo in alpha.yaml was changed both here and in the shared" in err
    assert "Changed here by Marko Markovic" in err
    assert "Changed in the shared repository by Ana Petrovic" in err
    assert "take theirs: `python -m tracker sync --take-theirs`" in err
    assert "keep mine: `python -m tracker sync --keep-mine`" in err
    # Both changes kept: theirs in the shared repository, mine in the clone and on a branch
    # named for the objective; nothing was pushed.
    assert "First 300 t destroyed" in git(shared, "show", "main:alpha.yaml")
    assert "Funding delayed" not in git(shared, "show", "main:alpha.yaml")
    assert git(foreign.folder, "rev-parse", "conflict/alpha-ammo") == mine
    assert git(foreign.folder, "rev-parse", "HEAD") == mine
    assert _notes(foreign, "alpha-ammo")[-1] == "Funding delayed"
    # And the conflict is said again at the next sync, until someone settles it.
    again = sync(foreign.folder)
    assert again.state == State.CONFLICT
    assert [c.objective for c in again.conflicts] == ["alpha-ammo"]


def test_take_theirs_keeps_the_shared_version_and_sends_the_rest(
    offices: tuple[Path, Office, Office],
) -> None:
    shared, defence, foreign = offices
    defence.save("alpha-ammo", "on-track", "First 300 t destroyed")
    mine = foreign.save("alpha-ammo", "at-risk", "Funding delayed")
    foreign.save("alpha-quiet", "on-track", "Talks started")
    assert sync(defence.folder).ok
    assert sync(foreign.folder).state == State.CONFLICT
    settled = sync(foreign.folder, resolve=Resolve.THEIRS)
    assert settled.ok, describe(settled)
    assert _notes(foreign, "alpha-ammo")[-1] == "First 300 t destroyed"
    assert _status(foreign.folder, "alpha-quiet") == "on-track"  # the other save went out
    assert "Talks started" in git(shared, "show", "main:alpha.yaml")
    # Mine stays on the branch named for the objective.
    assert git(foreign.folder, "merge-base", "--is-ancestor", mine, "conflict/alpha-ammo") == ""
    assert "Funding delayed" in git(foreign.folder, "show", "conflict/alpha-ammo:alpha.yaml")


def test_keep_mine_puts_my_change_on_top_and_keeps_theirs_in_the_history(
    offices: tuple[Path, Office, Office],
) -> None:
    shared, defence, foreign = offices
    theirs = defence.save("alpha-ammo", "on-track", "First 300 t destroyed")
    foreign.save("alpha-ammo", "at-risk", "Funding delayed")
    assert sync(defence.folder).ok
    settled = sync(foreign.folder, resolve=Resolve.MINE)
    assert settled.ok, describe(settled)
    assert _status(foreign.folder, "alpha-ammo") == "at-risk"
    assert "Funding delayed" in git(shared, "show", "main:alpha.yaml")
    assert git(shared, "merge-base", "--is-ancestor", theirs, "main") == ""
    assert sync(defence.folder).ok
    assert _status(defence.folder, "alpha-ammo") == "at-risk"


PLAN = """plan:
  id: {plan}
  title: A plan one office adds
  start: 2021-01-01
  end: 2030-12-31
  areas:
    - {{id: outreach, title: Outreach}}
objectives:
  - id: {objective}
    title: Hold a round table
    type: activity
    area: outreach
    owner: Ministry of Defence
    start: 2021-01-01
    due: 2030-12-31
    status: not-started
"""


def _add_plan(office: Office, plan: str, objective_id: str) -> None:
    """A new plan file, valid with the rest, committed by hand as a desk officer would."""
    path = office.folder / f"{plan}.yaml"
    path.write_text(PLAN.format(plan=plan, objective=objective_id), encoding="utf-8")
    assert not load_portfolio(office.folder).problems
    git(office.folder, "add", path.name)
    git(office.folder, "commit", "-q", "-m", f"Add {plan}")


def test_a_merged_result_that_would_be_invalid_pushes_nothing(
    offices: tuple[Path, Office, Office], capsys: pytest.CaptureFixture[str]
) -> None:
    shared, defence, foreign = offices
    # Each office adds a plan with an objective id the other also chose: each file is valid
    # alone, together the id is a duplicate.
    _add_plan(defence, "gamma", "shared-id")
    _add_plan(foreign, "delta", "shared-id")
    assert sync(defence.folder).ok
    before = git(shared, "rev-parse", "main")
    local = git(foreign.folder, "rev-parse", "HEAD")
    assert main(["sync", "--data", str(foreign.folder)]) == 1
    err = capsys.readouterr().err
    assert "would have problems" in err
    assert "shared-id" in err
    assert git(shared, "rev-parse", "main") == before
    assert git(shared, "branch", "--list") == "* main"
    assert git(foreign.folder, "rev-parse", "HEAD") == local
    assert not load_portfolio(foreign.folder).problems


def test_saves_made_while_the_remote_is_unreachable_reach_it_at_the_next_sync(
    offices: tuple[Path, Office, Office], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared, defence, foreign = offices
    away = tmp_path / "moved-away.git"
    shutil.move(shared, away)
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    defence.save("alpha-quiet", "on-track", "Talks started")
    assert main(["sync", "--data", str(defence.folder)]) == 1
    assert "cannot be reached" in capsys.readouterr().err
    outcome = sync(defence.folder)
    assert outcome.state == State.UNREACHABLE and outcome.waiting == 2
    shutil.move(away, shared)
    assert sync(defence.folder).ok
    assert sync(foreign.folder).ok
    assert _status(foreign.folder, "alpha-ex") == "at-risk"
    assert _status(foreign.folder, "alpha-quiet") == "on-track"
    subjects = git(shared, "log", "--format=%s", "main").splitlines()
    assert len([s for s in subjects if s.startswith("alpha-ex:")]) == 1  # exactly once


def test_review_mode_pushes_to_the_editors_branch_and_leaves_main_alone(
    offices: tuple[Path, Office, Office], capsys: pytest.CaptureFixture[str]
) -> None:
    shared, defence, _ = offices
    main_before = git(shared, "rev-parse", "main")
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    code = main(
        ["sync", "--data", str(defence.folder), "--push-to", "updates/{editor}",
         "--by", "Ana Petrović"]
    )  # fmt: skip
    assert code == 0
    assert "await review" in capsys.readouterr().out
    assert git(shared, "rev-parse", "main") == main_before
    assert "Exercise postponed" in git(shared, "show", "updates/ana-petrovic:alpha.yaml")
    # A second save goes to the same branch, replayed on main, with no merge commit.
    defence.save("alpha-quiet", "on-track", "Talks started")
    assert sync(defence.folder, push_to="updates/{editor}", editor="Ana Petrović").ok
    assert git(shared, "rev-list", "--count", "main..updates/ana-petrovic") == "2"
    assert git(shared, "rev-parse", "main") == main_before


def test_a_folder_that_is_not_a_clone_or_has_no_upstream_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert main(["sync", "--data", str(plain)]) == 2
    assert "is not inside a git clone" in capsys.readouterr().err
    git(plain, "init", "-q", "-b", "main")
    assert main(["sync", "--data", str(plain)]) == 2
    assert "has no shared branch" in capsys.readouterr().err


def test_an_address_with_a_password_is_refused_and_never_printed(
    offices: tuple[Path, Office, Office], capsys: pytest.CaptureFixture[str]
) -> None:
    _, defence, _ = offices
    git(defence.folder, "remote", "set-url", "origin", "https://ana:s3cret@git.example.org/d.git")
    assert main(["sync", "--data", str(defence.folder)]) == 2
    err = capsys.readouterr().err
    assert "holds a password" in err
    assert "s3cret" not in err
    assert "https://ana:***@git.example.org/d.git" in err


def test_uncommitted_edits_stop_the_sync_and_stay(
    offices: tuple[Path, Office, Office],
) -> None:
    _, defence, foreign = offices
    foreign.save("alpha-ex", "at-risk", "Exercise postponed")
    assert sync(foreign.folder).ok
    edited = (defence.folder / "beta.yaml").read_text(encoding="utf-8") + "# a note\n"
    (defence.folder / "beta.yaml").write_text(edited, encoding="utf-8")
    outcome = sync(defence.folder)
    assert outcome.state == State.REFUSED and "beta.yaml" in outcome.detail
    assert (defence.folder / "beta.yaml").read_text(encoding="utf-8") == edited
