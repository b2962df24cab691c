"""``competency render``: publish ladders as Markdown, HTML or PDF.

Only click and the light `competency.render` package are imported here at
module level: this module is loaded every time the command line starts,
and the framework model (pydantic) and the renderers (Jinja2, Typst) load
only when ``render`` runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_USAGE,
    Usage,
    locale_option,
    quiet_option,
    read_framework_or_report,
    shown_error,
)
from competency.clock import release_date
from competency.diagnostics import MissingExtraError
from competency.escape import terminal
from competency.render import FORMATS, RenderError
from competency.render import render as run_render

__all__ = ["COMMANDS", "render"]


@click.command()
@click.argument("directory", required=False, default="matrices", type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), required=True, help="The output format."
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Folder for the output; only the files rendered are written there.",
)
@click.option("--role", metavar="ID", help="Render only this role.")
@locale_option("Locale of the text, e.g. fr; falls back to the framework's default locale.")
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of replacement templates, laid out like the defaults.",
)
@click.option(
    "--font-path",
    "font_paths",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of extra fonts for the PDF (repeatable).",
)
@quiet_option
@click.option(
    "--force",
    is_flag=True,
    help="Replace files in --out that an earlier render did not write.",
)
@click.pass_context
def render(
    ctx: click.Context,
    directory: str,
    fmt: str,
    out: Path,
    role: str | None,
    locale: str | None,
    templates: Path | None,
    font_paths: tuple[Path, ...],
    quiet: bool,
    force: bool,
) -> None:
    """Publish the ladders of the framework in DIRECTORY (default: matrices).

    md writes index.md, roles/ROLE.md and competencies/ID.md; html writes one
    self-contained index.html; pdf writes FRAMEWORK.pdf (ROLE.pdf with
    --role). The date printed is today's, or SOURCE_DATE_EPOCH's when set.
    Files an earlier render wrote are replaced (the folder's .competency-render
    lists them); any other file in the way is refused unless --force. Exit
    status: 0 done, 1 the framework has errors, 2 the output could not
    be made.

    Example:

        competency render matrices --format html --out out/html --locale fr
    """
    framework = read_framework_or_report(directory, option="DIR")
    if framework is None:
        ctx.exit(EXIT_ERRORS)
    if role is not None and role not in framework.roles:
        roles = ", ".join(framework.roles)
        raise Usage(f"--role: unknown role '{terminal(role)}'; the roles are: {roles}")
    try:
        written = run_render(
            framework,
            fmt,
            out,
            role=role,
            locale=locale,
            templates=templates,
            font_paths=font_paths,
            today=release_date(),
            force=force,
            warn=lambda message: click.echo(f"competency render: {terminal(message)}", err=True),
        )
    except (RenderError, MissingExtraError) as error:
        click.echo(f"competency render: {shown_error(error)}", err=True)
        ctx.exit(EXIT_USAGE)
    if not quiet:
        for path in written:
            click.echo(f"wrote {terminal(path)}", err=True)


#: The commands this module adds to the command line.
COMMANDS = [render]
