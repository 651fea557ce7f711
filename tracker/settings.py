"""Where the data lives and the limits the loader applies, read from the environment."""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.i18n.sentence import Sentence

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "commitments"
DATA_ENV = "IPAP_DATA"
MAX_FILE_MB_ENV = "IPAP_MAX_FILE_MB"
# A plan of a few dozen commitments is 30 KB; a ministry's plan kept for a decade, 1,000
# objectives with ten updates each, is 2.2-2.3 MB. The fast path reads it, and a file whose
# values break the schema or a rule keeps it (problems are placed one by one). 10 MB, as issue
# 19 asks: what a file holds is bounded by the cap on entries below, not by its size (a valid
# 10 MB file of short objectives holds 32,000, whose models alone would take 300 MB), so every
# hostile file of that size is refused or read within 2 s and 200 MB (bench/hostile.py).
DEFAULT_MAX_FILE_MB = 10.0
MAX_ENTRIES_ENV = "IPAP_MAX_ENTRIES"
# What a file costs to load is its entries, not its bytes: a pydantic model for each objective and
# each update, evidence item and measurement under it. The decade plan above holds 13,600 (1,000
# objectives, 10,000 updates, 2,600 evidence items and measurements). The dearest file at the cap
# is objectives alone, each past its due date (a model and a warning each), padded to 10 MB:
# measured on 2 busy cores, 0.35 s of CPU for its bytes and 0.1 s per 1,000 objectives, so 16,000
# keep it under the 2 s and 200 MB a hostile file may cost (110 MB; 20,000 took 2.3 s), with room
# above the decade plan (bench/hostile.py, largest-at-cap; issue 19).
DEFAULT_MAX_ENTRIES = 16_000
MAX_LOCATED_MB_ENV = "IPAP_MAX_LOCATED_MB"
# A file the fast path cannot vouch for (a YAML syntax error, a tag, an anchor, a comment inside
# [...] or {...}) goes through the located parser, about 0.5-0.9 s and 30 MB per MB here: above
# this size such a file is refused with a message, so that the worst file stays under 2 s and
# 200 MB on a busy machine (bench/hostile.py; at 2 MB it took 1.4-2.4 s as the load changed).
DEFAULT_MAX_LOCATED_MB = 2.0
STALE_DAYS_ENV = "IPAP_STALE_DAYS"
DEFAULT_STALE_DAYS = 90
CACHE_DIR_ENV = "IPAP_CACHE_DIR"
CACHE_ENV = "IPAP_CACHE"
DEFAULT_CACHE_DIR = PROJECT_ROOT / ".cache"
# A file with thousands of mistakes is better served by the first few hundred and a count:
# nobody reads the rest, and printing them all would flood the page and the terminal.
MAX_PROBLEMS_PER_FILE = 200


def data_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data file or folder: an explicit choice wins, then IPAP_DATA, then commitments/.

    `commitments/` is looked for in the working folder first, so the same command works in a
    separate data repository (the pre-commit hook runs there), then beside this package.
    """
    if explicit:
        return Path(explicit)
    from_env = os.environ.get(DATA_ENV, "").strip()
    if from_env:
        return Path(from_env)
    local = Path.cwd() / "commitments"
    if local.is_dir():
        return local
    return DEFAULT_DATA_DIR


def max_file_bytes() -> int:
    """Files above this size are refused before they are read, so a stray dump cannot stall."""
    return int(_read(MAX_FILE_MB_ENV) * 1024 * 1024)


def max_located_bytes() -> int:
    """Files above this size are read only by the fast path (IPAP_MAX_LOCATED_MB)."""
    return int(_read(MAX_LOCATED_MB_ENV) * 1024 * 1024)


def max_entries() -> int:
    """The most objectives, updates, evidence items and measurements one file may hold
    (IPAP_MAX_ENTRIES): past it the file is refused before any model is built."""
    return int(_read(MAX_ENTRIES_ENV))


def stale_days() -> int:
    """Days without an update after which an open objective counts as stale."""
    return int(_read(STALE_DAYS_ENV))


def _whole(raw: str) -> int | None:
    """A whole number above 0 in ASCII digits ('²'.isdigit() is true, and int() refuses it)."""
    return int(raw) if raw.isascii() and raw.isdigit() and int(raw) > 0 else None


def _megabytes(raw: str) -> float | None:
    """A size in megabytes above 0 ("0.5", "10"); not "inf", "nan" or a negative one."""
    try:
        megabytes = float(raw) if raw.isascii() else math.nan
    except ValueError:
        return None
    return megabytes if math.isfinite(megabytes) and megabytes > 0 else None


@dataclass(frozen=True)
class Setting:
    """One environment setting: its name, its default and how a good value is read (None: a
    bad one, which leaves the default and is told as a problem, see `problems()`)."""

    name: str
    default: float
    read: Callable[[str], float | None]


# Every number the environment sets, in one place: what each getter above reads, and what
# `problems()` checks, so a bad value is never silently replaced by the default.
SETTINGS: dict[str, Setting] = {
    setting.name: setting
    for setting in (
        Setting(MAX_FILE_MB_ENV, DEFAULT_MAX_FILE_MB, _megabytes),
        Setting(MAX_ENTRIES_ENV, DEFAULT_MAX_ENTRIES, _whole),
        Setting(MAX_LOCATED_MB_ENV, DEFAULT_MAX_LOCATED_MB, _megabytes),
        Setting(STALE_DAYS_ENV, DEFAULT_STALE_DAYS, _whole),
    )
}


def _raw(name: str) -> str:
    return os.environ.get(name, "").strip()


def _read(name: str) -> float:
    """The setting's value from the environment; unset or bad: its default."""
    setting = SETTINGS[name]
    raw = _raw(name)
    value = setting.read(raw) if raw else None
    return setting.default if value is None else value


def _shown(raw: str) -> str:
    """A value as a message quotes it: a long or unprintable one shortened and escaped."""
    if raw.isprintable() and len(raw) <= 40:
        return raw
    return repr(raw[:40]) + ("…" if len(raw) > 40 else "")


def problems() -> list[Sentence]:
    """What is wrong with the environment's settings, one sentence for each bad value, said in
    the reader's language when shown (`spoken()`); the bad value is not used: the default is.
    The CLI prints them on stderr and the app shows them in the sidebar."""
    from tracker.i18n import LANGUAGE_ENV, language_of
    from tracker.i18n.sentence import Amount, said

    found: list[Sentence] = []
    for setting in SETTINGS.values():
        raw = _raw(setting.name)
        if not raw or setting.read(raw) is not None:
            continue
        if setting.read is _whole:
            found.append(
                said(
                    "{name}={value} is not a whole number above 0; using the default "
                    "{default}. Set it to a whole number, or unset it.",
                    name=setting.name,
                    value=_shown(raw),
                    default=int(setting.default),
                )
            )
        else:
            found.append(
                said(
                    "{name}={value} is not a number of megabytes above 0; using the default "
                    "{default} MB. Set it to a number such as {default}, or unset it.",
                    name=setting.name,
                    value=_shown(raw),
                    default=Amount(setting.default),
                )
            )
    raw = _raw(LANGUAGE_ENV)
    if raw and language_of(raw) is None:
        found.append(
            said(
                "{name}={value} is not a language of the tracker; using English. "
                "Set it to en, sr-Cyrl or sr-Latn, or unset it.",
                name=LANGUAGE_ENV,
                value=_shown(raw),
            )
        )
    return found


def _cache_folder() -> Path:
    """IPAP_CACHE_DIR, else .cache/: the one reading of where the cache folder is."""
    from_env = os.environ.get(CACHE_DIR_ENV, "").strip()
    return Path(from_env) if from_env else DEFAULT_CACHE_DIR


def cache_dir() -> Path | None:
    """The throwaway cache folder (IPAP_CACHE_DIR, else .cache/), or None if IPAP_CACHE=off."""
    if os.environ.get(CACHE_ENV, "").strip().lower() in ("off", "0", "no", "false"):
        return None
    return _cache_folder()


def output_locks_dir() -> Path:
    """Where the locks of written reports live: `output-locks/` in the cache folder, so no lock
    file is ever left beside a report in the reader's folder. Used even with IPAP_CACHE=off, since
    a lock is not a cache: every writer of the same report must find the same lock."""
    return _cache_folder() / "output-locks"


CHROMIUM_ENV = "IPAP_CHROMIUM"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# How every headless Chromium here is started (the PDF report, the browser tests, the bench
# scripts): no sandbox (containers run it as root), no GPU, and nothing fetched in the
# background (updates, safe-browsing lists), so a run on an isolated network behaves the same.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
)


def chromium() -> str | None:
    """The browser the PDF report is printed with, when IPAP_CHROMIUM names one; otherwise
    the export looks for Debian's /usr/bin/chromium, then `chromium` on the PATH."""
    return os.environ.get(CHROMIUM_ENV, "").strip() or None
