"""One function for distributed engines: evidence as an Arrow table, and its analysis.

`evidence_table(paths)` turns evidence files into rows: one row per item
and behaviour it shows (``record = "item"``), one per assessment,
not-applicable behaviour and history entry, and one ``person`` row for each
person, every row with the person's fields. `assess_table(framework, table,
as_of)` turns such a table back into people and returns their
``behaviour_status`` rows, grouped by person in the order they first
appear: the same rows ``competency team --format parquet`` writes, because
the same `RowBuilder` makes them.

So the analysis runs where the evidence already is, a partition at a time:
Dask ``map_partitions``, Spark ``mapInArrow``/``applyInArrow``, Ray
``map_batches`` (docs/analytics.md). A partition must hold all the rows of
each of its people; an engine gets that by grouping on ``person``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from competency.analytics.arrow import pyarrow, schema, table
from competency.analytics.rows import Row, RowBuilder
from competency.contract import ArgumentTypeError, as_date, check_instance
from competency.diagnostics import CompetencyError, Diagnostic
from competency.framework import Framework, UnknownReferenceError
from competency.io import evidence_files, read_evidence_file
from competency.model import (
    Assessment,
    Confirmation,
    Evidence,
    EvidenceItem,
    HistoryEntry,
    NotApplicable,
    Person,
    Readiness,
)

__all__ = [
    "EVIDENCE_RECORDS",
    "EvidenceTableError",
    "assess_table",
    "evidence_rows",
    "evidence_table",
]

#: The kinds of row of the evidence table, in the order a person's rows come.
EVIDENCE_RECORDS = ("person", "history", "item", "assessment", "not-applicable")


class EvidenceTableError(CompetencyError, ValueError):
    """Evidence files with errors, or an evidence table that does not hold people.

    `diagnostics` are the errors of the files, when files were read.
    """

    def __init__(self, message: str, diagnostics: Iterable[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.diagnostics = list(diagnostics)


def evidence_rows(evidence: Evidence, file: str | None = None) -> list[Row]:
    """One person's rows of the evidence table (without names: `evidence_table` adds them)."""
    person = evidence.person
    confirmed = evidence.confirmed
    fields = (
        person.id,
        None,
        person.manager,
        evidence.role,
        evidence.level,
        evidence.target,
        confirmed.date if confirmed is not None else None,
        confirmed.by if confirmed is not None else None,
        file,
    )
    empty = (None,) * 10
    rows: list[Row] = [(*fields, "person", None, *empty)]
    for index, entry in enumerate(evidence.history or ()):
        rows.append(
            (*fields, "history", index, None, entry.date, *(None,) * 5, entry.by, None, entry.level)
        )
    for index, item in enumerate(evidence.items):
        for ref in item.shows:
            rows.append(
                (*fields, "item", index, item.id, item.date, item.source, ref, item.suggested)
                + (None,) * 5
            )
    for index, assessment in enumerate(evidence.assessments):
        rows.append(
            (
                *(*fields, "assessment", index, None, assessment.date, None, None, None),
                *(assessment.competency, assessment.step, assessment.by, assessment.assessor, None),
            )
        )
    for index, excluded in enumerate(evidence.not_applicable):
        rows.append(
            (*fields, "not-applicable", index, None, None, None, excluded.behaviour, *empty[:6])
        )
    return rows


def evidence_table(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, with_names: bool = False
) -> Any:
    """Evidence files (or every evidence file below a folder) as one `pyarrow.Table`.

    Rows are in file order, each person's together (docs/analytics.md,
    "evidence"). Each file is checked for its structure (no framework is
    needed); files with errors raise `EvidenceTableError` with their
    diagnostics. Pseudonymous unless `with_names`: the person's name and
    the file are left empty; item summaries are never included.
    """
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    files: list[tuple[Path, str]] = []
    for path in given:
        if not isinstance(path, str | os.PathLike):
            raise ArgumentTypeError(
                f"evidence_table(): paths must be files or folders, not {type(path).__name__}"
            )
        files += evidence_files(path) if Path(path).is_dir() else [(Path(path), os.fspath(path))]
    rows: list[Row] = []
    problems: list[Diagnostic] = []
    for path, name in files:
        found = read_evidence_file(path, name, None)
        if not found.ok or found.evidence is None:
            problems += [problem for problem in found.problems if problem.severity == "error"]
            continue
        evidence = found.evidence
        made = evidence_rows(evidence, name if with_names else None)
        if with_names:
            made = [(row[0], evidence.person.name, *row[2:]) for row in made]
        rows += made
    if problems:
        shown = "; ".join(f"{p.file}:{p.line}:{p.column}: {p.message}" for p in problems[:5])
        raise EvidenceTableError(f"evidence files with errors: {shown}", problems)
    return table("evidence", rows)


def assess_table(
    framework: Framework,
    evidence: Any,
    as_of: date | None = None,
    *,
    policy: Readiness | None = None,
) -> Any:
    """The ``behaviour_status`` rows of the people in an evidence table, grouped by person.

    `evidence` is a `pyarrow.Table` or `RecordBatch` with the columns of
    `evidence_table` (others are ignored; types are cast, so a table that
    went through pandas works). People come in the order of their first
    row; a person's rows must all be in this table. `as_of` defaults to
    today and `policy` to the framework's. A person whose role or levels the
    framework lacks raises `EvidenceTableError` naming them.
    """
    check_instance("assess_table", "framework", framework, Framework)
    as_date("assess_table", "as_of", as_of)
    if policy is not None:
        check_instance("assess_table", "policy", policy, Readiness)
    builder = RowBuilder(framework, as_of, policy)
    rows: list[Row] = []
    for person, evidence_model in _people(_conformed(evidence)):
        try:
            made = builder.person(evidence_model)
        except UnknownReferenceError as error:
            raise EvidenceTableError(f"person {person}: {error}") from None
        rows += made.behaviours
    return table("behaviour_status", rows, builder.stamp)


def _conformed(given: Any) -> Any:
    """`given` as a Table with the evidence columns, cast to their types."""
    pa = pyarrow()
    if isinstance(given, pa.RecordBatch):
        given = pa.Table.from_batches([given])
    if not isinstance(given, pa.Table):
        raise ArgumentTypeError(
            f"assess_table(): evidence must be a pyarrow Table, not {type(given).__name__}"
        )
    wanted = schema("evidence")
    missing = [name for name in wanted.names if name not in given.column_names]
    if missing:
        raise EvidenceTableError(f"the evidence table has no column {', '.join(missing)}")
    columns = [given.column(name).cast(wanted.field(name).type) for name in wanted.names]
    return pa.Table.from_arrays(columns, schema=wanted)


def _day(value: date | datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else value


def _people(found: Any) -> Iterator[tuple[str, Evidence]]:
    """The people of a conformed evidence table, each made an `Evidence` again, in first order."""
    columns = found.to_pydict()
    grouped: dict[str, list[int]] = {}
    for index, person in enumerate(columns["person"]):
        if person is None:
            raise EvidenceTableError(f"row {index + 1} of the evidence table has no person")
        grouped.setdefault(person, []).append(index)
    for person, indexes in grouped.items():
        yield person, _evidence(person, columns, indexes)


def _evidence(person: str, columns: dict[str, list[Any]], indexes: list[int]) -> Evidence:
    """One person's rows as the `Evidence` they came from (summaries and notes left out)."""
    value = columns.__getitem__
    first = indexes[0]
    role = value("role")[first]
    if role is None:
        raise EvidenceTableError(f"person {person}: no role")
    items: dict[int, dict[str, Any]] = {}
    history: dict[int, HistoryEntry] = {}
    assessments: dict[int, Assessment] = {}
    not_applicable: dict[int, NotApplicable] = {}
    for index in indexes:
        record, position = value("record")[index], value("position")[index]
        day = _day(value("date")[index])
        if record == "person":
            continue
        if record == "not-applicable":
            not_applicable[position] = NotApplicable.model_construct(
                behaviour=value("behaviour")[index], reason=""
            )
            continue
        if day is None:
            raise EvidenceTableError(f"person {person}: a row of record {record} has no date")
        if record == "item":
            item = items.setdefault(
                position,
                {
                    "id": value("item")[index],
                    "date": day,
                    "source": value("source")[index],
                    "suggested": bool(value("suggested")[index]),
                    "shows": [],
                },
            )
            item["shows"].append(value("behaviour")[index])
        elif record == "history":
            history[position] = HistoryEntry.model_construct(
                level=value("history_level")[index], date=day, by=value("by")[index], framework=None
            )
        elif record == "assessment":
            assessments[position] = Assessment.model_construct(
                competency=value("competency")[index],
                step=value("step")[index],
                by=value("by")[index],
                assessor=value("assessor")[index],
                date=day,
                note=None,
            )
        else:
            raise EvidenceTableError(f"person {person}: unknown record {record!r}")
    confirmed_date = _day(value("confirmed_date")[first])
    confirmed = (
        Confirmation.model_construct(date=confirmed_date, by=value("confirmed_by")[first])
        if confirmed_date is not None
        else None
    )
    return Evidence.model_construct(
        format="competency/v1",
        kind="evidence",
        person=Person.model_construct(
            id=person, name=value("name")[first], manager=value("manager")[first]
        ),
        role=role,
        level=value("level")[first],
        confirmed=confirmed,
        target=value("target")[first],
        history=[history[key] for key in sorted(history)] or None,
        items=[
            EvidenceItem.model_construct(summary="", link=None, **items[key])
            for key in sorted(items)
        ],
        assessments=[assessments[key] for key in sorted(assessments)],
        not_applicable=[not_applicable[key] for key in sorted(not_applicable)],
    )
