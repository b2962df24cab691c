"""The committed JSON Schemas: current, valid, and in agreement with validate."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from competency import validate
from competency.check import check_document
from competency.load import load_document
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


#: The name of people-management, as the shipped file writes it (in three locales).
_NAME = "name:\n  en: People management\n  th: การบริหารคน\n  zh-Hans: 人员管理\n"

# Schema-level mistakes: (file in matrices/, text to replace, replacement, code we report).
SCHEMA_CASES = [
    ("roles/support-engineer.yaml", "\ntrack: ic\n", "\ntrack: ic\nsalary: 1\n", "S100"),
    ("roles/support-engineer.yaml", "\ntrack: ic\n", "\n", "S101"),
    ("roles/support-engineer.yaml", "id: support-engineer\n", "id: Support_Engineer\n", "S104"),
    ("competencies/people-management.yaml", _NAME, "name: 42\n", "S102"),
    ("competencies/people-management.yaml", _NAME, "name: ''\n", "S103"),
    ("paths.yaml", "type: promotion", "type: promoted", "S106"),
    ("paths.yaml", "to: support-specialist@ss2", "to: support-specialist-ss2", "S107"),
    ("framework.yaml", "version: 3.0.0", "version: one", "S106"),
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


# Format revision 1.2: a file with every new key passes the generated schema, and a
# mistake the models refuse is refused by the schema too.
HASH = "sha256:" + "0123456789abcdef" * 4
EVIDENCE_12 = f"""\
format: competency/v1
kind: evidence
person: {{id: amara-o, name: Amara Okafor, manager: dana-k}}
role: support-engineer
level: se1
target: support-engineer@se2
history:
  - {{level: support-specialist@ss3, date: 2025-06-01, by: panel,
     framework: {{version: 1.0.0, hash: "{HASH}"}}}}
  - {{level: support-engineer@se1, date: 2026-03-01, by: panel, framework: {{version: 1.1.0}}}}
items:
  - id: zendesk-4821
    date: 2026-08-14
    source: system
    summary: Escalated ticket 4821 with a clear reproduction.
    shows: [troubleshooting.root-causes]
    suggested: true
assessments:
  - {{competency: troubleshooting, step: proficient, by: manager, assessor: dana-k,
     date: 2026-10-01}}
"""
MAPPING_12 = """\
format: competency/v1
kind: evidence-mapping
id: zendesk
source: system
fields: {id: Ticket ID, date: Solved at, person: Assignee email, summary: Subject, link: Ticket URL}
people: {amara@example.com: amara-o}
rules:
  - when: {field: Tags, contains: escalation}
    shows: [troubleshooting.root-causes]
  - when: {field: Subject, matches: "(?i)outage"}
    shows: [troubleshooting.root-causes]
"""
CASES_12 = [
    ("evidence", EVIDENCE_12, None, None),
    ("evidence-mapping", MAPPING_12, None, None),
    ("evidence", EVIDENCE_12, "framework: {version: 1.1.0}", "framework: {}"),
    ("evidence", EVIDENCE_12, "framework: {version: 1.1.0}", "framework: {hash: md5}"),
    ("evidence", EVIDENCE_12, "manager: dana-k", "manager: Dana K"),
    ("evidence", EVIDENCE_12, "suggested: true", "suggested: 'yes'"),
    ("evidence-mapping", MAPPING_12, "contains: escalation", "contains: a, equals: b"),
    ("evidence-mapping", MAPPING_12, "{field: Tags, contains: escalation}", "{field: Tags}"),
]


@needs_client
@pytest.mark.parametrize(("kind", "text", "old", "new"), CASES_12)
def test_a_revision_1_2_file_and_the_schema_agree(
    tmp_path: Path, kind: str, text: str, old: str | None, new: str | None
) -> None:
    """A valid 1.2 evidence file and mapping pass their generated schema; a mistake in one
    is refused by both the schema and the models."""
    if old is not None and new is not None:
        assert old in text
        text = text.replace(old, new, 1)
    target = tmp_path / "file.yaml"
    target.write_text(text, encoding="utf-8")
    ours = check_document(load_document(target, "file.yaml"))[1]
    theirs = _check_jsonschema("--schemafile", SCHEMAS / f"{kind}.schema.json", target)
    valid = old is None
    expected = {"ours": valid, "schema": valid}
    actual = {"ours": ours == [], "schema": theirs.returncode == 0}
    assert expected == actual, theirs.stdout
