"""``competency diff``: two levels, or two versions of a framework."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import click

from competency.cli._common import (
    EXIT_ERRORS,
    Usage,
    from_settings,
    locale_option,
    options_for,
    read_framework_or_report,
)
from competency.diff import FrameworkDiff, LevelDiff, diff_frameworks, diff_levels
from competency.escape import terminal
from competency.framework import Framework, UnknownReferenceError
from competency.model import LEVEL_REF_PATTERN
from competency.names import Names
from competency.write import Kind, formats, output_of

__all__ = ["COMMANDS", "diff"]

#: The output formats of ``--format``: the same for both kinds of diff.
FORMATS = formats("level-diff")

_Form = Literal["levels", "frameworks"]


@click.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--matrices",
    type=click.Path(),
    help="Framework folder the two levels come from (default: matrices/). Levels only.",
)
@click.option(
    "--format",
    "output",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for a terminal, md for Markdown, json for scripts (see docs/diff.md).",
)
@locale_option("Locale of the names and texts shown (default: the framework's).")
@click.pass_context
def diff(
    ctx: click.Context, a: str, b: str, matrices: str | None, output: str, locale: str | None
) -> None:
    """Show what changes between two levels, or between two framework folders.

    A and B are either two levels, ROLE@LEVEL, also of different roles (what
    a promotion or a lateral move asks for), or two framework folders (a
    changelog from the old version A to the new version B, with a warning
    when the version was not raised). An argument that names an existing
    folder is a framework; one that contains '@' is a level. Exit status: 0
    when the comparison ran, 1 when a framework has errors, 2 for an unknown
    level or a missing folder.

    Examples:

        competency diff support-specialist@ss1 support-specialist@ss2

        competency diff support-specialist@ss3 support-engineer@se1 --format md

        competency diff old-matrices/ matrices/ --format json
    """
    if _form(a, b) == "levels":
        report: LevelDiff | FrameworkDiff = _level_diff(ctx, a, b, matrices, locale)
    else:
        if matrices is not None and not from_settings(ctx, "matrices"):
            raise Usage("--matrices is for comparing levels, not framework folders")
        report = _framework_diff(ctx, a, b, locale)
    click.echo(_render(report, output))


COMMANDS = [diff]


def _kind(argument: str) -> _Form | None:
    """Which form one argument belongs to; an existing folder wins over '@'."""
    if Path(argument).is_dir():
        return "frameworks"
    if "@" in argument and not Path(argument).exists():
        return "levels"
    return None


def _form(a: str, b: str) -> _Form:
    """Whether A and B are two levels or two framework folders, or a usage error."""
    kinds = [_kind(a), _kind(b)]
    for argument, kind in zip((a, b), kinds, strict=True):
        if kind is None:
            raise Usage(
                f"'{terminal(argument)}' is neither a level (ROLE@LEVEL) "
                "nor an existing framework folder"
            )
        if kind == "levels" and not re.fullmatch(LEVEL_REF_PATTERN, argument):
            raise Usage(f"'{terminal(argument)}' is not a level reference such as role@level")
    if kinds[0] != kinds[1]:
        raise Usage(
            f"cannot compare '{terminal(a)}' with '{terminal(b)}': "
            "give two levels or two framework folders"
        )
    return "levels" if kinds[0] == "levels" else "frameworks"


def _read(folder: str) -> Framework | None:
    """The framework in `folder`, or None after printing its diagnostics to stderr."""
    return read_framework_or_report(folder)


def _level_diff(
    ctx: click.Context, a: str, b: str, matrices: str | None, locale: str | None
) -> LevelDiff:
    framework = _read(matrices if matrices is not None else "matrices")
    if framework is None:
        ctx.exit(EXIT_ERRORS)
    try:
        return diff_levels(framework, a, b, names=Names(framework, locale))
    except UnknownReferenceError as error:
        raise Usage(_unknown_level(framework, error.reference)) from None


def _unknown_level(framework: Framework, ref: str) -> str:
    """The message for an unknown level, naming the levels its role does have."""
    role_id = ref.partition("@")[0]
    role = framework.roles.get(role_id)
    if role is None:
        return f"unknown level '{terminal(ref)}': there is no role '{terminal(role_id)}'"
    levels = ", ".join(level.id for level in role.levels)
    return f"unknown level '{terminal(ref)}': {role_id} has the levels {levels}"


def _framework_diff(ctx: click.Context, a: str, b: str, locale: str | None) -> FrameworkDiff:
    # Read both before stopping, so that one run shows every problem.
    old, new = _read(a), _read(b)
    if old is None or new is None:
        ctx.exit(EXIT_ERRORS)
    return diff_frameworks(old, new, names=(Names(old, locale), Names(new, locale)))


def _render(report: LevelDiff | FrameworkDiff, output: str) -> str:
    kind: Kind = "level-diff" if isinstance(report, LevelDiff) else "framework-diff"
    return str(output_of(kind, output, report, options_for(output)))
