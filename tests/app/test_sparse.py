"""The dashboard on data with gaps, as a newcomer reads it: a missing date or link shows as a
dash (never "None", "NaT" or "nan"), counts of one read in the singular, and an objective is
named by its title rather than its id."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from components.ammunition_view import outlook_sentence
from components.tables import MISSING
from components.text import escape_markdown
from tests.support import PAGES, SHIPPED, html_text, markdown_text, open_app
from tracker.tables.analysis import AmmunitionOutlook

# What a cell would read if a missing value leaked through as text.
LEAKED = {"None", "NaT", "nan", "NaN", "<NA>", "none"}


def write_sparse_portfolio(folder: Path, today: date) -> Path:
    """One plan in one file where every optional date, link and figure is left out somewhere.

    Dates count from `today` (the app's today), so "due yesterday" and "ends tomorrow" hold
    whenever the test runs: a plan without an adoption date, sources without dates, an
    objective never updated (no last update, no days since), evidence and updates without a
    link, ammunition targets with and without measurements, campaign work without a link.
    """

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    ammunition = "\n".join(
        f"""
  - id: sp-ammo-{number}
    title: Destroy stock {number}
    type: ammunition-destruction
    area: sp-work
    owner: Ministry of Defence
    start: {day(-400)}
    due: {day(300)}
    status: on-track
    metric:
      unit: tonnes
      target: 100"""
        + (
            f"\n      measurements:\n        - {{date: {day(-10)}, value: 40}}"
            if number == 1
            else ""
        )
        for number in range(1, 5)
    )
    text = f"""plan:
  id: sp
  title: Sparse plan
  start: {day(-400)}
  end: {day(1)}
  areas:
    - {{id: sp-work, title: Practical work}}
  sources:
    - {{title: Sparse plan as agreed}}

objectives:
  - id: sp-unassessed
    title: Objective nobody has reported on
    type: activity
    area: sp-work
    owner: Ministry of Interior
    start: {day(-400)}
    due: {day(-1)}
    status: not-assessed

  - id: sp-linkless
    title: Objective with paper records only
    type: activity
    area: sp-work
    owner: Ministry of Interior
    start: {day(-400)}
    due: {day(300)}
    status: on-track
    depends_on: [sp-unassessed]
    evidence:
      - {{title: Minutes kept on paper, date: {day(-30)}}}
    updates:
      - {{date: {day(-20)}, status: on-track}}

  - id: sp-campaign
    title: Tell the public about the plan
    type: information-campaign
    area: sp-work
    owner: Ministry of Foreign Affairs
    start: {day(-400)}
    due: {day(300)}
    status: not-started
    evidence:
      - {{title: Leaflet handed out, date: {day(-5)}, kind: media}}
{ammunition}
"""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sparse.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def sparse(tmp_path: Path) -> Path:
    return write_sparse_portfolio(tmp_path / "sparse", date.today())


def _is_missing(value: object) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is a value, not a gap
        return False


def shown_cells(app: AppTest) -> tuple[list[tuple[str, str]], int]:
    """Every table cell as the grid can show it, and how many cells had no value.

    A missing value shows the table's placeholder (Streamlit writes a grey "None" when the
    table has none); a styled table also sends each cell's display text, which the grid shows
    in text columns, so that text is checked too.
    """
    cells: list[tuple[str, str]] = []
    gaps = 0
    for table in app.dataframe:
        proto = table.proto
        blank = proto.placeholder if proto.HasField("placeholder") else "None"
        frame = table.value
        for column in frame.columns:
            for value in frame[column]:
                if _is_missing(value):
                    gaps += 1
                    cells.append((str(column), blank))
                else:
                    cells.append((str(column), str(value)))
        display = proto.arrow_data.styler.display_values
        if display:
            styled = dataframe_util.convert_arrow_bytes_to_pandas_df(display)
            for column in styled.columns:
                cells.extend((str(column), str(value)) for value in styled[column])
    return cells, gaps


def _views(objectives: list[str], since: str) -> list[tuple[str, dict[str, str]]]:
    """Every page, the detail of each given objective, the changes table, the changes screen."""
    views: list[tuple[str, dict[str, str]]] = [(page, {}) for page in PAGES if page != "objective"]
    views += [("objective", {"objective": objective_id}) for objective_id in objectives]
    views.append(("changes", {"since": since}))
    views.append(("overview", {"present": "1", "slide": "99"}))  # the last screen: changes
    return views


def _leaks(monkeypatch: pytest.MonkeyPatch, data: Path, views: list) -> tuple[list[str], int]:
    leaks: list[str] = []
    gaps = 0
    for page, params in views:
        app = open_app(monkeypatch, data, page, params)
        cells, found = shown_cells(app)
        gaps += found
        leaks += [f"{page} {params}: {col} = {text!r}" for col, text in cells if text in LEAKED]
    return leaks, gaps


def test_no_table_on_the_shipped_data_shows_none_nat_or_nan(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ipap1-ammo has an update and a metric with no measurement; the other was never updated.
    views = _views(["ipap1-ammo", "ipap1-building-integrity"], since="2015-01-01")
    leaks, gaps = _leaks(monkeypatch, SHIPPED, views)
    assert gaps > 0  # there are empty cells (never updated, no link) and they were checked
    assert not leaks, leaks


def test_no_table_on_data_with_gaps_shows_none_nat_or_nan(
    monkeypatch: pytest.MonkeyPatch, sparse: Path
) -> None:
    since = (date.today() - timedelta(days=60)).isoformat()
    views = _views(["sp-unassessed", "sp-linkless", "sp-ammo-1", "sp-ammo-2"], since)
    leaks, gaps = _leaks(monkeypatch, sparse, views)
    assert gaps > 0
    assert not leaks, leaks


def test_a_never_updated_objective_shows_a_dash_for_its_last_update(
    monkeypatch: pytest.MonkeyPatch, sparse: Path
) -> None:
    app = open_app(monkeypatch, sparse, "objectives")
    table = app.dataframe[0]
    assert table.proto.placeholder == MISSING
    rows = table.value.set_index("id")
    assert pd.isna(rows.loc["sp-unassessed", "last_update"])  # a gap, shown as the placeholder
    stale = open_app(monkeypatch, sparse)
    assert all(shown.proto.placeholder == MISSING for shown in stale.dataframe)


# --- Counts of one ------------------------------------------------------------------------------


def test_counts_of_one_read_in_the_singular_on_the_overview(
    monkeypatch: pytest.MonkeyPatch, sparse: Path
) -> None:
    app = open_app(monkeypatch, sparse)
    text = markdown_text(app)
    assert "(1 day left)" in html_text(app)  # the plan ends tomorrow (its card)
    assert "and 1 more target" in text  # four ammunition targets, three listed
    # Since the default window (the 90 days before the newest entry): the first assessment,
    # two evidence items, one measurement.
    assert "**1** status change, **2** new evidence, **1** new measurement" in text
    assert "**2** items for 2 objectives, 0 with a web link" in text
    one = open_app(monkeypatch, sparse, params={"q": "paper"})
    assert "**1** item for 1 objective, 0 with a web link" in markdown_text(one)
    sidebar = [caption.value for caption in app.sidebar.caption]
    assert any(escape_markdown("· 1 file · 7 objectives") in line for line in sidebar)


def test_one_file_and_one_problem_read_in_the_singular(
    monkeypatch: pytest.MonkeyPatch, sparse: Path
) -> None:
    clean = open_app(monkeypatch, sparse, "problems")
    assert clean.success[0].value == "No problems: 1 file, 7 objectives, all valid."
    data = sparse / "sparse.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("status: not-started", "status: not-strated"),
        encoding="utf-8",
    )
    broken = open_app(monkeypatch, sparse, "problems")
    assert broken.main.markdown  # the page still renders
    assert "1 error" in markdown_text(broken)
    assert broken.sidebar.warning[0].value == "1 data error"
    broken.switch_page("components/pages/meeting_pack.py").run()
    # The misspelt status makes its objective unreadable: the page says the pack names it.
    assert broken.warning[0].value == "The pack says the same at the top of its first page."


def test_detail_says_one_day_ago_and_names_what_it_depends_on(
    monkeypatch: pytest.MonkeyPatch, sparse: Path
) -> None:
    late = open_app(monkeypatch, sparse, "objective", {"objective": "sp-unassessed"})
    fields = late.dataframe[0].value
    values = dict(zip(fields["Field"], fields["Value"], strict=True))
    assert values["Due"] == f"{(date.today() - timedelta(days=1)).isoformat()} (1 day ago)"
    waiting = open_app(monkeypatch, sparse, "objective", {"objective": "sp-linkless"})
    fields = waiting.dataframe[0].value
    values = dict(zip(fields["Field"], fields["Value"], strict=True))
    assert values["Depends on"] == "Objective nobody has reported on (sp-unassessed)"


def test_a_projection_one_day_late_says_one_day() -> None:
    outlook = AmmunitionOutlook(
        "sp-ammo", "Destroy stock", "tonnes", 0.0, 100.0, 40.0, 60.0, date(2025, 1, 1),
        20.0, date(2028, 1, 2), date(2028, 1, 1), False,
    )  # fmt: skip
    assert outlook_sentence(outlook).endswith(", 1 day after the due date 2028-01-01.")
