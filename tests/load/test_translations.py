"""Translations in the data: optional, checked at their line, the same through every reader.

A plan, area, objective, update, evidence item or measurement may carry `translations`,
keyed by language code, each giving only that item's text fields. Files without it stay
valid; a language or a field the tracker does not know is a located problem.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from tests.equivalence import file_summary
from tests.support import DEMO_FILE, SHIPPED
from tracker.i18n import LANGUAGES
from tracker.load.loader import _load_fast, _load_located, load_file, load_portfolio, load_text
from tracker.model import (
    Evidence,
    Measurement,
    Objective,
    Plan,
    Update,
    translatable_fields,
    translation,
)
from tracker.schema import json_schema

DEMO = DEMO_FILE.read_text(encoding="utf-8")

TRANSLATED = (
    DEMO.replace(
        "  title: Demo plan\n",
        "  title: Demo plan\n"
        "  translations:\n"
        "    sr-Cyrl: {title: Пробни план, description: План за проверу}\n",
    )
    .replace(
        "    - {id: exercises, title: Joint exercises}\n",
        "    - {id: exercises, title: Joint exercises, translations: {sr-Latn: {title: Vežbe}}}\n",
    )
    .replace(
        "    title: Take part in joint exercises\n",
        "    title: Take part in joint exercises\n"
        "    translations:\n"
        "      sr-Cyrl:\n"
        "        title: Учешће у заједничким вежбама\n"
        '        description: "Војска Србије на вежбама: 2020."\n'
        "      en: {description: Joint exercises with partners}\n",
    )
    .replace(
        'url: "https://example.org/report", date: 2020-03-02, kind: report}',
        'url: "https://example.org/report", date: 2020-03-02, kind: report, '
        "translations: {sr-Cyrl: {title: Извештај са вежбе}}}",
    )
    .replace(
        "note: Started, by: Desk officer}",
        "note: Started, by: Desk officer, translations: {sr-Cyrl: {note: Почело}}}",
    )
    .replace(
        "- {date: 2020-06-30, value: 300}",
        "- {date: 2020-06-30, value: 300, note: First lot, "
        "translations: {sr-Cyrl: {note: Прва партија}}}",
    )
)


def loaded(text: str) -> tuple[Plan, list[Objective]]:
    load = load_text(text, "plan.yaml", "plan")
    assert [str(p) for p in load.problems] == []
    assert load.plan is not None
    return load.plan, load.objectives


def problems_of(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in load_text(text, "plan.yaml", "plan").problems]


def test_every_translated_item_loads_and_the_accessor_returns_its_text() -> None:
    plan, (exercise, ammo) = loaded(TRANSLATED)
    assert translation(plan, "title", "sr-Cyrl") == "Пробни план"
    assert translation(plan, "description", "sr-Cyrl") == "План за проверу"
    assert translation(plan.areas[0], "title", "sr-Latn") == "Vežbe"
    assert translation(exercise, "title", "sr-Cyrl") == "Учешће у заједничким вежбама"
    assert translation(exercise, "description", "sr-Cyrl") == "Војска Србије на вежбама: 2020."
    assert translation(exercise, "description", "en") == "Joint exercises with partners"
    assert translation(exercise.evidence[0], "title", "sr-Cyrl") == "Извештај са вежбе"
    assert translation(exercise.updates[0], "note", "sr-Cyrl") == "Почело"
    assert ammo.metric is not None
    assert translation(ammo.metric.measurements[0], "note", "sr-Cyrl") == "Прва партија"
    # The item's own text is untouched; the accessor gives only what the file translated.
    assert exercise.title == "Take part in joint exercises"
    assert translation(exercise, "title", "sr-Latn") is None  # no sr-Latn entry
    assert translation(exercise, "title", "en") is None  # an entry without a title
    assert translation(ammo, "title", "sr-Cyrl") is None  # no translations at all
    assert translation(plan.areas[1], "title", "sr-Latn") is None


def test_the_accessor_refuses_what_no_file_may_hold() -> None:
    _, (exercise, _) = loaded(TRANSLATED)
    with pytest.raises(ValueError, match="unknown language 'sr'"):
        translation(exercise, "title", "sr")
    with pytest.raises(ValueError, match="no translatable field 'status'"):
        translation(exercise, "status", "sr-Cyrl")
    with pytest.raises(ValueError, match="no translatable field 'title'"):
        translation(exercise.updates[0], "title", "sr-Cyrl")
    assert translatable_fields(Objective) == ("title", "description", "owner", "field")
    assert translatable_fields(Update) == ("note", "by")
    assert translatable_fields(Measurement) == ("note",)
    assert translatable_fields(Evidence) == ("title",)


def test_files_without_translations_stay_valid() -> None:
    plan, objectives = loaded(DEMO)
    assert plan.translations is None and all(o.translations is None for o in objectives)
    assert translation(plan, "title", "sr-Cyrl") is None


def test_an_unknown_language_is_refused_at_its_line_with_the_languages_to_use() -> None:
    text = TRANSLATED.replace("      en: {description:", "      sr-Cyrillic: {description:")
    line = text.splitlines().index(
        "      sr-Cyrillic: {description: Joint exercises with partners}"
    )
    assert problems_of(text) == [
        (
            line + 1,
            "objective 'demo-ex' translations: unknown language 'sr-Cyrillic' in translations: "
            "did you mean 'sr-Cyrl'? Use one of en, sr-Cyrl, sr-Latn",
        )
    ]
    far = TRANSLATED.replace("    sr-Cyrl: {title: Пробни план", "    fr: {title: Пробни план")
    line = far.splitlines().index("    fr: {title: Пробни план, description: План за проверу}") + 1
    message = "unknown language 'fr' in translations: use one of en, sr-Cyrl, sr-Latn"
    assert problems_of(far) == [(line, f"plan.translations: {message}")]


def test_an_untranslatable_field_is_refused_at_its_line() -> None:
    text = TRANSLATED.replace(
        "        title: Учешће у заједничким вежбама\n",
        "        title: Учешће у заједничким вежбама\n        status: у току\n",
    )
    line = text.splitlines().index("        status: у току") + 1
    assert problems_of(text) == [
        (
            line,
            "objective 'demo-ex' translations.sr-Cyrl: unknown field 'status' in a translation: "
            "only title, description, owner, field can be translated here",
        )
    ]
    typo = TRANSLATED.replace("{sr-Cyrl: {note: Почело}}", "{sr-Cyrl: {nte: Почело}}")
    (found,) = problems_of(typo)
    assert (
        found[0]
        == typo.splitlines().index(
            next(line for line in typo.splitlines() if "nte: Почело" in line)
        )
        + 1
    )
    assert "unknown field 'nte' in a translation: did you mean 'note'?" in found[1]


def test_the_fast_path_reads_translations_as_the_located_parser_does() -> None:
    fast = _load_fast(TRANSLATED, "plan.yaml", "plan")
    assert fast is not None  # a clean file with translations still takes the fast path
    assert file_summary(fast) == file_summary(_load_located(TRANSLATED, "plan.yaml", "plan"))


def test_the_parse_cache_gives_back_every_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IPAP_CACHE", raising=False)
    path = tmp_path / "plan.yaml"
    path.write_text(TRANSLATED, encoding="utf-8")
    cold = _load_located(TRANSLATED, str(path), "plan")
    load_file(path, str(path))
    warm = load_file(path, str(path))
    assert warm.parsed is None  # read back from the entry, not parsed
    assert file_summary(warm) == file_summary(cold)
    assert translation(warm.objectives[0].updates[0], "note", "sr-Cyrl") == "Почело"


def test_the_schema_completes_the_languages_and_their_fields() -> None:
    schema = json_schema()
    definitions = schema["definitions"]
    objective_translations = json.dumps(definitions["Objective"]["properties"]["translations"])
    (name,) = re.findall(r"#/definitions/(\w+)", objective_translations)
    languages = definitions[name]
    assert list(languages["properties"]) == list(LANGUAGES)
    assert languages["additionalProperties"] is False
    (entry,) = set(re.findall(r"#/definitions/(\w+)", json.dumps(languages)))
    assert set(definitions[entry]["properties"]) == {"title", "description", "owner", "field"}
    assert definitions[entry]["additionalProperties"] is False
    for kind in ("Plan", "Area", "Update", "Evidence", "Measurement"):
        assert "translations" in definitions[kind]["properties"], kind


# --- The shipped data in Serbian -----------------------------------------------------------

LATIN = re.compile(r"[A-Za-z]")
# NATO's bodies keep their Latin acronyms in Serbian text, as Serbian institutions write them.
LATIN_ACRONYMS = {"EADRCC", "DPRC"}


def shipped_items():
    portfolio = load_portfolio(SHIPPED, today=date(2026, 12, 1))
    ids = {o.id for o in portfolio.objectives}
    for plan in portfolio.plans.values():
        yield f"plan {plan.id}", plan, ids
        for area in plan.areas:
            yield f"area {plan.id}/{area.id}", area, ids
    for objective in portfolio.objectives:
        yield f"objective {objective.id}", objective, ids


def test_every_shipped_plan_area_and_objective_has_a_serbian_title_and_description() -> None:
    items = list(shipped_items())
    assert len(items) == 2 + 11 + 38
    for where, item, ids in items:
        for field in ("title", "description"):
            text = translation(item, field, "sr-Cyrl")
            assert text, f"{where}: no sr-Cyrl {field}"
            # Cyrillic only: an id named in the text, or a NATO body's acronym, may be Latin.
            allowed = ids | LATIN_ACRONYMS
            rest = " ".join(word for word in text.split() if word.strip("().,;:") not in allowed)
            assert not LATIN.search(rest), f"{where} {field}: Latin letters in {text!r}"
            assert re.search("[А-Яа-яЂђЈјЉљЊњЋћЏџ]", text), where


def test_every_shipped_evidence_title_and_update_note_has_serbian_text() -> None:
    portfolio = load_portfolio(SHIPPED, today=date(2026, 12, 1))
    cyrillic = re.compile("[А-Яа-яЂђЈјЉљЊњЋћЏџ]")
    for objective in portfolio.objectives:
        for evidence in objective.evidence:
            text = translation(evidence, "title", "sr-Cyrl")
            assert text and cyrillic.search(text), (objective.id, evidence.title)
        for update in objective.updates:
            if update.note:
                text = translation(update, "note", "sr-Cyrl")
                assert text and cyrillic.search(text), (objective.id, update.date)


def _figures(text: str) -> set[str]:
    """The numbers a text states, thousands written either way ("2,000", Serbian "2.000")."""
    return set(re.findall(r"\d+", re.sub(r"(?<=\d)[.,](?=\d{3}\b)", "", text)))


def test_the_shipped_serbian_states_no_figure_its_english_does_not() -> None:
    """A translation says no more than its English: a number (a date, a count, an ordinal) in
    the Serbian that the English lacks is a fact added in translation (the campaign's owner
    note named the „7.” Belgrade NATO Week, which its English does not)."""
    portfolio = load_portfolio(SHIPPED, today=date(2026, 12, 1))
    items: list[tuple[str, object]] = []
    for plan in portfolio.plans.values():
        items += [(plan.id, plan), *((f"{plan.id}/{area.id}", area) for area in plan.areas)]
    for objective in portfolio.objectives:
        items.append((objective.id, objective))
        items += [(f"{objective.id} update", update) for update in objective.updates]
        items += [(f"{objective.id} evidence", item) for item in objective.evidence]
    added = []
    for where, item in items:
        for field in translatable_fields(type(item)):
            serbian = translation(item, field, "sr-Cyrl")  # type: ignore[arg-type]
            english = getattr(item, field)
            if serbian and english and _figures(serbian) - _figures(english):
                added.append((where, field, _figures(serbian) - _figures(english)))
    assert added == []
    assert _figures("до 2.000 тона, 7. новембра 2019.") == {"2000", "7", "2019"}
