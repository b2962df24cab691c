"""``competency validate``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click

from competency.check.suppress import LintOptions
from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_OK,
    Usage,
    from_settings,
    ignore_option,
    jobs_option,
    options_for,
    quiet_option,
)
from competency.io import DEFAULT_MATRICES, is_framework_folder
from competency.pool import usable_cores
from competency.validation import validate as run_validate
from competency.write import formats, output_of

__all__ = ["COMMANDS", "validate"]

FORMATS = formats("diagnostics")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--matrices",
    type=click.Path(),
    help="Framework folder to check evidence against (default: the framework among PATHS, "
    "else matrices/).",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="How to print the diagnostics.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Fail (exit 1) on warnings too, and report suppressions that suppress nothing.",
)
@ignore_option
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=2 * 1024 * 1024,
    show_default=True,
    help="Refuse YAML files larger than this.",
)
@jobs_option
@quiet_option
@click.pass_context
def validate(
    ctx: click.Context,
    paths: tuple[str, ...],
    matrices: str | None,
    output: str,
    strict: bool,
    lint: LintOptions,
    max_bytes: int,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Check framework folders and evidence files.

    PATHS are framework folders (a folder with a framework.yaml) and evidence
    files or folders of them; the default is matrices/. Every problem in
    every file is reported at once, one per line as
    FILE:LINE:COLUMN: SEVERITY CODE message. Exit status: 0 when nothing is
    wrong (warnings allowed unless --strict), 1 when the input has errors.
    A warning is dropped by --ignore, by the framework's lint.ignore, or by a
    comment "# competency: ignore[CODE]" at the end of its line.

    Example:

        competency validate matrices examples --strict --format github
    """
    if not paths and not Path(DEFAULT_MATRICES).exists():
        raise Usage(
            f"no {DEFAULT_MATRICES}/ folder here: name the framework folders and evidence "
            "files to check, e.g. competency validate ladders evidence"
        )
    if from_settings(ctx, "matrices") and any(is_framework_folder(Path(p)) for p in paths):
        matrices = None  # a framework among PATHS wins over the settings' one, as over matrices/
    lint = dataclasses.replace(lint, report_unused=strict)
    jobs = jobs or usable_cores()
    result = run_validate(list(paths), matrices=matrices, max_bytes=max_bytes, lint=lint, jobs=jobs)
    report = output_of("diagnostics", output, result.sorted(), options_for(output))
    if report:
        click.echo(report)
    elif output == "text" and not quiet:
        click.echo("ok: no problems found", err=True)
    failed = not result.ok or (strict and bool(result.warnings))
    ctx.exit(EXIT_ERRORS if failed else EXIT_OK)


#: The commands this module adds to the command line.
COMMANDS = [validate]
