"""The reports of the gap analysis: typed, frozen, and their JSON form is a contract.

`GapReport` is one person against one level (docs/format.md, section 8);
`LevelReport` is the verdict at every level of a person's role. The field
order of `GapReport`'s first nine fields is the JSON contract; later fields
are additions scripts may use too. Nothing here judges: the statuses and
verdicts are filled in by `competency.analysis.gap.Analyzer` from the
judgements of `competency.analysis.judge`.

Names and texts in a report (`name`, `text`, `title`) are those of the one
`competency.names.Names` the report was built with: the locale the command
was asked for, or the framework's default.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from competency.fielddocs import Documented
from competency.model import Readiness

__all__ = [
    "VERDICT_RANK",
    "BehaviourResult",
    "BehaviourStatus",
    "BeyondTarget",
    "CompetencyResult",
    "CompetencyStatus",
    "ConfirmedLevel",
    "Disagreement",
    "FrameworkStamp",
    "GapReport",
    "IgnoredItem",
    "IgnoredReason",
    "LevelReport",
    "LevelVerdict",
    "MoveReadiness",
    "NextStep",
    "ReportModel",
    "ResourceResult",
    "Verdict",
]

BehaviourStatus = Literal["not-applicable", "evidenced", "carried", "thin", "stale", "missing"]
CompetencyStatus = Literal["met", "partial", "gap"]
Verdict = Literal["ready", "almost", "not-yet"]
IgnoredReason = Literal["suggested", "source-not-accepted", "after-as-of"]

#: Verdicts ranked worst to best, so verdicts can be compared.
VERDICT_RANK: dict[Verdict, int] = {"not-yet": 0, "almost": 1, "ready": 2}


class ReportModel(Documented, BaseModel):  # BaseModel named for ruff (RUF012)
    """The base of every report model: immutable, and no keys beyond the declared ones."""

    model_config = ConfigDict(frozen=True, extra="forbid")


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
    """The behaviour, in the locale of the report's `Names`."""
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
    """An item that never counts: suggested, its source not accepted, or dated after as-of."""

    item: str
    """The item's id, or #N (the Nth item) when it has none."""
    date: date
    source: str
    reason: IgnoredReason
    """suggested, source-not-accepted or after-as-of (the first that applies)."""
    shows: list[str]


class ResourceResult(ReportModel):
    """A way to grow into a step (format 1.2): a course, a reading, a shadowing arrangement."""

    step: str
    title: str
    """In the locale of the report's `Names`."""
    kind: Literal["course", "reading", "video", "shadowing", "project", "mentoring"]
    url: str | None = None


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
    resources: list[ResourceResult] = Field(default_factory=list)
    """The competency's resources at the expected step, then the steps below it (1.2)."""


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

    def waiting(self) -> dict[str, list[str]]:
        """The suggested items (waiting for confirmation) by each behaviour they would show."""
        found: dict[str, list[str]] = {}
        for item in self.ignored_items:
            if item.reason == "suggested":
                for ref in item.shows:
                    found.setdefault(ref, []).append(item.item)
        return found


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
