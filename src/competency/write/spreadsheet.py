"""The team report as an Excel workbook (``competency team --format xlsx``).

One sheet per part of the report: the people (the same columns as the CSV),
the competency counts, the training needs and the bench. openpyxl is the
optional ``xlsx`` extra and is imported only here. The workbook's own dates
are the report's as-of date, so the same report gives the same content.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from competency.escape import cell as safe_cell
from competency.render.errors import RenderError
from competency.write.data import TEAM_CSV_COLUMNS, team_rows
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.team import TeamReport

__all__ = ["team_xlsx"]


def _sheet(workbook: Any, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Add a sheet with a bold, frozen header row and a filter over the columns."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(
            [
                "" if value is None else safe_cell(value) if isinstance(value, str) else value
                for value in row
            ]
        )
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(header))
    sheet.auto_filter.ref = f"A1:{last}{max(sheet.max_row, 1)}"
    for index, name in enumerate(header, start=1):
        widest = max((len(str(c.value or "")) for c in sheet[get_column_letter(index)]), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(
            max(widest, len(name)) + 2, 60
        )


def team_xlsx(report: TeamReport, options: WriteOptions = PLAIN) -> bytes:
    """The team report as the bytes of an .xlsx workbook; `colour` is ignored."""
    try:
        from openpyxl import Workbook
    except ModuleNotFoundError:
        raise RenderError(
            "the xlsx format needs openpyxl: pip install 'competency[xlsx]'"
        ) from None
    workbook = Workbook()
    workbook.remove(workbook.active)
    stamp = datetime.combine(report.as_of, time())
    workbook.properties.created = workbook.properties.modified = stamp
    _sheet(workbook, "People", TEAM_CSV_COLUMNS, team_rows(report))
    _sheet(
        workbook,
        "Competencies",
        ("competency", "name", "met", "partial", "gap"),
        ((c.id, c.name, c.met, c.partial, c.gap) for c in report.competencies),
    )
    _sheet(
        workbook,
        "Training needs",
        ("behaviour", "text", "people", "missing", "stale", "thin"),
        (
            (n.behaviour, n.text, n.people, n.missing, n.stale, n.thin)
            for n in report.training_needs
        ),
    )
    _sheet(
        workbook,
        "Bench",
        ("level", "title", "ready", "almost"),
        ((b.level, b.title, ", ".join(b.ready), ", ".join(b.almost)) for b in report.bench),
    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
