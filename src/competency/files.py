"""Writing files so that nothing a user wrote is lost: the one file writer.

Every command that writes files (template, render, schema, new, fmt,
rename) writes through `write_files`, or, when the files are made one at a
time and should not all be held in memory (suggest), through
`StagedFiles`, which stages each as it comes and puts them all in place at
the end. Both promise:

- **atomic**: each file's new bytes go to a temporary file in the same
  folder, flushed to disk, then renamed over the target with one
  ``os.replace``; a reader sees the old file or the new one, never half;
- **all or nothing**: every file is staged before any is renamed into
  place, and a failure part-way puts back what was there before, so a
  failed run leaves the previous output as it was;
- **never through a symbolic link**: a link at the target is replaced as a
  link (when replacing is allowed), never followed to the file it names;
- **never outside the folder given**: with `inside`, a target whose folder
  leads elsewhere (through a linked folder, or ``..``) is refused before
  anything is written, and no folder is created outside it;
- **never over a file it did not generate**: an existing target is
  replaced only when `replace` allows it (a ``--force`` on the command
  line, or a test that recognises the file as generated output).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from competency.diagnostics import CompetencyError

__all__ = ["StagedFiles", "WriteError", "write_file", "write_files"]


class WriteError(CompetencyError, OSError):
    """A file could not be written as asked; nothing was changed.

    Also an `OSError`, because the cause is the file system's answer or
    what already stands at the target.
    """


#: What os.link raises on a file system without hard links.
_NO_HARD_LINKS = frozenset({errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EOPNOTSUPP})

#: Whether an existing file at a target may be replaced: a yes for all, or a question
#: asked of each existing target.
Replace = bool | Callable[[Path], bool]


@dataclass
class _Plan:
    target: Path
    data: bytes
    mode: int
    existed: bool
    temporary: str = ""
    backup: str = ""
    link: str | None = None  # the text of a symbolic link that stood at the target
    done: bool = False


def write_file(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    inside: str | os.PathLike[str] | None = None,
    replace: Replace = False,
    keep_mode_of: str | os.PathLike[str] | None = None,
) -> Path:
    """Write one file as `write_files` does; return its path."""
    target = Path(path)
    keep = {target: Path(keep_mode_of)} if keep_mode_of is not None else None
    write_files({target: data}, inside=inside, replace=replace, keep_mode_of=keep)
    return target


def write_files(
    files: Mapping[Path, bytes],
    *,
    inside: str | os.PathLike[str] | None = None,
    replace: Replace = False,
    keep_mode_of: Mapping[Path, Path] | None = None,
) -> list[Path]:
    """Write every file of `files` (path -> bytes), all or nothing; return the paths.

    Raises `WriteError` before writing anything when a target is a folder
    or another non-file, stands outside `inside`, or exists and `replace`
    does not allow replacing it; and, after putting everything back, when
    the file system refuses a write.

    A new file gets the permissions the umask allows; a replaced one keeps
    its own (or those of `keep_mode_of[path]`, for a file written under a
    new name).
    """
    root = Path(inside) if inside is not None else None
    plans = [
        _plan(Path(path), data, root, replace, keep_mode_of or {}) for path, data in files.items()
    ]

    def stage() -> None:
        for plan in plans:
            _stage(plan, root)

    return _put_in_place(plans, stage)


def _put_in_place(plans: list[_Plan], stage: Callable[[], None] | None = None) -> list[Path]:
    """Stage (when `stage` is given) and commit every plan, all or nothing; the targets.

    On any failure every file already put in place is rolled back, and an
    `OSError` becomes a `WriteError`; staged leftovers are removed either way.
    """
    try:
        if stage is not None:
            stage()
        for plan in plans:
            _commit(plan)
    except BaseException as error:
        _roll_back(plans)
        if isinstance(error, OSError) and not isinstance(error, WriteError):
            raise WriteError(_message(error)) from None
        raise
    finally:
        _remove_leftovers(plans)
    _sync_folders(plans)
    return [plan.target for plan in plans]


class StagedFiles:
    """Files written one at a time to temporary files beside their targets, then put in
    place all at once by `commit`, with the promises of `write_files`.

    `stage` checks a target and writes its bytes to a temporary file at once, so the
    bytes need not be kept; a file refused or a write that fails raises `WriteError`.
    Leaving the ``with`` block without a `commit` (an error, or nothing to commit)
    removes every temporary file and changes nothing.
    """

    def __init__(
        self,
        *,
        inside: str | os.PathLike[str] | None = None,
        replace: Replace = False,
        keep_mode_of: Mapping[Path, Path] | None = None,
    ) -> None:
        self._root = Path(inside) if inside is not None else None
        self._replace = replace
        self._keep = keep_mode_of or {}
        self._plans: list[_Plan] = []

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *_: object) -> None:
        self._clean_up()

    def stage(self, path: Path, data: bytes) -> None:
        """Check `path` and write `data` to a temporary file beside it, flushed to disk."""
        plan = _plan(Path(path), data, self._root, self._replace, self._keep)
        self._plans.append(plan)
        try:
            _stage(plan, self._root)
        except OSError as error:
            if isinstance(error, WriteError):
                raise
            raise WriteError(_message(error)) from None
        finally:
            plan.data = b""

    def commit(self) -> list[Path]:
        """Put every staged file in place, all or nothing; return the paths."""
        plans, self._plans = self._plans, []
        return _put_in_place(plans)

    def _clean_up(self) -> None:
        plans, self._plans = self._plans, []
        _remove_leftovers(plans)


def _remove_leftovers(plans: list[_Plan]) -> None:
    for plan in plans:
        for leftover in (plan.temporary, plan.backup):
            if leftover:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)


def _message(error: OSError) -> str:
    where = error.filename if error.filename is not None else "a file"
    return f"cannot write {where}: {error.strerror or error}"


def _plan(
    target: Path, data: bytes, root: Path | None, replace: Replace, keep: Mapping[Path, Path]
) -> _Plan:
    """Check one target before anything is written; what to do with it."""
    if root is not None and not _leads_inside(target.parent, root):
        raise WriteError(f"cannot write {target}: {target.parent} leads outside {root}")
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise WriteError(_message(error)) from None
    link = None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            link = os.readlink(target)
        elif not stat.S_ISREG(info.st_mode):
            raise WriteError(f"cannot write {target}: something other than a file is there")
        allowed = replace(target) if callable(replace) else replace
        if not allowed:
            what = "a symbolic link" if link is not None else "a file"
            raise WriteError(f"{target} exists ({what}); it is left as it is")
    return _Plan(target, data, _mode(target, info, keep.get(target)), info is not None, link=link)


def _leads_inside(folder: Path, root: Path) -> bool:
    """Whether `folder` (existing or not yet) is, once links are followed, inside `root`."""
    try:
        real_root = root.resolve()
        existing = folder
        while not existing.exists() and existing != existing.parent:
            if existing.is_symlink():  # a dangling link would be followed by mkdir
                return False
            existing = existing.parent
        missing = folder.relative_to(existing) if existing != folder else Path()
        if ".." in missing.parts:
            return False
        return (existing.resolve() / missing).is_relative_to(real_root)
    except (OSError, RuntimeError, ValueError):
        return False


def _mode(target: Path, info: os.stat_result | None, keep: Path | None) -> int:
    with contextlib.suppress(OSError):
        if keep is not None:
            return stat.S_IMODE(os.stat(keep).st_mode)
        if info is not None and stat.S_ISREG(info.st_mode):
            return stat.S_IMODE(info.st_mode)
    return 0o666 & ~_umask()


def _umask() -> int:
    # The only portable way to read the umask is to set it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stage(plan: _Plan, root: Path | None) -> None:
    """The new bytes in a temporary file beside the target, flushed to disk."""
    folder = plan.target.parent
    folder.mkdir(parents=True, exist_ok=True)
    if root is not None and not _leads_inside(folder, root):  # a link swapped in meanwhile
        raise WriteError(f"cannot write {plan.target}: {folder} leads outside {root}")
    handle, plan.temporary = tempfile.mkstemp(
        dir=folder, prefix=f".{plan.target.name}.", suffix=".tmp"
    )
    with os.fdopen(handle, "wb") as stream:
        stream.write(plan.data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(plan.temporary, plan.mode)


def _commit(plan: _Plan) -> None:
    """Put the staged file in place: a new file only if nothing appeared there meanwhile."""
    if plan.existed:
        if plan.link is None:
            plan.backup = _hard_link_beside(plan.target)
        os.replace(plan.temporary, plan.target)
    else:
        try:
            # A hard link never replaces: it fails if anything appeared at the target.
            os.link(plan.temporary, plan.target, follow_symlinks=False)
        except FileExistsError:
            raise WriteError(f"{plan.target} exists; it is left as it is") from None
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            # A file system without hard links: the check and the rename are two steps.
            if os.path.lexists(plan.target):
                raise WriteError(f"{plan.target} exists; it is left as it is") from None
            os.replace(plan.temporary, plan.target)
            plan.temporary = ""
        else:
            os.unlink(plan.temporary)
            plan.temporary = ""
    plan.done = True


def _hard_link_beside(target: Path) -> str:
    """A second name for the file at `target`, to put it back if a later file fails."""
    for name in _temporary_names(target, ".bak"):
        try:
            os.link(target, name, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise
            return ""  # no hard links on this file system: the old file cannot be kept
        return name
    return ""


def _temporary_names(target: Path, suffix: str) -> Iterator[str]:
    for number in range(100):
        yield str(target.parent / f".{target.name}.{os.getpid()}.{number}{suffix}")


def _roll_back(plans: list[_Plan]) -> None:
    """Put back what stood at each target that was already replaced or created."""
    for plan in reversed(plans):
        if not plan.done:
            continue
        with contextlib.suppress(OSError):
            if not plan.existed:
                os.unlink(plan.target)
            elif plan.backup:
                os.replace(plan.backup, plan.target)
                plan.backup = ""
            elif plan.link is not None:
                os.unlink(plan.target)
                os.symlink(plan.link, plan.target)


def _sync_folders(plans: list[_Plan]) -> None:
    """Flush each folder's entries, so the renames survive a crash (where supported)."""
    for folder in {plan.target.parent for plan in plans}:
        with contextlib.suppress(OSError):
            handle = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(handle)
            finally:
                os.close(handle)
