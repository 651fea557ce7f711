"""The parse cache: a warm load answers as a cold one does, and nothing stale or damaged is used."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel, PrivateAttr

from tests.equivalence import file_summary, generate_portfolio, portfolio_summary
from tests.support import DEMO_FILE, PROJECT
from tracker.load import cache, fingerprint, loader
from tracker.load.loader import load_file, load_portfolio
from tracker.model import Objective

TODAY = date(2026, 11, 23)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("IPAP_CACHE_DIR", str(folder))
    monkeypatch.delenv("IPAP_CACHE", raising=False)
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate_portfolio(90, folder, seed=3)
    return folder


@pytest.fixture
def data(tmp_path: Path, generated: Path) -> Path:
    """A writable copy of the generated portfolio, with the demo file beside it."""
    folder = tmp_path / "data"
    shutil.copytree(generated, folder)
    shutil.copy(DEMO_FILE, folder / "demo.yaml")
    return folder


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob("parse-*/*.msgpack"))


def cold_portfolio(folder: Path, monkeypatch: pytest.MonkeyPatch, today: date = TODAY):
    with monkeypatch.context() as patch:
        patch.setenv("IPAP_CACHE", "off")
        return load_portfolio(folder, today=today)


class ParseCounter:
    """Counts the files parsed (by either parser), to prove which came from the cache."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.paths: list[str] = []
        original = loader.load_text

        def counting(text: str, shown: str, fallback_plan_id: str = "") -> loader.FileLoad:
            self.paths.append(shown)
            return original(text, shown, fallback_plan_id)

        monkeypatch.setattr(loader, "load_text", counting)


def test_a_warm_load_reads_every_file_from_the_cache_with_the_same_answer(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = cold_portfolio(data, monkeypatch)
    first = load_portfolio(data, today=TODAY)
    assert len(entries(cache_dir)) == 3  # two generated plans and the demo
    counter = ParseCounter(monkeypatch)
    warm = load_portfolio(data, today=TODAY)
    assert counter.paths == []
    assert portfolio_summary(warm) == portfolio_summary(first) == portfolio_summary(expected)
    assert len(warm.objectives) == 92


def test_a_cached_file_gives_the_same_file_load_and_positions(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data / "plan-01.yaml"
    cold = loader._load_located(path.read_text(encoding="utf-8"), str(path), "plan-01")
    load_file(path, str(path))
    warm = load_file(path, str(path))
    assert warm.parsed is None  # read from the entry, not parsed
    assert file_summary(warm) == file_summary(cold)
    for where in [("objectives", 3, "updates", 2, "date"), ("plan", "areas", 1, "id"), ()]:
        assert warm.where(*where) == cold.where(*where)
        assert warm.where(*where, at_key=True) == cold.where(*where, at_key=True)


def test_a_cached_file_keeps_each_objectives_offset(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entry keeps where each objective starts, as the fast path found it, so that a
    warning about one objective parses only its lines, on a warm start as on a cold one."""
    path = data / "plan-01.yaml"
    fresh = load_file(path, str(path))
    assert fresh.offsets is not None and len(fresh.offsets) == len(fresh.objectives)
    warm = load_file(path, str(path))
    assert warm.from_cache and warm.offsets == fresh.offsets
    cold = loader._load_located(path.read_text(encoding="utf-8"), str(path), "plan-01")
    for index in range(len(warm.objectives)):
        assert warm.where("objectives", index, "status") == cold.where(
            "objectives", index, "status"
        )
    assert warm.positions is not None and warm.positions._tree is None


def test_unset_defaults_and_numbers_keep_their_types(cache_dir: Path, tmp_path: Path) -> None:
    """A metric without a baseline keeps pydantic's default 0 (an int), a progress of 40 is 40.0."""
    text = DEMO_FILE.read_text(encoding="utf-8").replace("      baseline: 0\n", "")
    path = tmp_path / "demo.yaml"
    path.write_text(text, encoding="utf-8")
    cold = load_file(path)
    warm = load_file(path)
    assert file_summary(warm) == file_summary(cold)
    metric = warm.objectives[1].metric
    assert metric is not None and type(metric.baseline) is int
    assert "baseline" not in metric.model_fields_set
    assert type(warm.objectives[0].progress) is float


def _slots(model: object) -> tuple[object, ...]:
    """Everything pydantic keeps on an instance, nested models by their own slots."""

    def plain(value: object) -> object:
        if isinstance(value, list):
            return [plain(item) for item in value]
        return _slots(value) if isinstance(value, BaseModel) else value

    assert isinstance(model, BaseModel)
    return (
        type(model),
        {name: plain(value) for name, value in model.__dict__.items()},
        model.__pydantic_fields_set__,
        model.__pydantic_extra__,
        model.__pydantic_private__,
    )


def test_a_model_read_back_is_what_model_construct_makes_of_its_values(
    cache_dir: Path, tmp_path: Path
) -> None:
    """The decoder sets pydantic's slots itself (model_construct's search for aliases and
    defaults was most of a warm start): every model of an entry, nested ones too, must hold
    exactly what model_construct gives for the same values and fields set."""

    def constructed(model: BaseModel) -> BaseModel:
        values = {
            name: (
                [constructed(item) if isinstance(item, BaseModel) else item for item in value]
                if isinstance(value, list)
                else constructed(value)
                if isinstance(value, BaseModel)
                else value
            )
            for name, value in model.__dict__.items()
        }
        made = type(model).model_construct(set(model.model_fields_set), **values)
        if isinstance(model, Objective):
            made.place(model.plan_id, model.file, model.line)
        return made

    read_back: list[Objective] = []
    for source in (DEMO_FILE, PROJECT / "commitments" / "ipap1.yaml"):
        path = tmp_path / source.name
        shutil.copy(source, path)
        cold = load_file(path)
        warm = load_file(path)
        assert warm.parsed is None and warm.plan is not None and cold.plan is not None
        pairs = zip(warm.objectives, cold.objectives, strict=True)
        for read, fresh in [(warm.plan, cold.plan), *pairs]:
            assert _slots(read) == _slots(constructed(read)) == _slots(constructed(fresh))
        read_back += warm.objectives
    assert any(o.translations is not None for o in read_back)  # aliased fields covered
    assert any(o.metric is not None and o.metric.measurements for o in read_back)


def test_a_model_the_shortcut_does_not_cover_is_built_by_model_construct() -> None:
    """A post-init hook of its own or a private default that pydantic copies: model_construct."""

    class Hooked(BaseModel):
        x: int = 0

        def model_post_init(self, context: object) -> None:
            object.__setattr__(self, "x", self.x + 1)

    class Mutable(BaseModel):
        x: int = 0
        _seen: list[int] = PrivateAttr(default=[])

    class Plain(BaseModel):
        x: int = 0
        _note: str = PrivateAttr(default="")

    assert cache._private_defaults(Hooked) is None
    assert cache._private_defaults(Mutable) is None
    assert cache._private_defaults(Plain) == {"_note": ""}
    assert cache._private_defaults(Objective) == {"_plan_id": "", "_file": "", "_line": 0}
    built = cache._Codec(Hooked).decoder()((5, 1))
    assert isinstance(built, Hooked) and built.x == 6  # the hook ran


def test_only_the_changed_file_is_parsed_again(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_portfolio(data, today=TODAY)
    changed = data / "plan-02.yaml"
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("title: ", "title: Revised ", 1), encoding="utf-8")
    counter = ParseCounter(monkeypatch)
    warm = load_portfolio(data, today=TODAY)
    assert [Path(shown).name for shown in counter.paths] == ["plan-02.yaml"]
    assert portfolio_summary(warm) == portfolio_summary(cold_portfolio(data, monkeypatch))
    assert warm.plans["plan-02"].title.startswith("Revised ")


DAMAGE = {
    "a flipped byte": lambda data: data[:-10] + bytes([data[-10] ^ 1]) + data[-9:],
    "cut short": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "not an entry": lambda data: b"hello, world\n" * 40,
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_entry_is_ignored_and_written_again(
    damage: str, data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_portfolio(data, today=TODAY)
    victim = entries(cache_dir)[0]
    healthy = victim.read_bytes()
    victim.write_bytes(DAMAGE[damage](healthy))
    assert portfolio_summary(load_portfolio(data, today=TODAY)) == portfolio_summary(
        cold_portfolio(data, monkeypatch)
    )
    assert victim.read_bytes() == healthy


def test_an_entry_with_a_valid_checksum_but_the_wrong_shape_is_ignored(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even a well-formed entry is only used for the bytes and the code it was made from."""
    load_portfolio(data, today=TODAY)
    first, second = entries(cache_dir)[:2]
    second.write_bytes(first.read_bytes())  # another file's entry under this file's name
    import hashlib

    body = b"\x93\x01\x02\x03"  # msgpack [1, 2, 3]
    checksum = hashlib.blake2b(body, digest_size=32).digest()
    first.write_bytes(b"IPAPC1\n" + checksum + body)
    assert portfolio_summary(load_portfolio(data, today=TODAY)) == portfolio_summary(
        cold_portfolio(data, monkeypatch)
    )


def test_a_pickled_entry_is_never_run(
    data: Path, cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_portfolio(data, today=TODAY)
    victim = entries(cache_dir)[0]
    marker = tmp_path / "pwned"

    class Exploit:
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {marker}",))

    import hashlib

    body = pickle.dumps(Exploit())
    victim.write_bytes(b"IPAPC1\n" + hashlib.blake2b(body, digest_size=32).digest() + body)
    assert portfolio_summary(load_portfolio(data, today=TODAY)) == portfolio_summary(
        cold_portfolio(data, monkeypatch)
    )
    assert not marker.exists()


def test_future_dated_updates_are_judged_on_every_load_not_cached(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = DEMO_FILE.read_text(encoding="utf-8").replace("{date: 2020-01-15", "{date: 2026-11-20")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    before = date(2026, 11, 10)
    assert load_portfolio(tmp_path / "plan.yaml", today=TODAY).errors() == []
    warm = load_portfolio(tmp_path / "plan.yaml", today=before)
    expected = cold_portfolio(tmp_path / "plan.yaml", monkeypatch, today=before)
    assert [str(p) for p in warm.problems] == [str(p) for p in expected.problems]
    assert len(warm.errors()) == 1 and "in the future" in warm.errors()[0].message


def test_cross_file_problems_are_located_exactly_from_cached_files(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A duplicate id across two clean files: both are cached, the problem is still placed."""
    copy = (data / "demo.yaml").read_text(encoding="utf-8").replace("id: demo\n", "id: demo2\n")
    (data / "demo2.yaml").write_text(copy, encoding="utf-8")
    load_portfolio(data, today=TODAY)
    warm = load_portfolio(data, today=TODAY)
    expected = cold_portfolio(data, monkeypatch)
    assert [str(p) for p in warm.problems] == [str(p) for p in expected.problems]
    assert any("already used" in p.message for p in warm.problems)


def test_files_with_problems_are_not_cached(cache_dir: Path, tmp_path: Path) -> None:
    text = DEMO_FILE.read_text(encoding="utf-8").replace("status: on-track", "status: on-trak", 1)
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    load_portfolio(tmp_path / "plan.yaml", today=TODAY)
    assert entries(cache_dir) == []


def test_the_cache_can_be_turned_off(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IPAP_CACHE", "off")
    load_portfolio(data, today=TODAY)
    assert not cache_dir.exists()


def test_an_unusable_cache_folder_is_not_an_error(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("IPAP_CACHE_DIR", str(blocker))
    portfolio = load_portfolio(data, today=TODAY)
    assert portfolio_summary(portfolio) == portfolio_summary(cold_portfolio(data, monkeypatch))


def test_entries_from_other_code_are_never_read(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_portfolio(data, today=TODAY)
    monkeypatch.setattr(cache, "_CODE_VERSION", "v0-other-code")
    counter = ParseCounter(monkeypatch)
    load_portfolio(data, today=TODAY)
    assert len(counter.paths) == 3
    # The other code's folder is gone, and this code's entries took its place.
    assert {path.parent.name for path in entries(cache_dir)} == {"parse-v0-other-code"}


def test_every_module_importing_the_loader_runs_is_in_the_code_digest() -> None:
    # A fresh interpreter is the one place where sys.modules says what the loader imports.
    probe = (
        "import json, sys, tracker.load.loader\n"
        "print(json.dumps(sorted(m.__file__ for n, m in sys.modules.items()\n"
        "    if n.split('.')[0] == 'tracker' and getattr(m, '__file__', None))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    imported = {Path(name).resolve() for name in json.loads(done.stdout)}
    covered = set(cache._SHAPING_CODE)
    assert Path(cache.__file__).resolve() in imported and len(imported) > 20
    assert sorted(imported - covered) == []
    # Imports for type checkers run nothing: the front door's exporters are not in it.
    assert not [path for path in covered if "export" in path.parts]


def test_changing_any_module_the_loader_imports_changes_the_digest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = Path.read_bytes
    before = cache.code_version()
    changed: set[str] = set()
    for shaping in cache._SHAPING_CODE:

        def edited(path: Path, target: Path = shaping) -> bytes:
            extra = b"\n# edited\n" if path == target else b""
            return original(path) + extra

        monkeypatch.setattr(Path, "read_bytes", edited)
        changed.add(cache.code_version())
    monkeypatch.setattr(Path, "read_bytes", original)
    assert cache.code_version() == before
    assert before not in changed and len(changed) == len(cache._SHAPING_CODE)


def test_a_renamed_module_is_followed_by_the_code_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "tracker"
    shutil.copytree(Path(fingerprint.__file__).parents[1], copy)
    load = copy / "load"
    (load / "explain.py").rename(load / "messages.py")
    for module in load.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        module.write_text(text.replace("tracker.load.explain", "tracker.load.messages"))
    monkeypatch.setattr(fingerprint, "_TRACKER", copy)
    files = fingerprint.imported_files(["tracker.load.loader"])
    assert load / "messages.py" in files and (copy / "model.py") in files
    assert all(path.is_relative_to(copy) for path in files)
    # A starting point that is gone is said by name, never skipped.
    (load / "loader.py").unlink()
    with pytest.raises(ModuleNotFoundError, match=r"tracker\.load\.loader"):
        fingerprint.imported_files(["tracker.load.loader"])


def test_the_oldest_entries_are_pruned(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    load_portfolio(data, today=TODAY)
    assert len(entries(cache_dir)) == 2


def test_cached_objectives_name_their_file_as_shown_now(
    data: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(data)
    load_portfolio(data, today=TODAY)
    assert {o.file for o in load_portfolio(data, today=TODAY).objectives} == {
        "demo.yaml",
        "plan-01.yaml",
        "plan-02.yaml",
    }
    monkeypatch.chdir(data.parent)
    files = {o.file for o in load_portfolio(data, today=TODAY).objectives}
    assert files == {"data/demo.yaml", "data/plan-01.yaml", "data/plan-02.yaml"}


def test_stand_ins_hold_an_id_and_its_place_alone() -> None:
    made = cache.stand_ins(["o-1", "o-2"], "plan", "a.yaml", [7, 19])
    assert [(o.id, o.plan_id, o.file, o.line) for o in made] == [
        ("o-1", "plan", "a.yaml", 7),
        ("o-2", "plan", "a.yaml", 19),
    ]
    with pytest.raises(AttributeError):
        made[0].status  # noqa: B018 - nothing but identity: a rule reading more fails loudly
