"""docs/format.md's field tables are the typed models' fields, and stay so.

Each file kind has a table between ``<!-- fields:KIND -->`` and
``<!-- /fields:KIND -->`` (``policy`` is the readiness policy file). The
tables are built from the JSON Schema of the models in `competency.model`:
the field (as a path from the top of the file), its type in words, whether it
is required (with its default when it has one), and the description from the
model's docstrings. Regenerate them after changing a model with
``COMPETENCY_UPDATE_DOCS=1 python -m pytest tests/unit/test_format_doc.py``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any, get_args

from pydantic import BaseModel

from competency import model
from competency.fielddocs import field_docstrings
from tests.conftest import ROOT

FORMAT_DOC = ROOT / "docs" / "format.md"

#: Each table's name, and the model whose fields it lists.
BLOCKS: dict[str, type[BaseModel]] = {**model.KINDS, "policy": model.Readiness}

BLOCK = re.compile(r"(<!-- fields:([a-z-]+) -->\n)(.*?)(<!-- /fields:\2 -->)", re.S)

#: Names for the string patterns of the models, singular and plural.
PATTERNS: dict[str, tuple[str, str]] = {
    model.ID_PATTERN: ("id", "ids"),
    model.LEVEL_REF_PATTERN: ("level reference `ROLE@LEVEL`", "level references `ROLE@LEVEL`"),
    model.BEHAVIOUR_REF_PATTERN: (
        "behaviour reference `OWNER.BEHAVIOUR`",
        "behaviour references `OWNER.BEHAVIOUR`",
    ),
    model.ENDPOINT_PATTERN: ("`ROLE@LEVEL` or `external:ID`", "`ROLE@LEVEL`s or `external:ID`s"),
    model.LOCALE_PATTERN: ("locale code", "locale codes"),
    model.SEMVER_PATTERN: ("semantic version", "semantic versions"),
    model.URL_PATTERN: ("`http` or `https` address", "`http` or `https` addresses"),
    model.HASH_PATTERN: ("content hash `sha256:...`", "content hashes `sha256:...`"),
}

Schema = dict[str, Any]


def _without_null(alternatives: list[Schema]) -> list[Schema]:
    return [a for a in alternatives if a.get("type") != "null"]


def _alternatives(schema: Schema) -> list[Schema]:
    """The choices of a oneOf/anyOf, leaving out null (an optional field's "not given")."""
    return _without_null(schema.get("oneOf", []) + schema.get("anyOf", []))


def _is_text(schema: Schema) -> bool:
    """A text field: a string, or a map from locale code to string."""
    kinds = {a.get("type") for a in schema.get("oneOf", [])}
    maps = [a for a in schema.get("oneOf", []) if a.get("type") == "object"]
    return kinds == {"string", "object"} and all(
        list(m.get("patternProperties", {})) == [model.LOCALE_PATTERN] for m in maps
    )


def _map_value(schema: Schema) -> tuple[str, Schema] | None:
    """For a map (a mapping with free keys): the pattern of its keys and its values' schema."""
    patterns: dict[str, Schema] = schema.get("patternProperties", {})
    if len(patterns) == 1:
        return next(iter(patterns.items()))
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        return "", extra
    return None


def _type(schema: Schema, defs: dict[str, Schema], plural: bool = False) -> str:
    """A field's type in words, e.g. "list of ids (at least one)"."""
    if "$ref" in schema:
        return "mappings" if plural else "mapping"
    if _is_text(schema):
        return "texts" if plural else "text"
    alternatives = _alternatives(schema)
    if alternatives:
        return " or ".join(dict.fromkeys(_type(a, defs, plural) for a in alternatives))
    if "const" in schema:
        return f"`{_yaml(schema['const'])}`"
    if "enum" in schema:
        values = [f"`{_yaml(v)}`" for v in schema["enum"]]
        if plural:
            return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]
        return "one of " + ", ".join(values)
    kind = schema.get("type")
    if kind == "string":
        return _string_type(schema, plural)
    if kind in ("integer", "number"):
        return _number_type(schema, plural)
    if kind == "boolean":
        return "`true` or `false`"
    if kind == "array":
        items = _type(schema.get("items", {}), defs, plural=True)
        least = schema.get("minItems")
        return f"list of {items}" + (f" (at least {_count(least)})" if least else "")
    if kind == "object":
        found = _map_value(schema)
        if found is None or "properties" in schema:
            return "mappings" if plural else "mapping"
        key, value = found
        keys = PATTERNS.get(key, ("key", "keys"))[0]
        return f"map from {keys} to {_type(value, defs)}"
    return "values" if plural else "any value"


def _string_type(schema: Schema, plural: bool) -> str:
    if schema.get("format") == "date":
        return "dates `YYYY-MM-DD`" if plural else "date `YYYY-MM-DD`"
    pattern = schema.get("pattern")
    if pattern in PATTERNS:
        return PATTERNS[pattern][plural]
    if pattern:
        return f"{'strings' if plural else 'string'} matching `{pattern}`"
    return "strings" if plural else "string"


def _number_type(schema: Schema, plural: bool) -> str:
    noun = {"integer": "whole number", "number": "number"}[schema["type"]]
    bounds = [
        f"{word} {schema[key]}"
        for key, word in (
            ("minimum", "≥"),
            ("exclusiveMinimum", ">"),
            ("maximum", "≤"),
            ("exclusiveMaximum", "<"),
        )
        if key in schema
    ]
    return f"{noun}{'s' if plural else ''} {' and '.join(bounds)}".strip()


def _count(number: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(number, str(number))


def _yaml(value: Any) -> str:
    """A default value as it would be written in YAML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return str(value)


def _required(schema: Schema, required: bool) -> str:
    if required:
        return "yes"
    default = schema.get("default")
    if default is None or default == [] or isinstance(default, dict):
        return "no"
    if isinstance(default, list) and not all(isinstance(v, str | int | float) for v in default):
        return "no"
    return f"no, default `{_yaml(default)}`"


def _description(schema: Schema, defs: dict[str, Schema], own: str | None) -> str:
    """The field's docstring; else its type's or its model's (for a list: an entry's)."""
    found = [schema]
    while own is None and found:
        here = found.pop(0)
        own = here.get("description")
        if "$ref" in here:
            found.append(defs[here["$ref"].rsplit("/", 1)[-1]])
        found += _alternatives(here)
        if isinstance(here.get("items"), dict):
            found.append(here["items"])
    return " ".join((own or "").split()).replace("|", "\\|")


def _models_inside(schema: Schema, path: str) -> Iterator[tuple[str, str]]:
    """The models this field holds (their names in ``$defs``), with the paths to their fields."""
    if "$ref" in schema:
        yield f"{path}.", schema["$ref"].rsplit("/", 1)[-1]
        return
    if _is_text(schema):
        return
    for alternative in _alternatives(schema):
        yield from _models_inside(alternative, path)
    if isinstance(schema.get("items"), dict):
        yield from _models_inside(schema["items"], f"{path}[]")
    if schema.get("type") == "object" and "properties" not in schema:
        found = _map_value(schema)
        if found is not None:
            key, value = found
            yield from _models_inside(value, f"{path}.<{'id' if key else 'key'}>")


def field_rows(root: type[BaseModel]) -> list[tuple[str, str, str, str]]:
    """(field, type, required, description) for every field a file of `root` may hold."""
    schema = root.model_json_schema(by_alias=True)
    defs = schema.get("$defs", {})
    models = {cls.__name__: cls for cls in _reachable(root)}
    rows: list[tuple[str, str, str, str]] = []

    def walk(mapping: Schema, prefix: str, cls: type[BaseModel] | None) -> None:
        required = set(mapping.get("required", []))
        names = {f.alias or n: n for n, f in cls.model_fields.items()} if cls else {}
        # The docstring, even where the field's type has a description (``category: Id``).
        docs = field_docstrings(cls) if cls else {}
        for name, field in mapping.get("properties", {}).items():
            path = prefix + name
            own = docs.get(names.get(name, name))
            rows.append(
                (
                    path,
                    _type(field, defs),
                    _required(field, name in required),
                    _description(field, defs, own),
                )
            )
            for sub_prefix, sub in dict.fromkeys(_models_inside(field, path)):
                walk(defs[sub], sub_prefix, models.get(sub))

    walk(schema, "", root)
    return rows


def table(root: type[BaseModel]) -> str:
    """The Markdown table of a model's fields."""
    lines = ["| field | type | required | description |", "| --- | --- | --- | --- |"]
    for path, kind, required, description in field_rows(root):
        lines.append(f"| `{path}` | {kind} | {required} | {description} |")
    return "\n".join(lines) + "\n"


def regenerate(text: str) -> str:
    """`text` with every marked block replaced by the table of its model."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        assert name in BLOCKS, f"docs/format.md has a block for unknown kind {name!r}"
        return match.group(1) + table(BLOCKS[name]) + match.group(4)

    return BLOCK.sub(fill, text)


def test_every_kind_has_a_field_table() -> None:
    """docs/format.md has one marked table per kind of file, and the policy file."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    names = [match.group(2) for match in BLOCK.finditer(text)]
    assert sorted(names) == sorted(BLOCKS)


def test_field_tables_match_the_models() -> None:
    """Every marked table in docs/format.md equals the one generated from the models."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    expected = regenerate(text)
    if os.environ.get("COMPETENCY_UPDATE_DOCS"):
        FORMAT_DOC.write_text(expected, encoding="utf-8")
        text = expected
    assert text == expected


def test_tables_cover_every_field_of_every_model() -> None:
    """Each model reachable from a kind shows up: its fields are rows of that kind's table."""
    for name, root in BLOCKS.items():
        rows = {path.rsplit(".", 1)[-1].removesuffix("[]") for path, *_ in field_rows(root)}
        for sub in _reachable(root):
            for field_name, field in sub.model_fields.items():
                assert (field.alias or field_name) in rows, (name, sub.__name__, field_name)


def _reachable(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """`root` and every model its fields hold, at any depth."""
    todo, seen = [root], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        yield current
        for field in current.model_fields.values():
            todo += [t for t in _types_in(field.annotation) if t not in seen]


def _types_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _types_in(arg)
