"""CASE 1.1 import: our own export round-trips exactly, a foreign package imports, bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from competency import load_framework
from competency.edit import EditError, Schemas
from competency.framework import Framework
from competency.interop import case_package, document_json, import_case, is_case_package
from tests.conftest import MATRICES, ROOT, Run
from tests.unit.test_interop import CHANGED

SCHEMAS = Schemas("https://competency.dev/schemas/v1/")
FOREIGN = ROOT / "tests" / "data" / "case" / "opensalt-customer-service.json"
BASE = ROOT / "tests" / "acceptance" / "base" / "matrices"


def _without_hash(framework: Framework) -> str:
    return re.sub(r'"hash": "[^"]*"', '"hash": ""', document_json(framework))


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("folder", [MATRICES, BASE], ids=["shipped", "acceptance-base"])
def test_our_case_export_round_trips_to_the_same_json_document(
    folder: Path, tmp_path: Path
) -> None:
    """Export as CASE, import: the framework's JSON document equals the original's but the hash."""
    framework = load_framework(folder)
    package = _write(tmp_path / "case.json", case_package(framework, CHANGED))
    result = import_case(package, tmp_path / "out", schemas=SCHEMAS)
    assert result.diagnostics == []
    assert _without_hash(framework) == _without_hash(load_framework(tmp_path / "out"))


def test_the_export_uses_skill_levels_and_translations(framework: Framework) -> None:
    """Each competency hasSkillLevel its steps; other locales' texts are isTranslationOf items."""
    package = case_package(framework, CHANGED)
    kinds = {a["associationType"] for a in package["CFAssociations"]}
    assert {"hasSkillLevel", "isTranslationOf"} <= kinds
    languages = {item["language"] for item in package["CFItems"]}
    assert set(framework.info.locales) == languages
    steps = sum(len(c.steps) for c in framework.competencies.values())
    skill = [a for a in package["CFAssociations"] if a["associationType"] == "hasSkillLevel"]
    assert steps == len(skill)


def test_an_edited_statement_is_reported_and_the_extension_imported(
    framework: Framework, tmp_path: Path
) -> None:
    """A CFItem text changed after the export gives I111 at its place; the extension wins."""
    package = case_package(framework, CHANGED)
    package["CFItems"][0]["fullStatement"] = "Edited in another tool"
    path = _write(tmp_path / "case.json", package)
    result = import_case(path, tmp_path / "out", schemas=SCHEMAS)
    assert [d.code for d in result.diagnostics] == ["I111"]
    assert result.ok
    assert _without_hash(framework) == _without_hash(load_framework(tmp_path / "out"))


def test_a_foreign_package_imports_into_a_valid_framework(tmp_path: Path) -> None:
    """The OpenSALT-style package gives categories, competencies, steps and translations."""
    result = import_case(FOREIGN, tmp_path / "out", schemas=SCHEMAS)
    assert [d for d in result.diagnostics if d.code != "Q103"] == []  # es is partial
    imported = load_framework(tmp_path / "out")
    assert imported.info.version == "2.1.0"
    assert [s.id for s in imported.info.scale] == ["developing", "proficient", "advanced"]
    assert [c.id for c in imported.info.categories] == ["cs-1", "cs-2"]
    assert {"cs-1-1", "cs-1-2", "cs-2-a-1", "cs-2-2"} == set(imported.competencies)
    written = imported.competencies["cs-1-2"]
    assert list(written.steps) == ["developing", "proficient", "advanced"]
    assert imported.competencies["cs-2-a-1"].category == "cs-2"
    listening = imported.competencies["cs-1-1"].steps["developing"]
    assert listening.summary == "Listens with prompting."
    first = listening.behaviours[0].text
    assert {"en", "es"} == set(first) if isinstance(first, dict) else False
    assert imported.roles == {}


def test_every_choice_for_a_foreign_package_is_reported(tmp_path: Path) -> None:
    """The choices name the scale, the flattened grouping, the version and the missing roles."""
    result = import_case(FOREIGN, tmp_path / "out", schemas=SCHEMAS)
    text = "\n".join(result.choices)
    for expected in ("the scale", "CS.2.A: a grouping below a category", "'2.1'", "no roles"):
        assert expected in text


def test_import_command_detects_a_case_package_by_content(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A JSON file goes to the CASE import whatever its name; choices go to standard error."""
    copy = tmp_path / "framework.data"
    copy.write_bytes(FOREIGN.read_bytes())
    run = cli("import", copy, "--out", tmp_path / "out")
    assert run.status == 0
    assert "chose: the scale" in run.err
    assert (tmp_path / "out" / "competencies" / "cs-1-1.yaml").is_file()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"items": []}\n', "1:1: error I110 not a CASE package"),
        ('{"CFDocument": \n', "2:1: error I110 not JSON"),
        ("[1, 2]\n", "1:1: error I110 not a CASE package"),
    ],
)
def test_json_that_is_no_case_package_is_refused(
    cli: Callable[..., Run], tmp_path: Path, text: str, message: str
) -> None:
    """Not a package, broken JSON: I110 with its place, exit 1, nothing written."""
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    run = cli("import", path, "--out", tmp_path / "out")
    assert run.status == 1
    assert message in run.out
    assert not (tmp_path / "out").exists()


def test_a_schema_failure_points_at_its_line(tmp_path: Path) -> None:
    """A CFItem without its uri fails the CASE schema at the item's line, nothing written."""
    data = json.loads(FOREIGN.read_text(encoding="utf-8"))
    del data["CFItems"][2]["uri"]
    path = _write(tmp_path / "p.json", data)
    result = import_case(path, tmp_path / "out", schemas=SCHEMAS)
    line = path.read_text(encoding="utf-8").split("\n").index("    {", 0)
    assert [d.code for d in result.diagnostics] == ["I110"]
    assert "/CFItems/2" in result.diagnostics[0].message
    assert result.diagnostics[0].line > line
    assert not (tmp_path / "out").exists()


def test_import_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    """An output folder with a file in it is refused before anything is read."""
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("x", encoding="utf-8")
    with pytest.raises(EditError):
        import_case(FOREIGN, tmp_path / "out", schemas=SCHEMAS)


def test_only_json_objects_are_taken_for_case_packages(tmp_path: Path) -> None:
    """A CSV table is no CASE package; a JSON object with a byte-order mark is."""
    table = tmp_path / "t.csv"
    table.write_text("role,level\n", encoding="utf-8")
    package = tmp_path / "p.json"
    package.write_bytes(b"\xef\xbb\xbf  {}")
    assert (is_case_package(table), is_case_package(package)) == (False, True)
