"""The public API: one table of names, visible to dir() and to type checkers."""

from __future__ import annotations

import ast

import pytest

import competency
from tests.conftest import ROOT


def test_every_exported_name_resolves() -> None:
    """Each name of __all__ can be read from the package."""
    assert all(getattr(competency, name) is not None for name in competency.__all__)


def test_dir_lists_the_public_names() -> None:
    """dir(competency) shows the public API in a REPL."""
    assert set(competency.__all__) <= set(dir(competency))


def test_type_checking_imports_equal_the_export_table() -> None:
    """The TYPE_CHECKING block imports exactly the names of _EXPORTS, from the same modules."""
    tree = ast.parse((ROOT / "src" / "competency" / "__init__.py").read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        alias.name: node.module
        for node in ast.walk(block)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == competency._EXPORTS


def test_every_raised_exception_is_a_competency_error() -> None:
    """The library's own exceptions share the base CompetencyError."""
    from competency.render import RenderError

    bases = [
        competency.DiagnosticsError,
        competency.UnknownReferenceError,
        competency.NoTargetError,
        RenderError,
    ]
    assert all(issubclass(error, competency.CompetencyError) for error in bases)


def test_validate_refuses_a_single_path_string() -> None:
    """validate("matrices") is a TypeError, not a walk over its characters."""
    with pytest.raises(TypeError, match="list of paths"):
        competency.validate("matrices")  # type: ignore[arg-type]
