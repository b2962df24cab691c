"""A team from a folder of evidence: read, check and analyse each file, over many processes.

`team_folder` is what ``competency team`` runs. Each worker loads nothing:
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

from competency.analysis.calibrate import (
    CalibrationBuilder,
    CalibrationGrouping,
    CalibrationRecord,
    CalibrationReport,
)
from competency.analysis.team import PersonRecord, TeamBuilder, TeamReport
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

__all__ = ["TeamOptions", "calibrate_folder", "team_folder"]


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


# --- calibrate ----------------------------------------------------------------------


def _setup_calibration(framework: Framework, options: TeamOptions) -> None:
    _WORKER["calibration"] = CalibrationBuilder(
        framework, options.as_of, options.policy, options.locale
    )
    _WORKER["framework"], _WORKER["options"] = framework, options


def _calibrate_one(item: tuple[Path, str]) -> tuple[EvidenceFile, CalibrationRecord | None]:
    """One file read, checked and, when it loads, made a calibration record."""
    path, name = item
    options: TeamOptions = _WORKER["options"]
    found = read_evidence_file(path, name, _WORKER["framework"], options.max_bytes, options.lint)
    if not found.ok or found.evidence is None:
        return found, None
    builder: CalibrationBuilder = _WORKER["calibration"]
    return replace(found, evidence=None), builder.person(found.evidence)


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
        setup=_setup_calibration,
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
