"""Every error path of `replaces` (R106, R108), library and role, one case each.

Each case names the rule it pins: a changed code or message, or a check that
reads a missing key, fails here (the mutation run of docs/development.md found
that no test ran them).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import competency
from tests.conftest import ROOT

BASE = ROOT / "tests" / "acceptance" / "base" / "matrices"
PROFICIENT = (
    "      - id: finds-root-cause\n"
    "        text: Separates the root cause from the symptoms and explains it to the customer.\n"
)
RUNS = "          - id: runs-incident-reviews\n"
RUNS_TEXT = (
    "            text: Runs the review after each incident and publishes what the team changes.\n"
)

#: (rule, the file, the replaces line added, the code, its line, a part of its message)
CASES = [
    (
        "a library behaviour replaces only behaviours of its own competency",
        "competencies/troubleshooting.yaml",
        "empathy.restates-problem",
        "R108",
        "is not a behaviour of troubleshooting",
    ),
    (
        "a library behaviour cannot replace itself",
        "competencies/troubleshooting.yaml",
        "finds-root-cause",
        "R108",
        "'finds-root-cause' cannot replace itself",
    ),
    (
        "a library behaviour cannot replace itself, named with its competency",
        "competencies/troubleshooting.yaml",
        "troubleshooting.finds-root-cause",
        "R108",
        "'finds-root-cause' cannot replace itself",
    ),
    (
        "a library replacement names a behaviour of the competency",
        "competencies/troubleshooting.yaml",
        "guesses",
        "R106",
        "unknown behaviour 'guesses' in troubleshooting",
    ),
    (
        "a role behaviour cannot replace itself",
        "roles/team-lead.yaml",
        "runs-incident-reviews",
        "R108",
        "'runs-incident-reviews' cannot replace itself",
    ),
    (
        "a role replacement by id names an addition of a lower level",
        "roles/team-lead.yaml",
        "writes-reviews",
        "R106",
        "unknown behaviour 'writes-reviews': a role behaviour replaces",
    ),
    (
        "a role replacement by reference names a behaviour that exists",
        "roles/team-lead.yaml",
        "troubleshooting.guesses",
        "R106",
        "unknown behaviour 'troubleshooting.guesses'",
    ),
    (
        "a role behaviour replaces only behaviours of the competency it adds to",
        "roles/team-lead.yaml",
        "empathy.restates-problem",
        "R108",
        "'empathy.restates-problem' belongs to empathy; this behaviour adds to troubleshooting",
    ),
]


def _framework(tmp_path: Path, file: str, replaced: str) -> Path:
    folder = tmp_path / "matrices"
    shutil.copytree(BASE, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    if file.startswith("competencies"):
        new = PROFICIENT + f"        replaces: [{replaced}]\n"
        assert PROFICIENT in text
        text = text.replace(PROFICIENT, new)
    else:
        assert RUNS + RUNS_TEXT in text
        text = text.replace(
            RUNS + RUNS_TEXT, RUNS + RUNS_TEXT + f"            replaces: [{replaced}]\n"
        )
    path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("rule", "file", "replaced", "code", "message"), CASES, ids=[c[0] for c in CASES]
)
def test_a_bad_replacement_is_reported_at_its_place(
    tmp_path: Path, rule: str, file: str, replaced: str, code: str, message: str
) -> None:
    """Each bad `replaces` entry gives its code, at the entry, with a message that says why."""
    folder = _framework(tmp_path, file, replaced)
    found = [
        (d.code, Path(d.file).name, message in d.message)
        for d in competency.validate([folder]).diagnostics
        if d.code in {"R106", "R108"}
    ]
    assert [(code, Path(file).name, True)] == found


def test_a_library_replacement_of_a_higher_step_is_r108(tmp_path: Path) -> None:
    """Rule: a library behaviour replaces behaviours of lower steps only."""
    folder = tmp_path / "matrices"
    shutil.copytree(BASE, folder)
    path = folder / "competencies" / "troubleshooting.yaml"
    text = path.read_text(encoding="utf-8")
    old = "        text: Reproduces the reported problem before escalating it.\n"
    path.write_text(text.replace(old, old + "        replaces: [finds-root-cause]\n"), "utf-8")
    found = [(d.code, d.line) for d in competency.validate([folder]).diagnostics]
    assert found == [("R108", 11)]


def test_a_role_replacement_of_a_library_behaviour_above_its_step_is_r108(tmp_path: Path) -> None:
    """Rule: a role behaviour replaces library behaviours at or below the step its level expects."""
    folder = tmp_path / "matrices"
    shutil.copytree(BASE, folder)
    path = folder / "roles" / "team-lead.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "        step: proficient\n", "        step: practising\n"
    )
    path.write_text(
        text.replace(
            RUNS_TEXT, RUNS_TEXT + "            replaces: [troubleshooting.finds-root-cause]\n"
        ),
        "utf-8",
    )
    found = [
        (d.code, "above the step 'practising'" in d.message)
        for d in competency.validate([folder]).diagnostics
        if d.code.startswith("R")
    ]
    assert found == [("R108", True)]


def test_a_valid_replacement_by_reference_in_the_own_competency_is_accepted(tmp_path: Path) -> None:
    """Rule: COMPETENCY.BEHAVIOUR of the own competency at a lower step is a valid replacement."""
    folder = _framework(
        tmp_path, "competencies/troubleshooting.yaml", "troubleshooting.reproduces-first"
    )
    assert [d.code for d in competency.validate([folder]).diagnostics] == []
