"""The gap analysis: one person's evidence against a level, as typed reports.

Pure: no files, no printing, and the clock only for a missing as-of date.
The policy of docs/format.md (section 8) is applied by a `Judge`
(`competency.analysis.judge`: the behaviour-based `BehaviourJudge` unless
another is given); `Analyzer` turns its judgements into the reports of
`competency.analysis.report`, with names and texts from the one `Names` it
is given (the locale a command was asked for; the framework's default when
none is). The entry points (`analyze`, `current_level`, `level_report`) fill
in the as-of date (today) and the policy (the framework's); every report
names both, so it can always be reproduced.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from competency.analysis.judge import (
    SHOWN,
    BehaviourJudge,
    CompetencyJudgement,
    Judge,
    Judgement,
    Profile,
    months_before,
    named_level,
    role_at,
    today,
    top_of_ready_run,
    verdict_of,
)
from competency.analysis.judge import current_level as _current_level
from competency.analysis.judge import level_verdicts as _level_verdicts
from competency.analysis.report import (
    VERDICT_RANK,
    BehaviourResult,
    BehaviourStatus,
    BeyondTarget,
    CompetencyResult,
    CompetencyStatus,
    ConfirmedLevel,
    Disagreement,
    FrameworkStamp,
    GapReport,
    IgnoredItem,
    LevelReport,
    LevelVerdict,
    MoveReadiness,
    NextStep,
    ReportModel,
    ResourceResult,
    Verdict,
)
from competency.contract import (
    ArgumentTypeError,
    as_date,
    check_instance,
    check_optional,
    check_optional_str,
)
from competency.diagnostics import CompetencyError
from competency.framework import ExpectedCompetency, Framework
from competency.model import Evidence, Readiness
from competency.names import Names, names_for

# The report models and the judging are re-exported here: `competency.analysis.gap`
# is where the public API has always found them.
__all__ = [
    "SHOWN",
    "VERDICT_RANK",
    "Analyzer",
    "BehaviourJudge",
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
    "Judge",
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


class NoTargetError(CompetencyError, ValueError):
    """No target level was given and none follows from the evidence."""


class Analyzer:
    """Builds the reports of one framework, as-of date (default today) and policy.

    The policy defaults to the framework's. Judging is done by `judge` (the
    behaviour-based `BehaviourJudge` of the format when none is given);
    names and texts in the reports come from `names` (the framework's
    default locale when none is given). Keep one for many people: what each
    level expects is computed on first use and reused.
    """

    def __init__(
        self,
        framework: Framework,
        as_of: date | None = None,
        policy: Readiness | None = None,
        names: Names | None = None,
        judge: Judge | None = None,
    ) -> None:
        check_instance("Analyzer", "framework", framework, Framework)
        as_date("Analyzer", "as_of", as_of)
        check_optional("Analyzer", "policy", policy, Readiness)
        check_optional("Analyzer", "names", names, Names)
        if judge is not None and not all(
            callable(getattr(judge, member, None)) for member in ("profile", "judge", "expected")
        ):
            raise ArgumentTypeError(
                f"Analyzer(): judge must be a Judge (profile, judge, expected), "
                f"not {type(judge).__name__}"
            )
        self.framework = framework
        self.names = names_for(framework, names=names)
        """The one translator of ids and texts in the reports."""
        self.judging: Judge = (
            judge if judge is not None else BehaviourJudge(framework, as_of, policy)
        )
        """The way of levelling: statuses and verdicts come from here."""
        self.as_of = self.judging.as_of
        self.policy = self.judging.policy
        self._new: dict[str, frozenset[str]] = {}
        self._order: dict[str, int] | None = None
        self.stamp = FrameworkStamp(
            id=framework.info.id, version=framework.info.version, hash=framework.content_hash
        )

    # --- judging, by the judge ----------------------------------------------

    def profile(self, evidence: Evidence) -> Profile:
        """Read one evidence file once (`Judge.profile`)."""
        return self.judging.profile(evidence)

    def expected(self, target: str) -> tuple[ExpectedCompetency, ...]:
        """What `target` expects (`Judge.expected`)."""
        return self.judging.expected(target)

    def judge(self, profile: Profile, target: str) -> Judgement:
        """A profile against one level (`Judge.judge`)."""
        return self.judging.judge(profile, target)

    def level_verdicts(self, profile: Profile, role: str) -> list[Judgement]:
        """The judgement at every level of `role`, lowest first."""
        return _level_verdicts(self.judging, profile, role)

    def current_level(self, profile: Profile, role: str) -> str | None:
        """The last level of the unbroken run of ready levels from the lowest, or None."""
        return _current_level(self.judging, profile, role)

    def resources(self, competency: str, expected: str) -> list[ResourceResult]:
        """The competency's resources at `expected` and the steps below it, closest first."""
        found = self.framework.competencies.get(competency)
        if found is None:
            return []
        limit = self.framework.step_index(expected)
        steps = [
            s.id for s in self.framework.info.scale if self.framework.step_index(s.id) <= limit
        ]
        return [
            ResourceResult(step=step, title=self.names.text(r.title), kind=r.kind, url=r.url)
            for step in reversed(steps)
            if step in found.steps
            for r in found.steps[step].resources
        ]

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
            next_steps=_next_steps(competencies, self.resources),
            person_name=evidence.person.name,
            target_title=self.names.level(target),
            confirmed=_confirmed(profile),
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

    def _reason(self, profile: Profile, ref: str) -> str | None:
        reason = profile.not_applicable.get(ref)
        return None if reason is None else self.names.text(reason)

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
                reason=self._reason(profile, info.ref),
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
        role = role_at(self.framework, evidence, self.as_of)
        judgements = self.level_verdicts(profile, role)
        current = top_of_ready_run(judgements)
        named = named_level(evidence, self.as_of)
        named = named if named is not None and named.partition("@")[0] == role else None
        starts = list(dict.fromkeys(ref for ref in (named, current) if ref is not None))
        return LevelReport(
            person=evidence.person.id,
            role=role,
            level=named.partition("@")[2] if named is not None else None,
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


def _confirmed(profile: Profile) -> ConfirmedLevel | None:
    """The confirmation in force at as-of, when it carries over."""
    if profile.confirmed is None or profile.confirmed_on is None or profile.confirmed_by is None:
        return None
    return ConfirmedLevel(
        level=profile.confirmed, date=profile.confirmed_on, by=profile.confirmed_by
    )


def _next_steps(
    competencies: list[CompetencyResult],
    resources: Callable[[str, str], list[ResourceResult]],
) -> list[NextStep]:
    """For each unmet competency, the behaviours still to show, whether to be reassessed,
    and the resources to grow with."""
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
                resources=resources(result.id, result.expected),
            )
        )
    return steps


# --- the public entry points --------------------------------------------------


def default_target(framework: Framework, evidence: Evidence, as_of: date | None = None) -> str:
    """The evidence's `target`, else the level after the level it names; `NoTargetError` without.

    The level it names is the one in force on `as_of` (default today) when the
    evidence has a `history` (`judge.named_level`), else its `level`.
    """
    if evidence.target is not None:
        return framework.level(evidence.target).ref
    person = evidence.person.id
    here = named_level(evidence, as_of if as_of is not None else today())
    if here is None:
        if evidence.history is not None:
            raise NoTargetError(
                f"the evidence for {person} names no target and no level was confirmed "
                "by the as-of date, so there is no next level to aim at; name a target level"
            )
        raise NoTargetError(
            f"the evidence for {person} names no target and no current level, so there is "
            "no next level to aim at; name a target level"
        )
    following = framework.next_level(here)
    if following is None:
        role = here.partition("@")[0]
        raise NoTargetError(
            f"{here} is the highest level of {role}, so there is no level above it; "
            "name a target level (another role's level, say)"
        )
    return following.ref


def choose_target(
    framework: Framework, evidence: Evidence, target: str | None = None, as_of: date | None = None
) -> str:
    """The level to compare with: `target` (checked), else the default for the evidence.

    Raises `UnknownReferenceError` (with the closest level as a suggestion)
    for an unknown `target`, and `NoTargetError` when none is given and none
    follows from the evidence.
    """
    if target is None:
        return default_target(framework, evidence, as_of)
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
    chosen = choose_target(framework, evidence, target, as_of)
    return Analyzer(framework, as_of, policy, names_for(framework, locale)).report(evidence, chosen)


def current_level(
    framework: Framework,
    evidence: Evidence,
    as_of: date | None = None,
    policy: Readiness | None = None,
) -> str | None:
    """The person's current level (``ROLE@LEVEL``): the top of the ready run from the lowest."""
    _check_arguments("current_level", framework, evidence, as_of, policy, None)
    analyzer = Analyzer(framework, as_of, policy)
    role = role_at(framework, evidence, analyzer.as_of)
    return analyzer.current_level(analyzer.profile(evidence), role)


def level_report(
    framework: Framework,
    evidence: Evidence,
    as_of: date | None = None,
    policy: Readiness | None = None,
    locale: str | None = None,
) -> LevelReport:
    """The verdict at every level of the person's role, their current level, and the moves open."""
    _check_arguments("level_report", framework, evidence, as_of, policy, locale)
    return Analyzer(framework, as_of, policy, names_for(framework, locale)).level_report(evidence)


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
