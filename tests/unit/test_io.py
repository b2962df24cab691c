"""Reading files: evidence folders (one reader for validate, team and the Python API)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from competency import load_framework
from competency.diagnostics import Diagnostic
from competency.framework import Framework
from competency.io import read_evidence_folder
from competency.model import Evidence
from competency.validation import validate
from tests.conftest import MATRICES

GOOD = """\
format: competency/v1
kind: evidence
person: {id: amara-o}
role: support-engineer
level: se1
items:
  - date: 2026-08-14
    source: manager
    summary: Led the webhook investigation.
    shows: [troubleshooting.separates-root-cause]
"""

BAD = """\
format: competency/v1
kind: evidence
person: {id: kofi-a}
role: support-engineer
items:
  - date: 2026-08-14
    source: boss
    summary: Fixed it.
    shows: [troubleshooting.separates-root-cause]
"""


@pytest.fixture(scope="module")
def shipped() -> Framework:
    """The shipped framework, for reading real evidence files."""
    return load_framework(MATRICES)


def read_folder(
    folder: str | Path, framework: Framework
) -> tuple[list[tuple[str, Evidence]], list[tuple[str, list[Diagnostic]]]]:
    found = read_evidence_folder(folder, framework)
    return found.members, found.failed


def test_read_folder_loads_good_files_and_reports_bad_ones(
    tmp_path: Path, shipped: Framework
) -> None:
    """A bad file is a failure with its diagnostics; the good one still loads."""
    (tmp_path / "amara.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "kofi.yaml").write_text(BAD, encoding="utf-8")
    members, failed = read_folder(tmp_path, shipped)
    found = (
        [evidence.person.id for _, evidence in members],
        [(d.line, d.column, d.code) for _, problems in failed for d in problems],
    )
    assert found == (["amara-o"], [(7, 13, "S106")])


def test_read_folder_names_files_by_the_folder_as_given(
    tmp_path: Path, shipped: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file in a subfolder is named FOLDER/sub/file.yaml, FOLDER as the caller wrote it."""
    (tmp_path / "team" / "north").mkdir(parents=True)
    (tmp_path / "team" / "north" / "amara.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    members, _ = read_folder("team", shipped)
    assert [name for name, _ in members] == [str(Path("team", "north", "amara.yaml"))]


def test_read_folder_without_yaml_files_is_a_failure(tmp_path: Path, shipped: Framework) -> None:
    """An empty folder gives one failure saying so."""
    _, failed = read_folder(tmp_path, shipped)
    assert [d.message for _, problems in failed for d in problems] == [
        "no YAML files in this folder"
    ]


def test_read_folder_counts_a_person_once_and_reports_the_second_file(
    tmp_path: Path, shipped: Framework
) -> None:
    """A second file about the same person is a U100 failure at its person id; the first counts."""
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    members, failed = read_folder(tmp_path, shipped)
    problems = [(d.code, Path(d.file).name) for _, found in failed for d in found]
    assert ([Path(name).name for name, _ in members], problems) == (
        ["a.yaml"],
        [("U100", "b.yaml")],
    )


def test_validate_reports_the_second_file_about_a_person_as_team_does(tmp_path: Path) -> None:
    """Two files about one person fail validate with the U100 team reports (one rule, one place)."""
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    result = validate([str(tmp_path)], matrices="matrices")
    found = [(d.code, Path(d.file).name, d.line) for d in result.diagnostics]
    assert (result.ok, found) == (False, [("U100", "b.yaml", 3)])


def test_reading_a_framework_leaves_the_garbage_collector_as_it_found_it() -> None:
    """read_framework pauses cyclic collection while it works, then restores the state."""
    import gc

    from competency.io import read_framework
    from tests.conftest import MATRICES

    found = []
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            read_framework(MATRICES)
            found.append(gc.isenabled())
        finally:
            gc.enable()
    assert found == [True, False]


def test_reading_a_framework_pauses_cyclic_collection_while_it_checks() -> None:
    """While the rules run, the collector is off (it would rescan every value read)."""
    import gc
    from unittest import mock

    from competency import io
    from competency.check import check_framework as real
    from tests.conftest import MATRICES

    seen: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    with mock.patch.object(io, "check_framework", spy):
        io.read_framework(MATRICES)
    assert (seen, gc.isenabled()) == ([False], True)
