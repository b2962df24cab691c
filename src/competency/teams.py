"""The team view: many people's evidence at once (FORMAT.md section 9, ``team``).

For each person: their current level and the verdict at their next level.
For the team: how many people meet, partly meet or miss each competency at
their next level, the behaviours most often not yet evidenced (training
needs), and per level who is ready or almost ready for it (bench strength).

`team` is pure like `competency.gap`: it takes evidence already loaded.
`read_folder` is the one function here that reads files: every evidence
file below a folder, split into those that load and those that fail (with
their diagnostics), for `team` to summarise. One `Analyzer` serves
everyone, so each level's expected behaviours are worked out once, not once
per person.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from competency.check import check_evidence, find_yaml
from competency.diagnostics import Diagnostic
from competency.framework import Framework
from competency.gap import (
    Analyzer,
    BehaviourStatus,
    CompetencyStatus,
    FrameworkStamp,
    Judgement,
    Profile,
    ReportModel,
    Verdict,
    competency_name,
)
from competency.load import load_document
from competency.model import Evidence, Readiness, localize

__all__ = [
    "BenchEntry",
    "CompetencyTally",
    "FailedFile",
    "Member",
    "PersonSummary",
    "ProblemEntry",
    "TeamReport",
    "TrainingNeed",
    "next_level_for",
    "read_folder",
    "team",
]

#: One person's evidence, with the file it came from (for the report).
Member = tuple[str, Evidence]
#: A file that failed to load, with its diagnostics.
Failure = tuple[str, list[Diagnostic]]
#: Wraps the list of files while they are read, e.g. in a progress bar.
Progress = Callable[[list[Path]], AbstractContextManager[Iterable[Path]]]


class PersonSummary(ReportModel):
    """One person: their levels and the verdict at their next level."""

    person: str
    name: str | None
    file: str | None
    role: str
    level: str | None
    """The level the evidence names, if any."""
    current_level: str | None
    """The top of the unbroken run of ready levels from the lowest."""
    next_level: str | None
    """The level after the named level (or after the current one when none is named)."""
    verdict: Verdict | None
    """The verdict at the next level; none when there is no level above."""
    met: int
    partial: int
    gap: int
    competencies: dict[str, CompetencyStatus]
    """Each competency's status at the next level, in the order the level lists them."""


class CompetencyTally(ReportModel):
    """How many people meet, partly meet or miss one competency at their next level."""

    id: str
    name: str
    met: int = 0
    partial: int = 0
    gap: int = 0


class TrainingNeed(ReportModel):
    """A behaviour people's next levels expect that many have not evidenced yet."""

    behaviour: str
    text: str
    people: int
    """How many people have it missing, stale or thin."""
    missing: int
    stale: int
    thin: int


class BenchEntry(ReportModel):
    """A level, with the people who are ready or almost ready to move up to it."""

    level: str
    title: str
    ready: list[str]
    almost: list[str]


class ProblemEntry(ReportModel):
    """One diagnostic, in the JSON form of section 9."""

    file: str
    line: int
    column: int
    severity: str
    code: str
    message: str


class FailedFile(ReportModel):
    """An evidence file that could not be analysed, and why."""

    file: str
    diagnostics: list[ProblemEntry]


class TeamReport(ReportModel):
    """Many people at once: each one's next-level verdict and the team's totals."""

    as_of: date
    framework: FrameworkStamp
    people: list[PersonSummary]
    competencies: list[CompetencyTally]
    """Per competency, counted at each person's next level, in framework order."""
    training_needs: list[TrainingNeed]
    """Behaviours not yet evidenced, most people first."""
    bench: list[BenchEntry]
    """Per next level, who is ready and who is almost ready, in framework order."""
    failed: list[FailedFile]
    policy: Readiness

    def verdicts(self) -> dict[str, int]:
        """How many people have each next-level verdict (and 'none' at the top)."""
        found = {"ready": 0, "almost": 0, "not-yet": 0, "none": 0}
        for person in self.people:
            found[person.verdict or "none"] += 1
        return found


def next_level_for(analyzer: Analyzer, evidence: Evidence, current: str | None) -> str | None:
    """The level after the named one; without one, after `current` (the lowest when none)."""
    framework = analyzer.framework
    if evidence.level is not None:
        following = framework.next_level(f"{evidence.role}@{evidence.level}")
        return following.ref if following is not None else None
    if current is None:
        return f"{evidence.role}@{framework.role(evidence.role).levels[0].id}"
    following = framework.next_level(current)
    return following.ref if following is not None else None


@dataclass
class _Totals:
    """The team's running totals, filled one person at a time."""

    competencies: dict[str, dict[CompetencyStatus, int]] = field(default_factory=dict)
    needs: dict[str, dict[BehaviourStatus, int]] = field(default_factory=dict)
    bench: dict[str, dict[Verdict, list[str]]] = field(default_factory=dict)

    def add(self, person: str, judgement: Judgement, profile: Profile) -> None:
        """Count one person's judgement at their next level."""
        for part in judgement.competencies:
            counts = self.competencies.setdefault(part.expected.competency, {})
            counts[part.status] = counts.get(part.status, 0) + 1
            for info in part.expected.behaviours:
                status = profile.status(info.ref)
                if status in ("missing", "stale", "thin"):
                    need = self.needs.setdefault(info.ref, {})
                    need[status] = need.get(status, 0) + 1
        self.bench.setdefault(judgement.target, {}).setdefault(judgement.verdict, []).append(person)


def team(
    framework: Framework,
    evidences: Iterable[Evidence | Member],
    *,
    as_of: date | None = None,
    policy: Readiness | None = None,
    failed: Sequence[tuple[str, Sequence[Diagnostic]]] = (),
) -> TeamReport:
    """Summarise many people's evidence against their next levels.

    `evidences` are checked evidence models, or (file, evidence) pairs so
    the report can name each person's file. `failed` lists the files that
    could not be loaded, with their diagnostics, to carry them into the
    report. `as_of` defaults to today and `policy` to the framework's.
    """
    analyzer = Analyzer(framework, as_of, policy)
    totals = _Totals()
    people = [_person(analyzer, member, totals) for member in evidences]
    return TeamReport(
        as_of=analyzer.as_of,
        framework=analyzer.stamp,
        people=people,
        competencies=_tallies(framework, totals),
        training_needs=_needs(analyzer, totals),
        bench=_bench(framework, totals),
        failed=[_failed(file, problems) for file, problems in failed],
        policy=analyzer.policy,
    )


def _person(analyzer: Analyzer, member: Evidence | Member, totals: _Totals) -> PersonSummary:
    file, evidence = member if isinstance(member, tuple) else (None, member)
    profile = analyzer.profile(evidence)
    current = analyzer.current_level(profile, evidence.role)
    target = next_level_for(analyzer, evidence, current)
    judgement = analyzer.judge(profile, target) if target is not None else None
    if judgement is not None:
        totals.add(evidence.person.id, judgement, profile)
    parts = judgement.competencies if judgement is not None else ()
    return PersonSummary(
        person=evidence.person.id,
        name=evidence.person.name,
        file=file,
        role=evidence.role,
        level=evidence.level,
        current_level=current,
        next_level=target,
        verdict=judgement.verdict if judgement is not None else None,
        met=sum(1 for part in parts if part.status == "met"),
        partial=sum(1 for part in parts if part.status == "partial"),
        gap=sum(1 for part in parts if part.status == "gap"),
        competencies={part.expected.competency: part.status for part in parts},
    )


def _tallies(framework: Framework, totals: _Totals) -> list[CompetencyTally]:
    order = {competency: i for i, competency in enumerate(framework.competencies)}
    found = sorted(totals.competencies.items(), key=lambda pair: order.get(pair[0], len(order)))
    return [
        CompetencyTally(
            id=competency,
            name=competency_name(framework, competency),
            met=counts.get("met", 0),
            partial=counts.get("partial", 0),
            gap=counts.get("gap", 0),
        )
        for competency, counts in found
    ]


def _needs(analyzer: Analyzer, totals: _Totals) -> list[TrainingNeed]:
    framework = analyzer.framework
    order = analyzer.behaviour_order()
    needs = [
        TrainingNeed(
            behaviour=ref,
            text=localize(framework.behaviour(ref).behaviour.text, None, framework.default_locale),
            people=sum(counts.values()),
            missing=counts.get("missing", 0),
            stale=counts.get("stale", 0),
            thin=counts.get("thin", 0),
        )
        for ref, counts in totals.needs.items()
    ]
    needs.sort(key=lambda need: (-need.people, order.get(need.behaviour, len(order))))
    return needs


def _bench(framework: Framework, totals: _Totals) -> list[BenchEntry]:
    order = {info.ref: i for i, info in enumerate(framework.levels())}
    entries = []
    for level in sorted(totals.bench, key=lambda ref: order.get(ref, len(order))):
        verdicts = totals.bench[level]
        title = framework.level(level).level.title
        entries.append(
            BenchEntry(
                level=level,
                title=localize(title, None, framework.default_locale),
                ready=verdicts.get("ready", []),
                almost=verdicts.get("almost", []),
            )
        )
    return entries


def _failed(file: str, problems: Sequence[Diagnostic]) -> FailedFile:
    return FailedFile(
        file=file,
        diagnostics=[ProblemEntry.model_validate(problem.as_dict()) for problem in problems],
    )


def read_folder(
    folder: str | os.PathLike[str],
    framework: Framework,
    *,
    progress: Progress | None = None,
) -> tuple[list[Member], list[Failure]]:
    """Load every evidence file below `folder`: the ones that load, and the ones that fail.

    Files are named as section 9 asks: `folder` as given, joined with the
    file's path inside it. A folder without YAML files is one failure.
    """
    shown = os.fspath(folder)
    root = Path(folder)
    files = find_yaml(root)
    members: list[Member] = []
    failed: list[Failure] = []
    if not files:
        failed.append(
            (shown, [Diagnostic.make(shown, 1, 1, "Q104", "no YAML files in this folder")])
        )
    first_file: dict[str, str] = {}  # person id -> the file that named them first
    with progress(files) if progress is not None else nullcontext(files) as paths:
        for path in paths:
            display = os.path.join(shown, str(path.relative_to(root)))
            document = load_document(path, display)
            evidence, problems = check_evidence(document, framework)
            if evidence is not None and evidence.person.id in first_file:
                # Two files for one person would count them twice in every total.
                other = first_file[evidence.person.id]
                message = f"person '{evidence.person.id}' is also the subject of {other}"
                problems.append(document.at(("person", "id"), "U100", message))
            if evidence is None or any(p.severity == "error" for p in problems):
                failed.append((display, problems))
            else:
                first_file[evidence.person.id] = display
                members.append((display, evidence))
    return members, failed
