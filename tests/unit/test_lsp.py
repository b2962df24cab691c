"""``competency lsp`` driven as an editor drives it: a real client over stdio (pytest-lsp).

Each test starts the server on a copy of the shipped framework and examples.
Nothing waits a fixed time: the tests wait for the server's notifications,
with generous timeouts for a busy machine.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

import pytest_asyncio  # noqa: E402 (after the skips: both come with the lsp extra)
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lsprotocol import types  # noqa: E402
from pytest_lsp import LanguageClient, client_capabilities  # noqa: E402
from pytest_lsp.client import make_test_lsp_client  # noqa: E402

from tests.conftest import EXAMPLES, MATRICES  # noqa: E402

#: Seconds to wait for an answer before failing: far more than a check takes.
TIMEOUT = 120


def _copy(folder: Path) -> Path:
    shutil.copytree(MATRICES, folder / "matrices")
    shutil.copytree(EXAMPLES, folder / "examples")
    return folder


async def _start(folder: Path) -> LanguageClient:
    client = make_test_lsp_client()
    await client.start_io(
        sys.executable,
        "-m",
        "competency",
        "lsp",
        "--matrices",
        str(folder / "matrices"),
        "--evidence",
        str(folder / "examples"),
        cwd=str(folder),
    )
    await asyncio.wait_for(
        client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities("visual-studio-code"),
                root_uri=folder.as_uri(),
            )
        ),
        TIMEOUT,
    )
    return client


@pytest_asyncio.fixture
async def client(tmp_path: Path) -> AsyncIterator[LanguageClient]:
    """A server on a copy of matrices/ and examples/, initialised."""
    started = await _start(_copy(tmp_path))
    yield started
    await started.shutdown_session()


async def _diagnostics(
    client: LanguageClient, uri: str, ready: Callable[[Sequence[types.Diagnostic]], bool]
) -> Sequence[types.Diagnostic]:
    """Wait until the diagnostics published for `uri` satisfy `ready`."""

    async def wait() -> Sequence[types.Diagnostic]:
        while not (uri in client.diagnostics and ready(client.diagnostics[uri])):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]

    return await asyncio.wait_for(wait(), TIMEOUT)


def _open(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="yaml",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


def _change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def _position(text: str, needle: str, offset: int = 0) -> types.Position:
    """The 0-based position of `needle` (plus `offset` characters) in `text`."""
    before = text[: text.index(needle) + offset]
    return types.Position(line=before.count("\n"), character=len(before.rsplit("\n", 1)[-1]))


def _role(client_folder: Path) -> Path:
    return client_folder / "matrices" / "roles" / "support-engineer.yaml"


@pytest.mark.asyncio
async def test_an_error_in_an_opened_role_file_is_reported_where_validate_puts_it(
    tmp_path: Path,
) -> None:
    """An unknown step in an unsaved role text gives R102 at the step's line and column."""
    client = await _start(_copy(tmp_path))
    try:
        role = _role(tmp_path)
        text = role.read_text(encoding="utf-8").replace(
            "customer-empathy: practising", "customer-empathy: practicing", 1
        )
        uri = _open(client, role, text)
        found = await _diagnostics(client, uri, lambda ds: any(d.code == "R102" for d in ds))
        where = _position(text, "customer-empathy: practicing", len("customer-empathy: "))
        expected = [("R102", where.line, where.character)]
        assert expected == [
            (d.code, d.range.start.line, d.range.start.character) for d in found if d.code == "R102"
        ]
    finally:
        await client.shutdown_session()


@pytest.mark.asyncio
async def test_an_edit_without_saving_updates_the_diagnostics(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Breaking then fixing the text (never saved) gives an error, then none."""
    role = _role(tmp_path)
    text = role.read_text(encoding="utf-8")
    uri = _open(client, role)
    await _diagnostics(client, uri, lambda ds: True)
    _change(client, uri, 2, text.replace("grade: g3", "grade: g33", 1))
    broken = await _diagnostics(client, uri, lambda ds: any(d.code == "R104" for d in ds))
    _change(client, uri, 3, text)
    fixed = await _diagnostics(client, uri, lambda ds: not any(d.code == "R104" for d in ds))
    expected: tuple[bool, list[object]] = (True, [])
    assert expected == (bool(broken), [d.code for d in fixed if d.severity == 1])
    assert role.read_text(encoding="utf-8") == text  # nothing was written


@pytest.mark.asyncio
async def test_renaming_a_behaviour_in_a_competency_shows_errors_in_the_evidence(
    client: LanguageClient, tmp_path: Path
) -> None:
    """An unsaved change to a behaviour id makes the evidence that refers to it report R106."""
    competency = tmp_path / "matrices" / "competencies" / "troubleshooting.yaml"
    text = competency.read_text(encoding="utf-8")
    uri = _open(client, competency)
    _change(client, uri, 2, text.replace("narrows-down", "narrows-it-down"))
    evidence = (tmp_path / "examples" / "ploy-s.yaml").resolve().as_uri()
    found = await _diagnostics(client, evidence, lambda ds: any(d.code == "R106" for d in ds))
    assert [d.code for d in found if d.code == "R106"] == ["R106"]


@pytest.mark.asyncio
async def test_completion_of_role_at_level_in_an_evidence_target(
    client: LanguageClient, tmp_path: Path
) -> None:
    """After `target: ` the server offers every ROLE@LEVEL of the framework."""
    path = tmp_path / "examples" / "kwame-m.yaml"
    text = path.read_text(encoding="utf-8").replace("target: support-engineer@se2", "target: ", 1)
    uri = _open(client, path, text)
    result = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=_position(text, "target: ", len("target: ")),
            )
        ),
        TIMEOUT,
    )
    assert isinstance(result, types.CompletionList)
    labels = [item.label for item in result.items]
    expected = (True, True, True)
    assert expected == (
        "support-engineer@se2" in labels,
        "customer-success-leader@cstl" in labels,
        all("@" in label for label in labels),
    )


@pytest.mark.asyncio
async def test_hover_on_a_behaviour_reference_shows_its_text(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Hovering `troubleshooting.narrows-down` shows the behaviour's text from its competency."""
    path = tmp_path / "examples" / "ploy-s.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    hover = await asyncio.wait_for(
        client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=_position(text, "troubleshooting.narrows-down", len("troubleshooting.")),
            )
        ),
        TIMEOUT,
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    competency = (tmp_path / "matrices/competencies/troubleshooting.yaml").read_text("utf-8")
    behaviour = competency[competency.index("- id: narrows-down") :]
    line = next(x for x in behaviour.splitlines() if x.strip().startswith("text:"))
    assert line.split("text:", 1)[1].strip() in hover.contents.value


@pytest.mark.asyncio
async def test_definition_of_a_behaviour_reference_is_its_id_in_the_competency(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Go to definition on a reference lands on `id: narrows-down` in troubleshooting.yaml."""
    path = tmp_path / "examples" / "ploy-s.yaml"
    text = path.read_text(encoding="utf-8")
    uri = _open(client, path)
    found = await asyncio.wait_for(
        client.text_document_definition_async(
            types.DefinitionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=_position(text, "troubleshooting.narrows-down", len("troubleshooting.")),
            )
        ),
        TIMEOUT,
    )
    competency = tmp_path / "matrices/competencies/troubleshooting.yaml"
    where = _position(competency.read_text("utf-8"), "- id: narrows-down", len("- id: "))
    assert isinstance(found, list)
    expected = [(competency.resolve().as_uri(), where.line, where.character)]
    assert expected == [(x.uri, x.range.start.line, x.range.start.character) for x in found]


@pytest.mark.asyncio
async def test_renaming_a_behaviour_edits_every_file_that_refers_to_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Rename returns edits in the competency and in each evidence file, and writes nothing."""
    competency = tmp_path / "matrices/competencies/troubleshooting.yaml"
    text = competency.read_text(encoding="utf-8")
    uri = _open(client, competency)
    edit = await asyncio.wait_for(
        client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                position=_position(text, "- id: narrows-down", len("- id: ")),
                new_name="isolates",
            )
        ),
        TIMEOUT,
    )
    assert edit is not None
    assert edit.document_changes is not None
    files = {
        change.text_document.uri: [getattr(e, "new_text", None) for e in change.edits]
        for change in edit.document_changes
        if isinstance(change, types.TextDocumentEdit)
    }
    examples = (tmp_path / "examples").resolve()
    expected = {
        competency.resolve().as_uri(): ["isolates", "isolates"],
        (examples / "mateo-s.yaml").as_uri(): ["troubleshooting.isolates"],
        (examples / "ploy-s.yaml").as_uri(): ["troubleshooting.isolates"],
        (examples / "priya-n.yaml").as_uri(): ["troubleshooting.isolates"],
    }
    assert expected == files
    assert competency.read_text(encoding="utf-8") == text


@pytest.mark.asyncio
async def test_a_code_action_adds_the_ignore_comment_for_a_warning(
    client: LanguageClient, tmp_path: Path
) -> None:
    """For a Q100 warning the server offers `# competency: ignore[Q100]` at the line's end."""
    role = _role(tmp_path)
    original = role.read_text(encoding="utf-8")
    text = original.replace("title: Support Engineer I\n", "title: Support Engineer I\n", 1)
    lines = text.splitlines()
    # A behaviour's English: on its `text:` line, or on the `en:` line under it when translated.
    at = next(i for i, x in enumerate(lines) if x.strip().startswith("text:"))
    line = lines[at] if lines[at].strip() != "text:" else lines[at + 1]
    key = "text: " if line.strip().startswith("text: ") else "en: "
    vague = line.replace(key, key + "Effectively ", 1)
    text = text.replace(line, vague, 1)
    uri = _open(client, role, text)
    found = await _diagnostics(client, uri, lambda ds: any(d.code == "Q100" for d in ds))
    warning = next(d for d in found if d.code == "Q100")
    actions = await asyncio.wait_for(
        client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=warning.range,
                context=types.CodeActionContext(diagnostics=[warning]),
            )
        ),
        TIMEOUT,
    )
    assert actions is not None
    edits = [
        edit
        for action in actions
        if isinstance(action, types.CodeAction) and action.edit and action.edit.changes
        for edit in action.edit.changes[uri]
    ]
    expected = [("  # competency: ignore[Q100]", warning.range.start.line, len(vague))]
    assert expected == [
        (e.new_text, e.range.start.line, e.range.start.character)
        for e in edits
        if "ignore" in e.new_text
    ]


#: Edits a person might make while typing: insert or delete characters somewhere.
_EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=4000),
        st.integers(min_value=0, max_value=8),
        st.sampled_from(["", ":", " ", "-", "\n", "\t", "@", ".", "'", "[", "x", "é"]),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
@given(edits=_EDITS)
def test_random_edits_never_stop_the_server_answering(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, str]]
) -> None:
    """After any sequence of edits (broken YAML included) the server still publishes and answers."""

    async def scenario() -> None:
        folder = _copy(tmp_path_factory.mktemp("lsp"))
        client = await _start(folder)
        try:
            role = _role(folder)
            text = role.read_text(encoding="utf-8")
            uri = _open(client, role, text)
            for version, (at, length, insert) in enumerate(edits, start=2):
                at = min(at, len(text))
                text = text[:at] + insert + text[at + length :]
                _change(client, uri, version, text)
            # Saving checks the text at once: the hover below is answered after that check.
            client.text_document_did_save(
                types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )
            hover = client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=types.Position(line=3, character=5),
                )
            )
            await asyncio.wait_for(hover, TIMEOUT)
        finally:
            await client.shutdown_session()

    asyncio.run(scenario())
