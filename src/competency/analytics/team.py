"""``competency team --format parquet``: the team as three Parquet tables, streamed.

As `competency.team_folder.team_folder` does for the report, files are
read, checked and analysed in worker processes (`--jobs`), a chunk at a
time: a worker sends back only the chunk's rows, each table's as one Arrow
record batch (`_Chunk`), never Python rows one by one. The parent applies
the rules across files and appends the batches, in file order, to
``people``, ``behaviour_status`` and ``competency_status``, a row group at
a time, each ending after the person whose rows filled it (as if rows were
added a person at a time). So memory holds one row group and the
compressed files, never the team's evidence or every row as Python
objects, and the tables are the same for any number of jobs.
"""

from __future__ import annotations

import functools
import itertools
import os
from contextlib import closing
from dataclasses import dataclass

from competency.analytics.arrow import TableWriter, batch_bytes, prepare, read_batch
from competency.analytics.rows import PersonRows, RowBuilder
from competency.framework import Framework
from competency.io import (
    EvidenceFolder,
    Progress,
)
from competency.model import Evidence
from competency.team_folder import TeamOptions, each_chunk

__all__ = ["TEAM_TABLES", "team_tables"]

#: The tables `team_tables` writes, in this order, each as ``NAME.parquet``.
TEAM_TABLES = ("people", "behaviour_status", "competency_status")


@dataclass(frozen=True, slots=True)
class _Chunk:
    """A chunk of people's rows as a worker sends them: each table's rows as one Arrow batch
    (`batch_bytes`), and each person's number of rows in the two long tables."""

    tables: tuple[bytes, bytes, bytes]
    behaviours: tuple[int, ...]
    competencies: tuple[int, ...]


class _ChunkRows:
    """`RowBuilder`'s rows, a chunk of people packed as Arrow batches (in the worker)."""

    def __init__(self, framework: Framework, options: TeamOptions, *, with_names: bool) -> None:
        self.rows = RowBuilder(
            framework, options.as_of, options.policy, options.locale, with_names=with_names
        )

    def person(self, evidence: Evidence, file: str | None = None) -> PersonRows:
        """One person's rows."""
        return self.rows.person(evidence, file)

    def pack(self, records: list[PersonRows]) -> _Chunk:
        """The chunk's rows, table by table, as serialised record batches."""
        people = [record.person for record in records]
        behaviours = [row for record in records for row in record.behaviours]
        competencies = [row for record in records for row in record.competencies]
        return _Chunk(
            (
                batch_bytes("people", people),
                batch_bytes("behaviour_status", behaviours),
                batch_bytes("competency_status", competencies),
            ),
            tuple(len(record.behaviours) for record in records),
            tuple(len(record.competencies) for record in records),
        )


def team_tables(
    folder: str | os.PathLike[str],
    framework: Framework,
    options: TeamOptions | None = None,
    *,
    with_names: bool = False,
    people_per_group: int = 500,
    progress: Progress | None = None,
    display: str | None = None,
) -> tuple[dict[str, bytes], EvidenceFolder]:
    """The team tables of every evidence file below `folder` as Parquet files, by file name.

    Returns ``{"people.parquet": ..., "behaviour_status.parquet": ...,
    "competency_status.parquet": ...}`` and what reading the files found
    (the files that failed, every diagnostic). Pseudonymous unless
    `with_names`: the person's name, the file and the item summaries are
    left empty. A row group holds `people_per_group` people (500: some
    20,000 rows of ``behaviour_status``, whose writing then takes some 8 MB
    more memory, not 30 MB as 2,000 did).
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
    prepare()  # the workers, forked next, share pyarrow's machinery
    found = EvidenceFolder()
    make = functools.partial(_ChunkRows, with_names=with_names)
    chunks = each_chunk(folder, framework, chosen, make, found, progress=progress, display=display)
    with closing(chunks):
        for chunk, kept in chunks:
            _add(writers, chunk, kept)
    return {f"{name}.parquet": writer.finish() for name, writer in writers.items()}, found


def _add(writers: dict[str, TableWriter], chunk: _Chunk, kept: tuple[bool, ...]) -> None:
    """A chunk's batches appended to the writers, less the people the rules across files
    failed (a second file about the same person, which the worker could not know)."""
    counts = ((1,) * len(kept), chunk.behaviours, chunk.competencies)
    for name, data, sizes in zip(TEAM_TABLES, chunk.tables, counts, strict=True):
        batch = read_batch(name, data)
        if not all(kept):
            starts = itertools.accumulate(sizes, initial=0)
            pairs = zip(starts, sizes, kept, strict=False)  # starts has one more
            rows = [
                row for start, size, counts in pairs if counts for row in range(start, start + size)
            ]
            batch, sizes = batch.take(rows), tuple(itertools.compress(sizes, kept))
        writers[name].add_batch(batch, sizes)


def _behaviours(framework: Framework, level: str) -> int:
    """How many behaviours `level` expects in all."""
    return sum(len(part.behaviours) for part in framework.expected(level))
