"""The framework as a workbook (``--format xlsx``) or as the long table in CSV (``--format csv``).

The workbook has a read-me sheet, one sheet per role (competencies as rows,
levels as columns; each cell shows the step expected and what is new at that
level), and the long table of `competency.interop.table`, which is what
`competency.interop.importer` reads back. Every text cell goes through
`competency.escape.cell`, so no text from a framework becomes a formula.
openpyxl (the ``xlsx`` extra) is imported only in the functions that use it.
The same framework always gives the same bytes: the workbook's dates and the
archive's timestamps are fixed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from competency.diagnostics import MissingExtraError
from competency.escape import cell
from competency.framework import Framework
from competency.interop.table import COLUMNS, long_table
from competency.names import Names, names_for
from competency.workbook import openpyxl, workbook_bytes

__all__ = [
    "LONG_TABLE_SHEET",
    "README_SHEET",
    "MissingDependencyError",
    "framework_csv",
    "framework_xlsx",
    "sheet_title",
]

LONG_TABLE_SHEET = "Long table"
README_SHEET = "Read me"
#: The date every workbook carries, so that two exports are the same bytes.
_FIXED = datetime(2000, 1, 1)
#: Characters a sheet title may not hold, and its longest length (Excel's rules).
_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f-\x9f]")
_TITLE_MAX = 31
_WIDEST = 60


#: The former name of `competency.diagnostics.MissingExtraError`, the same class.
MissingDependencyError = MissingExtraError


def _openpyxl() -> Any:
    return openpyxl("xlsx")


def framework_csv(framework: Framework) -> str:
    """The long table as CSV text (a header row, then one row per value), every cell escaped."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in long_table(framework):
        writer.writerow([cell(value, lines=True) for value in row.cells()])
    return out.getvalue()


def sheet_title(wanted: str, taken: set[str]) -> str:
    """A sheet title Excel accepts, made from `wanted`, not in `taken` (ignoring case)."""
    base = _TITLE_FORBIDDEN.sub(" ", wanted).strip(" '") or "Role"
    base = base[:_TITLE_MAX]
    title, number = base, 1
    while title.lower() in {t.lower() for t in taken}:
        number += 1
        suffix = f" ({number})"
        title = base[: _TITLE_MAX - len(suffix)] + suffix
    taken.add(title)
    return title


def framework_xlsx(
    framework: Framework, locale: str | None = None, *, names: Names | None = None
) -> bytes:
    """The workbook: read-me, one sheet per role, and the long table; texts of `names`
    (the command's translator), else in `locale`."""
    openpyxl = _openpyxl()
    names = names_for(framework, locale, names=names)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    taken = {README_SHEET, LONG_TABLE_SHEET}
    role_sheets = [
        (role.id, sheet_title(names.role(role.id), taken)) for role in framework.roles.values()
    ]
    _readme(workbook, framework, names, [title for _, title in role_sheets])
    for role_id, title in role_sheets:
        _role_sheet(workbook, framework, names, role_id, title)
    _long_table_sheet(workbook, framework)
    return workbook_bytes(workbook, _FIXED)


def _style(sheet: Any, widths: Sequence[int], *, wrap_from: int = 1) -> None:
    """Bold frozen header, wrapped text from column `wrap_from`, the given column widths."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for header in sheet[1]:
        header.font = Font(bold=True)
    top = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2, min_col=wrap_from):
        for value in row:
            value.alignment = top
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _append(sheet: Any, values: Iterable[str]) -> None:
    sheet.append([cell(value, lines=True) for value in values])


def _readme(workbook: Any, framework: Framework, names: Names, role_titles: list[str]) -> None:
    sheet = workbook.create_sheet(README_SHEET)
    info = framework.info
    lines = [
        (names.text(info.title), ""),
        ("Framework", f"{info.id} {info.version}"),
        ("Content hash", framework.content_hash),
        ("", ""),
        (
            "How to read",
            "Each role sheet lists the competencies down and the levels across. A cell "
            "names the step the level expects, then the behaviours that are new at that "
            "level; the level inherits everything the cells to its left show.",
        ),
        (
            LONG_TABLE_SHEET,
            "Every text of the framework, one row per text and locale: filter the field "
            "column on 'behaviour' for the behaviours. `competency import` reads this "
            "sheet back into a framework folder; edit it there, not the role sheets.",
        ),
        ("Roles", ", ".join(role_titles)),
        ("", ""),
        ("Scale, lowest first", ""),
    ]
    lines.extend((names.text(step.name), names.text(step.meaning)) for step in framework.info.scale)
    for line in lines:
        _append(sheet, line)
    _style(sheet, (28, 100))


def _role_sheet(
    workbook: Any, framework: Framework, names: Names, role_id: str, title: str
) -> None:
    sheet = workbook.create_sheet(title)
    role = framework.role(role_id)
    grades = {grade.id: names.text(grade.name) for grade in framework.info.grades}
    header = ["Competency"] + [
        f"{names.text(level.title)} ({level.id}, {grades.get(level.grade, level.grade)})"
        for level in role.levels
    ]
    _append(sheet, header)
    cells: dict[str, dict[str, str]] = {}
    for level in role.levels:
        for change in framework.what_is_new(f"{role.id}@{level.id}"):
            new = [f"• {names.text(item.info.behaviour.text)}" for item in change.new]
            lines = [names.step(change.step), *(new or ["(nothing new)"])]
            cells.setdefault(change.competency, {})[level.id] = "\n".join(lines)
    for competency_id, by_level in cells.items():
        _append(
            sheet,
            [names.competency(competency_id), *(by_level.get(lv.id, "") for lv in role.levels)],
        )
    sheet.freeze_panes = "B2"
    _style(sheet, (28, *([45] * len(role.levels))))


def _long_table_sheet(workbook: Any, framework: Framework) -> None:
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(LONG_TABLE_SHEET)
    _append(sheet, COLUMNS)
    rows = [row.cells() for row in long_table(framework)]
    for row in rows:
        _append(sheet, row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 1)}"
    widths = [
        min(max([len(name), *(len(row[i]) for row in rows)]) + 2, _WIDEST)
        for i, name in enumerate(COLUMNS)
    ]
    _style(sheet, widths)
