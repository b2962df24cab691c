"""The typed core: one pydantic model per kind of file, and their parts.

The docstrings and field descriptions here become the JSON Schemas in
``schemas/`` (see `competency.schema`), so they are written for the people
who edit the YAML files. Every model forbids unknown keys and validates in
strict mode: YAML gives strings, numbers and booleans as they are written,
and nothing is quietly converted, except dates, which are ISO strings in the
files and `datetime.date` here.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from competency.fielddocs import Documented

__all__ = [
    "FORMAT",
    "ID_MAX",
    "ID_PATTERN",
    "SCHEMA_BASE_URI",
    "Assessment",
    "AtLeast",
    "Behaviour",
    "BehaviourRef",
    "Category",
    "Competency",
    "CompetencyStep",
    "Confirmation",
    "Endpoint",
    "Evidence",
    "EvidenceItem",
    "EvidenceMapping",
    "Expectation",
    "External",
    "Family",
    "FrameworkInfo",
    "FrameworkStamp",
    "Grade",
    "HiringKit",
    "HistoryEntry",
    "Id",
    "Level",
    "LevelRef",
    "Lint",
    "MappingCondition",
    "MappingFields",
    "MappingRule",
    "Metric",
    "Move",
    "MoveType",
    "NotApplicable",
    "Paths",
    "Person",
    "Readiness",
    "Reference",
    "Resource",
    "ResourceKind",
    "Role",
    "Source",
    "Step",
    "Text",
    "Track",
    "declared_keys",
    "is_id",
]

FORMAT = "competency/v1"
#: Where the published JSON Schemas of this format live (a modeline's fallback).
SCHEMA_BASE_URI = "https://competency.dev/schemas/v1/"

ID_PATTERN = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
_ID = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
#: The longest id the format allows.
ID_MAX = 64
_WHOLE_ID = re.compile(_ID)


def is_id(value: object) -> bool:
    """True when `value` is an id: lowercase kebab-case, at most `ID_MAX` characters.

    The whole value must match (``"amara\n"`` is not an id, though a ``$``
    in a pattern would let its line break through).
    """
    return isinstance(value, str) and len(value) <= ID_MAX and bool(_WHOLE_ID.fullmatch(value))


LEVEL_REF_PATTERN = rf"^{_ID}@{_ID}$"
BEHAVIOUR_REF_PATTERN = rf"^{_ID}\.{_ID}$"
ENDPOINT_PATTERN = rf"^(?:{_ID}@{_ID}|external:{_ID})$"
LOCALE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
SEMVER_PATTERN = (
    r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$"
)
#: A content hash as the format writes it: ``sha256:`` and 64 lowercase hex digits.
HASH_PATTERN = r"^sha256:[0-9a-f]{64}$"
#: A web address: ``http://`` or ``https://`` (any case) and no whitespace (1.2).
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s]+$"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX),
    Field(description="Lowercase kebab-case id, at most 64 characters."),
]
LevelRef = Annotated[
    str,
    StringConstraints(pattern=LEVEL_REF_PATTERN),
    Field(description="A level reference: ROLE@LEVEL, e.g. support-engineer@se2."),
]
BehaviourRef = Annotated[
    str,
    StringConstraints(pattern=BEHAVIOUR_REF_PATTERN),
    Field(description="A behaviour reference: COMPETENCY.BEHAVIOUR or ROLE.BEHAVIOUR."),
]
Endpoint = Annotated[
    str,
    StringConstraints(pattern=ENDPOINT_PATTERN),
    Field(description="ROLE@LEVEL, or external:ID for a role outside the framework."),
]
Locale = Annotated[
    str,
    StringConstraints(pattern=LOCALE_PATTERN),
    Field(description="A BCP 47 locale code such as en, th or zh-Hans."),
]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Source = Literal["self", "manager", "peer", "customer", "system"]
Assessor = Literal["self", "manager", "peer", "panel"]
MoveType = Literal["promotion", "lateral", "track-change", "feeder", "exit"]
ResourceKind = Literal["course", "reading", "video", "shadowing", "project", "mentoring"]
Url = Annotated[
    str,
    StringConstraints(pattern=URL_PATTERN),
    Field(description="A web address starting with http:// or https://."),
]


def _text_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "plain"
    if isinstance(value, dict):
        return "localized"
    return None


Text = Annotated[
    Annotated[NonEmpty, Tag("plain")] | Annotated[dict[Locale, NonEmpty], Tag("localized")],
    Discriminator(
        _text_kind,
        custom_error_type="text_type",
        custom_error_message="expected text: a string, or a map from locale code to string",
    ),
    Field(description="Text in the default locale, or a map from locale code to text."),
]


def _parse_date(value: Any) -> Any:
    """ISO `YYYY-MM-DD` strings become dates; anything else is refused clearly."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        # pydantic fills templates by plain substitution: no format specs, so repr here.
        "invalid_date",
        "expected a date written YYYY-MM-DD, got {value}",
        {"value": repr(value)},
    )


IsoDate = Annotated[
    date,
    BeforeValidator(_parse_date),
    Field(description="A calendar date, written YYYY-MM-DD."),
]


class _Model(Documented, BaseModel):  # BaseModel named for ruff (RUF012 knows pydantic by name)
    # The field docstrings reach the schemas through `Documented` (docs/decisions.md).
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)

    @model_validator(mode="before")
    @classmethod
    def _note_allowed_keys(cls, data: Any, info: ValidationInfo) -> Any:
        """Remember which keys this mapping may have, for "did you mean" hints."""
        context = info.context
        if isinstance(data, dict) and isinstance(context, dict) and "allowed" in context:
            context["allowed"][id(data)] = _allowed_keys(cls)
        return data


@functools.cache
def _allowed_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """The keys a mapping of `model` may have, worked out once per model."""
    return tuple(field.alias or name for name, field in model.model_fields.items())


class _Document(_Model):
    format: Literal["competency/v1"]
    """The format of this file; always competency/v1."""


# --- framework.yaml -------------------------------------------------------


class Step(_Model):
    """One named step of the scale. Names are words, never numbers."""

    id: Id
    name: Text
    """What readers see, e.g. Proficient."""
    meaning: Text | None = None
    """What a person at this step does, in one or two sentences."""


class Category(_Model):
    """A theme that groups competencies (Customer, Craft, ...)."""

    id: Id
    name: Text
    summary: Text | None = None


class Track(_Model):
    """A career track, e.g. individual contributor or people manager."""

    id: Id
    name: Text


class Family(_Model):
    """(1.2) A family of roles (support, success, leadership ...), with a translatable name."""

    id: Id
    name: Text


class Grade(_Model):
    """A rung of the grade ladder; grades make levels on different tracks comparable."""

    id: Id
    name: Text


class External(_Model):
    """A role outside this framework that paths may start or end at."""

    id: Id
    name: Text


class AtLeast(_Model):
    """A competency is met when this fraction of its applicable behaviours is evidenced."""

    at_least: Annotated[float, Field(gt=0, le=1)]


def _met_rule_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "all"
    if isinstance(value, dict | AtLeast):
        return "at-least"
    return None


MetRule = Annotated[
    Annotated[Literal["all"], Tag("all")] | Annotated[AtLeast, Tag("at-least")],
    Discriminator(
        _met_rule_kind,
        custom_error_type="met_rule_type",
        custom_error_message="expected all, or a mapping {at_least: F}",
    ),
]


class Readiness(_Model):
    """The default policy for gap analysis; each field can be overridden per run."""

    max_age_months: Annotated[int, Field(ge=1)] = 18
    """Evidence older than this many calendar months is stale."""
    min_items: Annotated[int, Field(ge=1)] = 1
    """Valid items needed for a behaviour to count as evidenced."""
    min_sources: Annotated[int, Field(ge=1)] = 1
    """Distinct sources needed among those items."""
    sources: Annotated[list[Source], Field(min_length=1)] = [
        "self",
        "manager",
        "peer",
        "customer",
        "system",
    ]
    """Sources whose items count."""
    competency_met: MetRule = "all"
    """all: every applicable behaviour evidenced; or {at_least: F}."""
    almost_within: Annotated[int, Field(ge=0)] = 2
    """At most this many partial competencies (and no gap) make a verdict of almost."""
    carry_confirmed: bool = True
    """Behaviours the confirmed level (or a lower one) expected count as carried."""


class Lint(_Model):
    """Settings of the quality warnings for this framework and the evidence checked against it."""

    ignore: list[NonEmpty] = []
    """Warning codes never reported, e.g. Q102. Errors cannot be ignored."""
    allow: list[NonEmpty] = []
    """Phrases the vague-qualifier check (Q100) accepts, matched case-insensitively as whole
    words: product or plan names such as "Basic plan"."""


class FrameworkInfo(_Document):
    """framework.yaml: the scale, categories, tracks, grades and policy of a framework."""

    kind: Literal["framework"]
    id: Id
    title: Text
    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)]
    """Semantic version of the framework's content, e.g. 1.2.0."""
    summary: Text | None = None
    default_locale: Locale = "en"
    """The locale of plain-string text."""
    locales: list[Locale] = []
    """Locales whose translations must be complete."""
    cumulative: bool = True
    """When true, expecting a step implies the behaviours of the steps below it."""
    scale: Annotated[list[Step], Field(min_length=1)]
    """The descriptor scale, lowest step first."""
    categories: Annotated[list[Category], Field(min_length=1)]
    tracks: Annotated[list[Track], Field(min_length=1)]
    grades: Annotated[list[Grade], Field(min_length=1)]
    """Grades, lowest first."""
    externals: list[External] = []
    families: list[Family] = []
    """(1.2) Optional names of the roles' families; when given, each role's family is one."""
    readiness: Readiness = Readiness()
    lint: Lint = Lint()
    """Warnings this framework ignores, and phrases the vague-qualifier check accepts."""


# --- competencies/<id>.yaml -----------------------------------------------


BehaviourOrRef = Annotated[
    str,
    StringConstraints(pattern=rf"^{_ID}(?:\.{_ID})?$"),
    Field(description="A behaviour id of the same owner, or a COMPETENCY.BEHAVIOUR reference."),
]


class Behaviour(_Model):
    """One observable behaviour: what a person does."""

    id: Id
    text: Text
    replaces: list[BehaviourOrRef] = []
    """Behaviours this one grows out of: ids of the same competency at lower steps (library),
    or ids of lower levels' additions and COMPETENCY.BEHAVIOUR references (roles). A level
    that expects this behaviour no longer expects the ones it replaces."""
    examples: list[Text] = []
    """Concrete past work that shows the behaviour."""


class Resource(_Model):
    """(1.2) A way to grow into a step: a course, a reading, a shadowing arrangement, ..."""

    title: Text
    """What the resource is called; translatable."""
    kind: ResourceKind
    """course, reading, video, shadowing, project or mentoring."""
    url: Url | None = None
    """Where to find it: an http or https address (no other scheme)."""


class CompetencyStep(_Model):
    """What a competency looks like at one step of the scale."""

    summary: Text | None = None
    behaviours: Annotated[list[Behaviour], Field(min_length=1)]
    resources: list[Resource] = []
    """(1.2) Ways to grow into this step; ladders show them under the step, plans use them."""


class HiringKit(_Model):
    """Interview questions, the signals to listen for, and red flags."""

    questions: list[Text] = []
    signals: list[Text] = []
    red_flags: list[Text] = []


class Reference(_Model):
    """A tag in an outside taxonomy (SFIA, ESCO, ...)."""

    scheme: NonEmpty
    code: NonEmpty
    url: NonEmpty | None = None


class Competency(_Document):
    """competencies/<id>.yaml: a competency and its behaviours at each step."""

    kind: Literal["competency"]
    id: Id
    name: Text
    category: Id
    """A category id of the framework."""
    summary: Text | None = None
    steps: dict[Id, CompetencyStep] = {}
    """Behaviours keyed by scale step id; steps may be skipped."""
    hiring: HiringKit | None = None
    references: list[Reference] = []


# --- roles/<id>.yaml ------------------------------------------------------


class Expectation(_Model):
    """The long form of an expectation: a step, role-specific behaviours, a note."""

    step: Id
    behaviours: list[Behaviour] = []
    """Behaviours this role adds to the competency at this level."""
    note: Text | None = None


def _expectation_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "step"
    if isinstance(value, dict | Expectation):
        return "detail"
    return None


ExpectationValue = Annotated[
    Annotated[Id, Tag("step")] | Annotated[Expectation, Tag("detail")],
    Discriminator(
        _expectation_kind,
        custom_error_type="expectation_type",
        custom_error_message="expected a step id, or a mapping with step, behaviours and note",
    ),
]


class Metric(_Model):
    """An informative metric for a level; never used to compute readiness."""

    name: Text
    target: Text | None = None


class Level(_Model):
    """One level of a role: its grade and what it expects per competency."""

    id: Id
    title: Text
    grade: Id
    summary: Text | None = None
    scope: Text | None = None
    """The work itself: problem complexity, segment, portfolio, reach."""
    expects: Annotated[dict[Id, ExpectationValue], Field(min_length=1)]
    """Competency id to the step expected (short form) or an Expectation."""
    metrics: list[Metric] = []

    def steps(self) -> dict[str, str]:
        """Competency id to the step expected, in the order the level lists them."""
        return {
            competency: value if isinstance(value, str) else value.step
            for competency, value in self.expects.items()
        }

    def expectation(self, competency: str) -> Expectation | None:
        """The expectation for `competency` in its long form, or None."""
        value = self.expects.get(competency)
        if value is None:
            return None
        return Expectation(step=value) if isinstance(value, str) else value


class Role(_Document):
    """roles/<id>.yaml: a role and its ordered levels."""

    kind: Literal["role"]
    id: Id
    title: Text
    track: Id
    family: NonEmpty | None = None
    """A free grouping label, e.g. support or success."""
    summary: Text | None = None
    why: Text | None = None
    """Why the role exists."""
    levels: Annotated[list[Level], Field(min_length=1)]
    """Levels, lowest first."""

    def level(self, level_id: str) -> Level | None:
        """The level with this id, or None."""
        return next((lv for lv in self.levels if lv.id == level_id), None)


# --- paths.yaml -----------------------------------------------------------


class Move(_Model):
    """One move between two levels, or into or out of the framework."""

    from_: Endpoint = Field(alias="from")
    to: Endpoint
    type: MoveType
    note: Text | None = None


class Paths(_Document):
    """paths.yaml: the moves that link roles into career paths."""

    kind: Literal["paths"]
    moves: Annotated[list[Move], Field(min_length=1)]


# --- evidence -------------------------------------------------------------


class Person(_Model):
    """Who the evidence is about."""

    id: Id
    name: NonEmpty | None = None
    manager: Id | None = None
    """(1.2) The person id of the person's manager."""


class EvidenceItem(_Model):
    """A piece of work that shows one or more behaviours."""

    id: Id | None = None
    """Optional; unique within the file when given."""
    date: IsoDate
    source: Source
    summary: Text
    link: NonEmpty | None = None
    shows: Annotated[list[BehaviourRef], Field(min_length=1)]
    suggested: bool = False
    """(1.2) True when a tool proposed the item and no person has confirmed it yet; a
    suggested item never counts. Confirming it is deleting this line."""


class Assessment(_Model):
    """A non-numeric judgement of a competency's step."""

    competency: Id
    step: Id
    by: Assessor
    assessor: Id | None = None
    """(1.2) The person id of who made the assessment; for a by: manager assessment
    without one, the person's manager."""
    date: IsoDate
    note: Text | None = None

    def effective_assessor(self, manager: str | None) -> str | None:
        """Who made this assessment: `assessor`, else `manager` (the person's) for a
        ``by: manager`` assessment, else None (format section 7)."""
        if self.assessor is not None:
            return self.assessor
        return manager if self.by == "manager" else None


class NotApplicable(_Model):
    """A behaviour that does not apply to this person, and why."""

    behaviour: BehaviourRef
    reason: Text


Confirmer = Literal["manager", "panel"]


class Confirmation(_Model):
    """When and by whom the person's level was confirmed (a promotion or calibration)."""

    date: IsoDate
    by: Confirmer


def _at_least_one(*keys: str) -> dict[str, Any]:
    """JSON Schema: the mapping has at least one of `keys`."""
    return {"anyOf": [{"required": [key]} for key in keys]}


def _exactly_one(*keys: str) -> dict[str, Any]:
    """JSON Schema: the mapping has exactly one of `keys`."""
    return {"oneOf": [{"required": [key]} for key in keys]}


def _given(model: BaseModel, keys: tuple[str, ...]) -> list[str]:
    return [key for key in keys if getattr(model, key) is not None]


class FrameworkStamp(_Model):
    """(1.2) The ladder a level was confirmed against: its version, its content hash, or both."""

    model_config = ConfigDict(json_schema_extra=_at_least_one("version", "hash"))

    version: Annotated[str, StringConstraints(pattern=SEMVER_PATTERN)] | None = None
    """The framework's version then, e.g. 1.0.0."""
    hash: Annotated[str, StringConstraints(pattern=HASH_PATTERN)] | None = None
    """The framework's content hash then: sha256: and 64 hex digits."""

    @model_validator(mode="after")
    def _version_or_hash(self) -> FrameworkStamp:
        if not _given(self, ("version", "hash")):
            raise PydanticCustomError(
                "missing_one_of",
                "give the framework's version, its hash, or both",
                {"keys": "version, hash"},
            )
        return self


class HistoryEntry(_Model):
    """(1.2) A level a manager or panel confirmed, on a date."""

    level: LevelRef
    """The level confirmed, ROLE@LEVEL."""
    date: IsoDate
    """The date of the promotion or calibration decision."""
    by: Confirmer
    """manager or panel."""
    framework: FrameworkStamp | None = None
    """The ladder the level was judged against."""


#: Where an `Evidence` keeps its confirmations once worked out (not a field).
_CONFIRMATIONS = "__confirmations"


class Evidence(_Document):
    """An evidence file: one person's work, assessments and exclusions."""

    kind: Literal["evidence"]
    person: Person
    role: Id
    level: Id | None = None
    """The person's current level, if known."""
    confirmed: Confirmation | None = None
    """When `level` was confirmed; its expectations then carry over to the next target.
    The 1.1 shorthand for a history of one entry; a file has confirmed or history, not both."""
    target: LevelRef | None = None
    """The level the person aims at, ROLE@LEVEL."""
    history: Annotated[list[HistoryEntry], Field(min_length=1)] | None = None
    """(1.2) The levels confirmed over time, oldest first, dates strictly increasing; the
    last entry is the file's role and level."""
    items: list[EvidenceItem] = []
    assessments: list[Assessment] = []
    not_applicable: list[NotApplicable] = []

    def confirmations(self) -> tuple[HistoryEntry, ...]:
        """The levels confirmed, oldest first: `history`, or the one entry that `confirmed`
        stands for (``ROLE@level`` on its date and by whom), or none.

        Worked out once per model and kept: the analysis asks per person and date. It is
        kept in the instance's ``__dict__`` as `functools.cached_property` would keep it
        (pydantic compares and dumps fields only, so equality is unchanged), with the
        fields it came from: checked by identity, cheaply, so that a `model_copy` with
        other values never sees a stale answer.
        """
        key = (self.history, self.confirmed, self.role, self.level)
        kept = self.__dict__.get(_CONFIRMATIONS)
        if kept is not None and all(a is b for a, b in zip(kept[0], key, strict=True)):
            return kept[1]  # type: ignore[no-any-return]
        found: tuple[HistoryEntry, ...] = ()
        if self.history is not None:
            found = tuple(self.history)
        elif self.confirmed is not None and self.level is not None:
            entry = HistoryEntry.model_construct(
                level=f"{self.role}@{self.level}",
                date=self.confirmed.date,
                by=self.confirmed.by,
                framework=None,
            )
            found = (entry,)
        self.__dict__[_CONFIRMATIONS] = (key, found)
        return found

    def confirmed_at(self, day: date) -> HistoryEntry | None:
        """The confirmation in force on `day`: the latest entry dated on or before it
        (an entry dated exactly `day` counts), or None when every entry is later."""
        found: HistoryEntry | None = None
        for entry in self.confirmations():
            if entry.date <= day and (found is None or entry.date >= found.date):
                found = entry
        return found

    def assessor_of(self, assessment: Assessment) -> str | None:
        """Who made `assessment`: its `assessor`, else this person's manager for a
        ``by: manager`` assessment, else None."""
        return assessment.effective_assessor(self.person.manager)


# --- evidence mappings (competency suggest) ---------------------------------


class MappingFields(_Model):
    """(1.2) The names of the export's columns (or keys) that make an item."""

    id: NonEmpty
    """Required: a value that is stable per row; the item id is the mapping's id and it."""
    date: NonEmpty
    """Required: an ISO date or date-time."""
    person: NonEmpty
    """Required: the value looked up in people."""
    summary: NonEmpty
    """Required: the item's summary."""
    link: NonEmpty | None = None
    """Optional: the item's link."""


_CONDITIONS = ("contains", "equals", "matches")


class MappingCondition(_Model):
    """(1.2) When a row matches: its field contains, equals or matches (exactly one) a value."""

    model_config = ConfigDict(json_schema_extra=_exactly_one(*_CONDITIONS))

    field: NonEmpty
    """The column or key to look at."""
    contains: NonEmpty | None = None
    """The field's value contains this text."""
    equals: NonEmpty | None = None
    """The field's value is exactly this text."""
    matches: NonEmpty | None = None
    """A regular expression the field's value matches (Python syntax, searched anywhere)."""

    @model_validator(mode="after")
    def _exactly_one(self) -> MappingCondition:
        given = _given(self, _CONDITIONS)
        if not given:
            raise PydanticCustomError(
                "missing_one_of",
                "give one of contains, equals or matches",
                {"keys": ", ".join(_CONDITIONS)},
            )
        if len(given) > 1:
            raise PydanticCustomError(
                "more_than_one_of",
                "give one of contains, equals or matches, not {keys}",
                {"keys": " and ".join(given), "extra": given[1]},
            )
        return self

    @property
    def test(self) -> tuple[Literal["contains", "equals", "matches"], str]:
        """Which test this condition makes, and its value."""
        if self.contains is not None:
            return "contains", self.contains
        if self.equals is not None:
            return "equals", self.equals
        assert self.matches is not None
        return "matches", self.matches


class MappingRule(_Model):
    """(1.2) A row that matches `when` suggests the behaviours in `shows`."""

    when: MappingCondition
    shows: Annotated[list[BehaviourRef], Field(min_length=1)]
    """The behaviours a matching row shows, OWNER.BEHAVIOUR."""


class EvidenceMapping(_Document):
    """(1.2) An evidence mapping: how rows of a help-desk or tracker export become suggested
    evidence items (competency suggest)."""

    kind: Literal["evidence-mapping"]
    id: Id
    """The prefix of the item ids."""
    source: Source
    """The items' source: self, manager, peer, customer or system."""
    fields: MappingFields
    """Names of the export's columns or keys."""
    people: dict[NonEmpty, Id] = {}
    """The person field's value -> person id."""
    rules: Annotated[list[MappingRule], Field(min_length=1)]
    """A row matching a rule suggests its behaviours; rows matching several get them all."""


#: The model for each `kind`.
KINDS: dict[str, type[_Document]] = {
    "framework": FrameworkInfo,
    "competency": Competency,
    "role": Role,
    "paths": Paths,
    "evidence": Evidence,
    "evidence-mapping": EvidenceMapping,
}


def declared_keys(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's keys in the order it declares them: the order the format documents, and
    the one `competency fmt` and `competency import` write."""
    return tuple(field.alias or name for name, field in model.model_fields.items())
