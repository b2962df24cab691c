"""``competency lsp``: the language server for editors, over stdin and stdout."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import click

from competency.cli._common import CannotRun

__all__ = ["COMMANDS", "lsp"]

#: What to install when pygls is missing.
INSTALL = "pip install 'competency[lsp]'"


@click.command()
@click.option(
    "--matrices",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The framework folder [default: matrices/ in the editor's folder, or the folder itself].",
)
@click.option(
    "--evidence",
    type=click.Path(exists=True, path_type=Path),
    multiple=True,
    help="An evidence file or folder to check as the framework changes (repeatable) "
    "[default: examples/ in the editor's folder, when there is one].",
)
@click.option("--stdio", is_flag=True, hidden=True, help="Accepted for editors that pass it.")
def lsp(matrices: Path | None, evidence: tuple[Path, ...], stdio: bool) -> None:
    """Run a Language Server Protocol server over stdin and stdout.

    Editors start it and talk to it; it is not meant to be run by hand.
    It checks framework and evidence files as you type (the diagnostics
    of competency validate), completes ids and ROLE@LEVEL, shows what a
    behaviour, level or step says, goes to definitions and references,
    renames ids and offers quick fixes. It needs the lsp extra
    (pip install 'competency[lsp]'). docs/editors.md shows the set-up.
    """
    if importlib.util.find_spec("pygls") is None:
        raise CannotRun(f"competency lsp needs the pygls package: {INSTALL}")
    from competency.lsp import serve

    serve(matrices, list(evidence))


COMMANDS = [lsp]
