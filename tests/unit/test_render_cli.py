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
    """With --force an output file that is a symbolic link is replaced, never written through."""
    outside = tmp_path / "outside.md"
    outside.write_text("keep\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.md").symlink_to(outside)
    cli("render", FRAMEWORK, "--format", "md", "--out", out, "--force")
    assert (outside.read_text("utf-8"), (out / "index.md").is_symlink()) == ("keep\n", False)


def test_unknown_role_is_a_usage_error(cli: CLI, tmp_path: Path) -> None:
    """An unknown --role exits 2 and lists the roles."""
    result = cli("render", FRAMEWORK, "--format", "md", "--out", tmp_path, "--role", "nobody")
    assert (result.status, "support-engineer, support-lead" in result.err) == (2, True)


def test_invalid_locale_is_a_usage_error(cli: CLI, tmp_path: Path) -> None:
    """A --locale that is not a locale code exits 2."""
    result = cli("render", FRAMEWORK, "--format", "md", "--out", tmp_path, "--locale", "../x")
    assert result.status == 2


def test_missing_framework_folder_exits_2(cli: CLI, tmp_path: Path) -> None:
    """A framework folder that does not exist is wrong usage: exit 2, nothing written."""
    result = cli("render", tmp_path / "missing", "--format", "md", "--out", tmp_path / "out")
    expected = (2, True, False)
    assert (
        result.status,
        "framework folder not found" in result.err,
        (tmp_path / "out").exists(),
    ) == expected


def test_framework_with_errors_exits_1(cli: CLI, tmp_path: Path) -> None:
    """A framework folder that does not load exits 1 with its diagnostics."""
    import shutil

    shutil.copytree(FRAMEWORK, tmp_path / "fw")
    (tmp_path / "fw" / "framework.yaml").write_text("format: competency/v1\nkind: framework\n")
    result = cli("render", tmp_path / "fw", "--format", "md", "--out", tmp_path / "out")
    assert (result.status, "error S101" in result.err) == (1, True)


def test_output_folder_that_is_a_file_exits_2(cli: CLI, tmp_path: Path) -> None:
    """An --out that cannot hold files exits 2 without a traceback."""
    blocked = tmp_path / "blocked"
    blocked.write_text("", "utf-8")
    result = cli("render", FRAMEWORK, "--format", "html", "--out", blocked / "sub")
    assert (result.status, "Traceback" in result.err) == (2, False)


def _render_with_index_template(cli: CLI, tmp_path: Path, source: bytes) -> Run:
    """Render Markdown with a user index template of these bytes."""
    (tmp_path / "brand" / "markdown").mkdir(parents=True)
    (tmp_path / "brand" / "markdown" / "index.md.j2").write_bytes(source)
    return cli(
        "render",
        FRAMEWORK,
        "--format",
        "md",
        "--out",
        tmp_path / "out",
        "--templates",
        tmp_path / "brand",
    )


def test_broken_template_exits_2_with_its_place(cli: CLI, tmp_path: Path) -> None:
    """A user template with a syntax error exits 2 and names its file and line."""
    result = _render_with_index_template(cli, tmp_path, b"# {{ site.title\n")
    assert (result.status, "index.md.j2:1: template error" in result.err) == (2, True)


def test_unknown_template_variable_exits_2(cli: CLI, tmp_path: Path) -> None:
    """A user template that uses a name the model lacks exits 2 instead of printing nothing."""
    result = _render_with_index_template(cli, tmp_path, b"{{ site.nope }}\n")
    assert (result.status, "index.md.j2:1: template error" in result.err) == (2, True)


def test_template_that_fails_while_running_exits_2_with_its_place(cli: CLI, tmp_path: Path) -> None:
    """A user template that raises while it runs exits 2, names its file and line, no traceback."""
    result = _render_with_index_template(cli, tmp_path, b"# {{ site.title }}\n{{ 1 / 0 }}\n")
    assert (result.status, "index.md.j2:2: template error: ZeroDivisionError" in result.err) == (
        2,
        True,
    )


def test_template_that_is_not_utf8_exits_2(cli: CLI, tmp_path: Path) -> None:
    """A user template that is not UTF-8 exits 2 with a message, not an internal error."""
    result = _render_with_index_template(cli, tmp_path, b"\xff\xfe{{ site.title }}\n")
    assert (result.status, "is not UTF-8 text" in result.err, "internal error" in result.err) == (
        2,
        True,
        False,
    )


def test_render_refuses_a_subfolder_that_links_outside_the_output(cli: CLI, tmp_path: Path) -> None:
    """A subfolder of --out that links to another folder exits 2; nothing is written there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "roles").symlink_to(elsewhere, target_is_directory=True)
    result = cli("render", FRAMEWORK, "--format", "md", "--out", out)
    assert (result.status, "leads outside" in result.err, list(elsewhere.iterdir())) == (
        2,
        True,
        [],
    )


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_shipped_framework_renders(cli: CLI, tmp_path: Path, fmt: str) -> None:
    """The shipped framework renders to Markdown and HTML."""
    from tests.conftest import MATRICES

    assert cli("render", MATRICES, "--format", fmt, "--out", tmp_path).status == 0


def test_starting_the_command_line_loads_no_renderer() -> None:
    """Importing the command line loads neither Jinja2, Typst nor Babel."""
    code = (
        "import sys, competency.cli; "
        "print(sorted(m for m in ('jinja2', 'typst', 'selenium', 'babel') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
