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
    cumulative: bool = True
    competencies: dict[str, CompetencyOutline] = field(default_factory=dict)
    roles: dict[str, RoleOutline] = field(default_factory=dict)
    documents: dict[YamlFile, Document] = field(default_factory=dict)
    replaces: dict[str, list[str]] = field(default_factory=dict)
    """Behaviour reference -> the references it replaces (`replaces`, revision 1.1)."""

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

    def expected(self, role: str, level: str) -> list[str]:
        """The behaviour references a level expects, roughly in report order.

        Enough to pick an example for a new evidence file; behaviours that
        another expected one replaces (1.1), directly or through a chain, are
        left out, as the format's rule says.
        """
        levels = self.roles[role].levels
        position = next(i for i, found in enumerate(levels) if found.id == level)
        refs: list[str] = []
        for competency, (step, _) in levels[position].expects.items():
            rank = self.scale.index(step) if step in self.scale else -1
            steps = self.competencies.get(competency, CompetencyOutline()).steps
            for described, ids in steps.items():
                at = self.scale.index(described) if described in self.scale else -2
                if at == rank or (self.cumulative and 0 <= at < rank):
                    refs += [f"{competency}.{behaviour}" for behaviour in ids]
            below = levels[: position + 1] if self.cumulative else [levels[position]]
            for lower in below:
                refs += [f"{role}.{b}" for b in lower.expects.get(competency, ("", []))[1]]
        gone: set[str] = set()
        todo = [old for ref in refs for old in self.replaces.get(ref, [])]
        while todo:
            old = todo.pop()
            if old not in gone:
                gone.add(old)
                todo += self.replaces.get(old, [])
        return [ref for ref in refs if ref not in gone]

    # -- reading plain data ------------------------------------------------------------

    def _take(self, file: YamlFile, data: dict[str, Any]) -> None:
        kind = data.get("kind")
        if kind == "framework" and file.path.parent == self.folder:
            self.scale = ids(data.get("scale"))
            self.categories = ids(data.get("categories"))
            self.tracks = ids(data.get("tracks"))
            self.grades = ids(data.get("grades"))
            self.cumulative = data.get("cumulative", True) is not False
        elif kind == "competency" and isinstance(data.get("id"), str):
            competency = self.competencies.setdefault(data["id"], CompetencyOutline())
            competency.files.append(file)
            steps = data.get("steps")
            for step, detail in steps.items() if isinstance(steps, dict) else ():
                if isinstance(detail, dict):
                    competency.steps[step] = ids(detail.get("behaviours"))
                    self._note_replaces(data["id"], detail.get("behaviours"))
        elif kind == "role" and isinstance(data.get("id"), str):
            role = self.roles.setdefault(data["id"], RoleOutline())
            role.files.append(file)
            for level in data.get("levels") or []:
                if isinstance(level, dict) and isinstance(level.get("id"), str):
                    role.levels.append(LevelOutline(level["id"], _expects(level.get("expects"))))
                    expects = level.get("expects")
                    for value in expects.values() if isinstance(expects, dict) else ():
                        if isinstance(value, dict):
                            self._note_replaces(data["id"], value.get("behaviours"))

    def _note_replaces(self, owner: str, behaviours: Any) -> None:
        """Remember what each behaviour of `owner` replaces, as full references."""
        for entry in behaviours if isinstance(behaviours, list) else ():
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                continue
            replaced = entry.get("replaces")
            refs = [r if "." in r else f"{owner}.{r}" for r in replaced or [] if isinstance(r, str)]
            if refs:
                self.replaces[f"{owner}.{entry['id']}"] = refs


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
