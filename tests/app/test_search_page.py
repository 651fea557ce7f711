"""The Objectives page's search and the sidebar's filters, as a desk officer uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import components.tables
from bench.generate import generate
from tests.support import SEARCH, SHIPPED, open_app
from tracker.statuses import STATUS_LABELS, STATUS_ORDER


def test_typing_cacak_in_the_search_lists_the_cacak_objectives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, SEARCH, "objectives")
    app.text_input(key="filter_text").set_value("cacak").run()
    assert not app.exception
    table = app.dataframe[0].value
    # One says Čačak in its title; the other only in its Serbian (Cyrillic) description.
    assert set(table["id"]) == {"sp1-cacak-overhaul", "sp1-storage"}
    assert "Overhaul the ammunition lines at the Technical Overhaul Institute Čačak" in set(
        table["title"]
    )
    assert app.query_params["q"] == "cacak"


def test_the_city_ranks_before_words_that_merely_contain_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, SEARCH, "objectives", {"q": "Nis"})
    table = app.dataframe[0].value
    assert len(table) == 4  # "Ministry" holds "nis" too: found, but after the city
    assert table["title"].iloc[0] == "Civil emergency training in Niš"


def test_picking_a_plan_leaves_only_its_areas_in_the_area_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, SHIPPED, "objectives")
    every_area = set(app.multiselect(key="filter_area").options)
    app.multiselect(key="filter_plan").set_value(["ipap2"]).run()
    offered = app.multiselect(key="filter_area").options
    assert offered and set(offered) < every_area
    assert all(label.endswith("(IPAP 2)") or "IPAP 2" in label for label in offered)
    assert not any(label.endswith("(IPAP 1)") for label in offered)


def test_back_on_the_objectives_page_the_address_names_no_objective(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = open_app(monkeypatch, SEARCH, "objectives", {"objective": "sp1-storage", "q": "cacak"})
    assert "objective" not in app.query_params
    assert app.query_params["q"] == "cacak"


def test_clicking_a_title_opens_its_objective(monkeypatch: pytest.MonkeyPatch) -> None:
    app = open_app(monkeypatch, SEARCH, "objectives")
    table = app.dataframe[0].value
    row = list(table["id"]).index("sp1-storage")
    app.session_state["objectives_table"] = {
        "selection": {"rows": [], "columns": [], "cells": [[row, "title"]]}
    }
    app.run()
    assert app.title[0].value == "Safe storage of surplus munitions"
    assert app.query_params["objective"] == "sp1-storage"


def test_a_large_table_still_colours_each_status(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Past 2,000 rows a styled cell costs too much, so the status is a coloured label the
    # grid draws: every row keeps its colour (it used to go plain above 2,000). The page
    # sends 500 rows at a time now; a page as long as this one is a size it may be set to.
    monkeypatch.setattr(components.tables, "MAX_OBJECTIVE_ROWS", 2_100)
    generate(2_100, tmp_path, plans=6)
    app = open_app(monkeypatch, tmp_path, "objectives")
    grid = app.dataframe[0]
    assert len(grid.value) == 2_100
    assert all(len(cell) == 1 for cell in grid.value["status"])  # one label per row
    status = json.loads(grid.proto.columns)["status"]
    labels = [STATUS_LABELS[s] for s in STATUS_ORDER]
    assert status["type_config"]["options"] == [
        {"value": label, "color": colour}
        for label, colour in zip(labels, status_colours(), strict=True)
    ]
    assert {cell[0] for cell in grid.value["status"]} <= set(labels)


def status_colours() -> list[str]:
    """The label colours: the status colour, or for a light one (dark text) a tint of it."""
    from components.tables import _label_colour

    return [_label_colour(status) for status in STATUS_ORDER]
