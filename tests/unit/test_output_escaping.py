"""Text from file names and paths is escaped where it is printed or written into a comment."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from competency.edit.evidence import evidence_file
from competency.framework import Framework
from competency.names import Names
from tests.conftest import MATRICES, Run

Cli = Callable[..., Run]


def test_template_modeline_keeps_a_schema_path_on_one_comment_line(framework: Framework) -> None:
    """A schema path with a line break stays inside the modeline comment, escaped."""
    text = evidence_file(framework, "support-engineer@se2", Names(framework), schema="a\nb: c")
    expected = "# yaml-language-server: $schema=a\\nb: c"
    assert expected == text.splitlines()[0]


def test_render_lists_written_files_with_escaped_out_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Render's "wrote" lines show a control character in --out as an escape."""
    monkeypatch.chdir(tmp_path)
    run = cli("render", MATRICES, "--format", "md", "--out", "o\x1b[2J")
    expected = "wrote o\\x1b[2J/index.md"
    assert expected == run.err.splitlines()[0]


def test_render_error_naming_a_template_path_is_escaped(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A template error names the template's path with its controls escaped."""
    monkeypatch.chdir(tmp_path)
    folder = Path("t\x1b[2J") / "html"
    folder.mkdir(parents=True)
    (folder / "page.html.j2").write_text("{% if %}\n", encoding="utf-8")
    run = cli("render", MATRICES, "--format", "html", "--out", "out", "--templates", "t\x1b[2J")
    expected = (
        "competency render: t\\x1b[2J/html/page.html.j2:1: template error: "
        "Expected an expression, got 'end of statement block'"
    )
    assert expected == run.err.splitlines()[0]


def test_template_refuses_a_person_id_with_a_line_break(cli: Callable[..., Run]) -> None:
    """--person "amara\\n" is a usage error (exit 2), never written as an id."""
    run = cli("template", "evidence", "--target", "support-engineer@se2", "--person", "amara\n")
    assert (run.status, run.out) == (2, "")
