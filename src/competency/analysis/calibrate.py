"""Calibration: verdicts and assessments compared across managers and assessors.

What a calibration meeting reads before it starts (docs/format.md, section
10, ``calibrate``):

- per manager (``person.manager``; people without one are the group
  "(none)"): people, next-level verdict counts, and the exact two-sided
  binomial test of the group's ``ready`` count against the share of
  ``ready`` among everyone else;
- per assessor (`Evidence.assessor_of`): manager and panel assessments on or
  before as-of, above, at or below the step the person's current level
  expects, with the same test on the share above;
- agreement per competency: every pair of known assessors of one person's
  competency (their latest assessments), how often they name the same step
  and how often steps within one of each other;
- self against manager: latest self and latest manager assessments two or
  more steps apart, per manager.

Steps are compared by their order in the scale, never averaged. Each person
is read once into a small `CalibrationRecord` (in worker processes with
``--jobs``, see `competency.team_folder.calibrate_folder`); a `CalibrationBuilder`
counts the records in file order and makes the report. Pure: no files, no
printing. The choices the format leaves open are in docs/decisions.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from itertools import combinations
from typing import Literal, get_args

from pydantic import Field

from competency.analysis.gap import Analyzer, NoTargetError, default_target
from competency.analysis.judge import role_at
from competency.analysis.report import FrameworkStamp, ReportModel, Verdict
from competency.analysis.team import FailedFile, Member, ProblemEntry, members
from competency.contract import (
    ArgumentValueError,
    as_date,
    check_failed,
    check_instance,
    check_optional_str,
)
from competency.diagnostics import Diagnostic
from competency.framework import Framework
from competency.model import Assessment, Evidence, Readiness
from competency.names import Names, names_for
from competency.stats import binomial_two_sided

__all__ = [
    "NO_GROUP",
    "SIGNIFICANCE",
    "TESTED_FROM",
    "AgreementEntry",
    "AssessorEntry",
    "CalibrationBuilder",
    "CalibrationGrouping",
    "CalibrationRecord",
    "CalibrationReport",
    "ManagerEntry",
    "Placement",
    "SelfVsManagerEntry",
    "calibrate",
    "calibration_record",
]

#: The group of people without a manager, and of assessments without a known assessor.
NO_GROUP = "(none)"

#: A group is tested from this many people (or assessments) on.
TESTED_FROM = 5

#: A p value below this raises a flag.
SIGNIFICANCE = 0.05

#: Where an assessed step stands against the step the current level expects.
Placement = Literal["above", "at", "below"]

#: What ``--by`` leads with: managers' verdicts or assessors' assessments.
CalibrationGrouping = Literal["manager", "assessor"]

#: Assessments whose assessor's judgement is compared with the expected step.
_SETTING = frozenset({"manager", "panel"})

#: Assessments that take part in agreement, when their assessor is known (never self).
_AGREEING = frozenset({"manager", "panel", "peer"})


# --- the report ------------------------------------------------------------------


class ManagerEntry(ReportModel):
    """One manager's people and their next-level verdicts, tested against everyone else's."""

    manager: str
    """The manager's person id, or "(none)" for people without a manager."""
    people: int
    verdicts: dict[str, int]
    """ready, almost, not-yet and none (no next level), always all four."""
    flag: Literal["more-ready", "fewer-ready"] | None
    """Set when the test gives p < 0.05."""
    p: float | None
    """The exact two-sided binomial test's p value, for groups of 5 or more with others to
    compare with; none for "(none)"."""
    name: str | None = None
    """The manager's name, when the folder holds their evidence."""
    share: float | None = None
    """The share of ready among the group's people with a verdict (none without any)."""
    rest_share: float | None = None
    """The share of ready among everyone else with a verdict (none without any)."""


class AssessorEntry(ReportModel):
    """One assessor's manager and panel assessments against the step the current level expects."""

    assessor: str
    """The assessor's person id, or "(none)" for assessments without a known assessor."""
    assessments: int
    """Every manager and panel assessment they made on or before as-of."""
    above: int
    at: int
    below: int
    flag: Literal["more-above", "fewer-above"] | None
    p: float | None
    """As for managers, on the share above among the assessments compared."""
    name: str | None = None
    not_compared: int = 0
    """Assessments of people with no current level, or whose current level does not expect
    that competency: counted in `assessments` only."""
    share: float | None = None
    """The share above among the assessments compared (none without any)."""
    rest_share: float | None = None
    """The share above among everyone else's assessments compared (none without any)."""


class AgreementEntry(ReportModel):
    """How alike known assessors of the same person assess one competency."""

    competency: str
    pairs: int
    """Pairs of assessors (their latest assessments) of the same person and competency."""
    same: float
    """The share of pairs that name the same step."""
    within_one: float
    """The share of pairs at most one step apart (the same step included)."""
    name: str = ""
    people: int = 0
    """People whose competency two or more known assessors assessed."""
    same_pairs: int = 0
    within_one_pairs: int = 0


class SelfVsManagerEntry(ReportModel):
    """Per manager: latest self and latest manager assessments two or more steps apart."""

    manager: str
    disagreements: int
    name: str | None = None
    compared: int = 0
    """Competencies with both a self and a manager assessment, over the group's people."""
    people: int = 0
    """People with at least one such disagreement."""


class CalibrationReport(ReportModel):
    """Verdicts and assessments compared across managers and assessors (``calibrate``).

    The first five fields are the JSON contract of docs/format.md, section 10.
    """

    as_of: date
    managers: list[ManagerEntry]
    """Managers by id, "(none)" last."""
    assessors: list[AssessorEntry]
    """Assessors by id, "(none)" last."""
    agreement: list[AgreementEntry]
    """Competencies with at least one pair, in framework order."""
    self_vs_manager: list[SelfVsManagerEntry]
    """Every manager group, in the order of `managers`."""
    framework: FrameworkStamp
    by: CalibrationGrouping = "manager"
    """The grouping text and pages lead with; JSON always holds every section."""
    people: int = 0
    """People counted (evidence files that loaded)."""
    assessments: int = 0
    """Manager and panel assessments counted, on or before as-of."""
    failed: list[FailedFile] = Field(default_factory=list)
    policy: Readiness | None = None

    def flagged(self) -> list[ManagerEntry | AssessorEntry]:
        """The flagged groups, managers first."""
        groups: list[ManagerEntry | AssessorEntry] = [*self.managers, *self.assessors]
        return [entry for entry in groups if entry.flag is not None]


# --- one person ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalibrationRecord:
    """What calibration keeps of one person: compact, and picklable for worker processes."""

    person: str
    name: str | None
    manager: str | None
    verdict: Verdict | None
    """The verdict for the default target; None without one."""
    assessed: tuple[tuple[str | None, Placement | None], ...] = ()
    """Each manager and panel assessment on or before as-of: assessor, placement."""
    agreement: tuple[tuple[str, int, int, int], ...] = ()
    """Per competency with two or more known assessors: pairs, same, within one."""
    compared: int = 0
    """Competencies with both a latest self and a latest manager assessment."""
    disagreements: int = 0
    """Of those, the ones two or more steps apart."""


def _keep_latest(into: dict[str, Assessment], key: str, assessment: Assessment) -> None:
    """The later assessment wins; on the same day, the later in the file (as the gap report)."""
    current = into.get(key)
    if current is None or assessment.date >= current.date:
        into[key] = assessment


def calibration_record(analyzer: Analyzer, evidence: Evidence) -> CalibrationRecord:
    """One person read once: verdict, assessments placed, agreement pairs, self vs manager."""
    framework, as_of = analyzer.framework, analyzer.as_of
    profile = analyzer.profile(evidence)
    try:
        target: str | None = default_target(framework, evidence, as_of)
    except NoTargetError:
        target = None
    verdict = analyzer.judge(profile, target).verdict if target is not None else None
    current = analyzer.current_level(profile, role_at(analyzer.framework, evidence, analyzer.as_of))
    expects = {part.competency: part.step for part in analyzer.expected(current)} if current else {}
    step = framework.step_index
    assessed: list[tuple[str | None, Placement | None]] = []
    by_assessor: dict[str, dict[str, Assessment]] = {}
    own: dict[str, Assessment] = {}
    managers: dict[str, Assessment] = {}
    for assessment in evidence.assessments:
        if assessment.date > as_of:
            continue
        if assessment.by == "self":
            _keep_latest(own, assessment.competency, assessment)
            continue
        who = evidence.assessor_of(assessment)
        if assessment.by == "manager":
            _keep_latest(managers, assessment.competency, assessment)
        if assessment.by in _SETTING:
            expected = expects.get(assessment.competency)
            placement: Placement | None = None
            if expected is not None:
                apart = step(assessment.step) - step(expected)
                placement = "above" if apart > 0 else "at" if apart == 0 else "below"
            assessed.append((who, placement))
        if who is not None and assessment.by in _AGREEING:
            _keep_latest(by_assessor.setdefault(assessment.competency, {}), who, assessment)
    agreement = []
    for competency, latest in by_assessor.items():
        if len(latest) < 2:
            continue
        steps = [step(assessment.step) for assessment in latest.values()]
        gaps = [abs(a - b) for a, b in combinations(steps, 2)]
        same = sum(1 for gap in gaps if gap == 0)
        agreement.append((competency, len(gaps), same, sum(1 for gap in gaps if gap <= 1)))
    both = [c for c in own if c in managers]
    apart = sum(1 for c in both if abs(step(own[c].step) - step(managers[c].step)) >= 2)
    return CalibrationRecord(
        person=evidence.person.id,
        name=evidence.person.name,
        manager=evidence.person.manager,
        verdict=verdict,
        assessed=tuple(assessed),
        agreement=tuple(agreement),
        compared=len(both),
        disagreements=apart,
    )


# --- counting --------------------------------------------------------------------

_VERDICTS = ("ready", "almost", "not-yet", "none")
_PLACES = ("above", "at", "below", "not_compared")


@dataclass
class _Totals:
    """The running counts, one person at a time."""

    names: dict[str, str] = field(default_factory=dict)
    managers: dict[str | None, dict[str, int]] = field(default_factory=dict)
    assessors: dict[str | None, dict[str, int]] = field(default_factory=dict)
    agreement: dict[str, list[int]] = field(default_factory=dict)
    """competency -> [people, pairs, same, within one]."""
    self_vs_manager: dict[str | None, list[int]] = field(default_factory=dict)
    """manager -> [compared, disagreements, people]."""
    people: int = 0
    assessments: int = 0

    def add(self, record: CalibrationRecord) -> None:
        self.people += 1
        if record.name is not None:
            self.names[record.person] = record.name
        verdicts = self.managers.setdefault(record.manager, dict.fromkeys(_VERDICTS, 0))
        verdicts[record.verdict or "none"] += 1
        for who, placement in record.assessed:
            places = self.assessors.setdefault(who, dict.fromkeys(_PLACES, 0))
            places[placement or "not_compared"] += 1
            self.assessments += 1
        for competency, pairs, same, within in record.agreement:
            counts = self.agreement.setdefault(competency, [0, 0, 0, 0])
            for index, value in enumerate((1, pairs, same, within)):
                counts[index] += value
        mine = self.self_vs_manager.setdefault(record.manager, [0, 0, 0])
        mine[0] += record.compared
        mine[1] += record.disagreements
        mine[2] += 1 if record.disagreements else 0


def _tested(k: int, n: int, size: int, rest_k: int, rest_n: int, grouped: bool) -> float | None:
    """The p value of a group of `size` with `k` of `n`, against `rest_k` of `rest_n`."""
    if not grouped or size < TESTED_FROM or rest_n == 0:
        return None
    return binomial_two_sided(k, n, Fraction(rest_k, rest_n))


def _more(k: int, n: int, rest_k: int, rest_n: int) -> bool:
    """Whether k/n is above rest_k/rest_n (exactly, without division)."""
    return k * rest_n > rest_k * n


def _share(k: int, n: int) -> float | None:
    return k / n if n else None


def _group_order(key: str | None) -> tuple[bool, str]:
    """Groups by id, the group without one last."""
    return (key is None, key or "")


class CalibrationBuilder:
    """Builds a calibration report one person at a time, keeping only compact records.

    `person` reads one evidence file (in this process or a worker), `add`
    counts its record in file order, `report` makes the `CalibrationReport`.
    One `Analyzer` serves everyone.
    """

    def __init__(
        self,
        framework: Framework,
        as_of: date | None = None,
        policy: Readiness | None = None,
        locale: str | None = None,
        names: Names | None = None,
    ) -> None:
        self.analyzer = Analyzer(
            framework, as_of, policy, names_for(framework, locale, names=names)
        )
        self._totals = _Totals()

    def person(self, evidence: Evidence, file: str | None = None) -> CalibrationRecord:
        """One person's record."""
        return calibration_record(self.analyzer, evidence)

    def add(self, record: CalibrationRecord) -> None:
        """Count one person, after the ones added before."""
        self._totals.add(record)

    def report(
        self,
        failed: Sequence[tuple[str, Sequence[Diagnostic]]] = (),
        by: CalibrationGrouping = "manager",
    ) -> CalibrationReport:
        """The calibration report of everyone added, with the files that could not be read."""
        analyzer, totals = self.analyzer, self._totals
        return CalibrationReport(
            as_of=analyzer.as_of,
            managers=self._managers(),
            assessors=self._assessors(),
            agreement=self._agreement(),
            self_vs_manager=[
                SelfVsManagerEntry(
                    manager=key or NO_GROUP,
                    disagreements=counts[1],
                    name=totals.names.get(key or ""),
                    compared=counts[0],
                    people=counts[2],
                )
                for key, counts in sorted(
                    totals.self_vs_manager.items(), key=lambda pair: _group_order(pair[0])
                )
            ],
            framework=analyzer.stamp,
            by=by,
            people=totals.people,
            assessments=totals.assessments,
            failed=[_failed(file, problems) for file, problems in failed],
            policy=analyzer.policy,
        )

    def _managers(self) -> list[ManagerEntry]:
        totals = self._totals
        ready = sum(v["ready"] for v in totals.managers.values())
        judged = sum(v["ready"] + v["almost"] + v["not-yet"] for v in totals.managers.values())
        found = []
        for key, verdicts in sorted(
            totals.managers.items(), key=lambda pair: _group_order(pair[0])
        ):
            k, size = verdicts["ready"], sum(verdicts.values())
            n = size - verdicts["none"]
            rest_k, rest_n = ready - k, judged - n
            p = _tested(k, n, size, rest_k, rest_n, key is not None)
            flag: Literal["more-ready", "fewer-ready"] | None = None
            if p is not None and p < SIGNIFICANCE:
                flag = "more-ready" if _more(k, n, rest_k, rest_n) else "fewer-ready"
            found.append(
                ManagerEntry(
                    manager=key or NO_GROUP,
                    people=size,
                    verdicts=verdicts,
                    flag=flag,
                    p=p,
                    name=totals.names.get(key or ""),
                    share=_share(k, n),
                    rest_share=_share(rest_k, rest_n),
                )
            )
        return found

    def _assessors(self) -> list[AssessorEntry]:
        totals = self._totals
        above = sum(v["above"] for v in totals.assessors.values())
        compared = sum(v["above"] + v["at"] + v["below"] for v in totals.assessors.values())
        found = []
        groups = sorted(totals.assessors.items(), key=lambda pair: _group_order(pair[0]))
        for key, places in groups:
            k, size = places["above"], sum(places.values())
            n = size - places["not_compared"]
            rest_k, rest_n = above - k, compared - n
            p = _tested(k, n, size, rest_k, rest_n, key is not None)
            flag: Literal["more-above", "fewer-above"] | None = None
            if p is not None and p < SIGNIFICANCE:
                flag = "more-above" if _more(k, n, rest_k, rest_n) else "fewer-above"
            found.append(
                AssessorEntry(
                    assessor=key or NO_GROUP,
                    assessments=size,
                    above=k,
                    at=places["at"],
                    below=places["below"],
                    flag=flag,
                    p=p,
                    name=totals.names.get(key or ""),
                    not_compared=places["not_compared"],
                    share=_share(k, n),
                    rest_share=_share(rest_k, rest_n),
                )
            )
        return found

    def _agreement(self) -> list[AgreementEntry]:
        names = self.analyzer.names
        order = {competency: i for i, competency in enumerate(names.framework.competencies)}
        found = []
        for competency in sorted(self._totals.agreement, key=lambda c: order.get(c, len(order))):
            people, pairs, same, within = self._totals.agreement[competency]
            found.append(
                AgreementEntry(
                    competency=competency,
                    pairs=pairs,
                    same=same / pairs,
                    within_one=within / pairs,
                    name=names.competency(competency),
                    people=people,
                    same_pairs=same,
                    within_one_pairs=within,
                )
            )
        return found


def _failed(file: str, problems: Sequence[Diagnostic]) -> FailedFile:
    return FailedFile(
        file=file,
        diagnostics=[ProblemEntry.model_validate(problem.as_dict()) for problem in problems],
    )


# --- the entry point -------------------------------------------------------------


def calibrate(
    framework: Framework,
    evidences: Iterable[Evidence | Member],
    *,
    as_of: date | None = None,
    policy: Readiness | None = None,
    failed: Sequence[tuple[str, Sequence[Diagnostic]]] = (),
    locale: str | None = None,
    by: CalibrationGrouping = "manager",
) -> CalibrationReport:
    """Compare verdicts and assessments across managers and assessors.

    `evidences` are checked evidence models, or (file, evidence) pairs (as
    `team` takes them), read one at a time. `failed` lists the files that
    could not be loaded, with their diagnostics. `as_of` defaults to today,
    `policy` to the framework's, `locale` (of competency names) to the
    framework's default; `by` is the grouping text and pages lead with.
    """
    check_instance("calibrate", "framework", framework, Framework)
    people = members("calibrate", evidences)
    as_date("calibrate", "as_of", as_of)
    if policy is not None:
        check_instance("calibrate", "policy", policy, Readiness)
    check_optional_str("calibrate", "locale", locale)
    check_failed("calibrate", "failed", failed)
    if by not in get_args(CalibrationGrouping):
        raise ArgumentValueError(f"calibrate(): by must be 'manager' or 'assessor', not {by!r}")
    builder = CalibrationBuilder(framework, as_of, policy, locale)
    for _, evidence in people:
        builder.add(builder.person(evidence))
    return builder.report(failed, by)
