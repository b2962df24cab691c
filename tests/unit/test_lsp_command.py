"""``competency lsp`` without its extra: a clear message naming what to install, exit 2."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import pytest

from tests.conftest import Run


def test_without_pygls_the_command_names_the_extra_to_install(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With pygls missing, `competency lsp` exits 2 and says `pip install 'competency[lsp]'`."""
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "pygls" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    result = cli("lsp")
    expected = (2, True)
    assert expected == (result.status, "pip install 'competency[lsp]'" in result.err)
