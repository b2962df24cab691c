"""Helpers shared by the commands: output formats, colour, exit codes."""

from __future__ import annotations

import os
import sys
from typing import IO

import click

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_USAGE", "use_colour"]

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
