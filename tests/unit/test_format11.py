"""Format revision 1.1 end to end: confirmed levels, carried behaviours, templates, content hash."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from competency import analyze, load_evidence, load_framework
from competency.check import FrameworkCache
from competency.check.framework import content_hash
from competency.folders import find_yaml
from competency.load import load_document
from competency.model import Confirmation
from tests.conftest import MATRICES, ROOT, Run

MATEO = ROOT / "examples" / "mateo-s.yaml"


def test_template_file_goes_straight_to_gap(cli: Callable[..., Run], tmp_path: Path) -> None:
    """The evidence template names its target, so gap runs on it without edits."""
    out = tmp_path / "me.yaml"
    cli("template", "evidence", "--target", "support-engineer@se2", "-o", out)
    run = cli("gap", out, "--matrices", MATRICES)
    assert (run.status, "support-engineer@se2" in run.out) == (0, True)


def test_content_hash_is_the_same_for_every_copy(tmp_path: Path) -> None:
    """matrices, ./matrices and a byte-identical copy elsewhere hash the same."""
    shutil.copytree(MATRICES, tmp_path / "copy")
    hashes = {
        load_framework(path).content_hash for path in (MATRICES, f"{MATRICES}/.", tmp_path / "copy")
    }
    assert len(hashes) == 1


def test_content_hash_read_file_by_file_is_the_hash_of_the_documents(tmp_path: Path) -> None:
    """The hash made while reading equals the hash of the documents, whatever the read order."""
    folder = tmp_path / "copy"
    shutil.copytree(MATRICES, folder)
    # "roles-old/" is read after "roles/" but hashed before it ("-" sorts before "/").
    (folder / "roles-old").mkdir()
    shutil.copy(next((folder / "roles").glob("*.yaml")), folder / "roles-old" / "r.yaml")
    paths = find_yaml(folder)
    cache = FrameworkCache()
    read = cache.reading(paths, folder)
    documents = [load_document(path) for path in paths]
    for document in documents:
        read(document)
    expected = content_hash([load_document(path) for path in paths], folder)
    assert expected == cache.content_hash(documents, folder)


def test_reading_a_framework_lets_go_of_the_bytes_of_its_own_files_only(tmp_path: Path) -> None:
    """A role file's bytes are dropped once hashed; an evidence file's are kept for its checks."""
    folder = tmp_path / "copy"
    shutil.copytree(MATRICES, folder)
    shutil.copy(MATEO, folder / "mateo-s.yaml")
    cache = FrameworkCache()
    paths = find_yaml(folder)
    read = cache.reading(paths, folder)
    documents = [load_document(path) for path in paths]
    for document in documents:
        read(document)
    kept = {d.path.name for d in documents if d.raw}
    assert ({"mateo-s.yaml"}, content_hash([load_document(p) for p in paths], folder)) == (
        kept,
        content_hash(documents, folder, cache),
    )


def test_confirmed_level_carries_its_behaviours() -> None:
    """With a confirmed level and no items, only what is new at the target is missing."""
    framework = load_framework(MATRICES)
    evidence = load_evidence(MATEO, framework).model_copy(update={"items": []})
    report = analyze(framework, evidence, as_of=date(2026, 11, 1))
    below = framework.expected("support-specialist@ss2")
    before = {info.ref for part in below for info in part.behaviours}
    shown = [(b.id, b.status) for c in report.competencies for b in c.behaviours]
    missing = {ref for ref, status in shown if status == "missing"}
    carried = {ref for ref, status in shown if status == "carried"}
    assert (missing & before, bool(carried)) == (set(), True)


def test_carry_confirmed_false_gives_revision_one_results() -> None:
    """With carry_confirmed false no behaviour is carried."""
    framework = load_framework(MATRICES)
    evidence = load_evidence(MATEO, framework)
    policy = framework.info.readiness.model_copy(update={"carry_confirmed": False})
    report = analyze(framework, evidence, policy=policy)
    statuses = {b.status for c in report.competencies for b in c.behaviours}
    assert ("carried" in statuses, report.confirmed) == (False, None)


@pytest.mark.parametrize("as_of", ["2026-03-01"])
def test_a_confirmation_after_as_of_is_ignored_and_said(as_of: str) -> None:
    """A confirmation dated after the as-of date carries nothing, and the report says so."""
    framework = load_framework(MATRICES)
    # Mateo's file has a history now (1.2); the 1.1 shorthand of its last entry is `confirmed`.
    shorthand = Confirmation(date=date(2026, 3, 2), by="panel")
    evidence = load_evidence(MATEO, framework).model_copy(
        update={"history": None, "confirmed": shorthand}
    )
    report = analyze(framework, evidence, as_of=date.fromisoformat(as_of))
    statuses = {b.status for c in report.competencies for b in c.behaviours}
    assert ("carried" in statuses, report.confirmation_ignored) == (False, True)


def test_team_counts_the_next_level_verdict_as_gap_does(tmp_path: Path) -> None:
    """A confirmed person's verdict in the team report is the gap report's verdict."""
    from competency import team

    framework = load_framework(MATRICES)
    evidence = load_evidence(MATEO, framework).model_copy(update={"items": []})
    as_of = date(2026, 11, 1)
    person = team(framework, [evidence], as_of=as_of).people[0]
    report = analyze(framework, evidence, as_of=as_of)
    assert (person.next_level, person.verdict) == (report.target, report.verdict)
