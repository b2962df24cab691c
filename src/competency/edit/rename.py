"""``competency rename``: change an id everywhere it is defined or referenced.

The files are read by the strict loader, which knows where every key and
value starts; each occurrence of the id is then replaced in the text itself,
character for character, so comments, quoting, layout and every other byte
stay as they were (renaming A to B and back gives the same files). A
competency or role file named after the id is renamed with it.

What counts as an occurrence is `competency.references`' to say, the one
place that knows where each kind of id stands in each kind of file
(docs/format.md): a scale step id, a competency's ``steps`` key, a level's
``expects`` key or step, ``ROLE@LEVEL`` and ``OWNER.BEHAVIOUR`` references,
``replaces`` lists, and the ``role``, ``level``, ``target``, ``history``
levels, ``shows``, ``not_applicable`` and ``assessments`` of evidence files.
A person id (1.2) is renamed in ``person.id``, ``person.manager``, each
``assessor`` and an evidence mapping's ``people``. Words in texts and
comments are left alone: they are prose, not references.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast, get_args

from competency.edit._files import (
    ApplyError,
    EditError,
    Plan,
    Problem,
    YamlFile,
    apply,
    check_id,
    decode,
    encode,
    load,
    yaml_files,
)
from competency.edit._outline import Outline
from competency.load import Document
from competency.references import Place, places

__all__ = ["KINDS", "Change", "FileMove", "Kind", "RenameReport", "rename"]

Kind = Literal["step", "competency", "behaviour", "role", "level", "person"]
#: What can be renamed.
KINDS: tuple[str, ...] = get_args(Kind)

#: Line breaks as YAML counts lines (YAML 1.1 also breaks at NEL, LS and PS).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: What may follow a plain scalar on its line: the end, a space, a flow indicator, a comment.
_PLAIN_ENDS = ("", " ", "\t", ",", "]", "}", ":", "#", "\r", "\n", "\x85", "\u2028", "\u2029")


@dataclass(frozen=True)
class Change:
    """One occurrence replaced: where, and the text before and after."""

    file: str
    line: int
    column: int
    old: str
    new: str


@dataclass(frozen=True)
class FileMove:
    """A competency or role file renamed after its id."""

    old: YamlFile
    new: YamlFile


@dataclass
class RenameReport:
    """What a rename changed (or, without writing, would change)."""

    kind: Kind
    old: str
    new: str
    changes: list[Change] = field(default_factory=list)
    moves: list[FileMove] = field(default_factory=list)
    #: Problems in the input; when there are any, nothing is written.
    problems: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        """True when the input could be read and every occurrence replaced."""
        return not self.problems

    @property
    def files(self) -> list[str]:
        """The files with changes, in order."""
        return list(dict.fromkeys(change.file for change in self.changes))


# --- the rename -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Rename:
    """A checked request: what to rename, and in which owner for levels and behaviours."""

    kind: Kind
    old: str
    new: str
    owner: str | None = None

    def replace(self, place: Place) -> str | None:
        """The new text for `place`, or None when the place does not hold the old id."""
        value, kind = place.value, self.kind
        if place.form == "id" and place.kind == kind:
            if kind in ("level", "behaviour"):  # an id inside its owner
                return self.new if value == self.old and place.owner == self.owner else None
            return self.new if value == self.old else None
        if place.form == "level-ref":
            role, at, level = value.partition("@")
            if not at:
                return None
            if kind == "role" and role == self.old:
                return f"{self.new}@{level}"
            if kind == "level" and (role, level) == (self.owner, self.old):
                return f"{role}@{self.new}"
            return None
        if place.form == "behaviour-ref":
            owner, dot, behaviour = value.partition(".")
            if not dot:
                return None
            if kind in ("competency", "role") and owner == self.old:
                return f"{self.new}.{behaviour}"
            if kind == "behaviour" and (owner, behaviour) == (self.owner, self.old):
                return f"{owner}.{self.new}"
        return None


def rename(
    kind: str,
    old: str,
    new: str,
    *,
    matrices: str | os.PathLike[str],
    others: Iterable[str | os.PathLike[str]] = (),
    write: bool = True,
) -> RenameReport:
    """Rename the id `old` of a `kind` to `new` in a framework folder and other files.

    `others` are evidence and policy files, or folders of them. For a level,
    `old` is ``ROLE@LEVEL`` and `new` a level id (or ``ROLE@NEW``); for a
    behaviour, ``OWNER.BEHAVIOUR`` and a behaviour id (or ``OWNER.NEW``).
    Raises `EditError` when the request cannot be carried out (an unknown
    old id, a new id already taken, a file in the way). Problems in the files
    are returned in the report, and then nothing is written. The changes are
    all or nothing: every file is written, then the old names are removed; a
    file the system refuses to remove is a problem in the report, once every
    file is put back as it was. Without `write` the report says what would
    change.
    """
    if kind not in KINDS:
        raise EditError(f"cannot rename a {kind}; expected one of {', '.join(KINDS)}")
    if not Outline.is_framework_folder(matrices):
        raise EditError(f"not a framework folder (no framework.yaml): {matrices}")
    outline = Outline.read(matrices)
    documents = dict(outline.documents)
    seen = {file.path.resolve() for file in documents}
    for given in others:
        for file in _files(given):
            if file.path.resolve() not in seen:
                seen.add(file.path.resolve())
                documents[file] = load(file)
    report = RenameReport(cast(Kind, kind), old, new)
    report.problems = outline.problems + [
        Problem.from_diagnostic(d)
        for file, document in documents.items()
        if file not in outline.documents
        for d in document.diagnostics
        if d.code != "Y109"
    ]
    if report.problems:
        return report
    request = _request(report.kind, old, new, outline, documents.values())
    report.new = request.new
    report.moves = _moves(request, outline)
    edited: dict[YamlFile, str] = {}
    for file, document in documents.items():
        changes = [
            (place, replaced)
            for place in places(document.data)
            if (replaced := request.replace(place)) is not None
        ]
        if changes:
            text, problems = _splice(document, changes, report.changes)
            report.problems += problems
            edited[file] = text
            if file.path.is_symlink():
                message = "is a symbolic link; rename does not write through links"
                report.problems.append(Problem(file.display, 1, 1, message))
    if report.problems or not write:
        return report
    try:
        apply(_plan(documents, edited, report.moves), _shown(documents, report.moves))
    except ApplyError as error:
        report.problems.append(
            Problem(_shown(documents, report.moves)[error.path], 1, 1, str(error))
        )
        return report
    report.written = True
    return report


def _files(given: str | os.PathLike[str]) -> list[YamlFile]:
    if not Path(given).exists():
        raise EditError(f"not found: {given}")
    return yaml_files(given)


def _request(
    kind: Kind, old: str, new: str, outline: Outline, documents: Iterable[Document]
) -> _Rename:
    """The rename asked for, checked against what the framework (or the evidence) defines."""
    if kind == "person":
        check_id(new, "person id")
        people = {
            place.value
            for document in documents
            for place in places(document.data)
            if place.kind == "person" and place.defines
        }
        if old not in people:
            raise EditError(f"no evidence file given is about a person '{old}'")
        if new in people:
            raise EditError(f"'{new}' already exists (a person); choose another id")
        return _Rename(kind, old, new)
    if kind in ("level", "behaviour"):
        mark, owners, what = (
            ("@", set(outline.roles), "role")
            if kind == "level"
            else (".", outline.owners, "competency or role")
        )
        owner, sep, old_id = old.partition(mark)
        if not sep:
            shape = "ROLE@LEVEL" if kind == "level" else "OWNER.BEHAVIOUR"
            raise EditError(f"a {kind} to rename is written {shape}, got '{old}'")
        new_owner, sep, new_id = new.rpartition(mark)
        if sep and new_owner != owner:
            raise EditError(f"'{new}' is not in the same {what} as '{old}'")
        check_id(new_id, f"{kind} id")
        if owner not in owners:
            raise EditError(f"unknown {what} '{owner}'")
        known = (
            {level.id for level in outline.roles[owner].levels}
            if kind == "level"
            else outline.behaviours(owner)
        )
        _exists(kind, old, old_id in known, f"{owner}{mark}{new_id}", new_id in known)
        return _Rename(kind, old_id, new_id, owner)
    check_id(new, f"{kind} id")
    if kind == "step":
        _exists(kind, old, old in outline.scale, new, new in outline.scale)
    else:
        defined = outline.competencies if kind == "competency" else outline.roles
        taken = "competency" if new in outline.competencies else "role"
        _exists(kind, old, old in defined, new, new in outline.owners, taken)
    return _Rename(kind, old, new)


def _exists(kind: str, old: str, found: bool, new: str, taken: bool, what: str = "") -> None:
    if not found:
        raise EditError(f"no {kind} '{old}' in the framework")
    if taken:
        raise EditError(f"'{new}' already exists (a {what or kind}); choose another id")


def _moves(request: _Rename, outline: Outline) -> list[FileMove]:
    """Competency or role files named after the old id, and the names they get."""
    if request.kind == "competency":
        files = outline.competencies[request.old].files
    elif request.kind == "role":
        files = outline.roles[request.old].files
    else:
        return []
    moves = []
    for file in files:
        if file.path.stem != request.old:
            continue
        name = request.new + file.path.suffix
        target = YamlFile(file.path.with_name(name), str(Path(file.display).with_name(name)))
        if target.path.exists() or target.path.is_symlink():
            raise EditError(f"{target.display} exists; rename or remove it first")
        if file.path.is_symlink():
            raise EditError(f"{file.display} is a symbolic link; rename the file it points to")
        moves.append(FileMove(file, target))
    return moves


# --- changing the text ----------------------------------------------------------------


def _splice(
    document: Document, changes: list[tuple[Place, str]], report: list[Change]
) -> tuple[str, list[Problem]]:
    """The document's text with each place's scalar replaced; problems where it cannot be."""
    text, _ = decode(document.raw)
    starts = [0] + [match.end() for match in _BREAK.finditer(text)]
    edits: list[tuple[int, int, str]] = []
    problems = []

    def where(place: Place) -> tuple[int, int]:
        positions = document.positions.keys if place.key else document.positions.values
        return positions.get(place.loc, (0, 0))

    located = sorted(((where(place), place, new) for place, new in changes), key=lambda x: x[0])
    for (line, column), place, replaced in located:
        offset = starts[line - 1] + column - 1 if 0 < line <= len(starts) else -1
        span = _scalar_at(text, offset, place.value)
        if span is None:
            problems.append(
                Problem(
                    document.display,
                    line or 1,
                    column or 1,
                    f"'{place.value}' is written in a way rename cannot change; change it by hand",
                )
            )
            continue
        edits.append((*span, replaced))
        report.append(Change(document.display, line, column, place.value, replaced))
    for start, end, replaced in sorted(edits, reverse=True):
        text = text[:start] + replaced + text[end:]
    return text, problems


def _scalar_at(text: str, offset: int, value: str) -> tuple[int, int] | None:
    """Where `value`'s characters are in the scalar that starts at `offset` (quoted or not).

    None when the scalar there is written otherwise (with escapes, say).
    """
    if offset < 0:
        return None
    quote = text[offset : offset + 1]
    start = offset + 1 if quote in ("'", '"') else offset
    end = start + len(value)
    if text[start:end] != value:
        return None
    follows = text[end : end + 1]
    if start > offset:
        return (start, end) if follows == quote else None
    return (start, end) if follows in _PLAIN_ENDS else None


def _plan(
    documents: dict[YamlFile, Document], edited: dict[YamlFile, str], moves: list[FileMove]
) -> Plan:
    """Every file to write (edited in place, or under its new name) and every file to remove."""
    moved = {move.old: move.new for move in moves}
    files: dict[Path, bytes] = {}
    modes: dict[Path, Path] = {}
    for file, text in edited.items():
        _, bom = decode(documents[file].raw)
        target = moved.get(file, file)
        files[target.path] = encode(text, bom)
        modes[target.path] = file.path
    for move in moves:
        if move.old not in edited:  # pragma: no cover - a file named after its id holds it
            files[move.new.path] = documents[move.old].raw
            modes[move.new.path] = move.old.path
    # Only the files edited in place are replaced; a renamed file's new name must be free.
    originals = {file.path: documents[file].raw for file in edited if file not in moved}
    originals |= {move.old.path: documents[move.old].raw for move in moves}
    removals = [move.old.path for move in moves]
    return Plan(files, originals, removals, modes)


def _shown(documents: dict[YamlFile, Document], moves: list[FileMove]) -> dict[Path, str]:
    """How each file is named in messages."""
    shown = {file.path: file.display for file in documents}
    return shown | {move.new.path: move.new.display for move in moves}
