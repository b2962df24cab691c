"""The Language Server Protocol side: pygls handlers over a `Workspace`.

`make_server` builds one server object that owns all its state (the
workspace, the pending checks, what was last published); nothing is kept in
module globals. Diagnostics follow the editor's unsaved text, debounced:
a check runs once no edit has come for `DEBOUNCE` seconds.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path

from competency.__about__ import __version__
from competency.diagnostics import Diagnostic, Severity
from competency.edit import EditError, rename
from competency.edit.rename import RenameReport
from competency.lsp.workspace import Hit, Workspace

__all__ = ["DEBOUNCE", "CompetencyServer", "make_server"]

#: Seconds without an edit before the text is checked again.
DEBOUNCE = 0.3
_SOURCE = "competency"
_IGNORE = "# competency: ignore["


def _path(uri: str) -> Path:
    parsed = urlparse(uri)
    return Path(unquote(parsed.path)).resolve()


def _uri(path: Path) -> str:
    return from_fs_path(str(path)) or path.as_uri()


class CompetencyServer(LanguageServer):
    """A language server with its workspace and its pending work."""

    def __init__(self, matrices: Path | None, evidence: list[Path]) -> None:
        super().__init__("competency", __version__)
        self.matrices = matrices
        self.evidence = evidence
        self.state: Workspace | None = None
        self.versions: dict[Path, int] = {}
        self.published: set[Path] = set()

    @property
    def files(self) -> Workspace:
        """The workspace, read on first use from the options or the editor's root folder."""
        if self.state is None:
            matrices = self.matrices
            root = self._root()
            if matrices is None and root is not None:
                for candidate in (root / "matrices", root):
                    if (candidate / "framework.yaml").is_file():
                        matrices = candidate
                        break
            evidence = self.evidence
            if not evidence and root is not None and (root / "examples").is_dir():
                evidence = [root / "examples"]
            self.state = Workspace(matrices, evidence)
        return self.state

    def _root(self) -> Path | None:
        try:
            root = self.workspace.root_path
        except (RuntimeError, AttributeError):
            return None
        return Path(root) if root else None

    # --- diagnostics -------------------------------------------------------------------

    def publish(self, paths: set[Path]) -> None:
        """Send the diagnostics of `paths` (and clear those that have none any more)."""
        for path in sorted(paths | (self.published - set(self.files.diagnostics))):
            found = self.files.diagnostics.get(path, [])
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=_uri(path), diagnostics=[self.convert(path, d) for d in found]
                )
            )
            if found:
                self.published.add(path)
            else:
                self.published.discard(path)

    def convert(self, path: Path, diagnostic: Diagnostic) -> types.Diagnostic:
        """A diagnostic as the protocol has it: 0-based, spanning the key or value it names."""
        line, column = max(diagnostic.line, 1), max(diagnostic.column, 1)
        end = (line, column + 1)
        document = self.files.document(path)
        node = document.positions.at(line, column) if document is not None else None
        if node is not None and node.start == (line, column) and node.end[0] == line:
            end = (line, max(node.end[1], column + 1))
        severity = {
            Severity.ERROR: types.DiagnosticSeverity.Error,
            Severity.WARNING: types.DiagnosticSeverity.Warning,
        }.get(diagnostic.severity, types.DiagnosticSeverity.Information)
        return types.Diagnostic(
            range=types.Range(
                start=types.Position(line=line - 1, character=column - 1),
                end=types.Position(line=end[0] - 1, character=end[1] - 1),
            ),
            message=diagnostic.message,
            severity=severity,
            code=diagnostic.code,
            source=_SOURCE,
        )

    async def changed(self, uri: str, version: int, text: str) -> None:
        """Check an edited text once the editor has been quiet for `DEBOUNCE` seconds."""
        path = _path(uri)
        self.versions[path] = version
        await asyncio.sleep(DEBOUNCE)
        if self.versions.get(path) != version:
            return  # a newer edit came in; its own check will run
        self.publish(self.files.update(path, text))


def make_server(
    matrices: Path | None = None, evidence: list[Path] | None = None
) -> CompetencyServer:
    """A server for the framework in `matrices` and the evidence folders given.

    Without `matrices`, the framework is ``matrices/`` in the editor's root
    folder (or the root itself when it holds framework.yaml).
    """
    server = CompetencyServer(matrices, list(evidence or []))

    @server.feature(types.INITIALIZED)
    def initialized(ls: CompetencyServer, params: types.InitializedParams) -> None:
        ls.publish(set(ls.files.diagnostics))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CompetencyServer, params: types.DidOpenTextDocumentParams) -> None:
        document = params.text_document
        path = _path(document.uri)
        ls.versions[path] = document.version
        ls.publish(ls.files.update(path, document.text) | {path})

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: CompetencyServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        text = ls.workspace.get_text_document(uri).source
        await ls.changed(uri, params.text_document.version, text)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CompetencyServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = _path(uri)
        ls.versions[path] = ls.versions.get(path, 0) + 1  # a pending check is now stale
        ls.publish(ls.files.update(path, ls.workspace.get_text_document(uri).source))

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CompetencyServer, params: types.DidCloseTextDocumentParams) -> None:
        path = _path(params.text_document.uri)
        ls.versions.pop(path, None)
        if path.is_file():
            ls.publish(ls.files.update(path, None))

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", "@", ".", ":", "["]),
    )
    def completion(ls: CompetencyServer, params: types.CompletionParams) -> types.CompletionList:
        text = ls.workspace.get_text_document(params.text_document.uri).source
        position = params.position
        found = ls.files.complete(
            _path(params.text_document.uri), position.line + 1, position.character + 1, text
        )
        return types.CompletionList(
            is_incomplete=False,
            items=[
                types.CompletionItem(label=item.label, detail=item.detail or None) for item in found
            ],
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CompetencyServer, params: types.HoverParams) -> types.Hover | None:
        position = params.position
        found = ls.files.hover(
            _path(params.text_document.uri), position.line + 1, position.character + 1
        )
        if found is None:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=found)
        )

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: CompetencyServer, params: types.DefinitionParams) -> list[types.Location]:
        position = params.position
        hit = ls.files.hit(
            _path(params.text_document.uri), position.line + 1, position.character + 1
        )
        if hit is None:
            return []
        return [_location(found) for found in ls.files.definitions(hit.name)]

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: CompetencyServer, params: types.ReferenceParams) -> list[types.Location]:
        position = params.position
        hit = ls.files.hit(
            _path(params.text_document.uri), position.line + 1, position.character + 1
        )
        if hit is None:
            return []
        return [
            _location(found)
            for found in ls.files.occurrences(hit.name)
            if params.context.include_declaration or not found.place.defines
        ]

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename_id(ls: CompetencyServer, params: types.RenameParams) -> types.WorkspaceEdit:
        position = params.position
        hit = ls.files.hit(
            _path(params.text_document.uri), position.line + 1, position.character + 1
        )
        if hit is None or ls.files.matrices is None:
            raise EditError("there is no id to rename here")
        kind = hit.name.kind
        if kind == "competency" and hit.name.id in dict(ls.files.defined("role")):
            kind = "role"
        others = [p for p, f in ls.files.files.items() if not f.framework]
        report = rename(
            kind,
            hit.name.id,
            params.new_name,
            matrices=ls.files.matrices,
            others=others,
            write=False,
        )
        if report.problems:
            raise EditError(str(report.problems[0].message))
        return _workspace_edit(report)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: CompetencyServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        lines = ls.workspace.get_text_document(uri).lines
        actions = []
        for diagnostic in params.context.diagnostics:
            if diagnostic.source != _SOURCE or not isinstance(diagnostic.code, str):
                continue
            start = diagnostic.range.start
            found = ls.files.suggestion(
                Diagnostic(
                    uri, start.line + 1, start.character + 1, diagnostic.code, diagnostic.message
                )
            )
            if found is not None:
                actions.append(_replace(uri, ls, diagnostic, found))
            if diagnostic.severity == types.DiagnosticSeverity.Warning and start.line < len(lines):
                action = _ignore(uri, lines[start.line], start.line, diagnostic)
                if action is not None:
                    actions.append(action)
        return actions

    return server


def _location(hit: Hit) -> types.Location:
    return types.Location(
        uri=_uri(hit.path),
        range=types.Range(
            start=types.Position(line=hit.line - 1, character=hit.column - 1),
            end=types.Position(line=hit.end_line - 1, character=hit.end_column - 1),
        ),
    )


def _ignore(
    uri: str, line: str, number: int, diagnostic: types.Diagnostic
) -> types.CodeAction | None:
    """Add ``# competency: ignore[CODE]`` at the end of the warning's line."""
    text = line.rstrip("\r\n")
    if _IGNORE in text:
        at = text.index(_IGNORE) + len(_IGNORE)
        close = text.find("]", at)
        if close < 0:
            return None
        position, insert = close, f",{diagnostic.code}"
    elif "#" in text:
        return None  # another comment ends the line: a suppression cannot follow it
    else:
        position, insert = len(text), f"  {_IGNORE}{diagnostic.code}]"
    where = types.Position(line=number, character=position)
    return types.CodeAction(
        title=f"Ignore {diagnostic.code} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=types.WorkspaceEdit(
            changes={
                uri: [types.TextEdit(range=types.Range(start=where, end=where), new_text=insert)]
            }
        ),
    )


def _replace(
    uri: str, ls: CompetencyServer, diagnostic: types.Diagnostic, suggestion: str
) -> types.CodeAction:
    """Replace the reference a diagnostic points at with the id it suggests."""
    start = diagnostic.range.start
    hit = ls.files.hit(_path(uri), start.line + 1, start.character + 1)
    edit_range = diagnostic.range
    if hit is not None:
        first = hit.column - hit.name.start
        edit_range = types.Range(
            start=types.Position(line=hit.line - 1, character=first - 1),
            end=types.Position(line=hit.line - 1, character=first - 1 + len(hit.place.value)),
        )
        if hit.place.form != "id" and "." not in suggestion and "@" not in suggestion:
            edit_range = types.Range(
                start=types.Position(line=hit.line - 1, character=hit.column - 1),
                end=types.Position(line=hit.end_line - 1, character=hit.end_column - 1),
            )
    return types.CodeAction(
        title=f"Change to '{suggestion}'",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=types.WorkspaceEdit(
            changes={uri: [types.TextEdit(range=edit_range, new_text=suggestion)]}
        ),
    )


def _workspace_edit(report: RenameReport) -> types.WorkspaceEdit:
    """A rename's changes as text edits, and its file moves as file renames."""
    edits: dict[str, list[types.TextEdit]] = {}
    texts: dict[str, list[str]] = {}
    for change in report.changes:
        path = Path(change.file).resolve()
        uri = _uri(path)
        if uri not in texts:
            texts[uri] = path.read_text(encoding="utf-8-sig").splitlines()
        line = texts[uri][change.line - 1] if change.line <= len(texts[uri]) else ""
        column = change.column - 1
        if line[column : column + 1] in ("'", '"'):
            column += 1
        edits.setdefault(uri, []).append(
            types.TextEdit(
                range=types.Range(
                    start=types.Position(line=change.line - 1, character=column),
                    end=types.Position(line=change.line - 1, character=column + len(change.old)),
                ),
                new_text=change.new,
            )
        )
    document_changes: list[
        types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile
    ] = [
        types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
            edits=list(found),
        )
        for uri, found in edits.items()
    ]
    for move in report.moves:
        document_changes.append(
            types.RenameFile(
                old_uri=_uri(Path(os.fspath(move.old.path)).resolve()),
                new_uri=_uri(Path(os.fspath(move.new.path)).resolve()),
            )
        )
    return types.WorkspaceEdit(document_changes=document_changes)
