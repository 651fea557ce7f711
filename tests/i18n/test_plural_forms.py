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
    ("message", "count", "values", "cyrillic", "latin"),
    [
        (AGO, 1, {"date": "d"}, "d (пре 1 дан)", "d (pre 1 dan)"),
        (AGO, 2, {"date": "d"}, "d (пре 2 дана)", "d (pre 2 dana)"),
        (AGO, 5, {"date": "d"}, "d (пре 5 дана)", "d (pre 5 dana)"),
        (AGO, 11, {"date": "d"}, "d (пре 11 дана)", "d (pre 11 dana)"),
        (AGO, 21, {"date": "d"}, "d (пре 21 дан)", "d (pre 21 dan)"),
        (AGO, 22, {"date": "d"}, "d (пре 22 дана)", "d (pre 22 dana)"),
        (AREAS, 1, {}, "1 област", "1 oblast"),
        (AREAS, 2, {}, "2 области", "2 oblasti"),
        (AREAS, 5, {}, "5 области", "5 oblasti"),
        (AREAS, 11, {}, "11 области", "11 oblasti"),
        (AREAS, 21, {}, "21 област", "21 oblast"),
        (AREAS, 22, {}, "22 области", "22 oblasti"),
    ],
)
def test_a_count_takes_serbians_form_for_its_number(
    message: tuple[str, str], count: int, values: dict[str, str], cyrillic: str, latin: str
) -> None:
    with using_language("sr-Cyrl"):
        assert tn(*message, count, **values) == cyrillic
    with using_language("sr-Latn"):
        assert tn(*message, count, **values) == latin


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
