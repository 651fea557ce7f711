"""The cap on what one file holds (IPAP_MAX_ENTRIES): objectives, and the updates, evidence
items and measurements under them. Past it a file is refused before any model is built, at its
first entry past the cap, whichever parser read it; at the cap it loads. The cap is lowered
here so that the files stay a few lines long."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tracker import settings
from tracker.i18n import using_language
from tracker.load import capacity, fastparse
from tracker.load.loader import _load_located, load_file, load_text

HEAD = """plan:
  id: capped
  title: Capped plan
  start: 2019-11-07
  end: 2021-12-31
  areas:
    - {id: ex, title: Exercises}
objectives:
"""


def _objective(number: int, style: str) -> str:
    """An objective with three updates, one evidence item and one measurement (6 entries)."""
    if style == "flow":
        return (
            f"  - {{id: o{number}, title: T, type: activity, area: ex, owner: MoD,"
            " start: 2019-11-07, due: 2021-12-31, status: on-track,"
            " metric: {unit: t, target: 9, measurements: [{date: 2020-02-01, value: 1}]},"
            " evidence: [{title: E, date: 2020-01-02}],"
            " updates: [{date: 2020-01-15, status: on-track}, {date: 2020-01-16, status: on-track},"
            " {date: 2020-01-17, status: on-track}]}\n"
        )
    comment = (
        "  # a comment beside a flow: only the located parser reads it"
        if style == "located"
        else ""
    )
    return f"""  - id: o{number}
    title: T
    type: activity
    area: ex
    owner: MoD
    start: 2019-11-07
    due: 2021-12-31
    status: on-track
    updates:
      - date: 2020-01-15
        status: on-track
      - {{date: 2020-01-16, status: on-track}}{comment}
      - {{date: 2020-01-17, status: on-track}}
    evidence:
      - {{title: E, date: 2020-01-02}}
    metric:
      unit: t
      target: 9
      measurements:
        - {{date: 2020-02-01, value: 1}}
"""


def _plan(objectives: int, style: str = "block") -> str:
    return HEAD + "".join(_objective(number, style) for number in range(objectives))


# Where the first entry past each cap is in the four-objective block file: an objective at its
# first key, an update written as a block mapping (at its first key) and as a flow one (at its
# '{'), an evidence item, a measurement.
BLOCK_PLACES = {6: (29, 5), 7: (38, 9), 8: (40, 9), 10: (43, 9), 23: (88, 11)}


@pytest.mark.parametrize(("cap", "place"), BLOCK_PLACES.items())
def test_a_file_past_the_cap_is_refused_at_its_first_entry_past_it(
    cap: int, place: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, str(cap))
    text = _plan(4)
    load = load_text(text, "plan.yaml")
    assert load.objectives == [] and len(load.problems) == 1
    (refusal,) = load.problems
    assert (refusal.line, refusal.column) == place
    assert str(refusal) == (
        f"plan.yaml:{place[0]}:{place[1]}: the file holds more than {cap} entries (objectives, "
        "and the updates, evidence items and measurements under them), and this is the first "
        "past that limit: split the plan into smaller files, or raise the limit with "
        "IPAP_MAX_ENTRIES"
    )
    # The same place from the located parser's values, and from the fast path's tree when the
    # text holds fewer keys and items than the cap's entries could (`capacity.crowded`).
    located = _load_located(text, "plan.yaml", "", cap)
    assert [(p.line, p.column) for p in located.problems] == [place]
    assert capacity.first_past_cap_in_prefix(text, cap) == place


def test_each_parser_refuses_at_the_same_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path, a prefix of crowded text and the located parser (which alone reads a
    comment beside a flow mapping) agree, for block and flow files."""
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, "20")
    for style, place in (("block", (80, 9)), ("flow", (12, 203)), ("located", (80, 9))):
        text = _plan(4, style)
        assert not capacity.crowded(text, 20)
        assert (fastparse.parse_fast(text) is None) is (style == "located")
        found = [(p.line, p.column) for p in load_text(text, "plan.yaml").problems]
        assert found == [place], style
        assert capacity.first_past_cap_in_prefix(text, 20) == place
        located = _load_located(text, "plan.yaml", "", 20)
        assert [(p.line, p.column) for p in located.problems] == [place]


def test_a_file_at_the_cap_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, "24")  # four objectives of six entries each
    for style in ("block", "flow", "located"):
        load = load_text(_plan(4, style), "plan.yaml")
        assert load.problems == [] and len(load.objectives) == 4, style


def test_the_refusal_is_said_in_serbian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, "6")
    monkeypatch.setenv(settings.CACHE_ENV, "off")
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan(2), encoding="utf-8")
    (refusal,) = load_file(plan).problems
    with using_language("sr-Cyrl"):
        assert str(refusal).endswith(
            "plan.yaml:29:5: датотека садржи више од 6 уноса (циљева и ажурирања, доказа и мерења "
            "под њима), а ово је први унос преко тог ограничења: поделите план на мање датотеке "
            "или повећајте ограничење подешавањем IPAP_MAX_ENTRIES"
        )


def test_crowded_text_too_large_to_locate_is_refused_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A million repeated keys hold no entries: more keys than the cap's entries could need,
    and too large for the located parser, the file is refused at its start, saying which
    setting to raise."""
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, "100")
    monkeypatch.setenv(settings.MAX_LOCATED_MB_ENV, "0.01")
    text = "plan:\n" + "  id: x\n" * 5000
    (refusal,) = load_text(text, "plan.yaml").problems
    assert str(refusal) == (
        "plan.yaml:1:1: the file is 0.0 MB and holds more keys and list items than a plan of 100 "
        "entries (objectives, and the updates, evidence items and measurements under them) "
        "needs: split the plan into smaller files, or raise the limit with IPAP_MAX_ENTRIES"
    )
    with using_language("sr-Cyrl"):
        assert "више кључева и ставки списка него што је потребно плану од 100 уноса" in str(
            refusal
        )


def test_the_default_cap_holds_a_decade_plan_with_room() -> None:
    """1,000 objectives, 10 updates each, 1.5 evidence items and 1.2 measurements: 13,600."""
    assert settings.DEFAULT_MAX_ENTRIES >= 1.15 * 13_600


def test_the_default_file_limit_is_10_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.MAX_FILE_MB_ENV, raising=False)
    assert settings.DEFAULT_MAX_FILE_MB == 10
    assert settings.max_file_bytes() == 10 * 1024 * 1024


def test_the_cap_is_a_whole_number_and_falls_back_on_nonsense(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, " 25 ")
    assert settings.max_entries() == 25
    for nonsense in ("", "   ", "lots", "0", "-5", "1.5", "2e4", "²"):
        monkeypatch.setenv(settings.MAX_ENTRIES_ENV, nonsense)
        assert settings.max_entries() == settings.DEFAULT_MAX_ENTRIES, nonsense
    monkeypatch.delenv(settings.MAX_ENTRIES_ENV)
    assert settings.max_entries() == settings.DEFAULT_MAX_ENTRIES


def test_a_portfolio_keeps_the_other_files_when_one_is_past_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tracker.load.loader import load_portfolio

    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, "12")
    monkeypatch.setenv(settings.CACHE_ENV, "off")
    (tmp_path / "big.yaml").write_text(_plan(3), encoding="utf-8")
    (tmp_path / "small.yaml").write_text(
        _plan(2).replace("id: capped", "id: small").replace("id: o", "id: s"), encoding="utf-8"
    )
    portfolio = load_portfolio(tmp_path, today=date(2020, 6, 1))
    assert sorted(o.id for o in portfolio.objectives) == ["s0", "s1"]
    assert [(Path(p.path).name, p.line) for p in portfolio.errors()] == [("big.yaml", 49)]


def test_a_lower_cap_refuses_a_file_the_caches_hold_clean(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parse cache and the portfolio's verdict are keyed on the cap too: a file read clean
    once is refused when the cap is lowered, not read back from either."""
    from tracker.load.verdict import load_verdict

    monkeypatch.setenv(settings.CACHE_DIR_ENV, str(tmp_path / "cache"))
    data = tmp_path / "data"
    data.mkdir()
    (data / "plan.yaml").write_text(_plan(2), encoding="utf-8")
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, "12")
    assert load_verdict(data, today=date(2020, 6, 1)).errors() == []
    assert load_file(data / "plan.yaml").from_cache
    monkeypatch.setenv(settings.MAX_ENTRIES_ENV, "11")
    assert [(p.line, p.column) for p in load_file(data / "plan.yaml").problems] == [(48, 11)]
    assert [(p.line, p.column) for p in load_verdict(data, today=date(2020, 6, 1)).errors()] == [
        (48, 11)
    ]
