"""The workbook import and the command line read a written number the same way."""

from __future__ import annotations

import argparse

import pytest

from tracker.cli.common import number as command_line_number
from tracker.sheets import values


@pytest.mark.parametrize(
    ("written", "meant"),
    [("400", 400.0), ("400.5", 400.5), ("400,5", 400.5), ("2 000", 2000.0), ("0,125", 0.125),
     ("-50", -50.0), ("12345.678", 12345.678)],
)  # fmt: skip
def test_both_readers_take_either_decimal_sign(written: str, meant: float) -> None:
    assert command_line_number(written) == meant
    assert values.number(written) == (meant, None)


@pytest.mark.parametrize("written", ["2.000", "2,000", "1.250", "half", "1e3", "nan", "2.000,5"])
def test_both_readers_refuse_what_two_languages_read_apart(written: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="is not a number"):
        command_line_number(written)
    amount, problem = values.number(written)
    assert amount is None and "is not a number" in str(problem)
