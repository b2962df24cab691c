"""``competency export`` and ``competency import``: the framework in and out of other tools.

Each command maps its options to `competency.interop`, writes the result and
exits: ``0`` done, ``1`` the input has errors (for ``import --strict``,
warnings too), ``2`` wrong usage or a request that cannot be carried out (an
output folder that is not empty, a missing optional package).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from competency import interop
from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_OK,
    options_for,
    read_framework_or_report,
    refuse,
)
from competency.clock import release_time
from competency.edit import EditError, Schemas
from competency.escape import terminal as _shown
from competency.framework import Framework
from competency.write import output_of

__all__ = ["COMMANDS", "export", "import_command"]

#: The formats of ``export`` and whether each writes bytes.
EXPORT_FORMATS = ("xlsx", "csv", "case", "json")


def _changed(given: datetime | None) -> datetime:
    """The CASE timestamp: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    return given.replace(tzinfo=UTC) if given is not None else release_time()


def _render(
    framework: Framework,
    output: str,
    locale: str | None,
    changed: datetime | None,
    creator: str | None,
    base_uri: str,
) -> str | bytes:
    if output == "xlsx":
        return interop.framework_xlsx(framework, locale)
    if output == "csv":
        return interop.framework_csv(framework)
    if output == "json":
        return interop.document_json(framework)
    options = interop.CaseOptions(_changed(changed), creator, base_uri, locale)
    return interop.case_json(framework, options)


@click.command()
@click.argument("folder", default="matrices", type=click.Path())
@click.option(
    "--format",
    "output",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="xlsx: workbook; csv: the long table; case: 1EdTech CASE 1.1; json: one document.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="The file to write; - writes csv, case and json on standard output.",
)
@click.option("--locale", help="Texts in the workbook's role sheets and the CASE package.")
@click.option(
    "--date",
    "changed",
    type=click.DateTime(["%Y-%m-%d"]),
    help="CASE lastChangeDateTime (default: SOURCE_DATE_EPOCH, else today).",
)
@click.option("--creator", help="CASE CFDocument creator (default: the framework's title).")
@click.option(
    "--base-uri",
    default="urn:uuid:",
    show_default=True,
    help="CASE: put before each identifier to make its uri.",
)
def export(
    folder: str,
    output: str,
    out: str,
    locale: str | None,
    changed: datetime | None,
    creator: str | None,
    base_uri: str,
) -> None:
    """Write the framework in FOLDER as a spreadsheet, a CASE package or one JSON document.

    xlsx is a workbook with a read-me sheet, one sheet per role
    (competencies down, levels across, each cell the step expected and what
    is new at that level) and the long table; csv is the long table alone.
    Both import back with `competency import`. case is a 1EdTech CASE 1.1
    CFPackage with identifiers that stay the same from one export to the
    next; json is the whole framework resolved, as schemas/framework-document.schema.json
    describes. Exit status: 0 written; 1 the framework has errors; 2 wrong usage.

    Example:

    \b
        competency export matrices --format xlsx --out ladders.xlsx
        competency export matrices --format case --out case.json --date 2026-01-01
    """
    framework = read_framework_or_report(folder, "FOLDER")
    if framework is None:
        raise click.exceptions.Exit(EXIT_ERRORS)
    try:
        data = _render(framework, output, locale, changed, creator, base_uri)
    except interop.MissingDependencyError as error:
        refuse(error)
    if out == "-":
        if isinstance(data, bytes):
            raise click.UsageError("--out - works for csv, case and json, not for xlsx")
        sys.stdout.write(data)
        return
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    try:
        Path(out).write_bytes(raw)
    except OSError as error:
        refuse(error)
    click.echo(f"wrote {_shown(out)}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="The folder for the framework's files; it must be new or empty.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
def import_command(file: str, out: str, strict: bool) -> None:
    """Read a long table (CSV, or the 'Long table' sheet of a workbook) into a framework folder.

    The table is the one `competency export --format csv|xlsx` writes
    (docs/interop.md describes its columns and rows). Every problem is
    reported with its place, FILE[SHEET]:ROW:COLUMN, and when the table has
    errors nothing is written. Otherwise the folder gets framework.yaml, one
    file per competency and role, and paths.yaml, each with its schema
    modeline, and is then validated as `competency validate` would. Exit
    status: 0 written and valid; 1 the table or the framework has errors
    (with --strict, warnings too); 2 wrong usage or a folder that is not empty.

    Example:

    \b
        competency import ladders.xlsx --out imported
        competency validate imported --strict
    """
    folder = Path(out)
    schemas = Schemas.beside(folder)
    try:
        result = interop.import_table(file, out, schemas=schemas, display=file, out_display=out)
    except (EditError, interop.MissingDependencyError, OSError) as error:
        refuse(error)
    report = output_of("diagnostics", "text", sorted(set(result.diagnostics)), options_for("text"))
    if report:
        click.echo(report)
    if result.files:
        click.echo(f"wrote {len(result.files)} file(s) into {_shown(out)}", err=True)
    else:
        click.echo("nothing was written", err=True)
    failed = not result.ok or (strict and bool(result.diagnostics))
    raise click.exceptions.Exit(EXIT_ERRORS if failed else EXIT_OK)


COMMANDS = [export, import_command]
