"""Project settings: ``[tool.competency]`` in pyproject.toml, or a competency.toml.

The settings file is looked for in the current folder, then each folder
above it; the search stops at the first folder that holds a
``competency.toml`` or a ``pyproject.toml`` (the project's root), or a
``.git`` (the repository's root), or at the filesystem root. When a folder
holds both files, ``competency.toml`` is read and pyproject.toml is not. A
pyproject.toml without a ``[tool.competency]`` table still ends the search:
the settings of a project never come from a folder outside it.

Every key is checked before any work: an unknown key, a value of the wrong
type or a value out of range is a `SettingsError` naming the file, line and
column. tomllib reads the values; the line and column are found in the
file's text (the key's line in its table), which is enough for the flat
table the settings are.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import Any

from competency.diagnostics import CompetencyError

__all__ = [
    "SETTINGS_FILES",
    "Settings",
    "SettingsError",
    "find_settings",
    "load_settings",
    "read_settings",
]

#: The settings files, in the order they win when a folder holds both.
SETTINGS_FILES = ("competency.toml", "pyproject.toml")

#: The same as the format's locale codes (competency.model.LOCALE_PATTERN),
#: kept here so reading settings does not import the models.
_LOCALE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


class SettingsError(CompetencyError):
    """A settings file that cannot be used: ``FILE:LINE:COLUMN: what is wrong``."""

    def __init__(self, path: Path | str, line: int, column: int, message: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {message}")
        self.path = str(path)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Settings:
    """The settings in force: each None when the file does not set it.

    `matrices` is the framework folder as a path from the current folder
    (the file gives it relative to the file's own folder).
    """

    path: Path | None = None
    matrices: str | None = None
    locale: str | None = None
    as_of: date | None = None
    strict: bool | None = None
    jobs: int | None = None

    def values(self) -> dict[str, Any]:
        """The keys the file sets, with their values as the command line would give them."""
        found: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if field.name != "path" and value is not None:
                found[field.name] = value.isoformat() if isinstance(value, date) else value
        return found


def find_settings(start: Path) -> Path | None:
    """The settings file for `start` (a folder): the first found upwards, or None."""
    folder = start.absolute()
    for candidate in (folder, *folder.parents):
        for name in SETTINGS_FILES:
            path = candidate / name
            if path.is_file():
                return path
        if (candidate / ".git").exists():
            return None
    return None


def load_settings(start: Path | None = None) -> Settings:
    """The settings in force in `start` (default: the current folder); empty if none."""
    here = Path.cwd() if start is None else start
    path = find_settings(here)
    return Settings() if path is None else read_settings(path, here)


def read_settings(path: Path, here: Path | None = None) -> Settings:
    """The checked settings of the file at `path`; paths in it made relative to `here`.

    Errors name the file as a path from `here` (default: the current folder).
    """
    here = Path.cwd() if here is None else here
    name = _from_here(path, here)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise SettingsError(name, 1, 1, "the file is not UTF-8") from None
    except OSError as error:
        raise SettingsError(name, 1, 1, f"cannot read: {error.strerror}") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at = _TOML_AT.search(str(error))
        line, column = (int(at.group(1)), int(at.group(2))) if at else (1, 1)
        problem = _TOML_AT.sub("", str(error)).strip()
        raise SettingsError(name, line, column, f"not valid TOML: {problem}") from None
    header: str | None
    if path.name == "pyproject.toml":
        header = "tool.competency"
        tool = document.get("tool")
        table = tool.get("competency", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise SettingsError(name, *_header_at(text, header), "tool.competency is not a table")
    else:
        header, table = None, document
    return _checked(path, name, text, header, table, here)


def _checked(
    path: Path, name: str, text: str, header: str | None, table: dict[str, Any], here: Path
) -> Settings:
    found: dict[str, Any] = {}
    keys = [f.name for f in fields(Settings) if f.name != "path"]
    for key, value in table.items():
        line, column = _key_at(text, header, key)
        where = (name, line, column)
        if key not in keys:
            raise SettingsError(*where, f"unknown key {key!r}; the keys are {', '.join(keys)}")
        found[key] = _value(key, value, where, path, here)
    return Settings(path=path, **found)


def _value(key: str, value: Any, where: tuple[str, int, int], path: Path, here: Path) -> Any:
    """One key's value, checked, in the form `Settings` keeps it."""

    def wrong(expected: str) -> SettingsError:
        return SettingsError(*where, f"{key} must be {expected}, not {_shown(value)}")

    if key == "matrices":
        if not isinstance(value, str) or not value.strip():
            raise wrong("a folder path (a string)")
        return _from_here(path.parent / value, here)
    if key == "locale":
        if not isinstance(value, str) or not _LOCALE.fullmatch(value):
            raise wrong("a locale code such as en, fr or zh-Hans")
        return value
    if key == "as_of":
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str) and _DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise wrong("a date, YYYY-MM-DD")
    if key == "strict":
        if type(value) is not bool:
            raise wrong("true or false")
        return value
    if type(value) is not int or value < 1:  # jobs
        raise wrong("a whole number of at least 1")
    return value


def _from_here(target: Path, here: Path) -> str:
    """`target` as the command line would name it from the folder `here`."""
    try:
        return os.path.normpath(os.path.relpath(target, here.absolute()))
    except ValueError:  # pragma: no cover - another drive on Windows
        return os.path.normpath(target.absolute())


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    shown = repr(value) if isinstance(value, str) else str(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _header_at(text: str, header: str) -> tuple[int, int]:
    """Line and column of the ``[header]`` line, or 1:1 when it is not written as one."""
    dotted = r"\s*\.\s*".join(map(re.escape, header.split(".")))
    pattern = re.compile(rf"\s*\[\s*{dotted}\s*\]")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number, len(line) - len(line.lstrip()) + 1
    return 1, 1


def _key_at(text: str, header: str | None, key: str) -> tuple[int, int]:
    """Line and column of `key` in the table `header` (None: the top level).

    The table runs from its header line to the next header; a key written
    some other way (a dotted key, an inline table) is placed at the header.
    """
    lines = text.splitlines()
    start = _header_at(text, header)[0] if header is not None else 0
    quoted = "|".join(re.escape(form) for form in (key, f'"{key}"', f"'{key}'"))
    written = re.compile(rf"\s*(?:{quoted})\s*=")
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith("["):
            break
        if written.match(lines[number]):
            return number + 1, len(lines[number]) - len(lines[number].lstrip()) + 1
    return (start, 1) if start else (1, 1)
