"""`competency render`: options, exit statuses, and what it writes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.golden.hostile import FRAMEWORK

CLI = Callable[..., Run]


def test_render_writes_the_markdown_pages(cli: CLI, tmp_path: Path) -> None:
    """Rendering Markdown exits 0 and reports each file written."""
    result = cli("render", FRAMEWORK, "--format", "md", "--out", tmp_path)
    assert (result.status, result.err.count("wrote ")) == (0, 5)


def test_render_leaves_other_files_in_the_output_folder(cli: CLI, tmp_path: Path) -> None:
    """Files in --out that the render does not produce are left as they were."""
    mine = tmp_path / "notes.md"
    mine.write_text("my notes\n", "utf-8")
    cli("render", FRAMEWORK, "--format", "md", "--out", tmp_path)
    assert mine.read_text("utf-8") == "my notes\n"


def test_render_replaces_a_link_instead_of_writing_through_it(cli: CLI, tmp_path: Path) -> None:
    """An output file that is a symbolic link is replaced; the file it points at is untouched."""
    outside = tmp_path / "outside.md"
    outside.write_text("keep\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").symlink_to(outside)
    cli("render", FRAMEWORK, "--format", "md", "--out", out)
    assert (outside.read_text("utf-8"), (out / "index.md").is_symlink()) == ("keep\n", False)


def test_unknown_role_is_a_usage_error(cli: CLI, tmp_path: Path) -> None:
    """An unknown --role exits 2 and lists the roles."""
    result = cli("render", FRAMEWORK, "--format", "md", "--out", tmp_path, "--role", "nobody")
    assert (result.status, "support-engineer, support-lead" in result.err) == (2, True)


def test_invalid_locale_is_a_usage_error(cli: CLI, tmp_path: Path) -> None:
    """A --locale that is not a locale code exits 2."""
    result = cli("render", FRAMEWORK, "--format", "md", "--out", tmp_path, "--locale", "../x")
    assert result.status == 2


def test_framework_with_errors_exits_1(cli: CLI, tmp_path: Path) -> None:
    """A framework folder that does not load exits 1 with its diagnostics."""
    result = cli("render", tmp_path / "missing", "--format", "md", "--out", tmp_path / "out")
    assert (result.status, "error X100" in result.err) == (1, True)


def test_output_folder_that_is_a_file_exits_2(cli: CLI, tmp_path: Path) -> None:
    """An --out that cannot hold files exits 2 without a traceback."""
    blocked = tmp_path / "blocked"
    blocked.write_text("", "utf-8")
    result = cli("render", FRAMEWORK, "--format", "html", "--out", blocked / "sub")
    assert (result.status, "Traceback" in result.err) == (2, False)


def test_broken_template_exits_2_with_its_place(cli: CLI, tmp_path: Path) -> None:
    """A user template with a syntax error exits 2 and names its file and line."""
    (tmp_path / "brand" / "markdown").mkdir(parents=True)
    (tmp_path / "brand" / "markdown" / "index.md.j2").write_text("# {{ site.title\n", "utf-8")
    result = cli(
        "render",
        FRAMEWORK,
        "--format",
        "md",
        "--out",
        tmp_path / "out",
        "--templates",
        tmp_path / "brand",
    )
    assert (result.status, "index.md.j2:1: template error" in result.err) == (2, True)


def test_unknown_template_variable_exits_2(cli: CLI, tmp_path: Path) -> None:
    """A user template that uses a name the model lacks exits 2 instead of printing nothing."""
    (tmp_path / "brand" / "markdown").mkdir(parents=True)
    (tmp_path / "brand" / "markdown" / "index.md.j2").write_text("{{ site.nope }}\n", "utf-8")
    result = cli(
        "render",
        FRAMEWORK,
        "--format",
        "md",
        "--out",
        tmp_path / "out",
        "--templates",
        tmp_path / "brand",
    )
    assert (result.status, "index.md.j2:1: template error" in result.err) == (2, True)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_shipped_framework_renders(cli: CLI, tmp_path: Path, fmt: str) -> None:
    """The shipped framework renders to Markdown and HTML."""
    from tests.conftest import MATRICES

    assert cli("render", MATRICES, "--format", fmt, "--out", tmp_path).status == 0


def test_starting_the_command_line_loads_no_renderer() -> None:
    """Importing the command line loads neither Jinja2 nor Typst."""
    code = (
        "import sys, competency.cli; "
        "print(sorted(m for m in ('jinja2', 'typst', 'selenium') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
