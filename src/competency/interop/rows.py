"""Reading the rows of a help-desk or tracker export, one at a time (what `suggest` reads).

An export is CSV, an XLSX workbook (its first sheet), a JSON array of
objects or JSON Lines. Each is read as a stream: a CSV row, a JSON Lines
line, a JSON array element or a sheet row at a time, so a 200,000-row
export needs no more memory than one row. The kind is chosen by the file's
suffix (``.csv``, ``.tsv``, ``.xlsx``/``.xlsm``, ``.json``, ``.jsonl``/
``.ndjson``), else by its first bytes.

Rows are numbered from 1, the header not counted: the Nth record of a CSV
or sheet, the Nth element of a JSON array, the line of a JSON Lines file.
A column name the header repeats (Jira writes "Labels" once per label)
holds the list of its values. A field is found by its exact column name
or key, else by the same name in any case, else (JSON only) as a dotted path into nested objects:
``author.login``; a path through a list collects the values of every
element (``labels.name``).

A problem with the export as a whole (not UTF-8, not a CSV, a JSON array
that stops half way, a workbook too large to unpack) is an `ExportError`
carrying a `Diagnostic` with its place; a problem with one JSON Lines line
or one element is that row's (`ExportRow.problem`).
"""

from __future__ import annotations

import csv
import json
import math
import operator
import os
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, Literal

from competency.diagnostics import CompetencyError, Diagnostic
from competency.interop.spreadsheet import MissingDependencyError

__all__ = [
    "MAX_ELEMENT_CHARS",
    "ExportError",
    "ExportKind",
    "ExportRow",
    "Picked",
    "Rows",
    "export_kind",
    "read_rows",
]

ExportKind = Literal["csv", "tsv", "xlsx", "json", "jsonl"]
#: The longest one JSON array element or JSON Lines line may be (in characters).
MAX_ELEMENT_CHARS = 1024 * 1024
_SUFFIXES: dict[str, ExportKind] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_BLOCK = 1 << 16


class ExportError(CompetencyError, ValueError):
    """The export cannot be read as a whole; `diagnostic` says where and why."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One row of an export: its number (from 1, the header not counted) and its values."""

    number: int
    data: dict[str, Any]
    """Column name (or key) -> value: text for CSV, cell values for XLSX, JSON values."""
    problem: str = ""
    """Why this row cannot be read ('' when it can): a JSON Lines line that is not an object."""

    def values(self, name: str) -> list[str]:
        """Every text the field `name` holds: one for a column, several for a list."""
        found = self.data.get(name, _MISSING)
        if type(found) is str:  # a CSV cell under its exact name: most lookups
            return [found] if found else []
        if found is _MISSING:
            found = _lookup(self.data, name)
        if found is _MISSING:
            return []
        return [text for text in _texts(found) if text != ""]

    def has(self, name: str) -> bool:
        """Whether the row has the field `name` at all (even blank)."""
        return _lookup(self.data, name) is not _MISSING

    def text(self, name: str) -> str:
        """The field's text, stripped; several values joined with ', ' ('' when blank)."""
        found = self.data.get(name)
        if type(found) is str:  # a CSV cell under its exact name
            return found.strip()
        return ", ".join(value.strip() for value in self.values(name) if value.strip())


_MISSING: Any = object()


def _lookup(data: dict[str, Any], name: str) -> Any:
    if name in data:
        return data[name]
    folded = name.strip().casefold()
    for key, value in data.items():
        if isinstance(key, str) and key.strip().casefold() == folded:
            return value
    if "." not in name:
        return _MISSING
    found: list[Any] = [data]
    for part in name.split("."):
        step: list[Any] = []
        for value in found:
            for each in value if isinstance(value, list) else [value]:
                if isinstance(each, dict) and part in each:
                    step.append(each[part])
        if not step:
            return _MISSING
        found = step
    return found if len(found) > 1 else found[0]


def _texts(value: Any) -> list[str]:
    """The texts of a value: scalars as text, lists flattened, objects and null left out."""
    if value is None or isinstance(value, dict):
        return []
    if isinstance(value, list):
        return [text for each in value for text in _texts(each)]
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, float):
        if not math.isfinite(value):
            return []
        return [str(int(value)) if value.is_integer() else str(value)]
    if isinstance(value, datetime | date | time):
        return [value.isoformat()]
    return [str(value)]


def export_kind(path: Path) -> ExportKind:
    """The kind of export at `path`: by its suffix, else by its first bytes."""
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is not None:
        return kind
    with path.open("rb") as stream:
        start = stream.read(4096)
    if start.startswith(b"PK\x03\x04"):
        return "xlsx"
    stripped = start.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        return "jsonl"
    return "csv"


#: One row as `Rows.picked` gives it: its number, its problem ('' when none), the raw
#: texts of the fields asked for as texts (strip them for `ExportRow.text`'s answer),
#: and a key of the values of the fields asked for as lists, for `Rows.values_of`.
Picked = tuple[int, str, tuple[str, ...], tuple[Any, ...]]


@dataclass
class Rows:
    """The rows of one export as an iterator, and the columns its header names (if any)."""

    kind: ExportKind
    columns: tuple[str, ...] | None
    """The header's column names (CSV, XLSX); None for JSON, whose keys vary by row."""
    rows: Iterator[ExportRow]
    table: _CsvTable | None = field(default=None, repr=False)
    """A CSV whose header names each column once (in any case): `picked` reads its
    records by column index, without an `ExportRow` a row."""

    def picked(self, texts: Sequence[str | None], lists: Sequence[str]) -> Iterator[Picked]:
        """The rows (either this or `rows`, once), each with only the fields it is asked
        for: `texts` (None: always '') and `lists` (see `Picked`)."""
        if self.table is not None:
            return self.table.picked(texts, lists)
        return _picked(self.rows, texts, lists)

    def values_of(self, key: tuple[Any, ...]) -> tuple[tuple[str, ...], ...]:
        """The values of each field asked for as a list, from a `Picked` key: what
        `ExportRow.values` gives."""
        if self.table is None:
            return key
        return tuple((text,) if text else () for text in key)


def _picked(
    rows: Iterator[ExportRow], texts: Sequence[str | None], lists: Sequence[str]
) -> Iterator[Picked]:
    for row in rows:
        yield (
            row.number,
            row.problem,
            tuple(row.text(name) if name is not None else "" for name in texts),
            tuple(tuple(row.values(name)) for name in lists),
        )


@dataclass
class _CsvTable:
    """A CSV reader past a header that names each column once (in any case)."""

    reader: Any
    stream: IO[str]
    shown: str
    names: tuple[str, ...]

    def index(self, name: str | None) -> int:
        """The column of `name` as `ExportRow` finds it (exactly, else in any case), or
        past the last column when there is none."""
        if name is None:
            return len(self.names)
        if name in self.names:
            return self.names.index(name)
        folded = name.strip().casefold()
        for index, column in enumerate(self.names):
            if column.casefold() == folded:
                return index
        return len(self.names)  # a dotted path finds nothing in a CSV's text cells

    def picked(self, texts: Sequence[str | None], lists: Sequence[str]) -> Iterator[Picked]:
        text_at = [self.index(name) for name in texts]
        list_at = [self.index(name) for name in lists]
        columns = len(self.names)
        width = max([*text_at, *list_at], default=0) + 1
        # A field with no column reads the one past the last: a row longer than the
        # header is cut there (its extra values have no name), as every row is padded.
        missing = width > columns
        get_texts = _getter(text_at)
        get_lists = _getter(list_at)
        reader, shown = self.reader, self.shown
        with self.stream:
            number = 0
            line = reader.line_num
            try:
                for values in reader:
                    number += 1
                    line = reader.line_num
                    if not "".join(values).strip():
                        continue
                    if len(values) < width or (missing and len(values) > columns):
                        values = values[:columns] + [""] * (width - min(len(values), columns))
                    yield number, "", get_texts(values), get_lists(values)
            except UnicodeDecodeError:
                raise _problem(
                    shown, line + 1, 1, "not UTF-8 text; save the export as UTF-8"
                ) from None
            except csv.Error as error:
                raise _problem(shown, line + 1, 1, f"not a CSV file: {error}") from None


def _getter(indexes: list[int]) -> Any:
    """A function of a record: the tuple of its values at `indexes`."""
    if not indexes:
        return lambda values: ()
    if len(indexes) == 1:
        only = indexes[0]
        return lambda values: (values[only],)
    return operator.itemgetter(*indexes)


def read_rows(path: str | os.PathLike[str], display: str | None = None) -> Rows:
    """The rows of the export at `path`, read as they are iterated.

    Raises `ExportError` when the file cannot be opened or its start is not
    the kind it claims; later problems with the whole file are raised while
    iterating. Reading ``.xlsx`` needs openpyxl (`MissingDependencyError`).
    """
    shown = display if display is not None else os.fspath(path)
    file = Path(path)
    if not file.is_file():
        raise ExportError(Diagnostic.make(shown, 1, 1, "I100", "file not found, or not a file"))
    try:
        kind = export_kind(file)
    except OSError as error:
        raise ExportError(
            Diagnostic.make(shown, 1, 1, "I100", f"cannot be read: {error.strerror or error}")
        ) from None
    if kind in {"csv", "tsv"}:
        return _csv_rows(file, shown, kind)
    if kind == "xlsx":
        return _xlsx_rows(file, shown)
    if kind == "json":
        return Rows(kind, None, _json_array(file, shown))
    return Rows(kind, None, _json_lines(file, shown))


def _problem(shown: str, line: int, column: int, message: str) -> ExportError:
    return ExportError(Diagnostic.make(shown, line, column, "I100", message))


# --- CSV ------------------------------------------------------------------------------


def _open_text(file: Path, shown: str) -> IO[str]:
    try:
        return file.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise _problem(shown, 1, 1, f"cannot be read: {error.strerror or error}") from None


def _csv_rows(file: Path, shown: str, kind: ExportKind) -> Rows:
    stream = _open_text(file, shown)
    reader = csv.reader(stream, delimiter="\t" if kind == "tsv" else ",")
    try:
        header = _csv_next(reader, stream, shown, 1)
    except BaseException:
        stream.close()
        raise
    if header is None or not any(name.strip() for name in header):
        stream.close()
        raise _problem(shown, 1, 1, "no header row; the first row names the columns")
    names = tuple(name.strip() for name in header)
    table = None
    if all(names) and len({name.casefold() for name in names}) == len(names):
        table = _CsvTable(reader, stream, shown, names)
    return Rows(kind, names, _csv_records(reader, stream, shown, names), table)


def _csv_next(reader: Any, stream: IO[str], shown: str, line: int) -> list[str] | None:
    try:
        return next(reader)  # type: ignore[no-any-return]
    except StopIteration:
        return None
    except UnicodeDecodeError:
        raise _problem(shown, line, 1, "not UTF-8 text; save the export as UTF-8") from None
    except csv.Error as error:
        raise _problem(shown, line, 1, f"not a CSV file: {error}") from None


def _csv_records(
    reader: Any, stream: IO[str], shown: str, names: tuple[str, ...]
) -> Iterator[ExportRow]:
    repeated = {name for name in names if names.count(name) > 1}
    plain = not repeated and all(names)
    with stream:
        number = 0
        while True:
            values = _csv_next(reader, stream, shown, reader.line_num + 1)
            if values is None:
                return
            number += 1
            if not "".join(values).strip():
                continue
            if plain:  # no blank or repeated column name: the usual header
                yield ExportRow(number, dict(zip(names, values, strict=False)))
                continue
            data: dict[str, Any] = {}
            for name, value in zip(names, values, strict=False):
                if not name:
                    continue
                if name in repeated:  # Jira repeats "Labels" once per label: a list
                    data.setdefault(name, []).append(value)
                else:
                    data[name] = value
            yield ExportRow(number, data)


# --- JSON -----------------------------------------------------------------------------


def _json_lines(file: Path, shown: str) -> Iterator[ExportRow]:
    with _open_text(file, shown) as stream:
        line = 0
        while True:
            try:
                text = stream.readline(MAX_ELEMENT_CHARS + 1)
            except UnicodeDecodeError:
                raise _problem(
                    shown, line + 1, 1, "not UTF-8 text; save the export as UTF-8"
                ) from None
            if not text:
                return
            line += 1
            if len(text) > MAX_ELEMENT_CHARS and not text.endswith("\n"):
                raise _problem(shown, line, 1, f"a line longer than {MAX_ELEMENT_CHARS} characters")
            if not text.strip():
                continue
            try:
                value = json.loads(text)
            except (json.JSONDecodeError, RecursionError) as error:
                yield ExportRow(line, {}, f"not JSON: {_json_reason(error)}")
                continue
            if not isinstance(value, dict):
                yield ExportRow(line, {}, "not a JSON object")
                continue
            yield ExportRow(line, value)


def _json_reason(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} (column {error.colno})"
    return "nested too deeply"


def _json_array(file: Path, shown: str) -> Iterator[ExportRow]:
    """The elements of a JSON array, decoded one at a time from a sliding buffer."""
    decoder = json.JSONDecoder()
    with _open_text(file, shown) as stream:
        reader = _Buffer(stream, shown)
        if reader.skip_space() != "[":
            raise reader.error("expected a JSON array of objects ('[' at the start)")
        reader.position += 1
        number = 0
        if reader.skip_space() == "]":
            reader.position += 1
            _json_end(reader)
            return
        while True:
            reader.skip_space()
            value = reader.decode(decoder)
            number += 1
            if isinstance(value, dict):
                yield ExportRow(number, value)
            else:
                yield ExportRow(number, {}, "not a JSON object")
            following = reader.skip_space()
            reader.position += 1
            if following == "]":
                _json_end(reader)
                return
            if following != ",":
                reader.position -= 1
                raise reader.error("expected ',' or ']' after an element of the array")


def _json_end(reader: _Buffer) -> None:
    if reader.skip_space() != "":
        raise reader.error("more after the end of the JSON array")


class _Buffer:
    """A window on a text stream for decoding JSON values one after another."""

    def __init__(self, stream: IO[str], shown: str) -> None:
        self.stream, self.shown = stream, shown
        self.text, self.position, self.done = "", 0, False
        self.line, self.column = 1, 0  # where text[0] is: its line, and its column from 0

    def _more(self) -> bool:
        if self.done:
            return False
        try:
            block = self.stream.read(_BLOCK)
        except UnicodeDecodeError:
            raise self.error("not UTF-8 text; save the export as UTF-8") from None
        if not block:
            self.done = True
            return False
        kept = self.text[self.position :]
        dropped = self.text[: self.position]
        last = dropped.rfind("\n")
        if last < 0:
            self.column += len(dropped)
        else:
            self.line += dropped.count("\n")
            self.column = len(dropped) - last - 1
        self.text, self.position = kept + block, 0
        return True

    def skip_space(self) -> str:
        """Move past whitespace; the next character ('' at the end)."""
        while True:
            while self.position < len(self.text) and self.text[self.position] in " \t\r\n":
                self.position += 1
            if self.position < len(self.text):
                return self.text[self.position]
            if not self._more():
                return ""

    def decode(self, decoder: json.JSONDecoder) -> Any:
        while True:
            try:
                value, end = decoder.raw_decode(self.text, self.position)
            except json.JSONDecodeError as error:
                if len(self.text) - self.position > MAX_ELEMENT_CHARS:
                    raise self.error(
                        f"an element longer than {MAX_ELEMENT_CHARS} characters"
                    ) from None
                if self._more():
                    continue
                self.position = max(error.pos, self.position)
                raise self.error(f"not JSON: {error.msg}") from None
            except RecursionError:
                raise self.error("not JSON: nested too deeply") from None
            if end == len(self.text) and not self.done and self._more():
                continue  # a number may go on in the next block
            self.position = end
            return value

    def error(self, message: str) -> ExportError:
        before = self.text[: self.position]
        last = before.rfind("\n")
        if last < 0:
            return _problem(self.shown, self.line, self.column + self.position + 1, message)
        line = self.line + before.count("\n")
        return _problem(self.shown, line, self.position - last, message)


# --- XLSX -----------------------------------------------------------------------------


def _xlsx_rows(file: Path, shown: str) -> Rows:
    try:
        from openpyxl.reader.excel import ExcelReader
        from openpyxl.styles.stylesheet import apply_stylesheet
    except ModuleNotFoundError:
        raise MissingDependencyError(
            "reading .xlsx needs openpyxl: pip install 'competency[xlsx]'"
        ) from None
    from competency.interop.reader import _shared_strings, _unzipped_size_refused

    refused = _unzipped_size_refused(file)
    if refused:
        raise _problem(shown, 1, 1, refused.replace("a framework's long table", "an export"))
    try:
        reader = ExcelReader(file, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        message = f"not a readable .xlsx workbook ({type(error).__name__})"
        raise _problem(shown, 1, 1, message) from None
    try:
        reader.read_manifest()
        reader.shared_strings = _shared_strings(reader)
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        sheets = [
            (sheet.name, rel.target)
            for sheet, rel in reader.parser.find_sheets()
            if rel.target in reader.valid_files
        ]
    except Exception as error:  # as above
        reader.archive.close()
        raise _problem(
            shown, 1, 1, f"not a readable .xlsx workbook ({type(error).__name__})"
        ) from None
    if not sheets:
        reader.archive.close()
        raise _problem(shown, 1, 1, "the workbook has no sheet")
    name, target = sheets[0]
    sheet_shown = f"{shown}[{name}]"
    records = _xlsx_records(reader, target, sheet_shown)
    try:
        header = next(records, None)
    except BaseException:
        reader.archive.close()
        raise
    if header is None or not any(text.strip() for text in header[1].values()):
        reader.archive.close()
        raise _problem(sheet_shown, 1, 1, "no header row; the first row names the columns")
    names = {column: text.strip() for column, text in header[1].items() if text.strip()}
    return Rows("xlsx", tuple(names.values()), _xlsx_data(records, names, header[0]))


def _xlsx_records(reader: Any, target: str, shown: str) -> Iterator[tuple[int, dict[int, Any]]]:
    from openpyxl.worksheet._reader import WorkSheetParser

    workbook = reader.wb
    try:
        with reader.archive.open(target) as source, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parser = WorkSheetParser(
                source,
                reader.shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                yield (
                    number,
                    {cell["column"]: cell["value"] for cell in cells if cell["value"] is not None},
                )
    except ExportError:
        raise
    except Exception as error:  # a damaged sheet: a bad row number, string index, XML
        raise _problem(shown, 1, 1, f"not a readable sheet ({type(error).__name__})") from None
    finally:
        reader.archive.close()


def _xlsx_data(
    records: Iterator[tuple[int, dict[int, Any]]], names: dict[int, str], header: int
) -> Iterator[ExportRow]:
    for number, cells in records:
        data = {names[column]: value for column, value in cells.items() if column in names}
        if not any(_texts(value) and str(value).strip() for value in data.values()):
            continue
        yield ExportRow(number - header, data)
