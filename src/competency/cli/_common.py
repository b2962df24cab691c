"""Helpers shared by the commands: exit codes, colour, printing diagnostics."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar

import click

from competency.check.suppress import LintOptions, SuppressionError
from competency.cli._errors import (
    EXIT_USAGE,
    BadValue,
    CannotRun,
    Usage,
    refuse,
    shown,
    shown_error,
)
from competency.diagnostics import Diagnostic, Result
from competency.framework import Framework
from competency.io import (
    find_framework_folder,
    is_framework_folder,
    read_framework,
)
from competency.model import LOCALE_PATTERN, Evidence
from competency.names import Names
from competency.write import WriteOptions, output_of

__all__ = [
    "EXIT_ERRORS",
    "EXIT_OK",
    "EXIT_USAGE",
    "BadValue",
    "CannotRun",
    "Usage",
    "from_settings",
    "ignore_option",
    "jobs_option",
    "locale_option",
    "options_for",
    "print_diagnostics",
    "quiet_option",
    "read_framework_or_report",
    "refuse",
    "shown",
    "shown_error",
    "use_colour",
]

EXIT_OK = 0
EXIT_ERRORS = 1


def _ignored(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> LintOptions:
    """``--ignore Q100,Q102 --ignore Q103`` -> checked `LintOptions` (errors cannot be ignored)."""
    codes = frozenset(code.strip() for part in value for code in part.split(",") if code.strip())
    try:
        return LintOptions(ignore=codes)
    except SuppressionError as error:
        raise BadValue(shown(error)) from None


#: --ignore, the same for every command that prints warnings; its value is `LintOptions`.
ignore_option = click.option(
    "--ignore",
    "lint",
    multiple=True,
    callback=_ignored,
    metavar="CODE[,CODE...]",
    help="Drop warnings with these codes (repeatable). Errors cannot be ignored.",
)


#: --quiet, for the commands that report progress or what they wrote on stderr.
quiet_option = click.option(
    "--quiet", "-q", is_flag=True, help="Print nothing on stderr but problems."
)


F = TypeVar("F", bound=Callable[..., Any])


def _locale(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--locale fr``: a locale code (BCP 47: a language and optional subtags), else exit 2."""
    if value is not None and not re.fullmatch(LOCALE_PATTERN, value):
        raise BadValue(f"'{shown(value)}' is not a locale code such as en, fr or zh-Hans")
    return value


def locale_option(help: str) -> Callable[[F], F]:
    """--locale, checked the same for every command that takes it; `help` says what it changes.

    A value that is not a locale code (``en``, ``fr``, ``zh-Hans``: a
    language and optional subtags, as framework files write them) is wrong
    usage, exit 2, before anything is read.
    """
    return click.option("--locale", metavar="LOCALE", callback=_locale, help=help)


def from_settings(ctx: click.Context, name: str) -> bool:
    """Whether parameter `name` has its value from the project settings (competency.settings)."""
    return ctx.get_parameter_source(name) is click.core.ParameterSource.DEFAULT_MAP


def use_colour(stream: IO[str] | None = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    return hasattr(target, "isatty") and target.isatty()


#: --jobs, the same for every command that reads many files.
jobs_option = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes to read files with (default: the usable cores; 1 runs in this process).",
)


def options_for(
    output: str,
    names: Names | None = None,
    locale: str | None = None,
    evidence: Evidence | None = None,
    font_paths: Sequence[str] = (),
    evidence_text: str | None = None,
) -> WriteOptions:
    """Writer options for format `output` printed on stdout: colour only for text on a terminal."""
    colour = output == "text" and use_colour()
    return WriteOptions(colour, names, locale, evidence, None, tuple(font_paths), evidence_text)


def print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    """Diagnostics on stderr as ``validate`` prints them: sorted, one per line, a summary."""
    if diagnostics:
        colour = use_colour(sys.stderr)
        ordered = Result(list(diagnostics)).sorted()
        click.echo(output_of("diagnostics", "text", ordered, WriteOptions(colour)), err=True)


def read_framework_or_report(folder: str, option: str = "--matrices") -> Framework | None:
    """The framework in `folder`, or None after printing its diagnostics on stderr.

    A path that is not a framework folder is wrong usage (exit 2), refused
    before anything is read, so a mistaken folder (a home folder, say) is
    not walked in full.
    """
    path = find_framework_folder(folder)
    if not path.is_dir():
        raise Usage(f"framework folder not found: {shown(folder)}")
    if not is_framework_folder(path):
        raise Usage(
            f"not a framework folder (no framework.yaml): {shown(folder)}; "
            f"pass the framework folder with {option}"
        )
    checked = read_framework(folder)
    if checked.framework is None:
        print_diagnostics(checked.diagnostics)
    return checked.framework
