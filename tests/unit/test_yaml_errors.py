"""YAML syntax errors said as what to fix: the common mistakes, with libyaml and pure PyYAML."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from competency.load import _parse_with, parse_yaml
from competency.yaml_errors import explain

TAB = "a tab character: YAML indents with spaces, never tabs; replace the tab with spaces"


def _said(text: str, loader: Any = None) -> str:
    """The one Y100 of `text` as 'LINE:COLUMN message'."""
    found = _parse_with(loader, text, "x.yaml")[2] if loader else parse_yaml(text, "x.yaml")[2]
    assert [d.code for d in found] == ["Y100"]
    return f"{found[0].line}:{found[0].column} {found[0].message}"


def test_colon_in_text_shows_the_text_quoted() -> None:
    """A ': ' inside an unquoted value names the key and shows the value in double quotes."""
    expected = (
        '2:16 mapping values are not allowed in this context: the text of "summary" holds '
        '": ", which YAML reads as the start of a key; quote the text, for example '
        'summary: "Step 1: reproduce"'
    )
    assert expected == _said("format: x\nsummary: Step 1: reproduce\n")


def test_colon_in_text_with_a_double_quote_is_shown_in_single_quotes() -> None:
    """Text that holds a double quote is shown quoted with single quotes, doubled inside."""
    said = _said('summary: Tom\'s "fix": done\n')
    assert said.endswith("for example summary: 'Tom''s \"fix\": done'")


def test_colon_on_a_continuation_line_asks_to_quote_the_whole_text() -> None:
    """Text that goes on to a second line with ': ' there names the key whose text it is."""
    expected = (
        '2:11 mapping values are not allowed in this context: the text of "summary" (line 1) '
        'goes on to line 2 and holds ": " there, which YAML reads as the start of a key; '
        "quote the whole text"
    )
    assert expected == _said("summary: This is long\n  and then: something\n")


@pytest.mark.parametrize(
    ("text", "where"),
    [("a: 1\n\tb: 2\n", "2:1"), ("items:\n  \t- x\n", "2:3"), ("a: b\n\tc\n", "2:1")],
)
def test_a_tab_is_named_with_the_fix(text: str, where: str) -> None:
    """A tab where libyaml gives up is reported at the tab, saying to indent with spaces."""
    expected = f"{where} {TAB}"
    assert expected == _said(text)


def test_a_tab_is_named_by_the_pure_python_parser_too() -> None:
    """PyYAML's own parser words the tab differently; the message is the same."""
    expected = (
        "2:1 a tab character: YAML indents with spaces, never tabs; replace the tab with spaces"
    )
    assert expected == _said("a: 1\n\tb: 2\n", yaml.BaseLoader)


def test_key_indented_too_little_names_the_keys_to_align_with() -> None:
    """A key at a column no line above has names the nearest deeper and shallower keys."""
    expected = (
        "3:2 while parsing a block mapping did not find expected key: line 3 is indented to "
        'column 2, which no line above it has; align its "c" with "b" on line 2 (column 3) '
        'or with "a" on line 1 (column 1)'
    )
    assert expected == _said("a:\n  b: 1\n c: 2\n")


def test_pure_python_block_end_wording_gets_the_same_help() -> None:
    """PyYAML's 'expected <block end>' is explained like libyaml's 'did not find expected key'."""
    said = _said("a:\n  b: 1\n c: 2\n", yaml.BaseLoader)
    assert said.endswith(
        'align its "c" with "b" on line 2 (column 3) or with "a" on line 1 (column 1)'
    )


def test_key_indented_too_far_names_the_key_whose_text_it_joins() -> None:
    """A key deeper than the key above it reads as that key's text; align it with that key."""
    expected = (
        '3:6 mapping values are not allowed in this context: "c" on line 3 is indented deeper '
        'than "b" (line 2), so YAML reads it as more of the text of "b"; align "c" with "b" '
        "at column 3"
    )
    assert expected == _said("a:\n  b: 1\n    c: 2\n")


def test_list_item_among_keys_says_where_a_list_goes() -> None:
    """A '- ' item at the column of the keys of a mapping says to put the list under a key."""
    expected = (
        '3:3 while parsing a block mapping did not find expected key: line 3 starts a "- " '
        "item among the keys of the mapping that starts at line 2, column 3; put the list "
        'under a key that ends with ":", indented more than that key'
    )
    assert expected == _said("a:\n  b: 1\n  - x\n")


def test_key_among_list_items_names_the_key_to_align_with() -> None:
    """A key at the column of a list's '- ' says to make it an item or align it with a key."""
    expected = (
        "3:3 while parsing a block collection did not find expected '-' indicator: line 3 "
        'starts a key among the "- " items of the list that starts at line 2, column 3; start '
        'it with "- " to make it an item, or align it with "items" on line 1 (column 1)'
    )
    assert expected == _said("items:\n  - a\n  b: 1\n")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_quote_never_closed_names_where_it_opens(quote: str) -> None:
    """An unclosed quote is reported where the file ends, naming where the quote opens."""
    expected = (
        f"3:1 the {quote} that opens at line 1, column 4 is never closed; "
        f"add the closing {quote} at the end of the text"
    )
    assert expected == _said(f"a: {quote}never closed\nb: 2\n")


def test_a_bracket_never_closed_names_where_it_opens() -> None:
    """A '[' open at the end of the file names where it opens and the bracket that closes it."""
    expected = '2:1 the "[" that opens at line 1, column 4 is never closed; close it with "]"'
    assert expected == _said("a: [x, y\n")


def test_a_brace_open_at_the_next_key_keeps_libyamls_words() -> None:
    """A '{' still open at the next line keeps libyaml's words and adds where it opens."""
    expected = (
        "2:2 while parsing a flow mapping did not find expected ',' or '}': the \"{\" that "
        'opens at line 1, column 4 is not closed before line 2; close it with "}" at the end '
        "of its items"
    )
    assert expected == _said("a: {x: 1\nb: 2\n")


def test_text_after_a_closing_quote_says_to_keep_it_inside() -> None:
    """Text after the closing quote says to put it inside the quotes."""
    expected = (
        "1:8 while parsing a block mapping did not find expected key: text goes on after the "
        'closing " at line 1, column 6; put all the text inside the quotes'
    )
    assert expected == _said('a: "x" y\n')


def test_a_missing_colon_space_is_shown_fixed() -> None:
    """A 'key:value' line with no space after the colon shows the line with the space."""
    expected = (
        "3:1 while scanning a simple key could not find expected ':': \"d:e\" on line 2 is "
        'not "key: value"; put a space after the ":" (d: e)'
    )
    assert expected == _said("a: b\nd:e\n")


def test_other_errors_keep_libyamls_words_and_where_it_began() -> None:
    """An error with no known fix keeps libyaml's message and the start of the construct."""
    said = explain("a: 1\nb\n", "while parsing something", (0, 0), "found odd thing", (1, 0))
    expected = (
        "while parsing something found odd thing (the construct began at line 1, column 1)",
        1,
        0,
    )
    assert expected == (said.message, said.line, said.column)


@pytest.mark.parametrize("brk", ["\r", "\x85", "\u2028", "\r\n"])
def test_lines_are_counted_as_libyaml_counts_them(brk: str) -> None:
    """CR, NEL and LINE SEPARATOR end lines for libyaml: the explanation never misses a line."""
    from pathlib import Path

    from competency.load import parse_bytes

    text = f"f{brk}ormat: competency/v1{brk}kind: evidence{brk}"
    found = parse_bytes(text.encode(), Path("x.yaml"), "x.yaml").diagnostics
    assert [(d.line, d.column, d.code) for d in found] == [(2, 6, "Y100")]
