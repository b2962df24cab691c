"""``competency export --format case``: the framework as a 1EdTech CASE 1.1 CFPackage.

The mapping (docs/interop.md): a CFDocument for the framework; CFItems for
categories, competencies, each competency's steps, behaviours, roles and
levels; CFAssociations ``isChildOf`` (the tree), ``precedes`` (a level before
the next one of its role), ``exactMatchOf`` (levels of equal grade on
different tracks) and ``replacedBy`` (a behaviour and the one that replaces
it); and a CFRubric per role whose criteria are the competencies it expects
and whose criterion levels are its levels (quality: the step; description:
the expected behaviours; no scores). Each competency ``hasSkillLevel`` its
steps, and a text in another locale of the framework is a CFItem of its own
in that language, ``isTranslationOf`` the item in the package's language.

What CASE cannot carry (ids, grades, examples, hiring kits, metrics, the
readiness settings, every locale's text) travels in CASE extensions, under
the key ``competency``: the CFDocument's holds framework.yaml and the moves
of paths.yaml, each competency's and role's CFItem holds its file, as plain
data (`EXTENSION`). `competency.interop.caseimport` reads them back, so our
own packages import into the same framework.

Identifiers are UUIDs made with uuid5 from the framework id and each
thing's reference, so the same framework always gives the same package.
Every package is checked against ``case-1.1.schema.json`` (a hand-written
subset of the CASE 1.1 information model) before it is returned; a failing
check is a bug in this module, raised as `CasePackageError`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel

from competency.diagnostics import CompetencyError
from competency.escape import json_text
from competency.framework import Framework
from competency.model import Role
from competency.names import Names, names_for

__all__ = [
    "EXTENSION",
    "CaseOptions",
    "CasePackageError",
    "case_json",
    "case_package",
    "case_schema",
]

#: The key of competency's CASE extensions, and the format of what it holds.
EXTENSION = "competency"
EXTENSION_FORMAT = "competency/case-extension-v1"

_CASE_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://competency.dev/case/")

#: The CFItemTypes of the package: key -> (title, hierarchy code, description).
ITEM_TYPES = {
    "category": ("Category", "1", "A theme that groups competencies."),
    "competency": ("Competency", "2", "A competency, described at named steps of a scale."),
    "step": ("Competency Step", "3", "What a competency looks like at one step of the scale."),
    "behaviour": ("Behaviour", "4", "One observable behaviour: what a person does."),
    "role": ("Role", "1", "A role with ordered levels."),
    "level": ("Level", "2", "A level of a role, with the steps it expects per competency."),
}


class CasePackageError(CompetencyError, RuntimeError):
    """A package that fails its own schema check: a bug in the export, never in the input."""


@dataclass(frozen=True)
class CaseOptions:
    """How the package is written.

    `changed` is every object's ``lastChangeDateTime`` (UTC); `creator` the
    CFDocument's creator (default: the framework's title); `base_uri` is put
    before each identifier to make its ``uri`` (default ``urn:uuid:``);
    `names` (else `locale`) chooses the texts.
    """

    changed: datetime
    creator: str | None = None
    base_uri: str = "urn:uuid:"
    locale: str | None = None
    names: Names | None = None


@cache
def case_schema() -> dict[str, Any]:
    """The JSON Schema every package is checked against."""
    text = resources.files("competency.interop").joinpath("case-1.1.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _line(text: str) -> str:
    """`text` as a NormalizedString: no line breaks or tabs, spaces collapsed."""
    return " ".join(text.split())


class _Package:
    """Builds one package: identifiers, link URIs and the lists of objects."""

    def __init__(self, framework: Framework, options: CaseOptions) -> None:
        self.framework = framework
        self.options = options
        self.names = names_for(framework, options.locale, names=options.names)
        self.base = uuid.uuid5(_CASE_NAMESPACE, framework.info.id)
        self.changed = options.changed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
        self.links: dict[str, dict[str, str]] = {}
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.keys: list[str] = []
        """The key of each item, in the order of `items`."""

    def identifier(self, key: str) -> str:
        return str(uuid.uuid5(self.base, key))

    def uri(self, identifier: str) -> str:
        return self.options.base_uri + identifier

    def link(self, key: str) -> dict[str, str]:
        return self.links[key]

    def item(
        self, key: str, kind: str, statement: str, code: str, notes: str = "", **more: Any
    ) -> None:
        self.keys.append(key)
        identifier = self.identifier(key)
        item: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri(identifier),
            "fullStatement": statement or code,
            "CFItemType": ITEM_TYPES[kind][0],
            "humanCodingScheme": _line(code),
            "language": self.names.locale,
            "CFItemTypeURI": self.link(f"type:{kind}"),
            "CFDocumentURI": self.link("document"),
            "lastChangeDateTime": self.changed,
            **more,
        }
        if notes:
            item["notes"] = notes
        self.links[key] = {
            "title": _line(statement or code)[:200],
            "identifier": identifier,
            "uri": item["uri"],
        }
        self.items.append(item)

    def associate(
        self, kind: str, origin: str, destination: str, sequence: int | None = None
    ) -> None:
        identifier = self.identifier(f"association:{kind}:{origin}:{destination}")
        association: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri(identifier),
            "associationType": kind,
            "originNodeURI": self.link(origin),
            "destinationNodeURI": self.link(destination),
            "CFDocumentURI": self.link("document"),
            "lastChangeDateTime": self.changed,
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        self.associations.append(association)


def case_package(framework: Framework, options: CaseOptions) -> dict[str, Any]:
    """The CFPackage for `framework`, checked against the CASE 1.1 schema."""
    package = _Package(framework, options)
    document = _document(package)
    types = list(_item_types(package))
    _library(package)
    _roles(package)
    _translations(package)
    data = {
        "CFDocument": document,
        "CFItems": package.items,
        "CFAssociations": package.associations,
        "CFDefinitions": {"CFItemTypes": types},
        "CFRubrics": [_rubric(package, role) for role in framework.roles.values()],
    }
    _check(data)
    return data


def case_json(framework: Framework, options: CaseOptions) -> str:
    """The CFPackage as JSON text, ending with a newline."""
    # Line separators and C1 controls as \\u escapes: printed (--out -), no raw one.
    return (
        json_text(json.dumps(case_package(framework, options), indent=2, ensure_ascii=False)) + "\n"
    )


def _check(data: dict[str, Any]) -> None:
    from jsonschema import (  # typed by types-jsonschema (the dev extra)
        Draft202012Validator,
        FormatChecker,
    )

    validator = Draft202012Validator(case_schema(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path)
        raise CasePackageError(
            f"the CASE package fails its schema at {where or 'the top'}: {first.message}; "
            "this is a bug, please report it"
        )


def _document(p: _Package) -> dict[str, Any]:
    info = p.framework.info
    identifier = p.identifier("document")
    title = _line(p.names.text(info.title))
    p.links["document"] = {"title": title, "identifier": identifier, "uri": p.uri(identifier)}
    document: dict[str, Any] = {
        "identifier": identifier,
        "uri": p.uri(identifier),
        "caseVersion": "1.1",
        "creator": _line(p.options.creator or p.names.text(info.title)) or info.id,
        "title": title or info.id,
        "lastChangeDateTime": p.changed,
        "language": p.names.locale,
        "version": info.version,
    }
    if info.summary is not None:
        document["description"] = p.names.text(info.summary)
    paths = [_plain(move) for move in p.framework.moves]
    document["extensions"] = {
        EXTENSION: {"format": EXTENSION_FORMAT, "framework": _plain(info), "moves": paths}
    }
    return document


def _plain(model: BaseModel) -> Any:
    """`model` as the plain data of its YAML file: what was written, defaults left out."""
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


def _extension(kind: str, model: BaseModel) -> dict[str, Any]:
    return {EXTENSION: {"format": EXTENSION_FORMAT, kind: _plain(model)}}


def _item_types(p: _Package) -> Iterator[dict[str, Any]]:
    for key, (title, code, description) in ITEM_TYPES.items():
        identifier = p.identifier(f"type:{key}")
        p.links[f"type:{key}"] = {
            "title": title,
            "identifier": identifier,
            "uri": p.uri(identifier),
        }
        yield {
            "identifier": identifier,
            "uri": p.uri(identifier),
            "title": title,
            "description": description,
            "hierarchyCode": code,
            "lastChangeDateTime": p.changed,
        }


def _library(p: _Package) -> None:
    """Categories, competencies, their steps and behaviours, and the tree between them."""
    framework, names = p.framework, p.names
    for index, category in enumerate(framework.info.categories, start=1):
        key = f"category:{category.id}"
        p.item(
            key, "category", names.text(category.name), category.id, names.text(category.summary)
        )
        p.associate("isChildOf", key, "document", index)
    for index, competency in enumerate(framework.competencies.values(), start=1):
        key = f"competency:{competency.id}"
        p.item(
            key,
            "competency",
            names.text(competency.name),
            competency.id,
            names.text(competency.summary),
            extensions=_extension("competency", competency),
        )
        parent = f"category:{competency.category}"
        p.associate("isChildOf", key, parent if parent in p.links else "document", index)
        for position, step in enumerate(framework.info.scale, start=1):
            described = competency.steps.get(step.id)
            if described is None:
                continue
            step_key = f"step:{competency.id}:{step.id}"
            statement = f"{names.competency(competency.id)}: {names.step(step.id)}"
            notes = names.text(described.summary) or names.text(step.meaning)
            p.item(step_key, "step", statement, f"{competency.id}:{step.id}", notes)
            p.associate("isChildOf", step_key, key, position)
            p.associate("hasSkillLevel", key, step_key, position)
            for number, behaviour in enumerate(described.behaviours, start=1):
                ref = f"{competency.id}.{behaviour.id}"
                p.item(f"behaviour:{ref}", "behaviour", names.text(behaviour.text), ref)
                p.associate("isChildOf", f"behaviour:{ref}", step_key, number)


def _roles(p: _Package) -> None:
    """Roles, levels and role behaviours, the tree, and the links between levels and behaviours."""
    framework, names = p.framework, p.names
    for index, role in enumerate(framework.roles.values(), start=1):
        key = f"role:{role.id}"
        p.item(
            key,
            "role",
            names.text(role.title),
            role.id,
            names.text(role.summary),
            extensions=_extension("role", role),
        )
        p.associate("isChildOf", key, "document", index)
        for position, level in enumerate(role.levels, start=1):
            ref = f"{role.id}@{level.id}"
            notes = names.text(level.scope) or names.text(level.summary)
            p.item(f"level:{ref}", "level", names.text(level.title), ref, notes)
            p.associate("isChildOf", f"level:{ref}", key, position)
            number = 0
            for competency_id in level.expects:
                expectation = level.expectation(competency_id)
                for behaviour in expectation.behaviours if expectation is not None else []:
                    number += 1
                    behaviour_ref = f"{role.id}.{behaviour.id}"
                    p.item(
                        f"behaviour:{behaviour_ref}",
                        "behaviour",
                        names.text(behaviour.text),
                        behaviour_ref,
                    )
                    p.associate("isChildOf", f"behaviour:{behaviour_ref}", f"level:{ref}", number)
        for lower, higher in zip(role.levels, role.levels[1:], strict=False):
            p.associate("precedes", f"level:{role.id}@{lower.id}", f"level:{role.id}@{higher.id}")
    _equal_grades(p)
    for info in framework.behaviours():
        for replaced in info.replaces:
            if f"behaviour:{replaced}" in p.links:
                p.associate("replacedBy", f"behaviour:{replaced}", f"behaviour:{info.ref}")


def _translations(p: _Package) -> None:
    """A CFItem per other locale whose texts differ, ``isTranslationOf`` the item it translates.

    The items are built again in each other locale of the framework (same
    keys, same order) and kept where the statement or the notes differ; a
    text with no translation falls back to the default locale, so it gives
    no item.
    """
    keys, items = list(p.keys), list(p.items)
    for locale in p.framework.info.locales:
        if locale == p.names.locale:
            continue
        # Each translation is the package again in its locale: names of that locale.
        other = _Package(p.framework, replace(p.options, locale=locale, names=None))
        _document(other)
        list(_item_types(other))
        _library(other)
        _roles(other)
        for key, item, translated in zip(keys, items, other.items, strict=True):
            same = translated["fullStatement"] == item["fullStatement"]
            if same and translated.get("notes") == item.get("notes"):
                continue
            extra = {"notes": translated["notes"]} if "notes" in translated else {}
            translation = f"translation:{locale}:{key}"
            statement = translated["fullStatement"]
            p.item(translation, _kind_of(item), statement, item["humanCodingScheme"])
            p.items[-1].update(extra, language=locale)
            p.associate("isTranslationOf", translation, key)


def _kind_of(item: dict[str, Any]) -> str:
    """The key in `ITEM_TYPES` of `item`'s CFItemType."""
    return next(key for key, (title, _, _) in ITEM_TYPES.items() if title == item["CFItemType"])


def _equal_grades(p: _Package) -> None:
    """``exactMatchOf`` between levels of the same grade on different tracks, once per pair."""
    levels = list(p.framework.levels())
    for index, first in enumerate(levels):
        for second in levels[index + 1 :]:
            if first.level.grade == second.level.grade and first.role.track != second.role.track:
                p.associate("exactMatchOf", f"level:{first.ref}", f"level:{second.ref}")


def _rubric(p: _Package, role: Role) -> dict[str, Any]:
    framework, names = p.framework, p.names
    identifier = p.identifier(f"rubric:{role.id}")
    competencies: list[str] = []
    for level in role.levels:
        competencies.extend(c for c in level.expects if c not in competencies)
    criteria = []
    for position, competency_id in enumerate(competencies, start=1):
        criterion_id = p.identifier(f"criterion:{role.id}:{competency_id}")
        levels = []
        for index, level in enumerate(role.levels, start=1):
            if competency_id not in level.expects:
                continue
            ref = f"{role.id}@{level.id}"
            expected = next(e for e in framework.expected(ref) if e.competency == competency_id)
            level_id = p.identifier(f"criterion-level:{ref}:{competency_id}")
            levels.append(
                {
                    "identifier": level_id,
                    "uri": p.uri(level_id),
                    "quality": _line(names.step(expected.step)),
                    "description": "\n".join(
                        names.text(b.behaviour.text) for b in expected.behaviours
                    ),
                    "position": index,
                    "rubricCriterionId": criterion_id,
                    "lastChangeDateTime": p.changed,
                }
            )
        criterion: dict[str, Any] = {
            "identifier": criterion_id,
            "uri": p.uri(criterion_id),
            "category": _line(names.competency(competency_id)),
            "position": position,
            "rubricId": identifier,
            "lastChangeDateTime": p.changed,
            "CFRubricCriterionLevels": levels,
        }
        if f"competency:{competency_id}" in p.links:
            criterion["CFItemURI"] = p.link(f"competency:{competency_id}")
        competency = framework.competencies.get(competency_id)
        if competency is not None and competency.summary is not None:
            criterion["description"] = names.text(competency.summary)
        criteria.append(criterion)
    rubric: dict[str, Any] = {
        "identifier": identifier,
        "uri": p.uri(identifier),
        "title": _line(names.role(role.id)),
        "lastChangeDateTime": p.changed,
        "CFRubricCriteria": criteria,
    }
    if role.summary is not None:
        rubric["description"] = names.text(role.summary)
    return rubric
