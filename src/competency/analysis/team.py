"""The team view: many people's evidence at once (docs/format.md, ``team``).

For each person: their current level and the verdict at their next level.
For the team: how many people meet, partly meet or miss each competency at
their next level, the behaviours most often not yet evidenced (training
needs), and per level who is ready or almost ready for it (bench strength).

`team` is pure like `competency.analysis.gap`: it takes evidence already
loaded (`competency.io.read_evidence_folder` reads a folder, with every
rule, including one file per person). One `Analyzer` serves everyone, so
each level's expected behaviours are worked out once, not once per person.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar, overload

from pydantic import BaseModel, ValidatorFunctionWrapHandler, field_serializer, field_validator

from competency.analysis.gap import (
    Analyzer,
    BehaviourStatus,
    CompetencyStatus,
    FrameworkStamp,
    ReportModel,
    Verdict,
)
from competency.analysis.judge import named_level, role_at
from competency.contract import (
    ArgumentTypeError,
    as_date,
    check_failed,
    check_instance,
    check_optional_str,
)
from competency.diagnostics import Diagnostic
from competency.framework import Framework
from competency.model import Evidence, Readiness
from competency.names import Names

__all__ = [
    "BenchEntry",
    "CompetencyTally",
    "FailedFile",
    "MakePiece",
    "Member",
    "People",
    "PersonRecord",
    "PersonSummary",
    "ProblemEntry",
    "TeamBuilder",
    "TeamChunk",
    "TeamReport",
    "TrainingNeed",
    "next_level_for",
    "team",
]

_S = TypeVar("_S", bound=str)

#: One person's evidence, with the file it came from (for the report).
Member = tuple[str, Evidence]


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
    manager: str | None = None
    """(1.2) The person id of the person's manager, from the evidence."""
    competencies: dict[str, CompetencyStatus]
    """Each competency's status at the next level, in the order the level lists them."""


#: A person's summary as `People` keeps it: the values of `PersonSummary`'s fields in
#: order, the competencies as two tuples (ids, statuses) instead of a dict.
_Row = tuple[Any, ...]

#: The fields of `PersonSummary`, in order; the last one is the competencies.
_FIELDS = tuple(PersonSummary.model_fields)


class People(Sequence[PersonSummary]):
    """Everyone's summary, in the order they were added, kept as compact rows.

    A team report of 100,000 people holds 100,000 of these rows, so a row
    is a plain tuple, and the values many people share (roles, level
    references, the competencies a level lists, a pattern of statuses) are
    stored once. Reading an item makes its `PersonSummary` again.
    """

    __slots__ = ("_rows", "_shared")

    def __init__(self, people: Iterable[PersonSummary] = ()) -> None:
        self._rows: list[_Row] = []
        self._shared: dict[Any, Any] = {}
        for person in people:
            self.append(person)

    def append(self, person: PersonSummary) -> None:
        """Keep `person` after the ones before."""
        self.append_row(_row(person))

    def append_row(self, row: tuple[Any, ...]) -> None:
        """Keep a person given as a `PersonRecord`'s row after the ones before."""
        share = self._shared.setdefault
        (person, name, file, role, level, current, following, verdict, met, partial, gap) = row[:11]
        manager, ids, statuses = row[11:]
        self._rows.append(
            (
                person,
                name,
                file,
                share(role, role),
                share(level, level),
                share(current, current),
                share(following, following),
                verdict,
                met,
                partial,
                gap,
                share(manager, manager),
                share(ids, ids),
                share(statuses, statuses),
            )
        )

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> PersonSummary: ...

    @overload
    def __getitem__(self, index: slice) -> list[PersonSummary]: ...

    def __getitem__(self, index: int | slice) -> PersonSummary | list[PersonSummary]:
        if isinstance(index, slice):
            return [_summary(row) for row in self._rows[index]]
        return _summary(self._rows[index])

    def __iter__(self) -> Iterator[PersonSummary]:
        return map(_summary, self._rows)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, People):
            return self._rows == other._rows
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        return f"People({list(self)!r})"


def _row(person: PersonSummary) -> _Row:
    """`person` as `People` keeps it (before values are shared)."""
    competencies = person.competencies
    return (
        *(getattr(person, name) for name in _FIELDS[:-1]),
        tuple(competencies),
        tuple(competencies.values()),
    )


def _summary(row: _Row) -> PersonSummary:
    values = dict(zip(_FIELDS[:-1], row, strict=False))
    values["competencies"] = dict(zip(row[-2], row[-1], strict=True))
    return PersonSummary.model_construct(**values)


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
    """One diagnostic, in its JSON form (docs/format.md, "Reading the diagnostics")."""

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
    people: Sequence[PersonSummary]
    """Everyone, in file order: a list, or the compact `People` a `TeamBuilder` keeps."""
    competencies: list[CompetencyTally]
    """Per competency, counted at each person's next level, in framework order."""
    training_needs: list[TrainingNeed]
    """Behaviours not yet evidenced, most people first."""
    bench: list[BenchEntry]
    """Per next level, who is ready and who is almost ready, in framework order."""
    failed: list[FailedFile]
    policy: Readiness

    @field_validator("people", mode="wrap")
    @classmethod
    def _keep_compact(cls, value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        """`People` as they are (each row was a checked summary); anything else is checked."""
        return value if isinstance(value, People) else handler(value)

    @field_serializer("people", return_type=list[PersonSummary])
    def _people_list(self, people: Sequence[PersonSummary]) -> Any:
        return list(people)

    def verdicts(self) -> dict[str, int]:
        """How many people have each next-level verdict (and 'none' at the top)."""
        found = {"ready": 0, "almost": 0, "not-yet": 0, "none": 0}
        for person in self.people:
            found[person.verdict or "none"] += 1
        return found


def next_level_for(analyzer: Analyzer, evidence: Evidence, current: str | None) -> str | None:
    """The evidence's target; else the level after the named one (at as-of); else after `current`.

    Without a named level and a current level, the lowest level of the role.
    """
    framework = analyzer.framework
    if evidence.target is not None:
        return framework.level(evidence.target).ref
    named = named_level(evidence, analyzer.as_of)
    if named is not None:
        following = framework.next_level(named)
        return following.ref if following is not None else None
    if current is None:
        return f"{evidence.role}@{framework.role(evidence.role).levels[0].id}"
    following = framework.next_level(current)
    return following.ref if following is not None else None


#: Makes one person's piece of a report's output where the person is analysed (a worker
#: process with ``--jobs``): a module-level function, so that it can be sent to workers.
MakePiece = Callable[[PersonSummary], str]


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What the team report keeps of one person: compact, and cheap to send between processes.

    `row` is the person's summary as plain values (the fields of
    `PersonSummary` in order, the competencies as a tuple of ids and one of
    statuses), so a worker sends tuples and strings, never a model. `needs`
    are the behaviours of the next level that are missing, stale or thin,
    with their status; the full analysis is dropped once this is made.
    `piece` is the person's piece of the output, when the builder was given
    a `MakePiece`.
    """

    row: tuple[Any, ...]
    needs: tuple[tuple[str, BehaviourStatus], ...] = ()
    piece: str | None = None

    @classmethod
    def of(
        cls, summary: PersonSummary, needs: tuple[tuple[str, BehaviourStatus], ...] = ()
    ) -> PersonRecord:
        """The record of `summary`."""
        return cls(_row(summary), needs)

    @property
    def summary(self) -> PersonSummary:
        """The person's summary, made again from the row."""
        return _summary(self.row)


@dataclass
class _Totals:
    """The team's running totals, filled one person at a time.

    Statuses are counted as (id, status) pairs in a `Counter`, whose
    `update` counts a person's pairs in C: one call a person instead of a
    dictionary look-up for each of some thirty behaviours, the most of what
    the parent does for each record while ``--jobs`` workers read files.
    `by_id` gives them per id, in the order the ids were first counted.
    """

    competencies: Counter[tuple[str, CompetencyStatus]] = field(default_factory=Counter)
    needs: Counter[tuple[str, BehaviourStatus]] = field(default_factory=Counter)
    bench: dict[str, dict[Verdict, list[str]]] = field(default_factory=dict)

    def add(self, record: PersonRecord) -> None:
        """Count one person's statuses and verdict at their next level."""
        row = record.row
        person, following, verdict, ids, statuses = row[0], row[6], row[7], row[-2], row[-1]
        self.competencies.update(zip(ids, statuses, strict=True))
        self.needs.update(record.needs)
        if following is not None and verdict is not None:
            by_verdict = self.bench.setdefault(following, {})
            by_verdict.setdefault(verdict, []).append(person)

    def merge(self, other: _Totals) -> None:
        """Count the people `other` counted, after those counted here."""
        self.competencies.update(other.competencies)
        self.needs.update(other.needs)
        for level, verdicts in other.bench.items():
            by_verdict = self.bench.setdefault(level, {})
            for verdict, people in verdicts.items():
                by_verdict.setdefault(verdict, []).extend(people)


@dataclass(frozen=True, slots=True)
class TeamChunk:
    """The records of a chunk of files, as a worker sends them: one message, counted at once.

    `rows` are the people's `PersonRecord.row`s and `pieces` their pieces of
    the output, in file order; `totals` their statuses and verdicts counted
    in the worker, so the parent adds counters per chunk, not a person's
    thirty-odd statuses per person. `needs` holds each person's needs, for
    the rare chunk where the rules across files drop someone: the places of
    their (behaviour, status) pairs among the keys of ``totals.needs``, as
    4-byte unsigned integers (a few bytes a need, where a pickled pair is
    some twenty-five: every byte is received while the workers wait).
    """

    rows: tuple[tuple[Any, ...], ...]
    pieces: tuple[str | None, ...]
    totals: _Totals
    needs: tuple[bytes, ...]

    def needs_of(self, index: int) -> tuple[tuple[str, BehaviourStatus], ...]:
        """The needs of the chunk's person at `index`, as `PersonRecord.needs`."""
        keys = list(self.totals.needs)
        return tuple(keys[place] for place in array("I", self.needs[index]))


def _by_id(counts: Counter[tuple[str, _S]]) -> dict[str, dict[_S, int]]:
    """(id, status) counts as each id's counts per status, ids in the order first counted."""
    found: dict[str, dict[_S, int]] = {}
    for (ref, status), count in counts.items():
        found.setdefault(ref, {})[status] = count
    return found


class TeamBuilder:
    """Builds a team report one person at a time, keeping only compact records.

    `person` analyses one evidence file (in this process or a worker);
    `add` counts its record, in the order the files were read; `report`
    makes the `TeamReport`. Memory grows by one small record per person.
    """

    def __init__(
        self,
        framework: Framework,
        as_of: date | None = None,
        policy: Readiness | None = None,
        locale: str | None = None,
        *,
        piece: MakePiece | None = None,
    ) -> None:
        self.analyzer = Analyzer(framework, as_of, policy, Names(framework, locale))
        self._piece = piece
        self._totals = _Totals()
        self._people = People()

    def person(self, evidence: Evidence, file: str | None = None) -> PersonRecord:
        """One person's record: current level, next-level verdict and what is not yet shown,
        with the person's piece of the output when this builder was given a `MakePiece`."""
        record = _person(self.analyzer, evidence, file)
        if self._piece is None:
            return record
        return replace(record, piece=self._piece(record.summary))

    def add(self, record: PersonRecord) -> None:
        """Count one person, after the ones added before."""
        self._people.append_row(record.row)
        self._totals.add(record)

    def pack(self, records: list[PersonRecord]) -> TeamChunk:
        """The records of a chunk of files (in a worker), counted, as one `TeamChunk`."""
        totals = _Totals()
        for record in records:
            totals.add(record)
        places = {need: place for place, need in enumerate(totals.needs)}
        return TeamChunk(
            tuple(record.row for record in records),
            tuple(record.piece for record in records),
            totals,
            tuple(
                array("I", map(places.__getitem__, record.needs)).tobytes() for record in records
            ),
        )

    def add_chunk(self, chunk: TeamChunk, kept: Sequence[bool]) -> None:
        """Count a chunk's people, after the ones added before; those not `kept` are left out."""
        if all(kept):
            append = self._people.append_row
            for row in chunk.rows:
                append(row)
            self._totals.merge(chunk.totals)
            return
        for index, (row, counts) in enumerate(zip(chunk.rows, kept, strict=True)):
            if counts:
                self.add(PersonRecord(row, chunk.needs_of(index)))

    def report(self, failed: Sequence[tuple[str, Sequence[Diagnostic]]] = ()) -> TeamReport:
        """The team report of everyone added, with the files that could not be read."""
        analyzer, totals = self.analyzer, self._totals
        return TeamReport(
            as_of=analyzer.as_of,
            framework=analyzer.stamp,
            people=self._people,
            competencies=_tallies(analyzer.names, totals),
            training_needs=_needs(analyzer, totals),
            bench=_bench(analyzer.names, totals),
            failed=[_failed(file, problems) for file, problems in failed],
            policy=analyzer.policy,
        )


def team(
    framework: Framework,
    evidences: Iterable[Evidence | Member],
    *,
    as_of: date | None = None,
    policy: Readiness | None = None,
    failed: Sequence[tuple[str, Sequence[Diagnostic]]] = (),
    locale: str | None = None,
) -> TeamReport:
    """Summarise many people's evidence against their next levels.

    `evidences` are checked evidence models, or (file, evidence) pairs so
    the report can name each person's file; they are read one at a time, so
    a generator keeps memory flat. `failed` lists the files that could not
    be loaded, with their diagnostics; it is read after `evidences`, so a
    reader may fill it while it is iterated. `as_of` defaults to today,
    `policy` to the framework's, and `locale` (of the names and texts in the
    report) to the framework's default.
    """
    check_instance("team", "framework", framework, Framework)
    people = members("team", evidences)
    as_date("team", "as_of", as_of)
    if policy is not None:
        check_instance("team", "policy", policy, Readiness)
    check_optional_str("team", "locale", locale)
    check_failed("team", "failed", failed)
    builder = TeamBuilder(framework, as_of, policy, locale)
    for file, evidence in people:  # one at a time: a generator keeps memory flat
        builder.add(builder.person(evidence, file))
    return builder.report(failed)


def members(function: str, evidences: object) -> Iterator[tuple[str | None, Evidence]]:
    """`evidences` (Evidence models or (file, Evidence) pairs) as (file or None, evidence),
    one at a time, so a generator keeps memory flat; `ArgumentTypeError` naming `function`
    for anything else, before any work for a wrong container."""
    if isinstance(evidences, str | bytes | Evidence | BaseModel) or not isinstance(
        evidences, Iterable
    ):
        raise ArgumentTypeError(
            f"{function}(): evidences must be a list of Evidence models or (file, Evidence) "
            f"pairs, not {type(evidences).__name__}"
        )
    return _members(function, evidences)


def _members(function: str, evidences: Iterable[object]) -> Iterator[tuple[str | None, Evidence]]:
    for member in evidences:
        if isinstance(member, Evidence):
            yield None, member
        elif isinstance(member, tuple) and len(member) == 2 and isinstance(member[1], Evidence):
            yield member[0], member[1]
        else:
            raise ArgumentTypeError(
                f"{function}(): evidences must hold Evidence models or (file, Evidence) "
                f"pairs, not {type(member).__name__}"
            )


def _person(analyzer: Analyzer, evidence: Evidence, file: str | None) -> PersonRecord:
    profile = analyzer.profile(evidence)
    role = role_at(analyzer.framework, evidence, analyzer.as_of)
    current = analyzer.current_level(profile, role)
    target = next_level_for(analyzer, evidence, current)
    judgement = analyzer.judge(profile, target) if target is not None else None
    parts = judgement.competencies if judgement is not None else ()
    needs = tuple(
        (info.ref, status)
        for part in parts
        for info in part.expected.behaviours
        if (status := profile.status(info.ref)) in ("missing", "stale", "thin")
    )
    statuses = tuple(part.status for part in parts)
    row = (  # the fields of PersonSummary, in order (PersonRecord.row)
        evidence.person.id,
        evidence.person.name,
        file,
        role,
        evidence.level,
        current,
        target,
        judgement.verdict if judgement is not None else None,
        statuses.count("met"),
        statuses.count("partial"),
        statuses.count("gap"),
        evidence.person.manager,
        tuple(part.expected.competency for part in parts),
        statuses,
    )
    return PersonRecord(row, needs)


def _tallies(names: Names, totals: _Totals) -> list[CompetencyTally]:
    framework = names.framework
    order = {competency: i for i, competency in enumerate(framework.competencies)}
    found = sorted(
        _by_id(totals.competencies).items(), key=lambda pair: order.get(pair[0], len(order))
    )
    return [
        CompetencyTally(
            id=competency,
            name=names.competency(competency),
            met=counts.get("met", 0),
            partial=counts.get("partial", 0),
            gap=counts.get("gap", 0),
        )
        for competency, counts in found
    ]


def _needs(analyzer: Analyzer, totals: _Totals) -> list[TrainingNeed]:
    order = analyzer.behaviour_order()
    needs = [
        TrainingNeed(
            behaviour=ref,
            text=analyzer.names.behaviour(ref),
            people=sum(counts.values()),
            missing=counts.get("missing", 0),
            stale=counts.get("stale", 0),
            thin=counts.get("thin", 0),
        )
        for ref, counts in _by_id(totals.needs).items()
    ]
    needs.sort(key=lambda need: (-need.people, order.get(need.behaviour, len(order))))
    return needs


def _bench(names: Names, totals: _Totals) -> list[BenchEntry]:
    framework = names.framework
    order = {info.ref: i for i, info in enumerate(framework.levels())}
    entries = []
    for level in sorted(totals.bench, key=lambda ref: order.get(ref, len(order))):
        verdicts = totals.bench[level]
        entries.append(
            BenchEntry(
                level=level,
                title=names.level(level),
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
