"""The language is chosen per thread (per reader), from a code in any common spelling."""

from __future__ import annotations

import threading

import pytest

from tracker import i18n
from tracker.i18n import current_language, language_of, set_language, t, using_language


@pytest.mark.parametrize(
    ("code", "language"),
    [
        ("sr-Cyrl", "sr-Cyrl"), ("sr_Cyrl", "sr-Cyrl"), ("sr", "sr-Cyrl"), ("sr-RS", "sr-Cyrl"),
        ("sr-Latn", "sr-Latn"), ("sr_Latn", "sr-Latn"), ("sr@latin", "sr-Latn"),
        ("sr-Latn-RS", "sr-Latn"), ("SR-LATN", "sr-Latn"), ("en", "en"), ("en-US", "en"),
        ("de-DE", None), ("", None), (None, None),
    ],
)  # fmt: skip
def test_a_language_code_in_any_spelling(code: str | None, language: str | None) -> None:
    assert language_of(code) == language


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        set_language("xx")


def test_the_environment_is_the_default_and_an_unknown_one_means_english(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "sr-Latn")
    assert current_language() == "sr-Latn"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "klingon")
    assert current_language() == "en"


def test_using_language_restores_the_previous_choice() -> None:
    with using_language("sr-Cyrl"):
        assert current_language() == "sr-Cyrl"
        with using_language("sr-Latn"):
            assert current_language() == "sr-Latn"
        assert current_language() == "sr-Cyrl"
    assert current_language() == "en"


def test_the_language_is_chosen_per_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    seen: dict[str, str] = {}
    ready = threading.Barrier(2)

    def reader(code: str) -> None:
        with using_language(code):
            ready.wait()  # both threads hold their language at the same moment
            seen[code] = t("Overview")

    workers = [threading.Thread(target=reader, args=(code,)) for code in ("en", "sr-Cyrl")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert seen["en"] == "Overview"
    assert seen["sr-Cyrl"] == t("Overview") or current_language() == "en"
    assert current_language() == "en"  # neither thread's choice leaked here


@pytest.mark.parametrize("language", ["en", "sr-Cyrl", "sr-Latn"])
def test_a_filler_says_a_message_as_t_does(language: str) -> None:
    """filler() reads the catalogue once for a message said on many rows (the workbook's
    changes): what it says is t()'s sentence, counts grouped and a value's full stop kept
    single, in every language."""
    from datetime import date

    from tracker.i18n import filler, format_day

    with using_language(language):
        cases = [
            ("{change}: {note}", {"change": "still on track", "note": "Done."}),
            ("{count} of {total}", {"count": 1200, "total": 10000}),
            ("Nothing changed since {date}.", {"date": format_day(date(2026, 12, 2))}),
        ]
        fillers = [(filler(message), message, values) for message, values in cases]
        said = [t(message, **values) for message, values in cases]
        assert [fill(**values) for fill, _, values in fillers] == said
    grouped = {"en": "1,200 of 10,000", "sr-Cyrl": "1.200 од 10.000", "sr-Latn": "1.200 od 10.000"}
    assert said[1] == grouped[language]
    assert said[2].endswith(".") and not said[2].endswith("..")
