"""Turn pydantic's validation errors into plain sentences that say what to do."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from tracker.i18n import LANGUAGES
from tracker.i18n.sentence import said
from tracker.model import OBJECTIVE_TYPES, STATUS_ORDER, Translation, Translations
from tracker.text import nearest

_ALLOWED_WORDS: dict[str, tuple[str, ...]] = {
    "status": tuple(STATUS_ORDER),
    "type": OBJECTIVE_TYPES,
    "access": ("public", "internal"),
}


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow a pydantic location into nested models, to list the keys allowed there."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(part)) or next(
            (f for f in current.model_fields.values() if f.alias == part), None
        )  # a key that is not a Python name (`sr-Cyrl`) is a field's alias
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """The model inside list[X] or X | None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _unknown_in_translations(key: str, parent: type[BaseModel]) -> str:
    """A key no translation may have: a language the tracker lacks, or a field not translated."""
    if issubclass(parent, Translations):
        allowed = list(LANGUAGES)
        hint = nearest(key, allowed)
        if hint:
            return said(
                "unknown language '{key}' in translations: did you mean '{hint}'? Use one of "
                "{allowed}",
                key=key,
                hint=hint,
                allowed=", ".join(allowed),
            )
        return said(
            "unknown language '{key}' in translations: use one of {allowed}",
            key=key,
            allowed=", ".join(allowed),
        )
    allowed = list(parent.model_fields)
    hint = nearest(key, allowed)
    if hint:
        return said(
            "unknown field '{key}' in a translation: did you mean '{hint}'? Only {allowed} can "
            "be translated here",
            key=key,
            hint=hint,
            allowed=", ".join(allowed),
        )
    return said(
        "unknown field '{key}' in a translation: only {allowed} can be translated here",
        key=key,
        allowed=", ".join(allowed),
    )


def _shown(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "...'"


_LIMIT_WORDS = {
    "greater_than_equal": ("ge", "must be at least"),
    "less_than_equal": ("le", "must be at most"),
    "greater_than": ("gt", "must be more than"),
    "less_than": ("lt", "must be less than"),
}


def _limit_words(kind: str, ctx: dict[str, Any]) -> str:
    """A number's limit in the tracker's words (pydantic says 'Input should be ...')."""
    key, words = _LIMIT_WORDS[kind]
    if key not in ctx:
        return "is out of range"
    limit = ctx[key]
    return f"{words} {limit:g}" if isinstance(limit, float) else f"{words} {limit}"


def explain(error: dict[str, Any], model: type[BaseModel]) -> tuple[str, bool]:
    """One sentence for one pydantic error, and whether it names the key itself.

    `model` is the model the location starts from. When the sentence names the key (unknown
    or missing keys), the caller labels it with the parent's path rather than the key's.
    """
    loc = tuple(error.get("loc", ()))
    kind = error.get("type", "")
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    value = error.get("input")
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        if parent is not None and issubclass(parent, (Translations, Translation)):
            return _unknown_in_translations(str(loc[-1]), parent), True
        known = list(parent.model_fields) if parent else []
        hint = nearest(str(loc[-1]), known) if known else None
        if hint:
            return said("unknown key '{key}': did you mean '{hint}'?", key=loc[-1], hint=hint), True
        if known:
            return said(
                "unknown key '{key}'; the keys allowed here are {keys}",
                key=loc[-1],
                keys=", ".join(known),
            ), True
        return said("unknown key '{key}'", key=loc[-1]), True
    if kind == "missing":
        return said("'{field}' is missing: add it", field=field), True
    if kind in ("literal_error", "enum"):
        allowed = _ALLOWED_WORDS.get(field, ())
        hint = nearest(str(value), allowed) if allowed else None
        shown = _shown(value)
        if hint and allowed:
            return said(
                "{value} is not a valid {field}; did you mean '{hint}'? Use one of: {allowed}.",
                value=shown,
                field=field,
                hint=hint,
                allowed=", ".join(allowed),
            ), False
        if allowed:
            return said(
                "{value} is not a valid {field} Use one of: {allowed}.",
                value=shown,
                field=field,
                allowed=", ".join(allowed),
            ), False
        return said("{value} is not a valid {field}", value=shown, field=field), False
    if kind == "string_type":
        return said(
            "should be text, not {value}; put the value in quotes", value=_shown(value)
        ), False
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing", "int_from_float"):
        return said("should be a number, not {value}", value=_shown(value)), False
    if kind == "bool_type":
        return said("should be true or false, not {value}", value=_shown(value)), False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        if field == "progress":
            return said(
                "must be a percentage from 0 to 100, not {value}", value=_shown(value)
            ), False
        return f"{_limit_words(kind, error.get('ctx', {}))}, not {_shown(value)}", False
    if kind == "string_pattern_mismatch":
        return (
            said(
                "{value} is not a valid id: use lower-case letters, digits, '.', '_' or '-', "
                "starting with a letter or digit",
                value=_shown(value),
            ),
            False,
        )
    if kind == "string_too_short":
        return said("is empty: write something or remove the key"), False
    if kind == "list_type":
        return said(
            "should be a list (items starting with '- '), not {value}", value=_shown(value)
        ), False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return said(
            "should be a mapping of keys and values, not {value}", value=_shown(value)
        ), False
    if kind == "value_error":
        original = error.get("ctx", {}).get("error")
        if original is not None and original.args and isinstance(original.args[0], str):
            return original.args[0], False  # the validator's own sentence (a Sentence too)
        return (str(original) if original else error.get("msg", "invalid value")), False
    return str(error.get("msg", "invalid value")), False
