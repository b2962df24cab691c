"""The outline of a framework folder, read from its plain data without checking it.

The editing tools need to know what a framework defines (its steps, tracks,
grades, competencies with their behaviours, roles with their levels) even
when the framework does not validate yet, so they read the files' plain
data, skip whatever has the wrong shape, and leave the checking to
``competency validate``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from competency.edit._files import Problem, YamlFile, load, yaml_files
from competency.folders import is_framework_folder
from competency.load import Document

__all__ = [
    "CompetencyOutline",
    "LevelOutline",
    "Outline",
    "RoleOutline",
    "ids",
]


@dataclass
class CompetencyOutline:
    """A competency: its files and its behaviour ids by step, in file order."""

    files: list[YamlFile] = field(default_factory=list)
    steps: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class LevelOutline:
    """A level: its id and, per competency, the step expected and the role's behaviour ids."""

    id: str
    expects: dict[str, tuple[str, list[str]]] = field(default_factory=dict)


@dataclass
class RoleOutline:
    """A role: its files and its levels, lowest first."""

    files: list[YamlFile] = field(default_factory=list)
    levels: list[LevelOutline] = field(default_factory=list)


@dataclass
class Outline:
    """What a framework folder defines, as far as its files can be read."""

    folder: Path
    scale: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tracks: list[str] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    competencies: dict[str, CompetencyOutline] = field(default_factory=dict)
    roles: dict[str, RoleOutline] = field(default_factory=dict)
    documents: dict[YamlFile, Document] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: str | os.PathLike[str]) -> Outline:
        """Read every YAML file of a framework folder (problems are in `problems`)."""
        outline = cls(Path(folder))
        for file in yaml_files(folder):
            document = load(file)
            outline.documents[file] = document
            if isinstance(document.data, dict):
                outline._take(file, document.data)
        return outline

    @staticmethod
    def is_framework_folder(folder: str | os.PathLike[str]) -> bool:
        """True when `folder` holds a framework.yaml."""
        return is_framework_folder(folder)

    @property
    def problems(self) -> list[Problem]:
        """What stopped files from loading (an empty file is only skipped)."""
        return [
            Problem.from_diagnostic(diagnostic)
            for document in self.documents.values()
            for diagnostic in document.diagnostics
            if diagnostic.code != "Y109"
        ]

    @property
    def owners(self) -> set[str]:
        """Competency and role ids: one namespace (docs/format.md, "Ids")."""
        return set(self.competencies) | set(self.roles)

    def behaviours(self, owner: str) -> set[str]:
        """The behaviour ids a competency or a role defines."""
        found: set[str] = set()
        if owner in self.competencies:
            for ids in self.competencies[owner].steps.values():
                found.update(ids)
        for level in self.roles[owner].levels if owner in self.roles else []:
            for _, ids in level.expects.values():
                found.update(ids)
        return found

    # -- reading plain data ------------------------------------------------------------

    def _take(self, file: YamlFile, data: dict[str, Any]) -> None:
        kind = data.get("kind")
        if kind == "framework" and file.path.parent == self.folder:
            self.scale = ids(data.get("scale"))
            self.categories = ids(data.get("categories"))
            self.tracks = ids(data.get("tracks"))
            self.grades = ids(data.get("grades"))
        elif kind == "competency" and isinstance(data.get("id"), str):
            competency = self.competencies.setdefault(data["id"], CompetencyOutline())
            competency.files.append(file)
            steps = data.get("steps")
            for step, detail in steps.items() if isinstance(steps, dict) else ():
                if isinstance(detail, dict):
                    competency.steps[step] = ids(detail.get("behaviours"))
        elif kind == "role" and isinstance(data.get("id"), str):
            role = self.roles.setdefault(data["id"], RoleOutline())
            role.files.append(file)
            levels = data.get("levels")
            for level in levels if isinstance(levels, list) else ():
                if isinstance(level, dict) and isinstance(level.get("id"), str):
                    role.levels.append(LevelOutline(level["id"], _expects(level.get("expects"))))


def ids(entries: Any) -> list[str]:
    """The string ids of a list of mappings, skipping anything else."""
    if not isinstance(entries, list):
        return []
    ids = (entry.get("id") for entry in entries if isinstance(entry, dict))
    return [found for found in ids if isinstance(found, str)]


def _expects(expects: Any) -> dict[str, tuple[str, list[str]]]:
    found: dict[str, tuple[str, list[str]]] = {}
    for competency, value in expects.items() if isinstance(expects, dict) else ():
        if isinstance(value, str):
            found[competency] = (value, [])
        elif isinstance(value, dict) and isinstance(value.get("step"), str):
            found[competency] = (value["step"], ids(value.get("behaviours")))
    return found
