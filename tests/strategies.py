"""Hypothesis strategies for plan files: valid portfolios, and the ways files get broken.

`portfolios()` draws documents (plain dicts, as YAML would hold them) that obey every rule of
the format as of `TODAY`, so the loader must accept them exactly as written. `mutations()`
then breaks one in the ways files really go wrong (a key dropped, a value of the wrong type,
odd unicode, two dates swapped) for tests that only ask "does anything escape?".
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import yaml
from hypothesis import strategies as st

from tracker.model import OBJECTIVE_TYPES, RECOMMENDED_EVIDENCE_KINDS
from tracker.statuses import STATUS_ORDER

TODAY = date(2026, 11, 23)
Document = dict[str, Any]

# Text people and attackers put in titles, notes and owners; the loader must keep it as text.
HOSTILE_TEXT = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    ":red[warning] $$x^2$$ **bold**",
    '=HYPERLINK("http://evil.example","x")',
    "Niš, Čačak, Užice — Ниш",
    "\u202eevil\u202c",  # right-to-left override
    "zero\u200bwidth",
    "line\u2028separator\u0085next",
    "emoji 🚀👩🏽‍🚀",
    "e\u0301\u0301\u0301",
    "yes",
    "~",
    "2020-01-01",
    "0x10",
    "1e3",
    "- item",
    "key: value",
    "# not a comment",
    "'quoted'",
    '"double"',
    "back\\slash",
    "tab\there",
    "bell\x07",
)

_ID = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)
# Every character YAML can carry (no lone surrogates: UTF-8 cannot encode them).
_CHARACTERS = st.characters(exclude_categories=("Cs",))
texts = st.one_of(
    st.text(_CHARACTERS, min_size=1, max_size=30),
    st.sampled_from(HOSTILE_TEXT),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=30),
)
# Text as people type it in an editor: printable characters only, so YAML writers never need
# an escape such as "\u0161" (see test_fuzz: the store refuses to rewrite escaped lines).
_TYPED = st.characters(exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Cf"))
typed_texts = st.one_of(
    st.text(_TYPED, min_size=1, max_size=30),
    st.sampled_from([t for t in HOSTILE_TEXT if t.isprintable()]),
)
urls = st.builds(
    "{}://{}{}".format,
    st.sampled_from(["http", "https", "HTTPS"]),
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,10}\.)?[a-z]{2,6}", fullmatch=True),
    st.from_regex(
        r"(/[A-Za-z0-9._~%!$&'()*+,;=:@<>-]{0,12}){0,3}(\?[a-z]=[0-9<>&]{0,4})?", fullmatch=True
    ),
)
percents = st.one_of(
    st.integers(0, 100), st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 2))
)
amounts = st.one_of(
    st.integers(-1000, 10**9),
    st.floats(-1e9, 1e12, allow_nan=False, allow_infinity=False),
)
# Numbers as people write them (no exponent): a file the store can always edit.
written_amounts = st.one_of(
    st.integers(-1000, 10**9),
    st.floats(-1e9, 1e12, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3)),
)


def dates_between(first: date, last: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=first, max_value=max(first, last))


@st.composite
def plans(draw: st.DrawFn, plan_id: str, words: st.SearchStrategy[str] = texts) -> Document:
    start = draw(dates_between(date(2005, 1, 1), date(2025, 12, 31)))
    areas = draw(st.lists(_ID, min_size=1, max_size=3, unique=True))
    plan: Document = {
        "id": plan_id,
        "title": draw(words),
        "start": start,
        "end": start + timedelta(days=draw(st.integers(0, 4000))),
        "areas": [{"id": area, "title": draw(words)} for area in areas],
    }
    if draw(st.booleans()):
        plan["adopted"] = draw(dates_between(start - timedelta(days=60), start))
    if draw(st.booleans()):
        plan["description"] = draw(words)
    sources = []
    for _ in range(draw(st.integers(0, 2))):
        source: Document = {"title": draw(words)}
        if draw(st.booleans()):
            source["url"] = draw(urls)
        if draw(st.booleans()):
            source["date"] = draw(st.dates(date(2000, 1, 1), date(2030, 1, 1)))
        sources.append(source)
    if sources:
        plan["sources"] = sources
    return plan


@st.composite
def objectives(
    draw: st.DrawFn,
    objective_id: str,
    plan: Document,
    other_ids: list[str],
    numbers: st.SearchStrategy[float] = amounts,
    words: st.SearchStrategy[str] = texts,
) -> Document:
    start = draw(st.dates(date(2005, 1, 1), date(2030, 12, 31)))
    objective: Document = {
        "id": objective_id,
        "title": draw(words),
        "type": draw(st.sampled_from(OBJECTIVE_TYPES)),
        "area": draw(st.sampled_from([area["id"] for area in plan["areas"]])),
        "owner": draw(words),
        "start": start,
        "due": start + timedelta(days=draw(st.integers(0, 3000))),
    }
    for key in ("description", "field"):
        if draw(st.booleans()):
            objective[key] = draw(words)
    if draw(st.booleans()):
        objective["progress"] = draw(percents)
    others = [other for other in other_ids if other != objective_id]
    if others and draw(st.booleans()):
        objective["continues"] = draw(st.sampled_from(others))
    if others and draw(st.booleans()):
        objective["depends_on"] = draw(st.lists(st.sampled_from(others), max_size=3, unique=True))
    update_dates = sorted(draw(st.lists(dates_between(plan["start"], TODAY), max_size=4)))
    updates = []
    for when in update_dates:
        update: Document = {"date": when, "status": draw(st.sampled_from(STATUS_ORDER))}
        if draw(st.booleans()):
            update["progress"] = draw(percents)
        for key in ("note", "by"):
            if draw(st.booleans()):
                update[key] = draw(words)
        if draw(st.booleans()):
            update["source"] = draw(st.one_of(urls, st.sampled_from(["Annual report 2020", "x"])))
        updates.append(update)
    if updates:
        objective["updates"] = updates
    objective["status"] = updates[-1]["status"] if updates else draw(st.sampled_from(STATUS_ORDER))
    evidence = []
    for _ in range(draw(st.integers(0, 3))):
        item: Document = {"title": draw(words), "date": draw(st.dates(date(2000, 1, 1), TODAY))}
        if draw(st.booleans()):
            item["url"] = draw(urls)
        if draw(st.booleans()):
            item["kind"] = draw(st.sampled_from(RECOMMENDED_EVIDENCE_KINDS) | words)
        if draw(st.booleans()):
            item["access"] = draw(st.sampled_from(["public", "internal"]))
        evidence.append(item)
    if evidence:
        objective["evidence"] = evidence
    if draw(st.integers(0, 2)) == 0:
        metric: Document = {
            "unit": draw(words),
            "target": draw(numbers),
            "measurements": [
                {"date": when, "value": draw(numbers)}
                for when in draw(st.lists(dates_between(date(2000, 1, 1), TODAY), max_size=4))
            ],
        }
        if draw(st.booleans()):
            metric["baseline"] = draw(numbers)
        if draw(st.booleans()):
            metric["cumulative"] = draw(st.booleans())
        objective["metric"] = metric
    return objective


@st.composite
def portfolios(
    draw: st.DrawFn,
    max_plans: int = 2,
    max_objectives: int = 4,
    numbers: st.SearchStrategy[float] = amounts,
    words: st.SearchStrategy[str] = texts,
) -> list[Document]:
    """One document per plan file; ids unique across all of them, every rule kept."""
    plan_ids = draw(st.lists(_ID, min_size=1, max_size=max_plans, unique=True))
    counts = [draw(st.integers(0, max_objectives)) for _ in plan_ids]
    all_ids = draw(st.lists(_ID, min_size=sum(counts), max_size=sum(counts), unique=True))
    documents = []
    taken = 0
    for plan_id, count in zip(plan_ids, counts, strict=True):
        plan = draw(plans(plan_id, words))
        own = all_ids[taken : taken + count]
        taken += count
        documents.append(
            {
                "plan": plan,
                "objectives": [draw(objectives(oid, plan, all_ids, numbers, words)) for oid in own],
            }
        )
    return documents


# --- Writing a document as YAML, in the styles people and tools use ---------------------------

DUMP_STYLES = (
    {"default_flow_style": False, "sort_keys": False, "allow_unicode": True},
    {"default_flow_style": None, "sort_keys": True, "allow_unicode": True, "width": 60},
    {"default_flow_style": False, "sort_keys": False, "allow_unicode": False, "indent": 4},
    {"default_flow_style": True, "sort_keys": False, "allow_unicode": True},
)


class _PlainDumper(yaml.SafeDumper):
    """Never writes anchors: the format refuses them, and a repeated date object would get one."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def as_yaml(document: Document, style: int = 0) -> str:
    return yaml.dump(document, Dumper=_PlainDumper, **DUMP_STYLES[style % len(DUMP_STYLES)])


# --- Mutations: one thing wrong, the way files really go wrong --------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a document, containers included."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


def _parent(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        document = document[part]
    return document


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),  # nan and infinities too
    st.text(_CHARACTERS, max_size=20),
    st.sampled_from(HOSTILE_TEXT),
    st.dates(date(1, 1, 1), date(9999, 12, 31)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.just({}),
    st.just([]),
)


@st.composite
def mutated(draw: st.DrawFn, documents: list[Document]) -> list[Document]:
    """A deep copy of `documents` with one to three things broken."""
    documents = copy.deepcopy(documents)
    for _ in range(draw(st.integers(1, 3))):
        document = draw(st.sampled_from(documents))
        paths = [path for path in _paths(document) if path]
        if not paths:  # everything in it was dropped already
            continue
        path = draw(st.sampled_from(paths))
        parent = _parent(document, path)
        how = draw(st.sampled_from(["drop", "retype", "unicode", "swap-dates", "add-key"]))
        if how == "drop":
            del parent[path[-1]]
        elif how == "retype":
            parent[path[-1]] = draw(odd_values)
        elif how == "unicode":
            current = _get(document, path)
            injected = draw(st.text(_CHARACTERS, min_size=1, max_size=8))
            if isinstance(current, str):
                cut = draw(st.integers(0, len(current)))
                parent[path[-1]] = current[:cut] + injected + current[cut:]
            else:
                parent[path[-1]] = injected
        elif how == "swap-dates":
            dated = [p for p in paths if isinstance(_get(document, p), date)]
            if len(dated) >= 2:
                first, second = draw(st.lists(st.sampled_from(dated), min_size=2, max_size=2))
                a, b = _get(document, first), _get(document, second)
                _parent(document, first)[first[-1]] = b
                _parent(document, second)[second[-1]] = a
            elif dated:
                _parent(document, dated[0])[dated[0][-1]] = draw(
                    st.dates(date(1, 1, 1), date(9999, 12, 31))
                )
        else:
            target = _get(document, path)
            if isinstance(target, dict):
                target[draw(st.text(_CHARACTERS, min_size=1, max_size=10))] = draw(odd_values)
    return documents


@st.composite
def damaged_text(draw: st.DrawFn, text: str) -> str:
    """YAML text with unicode pushed in or lines moved: the file no longer parses the same."""
    lines = text.splitlines(keepends=True)
    how = draw(st.sampled_from(["insert", "swap-lines", "truncate", "delete-line"]))
    if how == "insert" or len(lines) < 2:
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(_CHARACTERS, min_size=1, max_size=6)) + text[at:]
    if how == "swap-lines":
        first, second = draw(st.lists(st.integers(0, len(lines) - 1), min_size=2, max_size=2))
        lines[first], lines[second] = lines[second], lines[first]
        return "".join(lines)
    if how == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    del lines[draw(st.integers(0, len(lines) - 1))]
    return "".join(lines)
