"""`competency suggest`: suggested evidence items from a help-desk or tracker export."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import click

from competency.cli._common import (
    EXIT_ERRORS,
    Usage,
    print_diagnostics,
    read_framework_or_report,
    refuse,
    shown,
)
from competency.files import WriteError
from competency.interop.spreadsheet import MissingDependencyError
from competency.interop.suggest import (
    SHIPPED_MAPPINGS,
    ExportError,
    SuggestReport,
    read_people,
    shipped_mapping,
    suggest,
)
from competency.io import read_mapping

__all__ = ["COMMANDS", "suggest_command"]


@click.command("suggest")
@click.argument("export", type=click.Path(dir_okay=False))
@click.option(
    "--mapping",
    required=True,
    metavar="FILE|NAME",
    help="The evidence mapping: a file, or a shipped one by name ("
    + ", ".join(SHIPPED_MAPPINGS)
    + ").",
)
@click.option(
    "--into",
    required=True,
    type=click.Path(file_okay=False),
    help="The folder of evidence files that gain the items.",
)
@click.option(
    "--people",
    "people_file",
    type=click.Path(dir_okay=False),
    help="A YAML file mapping the export's person values to person ids, after the mapping's.",
)
@click.option(
    "--matrices",
    default="matrices",
    show_default=True,
    type=click.Path(),
    help="The framework folder the mapping and the evidence are checked against.",
)
@click.option("--dry-run", is_flag=True, help="Write nothing; print what would be added.")
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
def suggest_command(
    export: str,
    mapping: str,
    into: str,
    people_file: str | None,
    matrices: str,
    dry_run: bool,
    output: str,
) -> None:
    """Add suggested evidence items from a help-desk or tracker export to evidence files.

    EXPORT is CSV, XLSX, a JSON array of objects or JSON Lines. Each row
    whose person maps to an evidence file in --into and that matches at
    least one rule of the mapping becomes an item with `suggested: true`,
    added at the end of that file's items; every comment and existing line
    is kept. A row whose item is already in the file is skipped, so
    importing again changes nothing. Skipped rows are listed with their row
    number (from 1, the header not counted) and why. A suggested item
    counts once a person confirms it by deleting its `suggested` line. Exit
    status: 0 done; 1 the mapping, the people file or the export has errors
    (nothing is written); 2 wrong usage or a file that cannot be written.

    Example:

    \b
        competency suggest tickets.csv --mapping zendesk --into people --dry-run
        competency suggest prs.json --mapping github --people logins.yaml --into people
    """
    if not os.path.isdir(into):
        raise Usage(f"--into: not a folder: {shown(into)}")
    framework = read_framework_or_report(matrices)
    if framework is None:
        raise click.exceptions.Exit(EXIT_ERRORS)
    path = _mapping_path(mapping)
    checked, problems = read_mapping(
        path, framework, display=mapping if path == Path(mapping) else str(path)
    )
    if checked is None:
        print_diagnostics(problems)
        raise click.exceptions.Exit(EXIT_ERRORS)
    people: dict[str, str] = {}
    if people_file is not None:
        found, problems = read_people(people_file)
        if found is None:
            print_diagnostics(problems)
            raise click.exceptions.Exit(EXIT_ERRORS)
        people = found
    try:
        report = suggest(
            export, checked, into, framework, people=people, dry_run=dry_run, display=export
        )
    except ExportError as error:
        print_diagnostics([error.diagnostic])
        raise click.exceptions.Exit(EXIT_ERRORS) from None
    except (MissingDependencyError, WriteError) as error:
        refuse(error)
    _warn(report)
    if output == "json":
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        _echo_lines(_text(report))


def _mapping_path(value: str) -> Path:
    given = Path(value)
    if given.exists():
        return given
    shipped = shipped_mapping(value)
    if shipped is not None:
        return shipped
    names = ", ".join(SHIPPED_MAPPINGS)
    raise Usage(f"--mapping: no file {shown(value)}, and no shipped mapping of that name ({names})")


def _warn(report: SuggestReport) -> None:
    """The evidence files left out and the notes about the export, on stderr."""
    print_diagnostics(report.diagnostics)
    for note in report.notes:
        click.echo(f"warning: {shown(note)}", err=True)


def _text(report: SuggestReport) -> Iterator[str]:
    verb = "would add" if report.dry_run else "added"
    files = len({added.file for added in report.added})
    yield f"{verb} {len(report.added)} suggested item(s) to {files} file(s)"
    # A file name, a set of behaviours and a reason repeat over many rows: each is
    # escaped once (an export's 200,000 lines are most of the report's time otherwise).
    escaped: dict[str, str] = {}
    behaviours: dict[tuple[str, ...], str] = {}
    for added in report.added:
        file = escaped.get(added.file) or escaped.setdefault(added.file, shown(added.file))
        shows = behaviours.get(added.shows)
        if shows is None:
            shows = behaviours[added.shows] = shown(", ".join(added.shows))
        yield f"  row {added.row}: {file}: {shown(added.item)} shows {shows}"
    yield f"skipped {len(report.skipped)} row(s)"
    reasons: dict[str, str] = {}
    for s in report.skipped:
        reason = reasons.get(s.reason)
        if reason is None:
            if len(reasons) >= _BATCH:
                reasons.clear()
            reason = reasons[s.reason] = shown(s.reason)
        yield f"  row {s.row}: {reason}"


#: Lines printed at a time: a 200,000-row export lists as many, some 23 MB of text.
_BATCH = 4096


def _echo_lines(lines: Iterator[str]) -> None:
    """Print `lines`, one per line, a batch at a time rather than as one string."""
    batch: list[str] = []
    for line in lines:
        batch.append(line)
        if len(batch) == _BATCH:
            click.echo("\n".join(batch))
            batch.clear()
    if batch:
        click.echo("\n".join(batch))


COMMANDS = [suggest_command]
