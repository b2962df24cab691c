"""The rendering model: what every output format shows, computed once.

`build_site` turns a loaded `Framework` into plain, frozen data: the scale,
the roles grouped by family and track, each role's ladder (a cell per
competency and level, with the step, the expected behaviours and which of
them are new against the level below), the competencies with their
interview kits, and the career map. Every text is already in the chosen
locale. The Markdown, HTML and PDF renderers only lay this data out, so the
three formats cannot disagree; the PDF template receives it as JSON.

"New at this level" compares a level with the level below it in the same
role. The lowest level of a role has nothing below it, so nothing there is
marked new: everything is the baseline.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from competency import clock
from competency.diff import compare_expectations
from competency.framework import BehaviourInfo, ExpectedCompetency, Framework, LevelChanges
from competency.model import (
    Category,
    Competency,
    Family,
    Level,
    Move,
    Readiness,
    Role,
    Text,
    Track,
)
from competency.names import Names, names_for
from competency.render.messages import Messages, messages_for

__all__ = [
    "BehaviourView",
    "CareerMapView",
    "CellView",
    "CompetencyView",
    "FamilyView",
    "LevelView",
    "MapLevel",
    "MapNode",
    "MapRole",
    "MoveView",
    "ResourceView",
    "RoleView",
    "SiteView",
    "build_site",
    "safe_url",
    "to_data",
]


@dataclass(frozen=True, slots=True)
class Named:
    """Anything shown by id and name: a step, category, track, grade."""

    id: str
    name: str
    meaning: str = ""


@dataclass(frozen=True, slots=True)
class BehaviourView:
    """One behaviour as shown: its text, examples and whether it is new here."""

    ref: str
    text: str
    step: str
    step_name: str
    examples: tuple[str, ...] = ()
    role_specific: bool = False
    new: bool = False
    replaces: tuple[str, ...] = ()
    """The texts of the lower behaviours this one grows out of (replaces)."""
    lang: str = ""
    """The locale of `text` when it is not the page's (a fallback), else empty."""
    replaces_refs: tuple[str, ...] = ()
    """The references of the behaviours this one replaces directly, wherever they are expected."""


@dataclass(frozen=True, slots=True)
class ResourceView:
    """A way to grow into a step (format 1.2): a course, a reading, a shadowing arrangement."""

    title: str
    kind: str
    """course, reading, video, shadowing, project or mentoring."""
    kind_name: str
    """`kind` in the page's words."""
    url: str = ""
    """Kept only when it is http(s)."""
    lang: str = ""
    """The locale of `title` when it is a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class CellView:
    """What one level expects of one competency: a cell of the ladder."""

    competency: str
    competency_name: str
    step: str
    step_name: str
    step_index: int
    raised: bool
    behaviours: tuple[BehaviourView, ...]
    note: str = ""
    new: tuple[BehaviourView, ...] = ()
    """What is new here (`Framework.what_is_new`); on the lowest level, everything."""
    inherited: tuple[BehaviourView, ...] = ()
    """What the level below expected too."""
    lang: str = ""
    """The locale of `competency_name` when it is a fallback, else empty."""
    note_lang: str = ""
    """The locale of `note` when it is a fallback, else empty."""
    resources: tuple[ResourceView, ...] = ()
    """The competency's resources at the step this cell expects (format 1.2)."""

    @property
    def new_behaviours(self) -> tuple[BehaviourView, ...]:
        """The behaviours that the level below did not expect."""
        return tuple(b for b in self.behaviours if b.new)


@dataclass(frozen=True, slots=True)
class MetricView:
    """An informative metric of a level."""

    name: str
    target: str = ""
    lang: str = ""
    """The locale of the name and target when they are a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class LevelView:
    """One level of a role; `cells` line up with the role's `competencies`."""

    id: str
    ref: str
    title: str
    grade: str
    grade_name: str
    summary: str
    scope: str
    metrics: tuple[MetricView, ...]
    cells: tuple[CellView | None, ...]
    first: bool
    below_id: str = ""
    """The id of the level below in the role ('' for the lowest)."""
    below_title: str = ""
    lang: str = ""
    """The locale of the title and summary when they are a fallback, else empty."""

    @property
    def expected(self) -> tuple[CellView, ...]:
        """The cells of the competencies this level expects, in ladder order."""
        return tuple(cell for cell in self.cells if cell is not None)

    @property
    def changed(self) -> tuple[CellView, ...]:
        """The cells with something new at this level."""
        return tuple(cell for cell in self.expected if cell.new)

    @property
    def new_count(self) -> int:
        """How many behaviours are new here."""
        return sum(len(cell.new) for cell in self.expected)

    @property
    def inherited_count(self) -> int:
        """How many behaviours the level below expected too."""
        return sum(len(cell.inherited) for cell in self.expected)


@dataclass(frozen=True, slots=True)
class LadderRow:
    """A row of a ladder: one competency across the role's levels."""

    competency: Named
    cells: tuple[CellView | None, ...]


@dataclass(frozen=True, slots=True)
class RoleView:
    """A role with its ladder: competencies as rows, levels as columns."""

    id: str
    title: str
    track: str
    track_name: str
    family: str
    summary: str
    why: str
    competencies: tuple[Named, ...]
    levels: tuple[LevelView, ...]
    lang: str = ""
    """The locale of the title when it is a fallback, else empty."""
    family_name: str = ""
    """The family in the page's words (framework.yaml's `families`, 1.2), else its label."""
    track_lang: str = ""
    """The locale of the track's name when it is a fallback, else empty; and so on."""
    family_lang: str = ""
    summary_lang: str = ""
    why_lang: str = ""

    @property
    def rows(self) -> tuple[LadderRow, ...]:
        """The ladder row by row."""
        return tuple(
            LadderRow(competency, tuple(level.cells[i] for level in self.levels))
            for i, competency in enumerate(self.competencies)
        )


@dataclass(frozen=True, slots=True)
class TrackGroup:
    """The roles of one family on one track."""

    id: str
    name: str
    roles: tuple[RoleView, ...]
    lang: str = ""
    """The locale of the name when it is a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class FamilyView:
    """A family of roles, its tracks in framework order."""

    name: str
    tracks: tuple[TrackGroup, ...]
    lang: str = ""
    """The locale of the name when it is a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class StepBehaviours:
    """A competency at one step of the scale."""

    step: str
    step_name: str
    step_index: int
    summary: str
    behaviours: tuple[BehaviourView, ...]
    resources: tuple[ResourceView, ...] = ()
    """Ways to grow into this step (format 1.2)."""
    lang: str = ""
    """The locale of `summary` when it is a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class HiringView:
    """An interview kit."""

    questions: tuple[str, ...]
    signals: tuple[str, ...]
    red_flags: tuple[str, ...]
    lang: str = ""
    """The locale of the kit's texts when they are a fallback (as its first text), else empty."""


@dataclass(frozen=True, slots=True)
class ReferenceView:
    """A tag in an outside taxonomy; `url` is kept only when it is http(s)."""

    scheme: str
    code: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class UsageView:
    """A level that expects a competency, and at which step."""

    role: str
    role_title: str
    level_title: str
    step_name: str
    level: str = ""
    """The level's id: the page links ``#level/ROLE@LEVEL``."""
    lang: str = ""
    """The locale of `level_title` when it is a fallback, else empty."""
    role_lang: str = ""
    """The locale of `role_title` when it is a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class CompetencyView:
    """A competency page: behaviours by step, interview kit, who expects it."""

    id: str
    name: str
    category: str
    category_name: str
    summary: str
    steps: tuple[StepBehaviours, ...]
    hiring: HiringView | None
    references: tuple[ReferenceView, ...]
    expected_by: tuple[UsageView, ...]
    lang: str = ""
    """The locale of the name and summary when they are a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class MapNode:
    """A node of the career map: a level or an outside role. `key` is a safe id."""

    key: str
    ref: str
    label: str


@dataclass(frozen=True, slots=True)
class MapLevel:
    """A level on the map, with its grade."""

    key: str
    ref: str
    label: str
    grade: str


@dataclass(frozen=True, slots=True)
class MapRole:
    """A role on the map; `by_grade` lines up with the map's `grades`."""

    key: str
    id: str
    title: str
    track_name: str
    levels: tuple[MapLevel, ...]
    by_grade: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class MoveView:
    """A move of paths.yaml between two map nodes."""

    source: str
    source_label: str
    target: str
    target_label: str
    type: str
    type_name: str
    note: str = ""
    note_lang: str = ""
    """The locale of `note` when it is a fallback, else empty."""


@dataclass(frozen=True, slots=True)
class CareerMapView:
    """Roles, their levels by grade, outside roles and the moves between them."""

    grades: tuple[Named, ...]
    roles: tuple[MapRole, ...]
    externals: tuple[MapNode, ...]
    moves: tuple[MoveView, ...]


@dataclass(frozen=True, slots=True)
class SiteView:
    """Everything a renderer shows, in one locale."""

    id: str
    title: str
    summary: str
    version: str
    content_hash: str
    locale: str
    date: str
    date_text: str
    scale: tuple[Named, ...]
    families: tuple[FamilyView, ...]
    roles: tuple[RoleView, ...]
    competencies: tuple[CompetencyView, ...]
    career_map: CareerMapView
    messages: Mapping[str, str]
    self_counts: bool = True
    """Whether one item from the person themself shows a behaviour under the framework's
    readiness policy (the self-assessment says so when it does not)."""


#: The types `to_data` passes through as they are.
_SCALARS = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of the dataclass `kind`, or None for any other type."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


def to_data(value: Any) -> Any:
    """`value` as JSON-ready data: dataclasses become dicts, tuples lists."""
    # A large framework's model holds a million values: scalars and plain tuples
    # leave first, and each class's fields are looked up once, not once per value.
    kind: type = type(value)
    if kind in _SCALARS:
        return value
    if kind is tuple or kind is list:
        return [v if type(v) in _SCALARS else to_data(v) for v in value]
    names = _field_names(kind)
    if names is not None:
        fields = [(name, getattr(value, name)) for name in names]
        return {name: v if type(v) in _SCALARS else to_data(v) for name, v in fields}
    if isinstance(value, Mapping):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [to_data(v) for v in value]
    return value


# --- building ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    """What every builder needs: the framework, the locale, the messages."""

    framework: Framework
    locale: str | None
    messages: Messages
    names: Names

    def text(self, value: Text | None) -> str:
        """`value` in the chosen locale, else the framework's default."""
        return self.names.text(value)

    def lang(self, value: Text | None) -> str:
        """The locale `value` is shown in when it is not the page's (a fallback), else ''."""
        if value is None:
            return ""
        shown = self.names.locale_of(value)
        same = shown.lower().split("-")[0] == self.names.locale.lower().split("-")[0]
        return "" if same else shown

    def texts(self, values: Iterable[Text]) -> tuple[str, ...]:
        """Several texts in the chosen locale."""
        return tuple(self.text(v) for v in values)

    def step_name(self, step: str) -> str:
        """The name of a scale step."""
        return self.text(self.framework.info.scale[self.framework.step_index(step)].name)

    def grade_name(self, grade: str) -> str:
        """The name of a grade."""
        return self.text(self.framework.info.grades[self.framework.grade_index(grade)].name)

    def family_name(self, family: str) -> str:
        """A role family's name: from the framework's `families` when it names them (1.2),
        else the label itself with a capital."""
        found = _with_id(self.framework.info.families, family)
        return self.text(found.name) if found is not None else family[:1].upper() + family[1:]

    def family_lang(self, family: str) -> str:
        """`lang` of a role family's declared name; '' for a label shown as it is."""
        found = _with_id(self.framework.info.families, family)
        return self.lang(found.name if found is not None else None)

    def name_of(self, items: Iterable[Track | Category], item_id: str) -> str:
        """The name of the track or category with this id, or the id when there is none."""
        found = _with_id(items, item_id)
        return self.text(found.name) if found is not None else item_id

    def lang_of(self, items: Iterable[Track | Category], item_id: str) -> str:
        """`lang` of the name `name_of` gives."""
        found = _with_id(items, item_id)
        return self.lang(found.name if found is not None else None)

    def competency_name(self, competency_id: str) -> str:
        """The name of a competency, or its id when it has none."""
        competency = self.framework.competencies.get(competency_id)
        return self.text(competency.name) if competency is not None else competency_id


def _with_id(
    items: Iterable[Track | Category | Family], item_id: str
) -> Track | Category | Family | None:
    """The track, category or family with this id, if the framework declares one."""
    return next((item for item in items if item.id == item_id), None)


def build_site(
    framework: Framework,
    *,
    locale: str | None = None,
    role: str | None = None,
    today: date | None = None,
    names: Names | None = None,
) -> SiteView:
    """The rendering model of `framework`, in `locale`, for every role or only `role`.

    `names` is the command's translator for `locale` (one is made when not given).

    Raises `competency.framework.UnknownReferenceError` for an unknown `role`.
    """
    day = today if today is not None else clock.today()
    ctx = _Context(
        framework,
        locale,
        messages_for(locale, framework.default_locale),
        names_for(framework, locale, names=names),
    )
    chosen = [framework.role(role)] if role is not None else list(framework.roles.values())
    # The framework's own order, as the map's: the front line first, never file names.
    chosen.sort(key=_path_order(framework.moves))
    roles = tuple(_role(ctx, r) for r in chosen)
    info = framework.info
    return SiteView(
        id=info.id,
        title=ctx.text(info.title),
        summary=ctx.text(info.summary),
        version=info.version,
        content_hash=framework.content_hash,
        locale=locale or framework.default_locale,
        date=day.isoformat(),
        date_text=ctx.messages.format_date(day),
        scale=tuple(Named(s.id, ctx.text(s.name), ctx.text(s.meaning)) for s in info.scale),
        families=_families(ctx, roles),
        roles=roles,
        competencies=_competencies(ctx, chosen),
        career_map=_career_map(ctx, chosen),
        messages=dict(ctx.messages),
        self_counts=_self_counts(info.readiness),
    )


def _self_counts(policy: Readiness) -> bool:
    """Whether one self item, dated today, is enough for a behaviour to be evidenced."""
    return "self" in policy.sources and policy.min_items <= 1 and policy.min_sources <= 1


def _behaviour(
    ctx: _Context, info: BehaviourInfo, new: bool = False, replaces: tuple[str, ...] = ()
) -> BehaviourView:
    """A behaviour as shown, on a competency page or (with `new`) in a ladder cell."""
    return BehaviourView(
        ref=info.ref,
        text=ctx.text(info.behaviour.text),
        step=info.step,
        step_name=ctx.step_name(info.step),
        examples=ctx.texts(info.behaviour.examples),
        role_specific=info.role_specific,
        new=new,
        replaces=replaces,
        lang=ctx.lang(info.behaviour.text),
        replaces_refs=info.replaces,
    )


# --- roles and ladders -------------------------------------------------------------


def _ladder_competencies(role: Role) -> list[str]:
    """Competencies in the order the levels first name them, lowest level first."""
    seen: dict[str, None] = {}
    for level in role.levels:
        seen.update(dict.fromkeys(level.expects))
    return list(seen)


def _role(ctx: _Context, role: Role) -> RoleView:
    order = _ladder_competencies(role)
    levels = []
    below: Level | None = None
    before: dict[str, ExpectedCompetency] = {}
    for level in role.levels:
        ref = f"{role.id}@{level.id}"
        expected = {e.competency: e for e in ctx.framework.expected(ref)}
        changes = {c.competency: c for c in ctx.framework.what_is_new(ref)}
        raised = {
            c
            for c, e in expected.items()
            if below is not None
            and compare_expectations(ctx.framework, before.get(c), e).change in ("raised", "added")
        }
        levels.append(_level(ctx, role, level, order, (expected, changes, raised), below))
        below, before = level, expected
    return RoleView(
        id=role.id,
        title=ctx.text(role.title),
        track=role.track,
        track_name=ctx.name_of(ctx.framework.info.tracks, role.track),
        family=role.family or "",
        family_name=ctx.family_name(role.family) if role.family else "",
        summary=ctx.text(role.summary),
        why=ctx.text(role.why),
        competencies=tuple(Named(c, ctx.competency_name(c)) for c in order),
        levels=tuple(levels),
        lang=ctx.lang(role.title),
        track_lang=ctx.lang_of(ctx.framework.info.tracks, role.track),
        family_lang=ctx.family_lang(role.family) if role.family else "",
        summary_lang=ctx.lang(role.summary),
        why_lang=ctx.lang(role.why),
    )


def _level(
    ctx: _Context,
    role: Role,
    level: Level,
    order: list[str],
    parts: tuple[dict[str, ExpectedCompetency], dict[str, LevelChanges], set[str]],
    below: Level | None,
) -> LevelView:
    """A level; `parts` are its expectations, what is new and the raised competencies.

    `below` is the level below it in the role, None for the lowest level.
    """
    expected, changes, raised = parts
    cells = tuple(
        _cell(ctx, level, expected[c], changes[c], (below is None, c in raised))
        if c in expected
        else None
        for c in order
    )
    return LevelView(
        id=level.id,
        ref=f"{role.id}@{level.id}",
        title=ctx.text(level.title),
        grade=level.grade,
        grade_name=ctx.grade_name(level.grade),
        summary=ctx.text(level.summary),
        scope=ctx.text(level.scope),
        metrics=tuple(
            MetricView(ctx.text(m.name), ctx.text(m.target), ctx.lang(m.name))
            for m in level.metrics
        ),
        cells=cells,
        first=below is None,
        below_id=below.id if below is not None else "",
        below_title=ctx.text(below.title) if below is not None else "",
        lang=ctx.lang(level.title),
    )


def _cell(
    ctx: _Context,
    level: Level,
    expected: ExpectedCompetency,
    change: LevelChanges,
    flags: tuple[bool, bool],
) -> CellView:
    """One cell: what is new at this level (`Framework.what_is_new`) and what it inherits.

    On the lowest level (`first`) nothing is raised or marked new: it is the
    baseline, though every behaviour is listed in `new` so that it leads.
    `flags` are (first, raised).
    """
    first, raised = flags
    new = tuple(
        _behaviour(ctx, item.info, not first, ctx.texts(r.behaviour.text for r in item.replaces))
        for item in change.new
    )
    inherited = tuple(_behaviour(ctx, info) for info in change.inherited)
    by_ref = {b.ref: b for b in new + inherited}
    expectation = level.expectation(expected.competency)
    competency = ctx.framework.competencies.get(expected.competency)
    return CellView(
        competency=expected.competency,
        competency_name=ctx.competency_name(expected.competency),
        step=expected.step,
        step_name=ctx.step_name(expected.step),
        step_index=ctx.framework.step_index(expected.step),
        raised=raised,
        behaviours=tuple(by_ref[b.ref] for b in expected.behaviours),
        note=ctx.text(expectation.note) if expectation is not None else "",
        note_lang=ctx.lang(expectation.note) if expectation is not None else "",
        new=new,
        inherited=inherited,
        lang=ctx.lang(competency.name) if competency is not None else "",
        resources=_resources(ctx, competency, expected.step),
    )


def _families(ctx: _Context, roles: tuple[RoleView, ...]) -> tuple[FamilyView, ...]:
    """Roles grouped by family, then by track.

    Families come in framework.yaml's `families` order when it declares them
    (1.2), the others in order of their first role; `roles` are in path order.
    """
    declared = [f.id for f in ctx.framework.info.families]
    names: dict[str, None] = dict.fromkeys(r.family for r in roles)
    names = dict.fromkeys(
        sorted(names, key=lambda f: declared.index(f) if f in declared else len(declared))
    )
    families = []
    for family in names:
        tracks = []
        for track in ctx.framework.info.tracks:
            members = tuple(r for r in roles if r.family == family and r.track == track.id)
            if members:
                tracks.append(
                    TrackGroup(track.id, ctx.text(track.name), members, ctx.lang(track.name))
                )
        label = ctx.family_name(family) if family else ctx.messages["other_family"]
        families.append(FamilyView(label, tuple(tracks), ctx.family_lang(family)))
    return tuple(families)


# --- competencies -------------------------------------------------------------------


def _competencies(ctx: _Context, roles: list[Role]) -> tuple[CompetencyView, ...]:
    """The competencies that the chosen roles expect, in framework order."""
    used: set[str] = set()
    for role in roles:
        used.update(_ladder_competencies(role))
    return tuple(
        _competency(ctx, c, roles) for c in ctx.framework.competencies.values() if c.id in used
    )


def _competency(ctx: _Context, competency: Competency, roles: list[Role]) -> CompetencyView:
    hiring = competency.hiring
    return CompetencyView(
        id=competency.id,
        name=ctx.text(competency.name),
        category=competency.category,
        category_name=ctx.name_of(ctx.framework.info.categories, competency.category),
        summary=ctx.text(competency.summary),
        steps=tuple(
            _step_behaviours(ctx, competency, step.id)
            for step in ctx.framework.info.scale
            if step.id in competency.steps
        ),
        hiring=None
        if hiring is None
        else HiringView(
            ctx.texts(hiring.questions),
            ctx.texts(hiring.signals),
            ctx.texts(hiring.red_flags),
            ctx.lang(next(iter([*hiring.questions, *hiring.signals, *hiring.red_flags]), None)),
        ),
        references=tuple(
            ReferenceView(r.scheme, r.code, safe_url(r.url)) for r in competency.references
        ),
        expected_by=_usages(ctx, competency.id, roles),
        lang=ctx.lang(competency.name),
    )


def _step_behaviours(ctx: _Context, competency: Competency, step: str) -> StepBehaviours:
    """What `competency` describes at `step`."""
    described = competency.steps[step]
    return StepBehaviours(
        step=step,
        step_name=ctx.step_name(step),
        step_index=ctx.framework.step_index(step),
        summary=ctx.text(described.summary),
        behaviours=tuple(
            _behaviour(ctx, ctx.framework.behaviour(f"{competency.id}.{b.id}"))
            for b in described.behaviours
        ),
        resources=_resources(ctx, competency, step),
        lang=ctx.lang(described.summary),
    )


def _resources(ctx: _Context, competency: Competency | None, step: str) -> tuple[ResourceView, ...]:
    """The resources `competency` lists at `step`, in file order (none when it lists none)."""
    described = competency.steps.get(step) if competency is not None else None
    if described is None:
        return ()
    return tuple(
        ResourceView(
            title=ctx.text(r.title),
            kind=r.kind,
            kind_name=ctx.messages.get(f"resource_{r.kind}", r.kind),
            url=safe_url(r.url),
            lang=ctx.lang(r.title),
        )
        for r in described.resources
    )


def _usages(ctx: _Context, competency_id: str, roles: list[Role]) -> tuple[UsageView, ...]:
    usages = []
    for role in roles:
        for level in role.levels:
            expectation = level.expectation(competency_id)
            if expectation is not None:
                usages.append(
                    UsageView(
                        role.id,
                        ctx.text(role.title),
                        ctx.text(level.title),
                        ctx.step_name(expectation.step),
                        level.id,
                        ctx.lang(level.title),
                        ctx.lang(role.title),
                    )
                )
    return tuple(usages)


def safe_url(url: str | None) -> str:
    """Only http and https links are kept; anything else (javascript:, data:) is dropped."""
    if url is None:
        return ""
    lowered = url.strip().lower()
    if not lowered.startswith(("https://", "http://")):
        return ""
    if any(c.isspace() or c in "<>\"'`|\\" for c in url.strip()):
        return ""
    return url.strip()


# --- career map --------------------------------------------------------------------


def _career_map(ctx: _Context, roles: list[Role]) -> CareerMapView:
    """The roles by grade, and the moves that touch the chosen roles."""
    framework = ctx.framework
    grades = tuple(Named(g.id, ctx.text(g.name)) for g in framework.info.grades)
    chosen = {r.id for r in roles}
    moves = [m for m in framework.moves if _role_of(m.from_) in chosen or _role_of(m.to) in chosen]
    shown = [r for r in framework.roles.values() if r.id in chosen or _touches(r, moves)]
    shown.sort(key=_path_order(framework.moves))
    labels: dict[str, str] = {}
    keys: dict[str, str] = {}
    map_roles = []
    for i, role in enumerate(shown):
        levels = []
        for j, level in enumerate(role.levels):
            ref = f"{role.id}@{level.id}"
            keys[ref] = f"r{i}l{j}"
            labels[ref] = ctx.text(level.title)
            levels.append(MapLevel(keys[ref], ref, labels[ref], level.grade))
        by_grade = tuple(tuple(lv.label for lv in levels if lv.grade == g.id) for g in grades)
        map_roles.append(
            MapRole(
                f"r{i}",
                role.id,
                ctx.text(role.title),
                ctx.name_of(framework.info.tracks, role.track),
                tuple(levels),
                by_grade,
            )
        )
    externals = _externals(ctx, moves, keys, labels)
    return CareerMapView(
        grades=grades,
        roles=tuple(map_roles),
        externals=externals,
        moves=tuple(_move(ctx, m, keys, labels) for m in moves),
    )


def _path_order(moves: Sequence[Move]) -> Callable[[Role], int]:
    """The map's column order: roles as paths.yaml first names them, the rest after.

    paths.yaml is written as the framework's authors read it (the front
    line's promotions first), so the map starts where most people do; file
    names say nothing about that. Roles no move names keep their order.
    """
    first: dict[str, int] = {}
    for move in moves:
        for endpoint in (move.from_, move.to):
            if not endpoint.startswith("external:"):
                first.setdefault(_role_of(endpoint), len(first))
    return lambda role: first.get(role.id, len(first))


def _role_of(endpoint: str) -> str:
    return endpoint.partition("@")[0]


def _touches(role: Role, moves: list[Move]) -> bool:
    return any(_role_of(m.from_) == role.id or _role_of(m.to) == role.id for m in moves)


def _externals(
    ctx: _Context, moves: list[Move], keys: dict[str, str], labels: dict[str, str]
) -> tuple[MapNode, ...]:
    """The outside roles the moves name; fills `keys` and `labels` for them."""
    names = {e.id: ctx.text(e.name) for e in ctx.framework.info.externals}
    nodes: list[MapNode] = []
    for move in moves:
        for endpoint in (move.from_, move.to):
            if endpoint.startswith("external:") and endpoint not in keys:
                keys[endpoint] = f"x{len(nodes)}"
                labels[endpoint] = names.get(endpoint.partition(":")[2], endpoint)
                nodes.append(MapNode(keys[endpoint], endpoint, labels[endpoint]))
    return tuple(nodes)


def _move(ctx: _Context, move: Move, keys: dict[str, str], labels: dict[str, str]) -> MoveView:
    return MoveView(
        source=keys[move.from_],
        source_label=labels[move.from_],
        target=keys[move.to],
        target_label=labels[move.to],
        type=move.type,
        type_name=ctx.messages.move_type(move.type),
        note=ctx.text(move.note),
        note_lang=ctx.lang(move.note),
    )
