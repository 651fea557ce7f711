"""The fast parser's date keys are read from the models, so the two parsers cannot drift apart."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from tracker.load import fastparse
from tracker.model import Document, IsoDate, date_keys


def _schema_date_properties(schema: dict[str, Any]) -> set[str]:
    """Every property the JSON schema (the format's published contract) declares a date."""
    found: set[str] = set()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        for name, prop in definition.get("properties", {}).items():
            kinds = prop.get("anyOf", [prop])
            if any(kind.get("format") == "date" for kind in kinds):
                found.add(name)
    return found


def test_the_fast_parser_uses_every_date_field_the_model_declares() -> None:
    expected = {"adopted", "start", "end", "due", "date"}  # plan, objective, source, update, ...
    assert set(fastparse.DATE_KEYS) == expected
    assert set(fastparse.DATE_KEYS) == _schema_date_properties(Document.model_json_schema())


class _Visit(BaseModel):
    on: IsoDate
    note: str | None = None


class _Trip(BaseModel):
    leaves: IsoDate | None = None
    visits: list[_Visit] = Field(default_factory=list)
    back: date = Field(alias="returns")


class _Log(BaseModel):
    trip: _Trip | None = None
    dates: list[IsoDate] = Field(default_factory=list)


def test_a_date_field_added_anywhere_is_picked_up() -> None:
    # Nested in an optional model, in a list of models, optional itself, or under an alias.
    assert date_keys(_Log) == {"leaves", "on", "returns"}


class _Entry(BaseModel):
    on: str  # text here, a date in _Visit


class _Mixed(BaseModel):
    visit: _Visit
    entries: list[_Entry] = Field(default_factory=list)
    either: IsoDate | str = ""


def test_a_key_that_is_text_somewhere_is_no_date_key() -> None:
    # Under `on`, a YAML date and a quoted one would differ in _Entry: the fast parser must
    # refuse such text, so `on` is no date key; neither is a field that may also be text.
    assert date_keys(_Mixed) == frozenset()
