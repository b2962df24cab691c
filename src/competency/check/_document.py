"""One document -> its typed model, or positioned diagnostics.

`check_document` validates one file against its kind's model, and
`check_model` against any model (a policy file, say), turning pydantic's
errors into diagnostics at the line and column of the offending value.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from competency.diagnostics import Diagnostic
from competency.load import MAX_PROBLEMS_PER_FILE, Document, Loc
from competency.model import (
    BEHAVIOUR_REF_PATTERN,
    ENDPOINT_PATTERN,
    FORMAT,
    HASH_PATTERN,
    ID_PATTERN,
    KINDS,
    LEVEL_REF_PATTERN,
    LOCALE_PATTERN,
    URL_PATTERN,
)

__all__ = ["check_document", "check_model"]

M = TypeVar("M", bound=BaseModel)

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
                    ("format",),
                    "F100",
                    f"unsupported format {_quote(fmt)}; this tool reads {FORMAT}",
                )
            )
    kind = data.get("kind")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        if "kind" not in data:
            problems.append(document.at((), "F101", f"missing 'kind' (one of {_kinds()})"))
        else:
            problems.append(
                document.at(
                    ("kind",), "F101", f"unknown kind {_quote(kind)}; expected one of {_kinds()}"
                )
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
        # The same cap as while parsing, for the whole file (what the loader reported
        # counts too): a file of 100,000 unknown keys gives a bounded report in
        # bounded time, not 100,000 lines.
        room = MAX_PROBLEMS_PER_FILE - len(document.diagnostics)
        if room <= 0:
            return None, []  # the loader's Y111 already says the rest is not reported
        errors = error.errors(include_url=False)
        problems = [_translate(document, err, context["allowed"]) for err in errors[:room]]
        if len(errors) > room:
            first = problems[-1]
            problems.append(
                Diagnostic.make(
                    document.display,
                    first.line,
                    first.column,
                    "Y111",
                    f"more than {MAX_PROBLEMS_PER_FILE} problems; "
                    "the rest of this file is not reported",
                )
            )
        return None, problems


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


#: The longest quotation of a value or key in a message; the file has the rest.
_QUOTE_LIMIT = 80


def _quote(value: object) -> str:
    """`value` quoted for a message, shortened so that a huge value gives a short line."""
    text = str(value)
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 3] + "..."
    return repr(text)


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, int | float):
        return f"the number {_quote(value)[1:-1]}"
    if isinstance(value, str):
        return f"the string {_quote(value)}"
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
    URL_PATTERN: ("S109", "is not a web address: only http:// and https:// are allowed"),
    HASH_PATTERN: ("S106", "is not a content hash: sha256: and 64 lowercase hex digits"),
}


def _translate(document: Document, err: Any, allowed: dict[int, Sequence[str]]) -> Diagnostic:
    """One pydantic error -> one diagnostic at the right line and column."""
    kind: str = err["type"]
    loc, at_key = _data_loc(document.data, err["loc"])
    value = err.get("input")
    if kind == "extra_forbidden":
        key = str(err["loc"][-1])
        parent = _parent(document.data, loc[:-1])
        message = f"unknown key {_quote(key)}"
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
        return document.at(where, code, f"key {_quote(key)} {what}", key=True)
    if kind in {"string_too_short", "too_short"}:
        what = "text" if kind == "string_too_short" else "list"
        return document.at(loc, "S103", f"empty {what}; give a value or leave the key out")
    if kind == "string_pattern_mismatch":
        code, what = _PATTERN_CODES.get(err["ctx"]["pattern"], ("S106", "has the wrong form"))
        return document.at(loc, code, f"{_quote(value)} {what}")
    if kind == "string_too_long":
        return document.at(loc, "S104", f"{_quote(value)} is longer than 64 characters")
    if kind == "invalid_date":
        # Not err["msg"]: pydantic does not apply the `!r` of the model's message template.
        if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return document.at(loc, "S105", f"{_quote(value)} is not a day of the calendar")
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
    if kind == "missing_one_of":
        return document.at(loc, "S101", f"missing a key: {err['msg']}")
    if kind == "more_than_one_of":
        # At the second of the keys given: the first one stands.
        extra = err["ctx"]["extra"]
        return document.at((*loc, extra), "S106", f"{err['msg']}", key=True)
    if kind == "literal_error":
        return document.at(loc, "S106", f"{_describe(value)} is not allowed; {err['msg'].lower()}")
    return document.at(loc, "S106", f"{_describe(value)}: {err['msg']}")


def _key_in_error(loc: tuple[str | int, ...]) -> str:
    index = loc.index("[key]")
    return str(loc[index - 1])
