"""The Arrow side of the analytics tables: schemas, batches, and Parquet written in row groups.

pyarrow is imported here only, on first use, through `require_extra`: a
missing one is a `MissingExtraError` naming the ``analytics`` extra. Each
schema carries its table's name and `SCHEMA_VERSION` in its metadata
(``competency.table``, ``competency.schema``), so a Parquet file says what
it holds; docs/analytics.md documents every column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from competency.analytics.rows import BEHAVIOUR_STATUS, COMPETENCY_STATUS, PEOPLE, STAMP, Row
from competency.diagnostics import require_extra

__all__ = [
    "SCHEMA_VERSION",
    "TableWriter",
    "batch_bytes",
    "prepare",
    "pyarrow",
    "read_batch",
    "schema",
    "table",
]

#: The version of every table's schema (docs/analytics.md): a column renamed, removed or
#: retyped makes the next version; a column added at the end does not.
SCHEMA_VERSION = "1"


def pyarrow() -> Any:
    """The pyarrow module; `MissingExtraError` naming the ``analytics`` extra without it."""
    return require_extra("pyarrow", "analytics", "Parquet and Arrow tables")


def prepare() -> None:
    """Set up pyarrow's arrays in this process now: before worker processes are forked.

    pyarrow builds its machinery (its registry of functions, some 50 MB) when
    the first array is made. Made in the parent before the workers start,
    it is shared with them instead of being built again in each one.
    """
    pyarrow().array([], type=pyarrow().string())


def _parquet() -> Any:
    return require_extra("pyarrow.parquet", "analytics", "Parquet tables", "pyarrow")


def _types(pa: Any) -> dict[str, dict[str, Any]]:
    """Every table's columns and their Arrow types, in column order."""
    text, day, count = pa.string(), pa.date32(), pa.int32()
    texts = pa.list_(text)
    stamp = {
        "framework_id": text,
        "framework_version": text,
        "framework_hash": text,
        "as_of": day,
    }
    framework_stamp = {key: stamp[key] for key in STAMP[:3]}
    people = dict(
        zip(
            PEOPLE,
            (*(text,) * 5, day, *(text,) * 4, count, count, count, text, text),
            strict=True,
        )
    )
    behaviour_status = dict(
        zip(
            BEHAVIOUR_STATUS,
            [text, text, text, text, text, count, texts, day, texts],
            strict=True,
        )
    )
    competency_status = dict(
        zip(COMPETENCY_STATUS, [text, text, text, text, text, text, count, count], strict=True)
    )
    locales = pa.map_(text, text)
    return {
        "people": people | stamp,
        "behaviour_status": behaviour_status | stamp,
        "competency_status": competency_status | stamp,
        "levels": {
            "level": text,
            "role": text,
            "position": count,
            "title": text,
            "titles": locales,
            "grade": text,
            "role_title": text,
            "track": text,
            "family": text,
        }
        | framework_stamp,
        "competencies": {
            "competency": text,
            "name": text,
            "names": locales,
            "category": text,
        }
        | framework_stamp,
        "expectations": {
            "level": text,
            "role": text,
            "competency": text,
            "step": text,
            "behaviour": text,
            "new": pa.bool_(),
            "replaces": texts,
        }
        | framework_stamp,
        "behaviours": {
            "behaviour": text,
            "owner": text,
            "competency": text,
            "step": text,
            "level": text,
            "text": text,
            "texts": locales,
            "replaces": texts,
        }
        | framework_stamp,
        "moves": {
            "from_level": text,
            "to_level": text,
            "type": text,
            "note": text,
            "notes": locales,
        }
        | framework_stamp,
        "evidence": {
            "person": text,
            "name": text,
            "manager": text,
            "role": text,
            "level": text,
            "target": text,
            "confirmed_date": day,
            "confirmed_by": text,
            "file": text,
            "record": text,
            "position": count,
            "item": text,
            "date": day,
            "source": text,
            "behaviour": text,
            "suggested": pa.bool_(),
            "competency": text,
            "step": text,
            "by": text,
            "assessor": text,
            "history_level": text,
        },
    }


def schema(name: str) -> Any:
    """The Arrow schema of the table `name`, with its name and version in the metadata."""
    pa = pyarrow()
    columns = _types(pa)[name]
    metadata = {"competency.table": name, "competency.schema": SCHEMA_VERSION}
    return pa.schema(list(columns.items()), metadata=metadata)


def table(name: str, rows: Sequence[Row], stamp: Row = ()) -> Any:
    """The rows of table `name` (tuples in column order, the `stamp` values left out) as a Table."""
    pa = pyarrow()
    found = schema(name)
    width = len(found) - len(stamp)
    arrays = _arrays(found, rows, width)
    arrays += [
        pa.array([value] * len(rows), type=found.field(width + index).type)
        for index, value in enumerate(stamp)
    ]
    return pa.Table.from_arrays(arrays, schema=found)


def _arrays(found: Any, rows: Sequence[Row], width: int) -> list[Any]:
    """The first `width` columns of `found` from `rows` (tuples in column order), as arrays."""
    pa = pyarrow()
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * width
    return [pa.array(values, type=found.field(index).type) for index, values in enumerate(columns)]


def _unstamped(name: str) -> Any:
    """The schema of table `name` without the `STAMP` columns it ends with."""
    found = schema(name)
    for _ in STAMP:
        found = found.remove(len(found) - 1)
    return found


def batch_bytes(name: str, rows: Sequence[Row]) -> bytes:
    """`rows` of table `name` (the stamp left out) as one Arrow record batch, serialised.

    What a worker process sends for a chunk of people: a few buffers, which
    `read_batch` takes back without converting a value.
    """
    found = _unstamped(name)
    batch = pyarrow().RecordBatch.from_arrays(_arrays(found, rows, len(found)), schema=found)
    return bytes(batch.serialize().to_pybytes())


def read_batch(name: str, data: bytes) -> Any:
    """The record batch `batch_bytes` made of rows of table `name`."""
    pa = pyarrow()
    return pa.ipc.read_record_batch(pa.py_buffer(data), _unstamped(name))


class TableWriter:
    """One Parquet file written in memory row group by row group: `add` rows, then `finish`.

    Rows wait in a list (or, given as Arrow batches with `add_batch`, as
    those) until `rows_per_group` are there, so memory holds one row group
    and the compressed file, never the whole table. A row group ends after
    the rows of the `add` call (or the person of `add_batch`) that fills it.
    """

    def __init__(self, name: str, stamp: Row = (), rows_per_group: int = 64_000) -> None:
        pa, self._pq = pyarrow(), _parquet()
        self.name, self.stamp, self.rows_per_group = name, stamp, rows_per_group
        self._schema = schema(name)
        self._sink = pa.BufferOutputStream()
        self._writer = self._pq.ParquetWriter(self._sink, self._schema, compression="zstd")
        self._rows: list[Row] = []
        self._batches: list[Any] = []
        self._waiting = 0

    def add(self, rows: Iterable[Row]) -> None:
        """Rows after those added before; a full row group is written out."""
        self._rows.extend(rows)
        if len(self._rows) >= self.rows_per_group:
            self._flush()

    def add_batch(self, batch: Any, sizes: Iterable[int]) -> None:
        """A record batch of `read_batch` after what was added before, `sizes` its rows per
        person in order; a row group is written out after the person that fills it, as `add`
        of each person's rows would."""
        start = end = 0
        for size in sizes:
            end += size
            if self._waiting + end - start >= self.rows_per_group:
                self._batches.append(batch.slice(start, end - start))
                self._waiting = 0
                self._write_batches()
                start = end
        if end > start:
            self._batches.append(batch.slice(start, end - start))
            self._waiting += end - start

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(table(self.name, self._rows, self.stamp))
            self._rows = []
        self._write_batches()

    def _write_batches(self) -> None:
        """The waiting batches as one row group, with the stamp columns."""
        if not self._batches:
            return
        pa = pyarrow()
        # One contiguous array a column: the row group's pages are then those `add` writes.
        joined = pa.Table.from_batches(self._batches).combine_chunks()
        self._batches, rows = [], joined.num_rows
        width = len(self._schema) - len(self.stamp)
        columns = list(joined.columns)
        columns += [
            pa.array([value] * rows, type=self._schema.field(width + index).type)
            for index, value in enumerate(self.stamp)
        ]
        self._writer.write_table(pa.Table.from_arrays(columns, schema=self._schema))

    def finish(self) -> bytes:
        """The whole Parquet file: the last row group written, the footer closed."""
        self._flush()
        self._waiting = 0
        self._writer.close()
        return bytes(self._sink.getvalue().to_pybytes())
