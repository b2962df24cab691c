"""Where each kind of id is defined and where it is referred to, in every kind of file.

One walk over a document's plain data (as `competency.load` builds it) lists
every scalar that holds an id or a reference: its path in the document, what
kind of thing it names, whether it defines it, and in which owner (a level
belongs to a role, a behaviour to a competency or a role). `rename` changes
ids through it and the language server answers "go to definition", "find
references", completion and hover through it, so the two cannot disagree
about what counts as an occurrence (docs/format.md: "Ids" and "Pointing at
other things", and the field tables of each file kind).

The written forms of a reference are a plain id, ``ROLE@LEVEL``,
``OWNER.BEHAVIOUR`` and ``external:ID``; `Place.names` splits a reference
into the ids it names, with their offsets inside the scalar, so that an
editor can tell the role of ``ROLE@LEVEL`` from its level. Words in texts
and comments are prose, never references.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from competency.load import Loc

__all__ = [
    "EXTERNAL_PREFIX",
    "Form",
    "IdKind",
    "Name",
    "Place",
    "places",
    "symbol",
]

#: What an id can name. Competencies and roles share one set of ids (docs/format.md, "Ids").
IdKind = Literal[
    "step",
    "category",
    "track",
    "grade",
    "external",
    "competency",
    "role",
    "level",
    "behaviour",
    "person",
    "source",
]
#: How a reference is written: a plain id, ``ROLE@LEVEL``, ``OWNER.BEHAVIOUR``, ``external:ID``.
Form = Literal["id", "level-ref", "behaviour-ref", "external-ref"]

EXTERNAL_PREFIX = "external:"


@dataclass(frozen=True)
class Name:
    """One id a scalar names, with where its characters are inside the scalar's value.

    `id` is qualified the way the framework looks it up: ``ROLE@LEVEL`` for a
    level, ``OWNER.BEHAVIOUR`` for a behaviour, the plain id otherwise. An
    owner named in ``OWNER.BEHAVIOUR`` has the kind "competency" (the owner
    may be a role: competencies and roles share their ids).
    """

    kind: IdKind
    id: str
    start: int
    end: int


@dataclass(frozen=True)
class Place:
    """One scalar that holds an id or a reference.

    `kind` is what the scalar names in the end (the level of ``ROLE@LEVEL``);
    `owner` the role or competency of a plain level or behaviour id; `key`
    whether the scalar is a mapping key; `defines` whether it is the
    definition of the id rather than a reference to it.
    """

    loc: Loc
    kind: IdKind
    value: str
    form: Form = "id"
    key: bool = False
    owner: str | None = None
    defines: bool = False

    def names(self) -> list[Name]:
        """The ids this scalar names, outermost first; empty when it is malformed."""
        value = self.value
        if self.form == "level-ref":
            role, at, level = value.partition("@")
            if not (at and role and level):
                return []
            return [
                Name("role", role, 0, len(role)),
                Name("level", value, len(role) + 1, len(value)),
            ]
        if self.form == "behaviour-ref":
            owner, dot, behaviour = value.partition(".")
            if not (dot and owner and behaviour):
                return []
            return [
                Name("competency", owner, 0, len(owner)),
                Name("behaviour", value, len(owner) + 1, len(value)),
            ]
        if self.form == "external-ref":
            start = len(EXTERNAL_PREFIX)
            return [Name("external", value[start:], start, len(value))] if value[start:] else []
        if self.kind in ("level", "behaviour"):
            if self.owner is None:
                return []
            mark = "@" if self.kind == "level" else "."
            return [Name(self.kind, f"{self.owner}{mark}{value}", 0, len(value))]
        return [Name(self.kind, value, 0, len(value))]

    def name_at(self, offset: int) -> Name | None:
        """The name whose characters hold `offset` (or end at it) inside the value."""
        for name in self.names():
            if name.start <= offset <= name.end:
                return name
        return None


def symbol(name: Name) -> tuple[str, str]:
    """The key under which definitions and references of `name` meet.

    Competencies and roles share one namespace, so both are "owner".
    """
    kind = "owner" if name.kind in ("competency", "role") else name.kind
    return kind, name.id


def places(data: Any) -> list[Place]:
    """Every place in one document's data where an id is defined or referred to."""
    return _Walk().run(data)


class _Walk:
    """The walk of one document, by its ``kind``."""

    def __init__(self) -> None:
        self.found: list[Place] = []

    def run(self, data: Any) -> list[Place]:
        if not isinstance(data, dict):
            return []
        kind = data.get("kind")
        walker = {
            "framework": self.framework,
            "competency": self.competency,
            "role": self.role,
            "paths": self.paths,
            "evidence": self.evidence,
            "evidence-mapping": self.mapping,
        }.get(kind if isinstance(kind, str) else "")
        if walker is not None:
            walker(data)
        return self.found

    def add(
        self,
        loc: Loc,
        kind: IdKind,
        value: Any,
        *,
        form: Form = "id",
        key: bool = False,
        owner: Any = None,
        defines: bool = False,
    ) -> None:
        if isinstance(value, str):
            owner = owner if isinstance(owner, str) else None
            self.found.append(Place(loc, kind, value, form, key, owner, defines))

    def level_ref(self, loc: Loc, value: Any) -> None:
        """``ROLE@LEVEL``, or in paths ``external:ID``."""
        if isinstance(value, str) and value.startswith(EXTERNAL_PREFIX):
            self.add(loc, "external", value, form="external-ref")
        else:
            self.add(loc, "level", value, form="level-ref")

    def framework(self, data: dict[str, Any]) -> None:
        lists: tuple[tuple[str, IdKind], ...] = (
            ("scale", "step"),
            ("categories", "category"),
            ("tracks", "track"),
            ("grades", "grade"),
            ("externals", "external"),
        )
        for field, kind in lists:
            for index, entry in _items(data.get(field)):
                if isinstance(entry, dict):
                    self.add((field, index, "id"), kind, entry.get("id"), defines=True)
        readiness = data.get("readiness")
        if isinstance(readiness, dict):
            for index, source in _items(readiness.get("sources")):
                self.add(("readiness", "sources", index), "source", source)

    def competency(self, data: dict[str, Any]) -> None:
        owner = data.get("id")
        self.add(("id",), "competency", owner, defines=True)
        self.add(("category",), "category", data.get("category"))
        steps = data.get("steps")
        for step, detail in steps.items() if isinstance(steps, dict) else ():
            self.add(("steps", step), "step", step, key=True)
            if isinstance(detail, dict):
                self.behaviours(("steps", step, "behaviours"), detail.get("behaviours"), owner)

    def role(self, data: dict[str, Any]) -> None:
        owner = data.get("id")
        self.add(("id",), "role", owner, defines=True)
        self.add(("track",), "track", data.get("track"))
        for index, level in _items(data.get("levels")):
            if not isinstance(level, dict):
                continue
            here: Loc = ("levels", index)
            self.add((*here, "id"), "level", level.get("id"), owner=owner, defines=True)
            self.add((*here, "grade"), "grade", level.get("grade"))
            expects = level.get("expects")
            for competency, value in expects.items() if isinstance(expects, dict) else ():
                at: Loc = (*here, "expects", competency)
                self.add(at, "competency", competency, key=True)
                if isinstance(value, str):
                    self.add(at, "step", value)
                elif isinstance(value, dict):
                    self.add((*at, "step"), "step", value.get("step"))
                    self.behaviours((*at, "behaviours"), value.get("behaviours"), owner)

    def behaviours(self, loc: Loc, behaviours: Any, owner: Any) -> None:
        """Behaviour definitions and their ``replaces`` lists (1.1)."""
        for index, behaviour in _items(behaviours):
            if not isinstance(behaviour, dict):
                continue
            self.add(
                (*loc, index, "id"), "behaviour", behaviour.get("id"), owner=owner, defines=True
            )
            for number, replaced in _items(behaviour.get("replaces")):
                at: Loc = (*loc, index, "replaces", number)
                if isinstance(replaced, str) and "." in replaced:
                    self.add(at, "behaviour", replaced, form="behaviour-ref")
                else:
                    self.add(at, "behaviour", replaced, owner=owner)

    def paths(self, data: dict[str, Any]) -> None:
        for index, move in _items(data.get("moves")):
            if isinstance(move, dict):
                for end in ("from", "to"):
                    self.level_ref(("moves", index, end), move.get(end))

    def evidence(self, data: dict[str, Any]) -> None:
        person = data.get("person")
        if isinstance(person, dict):
            self.add(("person", "id"), "person", person.get("id"), defines=True)
            self.add(("person", "manager"), "person", person.get("manager"))
        role = data.get("role")
        self.add(("role",), "role", role)
        self.add(("level",), "level", data.get("level"), owner=role)
        self.add(("target",), "level", data.get("target"), form="level-ref")
        for index, entry in _items(data.get("history")):
            if isinstance(entry, dict):
                self.add(("history", index, "level"), "level", entry.get("level"), form="level-ref")
        for index, item in _items(data.get("items")):
            if isinstance(item, dict):
                self.add(("items", index, "source"), "source", item.get("source"))
                for number, shown in _items(item.get("shows")):
                    at: Loc = ("items", index, "shows", number)
                    self.add(at, "behaviour", shown, form="behaviour-ref")
        for index, entry in _items(data.get("not_applicable")):
            if isinstance(entry, dict):
                at = ("not_applicable", index, "behaviour")
                self.add(at, "behaviour", entry.get("behaviour"), form="behaviour-ref")
        for index, assessment in _items(data.get("assessments")):
            if isinstance(assessment, dict):
                here: Loc = ("assessments", index)
                self.add((*here, "competency"), "competency", assessment.get("competency"))
                self.add((*here, "step"), "step", assessment.get("step"))
                self.add((*here, "assessor"), "person", assessment.get("assessor"))

    def mapping(self, data: dict[str, Any]) -> None:
        self.add(("source",), "source", data.get("source"))
        people = data.get("people")
        for column, person in people.items() if isinstance(people, dict) else ():
            self.add(("people", column), "person", person)
        for index, rule in _items(data.get("rules")):
            if isinstance(rule, dict):
                for number, shown in _items(rule.get("shows")):
                    at: Loc = ("rules", index, "shows", number)
                    self.add(at, "behaviour", shown, form="behaviour-ref")


def _items(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())
