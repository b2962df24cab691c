"""Reporters: text lines, JSON, GitHub workflow commands and SARIF 2.1.0."""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest

from competency.diagnostics import CODES, Diagnostic
from competency.write import WRITERS, WriteOptions
from competency.write.diagnostics import github, json_report, sarif, text

ERROR = Diagnostic.make("matrices/roles/se.yaml", 12, 7, "R104", "unknown grade 'g9'")
WARNING = Diagnostic.make("matrices/competencies/t.yaml", 3, 15, "Q100", "vague qualifier 'some'")
AWKWARD = Diagnostic.make("a:b,c%.yaml", 1, 2, "S100", "50% done\r\nnext: line, here")


def test_text_line_is_file_line_column_severity_code_message() -> None:
    """Each diagnostic is one line: FILE:LINE:COLUMN: SEVERITY CODE message."""
    expected = "matrices/roles/se.yaml:12:7: error R104 unknown grade 'g9'"
    assert expected == text([ERROR]).splitlines()[0]


def test_text_ends_with_a_count_of_errors_and_warnings() -> None:
    """After the diagnostics, one line counts errors and warnings."""
    expected = [str(ERROR), str(WARNING), "1 error, 1 warning"]
    assert expected == text([ERROR, WARNING]).splitlines()


def test_text_count_uses_plurals() -> None:
    """The count line says '2 errors, 0 warnings'."""
    expected = "2 errors, 0 warnings"
    assert expected == text([ERROR, ERROR]).splitlines()[-1]


def test_text_of_nothing_is_empty() -> None:
    """Without diagnostics the text report is empty, summary included."""
    expected = ""
    assert expected == text([])


def test_text_without_colour_has_no_escape_codes() -> None:
    """Plain text holds no ANSI escape sequences."""
    assert "\033[" not in text([ERROR, WARNING], WriteOptions(colour=False))


def test_text_with_colour_keeps_the_same_words() -> None:
    """Coloured text, stripped of escape codes, reads exactly like plain text."""
    coloured = text([ERROR, WARNING], WriteOptions(colour=True))
    assert text([ERROR, WARNING]) == re.sub(r"\033\[[0-9;]*m", "", coloured)


def test_json_has_ok_and_the_diagnostics_fields() -> None:
    """JSON is {"ok", "diagnostics": [{file, line, column, severity, code, message}]}."""
    expected = {
        "ok": False,
        "diagnostics": [
            {
                "file": "matrices/roles/se.yaml",
                "line": 12,
                "column": 7,
                "severity": "error",
                "code": "R104",
                "message": "unknown grade 'g9'",
            }
        ],
    }
    assert expected == json.loads(json_report([ERROR]))


def test_json_is_ok_with_only_warnings() -> None:
    """Warnings alone leave ok true."""
    assert json.loads(json_report([WARNING]))["ok"] is True


def test_json_of_nothing_is_ok() -> None:
    """No diagnostics: ok true and an empty list."""
    expected = {"ok": True, "diagnostics": []}
    assert expected == json.loads(json_report([]))


def test_github_annotation_names_file_line_column_and_title() -> None:
    """One workflow command per diagnostic, with file, line, col and a title."""
    expected = (
        "::error file=matrices/roles/se.yaml,line=12,col=7,title=R104 unknown grade"
        "::unknown grade 'g9'"
    )
    assert expected == github([ERROR])


def test_github_warning_uses_the_warning_command() -> None:
    """Warnings become ::warning commands."""
    assert github([WARNING]).startswith("::warning ")


def test_github_escapes_percent_and_line_breaks_in_the_message() -> None:
    """%, CR and LF in a message become %25, %0D and %0A; ':' and ',' stay."""
    expected = "50%25 done%0D%0Anext: line, here"
    assert expected == github([AWKWARD]).split("::")[2]


def test_github_escapes_colon_and_comma_in_properties() -> None:
    """In properties, ':' and ',' are escaped too, so a path cannot end a property early."""
    expected = "file=a%3Ab%2Cc%25.yaml"
    assert expected == github([AWKWARD]).split("::")[1].split(" ", 1)[1].split(",")[0]


def test_github_report_has_one_line_per_diagnostic() -> None:
    """A message with line breaks still gives exactly one line."""
    expected = 2
    assert expected == len(github([AWKWARD, ERROR]).splitlines())


SARIF_SHAPE: dict[str, Any] = {
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "version": {"const": "2.1.0"},
        "$schema": {"type": "string"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "rules": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "required": ["id"],
                                            "properties": {"id": {"type": "string"}},
                                        },
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["message"],
                            "properties": {
                                "ruleId": {"type": "string"},
                                "ruleIndex": {"type": "integer", "minimum": 0},
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {
                                    "type": "object",
                                    "required": ["text"],
                                    "properties": {"text": {"type": "string"}},
                                },
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation", "region"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri"],
                                                        "properties": {"uri": {"type": "string"}},
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "required": ["startLine"],
                                                        "properties": {
                                                            "startLine": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                            "startColumn": {
                                                                "type": "integer",
                                                                "minimum": 1,
                                                            },
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}
"""The parts of the SARIF 2.1.0 schema a code-scanning upload relies on, written out by hand."""


@pytest.mark.parametrize("diagnostics", [[], [ERROR], [ERROR, WARNING, AWKWARD, ERROR]])
def test_sarif_has_the_required_structure(diagnostics: list[Diagnostic]) -> None:
    """The SARIF log has version 2.1.0 and the required keys of runs, tool and results."""
    validator = jsonschema.Draft202012Validator(SARIF_SHAPE)
    expected: list[str] = []
    assert expected == [
        error.message for error in validator.iter_errors(json.loads(sarif(diagnostics)))
    ]


def test_sarif_rule_index_points_at_the_rule_of_the_same_id() -> None:
    """Each result's ruleIndex names the rule whose id is its ruleId."""
    run = json.loads(sarif([WARNING, ERROR, AWKWARD, ERROR]))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    pairs = [(r["ruleId"], rules[r["ruleIndex"]]["id"]) for r in run["results"]]
    expected = [("Q100", "Q100"), ("R104", "R104"), ("S100", "S100"), ("R104", "R104")]
    assert expected == pairs


def test_sarif_lists_each_rule_once() -> None:
    """Rules are the distinct codes used, once each."""
    rules = json.loads(sarif([ERROR, ERROR, WARNING]))["runs"][0]["tool"]["driver"]["rules"]
    expected = ["Q100", "R104"]
    assert expected == [rule["id"] for rule in rules]


def test_sarif_result_has_the_1_based_region_and_level() -> None:
    """A result keeps the diagnostic's line, column, severity and message."""
    result = json.loads(sarif([ERROR]))["runs"][0]["results"][0]
    expected = {
        "ruleId": "R104",
        "level": "error",
        "text": "unknown grade 'g9'",
        "uri": "matrices/roles/se.yaml",
        "region": {"startLine": 12, "startColumn": 7},
    }
    location = result["locations"][0]["physicalLocation"]
    actual = {
        "ruleId": result["ruleId"],
        "level": result["level"],
        "text": result["message"]["text"],
        "uri": location["artifactLocation"]["uri"],
        "region": location["region"],
    }
    assert expected == actual


def test_sarif_rule_describes_the_code() -> None:
    """A rule carries the code's title and its default level."""
    rule = json.loads(sarif([WARNING]))["runs"][0]["tool"]["driver"]["rules"][0]
    expected = {"text": CODES["Q100"][1], "level": "warning"}
    actual = {
        "text": rule["shortDescription"]["text"],
        "level": rule["defaultConfiguration"]["level"],
    }
    assert expected == actual


def test_sarif_uri_is_percent_encoded() -> None:
    """A path with a space or percent sign becomes a valid relative URI."""
    odd = Diagnostic.make("my files\\50%.yaml", 1, 1, "Y109", "file is empty")
    location = json.loads(sarif([odd]))["runs"][0]["results"][0]["locations"][0]
    expected = "my%20files/50%25.yaml"
    assert expected == location["physicalLocation"]["artifactLocation"]["uri"]


def test_reporters_are_chosen_by_format_name() -> None:
    """Every --format name has a reporter."""
    expected = ["github", "json", "sarif", "text"]
    assert expected == sorted(WRITERS["diagnostics"])
