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

import os
from dataclasses import dataclass, replace
from pathlib import Path

from competency.analytics.arrow import TableWriter
from competency.analytics.rows import PersonRows, RowBuilder
from competency.framework import Framework
from competency.io import (
    EvidenceFile,
    EvidenceFolder,
    Progress,
    each_evidence_file,
    read_evidence_file,
)
from competency.team_folder import TeamOptions

__all__ = ["TEAM_TABLES", "team_tables"]

#: The tables `team_tables` writes, in this order, each as ``NAME.parquet``.
TEAM_TABLES = ("people", "behaviour_status", "competency_status")


@dataclass(frozen=True)
class _Worker:
    """What one process needs: the framework, the options and a row builder."""

    framework: Framework
    options: TeamOptions
    builder: RowBuilder

    @classmethod
    def start(cls, framework: Framework, options: TeamOptions, with_names: bool) -> _Worker:
        """The state of one process, made once by `competency.pool.ordered_map`."""
        builder = RowBuilder(
            framework, options.as_of, options.policy, options.locale, with_names=with_names
        )
        return cls(framework, options, builder)


def _rows(worker: _Worker, item: tuple[Path, str]) -> tuple[EvidenceFile, PersonRows | None]:
    """One file read, checked and, when it loads, made rows; the evidence itself is dropped."""
    path, name = item
    options = worker.options
    found = read_evidence_file(path, name, worker.framework, options.max_bytes, options.lint)
    if not found.ok or found.evidence is None:
        return found, None
    return replace(found, evidence=None), worker.builder.person(found.evidence, name)


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
    records = each_evidence_file(
        folder,
        framework,
        _rows,
        found,
        setup=_Worker.start,
        setup_args=(framework, chosen, with_names),
        lint=chosen.lint,
        progress=progress,
        display=display,
        jobs=chosen.jobs,
    )
    for record in records:
        if record is None:
            continue
        writers["people"].add((record.person,))
        writers["behaviour_status"].add(record.behaviours)
        writers["competency_status"].add(record.competencies)
    return {f"{name}.parquet": writer.finish() for name, writer in writers.items()}, found


def _behaviours(framework: Framework, level: str) -> int:
    """How many behaviours `level` expects in all."""
    return sum(len(part.behaviours) for part in framework.expected(level))
