"""Reports for scripts and spreadsheets: JSON (every report) and CSV (the team).

The team's JSON and CSV are generators: the people are written one by one
as they are read from the report's compact `People`, so the whole output is
never held in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from competency.escape import cell, json_text
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.team import TeamReport

__all__ = ["TEAM_CSV_COLUMNS", "cell_value", "json_report", "team_csv", "team_json", "team_rows"]

#: How many CSV rows or JSON people go into one piece of output.
_BATCH = 500

#: The columns of ``competency team --format csv``, one row per person.
TEAM_CSV_COLUMNS = (
    "file",
    "person",
    "name",
    "role",
    "level",
    "current_level",
    "next_level",
    "verdict",
    "met",
    "partial",
    "gap",
)


def json_report(report: BaseModel, options: WriteOptions = PLAIN) -> str:
    """Any report as indented JSON, keys in the order the models declare them."""
    data = report.model_dump(mode="json", by_alias=True)
    return json_text(json.dumps(data, indent=2, ensure_ascii=False))


def _json(value: Any, indent: str = "") -> str:
    """`value` as `json_report` writes it, nested at `indent`.

    A raw line break in ``json.dumps``'s output is always layout: strings hold ``\\n``.
    """
    return json_text(json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + indent))


def team_json(report: TeamReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """The team report as `json_report` writes it, the people streamed in batches."""
    data = report.model_dump(mode="json", by_alias=True, exclude={"people"})
    for number, name in enumerate(type(report).model_fields):
        yield ("{" if number == 0 else ",") + f"\n  {json.dumps(name)}: "
        if name != "people":
            yield _json(data[name], "  ")
        elif not report.people:
            yield "[]"
        else:
            people = (_json(person.model_dump(mode="json"), "    ") for person in report.people)
            for number_in_batch, batch in enumerate(_batched(people)):
                yield ("[\n    " if number_in_batch == 0 else ",\n    ") + ",\n    ".join(batch)
            yield "\n  ]"
    yield "\n}"


def _batched(pieces: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def team_rows(report: TeamReport) -> Iterator[list[str | int | None]]:
    """One row per person, the values of `TEAM_CSV_COLUMNS` (the level as ``ROLE@LEVEL``).

    The values are as the report has them: each writer escapes them for its
    place (`team_csv` and the workbook with `competency.escape.cell`).
    """
    for person in report.people:
        row = person.model_dump()
        row["level"] = f"{person.role}@{person.level}" if person.level else None
        yield [row[key] for key in TEAM_CSV_COLUMNS]


def cell_value(value: object) -> object:
    """A CSV or workbook cell: empty for no value, text never a formula (`escape.cell`)."""
    return cell(value) if isinstance(value, str) or value is None else value


def team_csv(report: TeamReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """One row per person, for spreadsheets; empty cells where there is no value.

    Pieces of many rows each; the output ends without a line break.
    """
    rows = team_rows(report)
    first: list[Any] = list(TEAM_CSV_COLUMNS)
    batch: list[list[Any]] = [first]
    while batch:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([cell_value(value) for value in row] for row in batch)
        yield ("" if batch[0] is first else "\n") + out.getvalue().removesuffix("\n")
        batch = [row for _, row in zip(range(_BATCH), rows, strict=False)]
