"""Where a framework's files are: the framework folder and the YAML files below a folder.

The one definition of both, for reading (`competency.io`), checking, the
editing tools and the command line: a folder is a framework folder when it
holds a framework file (`FRAMEWORK_FILES`), and `find_yaml` lists the YAML
files below a folder in one stable order.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "FRAMEWORK_FILES",
    "YAML_SUFFIXES",
    "find_framework_folder",
    "find_yaml",
    "is_framework_folder",
    "shown_at",
    "shown_below",
    "walk_yaml",
]

#: A folder is a framework folder when it holds one of these files.
FRAMEWORK_FILES = ("framework.yaml", "framework.yml")
#: The endings of the files read as YAML.
YAML_SUFFIXES = (".yaml", ".yml")


def is_framework_folder(path: str | os.PathLike[str]) -> bool:
    """Whether `path` is a folder holding a framework file."""
    folder = Path(path)
    return folder.is_dir() and any((folder / name).is_file() for name in FRAMEWORK_FILES)


def find_framework_folder(path: str | os.PathLike[str]) -> Path:
    """The framework folder for `path`: the folder itself, or a framework file's folder."""
    folder = Path(path)
    if folder.is_file() and folder.name in FRAMEWORK_FILES:
        return folder.parent
    return folder


def find_yaml(folder: str | os.PathLike[str]) -> list[Path]:
    """Every ``*.yaml`` and ``*.yml`` below `folder`, in a stable order, skipping hidden names.

    Hidden folders are not entered and symbolic links to folders are not
    followed, so a walk stays inside the folder it was given. Anything else
    so named is listed, so that reading it reports what is wrong: a FIFO or
    device, a symbolic link that leads nowhere or round in a loop (Y110).
    Skipping them would hide a file the author meant to be read. A folder
    that cannot be listed (no permission, a path longer than the system
    allows) is listed itself, so that reading it reports why: nothing below
    `folder` is skipped in silence. The walk keeps its own list of folders
    to visit, so no depth of nesting exhausts Python's stack. The order is
    that of the paths' parts below `folder`.
    """
    return [path for _, path in walk_yaml(folder)]


def walk_yaml(folder: str | os.PathLike[str]) -> list[tuple[tuple[str, ...], Path]]:
    """`find_yaml`'s files, each with its path's parts below `folder`, in the same order.

    The parts are kept from the walk, so callers that name files by their
    place below the folder need not work them out again.
    """
    root = Path(folder)
    found: list[tuple[tuple[str, ...], Path]] = []
    waiting: list[tuple[tuple[str, ...], Path]] = [((), root)]
    while waiting:
        parts, current = waiting.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError:
            found.append((parts, current))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if _is_folder(entry, follow=False):
                waiting.append(((*parts, name), current / name))
            elif name.endswith(YAML_SUFFIXES) and not _is_folder(entry, follow=True):
                found.append(((*parts, name), current / name))
    found.sort(key=lambda pair: pair[0])
    return found


def _is_folder(entry: os.DirEntry[str], *, follow: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow)
    except OSError:
        return False


def shown_below(display: str, folder: Path, path: Path) -> str:
    """`path` (found below `folder`) as shown: the folder as given joined with the rest."""
    return shown_at(display, path.relative_to(folder).parts)


def shown_at(display: str, parts: tuple[str, ...]) -> str:
    """A file `parts` below a folder shown as `display`: the folder joined with the rest."""
    return display if not parts else os.path.join(display, os.sep.join(parts))
