"""Editing tools: start a framework, format files, rename ids.

Each tool reads and writes files and returns a typed result; none prints.
ruamel.yaml (the ``fmt`` extra) is imported only by the functions that need
it. This package uses nothing of `competency` but the model, the strict
loader and diagnostics, so it stays independent of the rest.
"""

from __future__ import annotations

from competency.edit._files import EditError, Problem, YamlFile, check_id
from competency.edit.fmt import FormatError, FormatReport, Formatted, format_paths, format_text
from competency.edit.rename import KINDS, Change, FileMove, RenameReport, rename
from competency.edit.scaffold import (
    Scaffold,
    Schemas,
    new_competency,
    new_evidence,
    new_framework,
    new_role,
)

__all__ = [
    "KINDS",
    "Change",
    "EditError",
    "FileMove",
    "FormatError",
    "FormatReport",
    "Formatted",
    "Problem",
    "RenameReport",
    "Scaffold",
    "Schemas",
    "YamlFile",
    "check_id",
    "format_paths",
    "format_text",
    "new_competency",
    "new_evidence",
    "new_framework",
    "new_role",
    "rename",
]
