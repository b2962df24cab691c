"""Shared by the acceptance tests: where the example folders are, and how to read output."""

from __future__ import annotations

import re
from pathlib import Path

from competency.check import CheckedFramework, check_framework
from competency.load import Document, parse_bytes

HERE = Path(__file__).resolve().parent
BASE = HERE / "base"
"""A tiny valid framework in ``matrices/`` and one evidence file in ``evidence/``."""
CASES = HERE / "cases"
"""One folder per diagnostic code, with ``positive/`` and ``negative/<case>/``."""

DIAGNOSTIC = re.compile(
    r"^(?P<file>.+?):(?P<line>[0-9]+):(?P<column>[0-9]+): "
    r"(?P<severity>error|warning) (?P<code>[A-Z][0-9]{3}) (?P<message>.*)$"
)
"""One text diagnostic: ``FILE:LINE:COLUMN: SEVERITY CODE message``."""


def diagnostic_lines(output: str, code: str | None = None) -> list[str]:
    """The diagnostic lines of a text report, optionally only those of one code."""
    lines = []
    for line in output.splitlines():
        found = DIAGNOSTIC.match(line)
        if found and (code is None or found["code"] == code):
            lines.append(line)
    return lines


def codes(output: str) -> list[str]:
    """The code of each diagnostic line of a text report, in order."""
    return [m["code"] for m in map(DIAGNOSTIC.match, output.splitlines()) if m]


def base_files() -> dict[str, str]:
    """The base framework's files as text, keyed by their path inside ``matrices/``."""
    folder = BASE / "matrices"
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.yaml"))
    }


def parse(files: dict[str, str]) -> list[Document]:
    """Framework files held in memory, parsed as if read from ``matrices/``."""
    return [
        parse_bytes(text.encode("utf-8"), Path("matrices", name), f"matrices/{name}")
        for name, text in files.items()
    ]


def check(files: dict[str, str]) -> CheckedFramework:
    """Run every framework rule over files held in memory."""
    return check_framework("matrices", parse(files))


def changed(name: str, old: str, new: str) -> dict[str, str]:
    """The base framework's files with `old` replaced by `new` in file `name`."""
    files = base_files()
    if old not in files[name]:
        raise ValueError(f"{old!r} is not in {name}")
    files[name] = files[name].replace(old, new)
    return files
