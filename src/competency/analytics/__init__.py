"""Analytics: the framework and the team as Arrow and Parquet tables (docs/analytics.md).

- `framework_parquet` writes the framework as tables (``competency export
  --format parquet``): levels, competencies, expectations, behaviours, moves;
- `team_tables` writes a team folder as ``people``, ``behaviour_status`` and
  ``competency_status`` (``competency team --format parquet``), streamed a
  row group at a time from worker processes;
- `evidence_table` and `assess_table` are the same analysis for engines that
  hold the evidence already (Dask, Spark, Ray): evidence files as rows, and
  the ``behaviour_status`` rows of the people in such a table.

pyarrow (the ``analytics`` extra) is imported on first use only; without it
these functions raise `competency.diagnostics.MissingExtraError`.
"""

from __future__ import annotations

from competency.analytics.arrow import SCHEMA_VERSION, schema
from competency.analytics.engines import (
    EVIDENCE_RECORDS,
    EvidenceTableError,
    assess_table,
    evidence_rows,
    evidence_table,
)
from competency.analytics.framework import FRAMEWORK_TABLES, framework_parquet, framework_rows
from competency.analytics.rows import PersonRows, RowBuilder
from competency.analytics.team import TEAM_TABLES, team_tables

__all__ = [
    "EVIDENCE_RECORDS",
    "FRAMEWORK_TABLES",
    "SCHEMA_VERSION",
    "TEAM_TABLES",
    "EvidenceTableError",
    "PersonRows",
    "RowBuilder",
    "assess_table",
    "evidence_rows",
    "evidence_table",
    "framework_parquet",
    "framework_rows",
    "schema",
    "team_tables",
]
