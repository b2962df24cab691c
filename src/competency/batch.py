"""A team from a folder of evidence: read, check and analyse each file, over many processes.

`team_folder` is what ``competency team`` runs (`trend_folder`, ``competency
trend``, works the same way with a `TrendBuilder`). Each worker loads nothing:
it gets the framework once (`pool.ordered_map`'s setup), then for each file
reads it, checks it and turns it into a compact `PersonRecord`. The parent
applies the rules across files (one file per person) and counts records in
file order, so the report is the same for any number of jobs, and memory
holds one small record per person, never a whole team's evidence.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from competency.analysis.team import PersonRecord, TeamBuilder, TeamReport
from competency.analysis.trend import Every, PersonTrend, TrendBuilder, TrendReport
from competency.check.suppress import LintOptions
from competency.framework import Framework
from competency.io import (
    EvidenceFile,
    EvidenceFolder,
    Progress,
    each_evidence_file,
    read_evidence_file,
)
from competency.load import DEFAULT_MAX_BYTES
from competency.model import Readiness
from competency.names import Names

__all__ = ["TeamOptions", "TrendOptions", "team_folder", "trend_folder"]


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


#: Set in each worker by `_setup`: the builder that analyses one person, and the size cap.
_WORKER: dict[str, Any] = {}


def _setup(framework: Framework, options: TeamOptions) -> None:
    _WORKER["builder"] = TeamBuilder(framework, options.as_of, options.policy, options.locale)
    _WORKER["framework"], _WORKER["options"] = framework, options


def _analyse(item: tuple[Path, str]) -> tuple[EvidenceFile, PersonRecord | None]:
    """One file read, checked and, when it loads, analysed; the evidence itself is dropped."""
    path, name = item
    options: TeamOptions = _WORKER["options"]
    found = read_evidence_file(path, name, _WORKER["framework"], options.max_bytes, options.lint)
    if not found.ok or found.evidence is None:
        return found, None
    builder: TeamBuilder = _WORKER["builder"]
    return replace(found, evidence=None), builder.person(found.evidence, name)


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
        setup=_setup,
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


def _setup_trend(framework: Framework, options: TrendOptions) -> None:
    _WORKER["trend"] = _trend_builder(framework, options)
    _WORKER["framework"], _WORKER["options"] = framework, options


def _follow(item: tuple[Path, str]) -> tuple[EvidenceFile, PersonTrend | None]:
    """One file read, checked and, when it loads, analysed for every period; then dropped."""
    path, name = item
    options: TrendOptions = _WORKER["options"]
    found = read_evidence_file(path, name, _WORKER["framework"], options.max_bytes, options.lint)
    if not found.ok or found.evidence is None:
        return found, None
    builder: TrendBuilder = _WORKER["trend"]
    return replace(found, evidence=None), builder.person(found.evidence)


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
        setup=_setup_trend,
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
