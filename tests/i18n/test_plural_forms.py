"""Serbian's three plural forms through the real catalogue: form 0 for 1, 21, 31 ("21
област"), forms 1 and 2 otherwise ("22 области", "5 области"); after a preposition that
takes the genitive the noun is in the genitive in every form ("пре 1 дана", "пре 21 дана",
never "пре 1 дан"); and no plural entry of the Serbian catalogue repeats one text for all
three forms where the noun changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tracker.i18n import tn, using_language

AGO = ("{date} ({count} day ago)", "{date} ({count} days ago)")
AREAS = ("{count} area", "{count} areas")
RECORDS = ("{count} record ({kinds}), newest first.", "{count} records ({kinds}), newest first.")
ATTENTION = (
    "{count} objective needs attention ({overdue} overdue); earliest due first.",
    "{count} objectives need attention ({overdue} overdue); earliest due first.",
)
EVIDENCE = ("**{count}** new evidence", "**{count}** new evidence")
IMPORTED = ("Imported {count} update into {files}.", "Imported {count} updates into {files}.")
CATALOGUE = Path(__file__).parents[2] / "tracker/i18n/locales/sr_Cyrl/LC_MESSAGES/messages.po"
# Entries whose three forms are rightly the same text: the count is not followed by a noun
# that changes ("и још 5", "5 са мерењима") or the noun is in the genitive after "од" or
# "пре" (whose genitive singular and plural are one word, "дана").
INVARIANT = {
    "and {count} more",
    "{count} more",
    "{count} with measurements",
    "Showing changes {first} to {last} of {count}, newest first.",
    "Showing evidence items {first} to {last} of {count}, newest first.",
    "Showing the {shown} newest of {count} evidence item.",
    "{date} ({count} day ago)",
    "Not measured yet: no amount is recorded against the target of {count} goal, so what "
    "remains is unknown.",
}


@pytest.mark.parametrize(
    ("message", "count", "values", "cyrillic", "latin"),
    [
        (AGO, 1, {"date": "d"}, "d (пре 1 дана)", "d (pre 1 dana)"),
        (AGO, 2, {"date": "d"}, "d (пре 2 дана)", "d (pre 2 dana)"),
        (AGO, 5, {"date": "d"}, "d (пре 5 дана)", "d (pre 5 dana)"),
        (AGO, 11, {"date": "d"}, "d (пре 11 дана)", "d (pre 11 dana)"),
        (AGO, 21, {"date": "d"}, "d (пре 21 дана)", "d (pre 21 dana)"),
        (AGO, 22, {"date": "d"}, "d (пре 22 дана)", "d (pre 22 dana)"),
        (AREAS, 1, {}, "1 област", "1 oblast"),
        (AREAS, 2, {}, "2 области", "2 oblasti"),
        (AREAS, 5, {}, "5 области", "5 oblasti"),
        (AREAS, 11, {}, "11 области", "11 oblasti"),
        (AREAS, 21, {}, "21 област", "21 oblast"),
        (AREAS, 22, {}, "22 области", "22 oblasti"),
        # "newest first" as an adverb ("редом"), which agrees with no count: "64 записа …
        # поређано" (a neuter singular after a genitive plural) was the wrong agreement.
        (
            RECORDS,
            1,
            {"kinds": "k"},
            "1 запис (k), редом од најновијег.",
            "1 zapis (k), redom od najnovijeg.",
        ),
        (
            RECORDS,
            64,
            {"kinds": "k"},
            "64 записа (k), редом од најновијег.",
            "64 zapisa (k), redom od najnovijeg.",
        ),
        (
            ATTENTION,
            2,
            {"overdue": 1},
            "2 циља захтевају пажњу (рок истекао: 1); редом по року, од најранијег.",
            "2 cilja zahtevaju pažnju (rok istekao: 1); redom po roku, od najranijeg.",
        ),
        # The overview's changes tile counts evidence as it counts changes („17 нових
        # доказа, 0 нових мерења”), never „нови докази: 17” between two counts.
        (EVIDENCE, 1, {}, "**1** нови доказ", "**1** novi dokaz"),
        (EVIDENCE, 17, {}, "**17** нових доказа", "**17** novih dokaza"),
        (EVIDENCE, 22, {}, "**22** нова доказа", "**22** nova dokaza"),
        # "Imported" is "увезено" (brought in from a file), not "уведено" (introduced).
        (
            IMPORTED,
            2,
            {"files": "f"},
            "Увезена су 2 ажурирања у f.",
            "Uvezena su 2 ažuriranja u f.",
        ),
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


# Prepositions that take the genitive, written just before a count ("пре {count} дана", "од
# укупно {count} промене"): the noun after the count is then in the genitive singular for
# form 0, which is the word form 1 uses too (дана, циља, тоне, промене), never the
# nominative of "1 дан".
GENITIVE_BEFORE_COUNT = re.compile(
    r"\b(?:пре|од|до|без|након|током|око|више од|мање од)\s+(?:укупно\s+)?\{count\}\s+(\w+)"
)


def test_a_count_after_a_genitive_preposition_takes_the_genitive_in_every_form() -> None:
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle)
    wrong = []
    for message in catalogue:
        if not (message.id and message.pluralizable):
            continue
        one, few = (GENITIVE_BEFORE_COUNT.findall(form) for form in message.string[:2])
        if one != few:
            wrong.append((message.id[0], one, few))
    assert wrong == []
