"""The strict YAML loader: data, the position of every key and value, and the Y codes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from competency.diagnostics import Diagnostic
from competency.load import (
    MAX_DEPTH,
    MAX_PROBLEMS_PER_FILE,
    Positions,
    load_document,
    parse_bytes,
    parse_yaml,
)


def _data(text: str) -> Any:
    return parse_yaml(text, "x.yaml")[0]


def _positions(text: str) -> Positions:
    return parse_yaml(text, "x.yaml")[1]


def _problems(text: str) -> list[str]:
    """The problems of `text` as 'LINE:COLUMN CODE' strings."""
    return [f"{d.line}:{d.column} {d.code}" for d in parse_yaml(text, "x.yaml")[2]]


def _bytes_problems(raw: bytes) -> list[str]:
    document = parse_bytes(raw, Path("x.yaml"), "x.yaml")
    return [f"{d.line}:{d.column} {d.code}" for d in document.diagnostics]


NESTED = """\
a:
  - x
  - [y, {z: 1}]
b: {c: [d, e]}
"""


# --- data ---------------------------------------------------------------------


def test_block_and_flow_collections_become_dicts_and_lists() -> None:
    """Block and flow style both load as plain dicts and lists."""
    expected = {"a": ["x", ["y", {"z": 1}]], "b": {"c": ["d", "e"]}}
    assert expected == _data(NESTED)


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "On", "OFF", "y", "n"])
def test_yaml_1_1_booleans_stay_strings(word: str) -> None:
    """yes/no/on/off in any case are strings, not YAML 1.1 booleans."""
    assert word == _data(f"v: {word}")["v"]


@pytest.mark.parametrize("text", ["2026-08-14", "2026-08-14T10:00:00", "12:30", "1.0.0"])
def test_dates_times_and_versions_stay_strings(text: str) -> None:
    """Date-, time- and version-looking scalars stay text for the models to parse."""
    assert text == _data(f"v: {text}")["v"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("1.5", 1.5),
        ("1e3", 1000.0),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        (".inf", ".inf"),
        ('"42"', "42"),
        ("'true'", "true"),
    ],
)
def test_plain_scalars_follow_the_yaml_1_2_core_schema(text: str, expected: Any) -> None:
    """Plain scalars resolve by YAML 1.2's core rules; quoted scalars are always strings."""
    assert expected == _data(f"v: {text}")["v"]


def test_duplicate_key_keeps_the_first_value() -> None:
    """The value of a repeated key is dropped, so the first one stands."""
    expected = {"a": 1, "b": 3}
    assert expected == _data("a: 1\na: 2\nb: 3\n")


def test_merge_key_merges_nothing() -> None:
    """A merge key's mapping is not merged into its parent."""
    expected = {"a": 1}
    assert expected == _data("a: 1\n<<: {b: 2}\n")


def test_alias_loads_as_null() -> None:
    """An alias is never expanded: its value is null."""
    expected = {"a": [1], "b": None}
    assert expected == _data("a: &x [1]\nb: *x\n")


def test_tagged_value_keeps_its_text() -> None:
    """A refused tag does not change the value it is attached to."""
    expected = {"a": "text"}
    assert expected == _data("a: !!python/str text\n")


def test_second_document_is_not_loaded() -> None:
    """Only the first document's data is kept."""
    expected = {"a": 1}
    assert expected == _data("a: 1\n---\nb: 2\n")


def test_empty_text_loads_as_nothing() -> None:
    """A text without a document has no data."""
    assert _data("# nothing\n") is None


# --- positions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "position"),
    [
        (("a",), (2, 3)),
        (("a", 0), (2, 5)),
        (("a", 1), (3, 5)),
        (("a", 1, 0), (3, 6)),
        (("a", 1, 1), (3, 9)),
        (("a", 1, 1, "z"), (3, 13)),
        (("b",), (4, 4)),
        (("b", "c"), (4, 8)),
        (("b", "c", 1), (4, 12)),
    ],
)
def test_value_positions_in_nested_block_and_flow_collections(
    loc: tuple[str | int, ...], position: tuple[int, int]
) -> None:
    """Every value's line and column is where it starts, 1-based, in block and flow style."""
    assert position == _positions(NESTED).value(loc)


@pytest.mark.parametrize(
    ("loc", "position"),
    [(("a",), (1, 1)), (("b",), (4, 1)), (("a", 1, 1, "z"), (3, 10)), (("b", "c"), (4, 5))],
)
def test_key_positions_in_block_and_flow_mappings(
    loc: tuple[str | int, ...], position: tuple[int, int]
) -> None:
    """Every mapping key's line and column is where the key starts."""
    assert position == _positions(NESTED).key(loc)


def test_value_position_falls_back_to_the_nearest_ancestor() -> None:
    """A location missing from the data is placed at the closest value that exists."""
    expected = (3, 9)
    assert expected == _positions(NESTED).value(("a", 1, 1, "missing", 0))


def test_key_position_falls_back_to_the_value() -> None:
    """A list item has no key, so its key position is its value's."""
    expected = (2, 5)
    assert expected == _positions(NESTED).key(("a", 0))


def test_root_position_is_where_the_top_value_starts() -> None:
    """An empty location points at where the document's top value starts."""
    expected = (3, 3)
    assert expected == _positions("\n\n  a: 1\n").value(())


def test_empty_positions_point_at_line_one_column_one() -> None:
    """With no positions at all, everything is placed at 1:1."""
    expected = (1, 1)
    assert expected == Positions().value(("a", 3))


def test_positions_are_read_only_mappings_in_document_order() -> None:
    """`values` and `keys` map every path to its start, in the order the file has them."""
    positions = _positions(NESTED)
    expected_values = [(), ("a",), ("a", 0), ("a", 1), ("a", 1, 0), ("a", 1, 1)]
    expected_values += [("a", 1, 1, "z"), ("b",), ("b", "c"), ("b", "c", 0), ("b", "c", 1)]
    expected_keys = [("a",), ("a", 1, 1, "z"), ("b",), ("b", "c")]
    assert (expected_values, expected_keys) == (list(positions.values), list(positions.keys))
    assert (len(expected_values), len(expected_keys)) == (
        len(positions.values),
        len(positions.keys),
    )
    assert ("a", 5) not in positions.values
    assert positions.values.get(("a", 5)) is None
    assert not hasattr(positions.values, "__setitem__")


def test_long_mappings_and_lists_are_found_by_key_and_index() -> None:
    """Past the first few children, a path is found through an index of them: same answers."""
    many = "".join(f"k{n}: [{', '.join(str(i) for i in range(40))}]\n" for n in range(40))
    positions = _positions(many)
    for n in range(40):
        assert (n + 1, 1) == positions.key((f"k{n}",))
        for i in (0, 17, 39):
            assert positions.value((f"k{n}", i))[0] == n + 1
    assert positions.value(("k39", 40)) == positions.value(("k39",))
    assert positions.node(("k40",)) is None


def test_an_unfinished_document_keeps_the_positions_read() -> None:
    """A syntax error stops the data, not what was recorded before it."""
    positions = _positions("a:\n  b: [1, 2\n  c: 3\n")
    assert positions.key(("a", "b")) == (2, 3)
    assert positions.value(("a", "b", 0)) == (2, 7)


def test_crlf_positions_match_lf_positions() -> None:
    """CRLF line ends give the same lines and columns as LF ones."""
    crlf = _positions(NESTED.replace("\n", "\r\n"))
    assert _positions(NESTED) == crlf


def test_bom_does_not_shift_columns_on_line_one() -> None:
    """A UTF-8 BOM is skipped: the first key is still at line 1, column 1."""
    document = parse_bytes(b"\xef\xbb\xbf" + NESTED.encode(), Path("x.yaml"), "x.yaml")
    assert (_data(NESTED), _positions(NESTED)) == (document.data, document.positions)


def test_columns_count_characters_not_bytes() -> None:
    """After a multi-byte character, columns still count one per character."""
    positions = parse_bytes("é: [ü, x]\n".encode(), Path("x.yaml"), "x.yaml").positions
    expected = (1, 8)
    assert expected == positions.value(("é", 1))


# --- problems ---------------------------------------------------------------------


def test_syntax_error_is_y100_where_the_parser_stops() -> None:
    """A ': ' inside a plain value is a syntax error at the colon."""
    expected = ["1:12 Y100"]
    assert expected == _problems("title: Lead: support\n")


def test_syntax_error_loads_no_data() -> None:
    """After a syntax error the document has no data, so no schema errors follow."""
    assert parse_yaml("a: [1, 2\n", "x.yaml")[0] is None


def test_duplicate_key_message_names_the_first_place() -> None:
    """Y101 is at the repeated key and names where the key was first given."""
    problem = parse_yaml("a: 1\nb: 2\n  \na: 3\n", "x.yaml")[2][0]
    expected = "x.yaml:4:1: error Y101 duplicate key 'a' (first defined at line 1, column 1)"
    assert expected == str(problem)


def test_duplicate_keys_in_different_mappings_are_fine() -> None:
    """The same key in two sibling mappings is not a duplicate."""
    expected: list[str] = []
    assert expected == _problems("- {id: a}\n- {id: b}\n")


def test_anchor_and_alias_are_each_y102() -> None:
    """Both the anchor and the alias are reported, each where it is written."""
    expected = ["1:4 Y102", "2:4 Y102"]
    assert expected == _problems("a: &x 1\nb: *x\n")


def test_merge_key_is_y103() -> None:
    """An unquoted '<<' key is Y103 at the key."""
    expected = ["2:3 Y103"]
    assert expected == _problems("a:\n  <<: {b: 1}\n")


def test_quoted_merge_key_is_an_ordinary_key() -> None:
    """A quoted '<<' is a plain string key."""
    expected: tuple[list[str], dict[str, int]] = ([], {"<<": 1})
    assert expected == (_problems("'<<': 1\n"), _data("'<<': 1\n"))


@pytest.mark.parametrize("tag", ["!!str", "!!python/object:os.system", "!local", "!<tag:x>"])
def test_explicit_tag_is_y104(tag: str) -> None:
    """Any explicit tag, standard or not, is Y104 where the tagged value starts."""
    expected = ["1:4 Y104"]
    assert expected == _problems(f"a: {tag} x\n")


def test_second_document_is_y105_at_its_start() -> None:
    """The '---' that opens a second document is Y105."""
    expected = ["3:1 Y105"]
    assert expected == _problems("a: 1\n\n---\nb: 2\n")


def test_document_markers_around_one_document_are_fine() -> None:
    """'---' before and '...' after a single document are not a second document."""
    expected: list[str] = []
    assert expected == _problems("---\na: 1\n...\n")


def test_nesting_up_to_the_limit_is_fine() -> None:
    """MAX_DEPTH nested collections load without a problem."""
    expected: list[str] = []
    assert expected == _problems("[" * MAX_DEPTH + "]" * MAX_DEPTH)


def test_nesting_past_the_limit_is_y108_where_it_opens() -> None:
    """The collection one past MAX_DEPTH is Y108 where it opens."""
    expected = [f"1:{MAX_DEPTH + 1} Y108"]
    assert expected == _problems("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_complex_key_is_y100_and_parsing_goes_on() -> None:
    """A list used as a key is refused, and the next problem is still found."""
    expected = ["1:3 Y100", "4:1 Y101"]
    assert expected == _problems("? [a, b]\n: c\nb: 1\nb: 2\n")


def test_problems_stop_at_the_cap_with_y111() -> None:
    """After MAX_PROBLEMS_PER_FILE problems, one Y111 replaces the rest."""
    text = "a: 1\n" * (MAX_PROBLEMS_PER_FILE + 5)
    problems = _problems(text)
    expected = (MAX_PROBLEMS_PER_FILE + 1, f"{MAX_PROBLEMS_PER_FILE + 2}:1 Y111")
    assert expected == (len(problems), problems[-1])


def test_problems_at_the_cap_are_all_reported() -> None:
    """Exactly MAX_PROBLEMS_PER_FILE problems are all reported, without Y111."""
    problems = _problems("a: 1\n" * (MAX_PROBLEMS_PER_FILE + 1))
    expected = (MAX_PROBLEMS_PER_FILE, False)
    assert expected == (len(problems), any(p.endswith("Y111") for p in problems))


# --- bytes ----------------------------------------------------------------------------


def test_bom_is_accepted() -> None:
    """A UTF-8 BOM before the document is not a problem."""
    expected: list[str] = []
    assert expected == _bytes_problems(b"\xef\xbb\xbfa: 1\n")


def test_invalid_byte_is_y106_at_its_character() -> None:
    """A Latin-1 byte is Y106 at its line and column, named in the message."""
    document = parse_bytes(b"a: 1\nb: caf\xe9\n", Path("x.yaml"), "x.yaml")
    expected = "x.yaml:2:7: error Y106 byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    assert expected == str(document.diagnostics[0])


def test_invalid_byte_after_bom_and_accents_is_placed_by_characters() -> None:
    """After a BOM and a two-byte character, the bad byte is found and counted in characters."""
    document = parse_bytes(b"\xef\xbb\xbfa: \xc3\xa9\xe9\n", Path("x.yaml"), "x.yaml")
    expected = "x.yaml:1:5: error Y106 byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    assert expected == str(document.diagnostics[0])


def test_nul_character_is_y106() -> None:
    """A NUL character is Y106 where it is."""
    expected = ["2:5 Y106"]
    assert expected == _bytes_problems(b"a: 1\nb: x\x00\n")


def test_control_character_is_y106_at_its_character() -> None:
    """A control character after multi-byte text is Y106 at its character column."""
    expected = ["2:6 Y106"]
    assert expected == _bytes_problems("a: 1\nb: éé\x07\n".encode())


def test_empty_file_is_y109() -> None:
    """A file with no document is Y109 at 1:1."""
    expected = ["1:1 Y109"]
    assert expected == _bytes_problems(b"  \n# just a comment\n")


def test_document_keeps_its_raw_bytes() -> None:
    """The bytes read are kept, for the framework's content hash."""
    raw = b"a: 1\n"
    assert raw == parse_bytes(raw, Path("x.yaml"), "x.yaml").raw


# --- files ------------------------------------------------------------------------------


def test_missing_file_is_x100(tmp_path: Path) -> None:
    """A path that does not exist is X100 at 1:1."""
    document = load_document(tmp_path / "gone.yaml", "gone.yaml")
    expected = [Diagnostic.make("gone.yaml", 1, 1, "X100", "file not found")]
    assert expected == document.diagnostics


def test_directory_is_y110(tmp_path: Path) -> None:
    """A directory named like a YAML file cannot be read: Y110."""
    (tmp_path / "x.yaml").mkdir()
    document = load_document(tmp_path / "x.yaml", "x.yaml")
    expected = ["Y110"]
    assert expected == [d.code for d in document.diagnostics]


def test_file_of_exactly_the_cap_is_read(tmp_path: Path) -> None:
    """A file of max_bytes bytes is read."""
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n")
    expected: list[Diagnostic] = []
    assert expected == load_document(path, max_bytes=5).diagnostics


def test_file_over_the_cap_is_y107_and_not_read(tmp_path: Path) -> None:
    """A file one byte over max_bytes is Y107 and has no data."""
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a: 1\n")
    document = load_document(path, "x.yaml", max_bytes=4)
    expected = (
        "x.yaml:1:1: error Y107 file is 5 bytes, over the 4-byte limit "
        "(raise the size limit if this is intended)",
        None,
    )
    assert expected == (str(document.diagnostics[0]), document.data)


def test_display_name_defaults_to_the_path(tmp_path: Path) -> None:
    """Without a display name, diagnostics name the path."""
    path = tmp_path / "x.yaml"
    path.write_bytes(b"")
    assert str(path) == load_document(path).diagnostics[0].file


def test_document_at_points_at_key_or_value() -> None:
    """Document.at places a diagnostic at the value, or at the key when asked."""
    document = parse_bytes(b"a:\n  b: 1\n", Path("x.yaml"), "x.yaml")
    expected = ("x.yaml:2:6: error S102 v", "x.yaml:2:3: error S100 k")
    actual = (
        str(document.at(("a", "b"), "S102", "v")),
        str(document.at(("a", "b"), "S100", "k", key=True)),
    )
    assert expected == actual
