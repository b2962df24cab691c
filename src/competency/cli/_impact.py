"""``competency impact``: whose current level or verdict a ladder change moves, and why.

BASE and HEAD are framework folders or git revisions (``git:REV`` or
``git:REV:PATH``, read by `competency.gitrev` without checking anything
out). The evidence folder is read once (`competency.team_folder.impact_folder`)
and every person judged under both frameworks.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click

from competency.check.suppress import LintOptions
from competency.cli._analysis import _day, _echo, _format_option, _progress
from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_OK,
    CannotRun,
    ignore_option,
    jobs_option,
    options_for,
    print_diagnostics,
    quiet_option,
    read_framework_or_report,
)
from competency.escape import terminal
from competency.framework import Framework
from competency.gitrev import (
    GitRevisionError,
    is_revision,
    parse_revision,
    read_framework_at,
    repository_root,
    within_repository,
)
from competency.io import DEFAULT_MATRICES, find_framework_folder
from competency.names import Names
from competency.pool import usable_cores
from competency.team_folder import TeamOptions, impact_folder
from competency.write import output_of

__all__ = ["COMMANDS", "impact"]


@dataclass
class _Ladder:
    """One side, read: the framework and where its folder is inside the repository."""

    framework: Framework
    inside: str | None
    """Its folder relative to the repository's top (for CI annotations), when known."""


def _root() -> Path:
    try:
        return repository_root()
    except GitRevisionError as error:
        raise click.UsageError(str(error)) from None


def _default_path(other: str, root: Path) -> str:
    """PATH for a revision without one: the other argument's folder, when it is a folder
    of this repository; else ``matrices``."""
    if is_revision(other):
        return DEFAULT_MATRICES
    folder = find_framework_folder(other)
    inside = within_repository(folder, root) if folder.is_dir() else None
    return inside if inside is not None else DEFAULT_MATRICES


def _read(argument: str, other: str, name: str, *, locate: bool) -> _Ladder:
    """Read BASE or HEAD; exit 1 (after its diagnostics) when it has errors, 2 when unusable."""
    if is_revision(argument):
        root = _root()
        try:
            checked, _ = read_framework_at(
                parse_revision(argument), _default_path(other, root), root=root
            )
        except GitRevisionError as error:
            raise click.UsageError(f"{name}: {error}") from None
        if checked.framework is None:
            print_diagnostics(checked.diagnostics)
            raise click.exceptions.Exit(EXIT_ERRORS)
        revision = parse_revision(argument)
        path = revision.path if revision.path is not None else _default_path(other, root)
        return _Ladder(checked.framework, path)
    if not os.path.exists(argument):
        raise click.UsageError(
            f"{name}: {terminal(argument)} is neither a folder nor a git:REV[:PATH] revision"
        )
    framework = read_framework_or_report(argument, option=name)
    if framework is None:
        raise click.exceptions.Exit(EXIT_ERRORS)
    inside: str | None = None
    if locate:
        try:
            inside = within_repository(find_framework_folder(argument), repository_root(argument))
        except GitRevisionError:
            inside = Path(argument).as_posix().rstrip("/")  # no repository: as given
    return _Ladder(framework, inside)


def _step_summary(text: str) -> bool:
    """Append the Markdown summary to $GITHUB_STEP_SUMMARY; False when it is not set."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    try:
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(text)
    except OSError as error:
        raise CannotRun(
            f"cannot write the step summary {terminal(target)}: {error.strerror}"
        ) from None
    return True


@click.command()
@click.argument("base", metavar="BASE")
@click.argument("head", metavar="HEAD")
@click.argument("evidence_dir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--as-of",
    callback=_day,
    metavar="YYYY-MM-DD",
    help="The date to judge on, YYYY-MM-DD (default: today).",
)
@_format_option("impact")
@click.option(
    "--fail-on-loss",
    is_flag=True,
    help="Exit 1 when anyone's current level drops or verdict worsens.",
)
@jobs_option
@ignore_option
@quiet_option
@click.pass_context
def impact(
    ctx: click.Context,
    /,
    base: str,
    head: str,
    evidence_dir: str,
    as_of: date | None,
    output: str,
    fail_on_loss: bool,
    jobs: int | None,
    lint: LintOptions,
    quiet: bool,
) -> None:
    """Show whose current level or verdict a change to the ladder moves, and why.

    BASE and HEAD are framework folders, or git revisions of the repository
    around the current folder: git:REV (REV is anything git accepts, such
    as origin/main or HEAD~1) or git:REV:PATH, PATH relative to the
    repository's top folder. Nothing is checked out. Without PATH, the
    other argument's folder is used when it is a folder of the same
    repository, else matrices. Each person is judged under both: current
    level, and the verdict for their next level (the evidence's target,
    else the level after its level). The report counts the people who
    changed, lost (current level dropped or verdict worsened) and gained,
    then lists each one with the behaviours whose expectation or status
    differs. Evidence naming something one framework lacks is reported per
    person. --format github writes the Markdown summary to the file named
    by GITHUB_STEP_SUMMARY (else prints it) and prints annotations.
    Exit status: 1 when an evidence file cannot be read or, with
    --fail-on-loss, when anyone lost; 2 for wrong usage (not a git
    repository, unknown revision, no such path).

    Example:

    \b
        competency impact git:origin/main matrices people/ --format github --fail-on-loss
    """
    github = output == "github"
    before = _read(base, head, "BASE", locate=False)
    after = _read(head, base, "HEAD", locate=github)
    options = TeamOptions(as_of, None, None, jobs=jobs or usable_cores(), lint=lint)
    report, folder = impact_folder(
        evidence_dir,
        before.framework,
        after.framework,
        options,
        progress=None if quiet else _progress,
    )
    report = report.model_copy(update={"ladder": after.inside})
    print_diagnostics(folder.diagnostics)
    names = Names(after.framework)
    if github:
        summary = str(output_of("impact", "md", report))
        if not _step_summary(summary):
            click.echo(summary, nl=False)
        annotations = str(output_of("impact", "github", report, options_for("github", names)))
        if annotations:
            click.echo(annotations)
    else:
        _echo("impact", output, report, names, None, ())
    lost = fail_on_loss and report.summary.lost > 0
    ctx.exit(EXIT_ERRORS if folder.failed or lost else EXIT_OK)


COMMANDS = [impact]
