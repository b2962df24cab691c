"""The positions index both ways: path -> line and column, and line and column -> node."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency.load import Node, load_document, parse_yaml
from tests.conftest import EXAMPLES, MATRICES

TEXT = """\
kind: role
id: support-engineer
levels:
  - id: se1
    expects:
      troubleshooting: learning
      writing: {step: practising}
    tags: [a, "b c"]
"""


def _at(text: str, line: int, column: int) -> Node | None:
    return parse_yaml(text, "x.yaml")[1].at(line, column)


def test_a_scalar_value_is_found_anywhere_in_it_and_just_after() -> None:
    """Every column of a value, and the one just after it, give the value's path."""
    found = {_at(TEXT, 2, column) for column in range(5, 22)}
    expected = {Node(("id",), False, (2, 5), (2, 21))}
    assert expected == found


def test_a_key_is_found_as_a_key() -> None:
    """A position inside a mapping key gives the key, marked as a key."""
    node = _at(TEXT, 6, 9)
    assert node is not None
    expected = (("levels", 0, "expects", "troubleshooting"), True)
    assert expected == (node.loc, node.key)


def test_flow_collections_and_quoted_scalars() -> None:
    """Values inside flow mappings and lists, quoted or not, are found by their position."""
    expected = [("levels", 0, "expects", "writing", "step"), ("levels", 0, "tags", 1)]
    assert expected == [_loc(TEXT, 7, 23), _loc(TEXT, 8, 17)]
    expected = [("levels", 0, "tags", 0)]
    assert expected == [_loc(TEXT, 8, 12)]


def _loc(text: str, line: int, column: int) -> tuple[str | int, ...] | None:
    node = _at(text, line, column)
    return None if node is None else node.loc


def test_between_nodes_the_enclosing_collection_answers() -> None:
    """The space after a colon belongs to the mapping that holds the key, not to the key."""
    expected = ("levels", 0)
    assert expected == _loc(TEXT, 4, 8)


def test_outside_every_node_gives_none() -> None:
    """Past the end of the document there is nothing."""
    assert _at(TEXT, 40, 1) is None


def test_the_index_follows_the_recorded_spans() -> None:
    """`node` gives the span `at` uses: start and end of a recorded key or value."""
    positions = parse_yaml(TEXT, "x.yaml")[1]
    expected = Node(("kind",), True, (1, 1), (1, 5))
    assert expected == positions.node(("kind",), key=True)
    assert positions.node(("missing",)) is None


def _files() -> list[Path]:
    return sorted([*MATRICES.rglob("*.yaml"), *EXAMPLES.glob("*.yaml")])


@pytest.mark.parametrize("path", _files(), ids=lambda path: path.name)
def test_every_recorded_position_of_the_shipped_files_leads_back_to_its_path(path: Path) -> None:
    """`at` on each key's and scalar's start gives it back; a collection gives its first child."""
    positions = load_document(path).positions
    collections = {loc[:-1] for loc in positions.values if loc}
    checked = 0
    for key, starts in ((True, positions.keys), (False, positions.values)):
        for loc, (line, column) in starts.items():
            node = positions.at(line, column)
            assert node is not None, (loc, line, column)
            if key or loc not in collections:
                assert (loc, key) == (node.loc, node.key)
            else:
                # A block collection starts where its first key or item does.
                assert loc == node.loc[: len(loc)]
                assert (line, column) == node.start
            checked += 1
    assert checked == len(positions.keys) + len(positions.values)
    assert checked > 0
