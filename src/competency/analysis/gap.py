"""Gap analysis: one person's evidence against a level (docs/format.md).

Pure: no files, no printing, and the clock only for a missing as-of date.
`Analyzer` and the entry points built on it (`analyze`, `current_level`,
`level_report`) fill in the as-of date (today) and the policy (the
framework's) when they are not given; every report names both, so it can
always be reproduced.

The work is split in two so that a team of thousands stays cheap:

- `Analyzer.profile` reads one evidence file once: which items count, each
  behaviour's status, the latest assessments. Behaviour statuses do not
  depend on the target level, so one profile serves every level.
- `Analyzer.judge` compares a profile with one level: competency statuses
  and the verdict. The expected behaviours of each level are computed once
  per `Analyzer` and reused.

`Analyzer.report` turns a judgement into the typed `GapReport` whose JSON
form is the contract of section 8.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from competency.contract import as_date, check_instance, check_optional_str
from competency.diagnostics import CompetencyError
from competency.framework import ExpectedCompetency, Framework
from competency.model import Assessment, Evidence, EvidenceItem, Readiness
from competency.names import Names

__all__ = [
    "VERDICT_RANK",
    "Analyzer",
    "BehaviourResult",
    "BehaviourStatus",
    "BeyondTarget",
    "CompetencyJudgement",
    "CompetencyResult",
    "CompetencyStatus",
    "ConfirmedLevel",
    "Disagreement",
    "FrameworkStamp",
    "GapReport",
    "IgnoredItem",
    "Judgement",
    "LevelReport",
    "LevelVerdict",
    "MoveReadiness",
    "NextStep",
    "NoTargetError",
    "Profile",
    "ReportModel",
    "Verdict",
    "analyze",
    "choose_target",
    "current_level",
    "default_target",
    "level_report",
    "months_before",
    "verdict_of",
]

BehaviourStatus = Literal["not-applicable", "evidenced", "carried", "thin", "stale", "missing"]
#: Statuses that count as shown for met, partial and gap.
SHOWN: frozenset[str] = frozenset({"evidenced", "carried"})
CompetencyStatus = Literal["met", "partial", "gap"]
Verdict = Literal["ready", "almost", "not-yet"]
IgnoredReason = Literal["source-not-accepted", "after-as-of"]

#: Verdicts ranked worst to best, so verdicts can be compared.
VERDICT_RANK: dict[Verdict, int] = {"not-yet": 0, "almost": 1, "ready": 2}

#: Assessors whose judgement sets the assessed step; self and peer never do.
_SETTING = frozenset({"manager", "panel"})


class NoTargetError(CompetencyError, ValueError):
    """No target level was given and none follows from the evidence."""


def months_before(day: date, months: int) -> date:
    """`day` moved back by calendar months; a day past the month's end becomes its last day.

    >>> months_before(date(2026, 8, 31), 6)
    datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    if year < 1:
        return date.min
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def verdict_of(statuses: list[CompetencyStatus], almost_within: int) -> Verdict:
    """Ready when all are met; almost when none is a gap and few are partial; else not-yet."""
    if all(status == "met" for status in statuses):
        return "ready"
    if "gap" not in statuses and statuses.count("partial") <= almost_within:
        return "almost"
    return "not-yet"


# --- the report: its JSON form is the contract of section 8 -----------------


class ReportModel(BaseModel):
    """The base of every report model: immutable, and no keys beyond the declared ones."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


class FrameworkStamp(ReportModel):
    """Which framework content a report was computed from."""

    id: str
    version: str
    hash: str
    """``sha256:`` of the framework files, as `Framework.content_hash`."""


class BehaviourResult(ReportModel):
    """One expected behaviour: its status and the items behind it."""

    id: str
    """The behaviour reference, OWNER.BEHAVIOUR."""
    status: BehaviourStatus
    evidence: list[str]
    """Valid items that show it: their ids, or #N (the Nth item) for items without one."""
    step: str
    """The scale step the behaviour belongs to."""
    text: str
    """The behaviour, in the framework's default locale."""
    too_old: list[str] = []
    """Items from accepted sources that show it but are older than the age limit."""
    reason: str | None = None
    """Why it does not apply, for not-applicable behaviours."""
    replaces: list[str] = []
    """Behaviours this one replaces (grows out of), OWNER.BEHAVIOUR."""
    new: bool = False
    """True when the target expects it and the level below the target (same role) does not."""


class CompetencyResult(ReportModel):
    """One competency the target expects: expected and assessed step, status, behaviours."""

    id: str
    expected: str
    """The step the target expects."""
    assessed: str | None
    """The step of the latest manager or panel assessment on or before as-of."""
    status: CompetencyStatus
    behaviours: list[BehaviourResult]
    name: str
    evidenced: int
    """How many of its behaviours are evidenced."""
    applicable: int
    """How many of its behaviours are not marked not-applicable."""
    assessed_below: bool
    """True when the assessed step is below the expected one."""


class Disagreement(ReportModel):
    """The latest self assessment against the latest manager, peer or panel one."""

    competency: str
    self_step: str
    self_date: date
    other_step: str
    other_by: Literal["manager", "peer", "panel"]
    other_date: date
    steps_apart: int
    """How many scale steps separate the two; never a score, only a distance."""
    flagged: bool
    """True when they are two or more steps apart."""


class BeyondTarget(ReportModel):
    """A behaviour valid items show that the target does not expect."""

    id: str
    evidence: list[str]


class IgnoredItem(ReportModel):
    """An item that never counts: its source is not accepted, or it is dated after as-of."""

    item: str
    """The item's id, or #N (the Nth item) when it has none."""
    date: date
    source: str
    reason: IgnoredReason
    """source-not-accepted or after-as-of (the first that applies)."""
    shows: list[str]


class NextStep(ReportModel):
    """What to work on for one unmet competency."""

    competency: str
    status: CompetencyStatus
    behaviours: list[BehaviourResult]
    """Its behaviours that are missing, thin or stale."""
    expected: str
    assessed: str | None
    assessed_below: bool
    """True when the assessed step is below the expected one: a new assessment is needed too."""


class ConfirmedLevel(ReportModel):
    """The level the evidence says was confirmed, when, and by whom."""

    level: str
    """ROLE@LEVEL."""
    date: date
    by: str


class GapReport(ReportModel):
    """One person's evidence against one target level (docs/format.md).

    The first nine fields, in this order, are the JSON contract; the rest
    are additions that scripts may use too.
    """

    person: str
    target: str
    as_of: date
    framework: FrameworkStamp
    verdict: Verdict
    competencies: list[CompetencyResult]
    disagreements: list[Disagreement]
    beyond_target: list[BeyondTarget]
    ignored_items: list[IgnoredItem]
    policy: Readiness
    next_steps: list[NextStep]
    person_name: str | None = None
    target_title: str = ""
    confirmed: ConfirmedLevel | None = None
    """The confirmed level whose behaviours carry over; None without one (or not carried)."""
    confirmation_ignored: bool = False
    """True when the evidence's confirmation is dated after as-of and so was ignored."""

    def count(self, status: CompetencyStatus) -> int:
        """How many competencies have this status."""
        return sum(1 for competency in self.competencies if competency.status == status)


class LevelVerdict(ReportModel):
    """The verdict at one level, with how many competencies are met, partial and gap."""

    level: str
    title: str
    verdict: Verdict
    met: int
    partial: int
    gap: int


class MoveReadiness(ReportModel):
    """A move paths.yaml offers, with the verdict at its destination."""

    from_: str = Field(serialization_alias="from")
    to: str
    type: str
    title: str
    """The destination level's title."""
    verdict: Verdict
    met: int
    partial: int
    gap: int
    note: str | None = None


class LevelReport(ReportModel):
    """The verdict at every level of a person's role, the current level, and the moves open."""

    person: str
    role: str
    level: str | None
    """The level the evidence names, if any."""
    as_of: date
    framework: FrameworkStamp
    current_level: str | None
    """The top of the unbroken run of ready levels from the lowest; none if the lowest is not."""
    levels: list[LevelVerdict]
    moves: list[MoveReadiness]
    """Moves from the named level and from the current level, closest first."""
    policy: Readiness
    person_name: str | None = None


# --- judging ----------------------------------------------------------------


@dataclass(slots=True)
class Profile:
    """One person's evidence read once: behaviour statuses and latest assessments.

    A behaviour absent from `statuses` is missing. Item lists hold labels:
    the item's id, or #N for the Nth item when it has none.
    """

    statuses: dict[str, BehaviourStatus] = field(default_factory=dict)
    valid: dict[str, list[str]] = field(default_factory=dict)
    too_old: dict[str, list[str]] = field(default_factory=dict)
    not_applicable: dict[str, str] = field(default_factory=dict)
    assessed: dict[str, Assessment] = field(default_factory=dict)
    latest_self: dict[str, Assessment] = field(default_factory=dict)
    latest_other: dict[str, Assessment] = field(default_factory=dict)
    ignored: list[tuple[str, EvidenceItem, IgnoredReason]] = field(default_factory=list)
    confirmed: str | None = None
    """The confirmed level (ROLE@LEVEL) whose behaviours carry over, if any."""
    confirmed_index: int = -1
    """Its index in the role; levels up to it are ready."""
    confirmation_ignored: bool = False

    def status(self, ref: str) -> BehaviourStatus:
        """The status of one behaviour."""
        return self.statuses.get(ref, "missing")


@dataclass(frozen=True, slots=True)
class CompetencyJudgement:
    """One expected competency judged: counts, the assessed step and the status."""

    expected: ExpectedCompetency
    status: CompetencyStatus
    evidenced: int
    applicable: int
    assessed: str | None
    assessed_below: bool


@dataclass(frozen=True, slots=True)
class Judgement:
    """A profile against one level: every competency's status and the verdict."""

    target: str
    competencies: tuple[CompetencyJudgement, ...]
    verdict: Verdict

    def count(self, status: CompetencyStatus) -> int:
        """How many competencies have this status."""
        return sum(1 for part in self.competencies if part.status == status)


class Analyzer:
    """Judges evidence for one framework, as-of date (default today) and policy.

    The policy defaults to the framework's. Keep one for many people: the
    expected behaviours of each level are computed on first use and reused.
    """

    def __init__(
        self,
        framework: Framework,
        as_of: date | None = None,
        policy: Readiness | None = None,
        names: Names | None = None,
    ) -> None:
        self.framework = framework
        self.names = names if names is not None else Names(framework)
        """Names and texts in the reports, in one locale (the framework's default if not given)."""
        as_of = as_date("Analyzer", "as_of", as_of)
        self.as_of = as_of if as_of is not None else date.today()
        self.policy = policy if policy is not None else framework.info.readiness
        self.oldest = months_before(self.as_of, self.policy.max_age_months)
        """The earliest date an item may have and still count."""
        self._sources = frozenset(self.policy.sources)
        met_rule = self.policy.competency_met
        # Exact arithmetic: 0.7 * 10 is 7.000000000000001 in floating point.
        self._fraction = None if met_rule == "all" else Fraction(repr(met_rule.at_least))
        self._expected: dict[str, tuple[ExpectedCompetency, ...]] = {}
        self._new: dict[str, frozenset[str]] = {}
        self._order: dict[str, int] | None = None
        self.stamp = FrameworkStamp(
            id=framework.info.id, version=framework.info.version, hash=framework.content_hash
        )

    # --- reading evidence -------------------------------------------------

    def ignored_reason(self, item: EvidenceItem) -> IgnoredReason | None:
        """Why an item never counts, or None when it may."""
        if item.source not in self._sources:
            return "source-not-accepted"
        if item.date > self.as_of:
            return "after-as-of"
        return None

    def profile(self, evidence: Evidence) -> Profile:
        """Read one evidence file: item validity, behaviour statuses, latest assessments."""
        found = Profile()
        sources: dict[str, set[str]] = {}
        for index, item in enumerate(evidence.items):
            label = item.id if item.id is not None else f"#{index + 1}"
            reason = self.ignored_reason(item)
            if reason is not None:
                found.ignored.append((label, item, reason))
                continue
            shows = dict.fromkeys(item.shows)  # one item counts once per behaviour
            if item.date < self.oldest:
                for ref in shows:
                    found.too_old.setdefault(ref, []).append(label)
                continue
            for ref in shows:
                found.valid.setdefault(ref, []).append(label)
                sources.setdefault(ref, set()).add(item.source)
        for entry in evidence.not_applicable:
            found.not_applicable[entry.behaviour] = self.names.text(entry.reason)
        carried = self._carried(evidence, found)
        found.statuses = self._statuses(found, sources, carried)
        self._read_assessments(evidence, found)
        return found

    def _carried(self, evidence: Evidence, found: Profile) -> set[str]:
        """Behaviours the confirmed level or a lower one expected, or that they replace."""
        confirmed = evidence.confirmed
        if confirmed is None or evidence.level is None or not self.policy.carry_confirmed:
            return set()
        if confirmed.date > self.as_of:
            found.confirmation_ignored = True
            return set()
        role = self.framework.role(evidence.role)
        index = next((i for i, lv in enumerate(role.levels) if lv.id == evidence.level), -1)
        if index < 0:
            return set()
        found.confirmed, found.confirmed_index = f"{role.id}@{evidence.level}", index
        expected = [
            info
            for level in role.levels[: index + 1]
            for part in self.expected(f"{role.id}@{level.id}")
            for info in part.behaviours
        ]
        return {info.ref for info in expected} | self.framework.replaced_by(expected)

    def _statuses(
        self, found: Profile, sources: dict[str, set[str]], carried: set[str]
    ) -> dict[str, BehaviourStatus]:
        """Each behaviour's status; later assignments win, in the order of the section 8 table."""
        statuses: dict[str, BehaviourStatus] = dict.fromkeys(found.too_old, "stale")
        min_items, min_sources = self.policy.min_items, self.policy.min_sources
        for ref, labels in found.valid.items():
            enough = len(labels) >= min_items and len(sources[ref]) >= min_sources
            statuses[ref] = "evidenced" if enough else "thin"
        for ref in carried:
            if statuses.get(ref) != "evidenced":
                statuses[ref] = "carried"
        for ref in found.not_applicable:
            statuses[ref] = "not-applicable"
        return statuses

    def _read_assessments(self, evidence: Evidence, found: Profile) -> None:
        """The latest assessments on or before as-of; on the same day, the later in the file."""
        for assessment in evidence.assessments:
            if assessment.date > self.as_of:
                continue
            if assessment.by == "self":
                _keep_latest(found.latest_self, assessment)
            else:
                _keep_latest(found.latest_other, assessment)
            if assessment.by in _SETTING:
                _keep_latest(found.assessed, assessment)

    # --- judging a level --------------------------------------------------

    def expected(self, target: str) -> tuple[ExpectedCompetency, ...]:
        """What `target` expects (`Framework.expected`), computed once per analyzer."""
        found = self._expected.get(target)
        if found is None:
            found = tuple(self.framework.expected(target))
            self._expected[target] = found
        return found

    def judge(self, profile: Profile, target: str) -> Judgement:
        """Every competency `target` expects, judged; and the verdict."""
        parts = tuple(
            self._judge_competency(profile, expected) for expected in self.expected(target)
        )
        verdict = verdict_of([part.status for part in parts], self.policy.almost_within)
        if profile.confirmed is not None and self._confirmed_covers(profile, target):
            verdict = "ready"  # the confirmation stands for this level, whatever the evidence
        return Judgement(target, parts, verdict)

    def _confirmed_covers(self, profile: Profile, target: str) -> bool:
        """True when `target` is the confirmed level or a lower level of its role."""
        assert profile.confirmed is not None
        found = self.framework.level(target)
        same_role = found.role.id == profile.confirmed.partition("@")[0]
        return same_role and found.index <= profile.confirmed_index

    def _judge_competency(
        self, profile: Profile, expected: ExpectedCompetency
    ) -> CompetencyJudgement:
        evidenced = applicable = 0
        statuses = profile.statuses
        for info in expected.behaviours:
            shown = statuses.get(info.ref, "missing")
            if shown != "not-applicable":
                applicable += 1
                if shown in SHOWN:
                    evidenced += 1
        assessment = profile.assessed.get(expected.competency)
        assessed = assessment.step if assessment is not None else None
        below = assessed is not None and self.framework.compare_steps(assessed, expected.step) < 0
        met = self._enough(evidenced, applicable) and not below
        status: CompetencyStatus = "met" if met else "partial" if evidenced else "gap"
        return CompetencyJudgement(expected, status, evidenced, applicable, assessed, below)

    def _enough(self, evidenced: int, applicable: int) -> bool:
        """Whether enough applicable behaviours are evidenced (none applicable is enough)."""
        if self._fraction is None:
            return evidenced == applicable
        return applicable == 0 or evidenced >= self._fraction * applicable

    def level_verdicts(self, profile: Profile, role: str) -> list[Judgement]:
        """The judgement at every level of `role`, lowest first."""
        return [
            self.judge(profile, f"{role}@{level.id}") for level in self.framework.role(role).levels
        ]

    def current_level(self, profile: Profile, role: str) -> str | None:
        """The last level of the unbroken run of ready levels from the lowest, or None."""
        levels = self.framework.role(role).levels
        # A generator, so that judging stops at the first level that is not ready.
        return _top_of_ready_run(self.judge(profile, f"{role}@{level.id}") for level in levels)

    # --- reports ----------------------------------------------------------

    def report(self, evidence: Evidence, target: str, profile: Profile | None = None) -> GapReport:
        """The full gap report of `evidence` against `target`."""
        found = self.framework.level(target)
        target = found.ref
        profile = profile if profile is not None else self.profile(evidence)
        judgement = self.judge(profile, target)
        new = self.new_at(target)
        competencies = [
            self._competency_result(profile, part, new) for part in judgement.competencies
        ]
        return GapReport(
            person=evidence.person.id,
            target=target,
            as_of=self.as_of,
            framework=self.stamp,
            verdict=judgement.verdict,
            competencies=competencies,
            disagreements=self._disagreements(profile, target),
            beyond_target=self._beyond(profile, target),
            ignored_items=[
                IgnoredItem(
                    item=label, date=item.date, source=item.source, reason=reason, shows=item.shows
                )
                for label, item, reason in profile.ignored
            ],
            policy=self.policy,
            next_steps=_next_steps(competencies),
            person_name=evidence.person.name,
            target_title=self.names.level(target),
            confirmed=_confirmed(evidence, profile),
            confirmation_ignored=profile.confirmation_ignored,
        )

    def new_at(self, target: str) -> frozenset[str]:
        """The behaviours new at `target` (`Framework.what_is_new`), computed once per level."""
        found = self._new.get(target)
        if found is None:
            changes = self.framework.what_is_new(target)
            found = frozenset(n.info.ref for change in changes for n in change.new)
            self._new[target] = found
        return found

    def _competency_result(
        self, profile: Profile, part: CompetencyJudgement, new: frozenset[str]
    ) -> CompetencyResult:
        behaviours = [
            BehaviourResult(
                id=info.ref,
                status=profile.status(info.ref),
                replaces=list(info.replaces),
                new=info.ref in new,
                evidence=profile.valid.get(info.ref, []),
                step=info.step,
                text=self.names.text(info.behaviour.text),
                too_old=profile.too_old.get(info.ref, []),
                reason=profile.not_applicable.get(info.ref),
            )
            for info in part.expected.behaviours
        ]
        return CompetencyResult(
            id=part.expected.competency,
            expected=part.expected.step,
            assessed=part.assessed,
            status=part.status,
            behaviours=behaviours,
            name=self.names.competency(part.expected.competency),
            evidenced=part.evidenced,
            applicable=part.applicable,
            assessed_below=part.assessed_below,
        )

    def _disagreements(self, profile: Profile, target: str) -> list[Disagreement]:
        """Self and other assessments that differ, in the target's order, then the framework's."""
        order = {part.competency: i for i, part in enumerate(self.expected(target))}
        for competency in self.framework.competencies:
            order.setdefault(competency, len(order))
        found = []
        for competency, mine in profile.latest_self.items():
            other = profile.latest_other.get(competency)
            if other is None or other.step == mine.step:
                continue
            apart = abs(self.framework.compare_steps(mine.step, other.step))
            assert other.by != "self"
            found.append(
                Disagreement(
                    competency=competency,
                    self_step=mine.step,
                    self_date=mine.date,
                    other_step=other.step,
                    other_by=other.by,
                    other_date=other.date,
                    steps_apart=apart,
                    flagged=apart >= 2,
                )
            )
        return sorted(found, key=lambda d: order.get(d.competency, len(order)))

    def _beyond(self, profile: Profile, target: str) -> list[BeyondTarget]:
        """Behaviours valid items show that `target` does not expect, in framework order."""
        expected = {info.ref for part in self.expected(target) for info in part.behaviours}
        order = self.behaviour_order()
        extra = [ref for ref in profile.valid if ref not in expected]
        extra.sort(key=lambda ref: order.get(ref, len(order)))
        return [BeyondTarget(id=ref, evidence=profile.valid[ref]) for ref in extra]

    def behaviour_order(self) -> dict[str, int]:
        """Each behaviour reference's place in the framework, for sorting; computed once."""
        if self._order is None:
            self._order = {info.ref: i for i, info in enumerate(self.framework.behaviours())}
        return self._order

    def level_report(self, evidence: Evidence) -> LevelReport:
        """The verdict at every level of the person's role, the current level, and the moves."""
        profile = self.profile(evidence)
        judgements = self.level_verdicts(profile, evidence.role)
        current = _top_of_ready_run(judgements)
        named = f"{evidence.role}@{evidence.level}" if evidence.level is not None else None
        starts = list(dict.fromkeys(ref for ref in (named, current) if ref is not None))
        return LevelReport(
            person=evidence.person.id,
            role=evidence.role,
            level=evidence.level,
            as_of=self.as_of,
            framework=self.stamp,
            current_level=current,
            levels=[self._level_verdict(judgement) for judgement in judgements],
            moves=self._moves(profile, starts),
            policy=self.policy,
            person_name=evidence.person.name,
        )

    def _level_verdict(self, judgement: Judgement) -> LevelVerdict:
        return LevelVerdict(
            level=judgement.target,
            title=self.names.level(judgement.target),
            verdict=judgement.verdict,
            met=judgement.count("met"),
            partial=judgement.count("partial"),
            gap=judgement.count("gap"),
        )

    def _moves(self, profile: Profile, starts: list[str]) -> list[MoveReadiness]:
        """Moves into the framework from `starts`, closest first (ties in paths.yaml order)."""
        found = []
        for start in starts:
            for move in self.framework.moves_from(start):
                if move.to.startswith("external:"):
                    continue  # an exit: there is nothing to judge at the destination
                verdict = self._level_verdict(self.judge(profile, move.to))
                note = self.names.text(move.note) if move.note else None
                found.append(
                    MoveReadiness(
                        from_=start,
                        to=move.to,
                        type=move.type,
                        title=verdict.title,
                        verdict=verdict.verdict,
                        met=verdict.met,
                        partial=verdict.partial,
                        gap=verdict.gap,
                        note=note,
                    )
                )
        found.sort(key=lambda m: (-VERDICT_RANK[m.verdict], m.gap, m.partial))
        return found


def _confirmed(evidence: Evidence, profile: Profile) -> ConfirmedLevel | None:
    """The confirmation of the evidence, when it carries over."""
    if profile.confirmed is None or evidence.confirmed is None:
        return None
    by = evidence.confirmed.by
    return ConfirmedLevel(level=profile.confirmed, date=evidence.confirmed.date, by=by)


def _top_of_ready_run(judgements: Iterable[Judgement]) -> str | None:
    """The target of the last ready judgement before the first that is not ready."""
    top = None
    for judgement in judgements:
        if judgement.verdict != "ready":
            break
        top = judgement.target
    return top


def _keep_latest(into: dict[str, Assessment], assessment: Assessment) -> None:
    current = into.get(assessment.competency)
    if current is None or assessment.date >= current.date:
        into[assessment.competency] = assessment


def _next_steps(competencies: list[CompetencyResult]) -> list[NextStep]:
    """For each unmet competency, the behaviours still to show and whether to be reassessed."""
    steps = []
    for result in competencies:
        if result.status == "met":
            continue
        todo = [b for b in result.behaviours if b.status in ("missing", "thin", "stale")]
        steps.append(
            NextStep(
                competency=result.id,
                status=result.status,
                behaviours=todo,
                expected=result.expected,
                assessed=result.assessed,
                assessed_below=result.assessed_below,
            )
        )
    return steps


# --- the public entry points --------------------------------------------------


def default_target(framework: Framework, evidence: Evidence) -> str:
    """The evidence's `target`, else the level after its `level`; `NoTargetError` without one."""
    if evidence.target is not None:
        return framework.level(evidence.target).ref
    person = evidence.person.id
    if evidence.level is None:
        raise NoTargetError(
            f"the evidence for {person} names no target and no current level, so there is "
            "no next level to aim at; name a target level"
        )
    here = f"{evidence.role}@{evidence.level}"
    following = framework.next_level(here)
    if following is None:
        raise NoTargetError(
            f"{here} is the highest level of {evidence.role}, so there is no level above it; "
            "name a target level (another role's level, say)"
        )
    return following.ref


def choose_target(framework: Framework, evidence: Evidence, target: str | None = None) -> str:
    """The level to compare with: `target` (checked), else the default for the evidence.

    Raises `UnknownReferenceError` (with the closest level as a suggestion)
    for an unknown `target`, and `NoTargetError` when none is given and none
    follows from the evidence.
    """
    if target is None:
        return default_target(framework, evidence)
    return framework.level(target).ref


def analyze(
    framework: Framework,
    evidence: Evidence,
    target: str | None = None,
    as_of: date | None = None,
    policy: Readiness | None = None,
    locale: str | None = None,
) -> GapReport:
    """Compare `evidence` with `target` (default: the level after the evidence's level).

    `as_of` defaults to today, `policy` to the framework's readiness policy,
    and `locale` (of the names and texts in the report) to the framework's
    default locale. The evidence should be checked against the framework first
    (`load_evidence` does). Raises `NoTargetError` when no target is given
    and none follows, and `UnknownReferenceError` for an unknown target.
    """
    _check_arguments("analyze", framework, evidence, as_of, policy, locale)
    check_optional_str("analyze", "target", target)
    chosen = choose_target(framework, evidence, target)
    return Analyzer(framework, as_of, policy, Names(framework, locale)).report(evidence, chosen)


def current_level(
    framework: Framework,
    evidence: Evidence,
    as_of: date | None = None,
    policy: Readiness | None = None,
) -> str | None:
    """The person's current level (``ROLE@LEVEL``): the top of the ready run from the lowest."""
    analyzer = Analyzer(framework, as_of, policy)
    return analyzer.current_level(analyzer.profile(evidence), evidence.role)


def level_report(
    framework: Framework,
    evidence: Evidence,
    as_of: date | None = None,
    policy: Readiness | None = None,
    locale: str | None = None,
) -> LevelReport:
    """The verdict at every level of the person's role, their current level, and the moves open."""
    _check_arguments("level_report", framework, evidence, as_of, policy, locale)
    return Analyzer(framework, as_of, policy, Names(framework, locale)).level_report(evidence)


def _check_arguments(
    function: str,
    framework: object,
    evidence: object,
    as_of: object,
    policy: object,
    locale: object,
) -> None:
    """The Python API's contract: wrong argument types fail before any work."""
    check_instance(function, "framework", framework, Framework)
    check_instance(function, "evidence", evidence, Evidence)
    as_date(function, "as_of", as_of)
    if policy is not None:
        check_instance(function, "policy", policy, Readiness)
    check_optional_str(function, "locale", locale)
