"""``competency import``: a long table (CSV or XLSX) back into a framework folder of YAML files.

The table is read by `competency.interop.reader`, every row is checked
against the row kinds of `competency.interop.table` (with the sheet, row and
column of each problem), and only a table without errors is written: one
``framework.yaml``, one file per competency and per role, and ``paths.yaml``,
each with its schema modeline, into a folder that must be new or empty.
The folder is then read back with `competency.io.read_framework`, so rules
that span files (an unknown competency, a step lower than the level below)
are reported as `competency validate` reports them, in the written files.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from competency.check.portable import is_reserved_file_name
from competency.diagnostics import Diagnostic, Severity
from competency.edit import EditError, Schemas
from competency.edit._files import create_file, is_id
from competency.interop.reader import Cell, Table, TableRow, read_table
from competency.interop.table import LOCATION
from competency.io import read_framework
from competency.load import plain_is_text
from competency.model import (
    FORMAT,
    Behaviour,
    Category,
    Competency,
    CompetencyStep,
    Expectation,
    FrameworkInfo,
    Level,
    Metric,
    Move,
    Readiness,
    Reference,
    Resource,
    Role,
    Step,
    declared_keys,
)

__all__ = ["ImportResult", "import_table", "table_documents", "write_documents"]

_INDEX = r"(0|[1-9][0-9]{0,5})"
#: Problems after which the rows cannot be read: the file, or its header.
_UNUSABLE = frozenset({"I100", "I101", "I102"})
_REPLACES_SPLIT = re.compile(r"[\s,;]+")


@dataclass
class ImportResult:
    """The files written (none when the input had errors), every diagnostic, and the choices made.

    `choices` says, one sentence each, how a CASE package that competency
    did not write was mapped (docs/interop.md); a long table needs none.
    """

    files: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    choices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is an error."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


class _Texts(dict[str, str]):
    """A text being collected, locale by locale; `_finish` makes it a string or a map."""


#: The fields of each kind of row: a name, or a pattern (with an index) -> the value's type.
_TEXT, _VALUE, _LIST, _BOOL, _INT, _FLOAT = "text", "value", "list", "bool", "int", "float"
_FIELDS: dict[str, dict[str, str]] = {
    "framework": {
        "id": _VALUE,
        "title": _TEXT,
        "version": _VALUE,
        "summary": _TEXT,
        "default_locale": _VALUE,
        "locales": _LIST,
        "cumulative": _BOOL,
        r"categories\.ID\.name": _TEXT,
        r"categories\.ID\.summary": _TEXT,
        r"tracks\.ID\.name": _TEXT,
        r"families\.ID\.name": _TEXT,
        r"externals\.ID\.name": _TEXT,
        "readiness.max_age_months": _INT,
        "readiness.min_items": _INT,
        "readiness.min_sources": _INT,
        "readiness.sources": _LIST,
        "readiness.competency_met": _VALUE,
        "readiness.competency_met.at_least": _FLOAT,
        "readiness.almost_within": _INT,
        "readiness.carry_confirmed": _BOOL,
        r"moves\.N\.from": _VALUE,
        r"moves\.N\.to": _VALUE,
        r"moves\.N\.type": _VALUE,
        r"moves\.N\.note": _TEXT,
    },
    "scale": {"name": _TEXT, "meaning": _TEXT},
    "grade": {"name": _TEXT},
    "competency": {
        "name": _TEXT,
        "category": _VALUE,
        "summary": _TEXT,
        r"hiring\.questions\.N": _TEXT,
        r"hiring\.signals\.N": _TEXT,
        r"hiring\.red_flags\.N": _TEXT,
        r"references\.N\.scheme": _VALUE,
        r"references\.N\.code": _VALUE,
        r"references\.N\.url": _VALUE,
    },
    "competency-step": {
        "summary": _TEXT,
        r"resources\.N\.title": _TEXT,
        r"resources\.N\.kind": _VALUE,
        r"resources\.N\.url": _VALUE,
    },
    "behaviour": {"behaviour": _TEXT, r"examples\.N": _TEXT},
    "role": {
        "title": _TEXT,
        "track": _VALUE,
        "family": _VALUE,
        "summary": _TEXT,
        "why": _TEXT,
    },
    "level": {
        "title": _TEXT,
        "summary": _TEXT,
        "scope": _TEXT,
        r"metrics\.N\.name": _TEXT,
        r"metrics\.N\.target": _TEXT,
    },
    "expectation": {"expects": _VALUE, "note": _TEXT},
}
_PATTERNS = {
    kind: [
        (re.compile(name.replace("ID", "([^.]+)").replace("N", _INDEX) + r"\Z"), name, value)
        for name, value in fields.items()
    ]
    for kind, fields in _FIELDS.items()
}
#: Which location columns each kind of row fills (beyond these, cells must be blank).
_KINDS: list[tuple[str, frozenset[str]]] = [
    ("framework", frozenset()),
    ("scale", frozenset({"step"})),
    ("grade", frozenset({"grade"})),
    ("competency", frozenset({"competency"})),
    ("competency-step", frozenset({"competency", "step"})),
    ("behaviour", frozenset({"competency", "step", "behaviour"})),
    ("role", frozenset({"role"})),
    ("level", frozenset({"role", "level", "grade"})),
    ("expectation", frozenset({"role", "level", "grade", "competency", "step"})),
    ("role-behaviour", frozenset({"role", "level", "grade", "competency", "step", "behaviour"})),
]


def import_table(
    path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    schemas: Schemas,
    display: str | None = None,
    out_display: str | None = None,
) -> ImportResult:
    """Read the long table in `path` and write the framework it holds into the folder `out`.

    Raises `EditError` when `out` exists and is not an empty folder. When the
    table has errors, nothing is written and the result lists them; else
    the files are written and the result lists what validating them found.
    """
    root = Path(out)
    if root.is_symlink() or (root.exists() and (not root.is_dir() or any(root.iterdir()))):
        raise EditError(f"{out} exists and is not an empty folder; choose a new folder")
    table = read_table(path, display)
    documents = table_documents(table)
    result = ImportResult(diagnostics=list(table.diagnostics))
    if documents is None or not result.ok:
        return result
    write_documents(root, documents, schemas)
    result.files = [root / name for name in documents]
    shown = out_display if out_display is not None else os.fspath(out)
    result.diagnostics.extend(read_framework(root, display=shown).diagnostics)
    return result


def write_documents(
    root: Path, documents: dict[str, tuple[str, dict[str, Any]]], schemas: Schemas
) -> None:
    """Write every document into a temporary folder beside `root`, then move it into place.

    A failure part-way leaves `root` as it was (absent or empty) and removes
    the temporary folder, so a second run is not refused as "not empty".
    """
    root.absolute().parent.mkdir(parents=True, exist_ok=True)
    staging = Path(
        tempfile.mkdtemp(prefix=f".{root.name}.", suffix=".import", dir=root.absolute().parent)
    )
    try:
        for name, (kind, data) in documents.items():
            target = staging / name
            # the modeline is relative to where the file ends up, not to the staging folder
            text = schemas.modeline(kind, root / name) + _dump(data)
            create_file(target, text.encode("utf-8"))
        if root.is_dir() and not root.is_symlink():
            root.rmdir()  # empty, as checked; an entry added since makes this fail, not merge
        os.rename(staging, root)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# --- rows to documents ----------------------------------------------------------------


@dataclass
class _Builder:
    """The framework being rebuilt from the rows, with where each part was first seen."""

    table: Table
    default: str = "en"
    framework: dict[str, Any] = field(default_factory=dict)
    scale: dict[str, dict[str, Any]] = field(default_factory=dict)
    grades: dict[str, dict[str, Any]] = field(default_factory=dict)
    competencies: dict[str, dict[str, Any]] = field(default_factory=dict)
    roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    moves: dict[int, dict[str, Any]] = field(default_factory=dict)
    seen: dict[tuple[str, ...], int] = field(default_factory=dict)
    level_grades: dict[tuple[str, str], Cell] = field(default_factory=dict)
    behaviours: dict[str, tuple[tuple[str, ...], int, str]] = field(default_factory=dict)


def table_documents(table: Table) -> dict[str, tuple[str, dict[str, Any]]] | None:
    """The YAML documents a table holds (path in the folder -> kind, data), or None on errors.

    Problems are added to `table.diagnostics`.
    """
    if any(d.code in _UNUSABLE for d in table.diagnostics):
        return None
    builder = _Builder(table)
    builder.default = _default_locale(table)
    for row in table.rows:
        _take(builder, row)
    _check_steps(builder)
    if any(d.severity is Severity.ERROR for d in table.diagnostics):
        return None
    return _documents(builder)


def _default_locale(table: Table) -> str:
    for row in table.rows:
        if row.text("field") == "default_locale" and not any(row.text(c) for c in LOCATION):
            return row.text("text") or "en"
    return "en"


def _kind(builder: _Builder, row: TableRow) -> str | None:
    """The kind of row its filled location columns make (a level's grade may be left blank)."""
    filled = frozenset(column for column in LOCATION if row.text(column))
    for kind, columns in _KINDS:
        if filled == columns or ("level" in columns and filled == columns - {"grade"}):
            return kind
    first = min(filled, key=LOCATION.index)
    builder.table.at(
        row.cells[first],
        "I109",
        "these location columns do not go together: "
        + ", ".join(c for c in LOCATION if c in filled)
        + " (docs/interop.md lists the kinds of rows)",
    )
    return None


def _take(builder: _Builder, row: TableRow) -> None:
    """Check one row and put its value where it belongs."""
    table = builder.table
    for column in (*LOCATION, "field", "locale", "replaces"):
        found = row.cells.get(column)
        if found is not None and found.kind != "text":
            table.at(found, "I107", f"a {found.kind} where text belongs; format the cell as text")
            return
    if not _ids_ok(table, row):
        return
    kind = _kind(builder, row)
    if kind is None:
        return
    name = row.text("field")
    field_cell = row.cells.get("field") or Cell("", "text", row.number, table.columns["field"])
    fields = _PATTERNS["behaviour" if kind == "role-behaviour" else kind]
    match = next(((m, p, v) for p_re, p, v in fields if (m := p_re.match(name))), None)
    if match is None:
        known = ", ".join(p.replace("\\", "") for _, p, _ in fields)
        table.at(field_cell, "I109", f"unknown field '{name}' for a {kind} row; one of: {known}")
        return
    matched, pattern, value_type = match
    value = _value(builder, row, value_type, name)
    if value is None:
        return
    # A level's grade is one of its values, not part of where a row belongs.
    where = [c for c in LOCATION if c != "grade" or kind == "grade"]
    key = (kind, *(row.text(c) for c in where), name)
    if value_type == _TEXT:
        key = (*key, row.text("locale") or builder.default)
    elif value_type == _LIST:
        key = (*key, str(value))
    if key in builder.seen:
        table.problem(
            row.number,
            1,
            "I104",
            f"duplicate row: row {builder.seen[key]} already gives this value",
        )
        return
    builder.seen[key] = row.number
    _PLACERS[kind](builder, row, matched, pattern, value)


def _ids_ok(table: Table, row: TableRow) -> bool:
    fine = True
    for column in ("role", "level", "grade", "competency", "step"):
        value = row.text(column)
        if value and not is_id(value):
            table.at(row.cells[column], "S104", f"'{value}' is not a valid {column} id")
            fine = False
        elif column in {"role", "competency"} and is_reserved_file_name(value):
            message = f"{column} id '{value}' is a reserved file name on Windows; choose another id"
            table.at(row.cells[column], "U102", message)
            fine = False
    ref = row.text("behaviour")
    owner, _, ident = ref.partition(".")
    if ref and not (is_id(owner) and is_id(ident)):
        table.at(row.cells["behaviour"], "S104", f"'{ref}' is not a behaviour reference OWNER.ID")
        fine = False
    return fine


def _value(builder: _Builder, row: TableRow, value_type: str, name: str) -> Any:
    """The row's value as its field's type, or None after reporting why it cannot be."""
    table = builder.table
    found = row.cells.get("text")
    text = row.text("text") if value_type != _TEXT else (found.text if found else "")
    at = found if found is not None else Cell("", "text", row.number, table.columns["text"])
    allowed = {_INT: "number", _FLOAT: "number", _BOOL: "boolean"}.get(value_type, "text")
    if found is not None and found.kind not in {"text", allowed}:
        table.at(found, "I107", f"a {found.kind} where text belongs; format the cell as text")
        return None
    if name == "expects":
        return ""
    if not text.strip():
        table.at(at, "I109", f"'{name}' needs a value in the text column")
        return None
    converters: dict[str, Callable[[str], Any]] = {
        _INT: int,
        _FLOAT: _finite,
        _BOOL: _boolean,
    }
    convert = converters.get(value_type)
    if convert is None:
        return text
    try:
        return convert(text.strip())
    except ValueError:
        table.at(at, "I109", f"'{text}' is not a valid {value_type} for '{name}'")
        return None


def _finite(text: str) -> float:
    """A float that is a number: ``nan``, ``inf`` and what overflows to them are refused."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _boolean(text: str) -> bool:
    lowered = text.lower()
    if lowered not in {"true", "false"}:
        raise ValueError(text)
    return lowered == "true"


def _set_text(target: dict[str, Any], key: str, row: TableRow, value: str, default: str) -> None:
    texts = target.setdefault(key, _Texts())
    texts[row.text("locale") or default] = value


def _indexed(target: dict[str, Any], key: str) -> dict[int, Any]:
    found: dict[int, Any] = target.setdefault(key, {})
    return found


# --- placing each kind of row -------------------------------------------------------------


def _place_framework(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    name = row.text("field")
    fw = b.framework
    if pattern in {"title", "summary"}:
        _set_text(fw, name, row, value, b.default)
    elif pattern in {"locales", "readiness.sources"}:
        container = fw if pattern == "locales" else fw.setdefault("readiness", {})
        container.setdefault(pattern.rpartition(".")[2], []).append(value)
    elif pattern.startswith("readiness."):
        readiness = fw.setdefault("readiness", {})
        if pattern == "readiness.competency_met.at_least":
            readiness["competency_met"] = {"at_least": value}
        else:
            readiness[pattern.split(".")[1]] = value
    elif pattern.startswith("moves"):
        move = b.moves.setdefault(int(found.group(1)), {})
        part = pattern.rpartition(".")[2]
        if part == "note":
            _set_text(move, "note", row, value, b.default)
        else:
            move[part] = value
    elif "ID" in pattern:
        group, ident, part = name.split(".")
        entry = fw.setdefault(group, {}).setdefault(ident, {"id": ident})
        _set_text(entry, part, row, value, b.default)
    else:
        fw[pattern] = value


def _place_scale(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    step = b.scale.setdefault(row.text("step"), {"id": row.text("step")})
    _set_text(step, pattern, row, value, b.default)


def _place_grade(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    grade = b.grades.setdefault(row.text("grade"), {"id": row.text("grade")})
    _set_text(grade, pattern, row, value, b.default)


def _competency(b: _Builder, ident: str) -> dict[str, Any]:
    return b.competencies.setdefault(ident, {"id": ident})


def _place_competency(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    competency = _competency(b, row.text("competency"))
    name = row.text("field")
    if pattern in {"name", "summary"}:
        _set_text(competency, pattern, row, value, b.default)
    elif pattern == "category":
        competency["category"] = value
    elif pattern.startswith("hiring"):
        part = name.split(".")[1]
        entries = _indexed(competency.setdefault("hiring", {}), part)
        _set_text(entries, int(found.group(1)), row, value, b.default)  # type: ignore[arg-type]
    else:
        reference = _indexed(competency, "references").setdefault(int(found.group(1)), {})
        reference[name.rpartition(".")[2]] = value


def _steps(b: _Builder, row: TableRow) -> dict[str, Any]:
    steps: dict[str, Any] = _competency(b, row.text("competency")).setdefault("steps", {})
    step: dict[str, Any] = steps.setdefault(row.text("step"), {})
    return step


def _place_competency_step(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    if pattern == "summary":
        _set_text(_steps(b, row), "summary", row, value, b.default)
        return
    resource = _indexed(_steps(b, row), "resources").setdefault(int(found.group(1)), {})
    part = row.text("field").rpartition(".")[2]
    if part == "title":
        _set_text(resource, "title", row, value, b.default)
    else:
        resource[part] = value


def _behaviour(
    b: _Builder, row: TableRow, place: tuple[str, ...], owner: str
) -> dict[str, Any] | None:
    """The behaviour a row is about, created in `place` on first sight; None on a conflict."""
    ref = row.text("behaviour")
    ref_owner, _, ident = ref.partition(".")
    if ref_owner != owner:
        b.table.at(
            row.cells["behaviour"],
            "I109",
            f"'{ref}' belongs to '{ref_owner}', but this row is about '{owner}'; "
            f"write {owner}.{ident}",
        )
        return None
    known = b.behaviours.get(ref)
    if known is not None and known[0] != place:
        b.table.at(
            row.cells["behaviour"],
            "I109",
            f"behaviour '{ref}' is already defined at row {known[1]} in another place",
        )
        return None
    replaces = row.text("replaces")
    if known is None:
        b.behaviours[ref] = (place, row.number, replaces)
    elif replaces and row.text("field") == "behaviour" and known[2] and known[2] != replaces:
        b.table.at(
            row.cells["replaces"],
            "I109",
            f"replaces differs from row {known[1]} for the same behaviour",
        )
        return None
    elif replaces and not known[2]:
        b.behaviours[ref] = (place, known[1], replaces)
    return {"id": ident}


def _fill_behaviour(
    b: _Builder,
    row: TableRow,
    found: re.Match[str],
    pattern: str,
    value: Any,
    behaviours: dict[str, dict[str, Any]],
    place: tuple[str, ...],
    owner: str,
) -> None:
    fresh = _behaviour(b, row, place, owner)
    if fresh is None:
        return
    behaviour = behaviours.setdefault(fresh["id"], fresh)
    if pattern == "behaviour":
        _set_text(behaviour, "text", row, value, b.default)
    else:
        examples = _indexed(behaviour, "examples")
        _set_text(examples, int(found.group(1)), row, value, b.default)  # type: ignore[arg-type]


def _place_behaviour(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    competency = row.text("competency")
    behaviours = _steps(b, row).setdefault("behaviours", {})
    place = ("library", competency, row.text("step"))
    _fill_behaviour(b, row, found, pattern, value, behaviours, place, competency)


def _role(b: _Builder, ident: str) -> dict[str, Any]:
    return b.roles.setdefault(ident, {"id": ident})


def _place_role(b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any) -> None:
    role = _role(b, row.text("role"))
    if pattern in {"title", "summary", "why"}:
        _set_text(role, pattern, row, value, b.default)
    else:
        role[pattern] = value


def _level(b: _Builder, row: TableRow) -> dict[str, Any] | None:
    role, level = row.text("role"), row.text("level")
    levels: dict[str, Any] = _role(b, role).setdefault("levels", {})
    entry: dict[str, Any] = levels.setdefault(level, {"id": level})
    grade = row.cells.get("grade")
    if grade is not None and grade.text.strip():
        known = b.level_grades.get((role, level))
        if known is None:
            b.level_grades[(role, level)] = grade
            entry["grade"] = grade.text.strip()
        elif known.text.strip() != grade.text.strip():
            b.table.at(
                grade,
                "I109",
                f"grade '{grade.text.strip()}' differs from '{known.text.strip()}' "
                f"given for {role}@{level} at row {known.row}",
            )
            return None
    return entry


def _place_level(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    level = _level(b, row)
    if level is None:
        return
    if pattern.startswith("metrics"):
        metric = _indexed(level, "metrics").setdefault(int(found.group(1)), {})
        _set_text(metric, pattern.rpartition(".")[2], row, value, b.default)
    else:
        _set_text(level, pattern, row, value, b.default)


def _expectation(b: _Builder, row: TableRow) -> dict[str, Any] | None:
    level = _level(b, row)
    if level is None:
        return None
    competency, step = row.text("competency"), row.text("step")
    expects: dict[str, Any] = level.setdefault("expects", {})
    entry: dict[str, Any] = expects.setdefault(competency, {"step": step, "_row": row.number})
    if entry["step"] != step:
        b.table.at(
            row.cells["step"],
            "I109",
            f"step '{step}' differs from '{entry['step']}' given for {competency} "
            f"at {row.text('role')}@{row.text('level')} in row {entry['_row']}",
        )
        return None
    return entry


def _place_expectation(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    entry = _expectation(b, row)
    if entry is not None and pattern == "note":
        _set_text(entry, "note", row, value, b.default)


def _place_role_behaviour(
    b: _Builder, row: TableRow, found: re.Match[str], pattern: str, value: Any
) -> None:
    entry = _expectation(b, row)
    if entry is None:
        return
    role = row.text("role")
    place = ("role", role, row.text("level"), row.text("competency"))
    behaviours = entry.setdefault("behaviours", {})
    _fill_behaviour(b, row, found, pattern, value, behaviours, place, role)


_Placer = Callable[[_Builder, TableRow, re.Match[str], str, Any], None]
_PLACERS: dict[str, _Placer] = {
    "framework": _place_framework,
    "scale": _place_scale,
    "grade": _place_grade,
    "competency": _place_competency,
    "competency-step": _place_competency_step,
    "behaviour": _place_behaviour,
    "role": _place_role,
    "level": _place_level,
    "expectation": _place_expectation,
    "role-behaviour": _place_role_behaviour,
}


def _check_steps(b: _Builder) -> None:
    """Every step a row names is a step of the scale the table defines."""
    known = set(b.scale)
    for row in b.table.rows:
        step = row.text("step")
        if step and step not in known and is_id(step) and "step" in row.cells:
            names = ", ".join(b.scale) or "none: the table has no scale rows"
            b.table.at(row.cells["step"], "I108", f"unknown step '{step}'; the scale has {names}")


# --- documents ------------------------------------------------------------------------


def _documents(b: _Builder) -> dict[str, tuple[str, dict[str, Any]]]:
    default = b.framework.get("default_locale", "en")
    documents: dict[str, tuple[str, dict[str, Any]]] = {
        "framework.yaml": ("framework", _framework_data(b))
    }
    for ident, competency in b.competencies.items():
        documents[f"competencies/{ident}.yaml"] = ("competency", _competency_data(b, competency))
    for ident, role in b.roles.items():
        documents[f"roles/{ident}.yaml"] = ("role", _role_data(b, role))
    if b.moves:
        moves = [b.moves[index] for index in sorted(b.moves)]
        ordered = [_ordered(m, declared_keys(Move)) for m in moves]
        documents["paths.yaml"] = ("paths", {"format": FORMAT, "kind": "paths", "moves": ordered})
    return {name: (kind, _finish(data, default)) for name, (kind, data) in documents.items()}


def _ordered(data: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """`data` with `keys` first in that order, then any other key."""
    return {key: data[key] for key in (*keys, *data) if key in data}


def _framework_data(b: _Builder) -> dict[str, Any]:
    fw = dict(b.framework)
    fw["scale"] = [_ordered(s, declared_keys(Step)) for s in b.scale.values()]
    fw["grades"] = list(b.grades.values())
    for group in ("categories", "tracks", "externals", "families"):
        if group in fw:
            fw[group] = [_ordered(e, declared_keys(Category)) for e in fw[group].values()]
    if "readiness" in fw:
        fw["readiness"] = _ordered(fw["readiness"], declared_keys(Readiness))
    return {"format": FORMAT, "kind": "framework", **_ordered(fw, declared_keys(FrameworkInfo))}


def _listed(values: dict[int, Any]) -> list[Any]:
    return [values[index] for index in sorted(values)]


def _behaviours_data(b: _Builder, owner: str, behaviours: dict[str, Any]) -> list[Any]:
    found = []
    for behaviour in behaviours.values():
        entry = dict(behaviour)
        replaces = b.behaviours[f"{owner}.{entry['id']}"][2]
        if replaces:
            entry["replaces"] = [r for r in _REPLACES_SPLIT.split(replaces) if r]
        if "examples" in entry:
            entry["examples"] = _listed(entry["examples"])
        found.append(_ordered(entry, declared_keys(Behaviour)))
    return found


def _competency_data(b: _Builder, competency: dict[str, Any]) -> dict[str, Any]:
    data = dict(competency)
    if "steps" in data:
        steps = {}
        for step_id, step in data["steps"].items():
            entry = dict(step)
            entry["behaviours"] = _behaviours_data(b, data["id"], entry.get("behaviours", {}))
            if "resources" in entry:
                entry["resources"] = [
                    _ordered(r, declared_keys(Resource)) for r in _listed(entry["resources"])
                ]
            steps[step_id] = _ordered(entry, declared_keys(CompetencyStep))
        data["steps"] = steps
    if "hiring" in data:
        data["hiring"] = {
            part: _listed(data["hiring"][part])
            for part in ("questions", "signals", "red_flags")
            if part in data["hiring"]
        }
    if "references" in data:
        data["references"] = [
            _ordered(r, declared_keys(Reference)) for r in _listed(data["references"])
        ]
    return {"format": FORMAT, "kind": "competency", **_ordered(data, declared_keys(Competency))}


def _role_data(b: _Builder, role: dict[str, Any]) -> dict[str, Any]:
    data = dict(role)
    levels = []
    for level in data.get("levels", {}).values():
        entry = dict(level)
        expects = {}
        for competency, expectation in entry.get("expects", {}).items():
            long = {k: v for k, v in expectation.items() if k != "_row"}
            if "behaviours" in long:
                long["behaviours"] = _behaviours_data(b, data["id"], long["behaviours"])
            simple = set(long) == {"step"}
            expects[competency] = (
                long["step"] if simple else _ordered(long, declared_keys(Expectation))
            )
        if expects:
            entry["expects"] = expects
        if "metrics" in entry:
            entry["metrics"] = [
                _ordered(m, declared_keys(Metric)) for m in _listed(entry["metrics"])
            ]
        levels.append(_ordered(entry, declared_keys(Level)))
    if levels:
        data["levels"] = levels
    return {"format": FORMAT, "kind": "role", **_ordered(data, declared_keys(Role))}


def _finish(node: Any, default: str) -> Any:
    """Collected texts become a plain string (only the default locale) or a locale map."""
    if isinstance(node, _Texts):
        if list(node) == [default]:
            return node[default]
        return dict(node)
    if isinstance(node, dict):
        return {key: _finish(value, default) for key, value in node.items()}
    if isinstance(node, list):
        return [_finish(value, default) for value in node]
    return node


class _Dumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as `competency fmt` writes."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """Quote a string that YAML 1.2, as competency loads it, would read as something else."""
    style = None if plain_is_text(value) else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 20,
    )
