"""Running git safely, for every git the tracker runs (a save's commit, a sync): no prompt,
no password, no hook, no filter from the clone.

Every command gets the same guard rails, so no caller can forget one:
- `GIT_TERMINAL_PROMPT=0`, no askpass program, and ssh in batch mode (unless this machine
  configured its own ssh command): git and ssh never ask for a password; the machine's SSH
  key or credential helper answers, or the command fails and the sync says the repository
  cannot be reached;
- `core.hooksPath=/dev/null`: no hook of the clone runs (git runs none of the remote's anyway);
- every filter, merge driver and fsmonitor this clone's configuration defines is switched
  off for the command, so a `.gitattributes` that arrived with someone's commit cannot make
  this machine run a program; merges are git's own text merge (`git merge-file`);
- `protocol.ext.allow=never`: a remote address cannot be a command line.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

GIT_TIMEOUT_SECONDS = 120
FALLBACK_COMMITTER = "IPAP Tracker"
# Keys that make git run a program named in configuration while it works on files.
_PROGRAM_KEYS = re.compile(r"^(filter|merge)\.(.+)\.(clean|smudge|process|driver|required)$")
_BATCH_SSH = "ssh -o BatchMode=yes"
_SAFE_CONFIG = (
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.askPass=",
    "protocol.ext.allow=never",
    "credential.interactive=never",
)


class GitFailed(Exception):
    """A git command failed (or could not run); `detail` is git's last line, for the reader."""

    def __init__(self, args: list[str], detail: str, returncode: int = -1) -> None:
        super().__init__(f"git {' '.join(args[:2])}: {detail}")
        self.args_run = args
        self.detail = detail
        self.returncode = returncode


@dataclass(frozen=True)
class Done:
    returncode: int
    out: str
    err: str
    raw: bytes = b""  # stdout as git wrote it, for file contents

    @property
    def last_line(self) -> str:
        lines = (self.err or self.out).strip().splitlines()
        return lines[-1] if lines else f"exit status {self.returncode}"


def safe_environment() -> dict[str, str]:
    """The process environment with every way of asking for a password turned off."""
    env = dict(os.environ)
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_ASKPASS"] = ""
    env["SSH_ASKPASS"] = ""
    env["SSH_ASKPASS_REQUIRE"] = "never"
    env["GCM_INTERACTIVE"] = "never"
    env["GIT_MERGE_AUTOEDIT"] = "no"
    env["GIT_EDITOR"] = "true"
    if not any(env.get(name) for name in ("GIT_SSH_COMMAND", "GIT_SSH")):
        # ssh asks on the terminal itself, past GIT_TERMINAL_PROMPT; batch mode forbids it.
        env["GIT_SSH_COMMAND"] = _BATCH_SSH
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return env


def password_in_address(url: str) -> bool:
    """True for an address that carries a password (https://user:secret@host/...)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return bool(parts.scheme) and "@" in parts.netloc and ":" in parts.netloc.rsplit("@", 1)[0]


def without_password(url: str) -> str:
    """The address with any password replaced by ***, for a message (never print a secret)."""
    if not password_in_address(url):
        return url
    parts = urlsplit(url)
    user = parts.netloc.rsplit("@", 1)[0].split(":", 1)[0]
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def configured(folder: Path, key: str) -> str:
    """A git configuration value as seen from `folder`, in a clone or not ('' when unset)."""
    try:
        done = _run(["config", "--get", key], folder, safe_environment(), ())
    except GitFailed:
        return ""
    return done.out.strip() if done.returncode == 0 else ""


class Repository:
    """One clone's git, run with the guard rails above."""

    def __init__(self, root: Path, timeout: float = GIT_TIMEOUT_SECONDS) -> None:
        self.root = root
        self.timeout = timeout
        self._env = safe_environment()
        self._neutral = self._neutralised_programs()
        if self.config("core.sshCommand") and self._env.get("GIT_SSH_COMMAND") == _BATCH_SSH:
            del self._env["GIT_SSH_COMMAND"]  # this machine's own choice stands
        name, email = self.config("user.name"), self.config("user.email")
        if not name:
            self._env["GIT_COMMITTER_NAME"] = FALLBACK_COMMITTER
        if not email:
            self._env["GIT_COMMITTER_EMAIL"] = ""

    @classmethod
    def find(cls, path: Path, timeout: float = GIT_TIMEOUT_SECONDS) -> Repository | None:
        """The clone holding `path`, or None when it is not inside a git work tree."""
        folder = path if path.is_dir() else path.parent
        try:
            done = _run(["rev-parse", "--show-toplevel"], folder, safe_environment(), (), timeout)
        except GitFailed:
            return None
        if done.returncode != 0 or not done.out.strip():
            return None
        return cls(Path(done.out.strip()), timeout)

    def _neutralised_programs(self) -> tuple[str, ...]:
        done = _run(
            ["config", "--get-regexp", r"^(filter|merge)\."], self.root, self._env, (), self.timeout
        )
        overrides: list[str] = []
        for line in done.out.splitlines():
            key = line.split(" ", 1)[0]
            match = _PROGRAM_KEYS.match(key)
            if not match:
                continue
            kind, name, _ = match.groups()
            if kind == "filter":
                overrides += [f"filter.{name}.{part}=" for part in ("clean", "smudge", "process")]
                overrides.append(f"filter.{name}.required=false")
            else:
                overrides.append(f"merge.{name}.driver=git merge-file --quiet %A %O %B")
        return tuple(dict.fromkeys(overrides))

    def run(self, *args: str, check: bool = True, env: dict[str, str] | None = None) -> Done:
        environment = {**self._env, **(env or {})}
        guards = (*_SAFE_CONFIG, *self._neutral)
        done = _run(list(args), self.root, environment, guards, self.timeout)
        if check and done.returncode != 0:
            raise GitFailed(list(args), done.last_line, done.returncode)
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).out.strip()

    def config(self, key: str) -> str:
        done = _run(["config", "--get", key], self.root, self._env, (), self.timeout)
        return done.out.strip() if done.returncode == 0 else ""

    def git_dir(self) -> Path:
        return Path(self.out("rev-parse", "--absolute-git-dir"))

    def blob(self, revision: str, path: str) -> bytes:
        """A file's bytes at a revision, exactly as stored (no filter)."""
        return self.run("cat-file", "blob", f"{revision}:{path}").raw

    def show(self, revision: str, path: str) -> str | None:
        """A file's text at a revision, or None when it is not there."""
        done = self.run("show", f"{revision}:{path}", check=False)
        return done.out if done.returncode == 0 else None


def _run(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    config: tuple[str, ...],
    timeout: float = GIT_TIMEOUT_SECONDS,
) -> Done:
    command = ["git"]
    for item in config:
        command += ["-c", item]
    command += args
    try:
        result = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise GitFailed(args, f"no answer within {timeout:g} seconds") from None
    except OSError as error:
        raise GitFailed(args, f"git could not run: {error.strerror or error}") from None
    return Done(
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
        result.stdout,
    )
