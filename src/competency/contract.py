"""The Python API's argument checks: wrong types fail at once, with a clear message.

Bad *data* never raises (it becomes diagnostics); a wrong *argument* (a
string where a list of paths is expected, a path where a framework is) is a
programming error, reported before any work is done as `ArgumentTypeError`,
a `TypeError` that is also a `CompetencyError`.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from competency.diagnostics import CompetencyError

__all__ = [
    "ArgumentTypeError",
    "ArgumentValueError",
    "as_date",
    "check_bool",
    "check_count",
    "check_failed",
    "check_instance",
    "check_iterable",
    "check_optional",
    "check_optional_str",
    "check_path",
    "check_path_length",
    "check_paths",
    "check_text_value",
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


def check_optional(
    function: str, name: str, value: object, kind: type[Any] | tuple[type[Any], ...]
) -> None:
    """`value` is None or an instance of `kind`."""
    if value is not None:
        check_instance(function, name, value, kind)


def check_bool(function: str, name: str, value: object) -> None:
    """`value` is True or False."""
    if not isinstance(value, bool):
        raise ArgumentTypeError(f"{function}(): {name} must be a bool, not {_kind(value)}")


def check_count(function: str, name: str, value: object, minimum: int) -> None:
    """`value` is an int (not a bool) of at least `minimum`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ArgumentTypeError(f"{function}(): {name} must be an int, not {_kind(value)}")
    if value < minimum:
        raise ArgumentValueError(f"{function}(): {name} must be at least {minimum}, not {value}")


def check_iterable(function: str, name: str, value: object) -> None:
    """`value` is a list (or other iterable), and not a string."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise ArgumentTypeError(f"{function}(): {name} must be a list, not {_kind(value)}")


def check_failed(function: str, name: str, value: object) -> None:
    """`value` is a list of (file, diagnostics) pairs: files that could not be read."""
    from competency.diagnostics import Diagnostic

    check_iterable(function, name, value)
    assert isinstance(value, Iterable)
    for pair in value:
        if (
            not isinstance(pair, tuple | list)
            or len(pair) != 2
            or not isinstance(pair[0], str)
            or not isinstance(pair[1], Iterable)
            or not all(isinstance(d, Diagnostic) for d in pair[1])
        ):
            raise ArgumentTypeError(
                f"{function}(): {name} must be a list of (file, list of Diagnostic) pairs, "
                f"not one holding {_kind(pair)}"
            )


def check_text_value(function: str, name: str, value: object) -> None:
    """`value` is None, a str, or a mapping of locale tags to strs (a localised text)."""
    if value is None or isinstance(value, str):
        return
    if not isinstance(value, Mapping) or not all(
        isinstance(key, str) and isinstance(text, str) for key, text in value.items()
    ):
        raise ArgumentTypeError(
            f"{function}(): {name} must be a str or a mapping of locale tags to str, "
            f"not {_kind(value)}"
        )


def check_path_length(function: str, name: str, value: str | os.PathLike[str]) -> None:
    """`value` is a path the system can take: one longer than it allows is a wrong value.

    A path that does not exist is data (the functions report it); one that no
    file system could hold is a mistake in the call, found before any work.
    """
    try:
        os.lstat(value)
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            shown = os.fspath(value)
            shown = shown if len(shown) <= 60 else f"{shown[:40]}...({len(shown)} characters)"
            raise ArgumentValueError(
                f"{function}(): {name} {shown!r}: the path is longer than the system allows"
            ) from None
    except ValueError:  # a NUL character in the path
        raise ArgumentValueError(f"{function}(): {name} must not hold a NUL character") from None
