"""The data repository cannot make a sync run a program: no hook, no filter, no merge driver,
no password prompt (SECURITY.md, promise 9)."""

from __future__ import annotations

from pathlib import Path

from tests.sync.clones import Office, git
from tracker.gitrun import password_in_address, safe_environment, without_password
from tracker.sync import sync


def _tripwire(folder: Path, name: str) -> tuple[str, Path]:
    """A shell command that leaves a file behind if anything runs it."""
    mark = folder.parent / f"ran-{name}"
    return f"sh -c 'touch {mark}; cat'", mark


def _hook(folder: Path, name: str) -> Path:
    """The clone's own hook `name`, a tripwire: the mark it leaves when git runs it."""
    command, mark = _tripwire(folder, name)
    path = folder / ".git" / "hooks" / name
    path.write_text(f"#!/bin/sh\n{command} </dev/null\n", encoding="utf-8")
    path.chmod(0o755)
    return mark


def test_no_hook_of_the_clone_runs_during_a_sync(offices: tuple[Path, Office, Office]) -> None:
    _, defence, foreign = offices
    foreign.save("alpha-ex", "at-risk", "Exercise postponed")
    assert sync(foreign.folder).ok
    marks = []
    for hook in ("pre-push", "post-checkout", "post-merge", "reference-transaction",
                 "post-rewrite", "pre-auto-gc", "post-index-change"):  # fmt: skip
        marks.append(_hook(defence.folder, hook))
    defence.save("alpha-quiet", "on-track", "Talks started")
    # The save's own commit runs none either (tracker.gitrun guards both).
    assert [mark.name for mark in marks if mark.exists()] == []
    assert sync(defence.folder).ok
    assert [mark.name for mark in marks if mark.exists()] == []


def test_filters_and_merge_drivers_named_by_the_data_do_not_run(
    offices: tuple[Path, Office, Office],
) -> None:
    _, defence, foreign = offices
    # Someone commits a .gitattributes naming a filter and a merge driver for plan files ...
    (foreign.folder / ".gitattributes").write_text(
        "*.yaml filter=tidy merge=yamlmerge\n", encoding="utf-8"
    )
    git(foreign.folder, "add", ".gitattributes")
    git(foreign.folder, "commit", "-q", "-m", "Attributes")
    foreign.save("alpha-ex", "at-risk", "Exercise postponed")
    assert sync(foreign.folder).ok
    # ... and this machine's git happens to define programs of those names.
    smudge, smudged = _tripwire(defence.folder, "smudge")
    clean, cleaned = _tripwire(defence.folder, "clean")
    driver, merged = _tripwire(defence.folder, "driver")
    git(defence.folder, "config", "filter.tidy.smudge", smudge)
    git(defence.folder, "config", "filter.tidy.clean", clean)
    git(defence.folder, "config", "filter.tidy.required", "true")
    git(defence.folder, "config", "merge.yamlmerge.driver", driver)
    defence.save("alpha-quiet", "on-track", "Talks started")
    assert not cleaned.exists()  # the save's own `git add` runs no filter either
    outcome = sync(defence.folder)
    assert outcome.ok, outcome
    assert not smudged.exists() and not cleaned.exists() and not merged.exists()
    assert "Exercise postponed" in (defence.folder / "alpha.yaml").read_text(encoding="utf-8")


def test_a_save_with_git_commit_and_a_sync_run_no_hook_or_filter_of_the_clone(
    offices: tuple[Path, Office, Office],
) -> None:
    _, defence, foreign = offices
    # Something for the sync to bring in and check out, so a smudge filter would have a file.
    foreign.save("alpha-quiet", "on-track", "Talks started")
    assert sync(foreign.folder).ok
    # The clone's own hooks and filters: each leaves a mark if git ever runs it.
    marks = []
    for hook in ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit"):
        marks.append(_hook(defence.folder, hook))
    (defence.folder / ".git" / "info" / "attributes").write_text(
        "*.yaml filter=tidy\n", encoding="utf-8"
    )
    for part in ("clean", "smudge"):
        command, mark = _tripwire(defence.folder, part)
        git(defence.folder, "config", f"filter.tidy.{part}", command)
        marks.append(mark)
    git(defence.folder, "config", "filter.tidy.required", "true")
    commit = defence.save("alpha-ex", "at-risk", "Exercise postponed")
    assert [mark.name for mark in marks if mark.exists()] == []
    # The commit holds the file as saved (no clean filter came between).
    saved = (defence.folder / "alpha.yaml").read_text(encoding="utf-8")
    assert git(defence.folder, "show", f"{commit}:alpha.yaml") + "\n" == saved
    outcome = sync(defence.folder)
    assert outcome.ok, outcome
    assert [mark.name for mark in marks if mark.exists()] == []
    text = (defence.folder / "alpha.yaml").read_text(encoding="utf-8")
    assert "Talks started" in text and "Exercise postponed" in text


def test_git_is_never_allowed_to_ask_for_a_password() -> None:
    env = safe_environment()
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_ASKPASS"] == "" and env["SSH_ASKPASS"] == ""
    assert "BatchMode=yes" in env["GIT_SSH_COMMAND"]


def test_an_unreachable_https_remote_fails_at_once_without_a_prompt(
    offices: tuple[Path, Office, Office],
) -> None:
    _, defence, _ = offices
    # Nothing listens on this port: git fails instead of asking who we are.
    git(defence.folder, "remote", "set-url", "origin", "https://127.0.0.1:9/data.git")
    defence.save("alpha-ex", "at-risk", "Exercise postponed")
    outcome = sync(defence.folder)
    assert outcome.state == "unreachable" and outcome.waiting == 1


def test_a_password_in_an_address_is_recognised_and_hidden() -> None:
    assert password_in_address("https://ana:s3cret@git.example.org/data.git")
    assert not password_in_address("https://ana@git.example.org/data.git")
    assert not password_in_address("git@git.example.org:mod/data.git")
    assert not password_in_address("/srv/git/data.git")
    shown = without_password("https://ana:s3cret@git.example.org/data.git")
    assert shown == "https://ana:***@git.example.org/data.git"
