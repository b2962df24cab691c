"""`--quiet`: commands that report progress or what they wrote print nothing on stderr."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, MATRICES, Run


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped framework and examples as the current folder."""
    shutil.copytree(MATRICES, tmp_path / "matrices")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ("schema", "--out", "schemas"),
        ("schema", "--out", "schemas", "--check"),
        ("render", "matrices", "--format", "md", "--out", "site"),
        ("template", "evidence", "--target", "support-engineer@se2", "-o", "me.yaml"),
        ("new", "framework", "fresh"),
        ("new", "evidence", "people/ana.yaml"),
        ("fmt", "matrices"),
        ("rename", "competency", "troubleshooting", "debugging", "examples"),
        ("validate", "matrices"),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_quiet_leaves_stderr_empty(
    copy: Path, cli: Callable[..., Run], args: tuple[str, ...]
) -> None:
    """With --quiet a command that succeeds prints nothing on stderr."""
    if "--check" in args:
        cli("schema", "--out", "schemas", "--quiet")
    run = cli(*args, "--quiet")
    expected = (run.status, run.err)
    assert expected == (0, "")


def test_without_quiet_the_same_commands_report_on_stderr(
    copy: Path, cli: Callable[..., Run]
) -> None:
    """The baseline: without --quiet, render says what it wrote on stderr."""
    run = cli("render", "matrices", "--format", "md", "--out", "site")
    expected = (run.status, run.err.startswith("wrote "))
    assert expected == (0, True)


def test_quiet_still_prints_problems(copy: Path, cli: Callable[..., Run]) -> None:
    """--quiet keeps diagnostics: a framework with an error still says so."""
    path = copy / "matrices" / "framework.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: framework", "kind: frame"))
    run = cli("render", "matrices", "--format", "md", "--out", "site", "--quiet")
    expected = (run.status, "F101" in run.err)
    assert expected == (1, True)


def test_team_quiet_shows_no_progress_bar(
    copy: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """team --quiet reads a large folder on a terminal without a progress bar."""
    from competency.cli import _analysis

    monkeypatch.setattr(_analysis, "PROGRESS_FROM", 1)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    args = ("team", "examples", "--as-of", "2026-11-01")
    shown = "Reading evidence" in cli(*args).err
    expected = (shown, cli(*args, "--quiet").err)
    assert expected == (True, "")
