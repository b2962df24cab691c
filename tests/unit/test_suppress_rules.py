"""The rules of check/suppress.py one by one, on texts (format sections 3 and 9).

Each test names the rule it pins; together they kill the mutants the mutation
run (tools/mutate.py, docs/development.md) found surviving the broader tests.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from competency.check.suppress import LintOptions, suppress
from competency.contract import ArgumentTypeError
from competency.diagnostics import Diagnostic
from competency.load import Document, parse_yaml


def _document(text: str) -> Document:
    data, positions, problems = parse_yaml(text, "f.yaml")
    return Document(Path("f.yaml"), "f.yaml", data, positions, problems, raw=text.encode())


def _warning(line: int, code: str = "Q100") -> Diagnostic:
    return Diagnostic.make("f.yaml", line, 3, code, "a warning")


def _kept(text: str, *lines: int, report_unused: bool = False) -> list[tuple[int, str]]:
    """(line, code) of what is left of a Q100 warning on each of `lines`, problems included."""
    kept = suppress(
        [_warning(line) for line in lines],
        [_document(text)],
        LintOptions(report_unused=report_unused),
    )
    return [(d.line, d.code) for d in kept]


def test_a_suppression_after_a_literal_block_header_drops_the_warning_on_that_line() -> None:
    """Rule: the comment after a '|' header is a comment, not part of the block."""
    text = "a: |  # competency: ignore[Q100]\n  text\nb: x\n"
    expected: list[tuple[int, str]] = []
    assert expected == _kept(text, 1)


def test_a_marker_inside_a_literal_block_is_text() -> None:
    """Rule: '# competency: ...' on a line inside a block scalar is text, not a suppression."""
    text = "a: |\n  see # competency: ignore[Q100]\nb: x\n"
    expected = [(2, "Q100")]
    assert expected == _kept(text, 2)


def test_one_space_before_the_hash_is_enough() -> None:
    """Rule: any white space before '#' starts a comment; one space will do."""
    expected: list[tuple[int, str]] = []
    assert expected == _kept("a: x # competency: ignore[Q100]\n", 1)


def test_a_hash_right_after_text_is_part_of_a_plain_scalar() -> None:
    """Rule: 'x#competency: ignore[...]' is a plain scalar's text, not a comment."""
    expected = [(1, "Q100")]
    assert expected == _kept("a: x#competency:ignore[Q100]\n", 1)


def test_a_suppression_after_a_quoted_marker_string_is_read() -> None:
    """Rule: a quoted '# competency: ...' is text; the real comment after it still counts."""
    text = "a: 'see # competency: ignore[Q101]'  # competency: ignore[Q100]\n"
    expected: list[tuple[int, str]] = []
    assert expected == _kept(text, 1)


def test_a_quoted_marker_alone_suppresses_nothing() -> None:
    """Rule: a '# competency: ignore[...]' inside quotes is never a suppression."""
    expected = [(1, "Q100")]
    assert expected == _kept("a: 'see # competency: ignore[Q100]'\n", 1)


def test_ignore_with_no_codes_is_q106() -> None:
    """Rule: 'ignore[]' names no code: a Q106 at the comment, and nothing is dropped."""
    expected = [(1, "Q100"), (1, "Q106")]
    assert expected == _kept("a: x  # competency: ignore[]\n", 1)


def test_ignore_file_after_text_is_q106() -> None:
    """Rule: 'ignore-file[...]' after a value is Q106 and drops nothing."""
    expected = [(1, "Q100"), (1, "Q106")]
    assert expected == _kept("a: x  # competency: ignore-file[Q100]\n", 1)


def test_only_the_first_marker_of_a_line_is_read() -> None:
    """Rule: one suppression per line; a second marker is part of the first comment."""
    text = "a: x  # competency: ignore[Q100] # competency: ignore[nonsense\n"
    expected: list[tuple[int, str]] = []
    assert expected == _kept(text, 1)


def test_lines_past_a_scanner_error_are_not_read() -> None:
    """Rule: after the line the scanner stopped understanding, no '#' is taken as a comment."""
    text = (
        "a: x  # competency: ignore[Q999]\n"
        "b: c: d  # competency: ignore[Q998]\n"
        "e: 1  # competency: ignore[Q997]\n"
    )
    document = Document(
        Path("f.yaml"), "f.yaml", None, parse_yaml("a: 1\n", "f")[1], [], raw=text.encode()
    )
    kept = suppress([], [document], LintOptions())
    expected = [(1, "Q106", "unknown diagnostic code 'Q999'")]
    assert expected == [(d.line, d.code, d.message) for d in kept]


def test_an_unused_line_suppression_is_q105_only_when_asked() -> None:
    """Rule: report_unused is off by default; on, a suppression that drops nothing is Q105."""
    text = "a: x  # competency: ignore[Q100]\n"
    expected: tuple[list[object], list[tuple[int, str]]] = ([], [(1, "Q105")])
    assert expected == (
        suppress([], [_document(text)], LintOptions()),
        [
            (d.line, d.code)
            for d in suppress([], [_document(text)], LintOptions(report_unused=True))
        ],
    )


def test_an_ignore_on_a_line_of_its_own_says_it_drops_nothing() -> None:
    """Rule: an unused 'ignore[...]' alone on its line gets the 'line of its own' advice."""
    text = "# competency: ignore[Q100]\na: x\n"
    kept = suppress([], [_document(text)], LintOptions(report_unused=True))
    expected = [(1, "Q105", True)]
    assert expected == [(d.line, d.code, "line of its own" in d.message) for d in kept]


def test_lint_options_cannot_be_changed_once_made() -> None:
    """Rule: LintOptions is frozen (and so hashable): a run's options never change under it."""
    options = LintOptions(ignore=frozenset({"Q100"}))
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.report_unused = True  # type: ignore[misc]
    assert hash(options) == hash(LintOptions(ignore=frozenset({"Q100"})))


def test_lint_options_report_nothing_unused_by_default() -> None:
    """Rule: the default LintOptions do not ask for Q105."""
    assert LintOptions().report_unused is False


def test_a_string_of_codes_is_not_a_set_of_codes() -> None:
    """Rule: LintOptions(ignore="Q100") is a wrong type, not the set of its characters."""
    untyped: Any = LintOptions
    with pytest.raises(ArgumentTypeError, match="ignore must be a set of codes"):
        untyped(ignore="Q100")


def test_no_space_is_needed_after_the_hash() -> None:
    """Rule: '#competency: ignore[...]' (no space after '#') is a suppression too."""
    expected: list[tuple[int, str]] = []
    assert expected == _kept("a: x  #competency: ignore[Q100]\n", 1)


def test_a_marker_glued_to_text_does_not_hide_a_real_comment_after_it() -> None:
    """Rule: after a marker that is part of a plain scalar, the line's real comment counts."""
    text = "a: x#competency:ignore[Q101]  # competency: ignore[Q100]\n"
    expected: list[tuple[int, str]] = []
    assert expected == _kept(text, 1)


def test_a_comment_right_after_a_literal_block_is_a_comment() -> None:
    """Rule: the line after a block scalar's last line is outside it: an alone ignore is Q105."""
    text = "a: |\n  text\n# competency: ignore[Q100]\nb: x\n"
    expected = [(3, "Q105")]
    assert expected == _kept(text, report_unused=True)


def test_an_error_first_does_not_stop_the_warnings_after_it() -> None:
    """Rule: an error is kept as it is, and every diagnostic after it is still looked at."""
    error = Diagnostic.make("f.yaml", 1, 1, "Y100", "an error")
    kept = suppress([error, _warning(2)], [_document("a: x\nb: y\n")], LintOptions())
    assert [(d.line, d.code) for d in kept] == [(1, "Y100"), (2, "Q100")]


def test_a_used_suppression_first_does_not_hide_an_unused_one_after_it() -> None:
    """Rule: each suppression that drops nothing is Q105, wherever the used ones are."""
    text = "a: x  # competency: ignore[Q100]\nb: y  # competency: ignore[Q100]\n"
    assert _kept(text, 1, report_unused=True) == [(2, "Q105")]
