"""A team from a folder of evidence: read, check and analyse each file, over many processes.

`team_folder` is what ``competency team`` runs (`trend_folder`, ``competency
trend``, and `impact_folder`, ``competency impact``, work the same way). Each worker loads nothing:
it gets the framework once (in a `_Worker`, made by `pool.ordered_map`'s
setup and passed to each call), then for each file reads it, checks it and
turns it into a compact `PersonRecord`. The parent applies the rules across
files (one file per person) and counts records in file order, so the report
is the same for any number of jobs, and memory holds one small record per
person, never a whole team's evidence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from competency.analysis.calibrate import (
    CalibrationBuilder,
    CalibrationGrouping,
    CalibrationRecord,
    CalibrationReport,
)
from competency.analysis.impact import ImpactBuilder, ImpactReport, PersonImpact
from competency.analysis.team import PersonRecord, TeamBuilder, TeamReport
from competency.analysis.trend import Every, PersonTrend, TrendBuilder, TrendReport
from competency.check import check_evidence
from competency.check.suppress import LintOptions
from competency.framework import Framework
from competency.io import (
    EvidenceFile,
    EvidenceFolder,
    Progress,
    each_evidence_file,
    read_evidence_file,
)
from competency.load import DEFAULT_MAX_BYTES, load_document
from competency.model import Readiness
from competency.names import Names

__all__ = [
    "TeamOptions",
    "TrendOptions",
    "calibrate_folder",
    "impact_folder",
    "team_folder",
    "trend_folder",
]


@dataclass(frozen=True)
class TeamOptions:
    """How to judge a team: the date, the policy and the locale of names (defaults: today,
    the framework's policy, the framework's locale), the size cap, and the processes to use."""

    as_of: date | None = None
    policy: Readiness | None = None
    locale: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    lint: LintOptions | None = None


@dataclass(frozen=True)
class _Worker:
    """What one process needs to analyse files: the framework, the options, a builder."""

    framework: Framework
    options: TeamOptions
    builder: TeamBuilder

    @classmethod
    def start(cls, framework: Framework, options: TeamOptions) -> _Worker:
        """The state of one process, made once by `competency.pool.ordered_map`."""
        builder = TeamBuilder(framework, options.as_of, options.policy, options.locale)
        return cls(framework, options, builder)


def _analyse(worker: _Worker, item: tuple[Path, str]) -> tuple[EvidenceFile, PersonRecord | None]:
    """One file read, checked and, when it loads, analysed; the evidence itself is dropped."""
    path, name = item
    options = worker.options
    found = read_evidence_file(path, name, worker.framework, options.max_bytes, options.lint)
    if not found.ok or found.evidence is None:
        return found, None
    return replace(found, evidence=None), worker.builder.person(found.evidence, name)


def team_folder(
    folder: str | os.PathLike[str],
    framework: Framework,
    options: TeamOptions | None = None,
    *,
    progress: Progress | None = None,
    display: str | None = None,
) -> tuple[TeamReport, EvidenceFolder]:
    """The team report of every evidence file below `folder`, and what reading them found.

    The second value holds the files that failed and every diagnostic, in
    file order (its `members` stay empty: the report holds the people).
    """
    chosen = options if options is not None else TeamOptions()
    found = EvidenceFolder()
    builder = TeamBuilder(framework, chosen.as_of, chosen.policy, chosen.locale)
    records = each_evidence_file(
        folder,
        framework,
        _analyse,
        found,
        setup=_Worker.start,
        setup_args=(framework, chosen),
        lint=chosen.lint,
        progress=progress,
        display=display,
        jobs=chosen.jobs,
    )
    for record in records:
        if record is not None:
            builder.add(record)
    return builder.report(found.failed), found


# --- impact: one team under two frameworks ------------------------------------


@dataclass(frozen=True)
class _ImpactWorker:
    """What one process needs to judge files under two frameworks."""

    options: TeamOptions
    builder: ImpactBuilder

    @classmethod
    def start(cls, base: Framework, head: Framework, options: TeamOptions) -> _ImpactWorker:
        """The state of one process, made once by `competency.pool.ordered_map`."""
        return cls(options, ImpactBuilder(base, head, options.as_of, options.policy))


def _impact(
    worker: _ImpactWorker, item: tuple[Path, str]
) -> tuple[EvidenceFile, PersonImpact | None]:
    """One file read once and checked for its structure, then judged under both frameworks.

    Its references are not checked against either framework here: what one of
    them lacks is a per-person problem of the report, with its line and column.
    """
    path, name = item
    options = worker.options
    document = load_document(path, name, max_bytes=options.max_bytes)
    evidence, problems = check_evidence(document, None, options.lint)
    if evidence is None:
        return EvidenceFile(name, None, problems), None
    where = document.positions.value(("person", "id"))
    found = EvidenceFile(name, None, problems, evidence.person.id, where, loaded=True)
    if not found.ok:
        return found, None
    return found, worker.builder.person(evidence, name, document.positions.value)


def impact_folder(
    folder: str | os.PathLike[str],
    base: Framework,
    head: Framework,
    options: TeamOptions | None = None,
    *,
    progress: Progress | None = None,
    display: str | None = None,
) -> tuple[ImpactReport, EvidenceFolder]:
    """The impact of going from `base` to `head` on every evidence file below `folder`.

    Each file is read once (in `options.jobs` processes) and judged under
    both frameworks; the report is the same for any number of jobs. The
    second value holds the files that failed and every diagnostic, in file
    order. `options.locale` is not used: the report names ids.
    """
    chosen = options if options is not None else TeamOptions()
    found = EvidenceFolder()
    builder = ImpactBuilder(base, head, chosen.as_of, chosen.policy)
    records = each_evidence_file(
        folder,
        head,
        _impact,
        found,
        setup=_ImpactWorker.start,
        setup_args=(base, head, chosen),
        lint=chosen.lint,
        progress=progress,
        display=display,
        jobs=chosen.jobs,
    )
    for record in records:
        builder.add(record)
    return builder.report(found.failed), found


# --- trend ----------------------------------------------------------------------


@dataclass(frozen=True)
class TrendOptions:
    """How to follow a team over time: the span and period length, the policy and the
    locale of names (defaults: the framework's), the size cap, and the processes to use."""

    start: date
    end: date
    every: Every = "quarter"
    policy: Readiness | None = None
    locale: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    jobs: int = 1
    lint: LintOptions | None = None


def _trend_builder(framework: Framework, options: TrendOptions) -> TrendBuilder:
    names = Names(framework, options.locale)
    return TrendBuilder(framework, options.start, options.end, options.every, options.policy, names)


@dataclass(frozen=True)
class _TrendWorker:
    """What one process needs to follow files over time."""

    framework: Framework
    options: TrendOptions
    builder: TrendBuilder

    @classmethod
    def start(cls, framework: Framework, options: TrendOptions) -> _TrendWorker:
        """The state of one process, made once by `competency.pool.ordered_map`."""
        return cls(framework, options, _trend_builder(framework, options))


def _follow(
    worker: _TrendWorker, item: tuple[Path, str]
) -> tuple[EvidenceFile, PersonTrend | None]:
    """One file read, checked and, when it loads, analysed for every period; then dropped."""
    path, name = item
    options = worker.options
    found = read_evidence_file(path, name, worker.framework, options.max_bytes, options.lint)
    if not found.ok or found.evidence is None:
        return found, None
    return replace(found, evidence=None), worker.builder.person(found.evidence)


def trend_folder(
    folder: str | os.PathLike[str],
    framework: Framework,
    options: TrendOptions,
    *,
    progress: Progress | None = None,
    display: str | None = None,
) -> tuple[TrendReport, EvidenceFolder]:
    """The trend of every evidence file below `folder`, and what reading them found.

    Each file is read once and analysed as of every period end before the
    next is read; only counters per period are kept.
    """
    found = EvidenceFolder()
    builder = _trend_builder(framework, options)
    records = each_evidence_file(
        folder,
        framework,
        _follow,
        found,
        setup=_TrendWorker.start,
        setup_args=(framework, options),
        lint=options.lint,
        progress=progress,
        display=display,
        jobs=options.jobs,
    )
    for record in records:
        if record is not None:
            builder.add(record)
    return builder.report(found.failed), found


# --- calibrate ----------------------------------------------------------------------


@dataclass(frozen=True)
class _CalibrationWorker:
    """What one process needs to make calibration records."""

    framework: Framework
    options: TeamOptions
    builder: CalibrationBuilder

    @classmethod
    def start(cls, framework: Framework, options: TeamOptions) -> _CalibrationWorker:
        """The state of one process, made once by `competency.pool.ordered_map`."""
        builder = CalibrationBuilder(framework, options.as_of, options.policy, options.locale)
        return cls(framework, options, builder)


def _calibrate_one(
    worker: _CalibrationWorker, item: tuple[Path, str]
) -> tuple[EvidenceFile, CalibrationRecord | None]:
    """One file read, checked and, when it loads, made a calibration record."""
    path, name = item
    options = worker.options
    found = read_evidence_file(path, name, worker.framework, options.max_bytes, options.lint)
    if not found.ok or found.evidence is None:
        return found, None
    return replace(found, evidence=None), worker.builder.person(found.evidence)


def calibrate_folder(
    folder: str | os.PathLike[str],
    framework: Framework,
    options: TeamOptions | None = None,
    *,
    by: CalibrationGrouping = "manager",
    progress: Progress | None = None,
    display: str | None = None,
) -> tuple[CalibrationReport, EvidenceFolder]:
    """The calibration report of every evidence file below `folder`, and what reading found.

    As `team_folder`: each file is read once (in `options.jobs` processes),
    a file with errors is reported and left out, and the report is the same
    for any number of jobs.
    """
    chosen = options if options is not None else TeamOptions()
    found = EvidenceFolder()
    builder = CalibrationBuilder(framework, chosen.as_of, chosen.policy, chosen.locale)
    records = each_evidence_file(
        folder,
        framework,
        _calibrate_one,
        found,
        setup=_CalibrationWorker.start,
        setup_args=(framework, chosen),
        lint=chosen.lint,
        progress=progress,
        display=display,
        jobs=chosen.jobs,
    )
    for record in records:
        if record is not None:
            builder.add(record)
    return builder.report(found.failed, by), found
