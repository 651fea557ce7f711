"""Half a character in a file or on the command line (a lone surrogate): refused where it is,
never a crash. A note typed as "Čačak" in a cp1250 terminal reached Python as "\\udc8aa\\udce8ak";
`update` saved it as the escape "\\uDC8A", rapidyaml read that back as a lone surrogate, and
every later `validate` and report ended in "This is a bug in the tracker"."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import SHIPPED, CliResult
from tracker.export import build_report
from tracker.load.fastparse import parse_fast
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

NOT_CHARACTERS = ("\\uDC8A", "\\uD83D\\uDE00", "\\U0000DC8A", "\\U00110000")
OBJECTIVE = "ipap2-ammo"
TYPED_IN_CP1250 = "Provereno u \udc8aapcu"  # what Python makes of cp1250 bytes for "Šapcu"


def _with_note(folder: Path, note: str) -> int:
    """The shipped data in `folder` with an update of OBJECTIVE noting `note` (as written in
    the file, escapes and all); gives the note's line."""
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns(".*"))
    path = folder / "ipap2.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index(f"  - id: {OBJECTIVE}\n")
    status = next(i for i in range(start, len(lines)) if lines[i].startswith("    status: "))
    lines[status + 1 : status + 1] = [
        "    updates:\n",
        f'      - {{date: 2026-12-07, status: not-assessed, note: "{note}", by: Ana}}\n',
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return status + 3


@pytest.mark.parametrize("escape", NOT_CHARACTERS)
def test_an_escape_that_is_no_character_is_refused_at_its_line(
    tmp_path: Path, escape: str, run_cli: Callable[..., CliResult]
) -> None:
    folder = tmp_path / "commitments"
    line = _with_note(folder, f"Provereno u {escape}apcu")
    text = (folder / "ipap2.yaml").read_text(encoding="utf-8")
    assert parse_fast(text) is None  # only the located parser may answer

    portfolio = load_portfolio(folder)
    [problem] = portfolio.problems
    assert (problem.path, problem.line) == (str(folder / "ipap2.yaml"), line)
    assert "is not a character" in problem.message and "write the character itself" in (
        problem.message
    )
    assert OBJECTIVE not in {o.id for o in portfolio.objectives}
    assert len(portfolio.objectives) == len(load_portfolio(SHIPPED).objectives) - 1
    for fmt in ("pptx", "xlsx", "html", "md"):  # the rest still reports
        assert build_report(build_frames(portfolio), portfolio, fmt)

    checked = run_cli("validate", "--data", str(folder))
    assert checked.code == 1
    assert f"ipap2.yaml:{line}:" in checked.out + checked.err
    assert "bug in the tracker" not in checked.out + checked.err
    serbian = run_cli("--lang", "sr-Cyrl", "validate", "--data", str(folder))
    assert "није знак" in serbian.out + serbian.err


def test_an_escaped_backslash_before_u_is_plain_text(tmp_path: Path) -> None:
    folder = tmp_path / "commitments"
    _with_note(folder, "path C:\\\\uD800\\\\notes")
    portfolio = load_portfolio(folder)
    assert not portfolio.problems
    [objective] = [o for o in portfolio.objectives if o.id == OBJECTIVE]
    assert objective.updates[-1].note == "path C:\\uD800\\notes"


@pytest.mark.parametrize("option", ["--note", "--by", "--source", "--evidence-title"])
def test_update_refuses_text_the_terminal_did_not_send_as_utf8(
    tmp_path: Path, option: str, run_cli: Callable[..., CliResult]
) -> None:
    folder = tmp_path / "commitments"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns(".*"))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    extra = ["--evidence-url", "https://example.org/a"] if option == "--evidence-title" else []
    arguments = ["update", OBJECTIVE, "--status", "on-track", "--no-git-commit", *extra]
    by = [] if option == "--by" else ["--by", "Ana"]
    result = run_cli(*arguments, *by, option, TYPED_IN_CP1250, "--data", str(folder))
    assert result.code == 2
    assert f"argument {option}: this text is not UTF-8 as the terminal sent it (byte 0x8A)" in (
        result.err
    )
    assert "set the terminal to UTF-8" in result.err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    serbian = run_cli(
        "--lang", "sr-Cyrl", *arguments, *by, option, TYPED_IN_CP1250, "--data", str(folder)
    )
    assert serbian.code == 2 and "UTF-8" in serbian.err and "терминал" in serbian.err
