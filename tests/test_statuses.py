"""The statuses' colours: every label stays readable on its own colour (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from tracker.statuses import (
    STATUS_COLOURS,
    STATUS_ORDER,
    STATUS_TEXT_COLOURS,
    contrast_ratio,
    readable_text_colour,
)


@pytest.mark.parametrize("status", STATUS_ORDER)
def test_every_status_label_has_aa_contrast_on_its_colour(status: str) -> None:
    assert contrast_ratio(STATUS_COLOURS[status], STATUS_TEXT_COLOURS[status]) >= 4.5


def test_the_text_colour_is_the_readable_one() -> None:
    assert readable_text_colour("#ffffff") != "#ffffff"
    assert readable_text_colour("#111111") == "#ffffff"
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
