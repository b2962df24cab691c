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
import math
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, Literal

from competency.diagnostics import Diagnostic
from competency.escape import from_cell
from competency.framework import closest
from competency.interop.spreadsheet import LONG_TABLE_SHEET, MissingDependencyError
from competency.interop.table import COLUMNS
from competency.load import MAX_PROBLEMS_PER_FILE

__all__ = [
    "MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_MERGED",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
    "MAX_XML_TAGS",
    "Cell",
    "CellKind",
    "Table",
    "TableRow",
    "column_letter",
    "read_table",
]

#: Files larger than this are refused before they are parsed.
MAX_BYTES = 20 * 1024 * 1024
#: A workbook whose parts unpack to more than this is refused before it is unpacked.
MAX_UNZIPPED_BYTES = 32 * 1024 * 1024
#: Rows (by their number in the file) and columns past these are refused, not read.
MAX_ROWS = 100_000
MAX_COLUMNS = 100
#: More merged ranges than this and the sheet is not read further.
MAX_MERGED = 1_000
#: More XML tags than this in a workbook and it is not read.
MAX_XML_TAGS = 2_000_000
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SI, _T, _R = _MAIN + "si", _MAIN + "t", _MAIN + "r"
#: A ``<mergeCell ref="A1:B2"/>`` element, with or without a namespace prefix.
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*[\"']([^\"']{0,64})")
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

    @property
    def full(self) -> bool:
        """True once the cap on problems per file is reached: nothing more is recorded."""
        return len(self.diagnostics) > MAX_PROBLEMS_PER_FILE

    def problem(self, row: int, column: int, code: str, message: str) -> None:
        """Record a problem at a row and column of this table, at most 100 (then one Y111)."""
        if self.full:
            return
        if len(self.diagnostics) == MAX_PROBLEMS_PER_FILE:
            message = f"more than {MAX_PROBLEMS_PER_FILE} problems; the rest is not reported"
            self.diagnostics.append(Diagnostic.make(self.source, row, column, "Y111", message))
            return
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
        with file.open("rb") as stream:  # the cap applies to what is read, not the size shown
            data = stream.read(MAX_BYTES + 1)
    except OSError as error:
        return _unreadable(shown, f"cannot be read: {error.strerror or error}")
    if len(data) > MAX_BYTES:
        return _unreadable(shown, f"file too large (more than {MAX_BYTES} bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return _unreadable(shown, "not UTF-8 text; save the CSV as UTF-8")
    table = Table(shown)
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[Cell]]] = []
    line = 1
    try:
        for values in reader:
            if len(records) >= MAX_ROWS:
                table.problem(
                    line, 1, "I100", f"more than {MAX_ROWS} rows; at most that many are read"
                )
                return table
            if any(value.strip() for value in values[MAX_COLUMNS:]):
                table.problem(
                    line,
                    MAX_COLUMNS,
                    "I100",
                    f"a row of {len(values)} columns; at most {MAX_COLUMNS} columns are read",
                )
                return table
            cells = [
                _csv_cell(value, line, index, table)
                for index, value in enumerate(values[:MAX_COLUMNS], 1)
            ]
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
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet
        from openpyxl.worksheet._reader import WorkSheetParser
    except ModuleNotFoundError:
        raise MissingDependencyError(
            "reading .xlsx needs openpyxl: pip install 'competency[xlsx]'"
        ) from None
    refused = _unzipped_size_refused(file)
    if refused:
        return _unreadable(shown, refused)
    # openpyxl's own parts read the strings, the styles (which cells are dates) and
    # the list of sheets; the sheet's rows are parsed here as they come. Neither
    # load_workbook's worksheets (one object per cell of every merged range, or a
    # whole pass over the sheet for its size) nor the sheet's declared dimensions
    # (one cell at XFD1048576 would lay out billions) are used.
    try:
        reader = ExcelReader(file, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        return _unreadable(shown, f"not a readable .xlsx workbook ({type(error).__name__})")
    try:
        try:
            reader.read_manifest()
            reader.shared_strings = _shared_strings(reader)
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            sheets = {
                sheet.name: rel.target
                for sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files
            }
        except Exception as error:  # as above
            return _unreadable(shown, f"not a readable .xlsx workbook ({type(error).__name__})")
        if LONG_TABLE_SHEET not in sheets:
            return _unreadable(shown, f"no sheet named '{LONG_TABLE_SHEET}' in the workbook")
        table = Table(f"{shown}[{LONG_TABLE_SHEET}]")
        workbook = reader.wb
        try:
            with reader.archive.open(sheets[LONG_TABLE_SHEET]) as source:
                if not _merged(source, table):
                    return table
            with reader.archive.open(sheets[LONG_TABLE_SHEET]) as source, warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a date out of range is an error value below
                parser = WorkSheetParser(
                    source,
                    reader.shared_strings,
                    data_only=False,
                    epoch=workbook.epoch,
                    date_formats=workbook._date_formats,
                    timedelta_formats=workbook._timedelta_formats,
                )
                records = _xlsx_records(parser.parse(), table)
        except Exception as error:  # a damaged sheet: a bad row number, string index, XML
            table.problem(1, 1, "I100", f"not a readable sheet ({type(error).__name__})")
            return table
    finally:
        reader.archive.close()
    if records is not None:
        _rows(table, records)
    return table


def _unzipped_size_refused(file: Path) -> str:
    """Why a workbook is refused before openpyxl reads it ('' when it is not).

    The sizes are those the archive declares; Python's zip reader never gives
    more bytes than a member declares, so they bound the work even when false.
    Then the XML tags are counted (a fast count of ``<``): parsing costs by the
    element, and a few bytes make one (``<row/>``, ``<si/>``).
    """
    try:
        with zipfile.ZipFile(file) as archive:
            total = sum(info.file_size for info in archive.infolist())
            if total > MAX_UNZIPPED_BYTES:
                return (
                    f"the workbook unpacks to {total} bytes; at most {MAX_UNZIPPED_BYTES} are "
                    "read (a zip bomb, or far more than a framework's long table)"
                )
            tags = 0
            for info in archive.infolist():
                with archive.open(info) as member:
                    while block := member.read(1 << 20):
                        tags += block.count(b"<")
            if tags > MAX_XML_TAGS:
                return (
                    f"the workbook holds more than {MAX_XML_TAGS} XML tags "
                    "(far more than a framework's long table)"
                )
    except (OSError, zipfile.BadZipFile, ValueError, EOFError, RuntimeError, zlib.error):
        return ""  # openpyxl says what is wrong with it
    return ""


def _shared_strings(reader: Any) -> list[str]:
    """The workbook's shared strings: each ``<si>``'s text, phonetic runs left out.

    What openpyxl's own table reader gives, at a fraction of the cost per string.
    """
    from openpyxl.xml.constants import SHARED_STRINGS
    from openpyxl.xml.functions import iterparse  # defusedxml's when installed, as openpyxl

    part = reader.package.find(SHARED_STRINGS)
    if part is None:
        return []
    strings: list[str] = []
    with reader.archive.open(part.PartName[1:]) as source:
        for _, node in iterparse(source):
            if node.tag == _SI:
                runs = [node.find(_T), *(run.find(_T) for run in node.iterfind(_R))]
                text = "".join(run.text or "" for run in runs if run is not None)
                strings.append(text.replace("x005F_", ""))
                node.clear()
    return strings


def _merged(source: IO[bytes], table: Table) -> bool:
    """Report the merged ranges of a sheet (I105); False when there are too many to read on.

    The sheet's XML is scanned as bytes, a block at a time, for ``<mergeCell``
    elements: building an element per row only to find them costs seconds on a
    sheet of two million empty rows.
    """
    from openpyxl.utils.cell import range_boundaries

    count = 0
    rest = b""
    while block := source.read(1 << 20):
        text = rest + block
        cut = text.rfind(b"<")
        text, rest = (text[:cut], text[cut:]) if cut >= 0 else (text, b"")
        for found in _MERGE.finditer(text):
            count += 1
            if count > MAX_MERGED or table.full:
                table.problem(
                    1,
                    1,
                    "I100",
                    f"more than {MAX_MERGED} merged ranges; unmerge them and fill each cell",
                )
                return False
            ref = found.group(1).decode("ascii", "replace")
            try:
                column, row = range_boundaries(ref)[:2]
            except (ValueError, TypeError):
                column, row = 1, 1
            table.problem(
                row or 1,
                column or 1,
                "I105",
                f"merged cells ({ref}); unmerge them and fill each cell",
            )
    return True


def _xlsx_records(
    rows: Iterator[tuple[int, list[dict[str, Any]]]], table: Table
) -> list[tuple[int, list[Cell]]] | None:
    """The rows the sheet holds, gaps filled with blank rows; None past a limit."""
    records: list[tuple[int, list[Cell]]] = []
    for number, values in rows:
        if number > MAX_ROWS:
            table.problem(number, 1, "I100", f"at most {MAX_ROWS} rows are read")
            return None
        last = records[-1][0] if records else 0
        records.extend((blank, []) for blank in range(last + 1, number))
        cells = []
        for value in values:
            found = _xlsx_cell(value, table)
            if found is None:
                continue
            if found.column > MAX_COLUMNS:
                table.problem(
                    number,
                    MAX_COLUMNS,
                    "I100",
                    f"a value in column {column_letter(found.column)}; "
                    f"at most {MAX_COLUMNS} columns are read",
                )
                return None
            cells.append(found)
        records.append((number, cells))
    return records


def _xlsx_cell(source: dict[str, Any], table: Table) -> Cell | None:
    value = source["value"]
    row, column = source["row"], source["column"]
    if value is None:
        return None
    if source["data_type"] == "f" or not isinstance(value, str | int | float | date | time):
        table.problem(row, column, "I106", "a formula; type the value itself as text")
        return Cell("", "text", row, column)
    if isinstance(value, bool):
        return Cell("true" if value else "false", "boolean", row, column)
    if isinstance(value, float) and not math.isfinite(value):
        table.problem(row, column, "I107", f"'{value}' is not a finite number")
        return Cell("", "text", row, column)
    if isinstance(value, int | float):
        number = int(value) if isinstance(value, float) and value.is_integer() else value
        return Cell(str(number), "number", row, column)
    if isinstance(value, datetime | date | time):
        return Cell(value.isoformat(), "date", row, column)
    if source["data_type"] == "e":
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
            if table.full:
                break
            table.problem(blank, 1, "I103", "blank row; it is skipped")
        pending_blank = []
        table.rows.append(TableRow(number, kept))


def _all() -> str:
    return ", ".join(COLUMNS)
