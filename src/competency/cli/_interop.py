"""``competency export`` and ``competency import``: the framework in and out of other tools.

Each command maps its options to `competency.interop`, writes the result and
exits: ``0`` done, ``1`` the input has errors (for ``import --strict``,
warnings too), ``2`` wrong usage or a request that cannot be carried out (an
output folder that is not empty, a missing optional package).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from competency import interop
from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_OK,
    Usage,
    locale_option,
    options_for,
    quiet_option,
    read_framework_or_report,
    refuse,
    shown,
)
from competency.cli._tables import check_folder, write_folder
from competency.clock import release_time
from competency.edit import EditError, Schemas
from competency.files import WriteError, write_file
from competency.names import Names
from competency.write import output_of

__all__ = ["COMMANDS", "export", "import_command"]


def _changed(given: datetime | None) -> datetime:
    """The CASE timestamp: --date, else SOURCE_DATE_EPOCH (reproducible builds), else today."""
    return given.replace(tzinfo=UTC) if given is not None else release_time()


@click.command()
@click.argument("folder", default="matrices", type=click.Path())
@click.option(
    "--format",
    "output",
    type=click.Choice(list(interop.EXPORTS)),
    required=True,
    help="; ".join(f"{name}: {form.description}" for name, form in interop.EXPORTS.items()) + ".",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(allow_dash=True),
    help=(
        "The file to write (for "
        + ", ".join(name for name, form in interop.EXPORTS.items() if form.folder)
        + ", the folder); - writes "
        + ", ".join(name for name, form in interop.EXPORTS.items() if not form.binary)
        + " on standard output."
    ),
)
@locale_option("Texts in the workbook's role sheets, the CASE package and the Parquet tables.")
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
@click.option("--force", is_flag=True, help="Overwrite the output file(s) if they exist.")
@quiet_option
def export(
    folder: str,
    output: str,
    out: str,
    locale: str | None,
    changed: datetime | None,
    creator: str | None,
    base_uri: str,
    force: bool,
    quiet: bool,
) -> None:
    """Write the framework in FOLDER as a spreadsheet, a CASE package or one JSON document.

    xlsx is a workbook with a read-me sheet, one sheet per role
    (competencies down, levels across, each cell the step expected and what
    is new at that level) and the long table; csv is the long table alone.
    Both import back with `competency import`. case is a 1EdTech CASE 1.1
    CFPackage with identifiers that stay the same from one export to the
    next; json is the whole framework resolved, as schemas/framework-document.schema.json
    describes; parquet writes a folder of tables (levels, competencies,
    expectations, behaviours, moves) for DuckDB, Spark or a warehouse
    (docs/analytics.md). The file is written whole or not at all, an existing file
    (or a symbolic link) at --out is replaced only with --force, and a link
    is replaced, never followed. Exit status: 0 written; 1 the framework has
    errors; 2 wrong usage or a file in the way.

    Example:

    \b
        competency export matrices --format xlsx --out ladders.xlsx
        competency export matrices --format case --out case.json --date 2026-01-01
        competency export matrices --format parquet --out tables
    """
    chosen = interop.EXPORTS[output]
    if chosen.folder:
        _export_folder(folder, output, out, locale, force, quiet)
        return
    if out == "-" and chosen.binary:
        texts = ", ".join(name for name, form in interop.EXPORTS.items() if not form.binary)
        raise Usage(f"--out - works for {texts}, not for {output}")
    if out != "-" and os.path.lexists(out) and not force:
        raise Usage(f"{shown(out)} exists; use --force to overwrite it")
    framework = read_framework_or_report(folder, "FOLDER")
    if framework is None:
        raise click.exceptions.Exit(EXIT_ERRORS)
    names = Names(framework, locale)  # the command's one translator
    options = interop.ExportOptions(_changed(changed), creator, base_uri, locale, names)
    try:
        data = interop.export(framework, output, options)
    except interop.MissingDependencyError as error:
        refuse(error)
    assert not isinstance(data, dict)  # a folder format went to _export_folder
    if out == "-":
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        return
    try:
        # Atomic, all or nothing, and never through a symbolic link: with --force
        # a link at --out is replaced by the file, never followed.
        write_file(out, data if isinstance(data, bytes) else data.encode("utf-8"), replace=force)
    except WriteError as error:
        refuse(error)
    if not quiet:
        click.echo(f"wrote {shown(out)}", err=True)


def _export_folder(
    folder: str, output: str, out: str, locale: str | None, force: bool, quiet: bool
) -> None:
    """An export that writes a folder of files (parquet): checked, made, written all or nothing."""
    from competency.analytics import FRAMEWORK_TABLES

    names = [f"{name}.parquet" for name in FRAMEWORK_TABLES]
    check_folder(out, names, force=force)
    framework = read_framework_or_report(folder, "FOLDER")
    if framework is None:
        raise click.exceptions.Exit(EXIT_ERRORS)
    try:
        options = interop.ExportOptions(locale=locale, names=Names(framework, locale))
        files = interop.export(framework, output, options)
    except interop.MissingDependencyError as error:
        refuse(error)
    assert isinstance(files, dict)
    write_folder(out, files, force=force, quiet=quiet)


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
    """Read a long table (CSV or a workbook) or a CASE 1.1 package into a framework folder.

    The table is the one `competency export --format csv|xlsx` writes
    (docs/interop.md describes its columns and rows). A file whose content
    is a JSON object is read as a 1EdTech CASE 1.1 package: one that
    `competency export --format case` wrote imports into the same
    framework; another is mapped by its structure, and every choice made is
    printed (docs/interop.md, "Importing a CASE package"). Every problem is
    reported with its place, FILE[SHEET]:ROW:COLUMN, and when the table has
    errors nothing is written. Otherwise the folder gets framework.yaml, one
    file per competency and role, and paths.yaml, each with its schema
    modeline, and is then validated as `competency validate` would. Exit
    status: 0 written and valid; 1 the table or the framework has errors
    (with --strict, warnings too); 2 wrong usage or a folder that is not empty.

    Example:

    \b
        competency import ladders.xlsx --out imported
        competency import case.json --out from-case
        competency validate imported --strict
    """
    folder = Path(out)
    schemas = Schemas.beside(folder)
    reader = interop.import_case if interop.is_case_package(file) else interop.import_table
    try:
        result = reader(file, out, schemas=schemas, display=file, out_display=out)
    except (EditError, interop.MissingDependencyError, OSError) as error:
        refuse(error)
    report = output_of("diagnostics", "text", sorted(set(result.diagnostics)), options_for("text"))
    if report:
        click.echo(report)
    for choice in result.choices:
        click.echo(f"chose: {shown(choice)}", err=True)
    if result.files:
        click.echo(f"wrote {len(result.files)} file(s) into {shown(out)}", err=True)
    else:
        click.echo("nothing was written", err=True)
    failed = not result.ok or (strict and bool(result.diagnostics))
    raise click.exceptions.Exit(EXIT_ERRORS if failed else EXIT_OK)


COMMANDS = [export, import_command]
