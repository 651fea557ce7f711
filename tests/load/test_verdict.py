"""The portfolio's kept verdict: read back it says what judging the files says, in every
language, and nothing stale (another file, day, limit or code) or damaged is used."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from tests.support import PROJECT, RULES_PLAN, objective
from tracker.i18n import LANGUAGES, using_language
from tracker.i18n.sentence import Amount, joined, said, said_n, said_p, spoken
from tracker.load import loader, verdict
from tracker.load.verdict import Verdict, load_verdict
from tracker.problems import MoreProblems, Problem

TODAY = date(2021, 6, 1)
OTHER_PLAN = RULES_PLAN.replace("id: rules", "id: other").replace("Rules plan", "Other plan")


def _plans(folder: Path) -> Path:
    """Two clean plan files whose objectives break rules of every family: errors and
    warnings, amounts, dates and nested sentences in the messages, a cap of 200 reached."""
    folder.mkdir()
    risky = [
        objective("o-late", due="2020-01-01", status="on-track"),
        objective("o-order", start="2021-03-01", due="2020-03-01"),
        objective("o-dangling", "depends_on: [nowhere]", "continues: nothing-before"),
        objective(
            "o-ammo",
            "metric:",
            "  unit: tonnes",
            "  target: 2000",
            "  measurements:",
            "    - {date: 2020-01-01, value: 300}",
            "    - {date: 2020-06-01, value: -50.5}",
            "    - {date: 2022-01-01, value: 100}",
        ),
        objective("o-done", "progress: 40", status="completed"),
        objective(
            "o-future",
            "updates:",
            "  - {date: 2030-01-01, status: on-track, note: from the future}",
            status="on-track",
        ),
    ]
    many = [objective(f"o-{k:03d}", due="2020-01-01", status="on-track") for k in range(230)]
    (folder / "a.yaml").write_text(RULES_PLAN + "".join(risky + many), encoding="utf-8")
    twin = objective("o-late", area="nowhere")
    own = objective("o-b", "depends_on: [o-ammo]", due="2020-01-01", status="on-track")
    (folder / "b.yaml").write_text(OTHER_PLAN + own + twin, encoding="utf-8")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("IPAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("IPAP_CACHE", raising=False)
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return _plans(tmp_path / "data")


def kept(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("verdict-*/*.msgpack"))


def told(found: Verdict) -> list[object]:
    """Everything a verdict tells, each problem as every language says it, with its types."""
    problems = []
    for problem in found.problems:
        spoken = {}
        for language in LANGUAGES:
            with using_language(language):
                spoken[language] = str(problem)
        problems.append(
            (
                type(problem).__name__,
                problem.path,
                problem.line,
                problem.column,
                problem.severity,
                str(problem.message),
                type(problem.message).__name__,
                getattr(problem, "more", None),
                spoken,
                problem.as_github_annotation(),
            )
        )
    return [found.files, problems, found.unreadable, found.objectives]


class Judgements:
    """Counts the portfolios judged (assembled), to prove which verdicts were read back."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = loader.assemble

        def counting(*args: object, **kwargs: object) -> object:
            self.count += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(loader, "assemble", counting)


def test_a_kept_verdict_says_what_judging_the_files_says(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setenv("IPAP_CACHE", "off")
        cold = load_verdict(data, TODAY)
    assert kept(cache_dir) == []
    first = load_verdict(data, TODAY)
    assert len(kept(cache_dir)) == 1
    judgements = Judgements(monkeypatch)
    warm = load_verdict(data, TODAY)
    assert judgements.count == 0  # read back
    assert told(warm) == told(first) == told(cold)
    # The portfolio holds what the entry had to carry: both severities, the cap's count,
    # amounts, days and sentences inside sentences.
    messages = [str(problem) for problem in warm.problems]
    assert any(isinstance(problem, MoreProblems) for problem in warm.problems)
    assert {problem.severity for problem in warm.problems} == {"error", "warning"}
    for words in ("-50.5 tonnes", "2022-01-01", "'On track' (on-track)", "nowhere", "o-late"):
        assert any(words in message for message in messages), words
    assert len(warm.objectives) == 237 and ("rules", "on-track") in warm.objectives


def test_validate_and_summary_print_the_same_from_a_kept_verdict(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    outputs = []
    for cache in ("off", "on", "on"):  # judged, judged and kept, read back
        monkeypatch.setenv("IPAP_CACHE", cache)
        for language in ("en", "sr-Cyrl"):
            for command in (["validate"], ["validate", "--format", "json"], ["summary"]):
                result = run_cli(*command, "--lang", language, str(data))
                outputs.append((cache, command, language, result.code, result.out, result.err))
    assert len(kept(cache_dir)) == 1
    runs = len(outputs) // 3
    assert outputs[:runs] != [] and all(code == 1 for _, _, _, code, _, _ in outputs)
    assert [o[1:] for o in outputs[:runs]] == [o[1:] for o in outputs[runs : 2 * runs]]
    assert [o[1:] for o in outputs[:runs]] == [o[1:] for o in outputs[2 * runs :]]


def test_an_edit_another_day_or_a_lowered_limit_is_judged_again(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = load_verdict(data, TODAY)
    judgements = Judgements(monkeypatch)
    # Another day: the future-dated update of 2030 is still ahead, but a later day's
    # past-due warnings and future dates differ; the verdict is made again.
    later = load_verdict(data, date(2031, 1, 1))
    assert judgements.count == 1 and told(later) != told(before)
    # An edited file.
    target = data / "b.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("nowhere", "exercises"))
    edited = load_verdict(data, TODAY)
    assert judgements.count == 2
    assert not any("nowhere" in str(p) and p.path.endswith("b.yaml") for p in edited.problems)
    # A file added.
    (data / "c.yaml").write_text(OTHER_PLAN.replace("id: other", "id: third"), encoding="utf-8")
    assert len(load_verdict(data, TODAY).files) == 3 and judgements.count == 3
    # A limit lowered under a file: refused as the loader refuses it, never read back.
    monkeypatch.setenv("IPAP_MAX_FILE_MB", "0.001")
    refused = load_verdict(data, TODAY)
    assert judgements.count == 4
    assert any("over the" in str(problem) for problem in refused.problems)


def test_a_file_with_problems_of_its_own_keeps_no_verdict(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (data / "broken.yaml").write_text(RULES_PLAN + "  - id: [unclosed\n", encoding="utf-8")
    first = load_verdict(data, TODAY)
    assert kept(cache_dir) == []
    judgements = Judgements(monkeypatch)
    again = load_verdict(data, TODAY)
    assert judgements.count == 1 and told(again) == told(first)
    assert any(problem.path.endswith("broken.yaml") for problem in again.problems)


def test_a_damaged_or_foreign_entry_is_a_miss(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = told(load_verdict(data, TODAY))
    (entry,) = kept(cache_dir)
    body = bytearray(entry.read_bytes())
    body[-5] ^= 0xFF
    entry.write_bytes(bytes(body))
    judgements = Judgements(monkeypatch)
    assert told(load_verdict(data, TODAY)) == expected and judgements.count == 1
    # Written again, and read back.
    assert told(load_verdict(data, TODAY)) == expected and judgements.count == 1
    # Entries of other code are never read: their folder is another.
    monkeypatch.setattr(verdict, "code_version", lambda: "v0-other-code")
    assert told(load_verdict(data, TODAY)) == expected and judgements.count == 2


def test_a_problem_it_cannot_write_back_exactly_is_not_kept(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Odd(str):
        """A value of a kind the entry has no tag for."""

    original = loader.assemble

    def with_an_odd_value(*args: object, **kwargs: object) -> object:
        portfolio = original(*args, **kwargs)  # type: ignore[arg-type]
        portfolio.problems.append(Problem("a.yaml", 1, 1, said("{x}", x=Odd("odd"))))
        return portfolio

    monkeypatch.setattr(loader, "assemble", with_an_odd_value)
    found = load_verdict(data, TODAY)
    assert str(found.problems[-1]) == "a.yaml:1:1: odd"
    assert kept(cache_dir) == []


def test_every_module_importing_the_loader_runs_is_in_the_verdicts_code_digest() -> None:
    probe = (
        "import json, sys, tracker.load.loader, tracker.load.verdict\n"
        "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()\n"
        "    if n.split('.')[0] == 'tracker' and getattr(m, '__file__', None))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    imported = {Path(name).resolve() for name in json.loads(done.stdout)}
    covered = set(verdict.shaping_code())
    assert Path(verdict.__file__).resolve() in covered
    assert Path(loader.__file__).resolve().parent / "portfolio.py" in covered
    assert sorted(imported - covered) == []


def test_every_kind_of_value_a_message_holds_is_written_back_exactly() -> None:
    message = joined(
        [
            said("the file is {size} MB, over {limit}", size=Amount(2.25, 1), limit=Amount(3)),
            said_p("a figure with decimals", "{amount} tonnes", amount=Amount(1.5)),
            said_n("{count} tonne", "{count} tonnes", Amount(1)),  # type: ignore[arg-type]
            said(
                "{day}: {flag} {none} {n} {x}",
                day=date(2020, 2, 29),
                flag=True,
                none=None,
                n=7,
                x=0.5,
            ),
            "plain text",
        ]
    )
    back = verdict._message_from(verdict._message(message))
    assert type(back) is type(message) and back == message
    for language in LANGUAGES:
        with using_language(language):
            assert spoken(back) == spoken(message)

    def shape(value: object) -> object:
        parts = getattr(value, "parts", None)
        if parts is not None:
            return ("joined", value.separator, [shape(part) for part in parts])  # type: ignore[attr-defined]
        if hasattr(value, "forms"):
            values = {k: shape(v) for k, v in value.values.items()}  # type: ignore[attr-defined]
            return ("sentence", value.forms, value.context, values)  # type: ignore[attr-defined]
        return (type(value).__name__, value, getattr(value, "decimals", None))

    assert shape(back) == shape(message)
