"""The language server's workspace without the protocol: hover, completion, references."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency.lsp.workspace import Workspace
from tests.conftest import EXAMPLES, MATRICES


@pytest.fixture(scope="module")
def workspace() -> Workspace:
    """The shipped framework and examples, read once."""
    return Workspace(MATRICES, [EXAMPLES])


def _where(path: Path, needle: str, offset: int = 0) -> tuple[int, int]:
    """The 1-based line and column of `needle` (plus `offset`) in `path`."""
    text = path.read_text(encoding="utf-8")
    before = text[: text.index(needle) + offset]
    return before.count("\n") + 1, len(before.rsplit("\n", 1)[-1]) + 1


def test_the_shipped_files_have_no_errors(workspace: Workspace) -> None:
    """As `competency validate matrices examples`: no error in any file."""
    errors = [d for found in workspace.diagnostics.values() for d in found if d.severity == "error"]
    assert errors == []


def test_hover_on_a_level_reference_shows_title_grade_and_scope(workspace: Workspace) -> None:
    """`support-engineer@se2` in an evidence target: the level's title, grade and scope."""
    path = EXAMPLES / "kwame-m.yaml"
    where = _where(path, "target: support-engineer@se2", len("target: support-engineer@"))
    found = workspace.hover(path, *where)
    assert found is not None
    expected = (True, True, True)
    assert expected == (
        "Support Engineer II" in found,
        "grade: `g4`" in found,
        "scope: Takes escalations that cross two or more product areas" in found,
    )


def test_hover_on_a_step_shows_its_name_in_the_default_locale(workspace: Workspace) -> None:
    """A step in a role's expectations: its English name (the default), not the Thai one."""
    path = MATRICES / "roles" / "support-engineer.yaml"
    found = workspace.hover(path, *_where(path, "customer-empathy: practising", 19))
    assert found is not None
    expected = (True, False)
    assert expected == ("Practising" in found, "ฝึกฝน" in found)


def test_keys_are_completed_from_the_model_of_the_place(workspace: Workspace) -> None:
    """A new key in an evidence item offers the fields of an item."""
    path = EXAMPLES / "kwame-m.yaml"
    text = path.read_text(encoding="utf-8").replace("\nitems:\n", "\nitems:\n  - da\n", 1)
    line = text[: text.index("  - da")].count("\n") + 1
    labels = [c.label for c in workspace.complete(path, line, 7, text)]
    expected = ["id", "date", "source", "summary", "link", "shows", "suggested"]
    assert expected == labels


def test_a_completed_key_is_described_by_its_docstring_or_its_type(workspace: Workspace) -> None:
    """A key's completion shows the first line of its field's docstring, else its type's."""
    path = EXAMPLES / "kwame-m.yaml"
    text = path.read_text(encoding="utf-8").replace("\nitems:\n", "\nitems:\n  - da\n", 1)
    line = text[: text.index("  - da")].count("\n") + 1
    found = {c.label: c.detail for c in workspace.complete(path, line, 7, text)}
    expected = (
        "Optional; unique within the file when given.",
        "(1.2) True when a tool proposed the item and no person has confirmed it yet; a",
        "A calendar date, written YYYY-MM-DD.",
    )
    assert expected == (found["id"], found["suggested"], found["date"])


def test_references_of_the_role_part_of_a_level_reference_are_the_role_s(
    workspace: Workspace,
) -> None:
    """On `ROLE@LEVEL`, the role part leads to the role: its definition and its other uses."""
    path = EXAMPLES / "kwame-m.yaml"
    hit = workspace.hit(path, *_where(path, "target: support-engineer@se2", len("target: ")))
    assert hit is not None
    found = workspace.occurrences(hit.name)
    definitions = [h for h in found if h.place.defines]
    expected = ("role", [("support-engineer.yaml", 4)], True)
    assert expected == (
        hit.name.kind,
        [(h.path.name, h.line) for h in definitions],
        len(found) > 5,
    )
