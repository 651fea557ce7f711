"""A throwaway disk cache of each clean plan file's validated contents, keyed on its bytes.

Parsing and validating a 5 MB plan file takes a fraction of a second even on the fast path;
reading back what it produced takes a tenth of that. An entry is found by the SHA-256 of the
file's bytes inside a folder named for the tracker's format version and a digest of the code
that shapes the result, so an edited file or a changed model can never be answered from an old
entry. Only files without any problem are stored: a file with problems is parsed again, so every
problem is located afresh; rules that depend on today (future-dated updates) run in `assemble`
on every load, never from here.

The entry is msgpack (through msgspec, whose decoder builds only plain values and never runs
code; never pickle), checked against a BLAKE2 checksum before use. A missing, corrupted or
unreadable entry is simply a miss, and is written again. Writes go to a temporary file that
is renamed into place under a lock, so readers never see half an entry.

Default folder: `.cache/` in the project, or $IPAP_CACHE_DIR; IPAP_CACHE=off turns it off.
"""

from __future__ import annotations

import hashlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal, Union

import msgspec
from pydantic import BaseModel

from tracker import settings
from tracker.load import codeversion, sealed
from tracker.load.fingerprint import imported_files
from tracker.model import Objective, Plan

# Bump when the meaning of an entry changes in a way the code digest below would not catch.
FORMAT_VERSION = 1
_MAGIC = b"IPAPC1\n"
# Code and libraries that decide what a FileLoad holds: a change to any of them starts a new
# folder, and entries made by other code are never read. The code is every module the loader
# and this cache import, read from their import statements (tracker.load.fingerprint), so a
# module renamed, added or newly imported is covered without anyone listing it.
_SHAPING_CODE = imported_files(("tracker.load.loader", __name__))
_SHAPING_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "rapidyaml", "msgspec")
# Enough for every plan file of a large portfolio and a few old versions of each.
MAX_ENTRIES = 256


def code_version() -> str:
    """The format version and a digest of the code that shapes an entry, as a folder name."""
    return codeversion.code_version(_SHAPING_CODE, FORMAT_VERSION, _SHAPING_LIBRARIES)


_CODE_VERSION = code_version()


def content_digest(raw: bytes) -> str:
    """The key of a file's entry: the SHA-256 of its bytes, after the entries cap they were
    judged under (settings.max_entries: a file clean under one cap is refused under a lower)."""
    digest = hashlib.sha256(f"{settings.max_entries()}\0".encode())
    digest.update(raw)
    return digest.hexdigest()


@dataclass
class CachedFile:
    """What a clean file contributes, as read back from its entry."""

    plan: Plan
    plan_id: str
    objectives: list[Objective]
    lines: list[int]
    # Each objective's first key's byte offset (tracker.load.fileload.FileLoad.offsets), or
    # None when the entry was written without them.
    offsets: list[int] | None = None


# --- Turning models into rows and back --------------------------------------------------------
#
# A model is stored as a row: its field values in declaration order, then a bit mask of the
# fields that were set in the file (pydantic's model_fields_set, which `exclude_unset` dumps
# rely on). Rows are read back without validation (pydantic's model_construct), which is what
# makes a warm start fast; the entry's checksum and its typed decoding guard the input.


class _Codec:
    """Row encoding and fast reconstruction for one model class."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        self.names = tuple(model.model_fields)
        self.bits = {name: 1 << index for index, name in enumerate(self.names)}
        self.children: list[tuple[int, str, _Codec]] = []
        wire: list[Any] = []
        for index, name in enumerate(self.names):
            annotation = model.model_fields[name].annotation
            inner = _inner_model(annotation)
            if inner is not None:
                codec = _codec(inner)
                shape = "list" if typing.get_origin(annotation) is list else "one"
                self.children.append((index, shape, codec))
                row = codec.wire
                wire.append(list[row] if shape == "list" else _optional(row, annotation))
            else:
                wire.append(_wire_type(annotation))
        wire.append(int)  # the mask of fields set
        self.wire: Any = tuple.__class_getitem__(tuple(wire))
        self._field_sets: dict[int, frozenset[str]] = {}

    def encode(self, instance: BaseModel) -> tuple[Any, ...]:
        values = instance.__dict__
        row = [values[name] for name in self.names]
        for index, shape, codec in self.children:
            value = row[index]
            if shape == "list":
                row[index] = [codec.encode(item) for item in value]
            elif value is not None:
                row[index] = codec.encode(value)
        bits = self.bits
        row.append(sum(bits[name] for name in instance.model_fields_set))
        return tuple(row)

    def decoder(self) -> Callable[[Any], BaseModel]:
        """A function from row to model, with the per-class work done once, here.

        A row holds every field, so an instance is made as pydantic's `model_construct` makes
        one from complete values (no validation: the entry's checksum and its typed decoding
        guard the input), through pydantic's own pickle path (`__setstate__`, the supported
        way to restore a model's state) rather than by writing its slots by hand, and without
        `model_construct`'s per-field search for aliases and defaults: a warm start
        builds some 140,000 models, and that search was most of its time. What it sets is
        pinned to `model_construct`'s result by tests/load/test_cache.py, and a model this
        shortcut does not cover (a post-init hook, extra fields kept) uses `model_construct`.

        Measured for issue 18 (bench/generate.py 10000: 25 files, some 138,000 models; the
        entries decoded alone, 5 interleaved runs, best of each, on 2 cores at a load of ~20,
        so the ratios count, not the seconds): `model_construct` 14.3 s, the slots written by
        hand 10.4 s, pydantic's pickle path (`__setstate__`, used here) 11.2 s; provenance through
        `Objective.place` costs no more than writing the private dict by hand.
        """
        model, names, field_sets = self.model, self.names, self._field_sets
        children = {index: (shape, codec.decoder()) for index, shape, codec in self.children}

        def fields_set(mask: int) -> frozenset[str]:
            """The names a mask sets, made once per mask (a file has a handful of masks)."""
            found = field_sets.get(mask)
            if found is None:
                found = field_sets[mask] = frozenset(
                    name for index, name in enumerate(names) if mask >> index & 1
                )
            return found

        private = _private_defaults(model)
        if private is None:
            construct = model.model_construct

            def build_slowly(row: Any) -> BaseModel:
                values = dict(zip(names, row, strict=False))
                for index, (shape, decode) in children.items():
                    value = values[names[index]]
                    if shape == "list":
                        values[names[index]] = [decode(item) for item in value]
                    elif value is not None:
                        values[names[index]] = decode(value)
                return construct(set(fields_set(row[-1])), **values)

            return build_slowly
        return _builder(model, names, children, fields_set, field_sets, private)


def _builder(
    model: type[BaseModel],
    names: tuple[str, ...],
    children: dict[int, tuple[str, Callable[[Any], BaseModel]]],
    fields_set: Callable[[int], frozenset[str]],
    field_sets: dict[int, frozenset[str]],
    private: dict[str, Any],
) -> Callable[[Any], BaseModel]:
    """`_Codec.decoder`'s function for a model its shortcut covers, written out for this
    model's fields: the row unpacked into names, the instance's values a dict display, each
    nested model's decoder called where its field is. A loop over the fields and the nested
    models, with a call for each step, was two fifths of the time of the 100,000 updates of
    a warm start (issue 19: 0.39 s -> 0.25 s). Written as `dataclasses` writes `__init__`;
    only field names (Python identifiers, from the model) and numbers go into the source."""
    assert all(name.isidentifier() for name in names)
    values = []
    for index, name in enumerate(names):
        shape = children[index][0] if index in children else None
        if shape == "list":
            values.append(f"{name!r}: [decode_{index}(item) for item in value_{index}]")
        elif shape == "one":
            values.append(
                f"{name!r}: None if value_{index} is None else decode_{index}(value_{index})"
            )
        else:
            values.append(f"{name!r}: value_{index}")
    unpacked = "".join(f"value_{index}, " for index in range(len(names)))
    source = (
        "def build(row):\n"
        f"    {unpacked}mask = row\n"
        "    found = field_sets.get(mask)\n"
        "    if found is None:\n"
        "        found = fields_set(mask)\n"
        "    instance = new(model)\n"
        "    restore(instance, {\n"
        f"        '__dict__': {{{', '.join(values)}}},\n"
        "        '__pydantic_fields_set__': set(found),\n"
        "        '__pydantic_extra__': None,\n"
        f"        '__pydantic_private__': {'dict(private)' if private else 'None'},\n"
        "    })\n"
        "    return instance\n"
    )
    scope: dict[str, Any] = {
        "model": model,
        "new": model.__new__,
        "restore": model.__setstate__,
        "field_sets": field_sets,
        "fields_set": fields_set,
        "private": private,
        **{f"decode_{index}": decode for index, (_, decode) in children.items()},
    }
    exec(compile(source, f"<cache row of {model.__name__}>", "exec"), scope)
    return scope["build"]  # type: ignore[no-any-return]


def _private_defaults(model: type[BaseModel]) -> dict[str, Any] | None:
    """The private attributes `model_construct` gives a new `model`, by name (empty: it sets
    none), or None when it does more than that for this model (then it is called itself)."""
    from pydantic.fields import ModelPrivateAttr
    from pydantic_core import PydanticUndefined

    if model.model_config.get("extra") == "allow" or model.__pydantic_root_model__:
        return None
    private: dict[str, Any] = {}
    for name, attribute in model.__private_attributes__.items():
        if not isinstance(attribute, ModelPrivateAttr) or attribute.default_factory is not None:
            return None
        if attribute.default is PydanticUndefined:
            continue
        if not isinstance(attribute.default, str | int | float | bool | None):
            return None  # pydantic copies a mutable default for each instance
        private[name] = attribute.default
    hook = model.__pydantic_post_init__
    if hook is None:
        return None if private else private
    # pydantic's own hook, which only sets the private attributes' defaults; a model's own
    # model_post_init is wrapped under another name.
    own_hook = getattr(model.model_post_init, "__name__", "") != "init_private_attributes"
    return None if hook != "model_post_init" or own_hook else private


_CODECS: dict[type[BaseModel], _Codec] = {}


def _codec(model: type[BaseModel]) -> _Codec:
    if model not in _CODECS:
        _CODECS[model] = _Codec(model)
    return _CODECS[model]


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _inner_model(argument)
        if found is not None:
            return found
    return None


def _optional(row: Any, annotation: Any) -> Any:
    return Union[row, None] if type(None) in typing.get_args(annotation) else row  # noqa: UP007


def _wire_type(annotation: Any) -> Any:
    """The msgspec type a validated value is stored as; ints and floats keep their own type."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _wire_type(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return Union[tuple(_wire_type(arg) for arg in typing.get_args(annotation))]  # noqa: UP007
    if origin is list:
        return list[_wire_type(typing.get_args(annotation)[0])]  # type: ignore[misc]
    if origin is Literal:
        return annotation  # msgspec hands back the literal's own string: one copy in memory
    if annotation is float:
        return Union[int, float]  # noqa: UP007 - an unset default such as `baseline = 0` is an int
    if annotation in (str, bool, int, date, type(None)):
        return annotation
    raise TypeError(f"no cache encoding for {annotation!r}")  # a new kind of field: extend this


_PLAN = _codec(Plan)
_OBJECTIVE = _codec(Objective)
# (code version, digest, plan, plan id, objectives, their lines, their offsets, their ids)
_Entry = tuple[str, str, _PLAN.wire, str, list[_OBJECTIVE.wire], list[int], list[int], list[str]]  # type: ignore[name-defined]
_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_Entry)
# The same entry with its objectives left as msgpack bytes, not decoded: their ids suffice.
_IDENTITY_DECODER = msgspec.msgpack.Decoder(
    tuple[str, str, _PLAN.wire, str, msgspec.Raw, list[int], list[int], list[str]]  # type: ignore[name-defined]
)
_build_plan = _PLAN.decoder()
_build_objective = _OBJECTIVE.decoder()


def encode_entry(
    digest: str,
    plan: Plan,
    plan_id: str,
    objectives: list[Objective],
    lines: list[int],
    offsets: list[int] | None = None,
) -> bytes:
    """An entry's bytes: a magic line, a checksum, then the msgpack body."""
    body = _ENCODER.encode(
        (
            _CODE_VERSION,
            digest,
            _PLAN.encode(plan),
            plan_id,
            [_OBJECTIVE.encode(objective) for objective in objectives],
            lines,
            offsets if offsets is not None and len(offsets) == len(lines) else [],
            [objective.id for objective in objectives],
        )
    )
    return sealed.seal(_MAGIC, body)


def decode_entry(data: bytes, digest: str, shown: str = "") -> CachedFile | None:
    """The entry's contents, or None when it is damaged, foreign or for other bytes.

    `shown` is the file's path as the user sees it now, for each objective's `file`.
    """
    body = sealed.unseal(_MAGIC, data)
    if body is None:
        return None
    try:
        version, stored_digest, plan_row, plan_id, rows, lines, offsets, ids = _DECODER.decode(body)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    if (
        version != _CODE_VERSION
        or stored_digest != digest
        or not len(lines) == len(rows) == len(ids)
    ):
        return None
    plan = _build_plan(plan_row)
    objectives = [_build_objective(row) for row in rows]
    for objective, line in zip(objectives, lines, strict=True):
        objective.place(plan_id, shown, line)
    known = offsets if len(offsets) == len(lines) and (offsets or not lines) else None
    return CachedFile(plan, plan_id, objectives, lines, known)  # type: ignore[arg-type]


@dataclass
class CachedIdentity:
    """What the identity rules see of a clean file, read back without its objectives' models:
    its plan, and each objective's id and line (tracker.load.loader.load_identity)."""

    plan: Plan
    plan_id: str
    ids: list[str]
    lines: list[int]
    offsets: list[int] | None


class StandIn:
    """An objective as the identity rules see it in a file that is not judged: its id and
    where it stands, nothing else (tracker.load.loader.load_identity). Never judged nor
    saved; a plain object, since at 9,000 of them a pydantic model each was a tenth of a
    dry run's time (issue 19)."""

    __slots__ = ("file", "id", "line", "plan_id")

    def __init__(self, objective_id: str, plan_id: str, file: str, line: int) -> None:
        self.id = objective_id
        self.plan_id = plan_id
        self.file = file
        self.line = line

    def __repr__(self) -> str:
        return f"StandIn({self.id!r}, {self.file}:{self.line})"


def stand_ins(ids: list[str], plan_id: str, file: str, lines: list[int]) -> list[Objective]:
    """A stand-in for each id, at its line (typed as the objectives they stand for: only
    their `id`, `plan_id`, `file` and `line` are ever read)."""
    made = [
        StandIn(objective_id, plan_id, file, line)
        for objective_id, line in zip(ids, lines, strict=True)
    ]
    return made  # type: ignore[return-value]


def decode_identity(data: bytes, digest: str) -> CachedIdentity | None:
    """`decode_entry`'s plan, ids and places, the objectives left undecoded; None as there."""
    body = sealed.unseal(_MAGIC, data)
    if body is None:
        return None
    try:
        version, stored_digest, plan_row, plan_id, _rows, lines, offsets, ids = (
            _IDENTITY_DECODER.decode(body)
        )
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    if version != _CODE_VERSION or stored_digest != digest or len(lines) != len(ids):
        return None
    known = offsets if len(offsets) == len(lines) and (offsets or not lines) else None
    return CachedIdentity(_build_plan(plan_row), plan_id, ids, lines, known)  # type: ignore[arg-type]


# --- The folder -------------------------------------------------------------------------------


class ParseCache:
    """Entries in one folder; every failure to read or write is a miss, never an error."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folder = root / f"parse-{_CODE_VERSION}"

    def entry_path(self, digest: str) -> Path:
        return self.folder / f"{digest}.msgpack"

    def read(self, digest: str, shown: str = "") -> CachedFile | None:
        data = sealed.read_entry(self.entry_path(digest))
        return decode_entry(data, digest, shown) if data is not None else None

    def read_identity(self, digest: str) -> CachedIdentity | None:
        data = sealed.read_entry(self.entry_path(digest))
        return decode_identity(data, digest) if data is not None else None

    def write(
        self,
        digest: str,
        plan: Plan,
        plan_id: str,
        objectives: list[Objective],
        lines: list[int],
        offsets: list[int] | None = None,
    ) -> bool:
        """Store a clean file's contents; False if it could not be done (never an error)."""
        entry = encode_entry(digest, plan, plan_id, objectives, lines, offsets)
        return self.write_entry(digest, entry)

    def write_entry(self, digest: str, data: bytes) -> bool:
        """Store an encoded entry atomically under the folder's lock; False if it could not be.

        Keeps the newest MAX_ENTRIES entries; drops folders of other code versions."""
        return sealed.write_entry(self.entry_path(digest), data, keep=MAX_ENTRIES, family="parse-*")


def default_cache() -> ParseCache | None:
    """The cache the loader uses, or None when it is turned off."""
    root = settings.cache_dir()
    return ParseCache(root) if root is not None else None


# --- One objective at a time ------------------------------------------------------------------

_OBJECTIVE_DECODER = msgspec.msgpack.Decoder(_OBJECTIVE.wire)


def pack_objective(objective: Objective) -> bytes:
    """One objective as the cache's msgpack row (its place not included): about a tenth of
    the memory of the model, for a holder that needs it back only now and then."""
    return _ENCODER.encode(_OBJECTIVE.encode(objective))


def unpack_objective(data: bytes) -> Objective:
    """The objective `pack_objective` packed, equal to it field for field (not yet placed)."""
    return _build_objective(_OBJECTIVE_DECODER.decode(data))  # type: ignore[return-value]
