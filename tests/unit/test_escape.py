"""competency.escape: one helper per target, each making hostile text inert there."""

from __future__ import annotations

import json

import pytest

from competency.escape import cell, html_text, json_text, markdown, terminal


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r=", "::"])
def test_a_cell_never_starts_a_formula(start: str) -> None:
    """A cell starting with a formula character (or a CI command) gets an apostrophe."""
    assert cell(f"{start}HYPERLINK(1)").startswith("'")


def test_a_cell_has_no_line_break_or_control() -> None:
    """Line breaks in a cell become spaces and control characters visible escapes."""
    assert cell("a\r\n::error::x\x1b\x00") == "a ::error::x\\x1b\\x00"


def test_terminal_escapes_a_leading_workflow_command() -> None:
    """Text that would start a line with ``::`` has its first colon shown as an escape."""
    assert [terminal("::error::x"), terminal("a::b")] == ["\\x3a:error::x", "a::b"]


def test_terminal_shows_every_control_bidi_and_line_break() -> None:
    """Escape sequences, bidi controls and line breaks are visible escapes, nothing raw."""
    assert terminal("\x1b]0;t\x07\r\n\u202e\u2028\x9b") == "\\x1b]0;t\\x07\\r\\n\\u202e\\u2028\\x9b"


def test_json_text_is_the_same_json_without_raw_controls() -> None:
    """Bidi, C1 and line separators become \\u escapes; the JSON still reads back the same."""
    data = {"name": "a\u202eb\x85c\u2028"}
    shown = json_text(json.dumps(data, ensure_ascii=False))
    assert (json.loads(shown), "\u202e" in shown, "\x85" in shown) == (data, False, False)


def test_html_text_flattens_line_breaks_and_shows_controls() -> None:
    """In HTML, line breaks are spaces (as a browser shows them) and controls escapes."""
    assert html_text("a\r\n::error::b\x1b") == "a ::error::b\\x1b"


def test_html_text_leaves_markup_and_numbers_alone() -> None:
    """Values that are not plain strings (Jinja2 markup, numbers) pass through unchanged."""
    from markupsafe import Markup

    assert [html_text(Markup("<b>x</b>")), html_text(3)] == [Markup("<b>x</b>"), 3]


def test_markdown_cannot_forge_a_line_or_open_a_comment() -> None:
    """A name with a line break and an HTML comment stays one line of inert text."""
    shown = markdown("Zoe\n## Verdict: ready\n<!-- hidden")
    assert shown == "Zoe \\#\\# Verdict: ready \\<!-- hidden"


def test_markdown_breaks_mentions_and_issue_references() -> None:
    """@team and #123 get a word joiner after their sign, so GitHub notifies and links nothing."""
    expected = "ping @\u2060acme/security-team, \\#\u2060123 and repo\\#\u206045; C\\# stays"
    assert expected == markdown("ping @acme/security-team, #123 and repo#45; C# stays")


@pytest.mark.parametrize("space", ["\u3000", "\u00a0", "\u2003", "\ufeff", "\u200b", "\u200d"])
def test_a_workflow_command_after_any_unicode_space_is_neutralised(space: str) -> None:
    """Text, a cell and a line inside a kept-lines cell never start a command after white space."""
    expected = (f"{space}\\x3a:error::x", f"'{space}::error::x", f"a\n{space}\\x3a:add-mask::x")
    actual = (
        terminal(f"{space}::error::x"),
        cell(f"{space}::error::x"),
        cell(f"a\n{space}::add-mask::x", lines=True),
    )
    assert expected == actual
