"""Ammunition as one programme (issue 13, item 5): objectives linked by `continues` with the
same unit and target have one remaining figure and one history; nothing measured is "not
measured yet", never the whole target remaining; a projection needs two measurements."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from tests.support import DATA, SHIPPED
from tracker.load.loader import load_portfolio
from tracker.tables.analysis import ammunition_outlooks, programme_measurements
from tracker.tables.frames import build_frames

PROGRAMME = DATA / "programme"
TODAY = date(2026, 11, 23)


def _frames(folder: Path):
    return build_frames(load_portfolio(folder, today=TODAY), today=TODAY)


def test_two_plans_objectives_are_one_programme_with_one_remaining_figure() -> None:
    frames = _frames(PROGRAMME)
    outlooks = ammunition_outlooks(frames)
    assert len(outlooks) == 1  # not "2,000 t left" twice
    only = outlooks[0]
    assert only.objective_ids == ("am1-ammo", "am2-ammo")
    assert only.plans == ("am1", "am2")
    assert (only.destroyed, only.remaining) == (1100.0, 900.0)
    history = programme_measurements(frames, only)
    assert list(history["total"]) == [300.0, 700.0, 1100.0]  # both plans on one line
    assert set(history["plan"]) == {"am1", "am2"}


def test_the_projection_starts_at_the_first_measurement() -> None:
    only = ammunition_outlooks(_frames(PROGRAMME))[0]
    assert only.measured_since == date(2016, 6, 30)
    days = (date(2020, 6, 30) - date(2016, 6, 30)).days
    assert only.rate_per_year == round((1100 - 300) / days * 365.25, 1)
    assert only.projected_completion is not None
    assert only.on_course is True  # due 2099


def _without_measurements(tmp_path: Path, keep: int) -> Path:
    """A copy of the programme with only `keep` measurements of am1 and none of am2."""
    folder = tmp_path / "programme"
    shutil.copytree(PROGRAMME, folder)
    am2 = folder / "am2.yaml"
    am2.write_text(re.sub(r"\n        - \{date: 2020.*", "\n        []", am2.read_text()))
    am2.write_text(am2.read_text().replace("measurements:\n        []", "measurements: []"))
    am1 = folder / "am1.yaml"
    lines = am1.read_text().splitlines()
    measured = [i for i, line in enumerate(lines) if "value:" in line]
    for index in reversed(measured[keep:]):
        del lines[index]
    text = "\n".join(lines) + "\n"
    if keep == 0:
        text = text.replace("measurements:\n", "measurements: []\n")
    am1.write_text(text)
    return folder


def test_nothing_measured_is_unknown_never_the_whole_target_remaining(tmp_path: Path) -> None:
    only = ammunition_outlooks(_frames(_without_measurements(tmp_path, 0)))[0]
    assert only.destroyed is None and only.remaining is None
    assert only.rate_per_year is None and only.projected_completion is None
    assert only.on_course is None


def test_one_measurement_gives_no_projection(tmp_path: Path) -> None:
    only = ammunition_outlooks(_frames(_without_measurements(tmp_path, 1)))[0]
    assert (only.destroyed, only.remaining, only.measurement_count) == (300.0, 1700.0, 1)
    assert only.rate_per_year is None and only.projected_completion is None


def test_the_shipped_ipap2_objective_without_a_target_shows_none() -> None:
    outlooks = ammunition_outlooks(_frames(SHIPPED))
    assert [o.objective_ids for o in outlooks] == [("ipap1-ammo",)]
    assert outlooks[0].remaining is None  # no source reports an amount destroyed
