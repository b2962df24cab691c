"""Reporters: a `Result` as text, JSON, GitHub annotations or SARIF 2.1.0.

Each writer takes the diagnostics and `WriteOptions` and returns the whole
output; `competency.write.WRITERS` lists them under the kind "diagnostics".
Text from input files (paths, quoted keys) goes through
`competency.escape.terminal` in every format a terminal or CI log shows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import quote

from competency.__about__ import __version__
from competency.diagnostics import CODES, Diagnostic, Severity, has_errors
from competency.escape import terminal
from competency.write.colour import paint
from competency.write.options import PLAIN, WriteOptions

__all__ = [
    "DOCS_SITE",
    "github",
    "help_uri",
    "json_report",
    "sarif",
    "text",
]

#: The documentation site (``site_url`` in mkdocs.yml). Each diagnostic code has
#: a page at ``DOCS_SITE + "codes/CODE/"``, which SARIF's ``helpUri`` points to.
DOCS_SITE = "https://competency-dev.github.io/competency/"


def help_uri(code: str) -> str:
    """The address of the documentation page of one diagnostic code."""
    return f"{DOCS_SITE}codes/{code}/"


def text(diagnostics: Sequence[Diagnostic], options: WriteOptions = PLAIN) -> str:
    """One line per diagnostic, ``FILE:LINE:COLUMN: SEVERITY CODE message``, and a summary."""
    colour = options.colour
    lines = []
    for d in diagnostics:
        where = paint(f"{terminal(d.file)}:{d.line}:{d.column}:", "dim", colour)
        severity = paint(
            str(d.severity), "error" if d.severity is Severity.ERROR else "warning", colour
        )
        lines.append(f"{where} {severity} {d.code} {terminal(d.message)}")
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        lines.append(f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def json_report(diagnostics: Sequence[Diagnostic], options: WriteOptions = PLAIN) -> str:
    """``{"ok": bool, "diagnostics": [...]}`` as in docs/format.md."""
    ok = not has_errors(diagnostics)
    return json.dumps({"ok": ok, "diagnostics": [d.as_dict() for d in diagnostics]}, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Sequence[Diagnostic], options: WriteOptions = PLAIN) -> str:
    """GitHub Actions workflow commands (``::error file=...,line=...::message``).

    Messages and properties are escaped the way the Actions runner unescapes
    them, so a colon, comma, percent sign or newline in a path or message
    cannot cut an annotation short.
    """
    lines = []
    for d in diagnostics:
        properties = ",".join(
            (
                f"file={terminal(_escape_property(d.file))}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(d.code + ' ' + CODES[d.code][1])}",
            )
        )
        lines.append(f"::{d.severity} {properties}::{terminal(_escape_data(d.message))}")
    return "\n".join(lines)


def sarif(diagnostics: Sequence[Diagnostic], options: WriteOptions = PLAIN) -> str:
    """A SARIF 2.1.0 log with one run, the rules used, and one result per diagnostic."""
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    rules = [
        {
            "id": code,
            "name": CODES[code][1].title().replace(" ", "").replace("'", ""),
            "shortDescription": {"text": CODES[code][1]},
            "helpUri": help_uri(code),
            "defaultConfiguration": {"level": str(CODES[code][0])},
        }
        for code in codes
    ]
    results = [
        {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": str(d.severity),
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(d.file.replace("\\", "/"))},
                        "region": {"startLine": d.line, "startColumn": d.column},
                    }
                }
            ],
        }
        for d in diagnostics
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "competency",
                        "version": __version__,
                        "informationUri": "https://github.com/competency-dev/competency",
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2)
