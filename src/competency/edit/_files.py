"""Files for the editing tools: finding YAML, reading it, and writing it safely.

Writes go through `competency.files`: never through a symbolic link, never
a half-written file (a temporary file in the same folder replaces the old
one in a single ``os.replace``). New files are created exclusively, so
nothing that exists is ever overwritten by accident.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from competency.diagnostics import CompetencyError, Diagnostic
from competency.files import WriteError, write_file, write_files
from competency.folders import find_yaml, shown_below
from competency.load import Document, load_document
from competency.model import ID_MAX, is_id

__all__ = [
    "BOM",
    "ApplyError",
    "EditError",
    "Plan",
    "Problem",
    "YamlFile",
    "apply",
    "check_id",
    "create_file",
    "is_id",
    "load",
    "replace_file",
    "yaml_files",
]

BOM = "\ufeff"
#: The longest id (docs/format.md, section 2).


class EditError(CompetencyError, ValueError):
    """An edit that cannot go on as asked (a name taken, a file that exists ...)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something in the input that stopped an edit of one file, and where it is."""

    file: str
    line: int
    column: int
    message: str

    @classmethod
    def from_diagnostic(cls, diagnostic: Diagnostic) -> Problem:
        """The problem a loading diagnostic describes, code included."""
        return cls(
            diagnostic.file,
            diagnostic.line,
            diagnostic.column,
            f"{diagnostic.code} {diagnostic.message}",
        )

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


@dataclass(frozen=True, slots=True)
class YamlFile:
    """A YAML file to edit: where it is and how to name it in messages."""

    path: Path
    display: str


def check_id(value: str, what: str) -> str:
    """`value` when it is an id (docs/format.md, "Ids"), else `EditError` naming `what`."""
    if not is_id(value):
        raise EditError(
            f"'{value}' is not a valid {what}: lowercase letters and digits in words "
            f"joined by hyphens, starting with a letter, at most {ID_MAX} characters"
        )
    return value


def yaml_files(given: str | os.PathLike[str]) -> list[YamlFile]:
    """`given` itself when it is a file, else every YAML file below it, sorted.

    Hidden folders are skipped and symbolic links to folders are not followed,
    so a walk stays inside the folder it was given. Names are shown as the
    folder was given joined with the path inside it. A folder that cannot be
    read is listed itself, so that loading it reports why (never skipped).
    """
    root = Path(given)
    if not root.is_dir():
        return [YamlFile(root, str(given))]
    return [YamlFile(path, shown_below(str(given), root, path)) for path in find_yaml(root)]


def load(file: YamlFile) -> Document:
    """The file read strictly by `competency.load`, problems included (never raised)."""
    return load_document(file.path, file.display)


def decode(raw: bytes) -> tuple[str, bool]:
    """The text of a file that loaded cleanly, and whether it started with a BOM."""
    text = raw.decode("utf-8-sig")
    return text, raw.startswith(BOM.encode("utf-8"))


def encode(text: str, bom: bool) -> bytes:
    """The bytes to write for `text`, keeping a byte-order mark the file had."""
    return (BOM + text if bom else text).encode("utf-8")


def replace_file(path: Path, data: bytes, *, keep_mode_of: Path | None = None) -> None:
    """Write `data` to `path` atomically (`competency.files`); refuse a symbolic link.

    The file's permissions are kept (or those of `keep_mode_of`, for a file
    that replaces another under a new name). Raises `EditError` for a link
    and `OSError` when the file system refuses.
    """
    if path.is_symlink():
        raise EditError(f"{path} is a symbolic link; edit the file it points to")
    write_file(path, data, replace=True, keep_mode_of=keep_mode_of)


def create_file(path: Path, data: bytes) -> None:
    """Create `path` with `data`; refuse when anything (a link included) is already there."""
    try:
        write_file(path, data, replace=False)
    except WriteError as error:
        raise EditError(str(error)) from None


# --- many files, all or nothing -------------------------------------------------------


class ApplyError(EditError):
    """A planned edit the file system refused part-way; every file was put back as it was."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Plan:
    """Every change of an edit, worked out before any is made.

    `writes` are the new bytes of each file written (in place, or under a new
    name); `originals` the bytes each file written in place and each file
    removed had, so that they can be put back; `removals` the files removed
    once every write is done (the old names of renamed files).
    """

    writes: Mapping[Path, bytes]
    originals: Mapping[Path, bytes]
    removals: Sequence[Path] = ()
    #: The file whose permissions a file written under a new name takes.
    keep_mode_of: Mapping[Path, Path] = field(default_factory=dict)


def apply(plan: Plan, shown: Mapping[Path, str] | None = None) -> None:
    """Carry out `plan`, all or nothing: write every file, then remove the old ones.

    The writes are one `competency.files.write_files` transaction. When a
    removal fails, the files already removed are written back, the new
    files are removed and the files edited in place get their old bytes:
    `ApplyError` then says which file could not be removed and that nothing
    changed. When putting back fails too, `EditError` names each file that
    could not be put back. `shown` names files in messages (default: paths).
    """
    names = shown or {}
    editing = {path for path in plan.writes if path in plan.originals}
    write_files(plan.writes, replace=lambda path: path in editing, keep_mode_of=plan.keep_mode_of)
    removed: list[tuple[Path, int]] = []
    for path in plan.removals:
        try:
            mode = stat.S_IMODE(os.lstat(path).st_mode)
            path.unlink()
        except OSError as error:
            reason = f"cannot remove {names.get(path, path)}: {error.strerror or error}"
            failed = _put_back(plan, removed)
            if failed:
                shown_failed = ", ".join(str(names.get(f, f)) for f in failed)
                raise EditError(
                    f"{reason}; putting the files back failed for {shown_failed}: "
                    "check them by hand (the other files are as they were)"
                ) from None
            raise ApplyError(f"{reason}; every file was put back as it was", path) from None
        removed.append((path, mode))


def _put_back(plan: Plan, removed: list[tuple[Path, int]]) -> list[Path]:
    """Undo the writes and the removals done so far; the files that could not be put back."""
    failed: list[Path] = []
    for path, mode in reversed(removed):
        try:
            write_file(path, plan.originals[path])
            os.chmod(path, mode)
        except OSError:
            failed.append(path)
    for path in plan.writes:
        try:
            if path in plan.originals:
                write_file(path, plan.originals[path], replace=True)
            else:
                path.unlink()
        except OSError:
            failed.append(path)
    return failed
