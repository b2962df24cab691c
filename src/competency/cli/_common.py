"""Helpers shared by the commands: output formats, colour, exit codes."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING

import click

if TYPE_CHECKING:
    from competency.framework import Framework

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_USAGE", "read_framework_or_report", "use_colour"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


def use_colour(stream: IO[str] | None = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    target = stream if stream is not None else sys.stdout
    return hasattr(target, "isatty") and target.isatty()


def fail(message: str) -> None:
    """Stop with a usage-level error (exit 2) and a plain message."""
    raise click.UsageError(message)


def read_framework_or_report(folder: str, option: str = "--matrices") -> Framework | None:
    """The framework in `folder`, or None after printing its diagnostics on stderr.

    A path that is not a framework folder is wrong usage (exit 2), refused
    before anything is read, so a mistaken folder (a home folder, say) is
    not walked in full.
    """
    from pathlib import Path

    from competency.api import FRAMEWORK_FILES, find_framework_folder, read_framework
    from competency.diagnostics import Result
    from competency.reporters import text

    path = find_framework_folder(folder)
    if not path.is_dir():
        raise click.UsageError(f"framework folder not found: {folder}")
    if not any((Path(path) / name).is_file() for name in FRAMEWORK_FILES):
        raise click.UsageError(
            f"not a framework folder (no framework.yaml): {folder}; "
            f"pass the framework folder with {option}"
        )
    checked = read_framework(folder)
    if checked.framework is None:
        click.echo(text(Result(checked.diagnostics).sorted(), use_colour(sys.stderr)), err=True)
    return checked.framework
