"""Reports for scripts and spreadsheets: JSON (every report) and CSV (the team)."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

from pydantic import BaseModel

from competency.escape import cell, json_text
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.team import TeamReport

__all__ = ["TEAM_CSV_COLUMNS", "json_report", "team_csv", "team_rows"]

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


def team_rows(report: TeamReport) -> list[list[str | int | None]]:
    """One row per person, the values of `TEAM_CSV_COLUMNS` (the level as ``ROLE@LEVEL``).

    Text is made safe for a spreadsheet cell (`competency.escape.cell`).
    """
    rows = []
    for person in report.people:
        row = person.model_dump()
        row["level"] = f"{person.role}@{person.level}" if person.level else None
        rows.append(
            [cell(row[key]) if isinstance(row[key], str) else row[key] for key in TEAM_CSV_COLUMNS]
        )
    return rows


def team_csv(report: TeamReport, options: WriteOptions = PLAIN) -> str:
    """One row per person, for spreadsheets; empty cells where there is no value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TEAM_CSV_COLUMNS)
    for row in team_rows(report):
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue().rstrip("\n")
