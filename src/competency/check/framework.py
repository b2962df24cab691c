"""A framework folder's documents -> a `Framework`, or diagnostics (format sections 3 to 6)."""

from __future__ import annotations

import functools
import hashlib
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from competency.check import rules
from competency.check._document import check_document
from competency.check._parts import TEXT_KEYS, TEXT_LIST_KEYS, Parts
from competency.check.portable import is_reserved_file_name
from competency.check.suppress import CommentCache, LintOptions, suppress
from competency.diagnostics import Diagnostic, has_errors
from competency.folders import FRAMEWORK_FILES
from competency.framework import Framework
from competency.load import Document, Loc
from competency.model import ID_PATTERN, Competency, Evidence, FrameworkInfo, Paths, Role

__all__ = ["CheckedFramework", "FrameworkCache", "check_framework"]

_ID = re.compile(ID_PATTERN.removeprefix("^").removesuffix("$"))
_NOT_IDS = frozenset({"framework", "paths"})
#: The kinds of file whose bytes only the content hash and the comments read.
_NO_BYTES_NEEDED = frozenset({"role", "competency", "framework", "paths"})


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
    cache: FrameworkCache | None = None,
) -> CheckedFramework:
    """Run every rule over the documents of one framework folder.

    `root` is the folder the documents were read from: the content hash uses
    each file's path inside it, so every copy of the same files has the same
    hash however the folder was named. Warnings are suppressed as the
    framework's ``lint`` settings, the files' comments and `lint` say.

    `cache` makes checking incremental: given the same `FrameworkCache` each
    time (as the language server does), a document object seen before is not
    checked again, and a role's or competency's rules run again only when
    that file or what its rules read of the others (the framework file, the
    competencies, the files with errors it names) changed. The diagnostics
    are those of a check without it, in the same order.
    """
    cache = cache if cache is not None else FrameworkCache()
    checked = _check(folder_display, documents, root, cache)
    info = checked.parts.info
    own = [d for d in documents if all(d is not e for e in checked.evidence)]
    diagnostics = suppress(
        checked.diagnostics,
        own,
        lint if lint is not None else LintOptions(),
        lint=info[1].lint if info is not None else None,
        settings=info[0] if info is not None else None,
        allow_used=cache.allow_used(checked.parts),
        cache=cache.comments,
    )
    cache.keep(documents)
    return CheckedFramework(checked.framework, diagnostics, checked.evidence)


@dataclass
class _Entry:
    """What one document gave, kept while the same document object is checked again."""

    document: Document
    model: Any
    problems: list[Diagnostic]
    declared: set[str]
    references: frozenset[str] = frozenset()
    """A role's competency ids, and its replaced library behaviours (for the cache key)."""
    texts: list[tuple[Loc, Any]] | None = None
    keys: tuple[str, list[tuple[Loc, str]]] | None = None
    translations: tuple[tuple[str, tuple[str, ...]], list[Diagnostic]] | None = None
    accepted: tuple[tuple[str, ...], set[str]] | None = None
    relative: tuple[Path | None, str] | None = None
    vague: dict[Loc, list[Diagnostic]] | None = None
    """A role's Q100, worked out before its texts were let go (`rules.role_vague`): set
    only for a model that keeps no texts."""


class FrameworkCache:
    """What checking a framework folder found, per document, for the next check of it.

    Keyed by document object: a document parsed again is a new object and is
    checked again. A role's and a competency's own rules are kept with the
    framework file and competencies they were run against (by object too),
    and forgotten when those change. Documents no longer checked are
    forgotten after each check, so the cache holds one folder's worth.
    """

    def __init__(self) -> None:
        self._entries: dict[int, _Entry] = {}
        self._base: tuple[Document, ...] = ()
        self._rules: dict[int, tuple[Document, frozenset[str], list[Diagnostic]]] = {}
        self._framework: Framework | None = None
        self._hash: tuple[tuple[Document, ...], Path | None, str] | None = None
        self._info: FrameworkInfo | None = None
        self.comments = CommentCache()

    def reading(
        self, paths: Sequence[Path], root: Path | None, *, keep_texts: bool = True
    ) -> Callable[[Document], None]:
        """For a reader of `paths`, in this order: a step to call with each document read.

        The step takes the document's bytes into the content hash (in the
        hash's order, holding back those read early) and reads its suppression
        comments, then lets go of the bytes of a role, competency, framework or
        paths file, which nothing else reads: a folder's files are then never
        all held at once. The hash is kept for these documents, in this order.

        With `keep_texts` false (a check that only reports, such as
        ``competency validate``), a valid role file read after the framework
        file is checked at once for what reads its texts (Q100, Q102, Q103,
        Q107 and the ``lint.allow`` words used), then kept without them: its
        data and its model's texts, most of a framework's memory, are let go
        of as the next file is read. The diagnostics are the same, in the same
        order; the framework that results has no texts to show.
        """
        names = [_relative_path(path, root) for path in paths]
        order = sorted(range(len(names)), key=names.__getitem__)
        waiting: dict[int, bytes] = {}
        documents: list[Document] = []
        digest = hashlib.sha256()
        done = 0

        def step(document: Document) -> None:
            nonlocal done
            waiting[len(documents)] = document.raw
            documents.append(document)
            while done < len(order) and order[done] in waiting:
                raw = waiting.pop(order[done])
                digest.update(names[order[done]].encode() + b"\0" + raw + b"\0")
                done += 1
            if done == len(order):
                self._hash = (tuple(documents), root, "sha256:" + digest.hexdigest())
            self.comments.comments(document)
            kind = _kind_of(document)
            if not keep_texts:
                self._let_go_of_texts(document, kind)
            if kind in _NO_BYTES_NEEDED:
                document.raw = b""

        return step

    def _let_go_of_texts(self, document: Document, kind: str | None) -> None:
        """What `reading` does without `keep_texts`, for one document."""
        if kind == "framework":
            if self._info is None and isinstance(
                model := self.entry(document).model, FrameworkInfo
            ):
                self._info = model  # the first valid one, as `_check` takes it
            return
        info = self._info
        if kind != "role" or info is None:
            return
        entry = self.entry(document)
        role = entry.model
        if not isinstance(role, Role):
            return
        default, allow = info.default_locale, info.lint.allow
        # What `_framework_rules` and `allow_used` ask of the texts, with the same keys.
        self.keys(entry, default)
        self.translations(entry, default, info.locales)
        if allow:
            entry.accepted = (tuple(allow), rules.accepted(self.texts(entry), allow))
        entry.vague = rules.role_vague(document, role, allow)
        entry.texts = None
        _empty_texts(role)
        # Nothing reads a valid role file's data after its model: keep what names it.
        document.data = {"kind": "role", "id": role.id}

    def content_hash(self, documents: list[Document], root: Path | None) -> str | None:
        """The hash `reading` worked out, if it was for these documents and `root`."""
        if self._hash is None or self._hash[1] != root or len(self._hash[0]) != len(documents):
            return None
        if any(a is not b for a, b in zip(self._hash[0], documents, strict=True)):
            return None
        return self._hash[2]

    def entry(self, document: Document) -> _Entry:
        """The model and problems of one document, checked on first sight."""
        known = self._entries.get(id(document))
        if known is not None and known.document is document:
            return known
        model, problems = check_document(document)
        declared = _declared_ids(document) if model is None else set()
        entry = _Entry(document, model, problems, declared)
        if isinstance(model, Role):
            entry.references = frozenset(
                {c for level in model.levels for c in level.expects}
                | {
                    ref
                    for level in model.levels
                    for value in level.expects.values()
                    if not isinstance(value, str)
                    for behaviour in value.behaviours
                    for ref in behaviour.replaces
                    if "." in ref
                }
            )
        self._entries[id(document)] = entry
        return entry

    def texts(self, entry: _Entry) -> list[tuple[Loc, Any]]:
        """The behaviour texts of a competency's or role's document."""
        if entry.texts is None:
            # A role without its texts (`vague` set) had all that reads them worked out first.
            assert entry.vague is None, entry.document.display
            entry.texts = rules.behaviour_texts(entry.model)
        return entry.texts

    def keys(self, entry: _Entry, default: str) -> list[tuple[Loc, str]]:
        """The behaviour texts of a document as Q102 compares them."""
        if entry.keys is None or entry.keys[0] != default:
            entry.keys = (default, rules.text_keys(self.texts(entry), default))
        return entry.keys[1]

    def translations(self, entry: _Entry, default: str, locales: list[str]) -> list[Diagnostic]:
        """Q103 and Q107 of one document."""
        key = (default, tuple(locales))
        if entry.translations is None or entry.translations[0] != key:
            entry.translations = (
                key,
                rules.file_translations(entry.document, default, locales),
            )
        return entry.translations[1]

    def allow_used(self, parts: Parts) -> set[str]:
        """`rules.allow_used`, from each document's texts worked out once."""
        allow = parts.info[1].lint.allow if parts.info is not None else []
        used: set[str] = set()
        if not allow:
            return used
        key = tuple(allow)
        for document, _ in rules.files_of(parts):
            entry = self.entry(document)
            if entry.accepted is None or entry.accepted[0] != key:
                entry.accepted = (key, rules.accepted(self.texts(entry), allow))
            used |= entry.accepted[1]
        return used

    def relative(self, document: Document, root: Path | None) -> str:
        """The document's path inside `root`, as the content hash names it."""
        entry = self.entry(document)
        if entry.relative is None or entry.relative[0] != root:
            entry.relative = (root, _relative(document, root))
        return entry.relative[1]

    def rules(
        self,
        document: Document,
        depends: frozenset[str],
        run: Callable[[], Iterable[Diagnostic]],
    ) -> list[Diagnostic]:
        """The diagnostics of a file's own rules, run again only when `depends` changed."""
        known = self._rules.get(id(document))
        if known is not None and known[0] is document and known[1] == depends:
            return known[2]
        found = list(run())
        self._rules[id(document)] = (document, depends, found)
        return found

    def rebase(self, base: tuple[Document, ...]) -> None:
        """Forget every file's rules when the framework file or competencies changed."""
        if len(base) != len(self._base) or any(
            a is not b for a, b in zip(base, self._base, strict=True)
        ):
            self._rules.clear()
            self._base = base

    def framework(self, framework: Framework) -> Framework:
        """`framework`, taking over what the last one worked out of the same models."""
        if self._framework is not None:
            framework.reuse(self._framework)
        self._framework = framework
        return framework

    def keep(self, documents: list[Document]) -> None:
        """Forget every document but these."""
        wanted = {id(d) for d in documents}
        self._entries = {k: v for k, v in self._entries.items() if k in wanted}
        self._rules = {k: v for k, v in self._rules.items() if k in wanted}
        self.comments.keep(documents)


@dataclass
class _Checked:
    """What the rules found, with the valid parts they were run on."""

    framework: Framework | None
    diagnostics: list[Diagnostic]
    evidence: list[Document]
    parts: Parts


def _check(
    folder_display: str, documents: list[Document], root: Path | None, cache: FrameworkCache
) -> _Checked:
    problems: list[Diagnostic] = []
    parts = Parts()
    evidence: list[Document] = []
    for document in documents:
        problems.extend(document.diagnostics)
        entry = cache.entry(document)
        model = entry.model
        problems.extend(entry.problems)
        if model is None:
            parts.unchecked.update(entry.declared)
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
    framework = cache.framework(_build(parts, documents, root, cache))
    problems.extend(_framework_rules(parts, framework, cache))
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
        if _kind_of(document) not in ("role", "competency"):
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


def _kind_of(document: Document) -> str | None:
    """The file's ``kind`` when it is a string; a list or a mapping there is the file's own
    error (F101, from `check_document`) and names no kind here."""
    kind = document.data.get("kind") if isinstance(document.data, dict) else None
    return kind if isinstance(kind, str) else None


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


def content_hash(
    documents: list[Document], root: Path | None = None, cache: FrameworkCache | None = None
) -> str:
    """``sha256:`` over the files in sorted order of their POSIX paths inside `root`.

    Each file contributes its relative path and its bytes, so the hash is the
    same for every copy of the same files, wherever they are.
    """
    known = cache.content_hash(documents, root) if cache is not None else None
    if known is not None:
        return known
    named = [
        (cache.relative(d, root) if cache is not None else _relative(d, root), d) for d in documents
    ]
    digest = hashlib.sha256()
    for relative, document in sorted(named, key=lambda pair: pair[0]):
        digest.update(relative.encode() + b"\0" + document.raw + b"\0")
    return "sha256:" + digest.hexdigest()


def _relative(document: Document, root: Path | None) -> str:
    return _relative_path(document.path, root)


def _relative_path(path: Path, root: Path | None) -> str:
    if root is not None:
        # The documents were found inside `root`, so the plain path leads there; a
        # file's symbolic link is not resolved (it may lead nowhere, or round in a loop).
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):
            pass
    return path.name


def _build(
    parts: Parts, documents: list[Document], root: Path | None, cache: FrameworkCache
) -> Framework:
    assert parts.info is not None
    return Framework(
        info=parts.info[1],
        competencies={key: model for key, (_, model) in parts.competencies.items()},
        roles={key: model for key, (_, model) in parts.roles.items()},
        moves=list(parts.paths[1].moves) if parts.paths else [],
        content_hash=content_hash(documents, root, cache),
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


def _framework_rules(
    parts: Parts, framework: Framework, cache: FrameworkCache
) -> Iterator[Diagnostic]:
    assert parts.info is not None
    unchecked = frozenset(parts.unchecked)
    info_document = parts.info[0]
    cache.rebase((info_document, *(document for document, _ in parts.competencies.values())))
    yield from cache.rules(
        info_document, frozenset(), partial(rules.framework_info, info_document, parts.info[1])
    )
    for document, competency in parts.competencies.values():
        yield from cache.rules(
            document, frozenset(), partial(_competency, document, competency, framework)
        )
    library = framework._library_behaviours.keys()
    # A role's rules read the framework file, the competencies (the base of the cache),
    # the files with errors among the ids it names, and, for a replaced behaviour that
    # no competency defines, every other role: that one is never kept.
    # A library behaviour that replaces a role's would tie every role to the others too.
    shared = not (parts.roles.keys() & parts.competencies.keys()) and all(
        ref in library for info in framework._library_behaviours.values() for ref in info.replaces
    )
    for document, role in parts.roles.values():
        entry = cache.entry(document)
        references, vague = entry.references, entry.vague
        if shared and all("." not in ref or ref in library for ref in references):
            yield from cache.rules(
                document,
                references & unchecked,
                partial(_role, document, role, parts, framework, unchecked, vague),
            )
        else:
            yield from _role(document, role, parts, framework, unchecked, vague)
    if parts.paths is not None:
        yield from rules.paths(*parts.paths, framework, unchecked)
    default = framework.default_locale
    yield from rules.duplicates(
        (document, cache.keys(cache.entry(document), default))
        for document, _ in rules.files_of(parts)
    )
    locales = framework.info.locales
    for document in _documents_of(parts):
        yield from cache.translations(cache.entry(document), default, locales)


def _competency(
    document: Document, competency: Competency, framework: Framework
) -> Iterator[Diagnostic]:
    yield from _reserved(document, "competency", competency.id)
    yield from rules.competency(document, competency, framework)


def _role(
    document: Document,
    role: Role,
    parts: Parts,
    framework: Framework,
    unchecked: frozenset[str],
    vague: dict[Loc, list[Diagnostic]] | None = None,
) -> Iterator[Diagnostic]:
    yield from _reserved(document, "role", role.id)
    if role.id in parts.competencies:
        other = parts.competencies[role.id][0].display
        yield document.at(
            ("id",), "U101", f"role id '{role.id}' is the id of a competency in {other}"
        )
    yield from rules.role(document, role, framework, unchecked, vague)


def _empty_texts(model: BaseModel) -> None:
    """Empty every text of `model` and the models inside it, in place.

    A text field (`TEXT_KEYS`) becomes ``""`` and a list of texts
    (`TEXT_LIST_KEYS`) an empty list; what is left is the structure the
    rules across files read. Only for a model nothing else holds yet (the
    one `check_document` has just built): the fields are frozen to users of
    the model, and this is the one place that writes them. Values are
    replaced, never changed, so a default shared between instances is safe.
    """
    texts, lists, inner = _text_fields(type(model))
    fields = model.__dict__
    for name in texts:
        if isinstance(fields[name], (str, dict)):
            fields[name] = ""
    for name in lists:
        if fields[name]:
            fields[name] = []
    for name in inner:
        value = fields[name]
        if isinstance(value, BaseModel):
            _empty_texts(value)
            continue
        for item in value.values() if isinstance(value, dict) else value or ():
            if isinstance(item, BaseModel):
                _empty_texts(item)


@functools.cache
def _text_fields(kind: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """A model class's text fields, lists of texts, and fields that may hold models."""
    names = kind.model_fields
    texts = tuple(name for name in names if name in TEXT_KEYS)
    lists = tuple(name for name in names if name in TEXT_LIST_KEYS)
    inner = tuple(
        name
        for name, field in names.items()
        if name not in TEXT_KEYS and name not in TEXT_LIST_KEYS and _holds_models(field.annotation)
    )
    return texts, lists, inner


def _holds_models(annotation: Any) -> bool:
    """Whether a field of this type can hold a model (itself, or in a list or a dict)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(argument) for argument in typing.get_args(annotation))


def _documents_of(parts: Parts) -> Iterable[Document]:
    if parts.info is not None:
        yield parts.info[0]
    for document, _ in parts.competencies.values():
        yield document
    for document, _ in parts.roles.values():
        yield document
    if parts.paths is not None:
        yield parts.paths[0]
