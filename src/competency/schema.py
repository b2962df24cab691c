"""JSON Schemas generated from the models: one per kind, committed in ``schemas/``.

The schemas use draft 2020-12 keywords that draft-07 tools also understand
(``$defs`` with ``$ref``, ``oneOf``, ``const``, ``pattern``; no ``prefixItems``),
so yaml-language-server validates and completes files through the
``# yaml-language-server: $schema=...`` modeline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal, NamedTuple

from pydantic import BaseModel

from competency.files import write_files
from competency.model import KINDS, SCHEMA_BASE_URI
from competency.resolved import FrameworkDocument

__all__ = [
    "DOCUMENT_SCHEMA",
    "SCHEMA_BASE_URI",
    "StaleSchema",
    "check_schemas",
    "render_schemas",
    "schemas",
    "write_schemas",
]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: The schema of ``competency export --format json`` (`competency.resolved`).
DOCUMENT_SCHEMA = "framework-document.schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """Schema file name -> schema, for every kind and for the exported framework document."""
    models: dict[str, type[BaseModel]] = {f"{k}.schema.json": m for k, m in KINDS.items()}
    models[DOCUMENT_SCHEMA] = FrameworkDocument
    found = {}
    for name, model in models.items():
        generated = _close_maps(model.model_json_schema(by_alias=True, mode="validation"))
        found[name] = {"$schema": DRAFT, "$id": SCHEMA_BASE_URI + name, **generated}
    return found


def _close_maps(node: Any) -> Any:
    """Maps with patterned keys (locales, competency ids) refuse other keys, as the models do."""
    if isinstance(node, dict):
        node = {key: _close_maps(value) for key, value in node.items()}
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
            node.pop("propertyNames", None)
        return node
    if isinstance(node, list):
        return [_close_maps(item) for item in node]
    return node


def render_schemas() -> dict[str, str]:
    """Schema file name -> the exact text written to disk."""
    return {
        name: json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        for name, schema in schemas().items()
    }


def write_schemas(out: Path, *, force: bool = False) -> list[Path]:
    """Write every schema into `out`; return the paths written.

    Through `competency.files`: all or nothing, atomic, never through a
    symbolic link. An existing file is replaced only when it is one of ours
    (a JSON Schema with our ``$id``), or with `force`; otherwise
    `competency.files.WriteError` is raised and nothing is written.
    """
    files = {out / name: text.encode("utf-8") for name, text in render_schemas().items()}
    return write_files(files, inside=out, replace=True if force else _generated)


def _generated(path: Path) -> bool:
    """Whether `path` is a schema file this module wrote (a regular file with our ``$id``)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as stream:
            found = json.loads(stream.read(4 * 1024 * 1024))
    except (OSError, ValueError):
        return False
    return isinstance(found, dict) and found.get("$id") == SCHEMA_BASE_URI + path.name


class StaleSchema(NamedTuple):
    """A schema file that does not match the models, and why: missing or out of date."""

    name: str
    problem: Literal["missing", "out of date"]


def check_schemas(out: Path) -> list[StaleSchema]:
    """The schema files in `out` that are missing or differ from the models."""
    stale = []
    for name, text in render_schemas().items():
        path = out / name
        if not path.is_file():
            stale.append(StaleSchema(name, "missing"))
        elif path.read_text(encoding="utf-8") != text:
            stale.append(StaleSchema(name, "out of date"))
    return stale
