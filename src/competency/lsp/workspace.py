"""What the language server knows, without the protocol: files, diagnostics, ids and texts.

A `Workspace` holds the parsed documents of one framework folder and of the
evidence files it knows (evidence folders given at start, and every evidence
file the editor opens), each document either as read from disk or as the
editor's unsaved text. An edit re-parses only the edited document; the
framework is then checked again incrementally (a `FrameworkCache` keeps what
every other document gave, so only the edited file's rules and the rules
that span files run again),
and evidence files are checked again only when the framework's outcome
changed (or when the edited file is itself evidence). Diagnostics are the
ones `competency validate` gives: the same checks, codes and positions.

Everything an editor asks about an id (completion, hover, definition,
references) goes through `competency.references`, the one place that knows
where ids are defined and referred to; positions through
`Positions.at`, the reverse positions index. Lines and columns here are
1-based, as in diagnostics; the server converts to the protocol's 0-based
ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from competency import model as models
from competency.check.evidence import EvidenceSet, check_evidence
from competency.check.framework import CheckedFramework, FrameworkCache, check_framework
from competency.diagnostics import Diagnostic
from competency.fielddocs import field_description
from competency.framework import Framework
from competency.io import FRAMEWORK_FILES, find_yaml
from competency.load import DEFAULT_MAX_BYTES, Document, load_document, parse_bytes
from competency.references import EXTERNAL_PREFIX, Name, Place, places, symbol
from competency.text import localize

__all__ = ["Completion", "Hit", "Workspace"]

#: The kinds of file the server works on, and the model of each (for key completion).
_MODELS: dict[str, type[BaseModel]] = {
    "framework": models.FrameworkInfo,
    "competency": models.Competency,
    "role": models.Role,
    "paths": models.Paths,
    "evidence": models.Evidence,
    "evidence-mapping": models.EvidenceMapping,
}
#: The fixed values of a source (docs/format.md, evidence items).
SOURCES = ("self", "manager", "peer", "customer", "system")
_KEY = re.compile(r"([A-Za-z_][\w-]*)\s*:(?:\s|$)")
_DID_YOU_MEAN = re.compile(r"did you mean '([^']+)'")
#: Line breaks as YAML (and so every line number here) counts them.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class Hit:
    """One occurrence of an id in a file: where it is, and the place that holds it."""

    path: Path
    place: Place
    name: Name
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Completion:
    """One completion: the text to insert and a short description."""

    label: str
    detail: str = ""


@dataclass
class _File:
    """One document the workspace knows, and whether it belongs to the framework."""

    document: Document
    framework: bool
    places: list[Place] = field(default_factory=list)
    evidence: models.Evidence | None = None
    _lines: list[str] | None = None

    @property
    def lines(self) -> list[str]:
        """The document's text as lines, decoded once."""
        if self._lines is None:
            text = self.document.raw.decode("utf-8-sig", "replace")
            self._lines = _BREAK.split(text)
        return self._lines


class Workspace:
    """The framework folder and evidence files an editor works on, kept in memory."""

    def __init__(
        self,
        matrices: Path | None,
        evidence: Iterable[Path] = (),
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.matrices = matrices.resolve() if matrices is not None else None
        self.max_bytes = max_bytes
        self.files: dict[Path, _File] = {}
        self.checked: CheckedFramework | None = None
        self._cache = FrameworkCache()
        self.diagnostics: dict[Path, list[Diagnostic]] = {}
        if self.matrices is not None and self.matrices.is_dir():
            for path in self._framework_paths():
                self._put(path, load_document(path, str(path), max_bytes=max_bytes), True)
        for folder in evidence:
            given = folder.resolve()
            for path in find_yaml(given) if given.is_dir() else [given]:
                if path not in self.files:
                    self._put(path, load_document(path, str(path), max_bytes=max_bytes), False)
        self._check_framework()
        self._check_evidence(None)

    # --- reading and checking -------------------------------------------------------------

    def _framework_paths(self) -> list[Path]:
        assert self.matrices is not None
        folder = self.matrices
        # As io.read_framework orders them: the folder's own framework.yaml first.
        return sorted(
            find_yaml(folder),
            key=lambda p: p.parent != folder or p.name not in FRAMEWORK_FILES,
        )

    def _put(self, path: Path, document: Document, framework: bool) -> None:
        self.files[path] = _File(document, framework, places(document.data))

    def in_framework(self, path: Path) -> bool:
        """Whether `path` is a file of the framework folder."""
        return self.matrices is not None and self.matrices in path.resolve().parents

    def update(self, path: Path, text: str | None) -> set[Path]:
        """Take the editor's text of `path` (None: read the file again); return what to publish.

        Only the edited document is parsed again. The framework is checked
        again when the file is one of its own; evidence files are checked
        again when the framework's outcome changed, else only the edited one.
        """
        path = path.resolve()
        before = dict(self.diagnostics)
        framework = self.in_framework(path)
        if text is None:
            document = load_document(path, str(path), max_bytes=self.max_bytes)
        else:
            document = parse_bytes(text.encode("utf-8"), path, str(path))
        known = path in self.files
        self._put(path, document, framework)
        if framework:
            if not known:  # a new file of the framework: keep the folder's order
                order = {p: n for n, p in enumerate(self._framework_paths())}
                self.files = dict(
                    sorted(self.files.items(), key=lambda item: order.get(item[0], len(order)))
                )
            old = self.checked.framework if self.checked is not None else None
            self._check_framework()
            new = self.checked.framework if self.checked is not None else None
            self._check_evidence(None if _changed(old, new) else set())
        else:
            self._check_evidence({path})
        return {
            p
            for p in self.diagnostics.keys() | before.keys()
            if before.get(p) != self.diagnostics.get(p)
        }

    def _check_framework(self) -> None:
        for path, file in self.files.items():
            if file.framework:
                self.diagnostics[path] = []
        if self.matrices is None:
            self.checked = None
            return
        documents = [file.document for file in self.files.values() if file.framework]
        self.checked = check_framework(
            str(self.matrices), documents, self.matrices, cache=self._cache
        )
        for diagnostic in self.checked.diagnostics:
            path = Path(diagnostic.file)
            if path == self.matrices:  # about the folder: shown on framework.yaml
                path = self.matrices / FRAMEWORK_FILES[0]
            self.diagnostics.setdefault(path, []).append(diagnostic)

    @property
    def framework(self) -> Framework | None:
        """The framework when it checks without errors, else None."""
        return self.checked.framework if self.checked is not None else None

    def _evidence(self) -> list[Path]:
        inside = {id(d) for d in self.checked.evidence} if self.checked is not None else set()
        return [
            path
            for path, file in self.files.items()
            if not file.framework or id(file.document) in inside
        ]

    def _check_evidence(self, only: set[Path] | None) -> None:
        """Check evidence files against the framework: all of them, or those in `only`.

        The one-file-per-person rule spans files, so it is run over all of
        them in order, cheaply, from the checked models kept from before.
        """
        framework = self.framework
        people = EvidenceSet()
        for path in self._evidence():
            file = self.files[path]
            if _kind(file.document) not in ("evidence", None):
                self.diagnostics.pop(path, None)  # another kind of file: not evidence
                continue
            if only is None or path in only or path not in self.diagnostics:
                file.evidence, problems = check_evidence(file.document, framework)
                self.diagnostics[path] = problems
            problems = [d for d in self.diagnostics[path] if d.code != "U100"]
            if file.evidence is not None and not any(d.severity == "error" for d in problems):
                problems += people.add(file.document, file.evidence)
            self.diagnostics[path] = problems

    # --- ids --------------------------------------------------------------------------------

    def document(self, path: Path) -> Document | None:
        """The document of `path`, as last read or edited."""
        file = self.files.get(path.resolve())
        return file.document if file is not None else None

    def hit(self, path: Path, line: int, column: int) -> Hit | None:
        """The id under a 1-based line and column of `path`, if there is one."""
        file = self.files.get(path.resolve())
        if file is None:
            return None
        node = file.document.positions.at(line, column)
        if node is None:
            return None
        for place in file.places:
            if place.loc == node.loc and place.key == node.key:
                offset = column - node.start[1] - _quote(file.lines, node.start)
                if node.start[0] != line:
                    return None
                name = place.name_at(offset)
                if name is not None:
                    return self._hit(path.resolve(), file, place, name)
        return None

    def _hit(self, path: Path, file: _File, place: Place, name: Name) -> Hit:
        positions = file.document.positions
        line, column = (positions.keys if place.key else positions.values)[place.loc]
        column += _quote(file.lines, (line, column))
        return Hit(path, place, name, line, column + name.start, line, column + name.end)

    def occurrences(self, name: Name) -> list[Hit]:
        """Every place that defines or refers to the id `name`, in file order."""
        wanted = symbol(name)
        found = []
        for path, file in self.files.items():
            for place in file.places:
                for other in place.names():
                    if symbol(other) == wanted:
                        found.append(self._hit(path, file, place, other))
        return found

    def definitions(self, name: Name) -> list[Hit]:
        """Where the id `name` is defined."""
        return [
            hit
            for hit in self.occurrences(name)
            if hit.place.defines and hit.name == _whole(hit.place, hit.name)
        ]

    def defined(self, kind: str) -> list[tuple[str, Hit]]:
        """Every id of a kind the files define, with its definition, in file order."""
        found: dict[str, Hit] = {}
        for path, file in self.files.items():
            for place in file.places:
                if place.defines and place.kind == kind:
                    for name in place.names():
                        found.setdefault(name.id, self._hit(path, file, place, name))
        return list(found.items())

    # --- hover ------------------------------------------------------------------------------

    def hover(self, path: Path, line: int, column: int) -> str | None:
        """What the id under the cursor means, in the framework's default locale (Markdown)."""
        hit = self.hit(path, line, column)
        if hit is None:
            return None
        for definition in self.definitions(hit.name):
            entry = self._entry(definition)
            if entry is not None:
                return self._describe(definition.name, entry)
        return None

    def _entry(self, hit: Hit) -> dict[str, Any] | None:
        """The mapping that holds a definition's id (a behaviour, a level, a step...)."""
        data: Any = self.files[hit.path].document.data
        for part in hit.place.loc[:-1]:
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return None
        return data if isinstance(data, dict) else None

    def _locale(self) -> str:
        for file in self.files.values():
            data = file.document.data
            if file.framework and isinstance(data, dict) and data.get("kind") == "framework":
                locale = data.get("default_locale")
                return locale if isinstance(locale, str) else "en"
        return "en"

    def _describe(self, name: Name, entry: dict[str, Any]) -> str:
        default = self._locale()

        def text(key: str) -> str:
            value = entry.get(key)
            if isinstance(value, str | dict):
                try:
                    return localize(value, default, default)
                except (TypeError, ValueError, KeyError, AttributeError):
                    return ""
            return ""

        lines = [f"**{name.kind}** `{name.id}`"]
        if name.kind == "behaviour":
            lines.append(text("text"))
        elif name.kind == "level":
            lines.append(text("title"))
            grade = entry.get("grade")
            if isinstance(grade, str):
                lines.append(f"grade: `{grade}`")
            if text("scope"):
                lines.append(f"scope: {text('scope')}")
        elif name.kind == "step":
            lines.append(text("name"))
            if text("meaning"):
                lines.append(text("meaning"))
        else:
            for key in ("name", "title", "summary"):
                if text(key):
                    lines.append(text(key))
        return "\n\n".join(line for line in lines if line)

    # --- completion -------------------------------------------------------------------------

    def complete(self, path: Path, line: int, column: int, text: str) -> list[Completion]:
        """What may be written at a 1-based line and column of `text` (the editor's text)."""
        lines = text.splitlines()
        current = lines[line - 1][: column - 1] if 0 < line <= len(lines) else ""
        keys = _parents(lines, line, current)
        before = current.lstrip(" -")
        found = list(_KEY.finditer(before))
        if found:
            return self._values(found[-1].group(1), keys)
        if current.strip().startswith("-") and keys:
            values = self._values(keys[-1], keys[:-1])
            if values:
                return values
        if keys and keys[-1] == "expects":
            return self._ids("competency")
        return self._keys(path, keys)

    def _values(self, key: str, parents: list[str]) -> list[Completion]:
        if key in ("target", "from", "to") or (key == "level" and "history" in parents):
            levels = [Completion(i, h.place.value) for i, h in self.defined("level")]
            if key in ("from", "to"):
                levels += [Completion(f"{EXTERNAL_PREFIX}{i}") for i, _ in self.defined("external")]
            return levels
        if key in ("shows", "behaviour", "replaces"):
            return self._ids("behaviour")
        if key == "source" or (key == "sources" and "readiness" in parents):
            return [Completion(source) for source in SOURCES]
        if (parents and parents[-1] == "expects") or key == "step" or key == "steps":
            return self._ids("step")
        simple = {
            "competency": "competency",
            "role": "role",
            "grade": "grade",
            "track": "track",
            "category": "category",
            "manager": "person",
            "assessor": "person",
        }
        if key in simple:
            return self._ids(simple[key])
        if key == "level":
            return [Completion(i.partition("@")[2], i) for i, _ in self.defined("level")]
        return []

    def _ids(self, kind: str) -> list[Completion]:
        return [Completion(i, self._short(hit)) for i, hit in self.defined(kind)]

    def _short(self, hit: Hit) -> str:
        """The first line of a definition's description (a name, a title, a text)."""
        entry = self._entry(hit)
        if entry is None:
            return ""
        parts = self._describe(hit.name, entry).split("\n\n")
        return parts[1] if len(parts) > 1 else ""

    def _keys(self, path: Path, keys: list[str]) -> list[Completion]:
        document = self.document(path)
        data = document.data if document is not None else None
        kind = data.get("kind") if isinstance(data, dict) else None
        model = _MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            return [Completion("kind"), Completion("format")]
        for key in keys:
            inner = _field_model(model, key)
            if inner is None:
                return []
            model = inner
        return [
            Completion(info.alias or name, (field_description(model, name) or "").split("\n")[0])
            for name, info in model.model_fields.items()
        ]

    # --- code actions -----------------------------------------------------------------------

    @staticmethod
    def suggestion(diagnostic: Diagnostic) -> str | None:
        """The id a diagnostic's "did you mean" names, if any."""
        found = _DID_YOU_MEAN.search(diagnostic.message)
        return found.group(1) if found else None


def _changed(old: Framework | None, new: Framework | None) -> bool:
    """Whether the evidence's view of the framework may differ (always, unless both absent)."""
    return not (old is None and new is None)


def _kind(document: Document) -> str | None:
    data = document.data
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) else None


def _quote(lines: list[str], start: tuple[int, int]) -> int:
    """1 when the scalar at `start` is quoted (its characters start one column later)."""
    line, column = start
    if 0 < line <= len(lines) and lines[line - 1][column - 1 : column] in ("'", '"'):
        return 1
    return 0


def _whole(place: Place, name: Name) -> Name:
    """The last name a place holds: the one its definition defines."""
    names = place.names()
    return names[-1] if names else name


def _parents(lines: list[str], line: int, current: str) -> list[str]:
    """The mapping keys above a line, outermost first, found by indentation.

    A list item's own dash counts as its indentation; a key on the dash line
    of an item above is a sibling of the keys under it, not their parent.
    """
    stripped = current.lstrip(" ")
    indent = len(current) - len(stripped)
    if not stripped.startswith("-"):
        indent = len(current) - len(current.lstrip(" -"))
    keys: list[str] = []
    for number in range(line - 2, -1, -1):
        text = lines[number]
        body = text.lstrip(" ")
        here = len(text) - len(body)
        if not body or body.startswith("#") or here >= indent:
            continue
        item = body.startswith("-")
        match = _KEY.match(body.lstrip("- "))
        if match and (not item or here + 2 < indent) and not body.lstrip("- ").startswith("{"):
            keys.insert(0, match.group(1))
        indent = here
        if here == 0:
            break
    return keys


def _field_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    """The model of field `key` of `model`, through lists, maps and optional values."""
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return _inner(info.annotation)
    return None


def _inner(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in reversed(get_args(annotation)):
            found = _inner(arg)
            if found is not None:
                return found
    return None
