"""Reading a long table from CSV or XLSX into cells that know their sheet, row and column.

The columns are the long table's, `competency.interop.table.COLUMNS`: the
reader checks the header row against them (every one present, no unknown
name, with a "did you mean" hint) and leaves what the values mean to
`competency.interop.importer`. It refuses what a table of text cannot hold
(formulas, merged cells), notes the type of every cell (a number typed into a spreadsheet is
not text), skips blank rows and reports every problem as a `Diagnostic`
whose file is ``FILE`` for CSV and ``FILE[SHEET]`` for a workbook, with the
row as the line and the column number as the column.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal

from competency.diagnostics import Diagnostic
from competency.escape import from_cell
from competency.framework import closest
from competency.interop.spreadsheet import LONG_TABLE_SHEET, MissingDependencyError
from competency.interop.table import COLUMNS

__all__ = ["MAX_BYTES", "Cell", "CellKind", "Table", "TableRow", "column_letter", "read_table"]

#: Files larger than this are refused before they are parsed.
MAX_BYTES = 20 * 1024 * 1024
CellKind = Literal["text", "number", "boolean", "date"]


def column_letter(column: int) -> str:
    """The spreadsheet name of a 1-based column number: 1 is A, 27 is AA."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's value as text, what kind of value the file held, and where it is."""

    text: str
    kind: CellKind
    row: int
    column: int


@dataclass
class TableRow:
    """One non-blank data row: its number in the file and its cells by column name."""

    number: int
    cells: dict[str, Cell]

    def text(self, column: str) -> str:
        """The text of a column, stripped ('' when blank)."""
        found = self.cells.get(column)
        return found.text.strip() if found is not None else ""


@dataclass
class Table:
    """A long table as read: where it came from, its columns and rows, and the problems met."""

    source: str
    columns: dict[str, int] = field(default_factory=dict)
    rows: list[TableRow] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def problem(self, row: int, column: int, code: str, message: str) -> None:
        """Record a problem at a row and column of this table."""
        where = f"cell {column_letter(column)}{row}: " if row and column else ""
        self.diagnostics.append(Diagnostic.make(self.source, row, column, code, where + message))

    def at(self, cell: Cell, code: str, message: str) -> None:
        """Record a problem at `cell`."""
        self.problem(cell.row, cell.column, code, message)


def read_table(path: str | os.PathLike[str], display: str | None = None) -> Table:
    """The long table in a ``.csv`` or ``.xlsx`` file; problems are in its diagnostics."""
    shown = display if display is not None else os.fspath(path)
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise IsADirectoryError(shown)
    except OSError:
        return _unreadable(shown, "file not found, or not a file")
    if size > MAX_BYTES:
        return _unreadable(shown, f"file too large ({size} bytes; at most {MAX_BYTES})")
    suffix = file.suffix.lower()
    if suffix == ".csv":
        return _read_csv(file, shown)
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(file, shown)
    return _unreadable(shown, "not a .csv or .xlsx file")


def _unreadable(shown: str, message: str) -> Table:
    """A table that could not be read at all: one problem at the file's start."""
    table = Table(shown)
    table.diagnostics.append(Diagnostic.make(shown, 1, 1, "I100", message))
    return table


# --- CSV ------------------------------------------------------------------------------


def _read_csv(file: Path, shown: str) -> Table:
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as error:
        return _unreadable(shown, f"cannot be read: {error.strerror or error}")
    except UnicodeDecodeError:
        return _unreadable(shown, "not UTF-8 text; save the CSV as UTF-8")
    table = Table(shown)
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[Cell]]] = []
    line = 1
    try:
        for values in reader:
            cells = [_csv_cell(value, line, index, table) for index, value in enumerate(values, 1)]
            records.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        table.problem(line, 1, "I100", f"not a CSV file: {error}")
        return table
    _rows(table, records)
    return table


def _csv_cell(value: str, line: int, column: int, table: Table) -> Cell:
    if value.startswith("="):
        table.problem(
            line, column, "I106", "a formula; write '= at the start to mean the text itself"
        )
    return Cell(from_cell(value), "text", line, column)


# --- XLSX -----------------------------------------------------------------------------


def _read_xlsx(file: Path, shown: str) -> Table:
    try:
        import openpyxl
    except ModuleNotFoundError:
        raise MissingDependencyError(
            "reading .xlsx needs openpyxl: pip install 'competency[xlsx]'"
        ) from None
    try:
        workbook = openpyxl.load_workbook(file, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        return _unreadable(shown, f"not a readable .xlsx workbook ({type(error).__name__})")
    if LONG_TABLE_SHEET not in workbook.sheetnames:
        return _unreadable(shown, f"no sheet named '{LONG_TABLE_SHEET}' in the workbook")
    sheet = workbook[LONG_TABLE_SHEET]
    table = Table(f"{shown}[{LONG_TABLE_SHEET}]")
    for merged in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        table.problem(
            merged.min_row,
            merged.min_col,
            "I105",
            f"merged cells ({merged.coord}); unmerge them and fill each cell",
        )
    records = []
    for number, values in enumerate(sheet.iter_rows(), start=1):
        cells = [_xlsx_cell(value, table) for value in values]
        records.append((number, [c for c in cells if c is not None]))
    _rows(table, records)
    return table


def _xlsx_cell(source: Any, table: Table) -> Cell | None:
    value = source.value
    row, column = source.row, source.column
    if value is None:
        return None
    if source.data_type == "f" or not isinstance(value, str | int | float | date | time):
        table.problem(row, column, "I106", "a formula; type the value itself as text")
        return Cell("", "text", row, column)
    if isinstance(value, bool):
        return Cell("true" if value else "false", "boolean", row, column)
    if isinstance(value, int | float):
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        return Cell(str(number), "number", row, column)
    if isinstance(value, datetime | date | time):
        return Cell(value.isoformat(), "date", row, column)
    if source.data_type == "e":
        table.problem(row, column, "I106", f"an error value ({value}) where a value belongs")
        return Cell("", "text", row, column)
    return Cell(from_cell(value), "text", row, column)


# --- rows -----------------------------------------------------------------------------


def _rows(table: Table, records: list[tuple[int, list[Cell]]]) -> None:
    """Find the header in the first row, then keep the non-blank rows under it."""
    if not records or not any(c.text.strip() for c in records[0][1]):
        table.problem(1, 1, "I101", f"no header row; the first row names the columns: {_all()}")
        return
    header_line, header = records[0]
    for found in header:
        name = found.text.strip().lower()
        if not name:
            continue
        if name in table.columns:
            table.at(found, "I102", f"column '{name}' appears twice")
        elif name in COLUMNS:
            table.columns[name] = found.column
        else:
            hint = closest(name, [c for c in COLUMNS if c not in table.columns])
            advice = f"; did you mean '{hint}'?" if hint else f"; the columns are {_all()}"
            table.at(found, "I102", f"unknown column '{found.text.strip()}'{advice}")
    missing = [name for name in COLUMNS if name not in table.columns]
    if missing:
        table.problem(
            header_line,
            1,
            "I101",
            f"missing column(s): {', '.join(missing)}; the columns are {_all()}",
        )
    by_column = {index: name for name, index in table.columns.items()}
    pending_blank: list[int] = []
    for number, cells in records[1:]:
        kept = {by_column[c.column]: c for c in cells if c.column in by_column}
        if not any(c.text.strip() for c in cells):
            pending_blank.append(number)
            continue
        for blank in pending_blank:  # blank rows at the end of a sheet are no problem
            table.problem(blank, 1, "I103", "blank row; it is skipped")
        pending_blank = []
        table.rows.append(TableRow(number, kept))


def _all() -> str:
    return ", ".join(COLUMNS)
