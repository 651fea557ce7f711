"""bench/file_limit.py: the note says which hostile files break the bound, from the figures."""

from __future__ import annotations

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
    assert "not 10 MB" in title
    assert "| largest-valid | 10.0 MB | 1.50 s | 272 MB | **broken** |" in text
    assert "| largest-invalid | 10.0 MB | 0.90 s | 60 MB | kept |" in text
    assert "crashed: MemoryError" in text
    assert "20,000 objectives" in text and "Most of it is the models" in text


def test_a_failed_measurement_is_said_and_nothing_measured_is_no_note() -> None:
    assert file_limit.note({}) is None
    note = file_limit.note({"error": "timed out"})
    assert note is not None and "timed out" in note[1]
