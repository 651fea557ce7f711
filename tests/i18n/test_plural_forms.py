"""Serbian's three plural forms through the real catalogue: form 0 for 1, 21, 31 ("пре 21
дан"), forms 1 and 2 otherwise ("пре 22 дана", "пре 5 дана"); and no plural entry of the
Serbian catalogue repeats one text for all three forms where the noun changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tracker.i18n import tn, using_language

AGO = ("{date} ({count} day ago)", "{date} ({count} days ago)")
AREAS = ("{count} area", "{count} areas")
CATALOGUE = Path(__file__).parents[2] / "tracker/i18n/locales/sr_Cyrl/LC_MESSAGES/messages.po"
# Entries whose three forms are rightly the same text: the count is not followed by a noun
# that changes ("и још 5", "5 са мерењима") or the noun is in the genitive after "од".
INVARIANT = {
    "and {count} more",
    "{count} more",
    "{count} with measurements",
    "Showing changes {first} to {last} of {count}, newest first.",
    "Showing evidence items {first} to {last} of {count}, newest first.",
    "Showing the {shown} newest of {count} evidence item.",
    "Not measured yet: no amount is recorded against the target of {count} goal, so what "
    "remains is unknown.",
}


@pytest.mark.parametrize(
    ("count", "cyrillic", "latin"),
    [
        (1, "(пре 1 дан)", "(pre 1 dan)"),
        (2, "(пре 2 дана)", "(pre 2 dana)"),
        (5, "(пре 5 дана)", "(pre 5 dana)"),
        (11, "(пре 11 дана)", "(pre 11 dana)"),
        (21, "(пре 21 дан)", "(pre 21 dan)"),
        (22, "(пре 22 дана)", "(pre 22 dana)"),
    ],
)
def test_days_ago_take_serbians_three_forms(count: int, cyrillic: str, latin: str) -> None:
    with using_language("sr-Cyrl"):
        assert tn(*AGO, count, date="d") == f"d {cyrillic}"
    with using_language("sr-Latn"):
        assert tn(*AGO, count, date="d") == f"d {latin}"


@pytest.mark.parametrize(
    ("count", "cyrillic", "latin"),
    [
        (1, "1 област", "1 oblast"),
        (2, "2 области", "2 oblasti"),
        (5, "5 области", "5 oblasti"),
        (11, "11 области", "11 oblasti"),
        (21, "21 област", "21 oblast"),
        (22, "22 области", "22 oblasti"),
    ],
)
def test_areas_take_the_singular_for_one(count: int, cyrillic: str, latin: str) -> None:
    with using_language("sr-Cyrl"):
        assert tn(*AREAS, count) == cyrillic
    with using_language("sr-Latn"):
        assert tn(*AREAS, count) == latin


def test_no_plural_entry_repeats_one_form_for_every_number() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    same = sorted(
        message.id[0]
        for message in catalogue
        if message.id
        and message.pluralizable
        and len(set(message.string)) == 1
        and message.id[0] not in INVARIANT
    )
    assert same == []
