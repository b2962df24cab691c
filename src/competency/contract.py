"""The Python API's argument checks: wrong types fail at once, with a clear message.

Bad *data* never raises (it becomes diagnostics); a wrong *argument* (a
string where a list of paths is expected, a path where a framework is) is a
programming error, reported before any work is done as `ArgumentTypeError`,
a `TypeError` that is also a `CompetencyError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from competency.diagnostics import CompetencyError

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "as_date",
    "check_instance",
    "check_optional_str",
    "check_path",
    "check_paths",
]


class ArgumentTypeError(CompetencyError, TypeError):
    """An argument of the Python API has the wrong type; nothing was done."""


class ArgumentValueError(CompetencyError, ValueError):
    """An argument of the Python API has the right type but a value it cannot take."""


def _kind(value: object) -> str:
    return type(value).__name__


def check_path(function: str, name: str, value: object) -> None:
    """`value` is a path: a `str` or an `os.PathLike` (a `pathlib.Path`)."""
    if not isinstance(value, str | os.PathLike):
        raise ArgumentTypeError(
            f"{function}(): {name} must be a path (str or pathlib.Path), not {_kind(value)}"
        )


def check_paths(function: str, name: str, value: object) -> None:
    """`value` is a list (or other sequence) of paths, and not one path on its own."""
    if isinstance(value, str | bytes | os.PathLike):
        shown = os.fspath(value) if not isinstance(value, bytes) else value
        raise ArgumentTypeError(
            f"{function}() takes a list of paths; wrap a single path in a list: "
            f"{function}([{shown!r}])"
        )
    if not isinstance(value, Iterable):
        raise ArgumentTypeError(f"{function}(): {name} must be a list of paths, not {_kind(value)}")


def check_instance(
    function: str, name: str, value: object, kind: type[Any] | tuple[type[Any], ...]
) -> None:
    """`value` is an instance of `kind`."""
    if not isinstance(value, kind):
        wanted = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        article = "an" if wanted[0] in "AEIOUaeiou" else "a"
        raise ArgumentTypeError(
            f"{function}(): {name} must be {article} {wanted}, not {_kind(value)}"
        )


def check_optional_str(function: str, name: str, value: object) -> None:
    """`value` is None or a `str`."""
    if value is not None and not isinstance(value, str):
        raise ArgumentTypeError(f"{function}(): {name} must be a str or None, not {_kind(value)}")


def as_date(function: str, name: str, value: object) -> date | None:
    """`value` as a calendar date: a `datetime` (naive or time-zone aware) gives its own date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    raise ArgumentTypeError(
        f"{function}(): {name} must be a datetime.date (or None), not {_kind(value)}"
    )
