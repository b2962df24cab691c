"""The docstrings written under model fields, read from the source when asked.

A field's docstring is its documentation: the JSON Schemas give it as the
field's ``description`` and editors show it. Pydantic's
``use_attribute_docstrings`` would read them while each class is built, with
an `inspect` and `ast` pass per class on every start of the command line
(about a fifth of the models' import time); here one `ast` pass per module
reads them, and only when a schema or an editor asks (docs/decisions.md).

`Documented` is the base of our models whose schemas are published: its
``model_json_schema`` uses `DocumentedSchema`, which adds the docstrings, so
a schema is the same as pydantic's with ``use_attribute_docstrings``.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import (
    DEFAULT_REF_TEMPLATE,
    GenerateJsonSchema,
    JsonSchemaMode,
    JsonSchemaValue,
)
from pydantic_core import core_schema

__all__ = ["Documented", "DocumentedSchema", "field_description", "field_docstrings"]


def field_docstrings(model: type[BaseModel]) -> Mapping[str, str]:
    """Field name -> the docstring under it, for the fields of `model` that have one.

    A field's docstring is the one in the nearest class (in the method
    resolution order) that declares the field, as pydantic's
    ``use_attribute_docstrings`` finds it.
    """
    return _field_docstrings(model)


def field_description(model: type[BaseModel], name: str) -> str | None:
    """The description of field `name`: its own (``Field``, or its type's), else its docstring.

    Pydantic's order: a docstring never replaces a description given in code.
    """
    info = model.model_fields[name]
    return info.description if info.description is not None else field_docstrings(model).get(name)


@functools.cache
def _field_docstrings(model: type[BaseModel]) -> dict[str, str]:
    found: dict[str, str] = {}
    for name in model.model_fields:
        owner = next((k for k in model.__mro__ if name in vars(k).get("__annotations__", {})), None)
        if owner is None:
            continue
        written = _module_docstrings(owner.__module__).get(owner.__qualname__, {}).get(name)
        if written is not None:
            found[name] = written
    return found


@functools.cache
def _module_docstrings(module: str) -> dict[str, dict[str, str]]:
    """Class name -> attribute docstrings, for the top-level classes of `module` (one parse)."""
    try:
        source = inspect.getsource(sys.modules[module])
    except (KeyError, OSError, TypeError):
        return {}  # no source (a frozen or zipped install): no docstrings, as in pydantic
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            found[node.name] = _attribute_docstrings(node)
    return found


def _attribute_docstrings(node: ast.ClassDef) -> dict[str, str]:
    """A string statement right after an annotated name documents that name."""
    found: dict[str, str] = {}
    for here, after in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(here, ast.AnnAssign)
            and isinstance(here.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            found[here.target.id] = inspect.cleandoc(after.value.value)
    return found


class DocumentedSchema(GenerateJsonSchema):
    """Pydantic's JSON Schema generator, with each field's docstring as its description."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """The model's schema, each undescribed property given its field's docstring."""
        found = super().model_schema(schema)
        properties = found.get("properties")
        model = schema["cls"]
        if not isinstance(properties, dict) or not issubclass(model, BaseModel):
            return found
        docstrings = field_docstrings(model)
        for name, info in model.model_fields.items():
            key = next((k for k in (info.alias, name) if k is not None and k in properties), None)
            if key is not None and info.description is None and name in docstrings:
                properties[key] = {**properties[key], "description": docstrings[name]}
        return found


class Documented(BaseModel):
    """A model whose JSON Schema gives each field's docstring as its description."""

    @classmethod
    def model_json_schema(
        cls,
        by_alias: bool | None = None,
        ref_template: str = DEFAULT_REF_TEMPLATE,
        schema_generator: type[GenerateJsonSchema] = DocumentedSchema,
        mode: JsonSchemaMode = "validation",
        *,
        union_format: Literal["any_of", "primitive_type_array"] = "any_of",
    ) -> dict[str, Any]:
        """Pydantic's ``model_json_schema``, by default with `DocumentedSchema`."""
        return super().model_json_schema(
            by_alias, ref_template, schema_generator, mode, union_format=union_format
        )
