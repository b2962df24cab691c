"""Editing tools: start a framework, format files, rename ids.

Each tool reads and writes files and returns a typed result; none prints.
ruamel.yaml (the ``fmt`` extra) is imported only by the functions that need
it. This package uses nothing of `competency` but the model's patterns, the
strict loader and diagnostics, so it stays independent of the rest.
"""

from __future__ import annotations

from competency.edit._files import EditError, Problem, YamlFile
from competency.edit.fmt import FormatError, FormatReport, Formatted, format_paths, format_text

__all__ = [
    "EditError",
    "FormatError",
    "FormatReport",
    "Formatted",
    "Problem",
    "YamlFile",
    "format_paths",
    "format_text",
]
