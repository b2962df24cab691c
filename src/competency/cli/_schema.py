"""``competency schema``: the JSON Schemas of every file kind, written or checked.

A module of its own so that ``competency validate`` does not import the
schema generation (and the models of the exported framework document).
"""

from __future__ import annotations

from pathlib import Path

import click

from competency.cli._common import EXIT_ERRORS, EXIT_OK, CannotRun, quiet_option
from competency.escape import terminal
from competency.files import WriteError
from competency.schema import check_schemas, write_schemas

__all__ = ["COMMANDS", "schema"]


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder for the schema files.",
)
@click.option("--check", is_flag=True, help="Only check that the files in --out are current.")
@click.option("--force", is_flag=True, help="Replace files in --out that are not our schemas.")
@quiet_option
@click.pass_context
def schema(ctx: click.Context, out: Path, check: bool, force: bool, quiet: bool) -> None:
    """Write the JSON Schemas of every file kind, or check they are current.

    The schemas are generated from the typed models. With --check nothing
    is written, and the exit status is 1 when a file is missing or differs.
    Schema files written earlier are replaced; any other file of the same
    name only with --force.

    Example:

        competency schema --check
    """
    if check:
        stale = check_schemas(out)
        shown = terminal(out)
        for name, problem in stale:
            click.echo(
                f"{terminal(out / name)}: {problem}; run 'competency schema --out {shown}'",
                err=True,
            )
        if not stale and not quiet:
            click.echo(f"{shown}: schemas are current", err=True)
        ctx.exit(EXIT_ERRORS if stale else EXIT_OK)
    try:
        written = write_schemas(out, force=force)
    except WriteError as error:
        hint = "" if force else "; use --force to replace it"
        exists = "exists" in str(error) and not force
        raise CannotRun(f"{terminal(error)}{hint if exists else ''}") from None
    for path in written:
        if not quiet:
            click.echo(f"wrote {terminal(path)}", err=True)


#: The commands this module adds to the command line.
COMMANDS = [schema]
