"""`competency.references`: every id's definitions and references, checked against the framework."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from competency.load import load_document
from competency.references import Name, Place, places, symbol
from tests.conftest import EXAMPLES, MATRICES


def _places(folder: Path) -> list[Place]:
    return [
        place
        for path in sorted(folder.rglob("*.yaml"))
        for place in places(load_document(path).data)
    ]


def _defined(found: list[Place], kind: str) -> set[str]:
    return {place.names()[-1].id for place in found if place.defines and place.kind == kind}


def test_definitions_are_the_framework_s_ids(framework: Any) -> None:
    """Roles, levels, behaviours and steps defined in the shipped files are the framework's own."""
    found = _places(MATRICES)
    expected = (
        set(framework.roles),
        {info.ref for info in framework.levels()},
        set(framework.behaviour_refs),
        {step.id for step in framework.info.scale},
        set(framework.competencies),
    )
    assert expected == (
        _defined(found, "role"),
        _defined(found, "level"),
        _defined(found, "behaviour"),
        _defined(found, "step"),
        _defined(found, "competency"),
    )


def test_every_reference_in_the_examples_names_something_defined(framework: Any) -> None:
    """Each name in each reference of the examples has a definition in the framework's files."""
    defined = {
        symbol(name) for place in _places(MATRICES) if place.defines for name in place.names()[-1:]
    }
    references = [
        name
        for place in _places(EXAMPLES)
        if not place.defines and place.kind not in ("source", "person")
        for name in place.names()
    ]
    assert references
    expected: list[Name] = []
    assert expected == [name for name in references if symbol(name) not in defined]


def test_a_reference_is_split_into_the_ids_it_names() -> None:
    """`ROLE@LEVEL` names a role then a level, `OWNER.BEHAVIOUR` an owner then a behaviour."""
    data = {
        "kind": "evidence",
        "person": {"id": "ana", "manager": "bo"},
        "role": "fixer",
        "level": "f1",
        "history": [{"level": "fixer@f1"}],
        "items": [{"source": "self", "shows": ["fixing.tries"]}],
        "assessments": [{"competency": "fixing", "step": "learning", "assessor": "bo"}],
    }
    found = {place.loc: place.names() for place in places(data)}
    expected = {
        ("person", "id"): [Name("person", "ana", 0, 3)],
        ("person", "manager"): [Name("person", "bo", 0, 2)],
        ("role",): [Name("role", "fixer", 0, 5)],
        ("level",): [Name("level", "fixer@f1", 0, 2)],
        ("history", 0, "level"): [Name("role", "fixer", 0, 5), Name("level", "fixer@f1", 6, 8)],
        ("items", 0, "source"): [Name("source", "self", 0, 4)],
        ("items", 0, "shows", 0): [
            Name("competency", "fixing", 0, 6),
            Name("behaviour", "fixing.tries", 7, 12),
        ],
        ("assessments", 0, "competency"): [Name("competency", "fixing", 0, 6)],
        ("assessments", 0, "step"): [Name("step", "learning", 0, 8)],
        ("assessments", 0, "assessor"): [Name("person", "bo", 0, 2)],
    }
    assert expected == found
