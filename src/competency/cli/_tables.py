"""Writing a folder of tables (``--format parquet --out FOLDER``), for ``export`` and ``team``.

The files go through `competency.files.write_files`: atomic, all or
nothing, never outside the folder, never over an existing file without
``--force``. A symbolic link or a file at the folder's place is refused
before anything is read.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import click

from competency.cli._common import Usage, refuse, shown
from competency.files import WriteError, write_files

__all__ = ["check_folder", "write_folder"]


def check_folder(out: str | None, names: Iterable[str], *, force: bool) -> str:
    """`out` as a folder for the files `names`: given, not standard output, not a link or a
    file, and (without `force`) none of the files there yet. Checked before any work."""
    if out is None:
        raise Usage("--format parquet writes a folder of tables: give it with --out FOLDER")
    if out == "-":
        raise Usage("--format parquet writes a folder of tables, not standard output")
    if os.path.islink(out):
        raise Usage(f"{shown(out)} is a symbolic link; give the folder itself")
    if os.path.lexists(out) and not os.path.isdir(out):
        raise Usage(f"{shown(out)} exists and is not a folder")
    for name in names if not force else ():
        if os.path.lexists(Path(out) / name):
            raise Usage(f"{shown(str(Path(out) / name))} exists; use --force to overwrite it")
    return out


def write_folder(out: str, files: Mapping[str, bytes], *, force: bool, quiet: bool) -> None:
    """Write `files` (name -> bytes) into the folder `out`, all or nothing; exit 2 if refused."""
    folder = Path(out)
    try:
        write_files(
            {folder / name: data for name, data in files.items()}, inside=folder, replace=force
        )
    except WriteError as error:
        refuse(error)
    if not quiet:
        click.echo(f"wrote {len(files)} tables into {shown(out)}", err=True)
