"""``competency team --format parquet``: the team as three Parquet tables, streamed.

As `competency.team_folder.team_folder` does for the report, each file is
read, checked and analysed in a worker process (`--jobs`), which sends back
only the person's rows (`PersonRows`); the parent applies the rules across
files and writes the rows, in file order, into ``people``,
``behaviour_status`` and ``competency_status``, a row group at a time. So
memory holds one row group and the compressed files, never the team's
evidence or every row as Python objects, and the tables are the same for
any number of jobs.
"""

from __future__ import annotations

import functools
import os
from contextlib import closing

from competency.analytics.arrow import TableWriter
from competency.analytics.rows import RowBuilder
from competency.framework import Framework
from competency.io import (
    EvidenceFolder,
    Progress,
)
from competency.team_folder import TeamOptions, each_person

__all__ = ["TEAM_TABLES", "team_tables"]

#: The tables `team_tables` writes, in this order, each as ``NAME.parquet``.
TEAM_TABLES = ("people", "behaviour_status", "competency_status")


def _row_builder(framework: Framework, options: TeamOptions, *, with_names: bool) -> RowBuilder:
    return RowBuilder(
        framework, options.as_of, options.policy, options.locale, with_names=with_names
    )


def team_tables(
    folder: str | os.PathLike[str],
    framework: Framework,
    options: TeamOptions | None = None,
    *,
    with_names: bool = False,
    people_per_group: int = 2_000,
    progress: Progress | None = None,
    display: str | None = None,
) -> tuple[dict[str, bytes], EvidenceFolder]:
    """The team tables of every evidence file below `folder` as Parquet files, by file name.

    Returns ``{"people.parquet": ..., "behaviour_status.parquet": ...,
    "competency_status.parquet": ...}`` and what reading the files found
    (the files that failed, every diagnostic). Pseudonymous unless
    `with_names`: the person's name, the file and the item summaries are
    left empty. A row group holds `people_per_group` people.
    """
    chosen = options if options is not None else TeamOptions()
    builder = RowBuilder(framework, chosen.as_of, chosen.policy, chosen.locale)
    stamp = builder.stamp
    group = max(1, people_per_group)
    writers = {name: TableWriter(name, stamp, rows_per_group=group) for name in TEAM_TABLES}
    # Behaviours and competencies: many rows a person; a group of people is about that many.
    expected = max((_behaviours(framework, info.ref) for info in framework.levels()), default=1)
    writers["behaviour_status"].rows_per_group = group * max(1, expected)
    writers["competency_status"].rows_per_group = group * max(1, len(framework.competencies))
    found = EvidenceFolder()
    make = functools.partial(_row_builder, with_names=with_names)
    records = each_person(
        folder, framework, chosen, make, found, progress=progress, display=display
    )
    with closing(records):
        for record in records:
            writers["people"].add((record.person,))
            writers["behaviour_status"].add(record.behaviours)
            writers["competency_status"].add(record.competencies)
    return {f"{name}.parquet": writer.finish() for name, writer in writers.items()}, found


def _behaviours(framework: Framework, level: str) -> int:
    """How many behaviours `level` expects in all."""
    return sum(len(part.behaviours) for part in framework.expected(level))
