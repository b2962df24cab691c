"""A loaded framework: every file's model, with the lookups users need.

`Framework` is what `competency.load_framework` returns. It answers the
questions the gap analysis and the renderers ask (a role, a level by
``ROLE@LEVEL``, a behaviour by reference, the expected behaviours of a level,
the order of two scale steps) without anyone re-reading YAML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from competency.diagnostics import CompetencyError
from competency.model import (
    Behaviour,
    Competency,
    FrameworkInfo,
    Level,
    Move,
    Role,
)

__all__ = [
    "BehaviourInfo",
    "ExpectedCompetency",
    "Framework",
    "LevelChanges",
    "LevelInfo",
    "NewBehaviour",
    "UnknownReferenceError",
    "closest",
]


class UnknownReferenceError(CompetencyError, LookupError):
    """A role, level, behaviour or step that the framework does not have.

    `suggestion` is the closest known reference, when one is close enough to
    be a likely typo; the message offers it.
    """

    def __init__(self, kind: str, reference: str, suggestion: str | None = None) -> None:
        self.kind = kind
        self.reference = reference
        self.suggestion = suggestion
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"unknown {kind} '{reference}'{hint}")


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice `value` is most likely a typo of, or None when none is likely.

    References are compared part by part (``ROLE@LEVEL``, ``OWNER.BEHAVIOUR``):
    the parts must be equal but one, and that one a likely typo. A typo is a
    difference in case, or a few letters left out, added, changed or swapped
    (one in a short id, two or three in a long one), never a different
    number: ``se3`` is another level than ``se2``, not a misspelling of it.

    >>> closest("support-engineer@se3", ["support-engineer@se1", "support-engineer@se2"])
    >>> closest("troubleshootin", ["troubleshooting", "empathy"])
    'troubleshooting'

    The work is bounded: a reference longer than `SUGGEST_LIMIT` characters
    gets no suggestion, and a choice is compared letter by letter only when
    its length is within the edits a typo allows.
    """
    if len(value) > SUGGEST_LIMIT:
        return None
    best: tuple[int, str] | None = None
    for choice in choices:
        if abs(len(choice) - len(value)) > _MOST_EDITS or len(choice) > SUGGEST_LIMIT:
            continue
        distance = _typo_distance(value, choice)
        if distance is not None and (best is None or distance < best[0]):
            best = (distance, choice)
    return best[1] if best is not None else None


#: The longest reference that gets a "did you mean" suggestion (ids are at most 64 characters).
SUGGEST_LIMIT = 200
#: The most edits a typo may have (a long id); a choice whose length differs more is no typo.
_MOST_EDITS = 3

_SEPARATORS = re.compile(r"([@.:])")
_NUMBER = re.compile(r"[0-9]+")


def _typo_distance(value: str, choice: str) -> int | None:
    """How many edits make `choice` from `value`, when it is a likely typo; else None."""
    given, known = _SEPARATORS.split(value), _SEPARATORS.split(choice)
    if len(given) != len(known):
        return None
    differing = [(a, b) for a, b in zip(given, known, strict=True) if a != b]
    if len(differing) != 1:
        return None
    a, b = differing[0]
    if a.casefold() == b.casefold():
        return 0
    if _NUMBER.sub("#", a) == _NUMBER.sub("#", b):
        return None  # only a number differs: another level or grade, not a typo
    longest = max(len(a), len(b))
    allowed = 0 if longest <= 2 else 1 if longest <= 5 else 2 if longest <= 10 else _MOST_EDITS
    if abs(len(a) - len(b)) > allowed:
        return None
    distance = _edits(a.casefold(), b.casefold())
    return distance if distance <= allowed else None


def _edits(a: str, b: str) -> int:
    """Edits (insert, delete, change, swap two neighbours) that turn `a` into `b`."""
    previous: list[int] = []
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        before, previous, row = previous, row, [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


@dataclass(frozen=True, slots=True)
class BehaviourInfo:
    """A behaviour with where it comes from.

    `owner` is the competency id for library behaviours and the role id for
    role-specific ones; `ref` is ``OWNER.ID``. `step` is the scale step it
    belongs to (for role additions, the step the adding level expects), and
    `level` is the adding level for role additions, else None.
    """

    ref: str
    owner: str
    competency: str
    step: str
    behaviour: Behaviour
    level: str | None = None

    replaces: tuple[str, ...] = ()
    """The references of the behaviours this one replaces directly (``OWNER.ID``)."""

    @classmethod
    def of(
        cls,
        ref: str,
        owner: str,
        competency: str,
        step: str,
        behaviour: Behaviour,
        level: str | None = None,
    ) -> BehaviourInfo:
        """Describe `behaviour`, resolving its `replaces` ids to references once."""
        replaces = tuple(r if "." in r else f"{owner}.{r}" for r in behaviour.replaces)
        return cls(ref, owner, competency, step, behaviour, level, replaces)

    @property
    def role_specific(self) -> bool:
        """True for behaviours that a role adds, not the competency library."""
        return self.level is not None


@dataclass(frozen=True, slots=True)
class ExpectedCompetency:
    """One competency a level expects: its step and the behaviours that come to."""

    competency: str
    step: str
    behaviours: tuple[BehaviourInfo, ...]


@dataclass(frozen=True, slots=True)
class NewBehaviour:
    """A behaviour new at a level, with what it replaces of the level below's expectations."""

    info: BehaviourInfo
    replaces: tuple[BehaviourInfo, ...] = ()


@dataclass(frozen=True, slots=True)
class LevelChanges:
    """One competency at a level: what is new there, and what it inherits from the level below."""

    competency: str
    step: str
    new: tuple[NewBehaviour, ...]
    inherited: tuple[BehaviourInfo, ...]


@dataclass(frozen=True, slots=True)
class LevelInfo:
    """A level with its role and its index in the role (0 is the lowest)."""

    role: Role
    level: Level
    index: int

    @property
    def ref(self) -> str:
        """The ``ROLE@LEVEL`` reference."""
        return f"{self.role.id}@{self.level.id}"


@dataclass
class Framework:
    """A whole framework folder, loaded and checked."""

    info: FrameworkInfo
    competencies: dict[str, Competency]
    roles: dict[str, Role]
    moves: list[Move] = field(default_factory=list)
    content_hash: str = ""
    """``sha256:`` of the files' bytes, in path order; names this exact content."""

    # --- scale ------------------------------------------------------------

    @cached_property
    def _step_order(self) -> dict[str, int]:
        return {step.id: i for i, step in enumerate(self.info.scale)}

    @cached_property
    def _grade_order(self) -> dict[str, int]:
        return {grade.id: i for i, grade in enumerate(self.info.grades)}

    def step_index(self, step: str) -> int:
        """Position of a step on the scale, 0 for the lowest."""
        try:
            return self._step_order[step]
        except KeyError:
            raise UnknownReferenceError("step", step) from None

    def compare_steps(self, a: str, b: str) -> int:
        """Negative when `a` is below `b`, zero when equal, positive when above."""
        return self.step_index(a) - self.step_index(b)

    def grade_index(self, grade: str) -> int:
        """Position of a grade on the grade ladder, 0 for the lowest."""
        try:
            return self._grade_order[grade]
        except KeyError:
            raise UnknownReferenceError("grade", grade) from None

    # --- roles and levels -------------------------------------------------

    def role(self, role_id: str) -> Role:
        """The role with this id."""
        try:
            return self.roles[role_id]
        except KeyError:
            raise UnknownReferenceError("role", role_id, closest(role_id, self.roles)) from None

    def level(self, ref: str) -> LevelInfo:
        """The level named by ``ROLE@LEVEL``."""
        role_id, _, level_id = ref.partition("@")
        role = self.roles.get(role_id)
        if role is not None:
            for index, level in enumerate(role.levels):
                if level.id == level_id:
                    return LevelInfo(role, level, index)
        known = [info.ref for info in self.levels()]
        raise UnknownReferenceError("level", ref, closest(ref, known))

    def levels(self) -> Iterator[LevelInfo]:
        """Every level of every role, role by role, lowest level first."""
        for role in self.roles.values():
            for index, level in enumerate(role.levels):
                yield LevelInfo(role, level, index)

    def next_level(self, ref: str) -> LevelInfo | None:
        """The level above ``ROLE@LEVEL`` in the same role, or None at the top."""
        found = self.level(ref)
        if found.index + 1 >= len(found.role.levels):
            return None
        return LevelInfo(found.role, found.role.levels[found.index + 1], found.index + 1)

    def moves_from(self, ref: str) -> list[Move]:
        """The moves that paths.yaml offers from ``ROLE@LEVEL``."""
        return [move for move in self.moves if move.from_ == ref]

    # --- behaviours -------------------------------------------------------

    @cached_property
    def _behaviours(self) -> dict[str, BehaviourInfo]:
        # The library's behaviours, then each role's additions; the first of two equal
        # references wins. Built from per-competency and per-role pieces, which
        # `reuse` can take over from an earlier framework of the same files.
        found = dict(self._library_behaviours)
        for role in self.roles.values():
            piece = self._role_behaviours(role)
            if found.keys() & piece.keys():
                for ref, info in piece.items():
                    found.setdefault(ref, info)
            else:
                found.update(piece)
        return found

    @cached_property
    def _library_behaviours(self) -> dict[str, BehaviourInfo]:
        found: dict[str, BehaviourInfo] = {}
        for competency in self.competencies.values():
            for step_id, step in competency.steps.items():
                for behaviour in step.behaviours:
                    ref = f"{competency.id}.{behaviour.id}"
                    found[ref] = BehaviourInfo.of(
                        ref, competency.id, competency.id, step_id, behaviour
                    )
        return found

    @cached_property
    def _role_pieces(self) -> dict[str, tuple[Role, dict[str, BehaviourInfo]]]:
        return {}

    def _role_behaviours(self, role: Role) -> dict[str, BehaviourInfo]:
        """The behaviours one role adds, by reference (worked out once per role model)."""
        known = self._role_pieces.get(role.id)
        if known is not None and known[0] is role:
            return known[1]
        found: dict[str, BehaviourInfo] = {}
        for level in role.levels:
            for competency_id, value in level.expects.items():
                if isinstance(value, str):
                    continue
                for behaviour in value.behaviours:
                    ref = f"{role.id}.{behaviour.id}"
                    found.setdefault(
                        ref,
                        BehaviourInfo.of(
                            ref, role.id, competency_id, value.step, behaviour, level.id
                        ),
                    )
        self._role_pieces[role.id] = (role, found)
        return found

    def reuse(self, previous: Framework) -> None:
        """Take over what `previous` worked out that this framework's files share with it.

        For incremental checking: a framework built again after one file
        changed keeps the behaviours of every role model (and, when the
        framework file and competencies are the same objects, of the library)
        that `previous` had already resolved. Answers are unchanged.
        """
        if "_role_pieces" in previous.__dict__:
            pieces = self._role_pieces
            for role in self.roles.values():
                known = previous._role_pieces.get(role.id)
                if known is not None and known[0] is role:
                    pieces[role.id] = known
        if (
            "_library_behaviours" in previous.__dict__
            and previous.info is self.info
            and len(previous.competencies) == len(self.competencies)
            and all(
                previous.competencies.get(key) is value for key, value in self.competencies.items()
            )
        ):
            self.__dict__["_library_behaviours"] = previous._library_behaviours

    @cached_property
    def behaviour_refs(self) -> frozenset[str]:
        """Every behaviour reference the framework defines."""
        return frozenset(self._behaviours)

    def behaviour(self, ref: str) -> BehaviourInfo:
        """The behaviour named by ``OWNER.BEHAVIOUR``."""
        try:
            return self._behaviours[ref]
        except KeyError:
            raise UnknownReferenceError("behaviour", ref) from None

    def behaviours(self) -> Iterator[BehaviourInfo]:
        """Every behaviour: the library's by competency and step, then the roles'."""
        return iter(self._behaviours.values())

    def expected(self, ref: str) -> list[ExpectedCompetency]:
        """What a level expects, competency by competency (docs/format.md).

        For a competency expected at step S: with ``cumulative: true`` every
        library behaviour at steps up to and including S, else only those at
        S; then the role-specific behaviours this level adds to it and, when
        cumulative, those the lower levels of the role add. Order: by step,
        then file order, then role additions from the lowest level up.
        """
        found = self.level(ref)
        return [
            self.expected_competency(found, competency_id, step)
            for competency_id, step in found.level.steps().items()
        ]

    def expected_competency(
        self, found: LevelInfo, competency_id: str, step: str
    ) -> ExpectedCompetency:
        """The behaviours one competency comes to at a level, expected at `step`.

        Worked out once per level, competency and step: the rules, the
        analysis and the renderers all ask the same questions many times.
        """
        key = (found.ref, competency_id, step)
        known = self._expected_cache.get(key)
        if known is None:
            known = self._expected_competency(found, competency_id, step)
            self._expected_cache[key] = known
        return known

    @cached_property
    def _expected_cache(self) -> dict[tuple[str, str, str], ExpectedCompetency]:
        return {}

    def comes_to_behaviours(self, found: LevelInfo, competency_id: str, step: str) -> bool:
        """Whether `expected_competency` of the same arguments has any behaviour.

        When no level counting at `found` adds behaviours to the competency,
        the answer is the library's, which is worked out once per competency
        and step; only levels that add behaviours need their expectation
        built. Validation asks this of every level of every role.
        """
        if not self._adding(found, competency_id) and self._library(competency_id, step):
            return True
        return bool(self.expected_competency(found, competency_id, step).behaviours)

    def _adding(self, found: LevelInfo, competency_id: str) -> list[Level]:
        """The levels whose role additions to the competency count at `found`: it, and
        the levels below it when the framework is cumulative."""
        indexes = self._adding_levels(found.role).get(competency_id, ())
        if not self.info.cumulative:
            return [found.level] if found.index in indexes else []
        return [found.role.levels[index] for index in indexes if index <= found.index]

    @cached_property
    def _adding_cache(self) -> dict[str, tuple[Role, dict[str, tuple[int, ...]]]]:
        return {}

    def _adding_levels(self, role: Role) -> dict[str, tuple[int, ...]]:
        """Competency -> the indexes of the role's levels that add behaviours to it."""
        known = self._adding_cache.get(role.id)
        if known is not None and known[0] is role:
            return known[1]
        found: dict[str, list[int]] = {}
        for index, level in enumerate(role.levels):
            for competency_id, value in level.expects.items():
                if not isinstance(value, str) and value.behaviours:
                    found.setdefault(competency_id, []).append(index)
        result = {key: tuple(indexes) for key, indexes in found.items()}
        self._adding_cache[role.id] = (role, result)
        return result

    def _expected_competency(
        self, found: LevelInfo, competency_id: str, step: str
    ) -> ExpectedCompetency:
        library = self._library(competency_id, step)
        added = [
            self.behaviour(f"{found.role.id}.{behaviour.id}")
            for level in self._adding(found, competency_id)
            if (expectation := level.expectation(competency_id)) is not None
            for behaviour in expectation.behaviours
        ]
        if not added:
            return ExpectedCompetency(competency_id, step, library)
        # Role additions may replace library behaviours and each other.
        replaced = self.replaced_by(added)
        kept = tuple(info for info in (*library, *added) if info.ref not in replaced)
        return ExpectedCompetency(competency_id, step, kept)

    def _library(self, competency_id: str, step: str) -> tuple[BehaviourInfo, ...]:
        """The library behaviours a competency expected at `step` comes to, replacements
        applied; the same for every level that expects it, so worked out once."""
        key = (competency_id, step)
        known = self._library_cache.get(key)
        if known is not None:
            return known
        top = self.step_index(step)
        behaviours: list[BehaviourInfo] = []
        competency = self.competencies.get(competency_id)
        if competency is not None:
            for index, step_def in enumerate(self.info.scale):
                if index > top or (not self.info.cumulative and index != top):
                    continue
                described = competency.steps.get(step_def.id)
                if described is not None:
                    behaviours += [
                        self.behaviour(f"{competency_id}.{b.id}") for b in described.behaviours
                    ]
        replaced = self.replaced_by(behaviours)
        known = tuple(info for info in behaviours if info.ref not in replaced)
        self._library_cache[key] = known
        return known

    @cached_property
    def _library_cache(self) -> dict[tuple[str, str], tuple[BehaviourInfo, ...]]:
        return {}

    def replaced_by(self, behaviours: Iterable[BehaviourInfo]) -> set[str]:
        """Every behaviour `behaviours` replace, directly or through a chain of replacements."""
        found: set[str] = set()
        todo = [ref for info in behaviours for ref in info.replaces]
        while todo:
            ref = todo.pop()
            if ref in found:
                continue  # a loop is reported by the rules; here it just ends
            found.add(ref)
            info = self._behaviours.get(ref)
            if info is not None:
                todo.extend(info.replaces)
        return found

    def compare_expected(
        self, old: ExpectedCompetency | None, new: ExpectedCompetency | None
    ) -> tuple[tuple[NewBehaviour, ...], tuple[BehaviourInfo, ...], tuple[BehaviourInfo, ...]]:
        """What `new` adds to `old` (with what each replaces of `old`), keeps, and drops.

        Either side may be None (the competency is not expected there).
        Behaviours compare by reference, so one role's addition is never
        another role's.
        """
        before = {info.ref: info for info in old.behaviours} if old is not None else {}
        after = new.behaviours if new is not None else ()
        added = []
        for info in after:
            if info.ref not in before:
                gone = self.replaced_by([info])
                added.append(NewBehaviour(info, tuple(before[r] for r in before if r in gone)))
        kept = tuple(info for info in after if info.ref in before)
        refs = {info.ref for info in after}
        dropped = tuple(info for ref, info in before.items() if ref not in refs)
        return tuple(added), kept, dropped

    def what_is_new(self, ref: str) -> list[LevelChanges]:
        """Per competency the level expects: its new behaviours, and those it inherits.

        New is the level's expected set minus the expected set of the level
        below it in the same role (for the lowest level, all of it). A new
        behaviour that replaces one the level below expected names it. This
        is the one answer to "what is new here" for reports, diffs and ladders.
        """
        found = self.level(ref)
        below: dict[str, ExpectedCompetency] = {}
        if found.index > 0:
            lower = f"{found.role.id}@{found.role.levels[found.index - 1].id}"
            below = {part.competency: part for part in self.expected(lower)}
        changes = []
        for part in self.expected(found.ref):
            new, inherited, _ = self.compare_expected(below.get(part.competency), part)
            changes.append(LevelChanges(part.competency, part.step, new, inherited))
        return changes

    # --- text -------------------------------------------------------------

    @property
    def default_locale(self) -> str:
        """The locale of plain-string text."""
        return self.info.default_locale
