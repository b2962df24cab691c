"""The export formats, in one typed table: what ``competency export --format`` offers.

Each `ExportFormat` names its function as ``MODULE:NAME`` in this module,
imported when the format is first used, and says whether it writes bytes,
the file suffix it is saved under, and the optional extra it needs. Every
function takes the framework and one `ExportOptions` and returns the whole
output: text, bytes, or (a format that writes a folder, `folder`) the
files by name. To add an export format, write its function (an adapter here,
beside the others, when the real work lives in its own module) and add one
line to `EXPORTS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from competency.contract import ArgumentValueError
from competency.framework import Framework
from competency.interop.case import CaseOptions, case_json
from competency.interop.document import document_json
from competency.interop.spreadsheet import framework_csv, framework_xlsx
from competency.names import Names

__all__ = ["EXPORTS", "ExportFormat", "ExportOptions", "Exported", "export"]


@dataclass(frozen=True)
class ExportOptions:
    """What an export may need: `changed`, `creator` and `base_uri` for CASE, `names` for texts.

    `changed` is required by CASE only (its ``lastChangeDateTime``, UTC);
    the other formats ignore what they do not use. Texts are those of
    `names`, the command's one translator; without it, of `locale`.
    """

    changed: datetime | None = None
    creator: str | None = None
    base_uri: str = "urn:uuid:"
    locale: str | None = None
    names: Names | None = None


#: What an export returns: text, bytes, or the files of a folder by name.
Exported = str | bytes | dict[str, bytes]

#: An export function: the framework and the options to the whole output.
Exporter = Callable[[Framework, ExportOptions], Exported]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its function (``MODULE:NAME`` under `competency.interop`) and traits."""

    target: str
    suffix: str
    """The file suffix its output is saved under, dot included."""
    description: str
    """What it is, in a few words (for a list of the formats)."""
    binary: bool = False
    """Bytes, never printed on standard output (a workbook)."""
    extra: str | None = None
    """The optional extra (``pip install 'competency[EXTRA]'``) the format needs, if any."""
    folder: bool = False
    """A folder of files (the function returns them by name); the suffix is each file's."""

    @property
    def function(self) -> Exporter:
        """The export function, its module imported on first use."""
        module, _, name = self.target.partition(":")
        found: Exporter = getattr(importlib.import_module(f"competency.interop.{module}"), name)
        return found


#: The export formats by their ``--format`` name, in the order help lists them.
EXPORTS: dict[str, ExportFormat] = {
    "xlsx": ExportFormat("exports:xlsx", ".xlsx", "workbook", binary=True, extra="xlsx"),
    "csv": ExportFormat("exports:csv", ".csv", "the long table"),
    "case": ExportFormat("exports:case", ".json", "1EdTech CASE 1.1"),
    "json": ExportFormat("exports:json", ".json", "one document"),
    "parquet": ExportFormat(
        "exports:parquet",
        ".parquet",
        "a folder of Parquet tables",
        binary=True,
        extra="analytics",
        folder=True,
    ),
}


def export(framework: Framework, format_name: str, options: ExportOptions) -> Exported:
    """`framework` in the export format `format_name`; `KeyError` for an unknown one."""
    return EXPORTS[format_name].function(framework, options)


def xlsx(framework: Framework, options: ExportOptions) -> bytes:
    """The workbook (`framework_xlsx`), its role sheets in the options' names."""
    return framework_xlsx(framework, options.locale, names=options.names)


def csv(framework: Framework, options: ExportOptions) -> str:
    """The long table as CSV (`framework_csv`)."""
    return framework_csv(framework)


def json(framework: Framework, options: ExportOptions) -> str:
    """The whole framework resolved into one JSON document (`document_json`)."""
    return document_json(framework)


def case(framework: Framework, options: ExportOptions) -> str:
    """The CASE 1.1 package as JSON (`case_json`); `options.changed` is required."""
    if options.changed is None:
        raise ArgumentValueError("a CASE export needs options.changed, its lastChangeDateTime")
    case_options = CaseOptions(
        options.changed, options.creator, options.base_uri, options.locale, options.names
    )
    return case_json(framework, case_options)


def parquet(framework: Framework, options: ExportOptions) -> dict[str, bytes]:
    """The framework's tables as Parquet files by name (`competency.analytics.framework_parquet`).

    Texts are in the options' names (each text in every locale too); pyarrow is
    imported here, on first use.
    """
    from competency.analytics.framework import framework_parquet

    return framework_parquet(framework, options.locale, names=options.names)
