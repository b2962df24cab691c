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

import functools
import os
from collections.abc import Callable, Generator, Sequence
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from competency.analysis.calibrate import (
    CalibrationBuilder,
    CalibrationGrouping,
    CalibrationReport,
)
from competency.analysis.impact import ImpactBuilder, ImpactReport, PersonImpact
from competency.analysis.team import MakePiece, People, TeamBuilder, TeamReport
from competency.analysis.trend import Every, TrendBuilder, TrendReport
from competency.check import check_evidence
from competency.check.suppress import LintOptions
from competency.framework import Framework
from competency.io import (
    EvidenceFile,
    EvidenceFolder,
    Progress,
    each_evidence_chunk,
    each_evidence_file,
    read_evidence_file,
)
from competency.load import DEFAULT_MAX_BYTES, load_document
from competency.model import Evidence, Readiness
from competency.names import Names
from competency.pool import paused_collection

R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)
P = TypeVar("P")
P_co = TypeVar("P_co", covariant=True)

__all__ = [
    "ChunkBuilder",
    "MakeBuilder",
    "MakeChunkBuilder",
    "PersonBuilder",
    "ReadOptions",
    "TeamOptions",
    "TeamStream",
    "TrendOptions",
    "calibrate_folder",
    "each_chunk",
    "each_person",
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


class PersonBuilder(Protocol[R_co]):
    """Whatever turns one person's checked evidence into the compact record a report counts."""

    def person(self, evidence: Evidence, file: str | None = None) -> R_co:
        """One person's record."""
        ...


class ChunkBuilder(Protocol[P_co]):
    """A `PersonBuilder` that also packs the records of a chunk of files into one message."""

    def person(self, evidence: Evidence, file: str | None = None) -> Any:
        """One person's record."""
        ...

    def pack(self, records: list[Any]) -> P_co:
        """The records of a chunk's files that loaded, in file order, as one compact value."""
        ...


class ReadOptions(Protocol):
    """What reading a folder needs of a command's options."""

    @property
    def max_bytes(self) -> int: ...
    @property
    def lint(self) -> LintOptions | None: ...
    @property
    def jobs(self) -> int: ...


#: Makes the builder of one process from the framework and the command's options; a
#: module-level function (or a `functools.partial` of one), so that it can be sent to workers.
MakeBuilder = Callable[[Framework, Any], PersonBuilder[R]]
#: The same for a `ChunkBuilder`.
MakeChunkBuilder = Callable[[Framework, Any], ChunkBuilder[P]]


#: A process's builder: a `PersonBuilder` (per file) or a `ChunkBuilder` (per chunk).
B = TypeVar("B")


@dataclass(frozen=True)
class _Worker(Generic[B]):
    """What one process needs to turn files into records: the framework, limits, a builder."""

    framework: Framework
    max_bytes: int
    lint: LintOptions | None
    builder: B

    @classmethod
    def start(
        cls, framework: Framework, options: ReadOptions, make: Callable[[Framework, Any], B]
    ) -> _Worker[B]:
        """The state of one process, made once by `competency.pool.ordered_map` (or
        `ordered_chunks`)."""
        return cls(framework, options.max_bytes, options.lint, make(framework, options))


def _person(
    worker: _Worker[PersonBuilder[R]], item: tuple[Path, str]
) -> tuple[EvidenceFile, R | None]:
    """One file read, checked and, when it loads, made a record; the evidence itself is dropped."""
    path, name = item
    found = read_evidence_file(path, name, worker.framework, worker.max_bytes, worker.lint)
    if not found.ok or found.evidence is None:
        return found, None
    return replace(found, evidence=None), worker.builder.person(found.evidence, name)


def each_person(
    folder: str | os.PathLike[str],
    framework: Framework,
    options: ReadOptions,
    make: MakeBuilder[R],
    found: EvidenceFolder,
    *,
    progress: Progress | None = None,
    display: str | None = None,
) -> Generator[R, None, None]:
    """The record of every evidence file below `folder` that loads, in file order.

    Each file is read and checked once, in `options.jobs` processes, each
    with its own builder from `make`; what failed and every diagnostic go
    into `found`. The one walk behind `team`, `trend`, `calibrate` and the
    team's Parquet tables.
    """
    records = each_evidence_file(
        folder,
        framework,
        _person,
        found,
        setup=_Worker.start,
        setup_args=(framework, options, make),
        lint=options.lint,
        progress=progress,
        display=display,
        jobs=options.jobs,
    )
    with closing(records):
        yield from (record for record in records if record is not None)


def _chunk(
    worker: _Worker[ChunkBuilder[P]], items: Sequence[tuple[str, str]]
) -> tuple[list[EvidenceFile], P]:
    """A chunk of files read and checked, the records of those that load packed into one value.

    Each file's `EvidenceFile` comes back without its evidence (and, when it
    loaded without problems, as the few values the rules across files need).
    """
    files, records = [], []
    framework, max_bytes, lint = worker.framework, worker.max_bytes, worker.lint
    for path, name in items:
        found = read_evidence_file(Path(path), name, framework, max_bytes, lint)
        if found.ok and found.evidence is not None:
            records.append(worker.builder.person(found.evidence, name))
            found = replace(found, evidence=None)
        files.append(found)
    return files, worker.builder.pack(records)


def each_chunk(
    folder: str | os.PathLike[str],
    framework: Framework,
    options: ReadOptions,
    make: MakeChunkBuilder[P],
    found: EvidenceFolder,
    *,
    progress: Progress | None = None,
    display: str | None = None,
) -> Generator[tuple[P, tuple[bool, ...]], None, None]:
    """`each_person` a chunk of files at a time: the packed records of each chunk, in order.

    Each value is what the builder's `pack` made of a chunk's records (one
    message from a worker, not one a person), with whether each record
    still counts after the rules across files (False for a second file about
    the same person). A caller's result must not depend on where chunks end.
    """
    chunks = each_evidence_chunk(
        folder,
        framework,
        _chunk,
        found,
        setup=_Worker.start,
        setup_args=(framework, options, make),
        lint=options.lint,
        progress=progress,
        display=display,
        jobs=options.jobs,
    )
    with closing(chunks):
        yield from chunks


def _team_builder(
    framework: Framework, options: TeamOptions, piece: MakePiece | None = None
) -> TeamBuilder:
    return TeamBuilder(framework, options.as_of, options.policy, options.locale, piece=piece)


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
    builder = _team_builder(framework, chosen)
    chunks = each_chunk(
        folder, framework, chosen, _team_builder, found, progress=progress, display=display
    )
    with closing(chunks), paused_collection():  # records are acyclic: see paused_collection
        for chunk, kept in chunks:
            builder.add_chunk(chunk, kept)
    return builder.report(found.failed), found


class TeamStream:
    """A team folder read once, each person's piece of the output handed on as it is made.

    `piece` makes one person's piece where the person is analysed (in the
    worker processes with ``options.jobs`` above one; a module-level function,
    so that it can be sent to them), and `pieces` yields them in file order
    while the parent counts the records: a writer writes the people while
    the folder is still being read, and the parent is left little to do
    after the last file. `head` is the report before anyone is counted (its
    date and framework), `report` the whole report once every piece has
    been read, and `found` what reading the files found, as `team_folder`
    returns them.
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        framework: Framework,
        options: TeamOptions | None = None,
        *,
        piece: MakePiece,
        progress: Progress | None = None,
        display: str | None = None,
    ) -> None:
        self._options = options if options is not None else TeamOptions()
        self._folder, self._framework, self._piece = folder, framework, piece
        self._progress, self._display = progress, display
        self._builder = _team_builder(framework, self._options)
        self._report: TeamReport | None = None
        self.found = EvidenceFolder()
        self.head = self._builder.report().model_copy(update={"people": People()})

    def pieces(self) -> Generator[str, None, None]:
        """Each person's piece, in file order, as the files are read (once)."""
        make = functools.partial(_team_builder, piece=self._piece)
        chunks = each_chunk(
            self._folder,
            self._framework,
            self._options,
            make,
            self.found,
            progress=self._progress,
            display=self._display,
        )
        builder = self._builder
        with closing(chunks), paused_collection():  # records are acyclic: see paused_collection
            for chunk, kept in chunks:
                builder.add_chunk(chunk, kept)
                for piece, counts in zip(chunk.pieces, kept, strict=True):
                    if counts and piece is not None:
                        yield piece
        self._report = builder.report(self.found.failed)

    def report(self) -> TeamReport:
        """The team report of everyone; `RuntimeError` before `pieces` has been read to its end."""
        if self._report is None:
            raise RuntimeError("TeamStream.report() before every piece was read")
        return self._report


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
    with closing(records), paused_collection():
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
    walk = each_person(
        folder, framework, options, _trend_builder, found, progress=progress, display=display
    )
    with closing(walk), paused_collection():  # records are acyclic: see paused_collection
        for record in walk:
            builder.add(record)
    return builder.report(found.failed), found


# --- calibrate ----------------------------------------------------------------------


def _calibration_builder(framework: Framework, options: TeamOptions) -> CalibrationBuilder:
    return CalibrationBuilder(framework, options.as_of, options.policy, options.locale)


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
    builder = _calibration_builder(framework, chosen)
    make = _calibration_builder
    walk = each_person(folder, framework, chosen, make, found, progress=progress, display=display)
    with closing(walk), paused_collection():  # records are acyclic: see paused_collection
        for record in walk:
            builder.add(record)
    return builder.report(found.failed, by), found
