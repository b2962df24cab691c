"""Plain data -> typed models, or diagnostics: every rule of FORMAT.md 2 to 7.

`check_document` validates one file against its kind's model, and
`check_model` against any model, turning pydantic's errors into positioned
diagnostics. `check_framework` runs the cross-file rules over a whole folder
and builds a `Framework` from what is valid; `check_evidence` checks an
evidence file against a framework. Nothing here prints or raises on bad
data: problems are collected and returned.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from competency.diagnostics import Diagnostic
from competency.framework import Framework
from competency.load import Document, Loc
from competency.model import (
    BEHAVIOUR_REF_PATTERN,
    ENDPOINT_PATTERN,
    FORMAT,
    ID_PATTERN,
    KINDS,
    LEVEL_REF_PATTERN,
    LOCALE_PATTERN,
    Competency,
    Evidence,
    FrameworkInfo,
    Paths,
    Role,
)

__all__ = [
    "CheckedFramework",
    "check_document",
    "check_evidence",
    "check_framework",
    "check_model",
]

M = TypeVar("M", bound=BaseModel)

#: Keys whose values are text (a string or a locale map), and keys whose
#: values are lists of text; used for the translation check.
TEXT_KEYS = frozenset(
    {"title", "name", "summary", "meaning", "why", "scope", "text", "note", "reason", "target"}
)
TEXT_LIST_KEYS = frozenset({"examples", "questions", "signals", "red_flags"})


# --- one document -----------------------------------------------------------


def check_document(document: Document) -> tuple[BaseModel | None, list[Diagnostic]]:
    """Validate a parsed document against the model for its `kind`."""
    data = document.data
    if data is None:
        return None, []
    if not isinstance(data, dict):
        return None, [document.at((), "S102", "expected a mapping with format and kind at the top")]
    problems: list[Diagnostic] = []
    fmt = data.get("format")
    if fmt != FORMAT:
        if "format" not in data:
            problems.append(document.at((), "F100", f"missing 'format: {FORMAT}'"))
        else:
            problems.append(
                document.at(
                    ("format",), "F100", f"unsupported format {fmt!r}; this tool reads {FORMAT}"
                )
            )
    kind = data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        if "kind" not in data:
            problems.append(document.at((), "F101", f"missing 'kind' (one of {_kinds()})"))
        else:
            problems.append(
                document.at(("kind",), "F101", f"unknown kind {kind!r}; expected one of {_kinds()}")
            )
    if problems:
        return None, problems
    assert model is not None
    return check_model(document, model)


def check_model(document: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate a document's data against `model`; each problem is a positioned diagnostic.

    `check_document` uses it once the kind is known; it also serves files
    that have no kind, such as a ``--policy`` file of readiness keys.
    """
    context: dict[str, Any] = {"allowed": {}}
    try:
        return model.model_validate(document.data, context=context), []
    except ValidationError as error:
        return None, [
            _translate(document, err, context["allowed"]) for err in error.errors(include_url=False)
        ]


def _kinds() -> str:
    return ", ".join(KINDS)


def _data_loc(data: Any, loc: tuple[str | int, ...]) -> tuple[Loc, bool]:
    """The part of a pydantic error location that exists in the data.

    Union tags and other pydantic-only parts are skipped. The flag is true
    when the location ends at a mapping key (a '[key]' error).
    """
    found: list[str | int] = []
    node = data
    for part in loc:
        if part == "[key]":
            return tuple(found), True
        in_map = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_map or in_list:
            node = node[part]
            found.append(part)
    return tuple(found), False


def _parent(data: Any, loc: Loc) -> Any:
    node = data
    for part in loc:
        node = node[part]
    return node


_TYPE_NAMES = {
    "string": "a string",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "dict": "a mapping",
    "list": "a list",
    "model": "a mapping",
    "model_attributes": "a mapping",
    "date": "a date written YYYY-MM-DD",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


_BOUNDS = {
    "greater_than": "it must be more than",
    "greater_than_equal": "it must be at least",
    "less_than": "it must be less than",
    "less_than_equal": "it must be at most",
}

_PATTERN_CODES = {
    ID_PATTERN: ("S104", "is not a valid id (lowercase kebab-case, e.g. support-engineer)"),
    LEVEL_REF_PATTERN: ("S107", "is not a level reference ROLE@LEVEL"),
    BEHAVIOUR_REF_PATTERN: ("S107", "is not a behaviour reference OWNER.BEHAVIOUR"),
    ENDPOINT_PATTERN: ("S107", "is not ROLE@LEVEL or external:ID"),
    LOCALE_PATTERN: ("S108", "is not a locale code such as en, th or zh-Hans"),
}


def _translate(document: Document, err: Any, allowed: dict[int, list[str]]) -> Diagnostic:
    """One pydantic error -> one diagnostic at the right line and column."""
    kind: str = err["type"]
    loc, at_key = _data_loc(document.data, err["loc"])
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        parent = _parent(document.data, loc[:-1])
        message = f"unknown key '{key}'"
        choices = allowed.get(id(parent), [])
        close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
        if close:
            message += f"; did you mean '{close[0]}'?"
        elif choices:
            message += f" (expected one of: {', '.join(choices)})"
        return document.at(loc, "S100", message, key=True)
    if kind == "missing":
        return document.at(loc, "S101", f"missing required key '{err['loc'][-1]}'")
    if at_key:
        key = _key_in_error(err["loc"])
        code, what = _PATTERN_CODES.get(err.get("ctx", {}).get("pattern", ""), ("S106", "invalid"))
        # `loc` already ends at the key when the key is in the data.
        where = loc if loc[-1:] == (key,) else (*loc, key)
        return document.at(where, code, f"key {key!r} {what}", key=True)
    if kind in {"string_too_short", "too_short"}:
        what = "text" if kind == "string_too_short" else "list"
        return document.at(loc, "S103", f"empty {what}; give a value or leave the key out")
    if kind == "string_pattern_mismatch":
        code, what = _PATTERN_CODES.get(err["ctx"]["pattern"], ("S106", "has the wrong form"))
        return document.at(loc, code, f"{value!r} {what}")
    if kind == "string_too_long":
        return document.at(loc, "S104", f"{value!r} is longer than 64 characters")
    if kind == "invalid_date":
        # Not err["msg"]: pydantic does not apply the `!r` of the model's message template.
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return document.at(loc, "S105", f"{value!r} is not a day of the calendar")
        return document.at(
            loc, "S105", f"expected a date written YYYY-MM-DD, got {_describe(value)}"
        )
    if kind in _BOUNDS:
        bound = next(iter(err["ctx"].values()))
        bound = f"{bound:g}" if isinstance(bound, float) else bound
        return document.at(
            loc, "S106", f"{_describe(value)} is out of range: {_BOUNDS[kind]} {bound}"
        )
    if kind in {"text_type", "expectation_type", "met_rule_type"}:
        return document.at(loc, "S102", f"{err['msg']}, got {_describe(value)}")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        base = kind.removesuffix("_type").removesuffix("_parsing")
        expected = _TYPE_NAMES.get(base, base)
        hint = ' (quote it: "...")' if base == "string" and value is not None else ""
        return document.at(loc, "S102", f"expected {expected}, got {_describe(value)}{hint}")
    if kind == "literal_error":
        return document.at(loc, "S106", f"{_describe(value)} is not allowed; {err['msg'].lower()}")
    return document.at(loc, "S106", f"{_describe(value)}: {err['msg']}")


def _key_in_error(loc: tuple[str | int, ...]) -> str:
    index = loc.index("[key]")
    return str(loc[index - 1])


# --- a framework folder ----------------------------------------------------


@dataclass
class CheckedFramework:
    """The outcome of checking a framework folder."""

    framework: Framework | None
    diagnostics: list[Diagnostic]
    evidence: list[Document] = field(default_factory=list)
    """Evidence documents found inside the folder, for checking against it."""


@dataclass
class _Parts:
    """The valid, typed parts of a framework folder, with their documents."""

    info: tuple[Document, FrameworkInfo] | None = None
    competencies: dict[str, tuple[Document, Competency]] = field(default_factory=dict)
    roles: dict[str, tuple[Document, Role]] = field(default_factory=dict)
    paths: tuple[Document, Paths] | None = None
    unchecked: set[str] = field(default_factory=set)
    """Ids of roles and competencies whose files have errors of their own."""


def check_framework(folder_display: str, documents: list[Document]) -> CheckedFramework:
    """Run every rule over the documents of one framework folder."""
    problems: list[Diagnostic] = []
    parts = _Parts()
    evidence: list[Document] = []
    for document in documents:
        problems.extend(document.diagnostics)
        model, found = check_document(document)
        problems.extend(found)
        if model is None and _kind_of(document) in {"role", "competency"}:
            unchecked = document.data.get("id")
            if isinstance(unchecked, str):
                parts.unchecked.add(unchecked)
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
        return CheckedFramework(None, problems, evidence)
    framework = _build(parts, documents)
    problems.extend(_framework_rules(parts, framework))
    if not any(d.severity == "error" for d in problems):
        return CheckedFramework(framework, problems, evidence)
    return CheckedFramework(None, problems, evidence)


def _kind_of(document: Document) -> Any:
    return document.data.get("kind") if isinstance(document.data, dict) else None


def _unreadable_framework(document: Document) -> bool:
    """A framework.yaml that could not be read: its own diagnostics say why, not X101."""
    return document.data is None and document.path.name in {"framework.yaml", "framework.yml"}


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


def _build(parts: _Parts, documents: list[Document]) -> Framework:
    assert parts.info is not None
    digest = hashlib.sha256()
    for document in sorted(documents, key=lambda d: d.display):
        digest.update(document.display.encode() + b"\0" + document.raw + b"\0")
    return Framework(
        info=parts.info[1],
        competencies={key: model for key, (_, model) in parts.competencies.items()},
        roles={key: model for key, (_, model) in parts.roles.items()},
        moves=list(parts.paths[1].moves) if parts.paths else [],
        content_hash="sha256:" + digest.hexdigest(),
    )


def _framework_rules(parts: _Parts, framework: Framework) -> Iterator[Diagnostic]:
    from competency import rules  # the rules module is large; keep this file readable

    assert parts.info is not None
    unchecked = frozenset(parts.unchecked)
    yield from rules.framework_info(*parts.info)
    for document, competency in parts.competencies.values():
        yield from rules.competency(document, competency, framework)
    for document, role in parts.roles.values():
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


def _documents_of(parts: _Parts) -> Iterable[Document]:
    if parts.info is not None:
        yield parts.info[0]
    for document, _ in parts.competencies.values():
        yield document
    for document, _ in parts.roles.values():
        yield document
    if parts.paths is not None:
        yield parts.paths[0]


# --- evidence ----------------------------------------------------------------


def check_evidence(
    document: Document, framework: Framework | None
) -> tuple[Evidence | None, list[Diagnostic]]:
    """Validate an evidence document, and its references when a framework is given."""
    from competency import rules

    problems = list(document.diagnostics)
    model, found = check_document(document)
    problems.extend(found)
    if model is None:
        return None, problems
    if not isinstance(model, Evidence):
        problems.append(
            document.at(("kind",), "F101", f"expected an evidence file, got kind '{model.kind}'")  # type: ignore[attr-defined]
        )
        return None, problems
    if framework is not None:
        problems.extend(rules.evidence(document, model, framework))
    return model, problems


def find_yaml(folder: Path) -> list[Path]:
    """Every ``*.yaml`` and ``*.yml`` below `folder`, in a stable order, skipping hidden folders."""
    found = [
        path
        for pattern in ("*.yaml", "*.yml")
        for path in folder.rglob(pattern)
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    ]
    return sorted(found)
