"""docs/cli.md is the `--help` of every command, and stays so.

Regenerate it after changing a command with
``COMPETENCY_UPDATE_DOCS=1 python -m pytest tests/unit/test_cli_reference.py``.
"""

from __future__ import annotations

import os

import click

from competency.cli import cli
from tests.conftest import ROOT

REFERENCE = ROOT / "docs" / "cli.md"


def _walk(
    command: click.Command, path: list[str], parent: click.Context | None = None
) -> list[tuple[list[str], click.Command, str]]:
    """Every command below `command` with its help, as a user running it would see it."""
    settings = dict(command.context_settings, terminal_width=88, max_content_width=88)
    ctx = click.Context(command, parent=parent, info_name=path[-1], **settings)
    found = [(path, command, command.get_help(ctx))]
    if isinstance(command, click.Group):
        # list_commands/get_command, not .commands: the top level loads its
        # commands on use, so .commands is empty there.
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            found += _walk(sub, [*path, name], ctx)
    return found


def reference() -> str:
    """The CLI reference page, built from the commands' own help."""
    parts = [
        "# Command-line reference\n",
        "Generated from `--help`; a test fails when this page and the commands differ.\n",
    ]
    for path, _, text in _walk(cli, ["competency"]):
        level = "#" * min(len(path) + 1, 4)
        parts.append(f"{level} `{' '.join(path)}`\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def test_cli_reference_matches_the_commands() -> None:
    """docs/cli.md equals the help text of every command."""
    expected = reference()
    if os.environ.get("COMPETENCY_UPDATE_DOCS"):
        REFERENCE.write_text(expected, encoding="utf-8")
    assert REFERENCE.read_text(encoding="utf-8") == expected


def test_every_command_help_ends_with_an_example() -> None:
    """Each leaf command's docstring ends with an example invocation."""
    for path, command, _ in _walk(cli, ["competency"]):
        if isinstance(command, click.Group):
            continue
        assert "competency" in (command.help or "").strip().splitlines()[-1], path
