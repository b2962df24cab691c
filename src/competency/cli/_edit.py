"""``competency new``, ``fmt`` and ``rename``: the editing commands.

Each command parses its arguments, calls `competency.edit`, prints what was
done and exits: ``0`` done, ``1`` a problem in the input (or, for ``fmt
--check``, a file that would change), ``2`` wrong usage or a request that
cannot be carried out (a file that exists, an id that is taken).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from competency import edit
from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_OK,
    CannotRun,
    quiet_option,
    refuse,
)
from competency.diagnostics import MissingExtraError
from competency.escape import terminal as _shown

__all__ = ["COMMANDS", "fmt", "new", "rename"]

F = TypeVar("F", bound=Callable[..., Any])


def _problems(problems: Iterable[edit.Problem]) -> None:
    for problem in problems:
        click.echo(_shown(problem), err=True)


def _matrices_option(command: F) -> F:
    return click.option(
        "--matrices",
        type=click.Path(file_okay=False),
        default="matrices",
        show_default=True,
        help="The framework folder.",
    )(command)


# --- new ------------------------------------------------------------------------------


def _default_id(given: str | None, name: str, option: str) -> str:
    """The id given, else `name` (a folder's or file's) when it is a valid id."""
    if given is not None:
        return given
    try:
        return edit.check_id(name, "id")
    except edit.EditError:
        raise CannotRun(f"{_shown(name)!r} is not an id; give one with {option}") from None


@click.group()
def new() -> None:
    """Write valid starting files: a framework, a role, a competency, an evidence file.

    Every file starts with the schema modeline and explains each key in a
    comment. Nothing that exists is overwritten.

    Example:

    \b
        competency new framework ladders
    """


def _report(written: edit.Scaffold, check: str, quiet: bool) -> None:
    if written.problems:
        _problems(written.problems)
        raise click.exceptions.Exit(EXIT_ERRORS)
    if quiet:
        return
    for path in written.files:
        click.echo(f"wrote {_shown(path)}")
    click.echo(f"check it with: {check}", err=True)


def _add(make: Callable[..., edit.Scaffold], item_id: str, matrices: str, quiet: bool) -> None:
    """Add one file made by `make` to the framework in `matrices`, and say what was written."""
    try:
        written = make(item_id, matrices=matrices, schemas=edit.Schemas.beside(Path(matrices)))
    except (edit.EditError, OSError) as error:
        refuse(error)
    _report(written, f"competency validate {_shown(matrices)} --strict", quiet)


@new.command("framework")
@click.argument("folder", type=click.Path())
@click.option(
    "--id", "framework_id", metavar="ID", help="The framework's id (default: the folder's name)."
)
@click.option("--title", help="The framework's title (default: made from the id).")
@quiet_option
def new_framework_command(
    folder: str, framework_id: str | None, title: str | None, quiet: bool
) -> None:
    """Start a framework in a new (or empty) folder.

    It is small and complete: a scale of four named steps, three
    competencies, a role on each track with two levels, and the moves
    between them. It passes `competency validate --strict` as written and
    renders as it is; replace its content with your own.

    Example:

    \b
        competency new framework ladders --title "Support careers"
    """
    identifier = _default_id(framework_id, Path(folder).resolve().name, "--id")
    try:
        written = edit.new_framework(
            folder, identifier, schemas=edit.Schemas.beside(Path(folder)), title=title
        )
    except (edit.EditError, OSError) as error:
        refuse(error)
    _report(written, f"competency validate {_shown(folder)} --strict", quiet)


@new.command("role")
@click.argument("role_id", metavar="ID")
@_matrices_option
@quiet_option
def new_role_command(role_id: str, matrices: str, quiet: bool) -> None:
    """Add roles/ID.yaml to a framework: two levels that expect some of its competencies.

    The levels use the framework's first track and lowest grades, and
    competencies it already describes, so the framework still validates;
    change the expectations to fit the role.

    Example:

    \b
        competency new role data-analyst --matrices matrices
    """
    _add(edit.new_role, role_id, matrices, quiet)


@new.command("competency")
@click.argument("competency_id", metavar="ID")
@_matrices_option
@quiet_option
def new_competency_command(competency_id: str, matrices: str, quiet: bool) -> None:
    """Add competencies/ID.yaml to a framework, with a behaviour at each of the lowest steps.

    Replace the behaviours with things a colleague could see someone do.

    Example:

    \b
        competency new competency negotiation --matrices matrices
    """
    _add(edit.new_competency, competency_id, matrices, quiet)


@new.command("evidence")
@click.argument("file", type=click.Path(dir_okay=False))
@_matrices_option
@click.option("--person", metavar="ID", help="The person's id (default: the file's name).")
@click.option("--role", metavar="ID", help="Their role (default: the framework's first).")
@click.option("--level", metavar="ID", help="Their current level (default: the role's lowest).")
@quiet_option
def new_evidence_command(
    file: str,
    matrices: str,
    person: str | None,
    role: str | None,
    level: str | None,
    quiet: bool,
) -> None:
    """Write an evidence file for one person: their role, level and the next level as target.

    It has no items yet; for each competency the target expects, a
    commented item lists its behaviours, to copy for each piece of work.
    Commented lines show the optional keys: the confirmed level,
    assessments and behaviours that do not apply. It is the file
    `competency template evidence` writes for the same target.

    Example:

    \b
        competency new evidence evidence/amara-o.yaml --role support-engineer --level se1
    """
    who = _default_id(person, Path(file).stem, "--person")
    try:
        written = edit.new_evidence(
            file,
            who,
            matrices=matrices,
            schemas=edit.Schemas.beside(Path(matrices)),
            role=role,
            level=level,
        )
    except (edit.EditError, OSError) as error:
        refuse(error)
    _report(written, f"competency validate {_shown(file)} --matrices {_shown(matrices)}", quiet)


# --- fmt ------------------------------------------------------------------------------


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing: list the files that would change, and exit 1 if there are any.",
)
@quiet_option
def fmt(paths: tuple[str, ...], check: bool, quiet: bool) -> None:
    """Rewrite YAML files in the canonical key order and style.

    Keys come in the order of the format's description for each kind of
    file (format, kind, id first); a competency's steps follow the scale;
    lists and mappings are written in block style, indented by two spaces.
    Every comment and every character of text is kept: a file that could
    not be formatted without changing one is reported and left as it is.
    Folders are searched for *.yaml and *.yml files (default: matrices).
    Exit status: 0 nothing to report; 1 a file cannot be read or
    formatted, or with --check a file would change; 2 wrong usage.

    Example:

    \b
        competency fmt matrices examples
        competency fmt --check matrices
    """
    try:
        report = edit.format_paths(paths or ["matrices"], write=not check)
    except MissingExtraError as error:
        refuse(error)
    listed = report.changed if check else report.written
    for formatted in listed:
        shown = _shown(formatted.file.display)
        if check:
            click.echo(shown)
        elif not quiet:
            click.echo(f"reformatted {shown}")
    _problems(report.problems)
    verb = "would be reformatted" if check else "reformatted"
    if not quiet:
        click.echo(f"{len(listed)} of {len(report.files)} file(s) {verb}", err=True)
    failed = bool(report.problems) or (check and bool(listed))
    raise click.exceptions.Exit(EXIT_ERRORS if failed else EXIT_OK)


# --- rename ---------------------------------------------------------------------------


@click.command()
@click.argument("kind", type=click.Choice(edit.KINDS), metavar="KIND")
@click.argument("old")
@click.argument("new")
@click.argument("evidence", nargs=-1, type=click.Path(exists=True))
@_matrices_option
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
@quiet_option
def rename(
    kind: str,
    old: str,
    new: str,
    evidence: tuple[str, ...],
    matrices: str,
    dry_run: bool,
    quiet: bool,
) -> None:
    """Rename an id everywhere it is defined or referenced.

    KIND is step, competency, behaviour, role, level or person. A level is
    named ROLE@LEVEL (the new name is a level id), a behaviour
    OWNER.BEHAVIOUR (the new name is a behaviour id). The framework in
    --matrices is changed, and so are the EVIDENCE files and folders given
    (policy files too), history levels, managers and assessors included; a
    person is renamed in the EVIDENCE given. A competency or role file
    named after the id is renamed with it. Only the ids change: comments,
    layout and texts stay as they are. Each change is printed as
    FILE:LINE: OLD -> NEW. A new id that exists, or an old one that does
    not, is refused (exit 2); a file that cannot be read stops the rename
    before anything is written (exit 1).

    Example:

    \b
        competency rename competency troubleshooting debugging examples
        competency rename level support-engineer@se1 se-one examples --dry-run
    """
    try:
        report = edit.rename(kind, old, new, matrices=matrices, others=evidence, write=not dry_run)
    except (edit.EditError, OSError) as error:
        refuse(error)
    if report.problems:
        _problems(report.problems)
        click.echo("nothing was written", err=True)
        raise click.exceptions.Exit(EXIT_ERRORS)
    for change in report.changes:
        old_text, new_text = _shown(change.old), _shown(change.new)
        click.echo(f"{_shown(change.file)}:{change.line}: {old_text} -> {new_text}")
    for move in report.moves:
        click.echo(f"{_shown(move.old.display)} -> {_shown(move.new.display)}")
    if quiet:
        return
    verb = "would rename" if dry_run else "renamed"
    moved = f", {len(report.moves)} file(s) renamed" if report.moves else ""
    click.echo(
        f"{verb} {kind} {_shown(old)} to {_shown(report.new)}: "
        f"{len(report.changes)} change(s) in {len(report.files)} file(s){moved}",
        err=True,
    )


COMMANDS = [new, fmt, rename]
