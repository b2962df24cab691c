"""``competency import PACKAGE.json``: a 1EdTech CASE 1.1 CFPackage into a framework folder.

A file whose content starts like JSON (``{`` or ``[``) is read as a CASE
package (the long table is CSV or a workbook, which do not). It is
parsed with the positions of every value, checked against the CASE schema
competency ships (``case-1.1.schema.json``, with ``additionalProperties``
lifted, since other tools write attributes competency does not), and then:

- a package competency wrote (its CFDocument carries the ``competency``
  extension) is rebuilt from its extensions, file by file, so it imports
  into the framework that was exported; a CASE text edited since (a
  statement that no longer matches the extension) is reported (I111);
- any other package is mapped by its structure, every choice reported in
  `ImportResult.choices` (docs/interop.md, "Importing a CASE package"):
  the ``isChildOf`` tree gives categories (roots), competencies (items with
  a leaf child) and behaviours (leaves); ``hasSkillLevel`` items and the
  rubrics' criterion levels give the scale; ``isTranslationOf`` items give
  the texts in other locales.

Problems are I110 (the file is not a readable CASE package: nothing is
written) and I111 (a part of the package that is not imported as written).
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from competency.diagnostics import Diagnostic
from competency.edit import EditError, Schemas
from competency.interop.case import EXTENSION, CaseOptions, case_package, case_schema
from competency.interop.importer import ImportResult, write_documents
from competency.io import read_framework
from competency.load import Loc, Positions, parse_yaml
from competency.model import FORMAT, ID_MAX, SEMVER_PATTERN, is_id

__all__ = ["case_documents", "import_case", "is_case_package"]

#: The largest package read (a CASE package of a whole curriculum is a few MiB).
MAX_BYTES = 64 * 1024 * 1024
#: At most this many schema problems are reported.
MAX_PROBLEMS = 100

Documents = dict[str, tuple[str, dict[str, Any]]]


def is_case_package(path: str | os.PathLike[str]) -> bool:
    """True when the file at `path` starts (after a byte-order mark and blanks) like JSON.

    ``{`` or ``[``: JSON that is no CASE package is then reported as such
    (I110) rather than as a table that cannot be read.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] in {b"{", b"["}


@dataclass
class _Package:
    """The package being read: its data, positions and what was found."""

    display: str
    data: Any = None
    positions: Positions = field(default_factory=Positions)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)

    def problem(self, loc: Loc, code: str, message: str) -> None:
        line, column = self.positions.value(loc)
        self.diagnostics.append(Diagnostic.make(self.display, line, column, code, message))


def import_case(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    schemas: Schemas,
    display: str | None = None,
    out_display: str | None = None,
) -> ImportResult:
    """Read the CASE package in `path` and write the framework it holds into the folder `out`.

    Raises `EditError` when `out` exists and is not an empty folder. When the
    package cannot be read (I110), nothing is written; else the files are
    written and validated, and the result lists what was found and chosen.
    """
    root = Path(out)
    if root.is_symlink() or (root.exists() and (not root.is_dir() or any(root.iterdir()))):
        raise EditError(f"{out} exists and is not an empty folder; choose a new folder")
    package = _Package(display if display is not None else os.fspath(path))
    _read(package, Path(path))
    documents = case_documents(package) if package.data is not None else None
    result = ImportResult(diagnostics=list(package.diagnostics), choices=package.choices)
    if documents is None or not result.ok:
        return result
    write_documents(root, documents, schemas)
    result.files = [root / name for name in documents]
    shown = out_display if out_display is not None else os.fspath(out)
    checked = read_framework(root, display=shown)
    result.diagnostics.extend(checked.diagnostics)
    if checked.framework is not None and _extension(package.data["CFDocument"]) is not None:
        _compare(package, checked.framework)
        result.diagnostics = [*package.diagnostics, *checked.diagnostics]
    return result


# --- reading and checking ------------------------------------------------------------------


def _read(package: _Package, path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        package.problem((), "I110", f"cannot read the file: {error.strerror or error}")
        return
    if len(raw) > MAX_BYTES:
        package.problem((), "I110", f"the package is larger than {MAX_BYTES >> 20} MiB")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        package.problem((), "I110", f"not UTF-8 (byte {error.start + 1})")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        package.diagnostics.append(
            Diagnostic.make(
                package.display, error.lineno, error.colno, "I110", f"not JSON: {error.msg}"
            )
        )
        return
    parsed, positions, problems = parse_yaml(text, package.display)
    if not problems and parsed == data:
        package.positions = positions  # JSON is YAML: the strict parser gives the places
    if not isinstance(data, dict) or "CFDocument" not in data:
        package.problem((), "I110", "not a CASE package: the JSON object has no CFDocument")
        return
    if _check_schema(package, data):
        package.data = data


@cache
def _import_schema() -> dict[str, Any]:
    """The CASE schema with every ``additionalProperties: false`` lifted."""

    def lift(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: lift(v) for k, v in node.items() if k != "additionalProperties"}
        if isinstance(node, list):
            return [lift(v) for v in node]
        return node

    schema: dict[str, Any] = lift(copy.deepcopy(case_schema()))
    schema["$defs"]["Extensions"]["additionalProperties"] = True
    return schema


def _check_schema(package: _Package, data: dict[str, Any]) -> bool:
    from jsonschema import (
        Draft202012Validator,
        FormatChecker,
    )

    validator = Draft202012Validator(_import_schema(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors[:MAX_PROBLEMS]:
        loc = tuple(error.absolute_path)
        where = "/" + "/".join(str(p) for p in loc)
        package.problem(loc, "I110", f"fails the CASE 1.1 schema at {where}: {error.message}")
    return not errors


def _extension(node: Any) -> dict[str, Any] | None:
    """The ``competency`` extension of a CASE object, if it has one."""
    if isinstance(node, dict) and isinstance(node.get("extensions"), dict):
        found = node["extensions"].get(EXTENSION)
        return found if isinstance(found, dict) else None
    return None


def case_documents(package: _Package) -> Documents | None:
    """The YAML documents the package holds (path -> kind, data), or None when it has none."""
    data = package.data
    if _extension(data["CFDocument"]) is not None:
        return _own_documents(package)
    return _Foreign(package).documents()


# --- packages competency wrote ---------------------------------------------------------------


def _own_documents(package: _Package) -> Documents | None:
    data = package.data
    extension = _extension(data["CFDocument"]) or {}
    framework = extension.get("framework")
    if not isinstance(framework, dict):
        package.problem(("CFDocument", "extensions"), "I110", "the extension has no framework")
        return None
    documents: Documents = {"framework.yaml": ("framework", framework)}
    for index, item in enumerate(data.get("CFItems", [])):
        own = _extension(item)
        if own is None:
            continue
        for kind, folder in (("competency", "competencies"), ("role", "roles")):
            body = own.get(kind)
            if body is None:
                continue
            ident = body.get("id") if isinstance(body, dict) else None
            if not isinstance(ident, str) or not is_id(ident):
                loc = ("CFItems", index, "extensions")
                package.problem(loc, "I110", f"the {kind} in the extension has no valid id")
                return None
            name = f"{folder}/{ident}.yaml"
            if name in documents:
                loc = ("CFItems", index, "extensions")
                package.problem(loc, "I110", f"the {kind} {ident!r} is given twice")
                return None
            documents[name] = (kind, body)
    moves = extension.get("moves")
    if isinstance(moves, list) and moves:
        documents["paths.yaml"] = ("paths", {"format": FORMAT, "kind": "paths", "moves": moves})
    package.choices.append("a package competency wrote: rebuilt from its competency extensions")
    return documents


def _compare(package: _Package, framework: Any) -> None:
    """I111 for each CFItem whose text differs from what the extension exports (edited since)."""
    data = package.data
    document = data["CFDocument"]
    identifier = document["identifier"]
    uri = document["uri"]
    base = uri[: -len(identifier)] if uri.endswith(identifier) else "urn:uuid:"
    changed = datetime.fromisoformat(document["lastChangeDateTime"].replace("Z", "+00:00"))
    options = CaseOptions(changed, document.get("creator"), base, document.get("language"))
    again = {item["identifier"]: item for item in case_package(framework, options)["CFItems"]}
    for index, item in enumerate(data.get("CFItems", [])):
        expected = again.get(item["identifier"])
        if expected is None:
            package.problem(
                ("CFItems", index),
                "I111",
                f"CFItem {item['identifier']} is not in the competency extension; it is ignored",
            )
            continue
        for key in ("fullStatement", "notes"):
            if item.get(key) != expected.get(key):
                package.problem(
                    ("CFItems", index, key),
                    "I111",
                    f"the {key} differs from the competency extension (edited after the export?);"
                    " the extension was imported",
                )


# --- packages other tools wrote -----------------------------------------------------------------


def _slug(text: str, fallback: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    slug = words[:ID_MAX].strip("-")
    if not slug or not slug[0].isalpha():
        slug = f"{fallback}-{slug}".strip("-")[:ID_MAX].strip("-")
    return slug


def _unique(slug: str, taken: set[str]) -> str:
    found, number = slug, 2
    while found in taken:
        suffix = f"-{number}"
        found = slug[: ID_MAX - len(suffix)].rstrip("-") + suffix
        number += 1
    taken.add(found)
    return found


def _line(text: str) -> str:
    return " ".join(text.split())


class _Foreign:
    """Maps a package by its structure; every choice goes to `package.choices`."""

    def __init__(self, package: _Package) -> None:
        self.package = package
        data = package.data
        self.document: dict[str, Any] = data["CFDocument"]
        self.items: dict[str, dict[str, Any]] = {}
        self.index: dict[str, int] = {}
        for number, item in enumerate(data.get("CFItems", [])):
            if item["identifier"] in self.items:
                package.problem(("CFItems", number), "I111", "a CFItem given twice; ignored")
                continue
            self.items[item["identifier"]] = item
            self.index[item["identifier"]] = number
        self.children: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
        self.parent: dict[str, str] = {}
        self.skill_levels: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
        self.translations: dict[str, list[str]] = defaultdict(list)
        self.locale = self._locale()
        self.locales: list[str] = [self.locale]
        self._associations(data.get("CFAssociations", []))

    def choose(self, text: str) -> None:
        self.package.choices.append(text)

    def _locale(self) -> str:
        language = self.document.get("language")
        if isinstance(language, str) and language:
            return language
        self.choose("the CFDocument names no language: texts are taken as English (en)")
        return "en"

    def _associations(self, associations: list[dict[str, Any]]) -> None:
        hidden = set()
        for number, association in enumerate(associations):
            kind = association["associationType"]
            origin = association["originNodeURI"]["identifier"]
            target = association["destinationNodeURI"]["identifier"]
            order = association.get("sequenceNumber")
            key = (float(order) if isinstance(order, int) else float("inf"), number)
            known = origin in self.items and (
                target in self.items or target == self.document["identifier"]
            )
            if kind in {"isChildOf", "hasSkillLevel", "isTranslationOf"} and not known:
                self.package.problem(
                    ("CFAssociations", number),
                    "I111",
                    f"{kind} between items the package does not hold; ignored",
                )
                continue
            if kind == "isChildOf":
                if origin in self.parent:
                    self.package.problem(
                        ("CFAssociations", number),
                        "I111",
                        "a second parent for the same item; the first is kept",
                    )
                    continue
                self.parent[origin] = target
                self.children[target].append((*key, origin))
            elif kind == "hasSkillLevel":
                self.skill_levels[origin].append((*key, target))
                hidden.add(target)
            elif kind == "isTranslationOf":
                self.translations[target].append(origin)
                hidden.add(origin)
            elif kind not in {"precedes", "isRelatedTo", "exactMatchOf", "replacedBy"}:
                self.choose(f"{kind} associations are not imported (nothing in the format fits)")
        self.hidden = hidden
        if any(k["associationType"] in {"precedes", "isRelatedTo"} for k in associations):
            self.choose("precedes and isRelatedTo associations are not imported")

    def kids(self, identifier: str) -> list[str]:
        found = sorted(self.children.get(identifier, []))
        return [ident for _, _, ident in found if ident not in self.hidden]

    def parent_like(self, identifier: str) -> bool:
        """True when the item has children or skill levels: it is no behaviour."""
        return bool(self.kids(identifier) or self.skill_levels.get(identifier))

    def text(self, identifier: str, key: str) -> str | dict[str, str]:
        """An item's text in the package's language, with its translations."""
        item = self.items[identifier]
        value = _line(item[key]) if key != "notes" else item[key].strip()
        texts = {self.locale: value}
        for other in self.translations.get(identifier, []):
            translated = self.items[other]
            language = translated.get("language")
            if isinstance(language, str) and language not in texts and translated.get(key):
                texts[language] = translated[key].strip()
                if language not in self.locales:
                    self.locales.append(language)
        return texts[self.locale] if len(texts) == 1 else texts

    def documents(self) -> Documents | None:
        root = self.document["identifier"]
        roots = [i for i in self.items if self.parent.get(i, root) == root]
        roots = [i for i in roots if i not in self.hidden]
        if not roots:
            self.package.problem(("CFDocument",), "I110", "the package has no CFItems to import")
            return None
        scale = self._scale()
        competencies = self._competencies(roots, scale)
        framework = self._framework(scale)
        documents: Documents = {"framework.yaml": ("framework", framework)}
        for ident, data in competencies.items():
            documents[f"competencies/{ident}.yaml"] = ("competency", data)
        self.choose(
            "no roles: CASE holds no career ladder; add roles/ROLE.yaml files to the folder"
        )
        return documents

    def _scale(self) -> list[dict[str, Any]]:
        """Steps from the rubrics' criterion levels, else from skill levels, else one step."""
        qualities: dict[str, tuple[float, str]] = {}
        for rubric in self.package.data.get("CFRubrics", []):
            for criterion in rubric.get("CFRubricCriteria", []):
                for level in criterion.get("CFRubricCriterionLevels", []):
                    quality = _line(level.get("quality") or "")
                    order = level.get("score", level.get("position", 0))
                    if quality and quality not in qualities:
                        qualities[quality] = (float(order), quality)
        self.step_of_quality: dict[str, str] = {}
        self.summaries: dict[tuple[str, str], str] = {}
        taken: set[str] = set()
        if qualities:
            steps = []
            for _, quality in sorted(qualities.values()):
                ident = _unique(_slug(quality, "step"), taken)
                self.step_of_quality[quality] = ident
                steps.append({"id": ident, "name": quality})
            for rubric in self.package.data.get("CFRubrics", []):
                for criterion in rubric.get("CFRubricCriteria", []):
                    item = (criterion.get("CFItemURI") or {}).get("identifier")
                    for level in criterion.get("CFRubricCriterionLevels", []):
                        quality = _line(level.get("quality") or "")
                        if item and quality and (level.get("description") or "").strip():
                            key = (item, self.step_of_quality[quality])
                            self.summaries[key] = level["description"].strip()
            self.choose(
                "the scale: the rubrics' criterion levels by score (else position), "
                "their descriptions the summaries of the competencies' steps: "
                + ", ".join(s["id"] for s in steps)
            )
            return steps
        most = max((len(v) for v in self.skill_levels.values()), default=0)
        if most:
            steps = [{"id": f"step-{n}", "name": f"Step {n}"} for n in range(1, most + 1)]
            self.choose(
                f"the scale: {most} steps, the n-th hasSkillLevel item of a competency at step-n"
            )
            return steps
        self.choose("the scale: one step, 'expected' (the package has no skill levels or rubrics)")
        return [{"id": "expected", "name": "Expected"}]

    def _competencies(
        self, roots: list[str], scale: list[dict[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        self.categories: dict[str, dict[str, Any]] = {}
        taken: set[str] = set()
        competencies: dict[str, dict[str, Any]] = {}
        first_step = scale[0]["id"]
        stack: list[tuple[str, str | None]] = [(r, None) for r in reversed(roots)]
        while stack:
            ident, category = stack.pop()
            kids = self.kids(ident)
            leaves = [k for k in kids if not self.parent_like(k)]
            inner = [k for k in kids if self.parent_like(k)]
            item = self.items[ident]
            if not self.parent_like(ident) and category is None:
                self.choose(
                    f"{self._code(ident)}: a root item with no children becomes a competency"
                )
                leaves = [ident]
            if not leaves and not self.skill_levels.get(ident):
                # a grouping: a root is a category, a deeper one is flattened into it
                if category is None:
                    category = self._category(ident)
                else:
                    self.choose(f"{self._code(ident)}: a grouping below a category; flattened")
                stack.extend((k, category) for k in reversed(inner))
                continue
            if category is None:
                category = self._general()
            competency_id = _unique(_slug(self._code(ident), "competency"), taken)
            data: dict[str, Any] = {
                "format": FORMAT,
                "kind": "competency",
                "id": competency_id,
                "name": self.text(ident, "abbreviatedStatement")
                if item.get("abbreviatedStatement")
                else self.text(ident, "fullStatement"),
                "category": category,
            }
            if item.get("notes"):
                data["summary"] = self.text(ident, "notes")
            elif item.get("abbreviatedStatement"):
                data["summary"] = self.text(ident, "fullStatement")
            steps = self._steps(ident, leaves, scale, first_step)
            if steps:
                data["steps"] = steps
            competencies[competency_id] = data
            if inner:
                self.choose(
                    f"{self._code(ident)}: its items with children of their own become "
                    "competencies of the same category"
                )
                stack.extend((k, category) for k in reversed(inner))
        return competencies

    def _steps(
        self, ident: str, leaves: list[str], scale: list[dict[str, Any]], first: str
    ) -> dict[str, Any]:
        steps: dict[str, list[str]] = defaultdict(list)
        if leaves:
            steps[first].extend(leaves)
            if self.skill_levels.get(ident) or len(scale) > 1:
                self.choose(
                    f"{self._code(ident)}: behaviours without a skill level are put at {first}"
                )
        for position, (_, _, level) in enumerate(sorted(self.skill_levels.get(ident, []))):
            step = scale[min(position, len(scale) - 1)]["id"]
            steps[step].extend(self.kids(level) or [level])
        out: dict[str, Any] = {}
        for step in (s["id"] for s in scale):
            if not steps.get(step):
                continue
            taken: set[str] = set()
            behaviours = []
            for leaf in steps[step]:
                behaviour_id = _unique(_slug(self._code(leaf), "b"), taken)
                behaviours.append({"id": behaviour_id, "text": self.text(leaf, "fullStatement")})
            summary = self.summaries.get((ident, step))
            out[step] = {"summary": summary} if summary else {}
            out[step]["behaviours"] = behaviours
        return out

    def _code(self, ident: str) -> str:
        item = self.items[ident]
        for key in ("humanCodingScheme", "abbreviatedStatement", "fullStatement"):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split()[:8])
        return ident

    def _category(self, ident: str) -> str:
        category = _unique(_slug(self._code(ident), "category"), set(self.categories))
        entry: dict[str, Any] = {"id": category, "name": self.text(ident, "fullStatement")}
        if self.items[ident].get("notes"):
            entry["summary"] = self.text(ident, "notes")
        self.categories[category] = entry
        return category

    def _general(self) -> str:
        if "general" not in self.categories:
            self.categories["general"] = {"id": "general", "name": "General"}
            self.choose("competencies at the top of the tree go into the category 'general'")
        return "general"

    def _framework(self, scale: list[dict[str, Any]]) -> dict[str, Any]:
        document = self.document
        title = _line(document["title"])
        version = document.get("version")
        if isinstance(version, str) and re.fullmatch(r"[0-9]+(\.[0-9]+)?", version):
            padded = ".".join([*version.split("."), "0", "0"][:3])
            self.choose(f"version {version!r} is given three numbers: {padded}")
            version = padded
        if not (isinstance(version, str) and re.match(SEMVER_PATTERN, version)):
            self.choose(f"version {version!r} is not semantic: 1.0.0 is used")
            version = "1.0.0"
        framework: dict[str, Any] = {
            "format": FORMAT,
            "kind": "framework",
            "id": _slug(title, "framework"),
            "title": title,
            "version": version,
        }
        if document.get("description"):
            framework["summary"] = document["description"].strip()
        framework["default_locale"] = self.locale
        if len(self.locales) > 1:
            framework["locales"] = self.locales
        framework["scale"] = scale
        framework["categories"] = list(self.categories.values())
        framework["tracks"] = [{"id": "main", "name": "Main"}]
        framework["grades"] = [{"id": "g1", "name": "Grade 1"}]
        self.choose("one track ('main') and one grade ('g1'): CASE has neither")
        return framework
