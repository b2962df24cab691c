"""``competency lsp``: a Language Server Protocol server for framework and evidence files.

`workspace` holds what the server knows (documents, diagnostics, ids) with
no protocol in it; `server` wires it to pygls, which is an optional extra
(``pip install 'competency[lsp]'``) imported only when the server starts.
docs/editors.md shows how to use it from VS Code, Neovim, Helix and
JetBrains editors.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["serve"]


def serve(matrices: Path | None = None, evidence: list[Path] | None = None) -> None:
    """Run the server over stdin and stdout until the editor closes it."""
    from competency.lsp.server import make_server

    make_server(matrices, evidence).start_io()
