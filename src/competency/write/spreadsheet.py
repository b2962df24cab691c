"""The team report as an Excel workbook (``competency team --format xlsx``).

One sheet per part of the report: the people (the same columns as the CSV),
the competency counts, the training needs and the bench. openpyxl is the
optional ``xlsx`` extra, imported only when a workbook is written. The
workbook's own dates are the report's as-of date, and `competency.workbook`
fixes the archive's, so the same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from competency.workbook import openpyxl, workbook_bytes
from competency.write.data import TEAM_CSV_COLUMNS, cell_value, team_rows
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.team import TeamReport

__all__ = ["team_xlsx"]


def _sheet(
    workbook: Any, title: str, header: Sequence[str], rows: Callable[[], Iterable[Sequence[Any]]]
) -> None:
    """Add a sheet with a bold, frozen header row and a filter over the columns.

    The workbook is write-only, so rows go to a temporary file as they
    come; `rows` is called twice, once for the column widths and once for
    the cells.
    """
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    widths = [len(name) for name in header]
    count = 0
    for row in rows():
        count += 1
        widths = [
            max(width, len(str(value or "")))
            for width, value in zip(widths, _cells(row), strict=True)
        ]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    bold = Font(bold=True)
    heading = [WriteOnlyCell(sheet, value=name) for name in header]
    for cell in heading:
        cell.font = bold
    sheet.append(heading)
    for row in rows():
        sheet.append(_cells(row))


def _cells(row: Sequence[Any]) -> list[Any]:
    """A row's cells, each made safe for a spreadsheet (`cell_value`)."""
    return [cell_value(value) for value in row]


def team_xlsx(report: TeamReport, options: WriteOptions = PLAIN) -> bytes:
    """The team report as the bytes of an .xlsx workbook; `colour` is ignored."""
    workbook = openpyxl("the xlsx format").Workbook(write_only=True)
    _sheet(workbook, "People", TEAM_CSV_COLUMNS, lambda: team_rows(report))
    _sheet(
        workbook,
        "Competencies",
        ("competency", "name", "met", "partial", "gap"),
        lambda: ((c.id, c.name, c.met, c.partial, c.gap) for c in report.competencies),
    )
    _sheet(
        workbook,
        "Training needs",
        ("behaviour", "text", "people", "missing", "stale", "thin"),
        lambda: (
            (n.behaviour, n.text, n.people, n.missing, n.stale, n.thin)
            for n in report.training_needs
        ),
    )
    _sheet(
        workbook,
        "Bench",
        ("level", "title", "ready", "almost"),
        lambda: ((b.level, b.title, ", ".join(b.ready), ", ".join(b.almost)) for b in report.bench),
    )
    return workbook_bytes(workbook, datetime.combine(report.as_of, time()))
