"""Shared fixtures: the repository's folders and a way to run the command line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MATRICES = ROOT / "matrices"
EXAMPLES = ROOT / "examples"


@dataclass
class Run:
    """What a command printed and its exit status."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``competency ARGS...`` in-process and capture its output."""
    from competency.cli import main

    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def framework():  # type: ignore[no-untyped-def]
    """The shipped framework, loaded once."""
    from competency import load_framework

    return load_framework(MATRICES)
