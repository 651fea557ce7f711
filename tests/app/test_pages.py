"""Every dashboard page, run with AppTest on the shipped data and on the test portfolio: it
renders, shows the numbers a user would check, and a filter changes them."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from components.text import escape_markdown
from tests.equivalence import generate_portfolio
from tests.support import (
    BROKEN,
    DASHBOARD,
    PAGES,
    SHIPPED,
    XSS,
    html_text,
    markdown_text,
    metrics,
    open_app,
)
from tracker.i18n import t, using_language
from tracker.load.loader import load_portfolio
from tracker.model import AMMUNITION_TYPE

TITLES = {
    "overview": "Overview",
    "objectives": "Objectives",
    "ammunition": "Ammunition destruction",
    "campaign": "Information campaign",
    "partnership_goals": "Partnership goals",
    "changes": "Changes since",
    "evidence": "Evidence",
    "problems": "Data problems",
    "meeting_pack": "Meeting pack",
}


# --- The shipped data -----------------------------------------------------------------------


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_page_renders_on_the_shipped_data(monkeypatch: pytest.MonkeyPatch, page: str) -> None:
    params = {"objective": "ipap2-ammo"} if page == "objective" else None
    app = open_app(monkeypatch, SHIPPED, page, params)
    expected = TITLES.get(page, "Destroy surplus weapons and ammunition with NATO")
    assert app.title[0].value == expected


def test_shipped_overview_says_how_far_along_each_plan_is(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, SHIPPED)
    tiles = metrics(app)
    assert tiles["Objectives"] == "38"
    assert tiles["Not assessed"] == "37"  # all but the Serbia 2018 training (issue 13)
    # Nobody assessed them, so they are not "overdue": past due and never assessed instead.
    assert tiles["Overdue"] == "0"
    assert tiles["Past due, never assessed"] == "37"
    assert tiles["Completed"] == "1 of 38"
    text = markdown_text(app)
    cards = html_text(app)  # one grid of cards, drawn as HTML
    assert "<strong>0 of 15</strong> objectives completed (0%)" in cards  # IPAP 2
    assert "15 not assessed: no source reports their state yet." in cards
    assert "Average progress: no figure yet" in cards  # IPAP 2: none reports progress
    assert len(app.get("plotly_chart")) == 4  # plan, owner, area, timeline
    # The questions a meeting starts with, answered on the first screen.
    # Only IPAP 1 has a target: no source gives IPAP 2 a quantity to destroy.
    assert "IPAP 1: **not measured yet** (target 2,000 tonnes)" in text
    assert "left of a" not in text  # never "2,000 tonnes left" when nothing was measured
    assert "IPAP 2: **" not in text
    assert "No amount destroyed is recorded, so what remains is unknown." in text


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "2015-01-20 to 2019-11-06 (ended)"),
        ("sr-Cyrl", "20. јануар 2015. – 6. новембар 2019. (завршен)"),
        ("sr-Latn", "20. januar 2015. – 6. novembar 2019. (završen)"),
    ],
)
def test_a_plan_cards_dates_are_written_one_way(
    monkeypatch: pytest.MonkeyPatch, language: str, line: str
) -> None:
    """The card's period and its newest update in one line, both with the month in words
    (not "20. јануар 2015. … најновије ажурирање 8. 10. 2018."); each date in a span that
    keeps it on one line."""
    page = html_text(open_app(monkeypatch, SHIPPED, params={"lang": language}))
    start = re.match(r"\d{4}-\d\d-\d\d|\d+\. \w+ \d{4}\.", line)
    assert start and f'<span class="ipap-nowrap">{start.group(0)}</span>' in page
    cards = re.sub(r'<span class="ipap-nowrap">([^<]*)</span>', r"\1", page)
    ipap1 = next(card for card in cards.split('<div class="ipap-card">') if line in card)
    newest = {"en": "newest update 2018-10-08", "sr-Cyrl": "најновије ажурирање 8. октобар 2018.",
              "sr-Latn": "najnovije ažuriranje 8. oktobar 2018."}[language]  # fmt: skip
    assert newest in ipap1


@pytest.mark.parametrize(
    ("language", "ipap1", "ipap2"),
    [
        ("en", "Average progress: <strong>100%</strong> · over 1 of 23 objectives",
         "Average progress: no figure yet"),
        ("sr-Cyrl", "Просечан напредак: <strong>100\xa0%</strong> · за циљеве: 1 од 23",
         "Просечан напредак: још нема податка"),
    ],
)  # fmt: skip
def test_a_plan_cards_average_progress_says_what_it_averages(
    monkeypatch: pytest.MonkeyPatch, language: str, ipap1: str, ipap2: str
) -> None:
    """IPAP 1's 100 % is of the 1 of its 23 objectives that reports progress, in the words of
    the briefing's and the deck's tile (wording.average_note); IPAP 2 reports none: no figure
    yet, never 0 %."""
    cards = html_text(open_app(monkeypatch, SHIPPED, params={"lang": language}))
    shown = [card for card in cards.split('<div class="ipap-card">')[1:]]
    first = next(card for card in shown if ("ИПАП 1" if language != "en" else "IPAP 1") in card)
    second = next(card for card in shown if ("ИПАП 2" if language != "en" else "IPAP 2") in card)
    assert ipap1 in first
    assert ipap2 in second
    progress = re.search(r"<p>([^<]*(?:Average progress|Просечан напредак)[^<]*)</p>", second)
    assert progress and not re.search(r"\b0\s?%", progress.group(1))


def test_shipped_filter_by_plan_changes_the_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, SHIPPED, params={"plan": "ipap2"})
    assert metrics(app)["Objectives"] == "15"
    assert metrics(app)["Completed"] == "0 of 15"


def test_the_filter_caption_names_the_plan_as_the_sidebar_does(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, SHIPPED, params={"plan": "ipap2"})
    picker = app.multiselect(key="filter_plan")
    assert picker.value == ["ipap2"] and picker.options == ["IPAP 1", "IPAP 2"]
    caption = app.caption[1].value
    assert caption.startswith("Data as of 2019\\-12\\-19 · today ")
    assert "· showing plan\\: IPAP 2 · 15 of 38" in caption
    assert "ipap2" not in caption
    assert "Data as of 2019-12-19 · today " in html_text(app)  # the page footer
    assert " · plan: IPAP 2 · " in html_text(app)


def test_shipped_ammunition_says_nothing_is_measured_so_what_remains_is_unknown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, SHIPPED, "ammunition")
    text = markdown_text(app)
    assert (
        escape_markdown(
            "Not measured yet: no amount destroyed is recorded against the 2,000 tonnes target "
            "(due 2019-11-06), so what remains is unknown."  # IPAP 1's trust fund
        )
        in text
    )
    assert metrics(app)["Remaining"] == "not measured yet"
    assert metrics(app)["Destroyed"] == "not measured yet"
    # IPAP 2's objective has no target: named as such, with no target and no remaining.
    assert "sets no target and records no amount destroyed" in text


# --- The test portfolio ---------------------------------------------------------------------


def test_overview_shows_the_known_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD)
    assert metrics(app) == {
        "Objectives": "12",
        "Completed": "2 of 12",
        "On track": "4",
        "At risk": "1",
        "Off track": "2",
        "Not assessed": "1",
        "Overdue": "3",
        "Past due, never assessed": "1",  # tp1-xss: nobody has assessed it
        "Stale": "9",
    }
    completed = next(metric for metric in app.metric if metric.label == "Completed")
    assert completed.help == "2 of 12 objectives completed: 16.7% of the objectives."
    text = markdown_text(app)
    # Two programmes of TP 1: each line names its objective.
    mines = "TP 1 · Destroy 1,000 tonnes of anti\\-tank mines"
    assert f"{mines}: **700 tonnes** left of a 1,000 tonnes target" in text
    assert "TP 2: **400 tonnes** left of a 1,500 tonnes target" in text
    assert "**13** items for 5 objectives, 11 with a web link" in text
    tabs = [tab.label for tab in app.tabs]
    assert tabs == ["Overdue (3)", "At risk or off track (3)", "Stale (9)"]
    overdue = app.dataframe[0].value
    assert sorted(overdue["id"]) == ["tp1-ammo-mines", "tp1-goal-medical", "tp2-training-old"]


def test_stale_follows_the_configured_number_of_days(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IPAP_STALE_DAYS", "36500")
    app = open_app(monkeypatch, DASHBOARD)
    assert metrics(app)["Stale"] == "1"  # only the objective never updated at all


def test_a_filter_chosen_in_the_sidebar_changes_the_numbers_and_the_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD)
    app.multiselect(key="filter_plan").set_value(["tp2"]).run()
    assert metrics(app)["Objectives"] == "6"
    assert metrics(app)["Completed"] == "0 of 6"
    assert metrics(app)["Overdue"] == "1"
    assert app.query_params["plan"] == "tp2"
    app.multiselect(key="filter_status").set_value(["on-track", "at-risk"]).run()
    assert metrics(app)["Objectives"] == "5"
    assert app.query_params["status"] == ["on-track", "at-risk"]
    app.text_input(key="filter_text").set_value("ammunition").run()
    assert metrics(app)["Objectives"] == "1"
    assert app.query_params["q"] == "ammunition"


def test_a_link_with_filters_reproduces_the_view(monkeypatch: pytest.MonkeyPatch) -> None:
    params = {"plan": "tp1", "owner": "Ministry of Defence", "q": "goal"}
    app = open_app(monkeypatch, DASHBOARD, params=params)
    assert metrics(app)["Objectives"] == "2"
    assert app.multiselect(key="filter_plan").value == ["tp1"]
    assert app.text_input(key="filter_text").value == "goal"
    shown = escape_markdown('plan: TP 1; owner: Ministry of Defence; text: "goal"')
    assert shown in markdown_text(app)


def test_the_filter_caption_shows_area_status_and_type_labels_not_ids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    params = {"area": "tp1-defence", "status": ["off-track", "at-risk"], "type": "partnership-goal"}
    app = open_app(monkeypatch, DASHBOARD, params=params)
    assert metrics(app)["Objectives"] == "1"  # the medical support goal
    areas = app.multiselect(key="filter_area")
    area_label = areas.options[areas.indices[0]]
    assert area_label == "Defence reform (TP 1)"
    shown = escape_markdown(
        f"showing area: {area_label}; type: Partnership goal; status: Off track, At risk · 1 of"
    )
    assert shown in markdown_text(app)
    assert "tp1\\-defence" not in markdown_text(app) and "off\\-track" not in markdown_text(app)


def test_a_link_value_the_data_does_not_know_is_dropped_with_a_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hostile = "[click](https://evil.example)"
    app = open_app(monkeypatch, DASHBOARD, params={"plan": ["tp2", "ipap9"], "owner": hostile})
    assert metrics(app)["Objectives"] == "6"
    # At the top of the page, above the title, not at the bottom of the sidebar.
    notices = [warning.value for warning in app.main.warning]
    said = "The link asks for {} '{}', which is not in the data: that filter is not applied."
    assert escape_markdown(said.format("plan", "ipap9")) in notices
    assert escape_markdown(said.format("owner", hostile)) in notices
    assert "owner" not in app.query_params  # the address is cleaned up too
    caption = markdown_text(app)
    assert "showing all objectives ·" not in caption  # the dropped owner is named instead
    assert escape_markdown("not in the data, so not applied: plan 'ipap9'") in caption


def test_objectives_table_lists_the_view_and_opens_a_picked_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "objectives", {"status": "off-track"})
    table = app.dataframe[0].value
    assert sorted(table["id"]) == ["tp1-ammo-mines", "tp1-goal-medical"]
    assert set(table["status"]) == {"Off track"}
    assert list(table.columns[:5]) == ["title", "status", "progress", "progress_figure", "due"]
    row = list(table["id"]).index("tp1-goal-medical")
    app.session_state["objectives_table"] = {"selection": {"rows": [row], "columns": []}}
    app.run()
    assert app.title[0].value == "Medical support goal"
    assert app.query_params["objective"] == "tp1-goal-medical"
    assert app.query_params["status"] == "off-track"  # the filters travel with the link


def test_detail_shows_hostile_text_as_text_and_links_only_to_the_web(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "objective", {"objective": "tp1-xss"})
    assert app.title[0].value == escape_markdown(XSS)
    assert "&lt;img" in app.title[0].value and "<img" not in app.title[0].value
    text = markdown_text(app)
    description = "<script>alert(2)</script> **not bold** [not a link](javascript:alert(3))"
    assert escape_markdown(description) in text  # every character shown, none read as markup
    assert "<script>" not in text and "<b>" not in text
    targets = re.findall(r"\]\(<([^>]*)>\)", text)
    assert targets == ["https://example.org/reports/xss?a=1&b=(2)"]
    assert "javascript\\:alert" in text  # the hostile link is plain escaped text
    assert "\\*\\*Report\\*\\*" in text


def test_detail_shows_every_field_history_metric_and_lineage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "objective", {"objective": "tp2-ammo"})
    assert app.title[0].value == "Destroy the remaining surplus ammunition"
    tiles = metrics(app)
    assert tiles["Status"] == "On track"
    assert tiles["Reached"] == "1,100"
    assert tiles["Remaining"] == "400"
    fields = app.dataframe[0].value
    values = dict(zip(fields["Field"], fields["Value"], strict=True))
    assert values["Owner"] == "Ministry of Defence"
    assert values["Type"] == "Ammunition destruction"
    where = load_portfolio(DASHBOARD).objective("tp2-ammo")
    # From the data's own name for a viewer, never the server's folders.
    assert values["Written in"] == f"dashboard/{Path(where.file).name}:{where.line}"
    assert len(app.get("plotly_chart")) == 2  # status history and metric
    links = [link.value for link in app.main.get("page_link")]
    assert links == [escape_markdown("Destroy 2,000 tonnes of surplus ammunition (tp1-ammo)")]


def test_detail_without_updates_says_so_instead_of_drawing_an_empty_chart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "objective", {"objective": "tp1-xss"})
    assert app.get("plotly_chart") == []
    sentence = "No update recorded: the status has not been assessed against a source yet."
    assert sentence in [caption.value for caption in app.caption]
    updated = open_app(monkeypatch, DASHBOARD, "objective", {"objective": "tp1-goal-medical"})
    assert len(updated.get("plotly_chart")) == 1  # the status history, with its three updates
    assert sentence not in markdown_text(updated)


def test_detail_of_a_metric_never_measured_has_the_sentence_and_no_empty_chart(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, SHIPPED, "objective", {"objective": "ipap1-ammo"})
    assert len(app.get("plotly_chart")) == 1  # its one update; the metric has nothing to draw
    assert app.info[0].value == (
        "Not measured yet: no amount is recorded against the target of 2,000 tonnes, so what "
        "remains is unknown."
    )


def test_detail_lists_the_objectives_that_continue_it(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "objective", {"objective": "tp1-goal-logistics"})
    text = markdown_text(app)
    assert "Continued by:" in text
    links = [link.value for link in app.main.get("page_link")]
    assert escape_markdown("Logistics support goal, second phase (tp2-goal-logistics)") in links
    assert "[Final report on the logistics goal](<https://example.org/reports/logistics>)" in text
    assert "- **2018-11-30** · Completed · 100% — Goal met _(Test desk)_" in text


def test_detail_of_an_unknown_objective_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "objective", {"objective": "no-such-thing"})
    assert "There is no objective 'no\\-such\\-thing' in the data." in app.error[0].value


def test_ammunition_shows_remaining_rate_and_projection(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "ammunition")
    assert len(app.get("plotly_chart")) == 3
    text = markdown_text(app)
    late = (date(2025, 1, 2) - date(2019, 12, 31)).days
    # The rate is measured from the first measurement, not from the objective's start.
    assert (
        escape_markdown(
            "300 tonnes destroyed by 2018-01-01; 700 tonnes remaining. At 100 tonnes a year "
            "(measured since 2016-01-01) the target is reached on 2025-01-02, "
            f"{late:,} days after the due date 2019-12-31."
        )
        in text
    )
    assert (
        escape_markdown(
            "1,100 tonnes destroyed by 2025-01-01; 400 tonnes remaining. At 200 tonnes a year "
            "(measured since 2021-01-01) the target is reached on 2027-01-01, in time for the "
            "due date 2099-12-31."
        )
        in text
    )
    summary = app.dataframe[0].value
    assert list(summary["Remaining"]) == ["0 tonnes", "700 tonnes", "400 tonnes"]


def test_campaign_counts_activities_and_a_filter_changes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "campaign")
    # Activities are media, panels, round tables, seminars...: the campaign's report and its
    # news story are records about it, counted on the Evidence page, not here.
    assert metrics(app)["Activities recorded"] == "8"
    assert metrics(app)["Latest activity"] == "2023-01-20"
    activities = app.dataframe[0].value
    assert len(activities) == 8
    assert set(activities["kind"]) == {"Media", "Panel", "Round table", "Seminar"}
    links = [url for url in activities["url"] if isinstance(url, str)]
    assert len(links) == 7  # one has no address: no link, rather than a broken one
    assert all(url.startswith("https://") for url in links)
    assert "2 other records of the campaign" in markdown_text(app)
    filtered = open_app(monkeypatch, DASHBOARD, "campaign", {"plan": "tp2"})
    assert metrics(filtered)["Activities recorded"] == "4"


def test_partnership_goals_are_tiles_grouped_by_field(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "partnership_goals")
    tiles = html_text(app)
    assert tiles.count('class="ipap-tile"') == 4
    assert "Logistics (2)" in tiles and "Medical support (1)" in tiles
    assert 'href="objective?objective=tp2-goal-cyber&amp;lang=en"' in tiles
    filtered = open_app(monkeypatch, DASHBOARD, "partnership_goals", {"plan": "tp1"})
    assert html_text(filtered).count('class="ipap-tile"') == 2
    assert 'href="objective?plan=tp1&amp;objective=tp1-goal-medical&amp;lang=en"' in html_text(
        filtered
    )


def test_changes_since_a_chosen_day_newest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "changes")
    # No review date set: the quarter before the newest entry (2026-06-01), said as a date.
    assert "**since 2026-03-03**" in markdown_text(app)
    assert metrics(app)["New evidence"] == "1" and metrics(app)["Status changes"] == "0"
    assert "since" not in app.query_params
    app.date_input(key="changes_since").set_value(date(2025, 1, 1)).run()
    assert metrics(app) == {
        "Status changes": "2",
        "Other updates": "0",
        "New evidence": "2",
        "New measurements": "1",
    }
    table = app.dataframe[0].value
    assert [day.date().isoformat() for day in table["date"]] == [
        "2026-06-01",
        "2025-10-02",
        "2025-10-01",
        "2025-01-05",
        "2025-01-01",
    ]
    assert app.query_params["since"] == "2025-01-01"


def test_evidence_lists_every_item_with_its_link_and_a_filter_narrows_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD, "evidence")
    assert metrics(app) == {"Evidence items": "13", "With a web link": "11", "Newest": "2026-06-01"}
    table = app.dataframe[0].value
    assert list(table["evidence"][:2]) == ["News story on the campaign", "Exercise held"]
    assert "Internal campaign report" in set(table["evidence"])
    links = [url for url in table["url"] if isinstance(url, str)]
    assert len(links) == 11 and all(url.startswith("https://") for url in links)
    app.multiselect(key="evidence_kinds").set_value(["media"]).run()
    assert len(app.dataframe[0].value) == 3
    public = open_app(monkeypatch, DASHBOARD, "evidence", {"plan": "tp1"})
    assert metrics(public)["Evidence items"] == "6"


def test_changes_since_comes_from_the_link(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "changes", {"since": "2025-06-01", "plan": "tp2"})
    assert metrics(app)["New evidence"] == "2"
    assert metrics(app)["Status changes"] == "1"


# --- A portfolio with broken files ----------------------------------------------------------


def test_problems_page_lists_every_problem_while_the_rest_still_renders(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, BROKEN, "problems")
    lines = app.code[0].value.splitlines()
    assert len(lines) == 3
    assert lines[0].endswith(
        "broken.yaml:29:13: objective 'tb-typo-status' status: 'on-trak' is not a valid "
        "status; did you mean 'on-track'? Use one of: not-assessed, not-started, on-track, "
        "at-risk, off-track, completed, cancelled."
    )
    assert "broken.yaml:37:10: objective 'tb-bad-date' due:" in lines[1]
    assert "broken.yaml:48:5: objective 'tb-unknown-key': unknown key 'colour'" in lines[2]
    assert app.sidebar.warning[0].value == "3 data errors"
    overview = open_app(monkeypatch, BROKEN)
    assert metrics(overview)["Objectives"] == "4"
    assert overview.sidebar.warning[0].value == "3 data errors"


def test_problems_page_says_so_when_the_data_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "problems")
    assert app.success[0].value == "No problems: 2 files, 12 objectives, all valid."
    assert not app.sidebar.warning


def test_a_missing_data_folder_is_a_problem_not_a_crash(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    app = open_app(monkeypatch, tmp_path / "nowhere", "problems")
    assert "no such file or folder" in app.code[0].value
    overview = open_app(monkeypatch, tmp_path / "nowhere")
    assert "No objectives match the filters" in overview.info[0].value


def test_changes_since_the_first_plan_began(monkeypatch: pytest.MonkeyPatch) -> None:
    # Ten years before today is no limit: IPAP 1 began on 2015-01-20, and its first changes
    # are there to be read, picked in the sidebar or given in the link.
    app = open_app(monkeypatch, SHIPPED, "changes")
    picker = app.date_input(key="changes_since")
    assert picker.min == date(2015, 1, 20)
    picker.set_value(date(2015, 1, 20)).run()
    assert not app.exception
    assert "**since 2015-01-20**" in markdown_text(app)
    assert min(app.dataframe[0].value["date"]).date() < date(2016, 11, 1)
    linked = open_app(monkeypatch, SHIPPED, "changes", {"since": "2015-01-20"})
    assert "**since 2015-01-20**" in markdown_text(linked)
    earlier = open_app(monkeypatch, SHIPPED, "changes", {"since": "1999-01-01"})
    assert "**since 2015-01-20**" in markdown_text(earlier)  # held to the first day


def test_changes_can_be_narrowed_to_one_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, DASHBOARD, "changes", {"since": "2025-01-01"})
    assert set(app.dataframe[0].value["change"]) == {"Status change", "Evidence", "Measurement"}
    app.pills(key="changes_kinds").set_value(["status"]).run()
    table = app.dataframe[0].value
    assert set(table["change"]) == {"Status change"} and len(table) == 2
    assert app.query_params["change"] in ("status", ["status"])
    assert metrics(app)["New evidence"] == "2"  # the tiles still count every kind
    linked = open_app(monkeypatch, DASHBOARD, "changes", {"since": "2025-01-01",
                                                          "change": "measurement"})  # fmt: skip
    assert set(linked.dataframe[0].value["change"]) == {"Measurement"}


def test_the_sidebar_names_the_data_without_the_servers_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, DASHBOARD)
    said = [c.value for c in app.sidebar.caption if c.value.startswith("Data")]
    assert said == [escape_markdown("Data: dashboard · 2 files · 12 objectives")]
    assert str(DASHBOARD.parent) not in markdown_text(app)  # the folders above it stay private


def test_the_area_filter_names_areas_in_the_readers_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Serbian area titles in the sidebar's Area list, as on every page they filter (the list
    showed the English titles: "Civil emergency and disaster response (ИПАП 2)")."""
    with using_language("sr-Cyrl"):
        label = t("Area")
    app = open_app(monkeypatch, SHIPPED, params={"lang": "sr-Cyrl"})
    options = next(box for box in app.multiselect if box.label == label).options
    assert "Цивилне ванредне ситуације и реаговање на катастрофе (ИПАП 2)" in options
    assert not [option for option in options if re.search("[A-Za-z]{3}", option)], options


def test_ammunition_objectives_without_a_target_are_counted_not_listed_one_by_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """At scale the objectives that set no target are one sentence and a list to open: a
    caption each put some 2,400 lines above the first programme of a 10,000-objective
    portfolio (137,000 px of page in the browser)."""
    generate_portfolio(200, tmp_path, plans=2)
    objectives = load_portfolio(tmp_path).objectives
    untargeted = [o for o in objectives if o.type == AMMUNITION_TYPE and o.metric is None]
    assert len(untargeted) > 3
    app = open_app(monkeypatch, tmp_path, "ammunition")
    text = markdown_text(app)
    assert "sets no target and records no amount destroyed" not in text
    assert (
        "Ammunition-destruction objectives that set no target and record no amount destroyed"
        f": {len(untargeted)}." in text
    )
    listed = next(frame for frame in app.dataframe if "Objective" in frame.value.columns)
    assert sorted(listed.value["ID"]) == sorted(o.id for o in untargeted)


def test_data_problems_at_scale_lists_the_first_lines_and_says_how_many(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Thousands of warnings (3,696 at 10,000 objectives) made one code block 248,000 px
    tall: the page lists the first MAX_LISTED, says how many there are and where all are."""
    generate_portfolio(700, tmp_path, plans=2)
    problems = load_portfolio(tmp_path).problems
    assert len(problems) > 200
    app = open_app(monkeypatch, tmp_path, "problems")
    (block,) = app.code
    assert len(block.value.splitlines()) == 200
    assert (
        f"The first 200 of {len(problems):,} problems, in file and line order; "
        "`python -m tracker validate` lists them all" in markdown_text(app)
    )


@pytest.mark.parametrize("language", ["en", "sr-Cyrl"])
@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("objective", {}),  # the bare detail page: no objective chosen yet
        ("objective", {"objective": "no-such-objective"}),
        ("overview", {"q": "zzzz-nothing-matches"}),
    ],
)
def test_a_page_that_stops_early_still_ends_with_its_footer(
    monkeypatch: pytest.MonkeyPatch, language: str, page: str, params: dict[str, str]
) -> None:
    """Every page ends with where its numbers come from; the bare Objective page, an unknown
    objective and an overview that matches nothing stopped before it and had none."""
    app = open_app(monkeypatch, SHIPPED, page, {**params, "lang": language})
    footers = [str(e.value) for e in app.get("html") if 'class="ipap-footer"' in str(e.value)]
    assert len(footers) == 1
    with using_language(language):
        as_of = t("Data as of {dates} · today {today}", dates="", today="").split()[0]
    assert footers[0].startswith(f'<div class="ipap-footer">{as_of} '), footers[0]


@pytest.mark.parametrize(
    ("language", "almost_all", "hardly_any"),
    [("en", ">99.9%", "<0.1%"), ("sr-Cyrl", ">99,9\u00a0%", "<0,1\u00a0%")],
)
def test_the_objectives_table_never_rounds_progress_to_all_or_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, language: str, almost_all: str, hardly_any: str
) -> None:
    """An objective at 99.96 % read "100 %" in the progress column (the grid's printf format)
    and one at 0.04 % "0 %": the figure beside each bar is format_percent's, as everywhere
    else in the tool; the bar's column keeps the number, so the table still sorts by it.
    No table column of any page writes a share with the grid's formats (printf, "percent")."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(DASHBOARD, data)
    for name, line, stated in (
        ("tp2.yaml", "    continues: tp1-goal-logistics\n", 99.96),  # tp2-goal-logistics
        ("tp1.yaml", "    field: Medical support\n", 0.04),  # tp1-goal-medical
    ):
        plan = data / name
        text = plan.read_text()
        assert text.count(line) == 1
        plan.write_text(text.replace(line, f"{line}    progress: {stated}\n"))
    app = open_app(monkeypatch, data, "objectives", {"lang": language})
    table = app.dataframe[0].value.set_index("id")
    shown = table.loc[["tp2-goal-logistics", "tp1-goal-medical"]]
    assert list(shown["progress"]) == [99.96, 0.04]  # the number, sorted as a number
    assert list(shown["progress_figure"]) == [almost_all, hardly_any]
    assert list(table.columns).index("progress_figure") == list(table.columns).index("progress") + 1
    with using_language(language):
        assert t("Progress") in [
            config.get("label") for config in json.loads(app.dataframe[0].proto.columns).values()
        ]
    for key in PAGES:
        page = open_app(monkeypatch, data, key, {"lang": language})
        for grid in page.dataframe:
            for config in json.loads(grid.proto.columns or "{}").values():
                written = str((config.get("type_config") or {}).get("format") or "")
                assert "%%" not in written and written != "percent", (key, config)
