"""The gap analysis: pure, typed reports from a framework and evidence.

- `gap`: one person against one level (`analyze`), every level of their
  role (`level_report`), and the `Analyzer` both are built on.
- `team`: many people at once (`team`).

Nothing here reads files or prints; names in reports come from one
`competency.names.Names` in the requested locale.
"""

#: The analyses are imported from their modules (`competency.analysis.gap`, ...).
__all__: list[str] = []
