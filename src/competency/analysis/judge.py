"""Judging: the readiness policy of docs/format.md (section 8), in one place.

Everything that decides a status lives here: which items count, each
behaviour's status, when a competency is met, partial or a gap, the verdict
of a level, and the current level. Nothing here writes a report or picks a
word for people to read; `competency.analysis.gap.Analyzer` turns judgements
into the typed reports of `competency.analysis.report`.

The work is split in two so that a team of thousands stays cheap:

- `Judge.profile` reads one evidence file once: which items count, each
  behaviour's status, the latest assessments, the confirmed level at the
  as-of date. Behaviour statuses do not depend on the target level, so one
  profile serves every level.
- `Judge.judge` compares a profile with one level: competency statuses and
  the verdict.

`Judge` is the seam for another way of levelling: `BehaviourJudge` is the
behaviour-based judging of the format; a judge that levels some other way
(assessments only, say) implements the same two methods and the reports and
every writer work unchanged (`Analyzer(framework, judge=...)`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Protocol

from competency.analysis.report import (
    BehaviourStatus,
    CompetencyStatus,
    IgnoredReason,
    Verdict,
)
from competency.contract import as_date
from competency.framework import ExpectedCompetency, Framework, UnknownReferenceError
from competency.model import Assessment, Evidence, EvidenceItem, Readiness
from competency.text import TextValue

__all__ = [
    "SHOWN",
    "BehaviourJudge",
    "CompetencyJudgement",
    "Judge",
    "Judgement",
    "Profile",
    "current_level",
    "level_verdicts",
    "months_before",
    "named_level",
    "role_at",
    "today",
    "top_of_ready_run",
    "verdict_of",
]

#: Statuses that count as shown for met, partial and gap.
SHOWN: frozenset[str] = frozenset({"evidenced", "carried"})

#: Assessors whose judgement sets the assessed step; self and peer never do.
SETTING = frozenset({"manager", "panel"})


def today() -> date:
    """The as-of date when none is given: today's date on this machine."""
    return date.today()


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


@dataclass(slots=True)
class Profile:
    """One person's evidence read once: behaviour statuses and latest assessments.

    A behaviour absent from `statuses` is missing. Item lists hold labels:
    the item's id, or #N for the Nth item when it has none.
    """

    statuses: dict[str, BehaviourStatus] = field(default_factory=dict)
    valid: dict[str, list[str]] = field(default_factory=dict)
    too_old: dict[str, list[str]] = field(default_factory=dict)
    not_applicable: dict[str, TextValue] = field(default_factory=dict)
    """Behaviours marked not applicable, with the reason as written (any locale)."""
    assessed: dict[str, Assessment] = field(default_factory=dict)
    latest_self: dict[str, Assessment] = field(default_factory=dict)
    latest_other: dict[str, Assessment] = field(default_factory=dict)
    ignored: list[tuple[str, EvidenceItem, IgnoredReason]] = field(default_factory=list)
    confirmed: str | None = None
    """The confirmed level (ROLE@LEVEL) at the as-of date whose behaviours carry over, if any."""
    confirmed_index: int = -1
    """Its index in its role; levels of that role up to it are ready."""
    confirmed_on: date | None = None
    """The date of that confirmation."""
    confirmed_by: str | None = None
    """Who confirmed it: manager or panel."""
    confirmation_ignored: bool = False
    """True when the evidence records confirmations but every one is dated after as-of."""

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


class Judge(Protocol):
    """A way of levelling: reads evidence into a `Profile`, judges a profile against a level.

    The `Analyzer` and every report and writer rely on these members only.
    """

    framework: Framework
    as_of: date
    policy: Readiness

    def profile(self, evidence: Evidence) -> Profile:
        """Read one evidence file once."""
        ...

    def judge(self, profile: Profile, target: str) -> Judgement:
        """Every competency `target` expects, judged; and the verdict."""
        ...

    def expected(self, target: str) -> tuple[ExpectedCompetency, ...]:
        """What `target` expects (`Framework.expected`)."""
        ...


class BehaviourJudge:
    """The judging of docs/format.md, section 8: behaviour by behaviour, for one as-of date.

    The policy defaults to the framework's, the as-of date to today. Keep one
    for many people: the expected behaviours of each level are computed on
    first use and reused.
    """

    def __init__(
        self, framework: Framework, as_of: date | None = None, policy: Readiness | None = None
    ) -> None:
        self.framework = framework
        as_of = as_date("Analyzer", "as_of", as_of)
        self.as_of = as_of if as_of is not None else today()
        self.policy = policy if policy is not None else framework.info.readiness
        self.oldest = months_before(self.as_of, self.policy.max_age_months)
        """The earliest date an item may have and still count."""
        self._sources = frozenset(self.policy.sources)
        met_rule = self.policy.competency_met
        # Exact arithmetic: 0.7 * 10 is 7.000000000000001 in floating point.
        self._fraction = None if met_rule == "all" else Fraction(repr(met_rule.at_least))
        self._expected: dict[str, tuple[ExpectedCompetency, ...]] = {}

    # --- reading evidence -------------------------------------------------

    def ignored_reason(self, item: EvidenceItem) -> IgnoredReason | None:
        """Why an item never counts, or None when it may.

        A suggested item is waiting for a person to confirm it, which is what
        the report should say first, whatever its source and date.
        """
        if item.suggested:
            return "suggested"
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
            found.not_applicable[entry.behaviour] = entry.reason
        carried = self._carried(evidence, found)
        found.statuses = self._statuses(found, sources, carried)
        self._read_assessments(evidence, found)
        return found

    def _carried(self, evidence: Evidence, found: Profile) -> set[str]:
        """Behaviours the confirmed level at as-of or a lower one expected, or that they replace.

        The confirmed level at as-of is the latest confirmation (history
        entry, or the 1.1 `confirmed`) dated on or before it, in that entry's
        role (docs/format.md, sections 7 and 8).
        """
        if not self.policy.carry_confirmed:
            return set()
        entry = evidence.confirmed_at(self.as_of)
        if entry is None:
            found.confirmation_ignored = bool(evidence.confirmations())
            return set()
        try:
            located = self.framework.level(entry.level)
        except UnknownReferenceError:
            return set()  # checked evidence never gets here; `impact` reports it per person
        role, index = located.role, located.index
        found.confirmed, found.confirmed_index = located.ref, index
        found.confirmed_on, found.confirmed_by = entry.date, entry.by
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
            if assessment.by in SETTING:
                _keep_latest(found.assessed, assessment)

    # --- judging a level --------------------------------------------------

    def expected(self, target: str) -> tuple[ExpectedCompetency, ...]:
        """What `target` expects (`Framework.expected`), computed once per judge."""
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
        met = self.enough(evidenced, applicable) and not below
        status: CompetencyStatus = "met" if met else "partial" if evidenced else "gap"
        return CompetencyJudgement(expected, status, evidenced, applicable, assessed, below)

    def enough(self, evidenced: int, applicable: int) -> bool:
        """Whether enough applicable behaviours are shown (none applicable is enough)."""
        if self._fraction is None:
            return evidenced == applicable
        return applicable == 0 or evidenced >= self._fraction * applicable


def named_level(evidence: Evidence, as_of: date) -> str | None:
    """The level (ROLE@LEVEL) the evidence says the person holds on `as_of`.

    With a `history`, the entry in force on that day (none before the first);
    otherwise the file's `level`, whatever the date of a 1.1 `confirmed`
    (as in revision 1.1). Default targets start from here, so replaying an
    earlier date aims where the person aimed then.
    """
    if evidence.history is not None:
        entry = evidence.confirmed_at(as_of)
        return entry.level if entry is not None else None
    return f"{evidence.role}@{evidence.level}" if evidence.level is not None else None


def role_at(framework: Framework, evidence: Evidence, as_of: date) -> str:
    """The role the person held on `as_of`: that of the history entry in force, else the file's.

    Before a lateral move recorded in the history, the person was in the role
    of the entry in force then (docs/format.md, section 8), so their current
    level is judged in that role. A role the framework does not have (only
    unchecked evidence names one) falls back to the file's role.
    """
    if evidence.history is not None:
        entry = evidence.confirmed_at(as_of)
        if entry is not None:
            role = entry.level.partition("@")[0]
            if role in framework.roles:
                return role
    return evidence.role


def level_verdicts(judge: Judge, profile: Profile, role: str) -> list[Judgement]:
    """The judgement at every level of `role`, lowest first."""
    return [
        judge.judge(profile, f"{role}@{level.id}") for level in judge.framework.role(role).levels
    ]


def current_level(judge: Judge, profile: Profile, role: str) -> str | None:
    """The last level of the unbroken run of ready levels from the lowest, or None."""
    levels = judge.framework.role(role).levels
    # A generator, so that judging stops at the first level that is not ready.
    return top_of_ready_run(judge.judge(profile, f"{role}@{level.id}") for level in levels)


def top_of_ready_run(judgements: Iterable[Judgement]) -> str | None:
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
