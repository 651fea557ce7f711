"""A shared bare repository on disk and clones of it, as two offices would have them."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.support import DATA
from tracker.edit import auth, store

STORE_DATA = DATA / "store"
TODAY = datetime.date(2026, 11, 23)


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@dataclass
class Office:
    """One clone with its own git identity (the app server of one ministry)."""

    name: str
    folder: Path

    def save(self, objective_id: str, status: str, note: str, progress: float | None = None) -> str:
        """A save as the app makes it in sync mode: validated, written, committed by the editor."""
        change = store.StatusChange(
            objective_id=objective_id, status=status, date=TODAY, progress=progress, note=note
        )
        editor = auth.command_line_editor(self.name, f"{self.name.split()[0].lower()}@gov.rs")
        saved = store.save(self.folder, change, editor, git_commit=True)
        assert saved.commit is not None and saved.commit.committed, saved.commit
        return saved.commit.commit

    def log(self, *args: str) -> str:
        return git(self.folder, "log", "--format=%an %s", *args)


def make_shared(tmp_path: Path, data: Path = STORE_DATA) -> Path:
    """A bare repository holding the plan files, as the ministries' shared server would."""
    seed = tmp_path / "seed"
    shutil.copytree(data, seed)
    git(seed, "init", "-q", "-b", "main")
    git(seed, "config", "user.name", "Seeder")
    git(seed, "config", "user.email", "seed@gov.rs")
    git(seed, "add", ".")
    git(seed, "commit", "-q", "-m", "The plans as agreed")
    shared = tmp_path / "shared.git"
    git(tmp_path, "clone", "-q", "--bare", str(seed), str(shared))
    shutil.rmtree(seed)
    return shared


def clone(shared: Path, folder: Path, name: str) -> Office:
    git(shared.parent, "clone", "-q", str(shared), str(folder))
    git(folder, "config", "user.name", f"{name} server")
    git(folder, "config", "user.email", "server@gov.rs")
    return Office(name, folder)


def two_offices(tmp_path: Path) -> tuple[Path, Office, Office]:
    """The shared repository and two offices' clones of it: Defence's, then Foreign Affairs'."""
    shared = make_shared(tmp_path)
    return (
        shared,
        clone(shared, tmp_path / "defence", "Ana Petrovic"),
        clone(shared, tmp_path / "foreign", "Marko Markovic"),
    )
