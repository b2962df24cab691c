"""Editing tools: start a framework or an evidence file, format files, rename ids.

Each tool reads and writes files and returns a typed result; none prints.
ruamel.yaml (the ``fmt`` extra) is imported only by the functions that need
it. Framework files are edited from their plain data (`_outline`), so a
framework that does not validate yet can still be edited; an evidence file
is written from the validated framework (`evidence`, the one evidence
scaffold, which ``competency template evidence`` writes too).
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
