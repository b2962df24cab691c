"""The impact of a ladder change: whose current level or verdict moves, and why.

`impact(base, head, evidences)` judges every person twice, once against
each framework (docs/format.md, section 10, ``impact``), with one
`Analyzer` per framework: the current level (the top of the ready run of the
person's role) and the verdict for the default target (section 8: the
evidence's `target`, else the level after its `level`; none without one).
A person is **changed** when their current level, target or verdict
differs; **lost** when the current level drops or the verdict worsens
(`VERDICT_RANK`, whatever the targets); **gained** the reverse. A person
may have lost and gained at once (a higher current level but a worse
verdict); both are counted. For a changed person the report lists the
behaviours, at the levels involved (both sides' current and target
levels), whose expected membership or status differs.

Evidence is checked for its structure only; a reference that one framework
lacks (a role, level, behaviour, competency or step) is a per-person
problem, never a failure: the person is judged against that framework
without it. Pure: no files, no printing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, Literal

from pydantic import Field

from competency.analysis.gap import Analyzer, NoTargetError, default_target
from competency.analysis.judge import Profile
from competency.analysis.report import (
    VERDICT_RANK,
    BehaviourStatus,
    FrameworkStamp,
    ReportModel,
    Verdict,
)
from competency.analysis.team import FailedFile, Member, ProblemEntry, members
from competency.contract import as_date, check_instance
from competency.diagnostics import Diagnostic
from competency.framework import Framework, UnknownReferenceError
from competency.model import Evidence, Readiness

__all__ = [
    "BehaviourChange",
    "ImpactBuilder",
    "ImpactProblem",
    "ImpactReport",
    "ImpactSide",
    "ImpactSummary",
    "Locate",
    "PersonImpact",
    "ReferenceKind",
    "impact",
    "unknown_references",
]

ReferenceKind = Literal["role", "level", "behaviour", "competency", "step"]
MissingIn = Literal["base", "head", "both"]

#: A place in an evidence file (keys and list indexes) -> its line and column.
Locate = Callable[[tuple[str | int, ...]], tuple[int, int]]

#: An unknown reference: where it is in the file, what kind of thing, and the reference.
_Unknown = tuple[tuple[str | int, ...], ReferenceKind, str]


class ImpactSide(ReportModel):
    """One person under one framework: current level, default target, verdict there."""

    current: str | None
    """The top of the unbroken run of ready levels of the person's role; none if none."""
    target: str | None
    """The default target (section 8); none without one (no level, or already the top)."""
    verdict: Verdict | None
    """The verdict at the target; none without a target."""


class BehaviourChange(ReportModel):
    """A behaviour whose expected membership or status differs between the frameworks."""

    id: str
    base: BehaviourStatus | None
    """Its status under BASE; null when no level involved expects it there."""
    head: BehaviourStatus | None
    """Its status under HEAD; null when no level involved expects it there."""


class ImpactProblem(ReportModel):
    """A reference in a person's evidence that one framework (or both) does not have."""

    reference: str
    kind: ReferenceKind
    missing_in: MissingIn
    """Which framework lacks it: base, head, or both."""
    where: str
    """Its place in the file, e.g. items[2].shows[0] (indexes from 0)."""
    file: str | None = None
    line: int | None = None
    column: int | None = None


class PersonImpact(ReportModel):
    """One person whose current level, target or verdict changes, or who has problems."""

    person: str
    base: ImpactSide
    head: ImpactSide
    behaviours: list[BehaviourChange]
    """Behaviours at the levels involved whose expected membership or status differs."""
    problems: list[ImpactProblem]
    name: str | None = None
    file: str | None = None
    changed: bool = False
    """True when the current level, target or verdict differs."""
    lost: bool = False
    """True when the current level dropped or the verdict worsened."""
    gained: bool = False
    """True when the current level rose or the verdict improved."""
    current_change: Literal["dropped", "rose"] | None = None
    """How the current level moved: by the level order (a different level that cannot be
    placed, in another role say, is neither)."""
    verdict_change: Literal["worse", "better"] | None = None
    """How the verdict moved (`VERDICT_RANK`), whatever the targets; none when either is none."""


class ImpactSummary(ReportModel):
    """The counts: people judged, changed, lost, gained, and people with problems."""

    people: int
    changed: int
    lost: int
    gained: int
    problems: int = 0
    """People whose evidence names something one of the frameworks does not have."""


class ImpactReport(ReportModel):
    """What a ladder change does to a team (docs/format.md, section 10, ``impact``).

    The first four fields are the JSON contract; the rest are additions.
    """

    base: FrameworkStamp
    head: FrameworkStamp
    summary: ImpactSummary
    people: list[PersonImpact]
    """Only the people who changed or have problems, in file order."""
    as_of: date
    failed: list[FailedFile] = Field(default_factory=list)
    """Evidence files that could not be read, with their diagnostics."""
    ladder: str | None = None
    """HEAD's framework folder inside the repository, when known: CI annotations point there."""


def unknown_references(evidence: Evidence, framework: Framework) -> Iterator[_Unknown]:
    """Every reference in `evidence` that `framework` does not have, in file order."""
    role = framework.roles.get(evidence.role)
    if role is None:
        yield ("role",), "role", evidence.role
    elif evidence.level is not None and role.level(evidence.level) is None:
        yield ("level",), "level", f"{evidence.role}@{evidence.level}"
    if evidence.target is not None and not _has_level(framework, evidence.target):
        yield ("target",), "level", evidence.target
    for index, entry in enumerate(evidence.history or ()):
        if not _has_level(framework, entry.level):
            yield ("history", index, "level"), "level", entry.level
    known = framework.behaviour_refs
    for index, item in enumerate(evidence.items):
        for at, ref in enumerate(item.shows):
            if ref not in known:
                yield ("items", index, "shows", at), "behaviour", ref
    steps = {step.id for step in framework.info.scale}
    for index, assessment in enumerate(evidence.assessments):
        if assessment.competency not in framework.competencies:
            yield ("assessments", index, "competency"), "competency", assessment.competency
        if assessment.step not in steps:
            yield ("assessments", index, "step"), "step", assessment.step
    for index, exclusion in enumerate(evidence.not_applicable):
        if exclusion.behaviour not in known:
            yield ("not_applicable", index, "behaviour"), "behaviour", exclusion.behaviour


def _has_level(framework: Framework, ref: str) -> bool:
    role_id, _, level_id = ref.partition("@")
    role = framework.roles.get(role_id)
    return role is not None and role.level(level_id) is not None


def _known_only(evidence: Evidence, framework: Framework) -> Evidence:
    """`evidence` without what `framework` does not have, so it can be judged there."""
    known = framework.behaviour_refs
    steps = {step.id for step in framework.info.scale}
    update: dict[str, Any] = {}
    role = framework.roles.get(evidence.role)
    if role is not None and evidence.level is not None and role.level(evidence.level) is None:
        update.update(level=None, confirmed=None)
    if evidence.target is not None and not _has_level(framework, evidence.target):
        update["target"] = None
    if evidence.history is not None:
        history = [e for e in evidence.history if _has_level(framework, e.level)]
        update["history"] = history or None
    items = []
    for item in evidence.items:
        shows = [ref for ref in item.shows if ref in known]
        if shows:
            items.append(
                item if len(shows) == len(item.shows) else item.model_copy(update={"shows": shows})
            )
    update["items"] = items
    update["assessments"] = [
        a
        for a in evidence.assessments
        if a.competency in framework.competencies and a.step in steps
    ]
    update["not_applicable"] = [e for e in evidence.not_applicable if e.behaviour in known]
    return evidence.model_copy(update=update)


def _where(loc: tuple[str | int, ...]) -> str:
    """``("items", 2, "shows", 0)`` -> ``items[2].shows[0]``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


class ImpactBuilder:
    """Judges people under two frameworks one at a time, keeping only the people who changed.

    `person` judges one evidence file (in this process or a worker) and
    returns None when nothing changes for them and their evidence has no
    problem; `add` counts the result in file order; `report` makes the
    `ImpactReport`. Memory grows with the people who changed, not the team.
    """

    def __init__(
        self,
        base: Framework,
        head: Framework,
        as_of: date | None = None,
        policy: Readiness | None = None,
    ) -> None:
        self.base = Analyzer(base, as_of, policy)
        self.head = Analyzer(head, self.base.as_of, policy)
        self._people: list[PersonImpact] = []
        self._counts = {"people": 0, "changed": 0, "lost": 0, "gained": 0, "problems": 0}

    def person(
        self, evidence: Evidence, file: str | None = None, locate: Locate | None = None
    ) -> PersonImpact | None:
        """One person under both frameworks; None when nothing changes and nothing is wrong."""
        base_unknown = list(unknown_references(evidence, self.base.framework))
        head_unknown = list(unknown_references(evidence, self.head.framework))
        base, base_profile = _side(self.base, evidence, bool(base_unknown))
        head, head_profile = _side(self.head, evidence, bool(head_unknown))
        problems = _problems(base_unknown, head_unknown, file, locate)
        if base == head and not problems:
            return None
        changed = base != head
        moved = self._moved(base.current, head.current)
        worse = _verdict_move(base.verdict, head.verdict)
        behaviours = self._behaviours(base, head, base_profile, head_profile) if changed else []
        return PersonImpact(
            person=evidence.person.id,
            base=base,
            head=head,
            behaviours=behaviours,
            problems=problems,
            name=evidence.person.name,
            file=file,
            changed=changed,
            lost=moved < 0 or worse < 0,
            gained=moved > 0 or worse > 0,
            current_change="dropped" if moved < 0 else "rose" if moved > 0 else None,
            verdict_change="worse" if worse < 0 else "better" if worse > 0 else None,
        )

    def add(self, record: PersonImpact | None) -> None:
        """Count one person, after the ones added before."""
        counts = self._counts
        counts["people"] += 1
        if record is None:
            return
        self._people.append(record)
        counts["changed"] += record.changed
        counts["lost"] += record.lost
        counts["gained"] += record.gained
        counts["problems"] += bool(record.problems)

    def report(self, failed: Sequence[tuple[str, Sequence[Diagnostic]]] = ()) -> ImpactReport:
        """The report of everyone added, with the files that could not be read."""
        return ImpactReport(
            base=self.base.stamp,
            head=self.head.stamp,
            summary=ImpactSummary(**self._counts),
            people=self._people,
            as_of=self.base.as_of,
            failed=[
                FailedFile(
                    file=file,
                    diagnostics=[ProblemEntry.model_validate(p.as_dict()) for p in problems],
                )
                for file, problems in failed
            ],
        )

    def _moved(self, before: str | None, after: str | None) -> int:
        """+1 when the current level rose, -1 when it dropped, 0 when neither (or unclear).

        Levels are compared in the framework that has both (HEAD first): by
        their order in the role, or by grade across roles; else each by its
        order in its own framework's role.
        """
        if before == after:
            return 0
        if before is None or after is None:
            return 1 if before is None else -1
        for framework in (self.head.framework, self.base.framework):
            if _has_level(framework, before) and _has_level(framework, after):
                old, new = _rank(framework, before), _rank(framework, after)
                return (new > old) - (new < old)
        if _has_level(self.base.framework, before) and _has_level(self.head.framework, after):
            was, now = self.base.framework.level(before), self.head.framework.level(after)
            if was.role.id == now.role.id:
                return (now.index > was.index) - (now.index < was.index)
        return 0

    def _behaviours(
        self,
        base: ImpactSide,
        head: ImpactSide,
        base_profile: Profile | None,
        head_profile: Profile | None,
    ) -> list[BehaviourChange]:
        """The behaviours at the levels involved whose membership or status differs."""
        levels = list(
            dict.fromkeys(
                ref
                for ref in (head.target, head.current, base.target, base.current)
                if ref is not None
            )
        )
        before = _expected_statuses(self.base, base_profile, levels)
        after = _expected_statuses(self.head, head_profile, levels)
        order = list(dict.fromkeys([*after, *before]))
        return [
            BehaviourChange(id=ref, base=before.get(ref), head=after.get(ref))
            for ref in order
            if before.get(ref) != after.get(ref)
        ]


def _rank(framework: Framework, ref: str) -> tuple[int, int]:
    """A level's place for comparing: its grade, then its order in its role."""
    found = framework.level(ref)
    try:
        grade = framework.grade_index(found.level.grade)
    except UnknownReferenceError:
        grade = 0
    return grade, found.index


def _verdict_move(before: Verdict | None, after: Verdict | None) -> int:
    """+1 when the verdict improved, -1 when it worsened; 0 when equal or either is none."""
    if before is None or after is None:
        return 0
    old, new = VERDICT_RANK[before], VERDICT_RANK[after]
    return (new > old) - (new < old)


def _side(
    analyzer: Analyzer, evidence: Evidence, unknown: bool
) -> tuple[ImpactSide, Profile | None]:
    """The person under one framework; what the framework lacks is left out first."""
    framework = analyzer.framework
    judged = _known_only(evidence, framework) if unknown else evidence
    try:
        profile = analyzer.profile(judged)
        current = (
            analyzer.current_level(profile, judged.role) if judged.role in framework.roles else None
        )
        try:
            target: str | None = default_target(framework, judged, analyzer.as_of)
        except (NoTargetError, UnknownReferenceError):
            target = None
        verdict = analyzer.judge(profile, target).verdict if target is not None else None
    except UnknownReferenceError:
        # Something left out above still names what this framework lacks: judge nothing.
        return ImpactSide(current=None, target=None, verdict=None), None
    return ImpactSide(current=current, target=target, verdict=verdict), profile


def _expected_statuses(
    analyzer: Analyzer, profile: Profile | None, levels: list[str]
) -> dict[str, BehaviourStatus]:
    """Each behaviour the `levels` this framework has expect, with its status, in order."""
    found: dict[str, BehaviourStatus] = {}
    if profile is None:
        return found
    for level in levels:
        if not _has_level(analyzer.framework, level):
            continue
        for part in analyzer.expected(level):
            for info in part.behaviours:
                if info.ref not in found:
                    found[info.ref] = profile.status(info.ref)
    return found


def _problems(
    base: list[_Unknown], head: list[_Unknown], file: str | None, locate: Locate | None
) -> list[ImpactProblem]:
    """One problem per unknown reference, saying which framework lacks it, in file order."""
    if not base and not head:
        return []
    in_head = {(loc, ref) for loc, _, ref in head}
    in_base = {(loc, ref) for loc, _, ref in base}
    found = []
    for loc, kind, ref in [*base, *(u for u in head if (u[0], u[2]) not in in_base)]:
        side: MissingIn = (
            "both" if (loc, ref) in in_base and (loc, ref) in in_head
            else "base" if (loc, ref) in in_base
            else "head"
        )  # fmt: skip
        line, column = locate(loc) if locate is not None else (None, None)
        found.append(
            ImpactProblem(
                reference=ref,
                kind=kind,
                missing_in=side,
                where=_where(loc),
                file=file,
                line=line,
                column=column,
            )
        )
    order = _file_order
    found.sort(key=lambda p: order(p.where))
    return found


def _file_order(where: str) -> tuple[int, str]:
    """Problems in the order of the file's top-level keys, then by place."""
    keys = ("role", "level", "target", "history", "items", "assessments", "not_applicable")
    top = where.partition("[")[0].partition(".")[0]
    return (keys.index(top) if top in keys else len(keys), where)


def impact(
    base: Framework,
    head: Framework,
    evidences: Iterable[Evidence | Member],
    as_of: date | None = None,
    policy: Readiness | None = None,
) -> ImpactReport:
    """Whose current level, target or verdict changes from `base` to `head`, and why.

    `evidences` are evidence models (checked for their structure; their
    references may name what either framework lacks: that is reported per
    person), or (file, evidence) pairs so the report names each file; they
    are read one at a time. `as_of` defaults to today; `policy` to each
    framework's own readiness policy (a ladder change may change it too).
    """
    check_instance("impact", "base", base, Framework)
    check_instance("impact", "head", head, Framework)
    people = members("impact", evidences)
    as_date("impact", "as_of", as_of)
    if policy is not None:
        check_instance("impact", "policy", policy, Readiness)
    builder = ImpactBuilder(base, head, as_of, policy)
    for file, evidence in people:
        builder.add(builder.person(evidence, file))
    return builder.report()
