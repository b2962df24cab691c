"""A development plan: what to work on to reach a target level, and how to grow into it.

Built on the gap analysis (docs/format.md, section 10, ``plan``): for each
competency the target expects that is not met, the behaviours that do not
count yet and why (missing; thin: what is still needed; stale: the newest
item is too old; suggested: a suggested item would count once a person
confirms it), the competency's resources at the expected step and the steps
below it, and the note of the move from the person's level to the target.
Suggested items that would count once confirmed come first: confirming them
is the cheapest step forward.

Pure, like the rest of `competency.analysis`: no files, no printing. The
`why` sentences are English, for scripts and the text output; the pages
build their own words from the structured fields beside them.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from competency.analysis.gap import Analyzer, choose_target
from competency.analysis.judge import CompetencyJudgement, named_level, role_at
from competency.analysis.report import (
    CompetencyStatus,
    FrameworkStamp,
    ReportModel,
    ResourceResult,
    Verdict,
)
from competency.contract import as_date, check_instance, check_optional_str
from competency.framework import Framework
from competency.model import Evidence, Readiness
from competency.names import Names

__all__ = [
    "PlanBehaviour",
    "PlanCompetency",
    "PlanReport",
    "PlanResource",
    "PlanStatus",
    "SuggestedItem",
    "plan",
]

PlanStatus = Literal["suggested", "thin", "stale", "missing"]


class PlanBehaviour(ReportModel):
    """A behaviour to work on, and why it does not count yet."""

    id: str
    """OWNER.BEHAVIOUR."""
    status: PlanStatus
    """suggested, thin, stale or missing."""
    why: str
    """Why it does not count yet, in a sentence (English)."""
    text: str
    """The behaviour, in the plan's locale."""
    step: str
    """The scale step the behaviour belongs to."""
    new: bool = False
    """True when the target expects it and the level below the target (same role) does not."""
    evidence: list[str] = Field(default_factory=list)
    """Valid items that show it (too few, for thin behaviours)."""
    too_old: list[str] = Field(default_factory=list)
    """Items that show it but are older than the age limit."""
    suggested: list[str] = Field(default_factory=list)
    """Suggested items that show it and would count once confirmed."""
    newest: date | None = None
    """For stale behaviours: the date of the newest item that shows it."""


#: A resource of a plan: the same as a gap report's next step has.
PlanResource = ResourceResult


class PlanCompetency(ReportModel):
    """One competency of the target that is not met: what to work on and how to grow."""

    id: str
    status: CompetencyStatus
    behaviours: list[PlanBehaviour]
    resources: list[PlanResource]
    """Resources at the expected step first, then the steps below it, highest first."""
    name: str = ""
    expected: str = ""
    """The step the target expects."""
    assessed: str | None = None
    """The step of the latest manager or panel assessment on or before as-of."""
    assessed_below: bool = False
    """True when the assessed step is below the expected one: a new assessment is needed."""


class SuggestedItem(ReportModel):
    """A suggested item that would count once a person confirms it."""

    item: str
    """The item's id, or #N (the Nth item) when it has none."""
    shows: list[str]
    date: date
    source: str
    summary: str = ""


class PlanReport(ReportModel):
    """A development plan towards one target level (docs/format.md, section 10).

    The first six fields, in this order, are the JSON contract; the rest are
    additions that scripts may use too.
    """

    person: str
    target: str
    as_of: date
    competencies: list[PlanCompetency]
    suggested: list[SuggestedItem]
    move_note: str | None
    framework: FrameworkStamp
    verdict: Verdict
    """The gap verdict for the target today; confirming suggested items may change it."""
    verdict_if_confirmed: Verdict
    """The verdict once every suggested item that would count is confirmed."""
    policy: Readiness
    person_name: str | None = None
    target_title: str = ""
    start: str | None = None
    """The level the move note starts from: the level in force at as-of, else the current one."""


def plan(
    framework: Framework,
    evidence: Evidence,
    target: str | None = None,
    as_of: date | None = None,
    policy: Readiness | None = None,
    names: Names | None = None,
) -> PlanReport:
    """The development plan of `evidence` towards `target` (default: as `analyze`).

    `names` gives the locale of names and texts (the framework's default when
    not given). Raises `NoTargetError` when no target is given and none
    follows, and `UnknownReferenceError` for an unknown target.
    """
    check_instance("plan", "framework", framework, Framework)
    check_instance("plan", "evidence", evidence, Evidence)
    as_date("plan", "as_of", as_of)
    check_optional_str("plan", "target", target)
    if policy is not None:
        check_instance("plan", "policy", policy, Readiness)
    if names is not None:
        check_instance("plan", "names", names, Names)
    analyzer = Analyzer(framework, as_of, policy, names)
    chosen = choose_target(framework, evidence, target, analyzer.as_of)
    return _Planner(analyzer, evidence, chosen).report()


class _Planner:
    """One plan: the evidence read twice, as it is and with its suggested items confirmed."""

    def __init__(self, analyzer: Analyzer, evidence: Evidence, target: str) -> None:
        self.analyzer = analyzer
        self.framework = analyzer.framework
        self.names = analyzer.names
        self.evidence = evidence
        self.target = target
        self.profile = analyzer.profile(evidence)
        self.confirmed = analyzer.profile(_confirmed(evidence))
        self.items = {
            (item.id if item.id is not None else f"#{index + 1}"): item
            for index, item in enumerate(evidence.items)
        }

    def report(self) -> PlanReport:
        judgement = self.analyzer.judge(self.profile, self.target)
        if_confirmed = self.analyzer.judge(self.confirmed, self.target)
        new = self.analyzer.new_at(self.target)
        competencies = [
            self._competency(part.expected.competency, part, new)
            for part in judgement.competencies
            if part.status != "met"
        ]
        helping = {b.id for c in competencies for b in c.behaviours}
        start, note = self._move()
        return PlanReport(
            person=self.evidence.person.id,
            target=self.target,
            as_of=self.analyzer.as_of,
            competencies=competencies,
            suggested=self._suggested(helping),
            move_note=note,
            framework=self.analyzer.stamp,
            verdict=judgement.verdict,
            verdict_if_confirmed=if_confirmed.verdict,
            policy=self.analyzer.policy,
            person_name=self.evidence.person.name,
            target_title=self.names.level(self.target),
            start=start,
        )

    def _competency(
        self, competency: str, part: CompetencyJudgement, new: frozenset[str]
    ) -> PlanCompetency:
        behaviours = [
            found
            for info in part.expected.behaviours
            if (found := self._behaviour(info.ref, info.step, new)) is not None
        ]
        behaviours.sort(key=lambda b: _ORDER[b.status])  # stable: framework order within
        return PlanCompetency(
            id=competency,
            status=part.status,
            behaviours=behaviours,
            resources=self.analyzer.resources(competency, part.expected.step),
            name=self.names.competency(competency),
            expected=part.expected.step,
            assessed=part.assessed,
            assessed_below=part.assessed_below,
        )

    def _behaviour(self, ref: str, step: str, new: frozenset[str]) -> PlanBehaviour | None:
        status = self.profile.status(ref)
        if status not in ("missing", "thin", "stale"):
            return None
        waiting = self._waiting(ref)
        newest = None
        if waiting and self.confirmed.status(ref) in ("evidenced", "thin"):
            counts = "counts" if self.confirmed.status(ref) == "evidenced" else "starts to count"
            plan_status: PlanStatus = "suggested"
            why = f"confirm {', '.join(waiting)} and it {counts}"
        elif status == "thin":
            plan_status, why = "thin", self._thin(ref)
        elif status == "stale":
            newest = max(self.items[label].date for label in self.profile.too_old.get(ref, []))
            months = self.analyzer.policy.max_age_months
            plan_status = "stale"
            why = (
                f"the newest item that shows it is from {newest}, more than "
                f"{months} months before {self.analyzer.as_of}; show it again"
            )
        else:
            plan_status, why = "missing", "no item shows it yet"
        return PlanBehaviour(
            id=ref,
            status=plan_status,
            why=why,
            text=self.names.behaviour(ref),
            step=step,
            new=ref in new,
            evidence=self.profile.valid.get(ref, []),
            too_old=self.profile.too_old.get(ref, []),
            suggested=waiting,
            newest=newest,
        )

    def _thin(self, ref: str) -> str:
        """What a thin behaviour still needs: more items, another source, or both."""
        policy = self.analyzer.policy
        labels = self.profile.valid.get(ref, [])
        sources = {self.items[label].source for label in labels}
        needs = []
        if len(labels) < policy.min_items:
            more = policy.min_items - len(labels)
            needs.append(f"{more} more item{'s' if more > 1 else ''}")
        if len(sources) < policy.min_sources:
            more = policy.min_sources - len(sources)
            others = [s for s in policy.sources if s not in sources]
            which = f" ({', '.join(others)})" if others else ""
            needs.append(f"{more} more source{'s' if more > 1 else ''}{which}")
        shown = f"{len(labels)} item{'s' if len(labels) != 1 else ''} from {len(sources)} source"
        shown += "s" if len(sources) != 1 else ""
        return f"{shown}; needs {' and '.join(needs)}"

    def _waiting(self, ref: str) -> list[str]:
        """Suggested items that show `ref` and would count once confirmed."""
        return [label for label in self.confirmed.valid.get(ref, []) if self.items[label].suggested]

    def _would_count(self, label: str) -> bool:
        """Whether a suggested item would count once confirmed (valid source and date)."""
        return any(label in self.confirmed.valid.get(ref, []) for ref in self.items[label].shows)

    def _suggested(self, helping: set[str]) -> list[SuggestedItem]:
        """Suggested items that would count and show a behaviour of the plan, in file order."""
        found = []
        for label, item in self.items.items():
            if not item.suggested or not self._would_count(label):
                continue
            if not any(ref in helping for ref in item.shows):
                continue
            found.append(
                SuggestedItem(
                    item=label,
                    shows=list(item.shows),
                    date=item.date,
                    source=item.source,
                    summary=self.names.text(item.summary),
                )
            )
        return found

    def _move(self) -> tuple[str | None, str | None]:
        """The level the plan starts from, and the note of its move to the target, if any."""
        starts = [named_level(self.evidence, self.analyzer.as_of)]
        role = role_at(self.framework, self.evidence, self.analyzer.as_of)
        starts.append(self.analyzer.current_level(self.profile, role))
        for start in dict.fromkeys(s for s in starts if s is not None):
            for move in self.framework.moves_from(start):
                if move.to == self.target:
                    return start, self.names.text(move.note) if move.note else None
        first = next((s for s in starts if s is not None), None)
        return first, None


#: The order of a plan's behaviours: what a confirmation would settle first.
_ORDER: dict[str, int] = {"suggested": 0, "thin": 1, "stale": 2, "missing": 3}


def _confirmed(evidence: Evidence) -> Evidence:
    """A copy of `evidence` with every suggested item confirmed."""
    if not any(item.suggested for item in evidence.items):
        return evidence
    items = [
        item.model_copy(update={"suggested": False}) if item.suggested else item
        for item in evidence.items
    ]
    return evidence.model_copy(update={"items": items})
