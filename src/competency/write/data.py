"""Reports for scripts and spreadsheets: JSON (every report) and CSV (the team).

The team's JSON and CSV are generators: the people are written one by one
as they are read from the report's compact `People`, so the whole output is
never held in memory. Each person's piece is made by one function
(`team_json_person`, `team_csv_row`), so the same pieces can also be made
in the worker processes that read the files and written while they arrive
(`team_json_stream`, `team_csv_stream` of a `TeamStream`): the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from competency.escape import cell, json_text
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.team import PersonSummary, TeamReport
    from competency.team_folder import TeamStream

__all__ = [
    "TEAM_CSV_COLUMNS",
    "cell_value",
    "json_report",
    "team_csv",
    "team_csv_row",
    "team_csv_stream",
    "team_json",
    "team_json_person",
    "team_json_stream",
    "team_rows",
]

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
    return _team_json(report, map(team_json_person, report.people), lambda: report)


def team_json_stream(stream: TeamStream, options: WriteOptions = PLAIN) -> Iterator[str]:
    """`team_json` of a team while it is read: each person's piece as its worker made it."""
    return _team_json(stream.head, stream.pieces(), stream.report)


def team_json_person(person: PersonSummary) -> str:
    """One person of the team's JSON, as `team_json` places it in the list of people."""
    return _json(person.model_dump(mode="json"), "    ")


def _team_json(
    head: TeamReport, people: Iterable[str], finish: Callable[[], TeamReport]
) -> Iterator[str]:
    """The report's fields in order: those before the people from `head`, then the people's
    pieces, then the rest from `finish()`, called once every person is written."""
    data = head.model_dump(mode="json", by_alias=True, exclude={"people"})
    for number, name in enumerate(type(head).model_fields):
        yield ("{" if number == 0 else ",") + f"\n  {json.dumps(name)}: "
        if name != "people":
            yield _json(data[name], "  ")
            continue
        batches = _batched(people)
        first = next(batches, None)
        if first is None:
            yield "[]"
        else:
            yield "[\n    " + ",\n    ".join(first)
            for batch in batches:
                yield ",\n    " + ",\n    ".join(batch)
            yield "\n  ]"
        data = finish().model_dump(mode="json", by_alias=True, exclude={"people"})
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
        yield _csv_values(person)


def _csv_values(person: PersonSummary) -> list[str | int | None]:
    row = person.model_dump()
    row["level"] = f"{person.role}@{person.level}" if person.level else None
    return [row[key] for key in TEAM_CSV_COLUMNS]


def cell_value(value: object) -> object:
    """A CSV or workbook cell: empty for no value, text never a formula (`escape.cell`)."""
    return cell(value) if isinstance(value, str) or value is None else value


def team_csv(report: TeamReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """One row per person, for spreadsheets; empty cells where there is no value.

    Pieces of many rows each; the output ends without a line break.
    """
    people = (team_csv_row(row) for row in team_rows(report))
    return _team_csv(people)


def team_csv_stream(stream: TeamStream, options: WriteOptions = PLAIN) -> Iterator[str]:
    """`team_csv` of a team while it is read: each person's row as its worker made it."""
    return _team_csv(stream.pieces())


def team_csv_row(person: PersonSummary | list[str | int | None]) -> str:
    """One person's CSV line, without its line break: a summary, or its `team_rows` row."""
    row = person if isinstance(person, list) else _csv_values(person)
    out = io.StringIO()
    # The line break the whole output has, so a field is quoted as it was there.
    csv.writer(out, lineterminator="\n").writerow([cell_value(value) for value in row])
    return out.getvalue().removesuffix("\n")


def _team_csv(rows: Iterable[str]) -> Iterator[str]:
    yield team_csv_row(list(TEAM_CSV_COLUMNS))
    for batch in _batched(rows):
        yield "\n" + "\n".join(batch)
