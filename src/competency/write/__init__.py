"""Writers: every result of the library as text or bytes, in one typed registry.

A writer is a function ``(result, WriteOptions) -> str | bytes``, or, for
outputs that grow with a team, a generator of text pieces that `chunks`
hands on as they are made (so a report of 100,000 people is never one
string in memory) and `output_of` joins. `WRITERS` lists every writer by what it
writes (`Kind`) and its format name; the command line offers exactly these
names for ``--format``. To add an output format, write the function (in the
module of its target language) and add one line to `WRITERS`, naming it as
``MODULE:FUNCTION``: a writer's module is imported when it is first used.

Text from input files is escaped by `competency.escape`, one helper per
target (terminal text, Markdown, spreadsheet cells); colour comes from
`competency.write.colour`. HTML and PDF pages are laid out by
`competency.render.reports`, imported only when a page is written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.team import MakePiece
    from competency.team_folder import TeamStream

__all__ = [
    "PLAIN",
    "WRITERS",
    "Kind",
    "Output",
    "Streamed",
    "WriteOptions",
    "Writer",
    "chunks",
    "formats",
    "output_of",
    "writer",
]

#: What a writer writes: the result type it takes.
Kind = Literal[
    "diagnostics",
    "gap",
    "level",
    "team",
    "plan",
    "impact",
    "history",
    "trend",
    "level-diff",
    "framework-diff",
    "template",
    "calibrate",
]


#: What a writer returns: the whole text or bytes, or text in pieces as they are made.
Output = str | bytes | Iterator[str]


def _named(target: str) -> Any:
    """The function named ``MODULE:NAME`` in this package, its module imported now."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(f"competency.write.{module}"), name)


@dataclass(frozen=True)
class Streamed:
    """How a team's output is written while its folder is read (`TeamStream`).

    `person` names the function that makes one person's piece, run where the
    person is analysed (the worker processes with ``--jobs``), and `write`
    the writer that takes the `TeamStream` of those pieces; both as
    ``MODULE:NAME``. The output is the same bytes as the writer's of the
    finished report.
    """

    person: str
    write: str

    @property
    def person_piece(self) -> MakePiece:
        """The function that makes one person's piece."""
        found: MakePiece = _named(self.person)
        return found

    @property
    def writer(self) -> Callable[[TeamStream, WriteOptions], Iterator[str]]:
        """The writer of a `TeamStream`."""
        found: Callable[[TeamStream, WriteOptions], Iterator[str]] = _named(self.write)
        return found


@dataclass(frozen=True)
class Writer:
    """One output format of one kind of result.

    `target` names the function as ``MODULE:NAME`` in this package; the
    module is imported when the writer is first used, so ``competency
    validate`` never loads the report writers.
    """

    target: str
    binary: bool = False
    """Bytes, never printed to a terminal (PDF, XLSX)."""
    streamed: Streamed | None = None
    """A team output that can be written while the folder is read, and how."""

    @property
    def write(self) -> Callable[[Any, WriteOptions], Output]:
        """The writer function."""
        found: Callable[[Any, WriteOptions], Output] = _named(self.target)
        return found


WRITERS: dict[Kind, dict[str, Writer]] = {
    "diagnostics": {
        "text": Writer("diagnostics:text"),
        "json": Writer("diagnostics:json_report"),
        "github": Writer("diagnostics:github"),
        "sarif": Writer("diagnostics:sarif"),
    },
    "gap": {
        "text": Writer("text:gap"),
        "json": Writer("data:json_report"),
        "md": Writer("markdown:gap"),
        "html": Writer("pages:gap_html"),
        "pdf": Writer("pages:gap_pdf", binary=True),
    },
    "level": {
        "text": Writer("text:level"),
        "json": Writer("data:json_report"),
        "md": Writer("markdown:level"),
        "html": Writer("pages:level_html"),
        "pdf": Writer("pages:level_pdf", binary=True),
    },
    "team": {
        "text": Writer("text:team"),
        "json": Writer(
            "data:team_json", streamed=Streamed("data:team_json_person", "data:team_json_stream")
        ),
        "md": Writer("markdown:team"),
        "csv": Writer(
            "data:team_csv", streamed=Streamed("data:team_csv_row", "data:team_csv_stream")
        ),
        "xlsx": Writer("spreadsheet:team_xlsx", binary=True),
        "html": Writer("pages:team_html"),
        "pdf": Writer("pages:team_pdf", binary=True),
    },
    "plan": {
        "text": Writer("plan:text"),
        "json": Writer("data:json_report"),
        "md": Writer("plan:markdown"),
        "html": Writer("pages:plan_html"),
        "pdf": Writer("pages:plan_pdf", binary=True),
    },
    "history": {
        "text": Writer("cycle:history_text"),
        "json": Writer("data:json_report"),
        "md": Writer("cycle:history_markdown"),
        "html": Writer("pages:history_html"),
    },
    "trend": {
        "text": Writer("cycle:trend_text"),
        "json": Writer("data:json_report"),
        "csv": Writer("cycle:trend_csv"),
        "md": Writer("cycle:trend_markdown"),
        "html": Writer("pages:trend_html"),
    },
    "level-diff": {
        "text": Writer("diff:level_text"),
        "json": Writer("diff:as_json"),
        "md": Writer("diff:level_markdown"),
    },
    "framework-diff": {
        "text": Writer("diff:framework_text"),
        "json": Writer("diff:as_json"),
        "md": Writer("diff:framework_markdown"),
    },
    "template": {"yaml": Writer("template:evidence_yaml")},
    "impact": {
        "text": Writer("impact:text"),
        "json": Writer("data:json_report"),
        "md": Writer("impact:markdown"),
        "github": Writer("impact:github"),
    },
    "calibrate": {
        "text": Writer("calibrate:calibrate_text"),
        "json": Writer("data:json_report"),
        "csv": Writer("calibrate:calibrate_csv"),
        "md": Writer("calibrate:calibrate_markdown"),
        "html": Writer("calibrate:calibrate_html"),
    },
}


def formats(kind: Kind) -> list[str]:
    """The format names of one kind of result, the default (text) first."""
    return list(WRITERS[kind])


def writer(kind: Kind, format_name: str) -> Writer:
    """The writer of `format_name` for `kind`; `KeyError` for an unknown one."""
    return WRITERS[kind][format_name]


def output_of(
    kind: Kind, format_name: str, result: Any, options: WriteOptions = PLAIN
) -> str | bytes:
    """The output of `result` in `format_name`, whole: text or bytes; nothing is written to a file.

    `chunks` gives the same output in pieces.
    """
    written = writer(kind, format_name).write(result, options)
    return written if isinstance(written, str | bytes) else "".join(written)


def chunks(
    kind: Kind, format_name: str, result: Any, options: WriteOptions = PLAIN
) -> Iterator[str] | Iterator[bytes]:
    """`result` written in `format_name`, in the pieces its writer makes them.

    Joined, the pieces are `output_of`'s result; a command prints each as it
    comes, so memory holds one piece, not the whole output.
    """
    written = writer(kind, format_name).write(result, options)
    if isinstance(written, bytes):
        return iter((written,))
    return iter((written,)) if isinstance(written, str) else written
