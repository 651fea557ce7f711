"""Every count in a sentence, a plural form or a tile has its thousands grouped the reader's
way ("1,761", "1.761"), numpy's integers from a table too, and the plural form is still
chosen by the number ("21 дан", "22 дана", "25 дана", "1.021 дан")."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tracker.export import sentences
from tracker.i18n import format_count, t, tn, using_language
from tracker.statuses import STATUS_ORDER

GROUPED = {"en": "1,761", "sr-Cyrl": "1.761", "sr-Latn": "1.761"}
DAYS = ("{start} to {end} ({count} day left)", "{start} to {end} ({count} days left)")


@pytest.mark.parametrize("language", sorted(GROUPED))
@pytest.mark.parametrize("count", [1761, np.int64(1761), np.int32(1761), 1761.0])
def test_a_count_is_grouped_in_the_readers_way(language: str, count: object) -> None:
    with using_language(language):
        assert format_count(count) == GROUPED[language]  # type: ignore[arg-type]


@pytest.mark.parametrize("language", sorted(GROUPED))
def test_a_count_in_a_sentence_is_grouped_whatever_its_type(language: str) -> None:
    with using_language(language):
        for count in (1761, np.int64(1761)):
            assert GROUPED[language] in t("{count} overdue", count=count)
            assert GROUPED[language] in tn("{count} file", "{count} files", count)
        assert "1761" not in t("{count} overdue", count=np.int64(1761))


@pytest.mark.parametrize(
    ("count", "cyrillic", "latin"),
    [
        (21, "(преостао 21 дан)", "(preostao 21 dan)"),
        (22, "(преостала 22 дана)", "(preostala 22 dana)"),
        (25, "(преостало 25 дана)", "(preostalo 25 dana)"),
        (1021, "(преостао 1.021 дан)", "(preostao 1.021 dan)"),
        (1022, "(преостала 1.022 дана)", "(preostala 1.022 dana)"),
        (26692, "(преостала 26.692 дана)", "(preostala 26.692 dana)"),
        (26695, "(преостало 26.695 дана)", "(preostalo 26.695 dana)"),
    ],
)
def test_the_plural_form_is_chosen_by_the_number_not_by_its_grouped_text(
    count: int, cyrillic: str, latin: str
) -> None:
    for number in (count, np.int64(count)):
        with using_language("sr-Cyrl"):
            assert tn(*DAYS, number, start="a", end="b").endswith(cyrillic)
        with using_language("sr-Latn"):
            assert tn(*DAYS, number, start="a", end="b").endswith(latin)
    with using_language("en"):
        assert tn(*DAYS, count, start="a", end="b") == f"a to b ({count:,} days left)"


@pytest.mark.parametrize(
    ("count", "cyrillic"),
    [(21, "21 циљ"), (22, "22 циља"), (25, "25 циљева"), (1021, "1.021 циљ"), (1761, "1.761 циљ")],
)
def test_objectives_counted_in_serbian_keep_their_three_forms(count: int, cyrillic: str) -> None:
    with using_language("sr-Cyrl"):
        assert tn("{count} objective", "{count} objectives", np.int64(count)) == cyrillic


def test_the_status_sentence_of_the_exports_groups_its_counts() -> None:
    """The deck's and the briefing's reading of a status chart: "1,761 on track" (a table's
    sums are numpy integers)."""
    table = pd.DataFrame(
        [{status: 0 for status in STATUS_ORDER} | {"on-track": 1761, "at-risk": 1200}],
        index=["ipap2"],
    )
    with using_language("en"):
        said = sentences.status(table)
        assert said.startswith("2,961 objectives:") and "1,761 on track" in said, said
        assert "1,200 at risk" in said
    with using_language("sr-Cyrl"):
        said = sentences.status(table)
        assert said.startswith("2.961 циљ (према плану: 1.761"), said
        assert "1761" not in said and "угрожено: 1.200" in said


def test_a_measured_figure_in_a_sentence_takes_the_readers_decimal_sign() -> None:
    """An `Amount` (a size in MB, a progress of 12.5) reads "12.5" in the English text, kept
    for JSON and logs, and "12,5" when said in Serbian, also after a pickle (the app's cache)."""
    import pickle

    from tracker.i18n.sentence import Amount, said, spoken
    from tracker.statuses import named_status

    sentence = said(
        "status is {status} but progress is {progress}%: set progress to 100, or record "
        "the status that fits",
        status=named_status("completed"),
        progress=Amount(12.5),
    )
    assert sentence.startswith("status is 'Completed' (completed) but progress is 12.5%:")
    for made in (sentence, pickle.loads(pickle.dumps(sentence))):
        with using_language("sr-Cyrl"):
            assert "напредак 12,5\u00a0%" in spoken(made), spoken(made)
        with using_language("sr-Latn"):
            assert "napredak 12,5\u00a0%" in spoken(made)
    assert str(Amount(3.0)) == "3" and str(Amount(10000)) == "10,000"
    assert str(Amount(3.04, 1)) == "3.0" and str(Amount(1234.5, 1)) == "1,234.5"
    with using_language("sr-Cyrl"):
        assert t("{count} overdue", count=Amount(10000)) == t("{count} overdue", count=10000)
