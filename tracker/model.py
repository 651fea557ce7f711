"""The YAML format as pydantic models: the contract other tools rely on."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    create_model,
)

from tracker.i18n import LANGUAGES
from tracker.i18n.sentence import kind_of, said
from tracker.statuses import STATUS_ORDER
from tracker.text import is_clean_web_address, link_problem

ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
_ID_RE = re.compile(ID_PATTERN)
_ISO_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_SPACE_RE = re.compile(r"\s")
# Schemes that could run code or read local files if a page ever made them a link.
_DANGEROUS_SCHEMES = {"javascript", "vbscript", "data", "file", "blob", "about"}

RECOMMENDED_EVIDENCE_KINDS = (
    "decision",
    "report",
    "news",
    "media",
    "panel",
    "round-table",
    "seminar",
    "training",
    "exercise",
    "dataset",
)

# The kinds that are something done to inform people, the information campaign's activities;
# decisions, reports, news and datasets are records about the work, not activities of it.
ACTIVITY_KINDS = ("media", "panel", "round-table", "seminar", "training", "exercise")
assert set(ACTIVITY_KINDS) <= set(RECOMMENDED_EVIDENCE_KINDS)

StatusName = Literal[
    "not-assessed", "not-started", "on-track", "at-risk", "off-track", "completed", "cancelled"
]
ObjectiveType = Literal[
    "partnership-goal", "ammunition-destruction", "information-campaign", "activity"
]
OBJECTIVE_TYPES: tuple[str, ...] = ObjectiveType.__args__
# The types some views single out, by name, so no module spells them again.
PARTNERSHIP_GOAL_TYPE, AMMUNITION_TYPE, CAMPAIGN_TYPE, ACTIVITY_TYPE = OBJECTIVE_TYPES
Access = Literal["public", "internal"]
assert list(StatusName.__args__) == STATUS_ORDER  # one order, defined in statuses.py


# The dates already read from text, by that text: a portfolio writes the same few thousand
# days (every update's, every measurement's) a hundred thousand times. Bounded, in case a
# long-running process reads ever new ones.
_DATES_READ: dict[str, date] = {}
_MOST_DATES_READ = 100_000


def _iso_date(value: object) -> object:
    """Accept a YAML date or a quoted ISO date; refuse times and impossible days in plain words."""
    if type(value) is str:
        known = _DATES_READ.get(value)
        if known is not None:
            return known
    if isinstance(value, datetime):
        raise ValueError(said("give a date as YYYY-MM-DD, without a time of day"))
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _ISO_DATE_RE.match(text):
            raise ValueError(said("'{text}' is not a date: write it as YYYY-MM-DD", text=value))
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                said("'{text}' is not a real date: {why}", text=value, why=_why_not_a_day(text))
            ) from None
        if type(value) is str:
            if len(_DATES_READ) >= _MOST_DATES_READ:
                _DATES_READ.clear()
            _DATES_READ[value] = day
        return day
    raise ValueError(said("expected a date as YYYY-MM-DD, not {kind}", kind=kind_of(value)))


def _why_not_a_day(text: str) -> str:
    """Why a YYYY-MM-DD is no day, in the tracker's words rather than Python's."""
    year, month, day = (int(part) for part in text.split("-"))
    if year < 1:
        return said("there is no year 0")
    if not 1 <= month <= 12:
        return said("there is no month {month}; months go from 01 to 12", month=f"{month:02d}")
    days = calendar.monthrange(year, month)[1]
    if day < 1:
        return said("there is no day 00; days start at 01")
    return said("{month} has only {days} days", month=f"{year}-{month:02d}", days=days)


def _web_url(value: str) -> str:
    """Only http(s) addresses may become links: anything else could run code in a page."""
    problem = link_problem(value)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _source_reference(value: str) -> str:
    """A source is a web address or a plain citation; a non-web scheme is never accepted."""
    if is_clean_web_address(value):
        return value  # what the checks below return for it, in one match
    text = value.strip()
    match = _SCHEME_RE.match(text)
    if match:
        scheme = match.group(1).lower()
        if scheme in ("http", "https"):
            return _web_url(text)
        if scheme in _DANGEROUS_SCHEMES or text[match.end() :].startswith("//"):
            raise ValueError(
                said(
                    "'{value}' uses the '{scheme}:' scheme: give an http(s) address or a plain "
                    "citation (title and date)",
                    value=value,
                    scheme=scheme,
                )
            )
    return text


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]
Identifier = Annotated[str, Field(pattern=ID_PATTERN, min_length=1)]
WebUrl = Annotated[
    str, AfterValidator(_web_url), WithJsonSchema({"type": "string", "pattern": "^https?://"})
]
SourceReference = Annotated[str, AfterValidator(_source_reference)]
Percent = Annotated[float, Field(ge=0, le=100)]
Text = Annotated[str, Field(min_length=1)]
# No list inside a plan or an objective needs more items than this (monthly updates for eight
# centuries). The located parser reports the first item too many at its line and skips the
# rest; here the cap makes pydantic stop at that item rather than build an error for each one
# (the fast path gives up on such a file at once), and the schema tells other tools.
# `objectives` itself is not capped: the size limit on files bounds it.
MAX_LIST_ITEMS = 10_000


class Strict(BaseModel):
    """Unknown keys are mistakes (usually typos), and types are never silently coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=False)


class Translation(Strict):
    """One language's text of one item: only the fields a reader reads, never ids or dates."""


class TitleAndDescription(Translation):
    """The translatable text of a plan, an area or an objective."""

    title: Text | None = None
    description: str | None = None


class ObjectiveText(TitleAndDescription):
    """The translatable text of an objective: also who leads it and a partnership goal's field,
    which a reader sees on every table and chart in the reader's language."""

    owner: Text | None = None
    field: str | None = None


class NoteText(Translation):
    """The translatable text of an update or a measurement."""

    note: str | None = None


class UpdateText(NoteText):
    """The translatable text of an update: also who recorded it, where that is a name of
    words rather than a person's ("IPAP Tracker editors (public sources)"), which the
    Updates tables and the workbook show in the reader's language."""

    by: str | None = None


class TitleText(Translation):
    """The translatable text of an evidence item."""

    title: Text | None = None


class Translations(Strict):
    """An item's text in other languages, keyed by language code (`sr-Cyrl: {title: ...}`).

    The item's own fields stay the text of record; a translation only ever adds. The keys are
    the codes of `tracker.i18n.LANGUAGES`, so a language is added in one place.
    """


def _language_field(code: str) -> str:
    """The attribute that holds a language's entry: `sr-Cyrl` is not a Python name."""
    return code.replace("-", "_")


def _translations(name: str, entry: type[Translation]) -> type[Translations]:
    fields: dict[str, Any] = {
        _language_field(code): (entry | None, Field(default=None, alias=code)) for code in LANGUAGES
    }
    doc = f"{entry.__doc__[:-1]}, keyed by language code ({', '.join(LANGUAGES)})."
    model = create_model(name, __base__=Translations, __doc__=doc, **fields)
    _ENTRY_OF[model] = entry
    return model


# Each translations model and the entry its languages hold.
_ENTRY_OF: dict[type[Translations], type[Translation]] = {}


TitleAndDescriptionTranslations = _translations(
    "TitleAndDescriptionTranslations", TitleAndDescription
)  # plans and areas
ObjectiveTranslations = _translations("ObjectiveTranslations", ObjectiveText)
NoteTranslations = _translations("NoteTranslations", NoteText)  # measurements
UpdateTranslations = _translations("UpdateTranslations", UpdateText)
TitleTranslations = _translations("TitleTranslations", TitleText)  # evidence


class Area(Strict):
    id: Identifier
    title: Text
    description: str | None = None
    translations: TitleAndDescriptionTranslations | None = None


class Source(Strict):
    title: Text
    url: WebUrl | None = None
    date: IsoDate | None = None


class Plan(Strict):
    id: Identifier
    title: Text
    adopted: IsoDate | None = None
    start: IsoDate
    end: IsoDate
    description: str | None = None
    areas: list[Area] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    sources: list[Source] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    translations: TitleAndDescriptionTranslations | None = None


class Measurement(Strict):
    date: IsoDate
    value: float
    source: SourceReference | None = None
    note: str | None = None
    translations: NoteTranslations | None = None


class Metric(Strict):
    unit: Text
    baseline: float = 0
    target: float
    cumulative: bool = True
    measurements: list[Measurement] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)

    def latest_total(self) -> float | None:
        """The amount reached so far: the last running total, or the sum of per-period amounts."""
        if not self.measurements:
            return None
        ordered = sorted(self.measurements, key=lambda m: m.date)
        if self.cumulative:
            return ordered[-1].value
        return self.baseline + sum(m.value for m in ordered)

    def percent_of_target(self) -> float | None:
        """Progress from baseline to target, clipped to 0..100 so a chart never overflows."""
        reached = self.latest_total()
        if reached is None or self.target == self.baseline:
            return None
        share = (reached - self.baseline) / (self.target - self.baseline) * 100
        return max(0.0, min(100.0, share))


class Evidence(Strict):
    title: Text
    url: WebUrl | None = None
    date: IsoDate
    kind: str | None = None
    access: Access = "public"
    translations: TitleTranslations | None = None


class Update(Strict):
    date: IsoDate
    status: StatusName
    progress: Percent | None = None
    note: str | None = None
    by: str | None = None
    source: SourceReference | None = None
    translations: UpdateTranslations | None = None


class Objective(Strict):
    id: Identifier
    title: Text
    description: str | None = None
    type: ObjectiveType
    area: Identifier
    field: str | None = None
    owner: Text
    start: IsoDate
    due: IsoDate
    status: StatusName
    progress: Percent | None = None
    continues: Identifier | None = None
    depends_on: list[Identifier] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    metric: Metric | None = None
    evidence: list[Evidence] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    updates: list[Update] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    translations: ObjectiveTranslations | None = None

    # Where the objective came from; set by `place` when it is loaded, never part of the YAML.
    _plan_id: str = PrivateAttr(default="")
    _file: str = PrivateAttr(default="")
    _line: int = PrivateAttr(default=0)

    def place(self, plan_id: str, file: str, line: int) -> None:
        """Record where the objective came from: the one way the loader and the cache set it."""
        private = self.__pydantic_private__
        if private is None:  # pragma: no cover - pydantic makes it for a model with private fields
            self._plan_id, self._file, self._line = plan_id, file, line
            return
        # Written to pydantic's store as its __setattr__ would (a third of the time: 10,000
        # objectives are placed on every load).
        private["_plan_id"], private["_file"], private["_line"] = plan_id, file, line

    # Read from pydantic's own store of private values: `self._plan_id` goes through
    # BaseModel.__getattr__, whose descriptor check raises and catches an AttributeError on
    # every read (5 µs, against 0.2 µs here; `validate` reads 10,000 plan ids).
    @property
    def plan_id(self) -> str:
        return self.__pydantic_private__["_plan_id"]  # type: ignore[index,no-any-return]

    @property
    def file(self) -> str:
        return self.__pydantic_private__["_file"]  # type: ignore[index,no-any-return]

    @property
    def line(self) -> int:
        return self.__pydantic_private__["_line"]  # type: ignore[index,no-any-return]

    def current_progress(self) -> float | None:
        """The metric decides when it has measurements; otherwise the stated progress."""
        if self.metric is not None:
            from_metric = self.metric.percent_of_target()
            if from_metric is not None:
                return from_metric
        return self.progress

    def last_update_date(self) -> date | None:
        return max((u.date for u in self.updates), default=None)


class Document(Strict):
    """One plan file: the plan and its objectives."""

    plan: Plan
    objectives: list[Objective] = Field(default_factory=list)


Translatable = Plan | Area | Objective | Update | Evidence | Measurement


def translatable_fields(kind: type[BaseModel]) -> tuple[str, ...]:
    """The fields of an item of this kind (Plan, Objective, ...) that a translation may give."""
    annotation = kind.model_fields["translations"].annotation  # SomeTranslations | None
    (model,) = [arg for arg in get_args(annotation) if arg is not type(None)]
    return tuple(_ENTRY_OF[model].model_fields)


def translation(item: Translatable, field: str, language: str) -> str | None:
    """The text the file gives for `field` of `item` in `language`, or None when it gives none.

    Only the explicit translation: the item's own field is the text of record, and what a
    reader is shown instead of a missing translation is the display layer's choice.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
    if field not in translatable_fields(type(item)):
        raise ValueError(
            f"{type(item).__name__} has no translatable field {field!r}: use one of "
            f"{', '.join(translatable_fields(type(item)))}"
        )
    if item.translations is None:
        return None
    entry = getattr(item.translations, _language_field(language))
    return getattr(entry, field) if entry is not None else None


def date_keys(root: type[BaseModel]) -> frozenset[str]:
    """The keys whose value is read as a date wherever they occur in a `root` file.

    The fast parser (tracker.load.fastparse) leaves a date written as text under these keys,
    since the model turns text and a YAML date into the same date there; so the set comes from
    the models themselves, nested ones included. A name that is a date in one model but anything
    else in another (text, a list, `date | str`) is left out: under it, text and a date differ.
    """
    dates: set[str] = set()
    others: set[str] = set()
    seen: set[type[BaseModel]] = set()
    pending = [root]
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            annotation = info.annotation
            (dates if _is_date(annotation) else others).add(info.alias or name)
            pending.extend(_models_in(annotation))
    return frozenset(dates - others)


def is_date_field(model: type[BaseModel], name: str) -> bool:
    """Whether the model reads its field `name` as a date (or an optional one).

    What other layers ask when they show or format a model's value, such as the workbook's
    date columns (tracker.sheets.columns), so their notion of a date is the model's own.
    """
    return _is_date(model.model_fields[name].annotation)


def _is_date(annotation: Any) -> bool:
    """A date, or an optional one: nothing else the value could be but None."""
    if get_origin(annotation) is Annotated:  # IsoDate: the date under its validators
        return _is_date(get_args(annotation)[0])
    if get_origin(annotation) in (Union, UnionType):
        kinds = [arg for arg in get_args(annotation) if arg is not type(None)]
        return len(kinds) == 1 and _is_date(kinds[0])
    return annotation is date


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation holds: itself, or inside a list, an optional or a union."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def is_identifier(value: object) -> bool:
    return isinstance(value, str) and bool(_ID_RE.match(value))
