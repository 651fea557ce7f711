"""`assemble(..., only=...)`: a file judged with the others seen only for identity has every
problem it has when the whole portfolio is judged, at the same place, in the same order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.load.test_verdict import _plans
from tests.support import BAD, BROKEN, DATA
from tracker.load.loader import assemble, display_path, find_files, load_file

TODAY = date(2021, 6, 1)


def _portfolios(tmp_path: Path) -> list[Path]:
    return [BAD, BROKEN, DATA / "meeting", DATA / "store", _plans(tmp_path / "rules")]


def test_each_file_judged_alone_has_the_problems_it_has_in_the_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPAP_CACHE", "off")
    checked = 0
    for folder in _portfolios(tmp_path):
        files = find_files(folder)
        for today in (TODAY, date(2031, 1, 1)):
            whole = assemble([load_file(path) for path in files], today).problems
            for path in files:
                shown = display_path(path)
                alone = assemble([load_file(path) for path in files], today, only={shown})
                expected = [str(p) for p in whole if p.path == shown]
                assert [str(p) for p in alone.problems if p.path == shown] == expected, shown
                assert [p.severity for p in alone.problems if p.path == shown] == [
                    p.severity for p in whole if p.path == shown
                ]
                checked += len(expected)
    assert checked > 300
