"""A framework folder's documents -> a `Framework`, or diagnostics (format sections 3 to 6)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from competency.check import rules
from competency.check._document import check_document
from competency.check._parts import Parts
from competency.check.portable import is_reserved_file_name
from competency.check.suppress import LintOptions, suppress
from competency.diagnostics import Diagnostic, has_errors
from competency.folders import FRAMEWORK_FILES
from competency.framework import Framework
from competency.load import Document
from competency.model import ID_PATTERN, Competency, Evidence, FrameworkInfo, Paths, Role

__all__ = ["CheckedFramework", "check_framework"]

_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
_NOT_IDS = frozenset({"framework", "paths"})


@dataclass
class CheckedFramework:
    """The outcome of checking a framework folder."""

    framework: Framework | None
    diagnostics: list[Diagnostic]
    evidence: list[Document] = field(default_factory=list)
    """Evidence documents found inside the folder, for checking against it."""


def check_framework(
    folder_display: str,
    documents: list[Document],
    root: Path | None = None,
    lint: LintOptions | None = None,
) -> CheckedFramework:
    """Run every rule over the documents of one framework folder.

    `root` is the folder the documents were read from: the content hash uses
    each file's path inside it, so every copy of the same files has the same
    hash however the folder was named. Warnings are suppressed as the
    framework's ``lint`` settings, the files' comments and `lint` say.
    """
    checked = _check(folder_display, documents, root)
    info = checked.parts.info
    own = [d for d in documents if all(d is not e for e in checked.evidence)]
    diagnostics = suppress(
        checked.diagnostics,
        own,
        lint if lint is not None else LintOptions(),
        lint=info[1].lint if info is not None else None,
        settings=info[0] if info is not None else None,
        allow_used=rules.allow_used(checked.parts),
    )
    return CheckedFramework(checked.framework, diagnostics, checked.evidence)


@dataclass
class _Checked:
    """What the rules found, with the valid parts they were run on."""

    framework: Framework | None
    diagnostics: list[Diagnostic]
    evidence: list[Document]
    parts: Parts


def _check(folder_display: str, documents: list[Document], root: Path | None) -> _Checked:
    problems: list[Diagnostic] = []
    parts = Parts()
    evidence: list[Document] = []
    for document in documents:
        problems.extend(document.diagnostics)
        model, found = check_document(document)
        problems.extend(found)
        if model is None:
            parts.unchecked.update(_declared_ids(document))
        if isinstance(model, FrameworkInfo):
            if parts.info is None:
                parts.info = (document, model)
            else:
                problems.append(
                    document.at(
                        ("kind",),
                        "X102",
                        f"a second framework file; {parts.info[0].display} is the framework",
                    )
                )
        elif isinstance(model, Competency):
            _add_unique(parts.competencies, model.id, document, model, "competency", problems)
        elif isinstance(model, Role):
            _add_unique(parts.roles, model.id, document, model, "role", problems)
        elif isinstance(model, Paths):
            if parts.paths is None:
                parts.paths = (document, model)
            else:
                problems.append(
                    document.at(
                        ("kind",),
                        "X103",
                        f"a second paths file; {parts.paths[0].display} holds the moves",
                    )
                )
        elif isinstance(model, Evidence) or _is_evidence(document):
            evidence.append(document)
    if parts.info is None:
        if not any(_kind_of(d) == "framework" or _unreadable_framework(d) for d in documents):
            problems.append(
                Diagnostic.make(
                    folder_display,
                    1,
                    1,
                    "X101",
                    "no framework file (kind: framework) in this folder",
                )
            )
        return _Checked(None, problems, evidence, parts)
    framework = _build(parts, documents, root)
    problems.extend(_framework_rules(parts, framework))
    if not has_errors(problems):
        return _Checked(framework, problems, evidence, parts)
    return _Checked(None, problems, evidence, parts)


#: A top-level ``id:`` line, read from the raw text of a file YAML could not parse.
_ID_LINE = re.compile(
    rb"^id:[ \t]*[\"']?([a-z][a-z0-9]*(?:-[a-z0-9]+)*)[\"']?[ \t]*(?:#.*)?$", re.M
)


def _declared_ids(document: Document) -> set[str]:
    """The role or competency id a file with errors of its own would define, if any.

    Other files that name it are then not reported again. A file YAML could
    not parse has no data: its ``id:`` line is read from the raw text, else
    its name stands in (``competencies/empathy.yaml`` defines ``empathy``).
    """
    if isinstance(document.data, dict):
        if _kind_of(document) not in ("role", "competency"):  # a tuple: the kind may be a list
            return set()
        found = document.data.get("id")
        return {found} if isinstance(found, str) else set()
    if document.data is not None:
        return set()
    ids = {m.group(1).decode() for m in _ID_LINE.finditer(document.raw)}
    stem = document.path.stem
    if _ID.fullmatch(stem) and stem not in _NOT_IDS:
        ids.add(stem)
    return ids


def _kind_of(document: Document) -> Any:
    return document.data.get("kind") if isinstance(document.data, dict) else None


def _unreadable_framework(document: Document) -> bool:
    """A framework.yaml that could not be read: its own diagnostics say why, not X101."""
    return document.data is None and document.path.name in FRAMEWORK_FILES


def _is_evidence(document: Document) -> bool:
    return bool(_kind_of(document) == "evidence")


def _add_unique(
    into: dict[str, tuple[Document, Any]],
    key: str,
    document: Document,
    model: Any,
    what: str,
    problems: list[Diagnostic],
) -> None:
    if key in into:
        first = into[key][0]
        problems.append(
            document.at(("id",), "U100", f"{what} id '{key}' is also defined in {first.display}")
        )
    else:
        into[key] = (document, model)


def content_hash(documents: list[Document], root: Path | None = None) -> str:
    """``sha256:`` over the files in sorted order of their POSIX paths inside `root`.

    Each file contributes its relative path and its bytes, so the hash is the
    same for every copy of the same files, wherever they are.
    """

    def relative(document: Document) -> str:
        if root is not None:
            # The documents were found inside `root`, so the plain path leads there; a
            # file's symbolic link is not resolved (it may lead nowhere, or round in a loop).
            try:
                return document.path.relative_to(root).as_posix()
            except ValueError:
                pass
            try:
                return document.path.resolve().relative_to(root.resolve()).as_posix()
            except (ValueError, OSError, RuntimeError):
                pass
        return document.path.name

    digest = hashlib.sha256()
    for document in sorted(documents, key=relative):
        digest.update(relative(document).encode() + b"\0" + document.raw + b"\0")
    return "sha256:" + digest.hexdigest()


def _build(parts: Parts, documents: list[Document], root: Path | None) -> Framework:
    assert parts.info is not None
    return Framework(
        info=parts.info[1],
        competencies={key: model for key, (_, model) in parts.competencies.items()},
        roles={key: model for key, (_, model) in parts.roles.items()},
        moves=list(parts.paths[1].moves) if parts.paths else [],
        content_hash=content_hash(documents, root),
    )


def _reserved(document: Document, what: str, ident: str) -> Iterator[Diagnostic]:
    """U102 when an id that names a file is a device name Windows cannot hold as a file."""
    if is_reserved_file_name(ident):
        yield document.at(
            ("id",),
            "U102",
            f"{what} id '{ident}' is a reserved file name on Windows "
            f"({ident}.yaml cannot be created there); choose another id",
        )


def _framework_rules(parts: Parts, framework: Framework) -> Iterator[Diagnostic]:
    assert parts.info is not None
    unchecked = frozenset(parts.unchecked)
    yield from rules.framework_info(*parts.info)
    for document, competency in parts.competencies.values():
        yield from _reserved(document, "competency", competency.id)
        yield from rules.competency(document, competency, framework)
    for document, role in parts.roles.values():
        yield from _reserved(document, "role", role.id)
        if role.id in parts.competencies:
            other = parts.competencies[role.id][0].display
            yield document.at(
                ("id",), "U101", f"role id '{role.id}' is the id of a competency in {other}"
            )
        yield from rules.role(document, role, framework, unchecked)
    if parts.paths is not None:
        yield from rules.paths(*parts.paths, framework, unchecked)
    yield from rules.duplicate_texts(parts, framework)
    yield from rules.translations(
        list(_documents_of(parts)), framework.info.default_locale, framework.info.locales
    )


def _documents_of(parts: Parts) -> Iterable[Document]:
    if parts.info is not None:
        yield parts.info[0]
    for document, _ in parts.competencies.values():
        yield document
    for document, _ in parts.roles.values():
        yield document
    if parts.paths is not None:
        yield parts.paths[0]
