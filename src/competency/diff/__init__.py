"""What changes between two levels, or between two versions of a framework.

`diff_levels` compares what two levels expect, in one role or across roles
(a lateral move): per competency, how the expected step changes and which
expected behaviours appear or are no longer listed. `diff_frameworks` is a
changelog between two versions of one framework: what was added, removed or
reworded, which steps and grades moved, and whether the version number was
raised to match.

Both return frozen result objects with ``as_dict()`` (the JSON form
documented in ``docs/diff.md``); `competency.write.diff` writes them as text
and Markdown. Nothing here reads files, prints or formats.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from competency.framework import (
    BehaviourInfo,
    ExpectedCompetency,
    Framework,
    UnknownReferenceError,
)
from competency.model import SEMVER_PATTERN, Text
from competency.names import Names, names_for

__all__ = [
    "CHANGE_KINDS",
    "BehaviourText",
    "Change",
    "ChangeAction",
    "ChangeKind",
    "CompetencyDiff",
    "Direction",
    "ExpectationChange",
    "FrameworkDiff",
    "FrameworkSide",
    "LevelDiff",
    "LevelSide",
    "Named",
    "StepChange",
    "compare_expectations",
    "compare_versions",
    "diff_frameworks",
    "diff_levels",
]

#: How an ordered value (a step, a grade, a version) moved.
Direction = Literal["raised", "lowered", "same"]
#: How one competency's expectation changes between two levels.
StepChange = Literal["raised", "lowered", "same", "added", "removed"]
#: What a framework change is about.
ChangeKind = Literal["role", "level", "competency", "behaviour", "step", "grade", "move"]
#: What happened to it.
ChangeAction = Literal["added", "removed", "reworded", "raised", "lowered", "changed"]

#: Every change kind, in the order changelogs group them.
CHANGE_KINDS: tuple[ChangeKind, ...] = (
    "role",
    "level",
    "competency",
    "behaviour",
    "step",
    "grade",
    "move",
)


def _direction(delta: int) -> Direction:
    if delta > 0:
        return "raised"
    return "lowered" if delta < 0 else "same"


# --- one competency between two levels -------------------------------------


@dataclass(frozen=True, slots=True)
class ExpectationChange:
    """How one competency's expectation changes from one level to another.

    The ladders use this to mark raised steps and behaviours new at a level,
    and `diff_levels` to list them, so the two always agree.
    """

    change: StepChange
    added: tuple[BehaviourInfo, ...]
    """Behaviours the second level expects and the first does not."""
    removed: tuple[BehaviourInfo, ...]
    """Behaviours the first level expects and the second no longer lists."""
    replaces: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """For an added behaviour that replaces removed ones, their references."""


def compare_expectations(
    framework: Framework, old: ExpectedCompetency | None, new: ExpectedCompetency | None
) -> ExpectationChange:
    """Compare what two levels expect of one competency; None where a level does not expect it.

    Behaviours are compared by reference, so a role-specific behaviour of
    one role is never the same as one of another role.
    """
    added, _, removed = framework.compare_expected(old, new)
    change: StepChange
    if old is None or new is None:
        change = "added" if old is None else "removed"
    else:
        change = _direction(framework.compare_steps(new.step, old.step))
    replaces = {n.info.ref: tuple(r.ref for r in n.replaces) for n in added if n.replaces}
    return ExpectationChange(change, tuple(n.info for n in added), removed, replaces)


# --- level diffs ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Named:
    """An id with its display name in the chosen locale."""

    id: str
    name: str

    def as_dict(self) -> dict[str, str]:
        """``{"id", "name"}``."""
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True, slots=True)
class BehaviourText:
    """A behaviour by reference (``OWNER.ID``) with its text in the chosen locale."""

    ref: str
    text: str
    replaces: tuple[str, ...] = ()
    """For an added behaviour, the removed ones it replaces (grows out of)."""

    def as_dict(self) -> dict[str, Any]:
        """``{"ref", "text", "replaces"}``."""
        return {"ref": self.ref, "text": self.text, "replaces": list(self.replaces)}


@dataclass(frozen=True, slots=True)
class CompetencyDiff:
    """One competency of a level diff: the step change and the behaviour changes.

    `old_step` is None when only the second level expects the competency
    (`change` is ``added``), `new_step` when only the first does
    (``removed``: no longer expected).
    """

    competency: Named
    change: StepChange
    old_step: Named | None
    new_step: Named | None
    added: tuple[BehaviourText, ...]
    """Behaviours the second level expects and the first does not."""
    removed: tuple[BehaviourText, ...]
    """Behaviours the first level expects and the second no longer lists."""

    @property
    def changed(self) -> bool:
        """True unless the step and the behaviours are the same."""
        return self.change != "same" or bool(self.added or self.removed)

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of one competency (docs/diff.md)."""
        return {
            "id": self.competency.id,
            "name": self.competency.name,
            "change": self.change,
            "from": self.old_step.as_dict() if self.old_step else None,
            "to": self.new_step.as_dict() if self.new_step else None,
            "added": [b.as_dict() for b in self.added],
            "removed": [b.as_dict() for b in self.removed],
        }


@dataclass(frozen=True, slots=True)
class LevelSide:
    """One of the two levels compared: its reference, title, role, grade and track."""

    ref: str
    title: str
    role: Named
    grade: Named
    track: Named

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of one side (docs/diff.md)."""
        return {
            "ref": self.ref,
            "title": self.title,
            "role": self.role.as_dict(),
            "grade": self.grade.as_dict(),
            "track": self.track.as_dict(),
        }


@dataclass(frozen=True, slots=True)
class LevelDiff:
    """What changes from level `old` to level `new`.

    `competencies` hold the union of both levels' expectations: those of
    `new` in its order, then those only `old` expects.
    """

    old: LevelSide
    new: LevelSide
    grade_change: Direction
    competencies: tuple[CompetencyDiff, ...]

    @property
    def track_changed(self) -> bool:
        """True when the two levels sit on different tracks."""
        return self.old.track.id != self.new.track.id

    @property
    def changed(self) -> bool:
        """True when any competency, the grade or the track changes."""
        return (
            self.grade_change != "same"
            or self.track_changed
            or any(c.changed for c in self.competencies)
        )

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of a level diff (docs/diff.md)."""
        return {
            "kind": "levels",
            "from": self.old.as_dict(),
            "to": self.new.as_dict(),
            "grade_change": self.grade_change,
            "track_changed": self.track_changed,
            "changed": self.changed,
            "competencies": [c.as_dict() for c in self.competencies],
        }


def diff_levels(
    framework: Framework,
    old: str,
    new: str,
    locale: str | None = None,
    *,
    names: Names | None = None,
) -> LevelDiff:
    """Compare what level `old` and level `new` (both ``ROLE@LEVEL``) expect.

    Names and texts are those of `names` (the command's translator), else
    in `locale`.

    Behaviours are compared by reference, from `Framework.expected` of both
    levels, so a role-specific behaviour of one role is never the same as
    one of another role. Raises `UnknownReferenceError` for an unknown level.

    >>> from competency import load_framework
    >>> framework = load_framework("matrices")
    >>> diff = diff_levels(framework, "support-specialist@ss1", "support-specialist@ss2")
    >>> diff.grade_change
    'raised'
    """
    named = _Named(names_for(framework, locale, names=names))
    old_side, new_side = named.side(old), named.side(new)
    old_expected = {e.competency: e for e in framework.expected(old)}
    new_expected = {e.competency: e for e in framework.expected(new)}
    order = [*new_expected, *(c for c in old_expected if c not in new_expected)]
    grade = framework.grade_index(new_side.grade.id) - framework.grade_index(old_side.grade.id)
    return LevelDiff(
        old_side,
        new_side,
        _direction(grade),
        tuple(_competency_diff(named, c, old_expected.get(c), new_expected.get(c)) for c in order),
    )


class _Named:
    """`Named` values (an id and its words) for the ids of one framework, from its `Names`."""

    def __init__(self, names: Names) -> None:
        self.framework = names.framework
        self.names = names

    def text(self, text: Text | None) -> str:
        return self.names.text(text)

    def step(self, step_id: str) -> Named:
        return Named(step_id, self.names.step(step_id))

    def competency(self, competency_id: str) -> Named:
        return Named(competency_id, self.names.competency(competency_id))

    def behaviour(self, info: BehaviourInfo, replaces: tuple[str, ...] = ()) -> BehaviourText:
        return BehaviourText(info.ref, self.text(info.behaviour.text), replaces)

    def side(self, ref: str) -> LevelSide:
        found = self.framework.level(ref)
        info = self.framework.info
        grade = info.grades[self.framework.grade_index(found.level.grade)]
        track = next(t for t in info.tracks if t.id == found.role.track)
        return LevelSide(
            found.ref,
            self.names.level(found.ref),
            Named(found.role.id, self.names.role(found.role.id)),
            Named(grade.id, self.text(grade.name)),
            Named(track.id, self.text(track.name)),
        )


def _competency_diff(
    names: _Named,
    competency: str,
    old: ExpectedCompetency | None,
    new: ExpectedCompetency | None,
) -> CompetencyDiff:
    found = compare_expectations(names.framework, old, new)
    return CompetencyDiff(
        names.competency(competency),
        found.change,
        names.step(old.step) if old else None,
        names.step(new.step) if new else None,
        tuple(names.behaviour(b, found.replaces.get(b.ref, ())) for b in found.added),
        tuple(names.behaviour(b) for b in found.removed),
    )


# --- framework diffs ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a framework changelog.

    `ref` names what changed: a role id, ``ROLE@LEVEL``, a competency id, a
    behaviour ``OWNER.ID``, the level whose expected step or grade changed
    (with `competency` for steps), or ``FROM -> TO`` for a move. `old` and
    `new` are the values before and after: the title, name or behaviour text
    for roles, levels, competencies and behaviours; the step id for steps;
    the grade id for grades; the move type for moves. `old` is None for
    additions, `new` for removals.
    """

    kind: ChangeKind
    action: ChangeAction
    ref: str
    old: str | None = None
    new: str | None = None
    competency: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """The JSON form of one change (docs/diff.md)."""
        return {
            "kind": self.kind,
            "change": self.action,
            "ref": self.ref,
            "competency": self.competency,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True, slots=True)
class FrameworkSide:
    """One of the two framework versions compared."""

    id: str
    version: str
    hash: str

    def as_dict(self) -> dict[str, str]:
        """``{"id", "version", "hash"}``."""
        return {"id": self.id, "version": self.version, "hash": self.hash}


@dataclass(frozen=True, slots=True)
class FrameworkDiff:
    """A changelog from framework version `old` to `new`.

    `content_changed` is true when anything but the version differs in what
    the files mean (comments and key order do not count), including changes
    that `changes` does not list, such as a reworded summary.
    """

    old: FrameworkSide
    new: FrameworkSide
    version_change: Direction
    content_changed: bool
    changes: tuple[Change, ...]

    @property
    def version_warning(self) -> bool:
        """True when the version went down, or stayed although the content changed."""
        return self.version_change == "lowered" or (
            self.content_changed and self.version_change == "same"
        )

    @property
    def warnings(self) -> list[str]:
        """Plain sentences about the version and ids, for the report."""
        found = []
        old, new = self.old.version, self.new.version
        if self.version_change == "lowered":
            found.append(f"the version went down ({old} -> {new})")
        elif self.version_warning:
            found.append(f"the content changed but the version was not raised ({old})")
        if self.old.id != self.new.id:
            found.append(f"the frameworks have different ids ({self.old.id}, {self.new.id})")
        return found

    def by_kind(self, kind: ChangeKind) -> list[Change]:
        """The changes about one kind of thing, in changelog order."""
        return [c for c in self.changes if c.kind == kind]

    def as_dict(self) -> dict[str, Any]:
        """The JSON form of a framework diff (docs/diff.md)."""
        return {
            "kind": "frameworks",
            "from": self.old.as_dict(),
            "to": self.new.as_dict(),
            "version_change": self.version_change,
            "content_changed": self.content_changed,
            "version_warning": self.version_warning,
            "warnings": self.warnings,
            "changes": [c.as_dict() for c in self.changes],
        }


def diff_frameworks(
    old: Framework,
    new: Framework,
    locale: str | None = None,
    *,
    names: tuple[Names, Names] | None = None,
) -> FrameworkDiff:
    """The changelog from framework `old` to framework `new`.

    Lists roles, levels, competencies and behaviours added, removed or
    reworded (same id, different text in any locale); expected steps raised,
    lowered, added or removed per level and competency; grades changed per
    level; moves added or removed. The parts of something added or removed
    (the levels of a removed role, the behaviours of an added competency)
    are not listed again. Steps and grades are ordered by `new`'s scale and
    grade ladder; ``changed`` is used when one of them is not on it. Texts
    are those of `names` (the command's translators of `old` and `new`), else
    in `locale`, else each framework's default locale.
    """
    old_names, new_names = names if names is not None else (None, None)
    changes = [
        *_text_changes(
            _Named(names_for(old, locale, names=old_names)),
            _Named(names_for(new, locale, names=new_names)),
        ),
        *_expectation_changes(old, new),
        *_move_changes(old, new),
    ]
    changes.sort(key=lambda c: CHANGE_KINDS.index(c.kind))
    return FrameworkDiff(
        _side(old),
        _side(new),
        _direction(compare_versions(new.info.version, old.info.version)),
        _content(old) != _content(new),
        tuple(changes),
    )


def _side(framework: Framework) -> FrameworkSide:
    info = framework.info
    return FrameworkSide(info.id, info.version, framework.content_hash)


def _content(framework: Framework) -> tuple[Any, ...]:
    """What the framework means, without its version, for comparing with ==.

    The typed models compare by value, so comments, key order and defaults
    written out or left implicit make no difference.
    """
    return (
        framework.info.model_copy(update={"version": ""}),
        framework.competencies,
        framework.roles,
        framework.moves,
    )


def _same_text(a: Text, b: Text, a_default: str, b_default: str) -> bool:
    """True when two texts say the same in every locale (a plain string is the default's)."""

    def normal(text: Text, default: str) -> dict[str, str]:
        return {default: text} if isinstance(text, str) else dict(text)

    return normal(a, a_default) == normal(b, b_default)


def _text_changes(old: _Named, new: _Named) -> Iterator[Change]:
    """Roles, levels, competencies and behaviours added, removed or reworded."""
    kept_roles = old.framework.roles.keys() & new.framework.roles.keys()
    kept_owners = kept_roles | (
        old.framework.competencies.keys() & new.framework.competencies.keys()
    )
    readers: list[tuple[ChangeKind, Callable[[Framework], dict[str, Text]]]] = [
        ("role", lambda f: {r.id: r.title for r in f.roles.values()}),
        (
            "level",
            lambda f: {x.ref: x.level.title for x in f.levels() if x.role.id in kept_roles},
        ),
        ("competency", lambda f: {c.id: c.name for c in f.competencies.values()}),
        (
            "behaviour",
            lambda f: {b.ref: b.behaviour.text for b in f.behaviours() if b.owner in kept_owners},
        ),
    ]
    for kind, read in readers:
        yield from _keyed_changes(kind, old, new, read(old.framework), read(new.framework))


def _keyed_changes(
    kind: ChangeKind,
    old: _Named,
    new: _Named,
    old_texts: Mapping[str, Text],
    new_texts: Mapping[str, Text],
) -> Iterator[Change]:
    """Added, reworded and removed entries of two maps from reference to text.

    Additions and rewordings follow the new version's order, removals the
    old one's.
    """
    old_locale, new_locale = old.framework.default_locale, new.framework.default_locale
    for ref, text in new_texts.items():
        if ref not in old_texts:
            yield Change(kind, "added", ref, new=new.text(text))
        elif not _same_text(old_texts[ref], text, old_locale, new_locale):
            yield Change(kind, "reworded", ref, old.text(old_texts[ref]), new.text(text))
    for ref, text in old_texts.items():
        if ref not in new_texts:
            yield Change(kind, "removed", ref, old=old.text(text))


def _expectation_changes(old: Framework, new: Framework) -> Iterator[Change]:
    """Steps and grades of the levels both versions have."""
    for found in new.levels():
        role = old.roles.get(found.role.id)
        before = role.level(found.level.id) if role else None
        if before is None:
            continue
        if before.grade != found.level.grade:
            action = _ordered_change(new.grade_index, before.grade, found.level.grade)
            yield Change("grade", action, found.ref, before.grade, found.level.grade)
        old_steps, new_steps = before.steps(), found.level.steps()
        for competency in [*new_steps, *(c for c in old_steps if c not in new_steps)]:
            was, now = old_steps.get(competency), new_steps.get(competency)
            if was == now:
                continue
            if was is None or now is None:
                step_action: ChangeAction = "added" if was is None else "removed"
            else:
                step_action = _ordered_change(new.step_index, was, now)
            yield Change("step", step_action, found.ref, was, now, competency)


def _ordered_change(index: Callable[[str], int], was: str, now: str) -> ChangeAction:
    """raised or lowered by `index` (a step's or grade's place), else changed.

    `was` and `now` differ; ``changed`` is for a value `index` does not know.
    """
    try:
        raised = index(now) > index(was)
    except UnknownReferenceError:
        return "changed"
    return "raised" if raised else "lowered"


def _move_changes(old: Framework, new: Framework) -> Iterator[Change]:
    def moves(f: Framework) -> list[tuple[str, str]]:
        return [(f"{m.from_} -> {m.to}", m.type) for m in f.moves]

    before, after = moves(old), moves(new)
    yield from (Change("move", "added", ref, new=t) for ref, t in after if (ref, t) not in before)
    yield from (Change("move", "removed", ref, old=t) for ref, t in before if (ref, t) not in after)


# --- versions -------------------------------------------------------------


def _version_key(version: str) -> tuple[Any, ...]:
    """A sort key with semver 2.0.0 precedence; build metadata is ignored.

    A release sorts above its pre-releases; pre-release identifiers compare
    numerically when numeric, else as text, and numeric ones sort first.
    """
    match = re.match(SEMVER_PATTERN, version)
    if match is None:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch, pre, _build = match.groups()
    if pre is None:
        return (int(major), int(minor), int(patch), (1,))
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre[1:].split("."))
    return (int(major), int(minor), int(patch), (0, parts))


def compare_versions(a: str, b: str) -> int:
    """Negative when version `a` is below `b`, zero when equal in precedence, else positive.

    >>> compare_versions("1.10.0", "1.9.0") > 0
    True
    >>> compare_versions("1.0.0-rc.1", "1.0.0") < 0
    True
    """
    key_a, key_b = _version_key(a), _version_key(b)
    return (key_a > key_b) - (key_a < key_b)
