"""bench/file_limit.py: the note says which hostile files break the bound, from the figures."""

from __future__ import annotations

import pytest

from tests.support import bench_script

file_limit = bench_script("file_limit")


def test_the_note_names_the_cases_that_break_the_bound_and_where_memory_goes() -> None:
    found = {
        "limit_mb": 10.0,
        "cases": [
            {"name": "largest-valid", "size": 10 * 2**20, "seconds": 1.5, "extra_mb": 272.0},
            {"name": "largest-invalid", "size": 10 * 2**20, "seconds": 0.9, "extra_mb": 60.0},
            {"name": "largest-valid-slow", "size": 0, "crashed": "MemoryError"},
        ],
        "stages": {
            "objectives": 20_000,
            "values_mb": 80.0,
            "models_mb": 250.0,
            "peak_mb": 272.0,
            "seconds": 1.4,
            "problems": 0,
        },
    }
    note = file_limit.note(found)
    assert note is not None
    title, text = note
    assert title == "The hostile files at the default file limit of 10 MB"
    assert "at it largest-valid, largest-valid-slow broke the bound of 2 s and 200 MB" in text
    assert "| largest-valid | 10.0 MB | 1.50 s | 272 MB | **broken** |" in text
    assert "| largest-invalid | 10.0 MB | 0.90 s | 60 MB | kept |" in text
    assert "crashed: MemoryError" in text
    assert "20,000 objectives" in text and "Most of it is the models" in text


def test_a_failed_measurement_is_said_and_nothing_measured_is_no_note() -> None:
    assert file_limit.note({}) is None
    note = file_limit.note({"error": "timed out"})
    assert note is not None and "timed out" in note[1]


def test_a_default_that_keeps_the_bound_says_so_with_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    found = {
        "limit_mb": 10.0,
        "most_entries": 20_000,
        "cases": [
            {"name": "largest-valid", "size": 10 * 2**20, "seconds": 0.4, "extra_mb": 80.0},
            {"name": "largest-at-cap", "size": 10 * 2**20, "seconds": 1.2, "extra_mb": 110.0},
        ],
        "stages": {
            "objectives": 20_000,
            "values_mb": 90.0,
            "models_mb": 70.0,
            "peak_mb": 110.0,
            "seconds": 1.1,
            "problems": 0,
        },
    }
    title, text = file_limit.note(found) or ("", "")
    assert title == "The hostile files at the default file limit of 10 MB"
    assert "every one of the largest hostile files kept the bound of 2 s and 200 MB" in text
    assert "at most 20,000 entries" in text and "IPAP_MAX_ENTRIES" in text
    assert "| largest-at-cap | 10.0 MB | 1.20 s | 110 MB | kept |" in text
    assert "drops rapidyaml's tree before it builds the models" in text
    monkeypatch.setattr(file_limit.settings, "DEFAULT_MAX_FILE_MB", 3.0)
    title, text = file_limit.note(found) or ("", "")
    assert title == "Why the default file limit is 3 MB, not 10 MB"
    assert file_limit.limit_mb() == 10.0
