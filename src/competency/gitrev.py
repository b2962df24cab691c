"""Frameworks read from a git revision (``git:REV`` or ``git:REV:PATH``), never checked out.

`competency impact` compares two ladders; either may be a revision of the
repository around the current folder. The files are read with ``git``
itself (``rev-parse``, ``ls-tree`` and ``cat-file --batch``), straight into
memory: nothing is checked out, and neither the working tree nor the index
is touched. They then go through the one framework reader
(`competency.check.check_framework`), so a revision is checked exactly as a
folder would be and its content hash is the hash of the same files in a
folder. A diagnostic in a revision names the file as
``git:REV:PATH/roles/x.yaml``.

PATH is relative to the repository's top folder, as in ``git show
REV:PATH``. Wrong usage (not a git repository, an unknown revision, a path
the revision does not have, no ``git`` program) raises `GitRevisionError`.
"""

from __future__ import annotations

import gc
import os
import posixpath
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from competency.check import CheckedFramework, check_framework
from competency.check.suppress import LintOptions
from competency.diagnostics import CompetencyError, Diagnostic
from competency.load import DEFAULT_MAX_BYTES, Document, Positions, parse_bytes

__all__ = [
    "PREFIX",
    "GitRevisionError",
    "Revision",
    "is_revision",
    "parse_revision",
    "read_framework_at",
    "repository_root",
    "within_repository",
]

#: What marks a framework argument as a git revision.
PREFIX = "git:"

#: The framework file a folder must hold, in the order `competency.io` looks for them.
_FRAMEWORK_FILES = ("framework.yaml", "framework.yml")


class GitRevisionError(CompetencyError, ValueError):
    """A ``git:`` argument that cannot be read: wrong usage, never a problem in the files."""


@dataclass(frozen=True)
class Revision:
    """A ``git:REV[:PATH]`` argument, parsed: PATH is None when the argument has none."""

    rev: str
    path: str | None = None

    def shown(self, path: str) -> str:
        """How files of this revision are named in diagnostics: ``git:REV:PATH``."""
        return f"{PREFIX}{self.rev}:{path}" if path else f"{PREFIX}{self.rev}:"


def is_revision(argument: str) -> bool:
    """Whether a framework argument names a git revision (starts with ``git:``)."""
    return argument.startswith(PREFIX)


def parse_revision(argument: str) -> Revision:
    """``git:REV`` or ``git:REV:PATH`` -> `Revision`; REV is anything git accepts but a colon."""
    if not is_revision(argument):
        raise GitRevisionError(f"not a git revision (expected git:REV[:PATH]): {argument}")
    rev, colon, path = argument[len(PREFIX) :].partition(":")
    if not rev:
        raise GitRevisionError(f"no revision after git: in {argument} (e.g. git:origin/main)")
    return Revision(rev, _clean_path(path, argument) if colon else None)


def _clean_path(path: str, argument: str) -> str:
    """A PATH inside the repository, in POSIX form without ./ or a trailing slash."""
    cleaned = posixpath.normpath(path.replace(os.sep, "/")) if path else "."
    if cleaned.startswith("/") or cleaned == ".." or cleaned.startswith("../"):
        raise GitRevisionError(
            f"the path in {argument} must be inside the repository, relative to its top folder"
        )
    return "" if cleaned == "." else cleaned


def _git(root: Path | None, *args: str, stdin: bytes | None = None) -> bytes:
    """Run ``git ARGS`` (in `root`, when given) and return its output; `GitRevisionError` if
    git is missing or fails (with git's own message)."""
    command = ["git", *(["-C", str(root)] if root is not None else []), *args]
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        done = subprocess.run(
            command, input=stdin, capture_output=True, check=False, env=environment
        )
    except FileNotFoundError:
        raise GitRevisionError("git is not installed (no git program on PATH)") from None
    except OSError as error:
        raise GitRevisionError(f"cannot run git: {error.strerror or error}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitRevisionError(message[0] if message else f"git {args[0]} failed")
    return done.stdout


def repository_root(start: str | os.PathLike[str] | None = None) -> Path:
    """The top folder of the git repository around `start` (default: the current folder)."""
    where = Path(start) if start is not None else Path.cwd()
    try:
        found = _git(where, "rev-parse", "--show-toplevel")
    except GitRevisionError as error:
        raise GitRevisionError(
            f"not inside a git repository ({where}), so git: revisions cannot be read: {error}"
        ) from None
    return Path(os.fsdecode(found.rstrip(b"\n")))


def within_repository(folder: str | os.PathLike[str], root: Path) -> str | None:
    """`folder`'s path relative to the repository `root` (POSIX), or None when outside it."""
    try:
        inside = Path(folder).resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return None
    return "" if inside == Path() else inside.as_posix()


@dataclass(frozen=True)
class _Entry:
    path: str
    """The path inside the framework folder."""
    kind: str
    mode: str
    sha: str
    size: int | None


def _tree(root: Path, commit: str, folder: str) -> list[_Entry]:
    """Every entry below `folder` in the revision, with paths relative to `folder`."""
    within = (folder,) if folder else ()
    output = _git(root, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *within)
    prefix = f"{folder}/" if folder else ""
    found = []
    for record in output.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha, size = meta.decode("ascii").split()
        path = os.fsdecode(name)
        if not path.startswith(prefix):
            continue  # another folder whose name starts with the same letters
        found.append(
            _Entry(path[len(prefix) :], kind, mode, sha, None if size == "-" else int(size))
        )
    return found


def _blobs(root: Path, shas: list[str]) -> dict[str, bytes]:
    """The contents of these blobs, with one ``git cat-file --batch``."""
    if not shas:
        return {}
    output = _git(root, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in shas).encode())
    found: dict[str, bytes] = {}
    at = 0
    for sha in shas:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        size = int(header[2])
        found[sha] = output[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return found


def _is_yaml(path: str) -> bool:
    """A ``*.yaml``/``*.yml`` file that `competency.io.find_yaml` would list (no hidden folder)."""
    parts = PurePosixPath(path).parts
    return path.endswith((".yaml", ".yml")) and not any(p.startswith(".") for p in parts)


def read_framework_at(
    revision: Revision,
    default_path: str,
    *,
    root: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lint: LintOptions | None = None,
) -> tuple[CheckedFramework, str]:
    """Read and check the framework folder PATH (else `default_path`) of `revision`.

    Returns the checked framework and how its folder is named in diagnostics
    (``git:REV:PATH``). The folder must hold a framework.yaml in that
    revision; otherwise, as for an unknown revision or path, `GitRevisionError`.
    """
    top = root if root is not None else repository_root()
    folder = revision.path if revision.path is not None else _clean_path(default_path, default_path)
    try:
        found = _git(
            top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision.rev}^{{tree}}"
        )
    except GitRevisionError:
        found = b""
    commit = found.decode("ascii").strip()
    if not commit:
        raise GitRevisionError(
            f"unknown revision '{revision.rev}' in the repository at {top} "
            "(fetch it first, e.g. actions/checkout with fetch-depth: 0)"
        )
    shown = revision.shown(folder)
    entries = _tree(top, commit, folder)
    if not entries:
        raise GitRevisionError(f"{shown}: revision '{revision.rev}' has no folder '{folder}'")
    if not any(e.path in _FRAMEWORK_FILES and e.kind == "blob" for e in entries):
        raise GitRevisionError(
            f"{shown}: not a framework folder in revision '{revision.rev}' (no framework.yaml)"
        )
    files = sorted(
        (e for e in entries if e.kind == "blob" and _is_yaml(e.path)),
        key=lambda e: PurePosixPath(e.path),
    )
    wanted = [e.sha for e in files if e.mode != "120000" and (e.size or 0) <= max_bytes]
    contents = _blobs(top, list(dict.fromkeys(wanted)))
    base = PurePosixPath("/", *folder.split("/")) if folder else PurePosixPath("/")
    documents = [
        _document(entry, contents, Path(base / entry.path), f"{shown}/{entry.path}", max_bytes)
        for entry in files
    ]
    # The folder's own framework.yaml first, as `competency.io` orders a folder.
    documents.sort(key=lambda d: d.path.parent != Path(base) or d.path.name not in _FRAMEWORK_FILES)
    enabled = gc.isenabled()
    gc.disable()  # as competency.io does: many small containers, nothing cyclic
    try:
        return check_framework(shown, documents, Path(base), lint), shown
    finally:
        if enabled:
            gc.enable()


def _document(
    entry: _Entry, contents: dict[str, bytes], path: Path, shown: str, max_bytes: int
) -> Document:
    """One file of the revision parsed, or a document holding the one reason it was not."""

    def failed(code: str, message: str) -> Document:
        return Document(
            path, shown, None, Positions(), [Diagnostic.make(shown, 1, 1, code, message)]
        )

    if entry.mode == "120000":
        return failed("Y110", "symbolic link in a git revision (not followed)")
    if (entry.size or 0) > max_bytes:
        return failed(
            "Y107",
            f"file is {entry.size:,} bytes, over the {max_bytes:,}-byte limit "
            "(raise the size limit if this is intended)",
        )
    raw = contents[entry.sha]
    document = parse_bytes(raw, path, shown)
    document.raw = raw
    return document
