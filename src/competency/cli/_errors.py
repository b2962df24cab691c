"""The command line's own error messages: input values escaped where a message is built.

A message this program writes is its own text with values from input (file
names, ids, texts from files) put in through `shown`, which escapes them
(`competency.escape.terminal`). Such a message is raised as `Usage`,
`BadValue` or `CannotRun` and printed as it is, its own line breaks kept.

Every other message (click's, which quote what was typed: "No such option:
...") is escaped whole where it is printed (`competency.cli.main`), the last
line of defence against a control character or a line break that could
forge a line of a CI log. Only click's help, printed for a group given no
command, is printed as it is: it is the program's own text.

This module imports click and `competency.escape` only: `main` loads it on
every start.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NoReturn

import click

from competency.escape import terminal

__all__ = [
    "EXIT_USAGE",
    "BadValue",
    "CannotRun",
    "Usage",
    "is_written",
    "refuse",
    "shown",
    "shown_error",
]

EXIT_USAGE = 2

#: Shown as a visible escape: a value that came from input, one line at most.
shown = terminal


class Usage(click.UsageError):
    """Wrong usage (exit 2), in a message whose input values were escaped with `shown`."""


class BadValue(click.BadParameter):
    """An option's or argument's value refused (exit 2); its values escaped with `shown`."""


class CannotRun(click.ClickException):
    """The command could not run, through no fault in the input (a file in the way): exit 2.

    Its message's input values were escaped with `shown`, or it came from
    `shown_error`.
    """

    exit_code = EXIT_USAGE


def shown_error(error: BaseException) -> str:
    """`error`'s message for a terminal, every value in it from input shown as an escape.

    An error whose message has several lines by design (the missing-font
    message) gives them as ``lines``, a sequence of one-line strings: each
    is escaped and they are joined with line breaks, so text from input can
    never start a line. Any other error's message is escaped whole.
    """
    lines = getattr(error, "lines", None)
    if isinstance(lines, Sequence) and not isinstance(lines, str) and lines:
        return "\n".join(terminal(line) for line in lines)
    return terminal(error)


def refuse(error: BaseException) -> NoReturn:
    """Stop the command with exit 2 and `error`, shown safely, and no usage text."""
    raise CannotRun(shown_error(error)) from None


#: The errors whose message is this program's own text, printed as it is: ours, and
#: click's for a group given no command (click 8.2 on), whose message is the group's help.
_HELP: object = getattr(click.exceptions, "NoArgsIsHelpError", None)
_WRITTEN: tuple[type[click.ClickException], ...] = (
    Usage,
    BadValue,
    CannotRun,
    *([_HELP] if isinstance(_HELP, type) and issubclass(_HELP, click.ClickException) else []),
)


def is_written(error: click.ClickException) -> bool:
    """Whether `error`'s message is this program's own text, to print as it is."""
    return isinstance(error, _WRITTEN)
