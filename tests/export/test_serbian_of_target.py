"""The exports' "{destroyed} of {target}" in Serbian: after „од” the target is in the
genitive, in the form its figure asks for („13 од 21 тоне”, „од 5 тона”, „од 2.000,5 тоне”),
read back from the Markdown summary and the deck (python-pptx) in both scripts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.export.test_serbian import deck_texts
from tests.support import MEETING, MEETING_TODAY
from tracker.export import build_report
from tracker.i18n import using_language
from tracker.load.loader import load_portfolio
from tracker.tables.frames import build_frames

# (target, Cyrillic after „од”, Latin after „od”)
TARGETS = [
    ("1", "од 1 тоне", "od 1 tone"),
    ("2", "од 2 тоне", "od 2 tone"),
    ("5", "од 5 тона", "od 5 tona"),
    ("11", "од 11 тона", "od 11 tona"),
    ("21", "од 21 тоне", "od 21 tone"),
    ("22", "од 22 тоне", "od 22 tone"),
    ("2000", "од 2.000 тона", "od 2.000 tona"),
    ("2000.5", "од 2.000,5 тоне", "od 2.000,5 tone"),
]


def _frames(folder: Path, target: str):  # type: ignore[no-untyped-def]
    """The meeting portfolio with the ammunition objective's target set to `target` and its
    measurements below it (0.2, 0.4, 0.6 tonnes)."""
    for source in MEETING.glob("*.yaml"):
        text = source.read_text(encoding="utf-8")
        if source.name == "alpha.yaml":
            for english, changed in (
                ("target: 2000\n", f"target: {target}\n"),
                ("value: 400,", "value: 0.2,"),
                ("value: 900,", "value: 0.4,"),
                ("value: 1300}", "value: 0.6}"),
            ):
                assert text.count(english) == 1, english
                text = text.replace(english, changed)
        (folder / source.name).write_text(text, encoding="utf-8")
    portfolio = load_portfolio(folder, today=MEETING_TODAY)
    assert not [p for p in portfolio.problems if p.severity == "error"]
    return build_frames(portfolio, today=MEETING_TODAY), portfolio


@pytest.mark.parametrize(("target", "cyrillic", "latin"), TARGETS)
def test_the_summary_says_destroyed_of_the_target_in_the_genitive(
    tmp_path: Path, target: str, cyrillic: str, latin: str
) -> None:
    frames, portfolio = _frames(tmp_path, target)
    for language, expected in (("sr-Cyrl", cyrillic), ("sr-Latn", latin)):
        with using_language(language):
            summary = build_report(frames, portfolio, "md", since=date(2025, 1, 1)).decode()
        assert f" {expected} (" in summary, language


@pytest.mark.parametrize(("target", "cyrillic", "latin"), [TARGETS[4], TARGETS[7]])
def test_the_deck_says_the_share_of_the_target_in_the_genitive(
    tmp_path: Path, target: str, cyrillic: str, latin: str
) -> None:
    frames, portfolio = _frames(tmp_path, target)
    for language, expected in (("sr-Cyrl", cyrillic), ("sr-Latn", latin)):
        with using_language(language):
            deck = build_report(frames, portfolio, "pptx", since=date(2025, 1, 1))
        texts = " ".join(" ".join(text.split()) for text in deck_texts(deck))
        assert f"{expected};" in texts, language


def test_a_small_figure_is_not_rounded_into_the_target(tmp_path: Path) -> None:
    """0.6 tonnes destroyed of a 1-tonne target is „0,6 од 1 тоне”: rounded to a whole
    number it read „1 од 1 тоне (60 %)”, a target met that is not (the English too)."""
    frames, portfolio = _frames(tmp_path, "1")
    for language, expected in (
        ("en", " 0.6 of 1 tonne (60%)"),
        ("sr-Cyrl", " 0,6 од 1 тоне (60\u00a0%)"),
        ("sr-Latn", " 0,6 od 1 tone (60\u00a0%)"),
    ):
        with using_language(language):
            summary = build_report(frames, portfolio, "md", since=date(2025, 1, 1)).decode()
            briefing = build_report(frames, portfolio, "html", since=date(2025, 1, 1)).decode()
        assert expected in summary, language
        assert " 1 of 1 tonne" not in summary and " 1 од 1 тоне" not in summary
        destroyed = expected.split()[0]
        assert f">{destroyed}<" in briefing, language  # the briefing's table cell


def test_the_summary_writes_the_plan_alpha_as_serbian_does(tmp_path: Path) -> None:
    """The meeting fixture's plan "alpha" is „АЛФА” in the Cyrillic summary (its made name
    spelt letter by letter read „АЛПХА”), „ALPHA” in the Latin one."""
    frames, portfolio = _frames(tmp_path, "1")
    with using_language("sr-Cyrl"):
        cyrillic = build_report(frames, portfolio, "md", since=date(2025, 1, 1)).decode()
    with using_language("sr-Latn"):
        latin = build_report(frames, portfolio, "md", since=date(2025, 1, 1)).decode()
    assert "АЛФА" in cyrillic and "АЛПХА" not in cyrillic
    assert "ALPHA" in latin


def test_the_summary_names_each_status_before_its_count(tmp_path: Path) -> None:
    """„према плану: 0, …, није процењено: 1”, as the app's plan cards say it: a count
    before the label read „0 угрожено”, „37 није процењено” (a singular verb after 37)."""
    frames, portfolio = _frames(tmp_path, "1")
    with using_language("sr-Cyrl"):
        summary = build_report(frames, portfolio, "md", since=date(2025, 1, 1)).decode()
    with using_language("en"):
        english = build_report(frames, portfolio, "md", since=date(2025, 1, 1)).decode()
    assert "према плану: " in summary and "угрожено: " in summary
    # One colon per figure: the count of objectives is set off by a dash, not another colon.
    assert re.search(r"\*\*\d+\*\* циљ\w* – ", summary), summary[:600]
    assert not re.search(r"\d (према плану|угрожено|у кашњењу|није процењено)\b", summary)
    assert re.search(r"\d on track, \d+ at risk", english)


def test_the_decks_ammunition_chart_labels_a_fraction_with_its_decimals(tmp_path: Path) -> None:
    """The deck's bar of 0.6 tonnes destroyed (of 1) keeps its decimals in its label's
    number format: "#,##0" drew it as "1", the whole target."""
    from io import BytesIO

    from pptx import Presentation

    from tracker.export.pptx import AMOUNT_LABEL_FORMAT

    frames, portfolio = _frames(tmp_path, "1")
    with using_language("sr-Cyrl"):
        deck = Presentation(
            BytesIO(build_report(frames, portfolio, "pptx", since=date(2025, 1, 1)))
        )
    found = [
        series
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_chart
        for series in shape.chart.plots[0].series
        if series.name == "Уништено"
    ]
    assert found and list(found[0].values) == [0.6]
    # Serbian Cyrillic's locale id first, so the client draws Serbian separators ("0,6").
    assert found[0].data_labels.number_format == "[$-281A]" + AMOUNT_LABEL_FORMAT
    assert "0.0" in AMOUNT_LABEL_FORMAT.split(";")[1]
