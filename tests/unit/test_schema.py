"""The committed JSON Schemas: current, valid, and in agreement with validate."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from competency import validate
from competency.schema import check_schemas, schemas
from tests.conftest import MATRICES, ROOT, Run

SCHEMAS = ROOT / "schemas"
CHECK_JSONSCHEMA = shutil.which("check-jsonschema")


def _check_jsonschema(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [CHECK_JSONSCHEMA or "check-jsonschema", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_committed_schemas_match_the_models() -> None:
    """No schema file in schemas/ differs from what the models generate."""
    assert check_schemas(SCHEMAS) == []


def test_schema_check_command_passes(cli: Callable[..., Run]) -> None:
    """`competency schema --check` exits 0 on the committed schemas."""
    assert cli("schema", "--check", "--out", SCHEMAS).status == 0


def test_schema_check_command_fails_on_drift(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`competency schema --check` exits 1 when a schema file was edited by hand."""
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    target = tmp_path / "schemas" / "role.schema.json"
    target.write_text(target.read_text().replace("kebab-case", "snake_case"))
    result = cli("schema", "--check", "--out", tmp_path / "schemas")
    assert (result.status, "role.schema.json" in result.err) == (1, True)


def test_schema_check_calls_a_missing_file_missing(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`schema --check` says "missing" for an absent file, "out of date" for one that differs."""
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    (tmp_path / "schemas" / "role.schema.json").unlink()
    edited = tmp_path / "schemas" / "paths.schema.json"
    edited.write_text(edited.read_text() + "\n")
    result = cli("schema", "--check", "--out", tmp_path / "schemas")
    expected = (1, ["paths.schema.json: out of date", "role.schema.json: missing"])
    actual = (
        result.status,
        sorted(line.split(";")[0].rsplit("/", 1)[-1] for line in result.err.splitlines()),
    )
    assert expected == actual


def test_every_schema_names_draft_2020_12_and_a_stable_id() -> None:
    """Each schema carries $schema 2020-12 and an $id ending in its file name."""
    for name, schema in schemas().items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"].endswith("/" + name)


def test_schemas_avoid_keywords_draft_07_editors_do_not_know() -> None:
    """No prefixItems, $dynamicRef or unevaluated* keywords appear in any schema."""
    text = json.dumps(schemas())
    for keyword in ("prefixItems", "$dynamicRef", "unevaluatedProperties", "dependentSchemas"):
        assert f'"{keyword}"' not in text


needs_client = pytest.mark.skipif(CHECK_JSONSCHEMA is None, reason="check-jsonschema missing")


@needs_client
def test_schemas_pass_the_metaschema_check() -> None:
    """check-jsonschema --check-metaschema accepts every committed schema."""
    files = sorted(SCHEMAS.glob("*.schema.json"))
    result = _check_jsonschema("--check-metaschema", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def _kind_files() -> list[tuple[str, Path]]:
    found = [("framework", MATRICES / "framework.yaml"), ("paths", MATRICES / "paths.yaml")]
    found += [("competency", p) for p in sorted((MATRICES / "competencies").glob("*.yaml"))][:3]
    found += [("role", p) for p in sorted((MATRICES / "roles").glob("*.yaml"))][:3]
    found += [("evidence", p) for p in sorted((ROOT / "examples").glob("*.yaml"))][:2]
    return found


@needs_client
@pytest.mark.parametrize(("kind", "path"), _kind_files(), ids=lambda v: str(v).split("/")[-1])
def test_check_jsonschema_accepts_the_shipped_files(kind: str, path: Path) -> None:
    """check-jsonschema accepts the shipped files that competency validate accepts."""
    result = _check_jsonschema("--schemafile", SCHEMAS / f"{kind}.schema.json", path)
    assert result.returncode == 0, result.stdout + result.stderr


# Schema-level mistakes: (file in matrices/, text to replace, replacement, code we report).
SCHEMA_CASES = [
    ("roles/support-engineer.yaml", "\ntrack: ic\n", "\ntrack: ic\nsalary: 1\n", "S100"),
    ("roles/support-engineer.yaml", "\ntrack: ic\n", "\n", "S101"),
    ("roles/support-engineer.yaml", "id: support-engineer\n", "id: Support_Engineer\n", "S104"),
    ("competencies/people-management.yaml", "name: People management\n", "name: 42\n", "S102"),
    ("competencies/people-management.yaml", "name: People management\n", "name: ''\n", "S103"),
    ("paths.yaml", "type: promotion", "type: promoted", "S106"),
    ("paths.yaml", "to: support-specialist@ss2", "to: support-specialist-ss2", "S107"),
    ("framework.yaml", "version: 2.0.0", "version: one", "S106"),
    ("framework.yaml", "format: competency/v1", "format: competency/v2", "F100"),
    ("framework.yaml", "cumulative: true", "cumulative: 1", "S102"),
]


@needs_client
@pytest.mark.parametrize(("name", "old", "new", "code"), SCHEMA_CASES)
def test_check_jsonschema_agrees_on_schema_level_mistakes(
    tmp_path: Path, name: str, old: str, new: str, code: str
) -> None:
    """Both check-jsonschema and competency validate reject a schema-level mistake."""
    folder = tmp_path / "fw"
    shutil.copytree(MATRICES, folder)
    target = folder / name
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    kind = {"roles": "role", "competencies": "competency"}.get(name.split("/")[0], name[:-5])
    ours = [d.code for d in validate([folder]).diagnostics if d.file.endswith(name)]
    theirs = _check_jsonschema("--schemafile", SCHEMAS / f"{kind}.schema.json", target)
    assert (code in ours, theirs.returncode) == (True, 1), theirs.stdout
