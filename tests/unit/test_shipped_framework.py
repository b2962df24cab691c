"""The shipped framework in matrices/ has the shape issue 3 promises.

These tests check what a program can check about the customer support and
success framework: which competencies and roles exist, that every role and
competency is filled in, that the paths offer every kind of move, and that
the roles table in docs/framework.md agrees with the role files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from competency import localize
from tests.conftest import EXAMPLES, MATRICES, ROOT

COMPETENCIES = [
    "customer-empathy",
    "communication",
    "product-knowledge",
    "troubleshooting",
    "technical-depth",
    "process-and-documentation",
    "quality-and-feedback",
    "data-and-metrics",
    "teaching-and-enablement",
    "product-collaboration",
    "mentoring",
    "ownership",
    "coachability",
    "positivity-and-team-health",
    "people-management",
    "strategy-and-business",
    "commercial-acumen",
]

ROLES = [
    "support-specialist",
    "support-engineer",
    "product-support-engineer",
    "support-operations",
    "onboarding-specialist",
    "quality-assurance-analyst",
    "product-support-specialist",
    "customer-education-manager",
    "customer-success-manager",
    "customer-experience-leader",
]

#: The specialist roles a support specialist can move into sideways.
SPECIALIST_ROLES = [
    "support-engineer",
    "product-support-engineer",
    "support-operations",
    "onboarding-specialist",
    "quality-assurance-analyst",
    "product-support-specialist",
    "customer-education-manager",
]

HIRING_KITS = ["ownership", "coachability", "positivity-and-team-health", "customer-empathy"]

EXITS = ["sales", "product-management", "operations", "engineering"]

MOVE_TYPES = ["promotion", "lateral", "track-change", "feeder", "exit"]

DOCS = ROOT / "docs" / "framework.md"


def _role_of(endpoint: str) -> str:
    """The role id of a ROLE@LEVEL endpoint (an external stays as written)."""
    return endpoint.partition("@")[0]


def _described_steps(framework: Any, competency_id: str) -> list[str]:
    """The scale steps a competency describes, lowest first."""
    competency = framework.competencies[competency_id]
    return [step.id for step in framework.info.scale if step.id in competency.steps]


def test_library_has_at_least_sixteen_competencies(framework: Any) -> None:
    """The competency library holds at least sixteen competencies."""
    assert len(framework.competencies) >= 16


def test_library_has_every_named_competency(framework: Any) -> None:
    """Each of the seventeen competencies the issue names exists."""
    expected: list[str] = []
    assert expected == [c for c in COMPETENCIES if c not in framework.competencies]


def test_every_required_role_exists(framework: Any) -> None:
    """Each of the ten roles the issue names has a role file."""
    expected: list[str] = []
    assert expected == [r for r in ROLES if r not in framework.roles]


@pytest.mark.parametrize("role_id", ROLES)
def test_role_has_two_to_five_levels(framework: Any, role_id: str) -> None:
    """A role has between two and five levels."""
    assert 2 <= len(framework.roles[role_id].levels) <= 5


@pytest.mark.parametrize("role_id", ROLES)
def test_role_says_why_it_exists(framework: Any, role_id: str) -> None:
    """A role has a non-empty `why`."""
    assert localize(framework.roles[role_id].why).strip()


@pytest.mark.parametrize("role_id", ROLES)
def test_every_level_of_role_has_a_scope(framework: Any, role_id: str) -> None:
    """Every level of a role describes its scope."""
    role = framework.roles[role_id]
    expected: list[str] = []
    assert expected == [lv.id for lv in role.levels if not localize(lv.scope).strip()]


@pytest.mark.parametrize("competency_id", COMPETENCIES)
def test_competency_describes_at_least_three_steps(framework: Any, competency_id: str) -> None:
    """A competency has behaviours at three or more steps of the scale."""
    assert len(_described_steps(framework, competency_id)) >= 3


@pytest.mark.parametrize("competency_id", COMPETENCIES)
def test_competency_has_examples_at_its_middle_steps(framework: Any, competency_id: str) -> None:
    """Every described step between a competency's lowest and highest has an example."""
    competency = framework.competencies[competency_id]
    middle = _described_steps(framework, competency_id)[1:-1]
    expected: list[str] = []
    actual = [
        step
        for step in middle
        if not any(behaviour.examples for behaviour in competency.steps[step].behaviours)
    ]
    assert expected == actual


@pytest.mark.parametrize("competency_id", HIRING_KITS)
def test_competency_has_a_hiring_kit(framework: Any, competency_id: str) -> None:
    """The competency has interview questions, signals and red flags."""
    kit = framework.competencies[competency_id].hiring
    assert kit is not None
    expected = {"questions": True, "signals": True, "red_flags": True}
    actual = {
        "questions": bool(kit.questions),
        "signals": bool(kit.signals),
        "red_flags": bool(kit.red_flags),
    }
    assert expected == actual


def test_manager_track_has_a_role(framework: Any) -> None:
    """The framework declares a manager track and at least one role sits on it."""
    tracks = [track.id for track in framework.info.tracks]
    assert "manager" in tracks
    assert any(role.track == "manager" for role in framework.roles.values())


def test_every_move_type_occurs(framework: Any) -> None:
    """paths.yaml has at least one promotion, lateral, track change, feeder and exit."""
    expected: list[str] = []
    present = {move.type for move in framework.moves}
    assert expected == [kind for kind in MOVE_TYPES if kind not in present]


def test_support_specialist_can_move_into_every_specialist_role(framework: Any) -> None:
    """A lateral move leads from the support specialist path into each specialist role."""
    reached = {
        _role_of(move.to)
        for move in framework.moves
        if move.type == "lateral" and _role_of(move.from_) == "support-specialist"
    }
    expected: list[str] = []
    assert expected == [role for role in SPECIALIST_ROLES if role not in reached]


def test_sales_feeds_customer_success(framework: Any) -> None:
    """A feeder move leads from external:sales into the customer success manager role."""
    assert any(
        move.type == "feeder"
        and move.from_ == "external:sales"
        and _role_of(move.to) == "customer-success-manager"
        for move in framework.moves
    )


@pytest.mark.parametrize("external", EXITS)
def test_exit_leads_to_outside_role(framework: Any, external: str) -> None:
    """An exit move ends at the outside role."""
    assert any(
        move.type == "exit" and move.to == f"external:{external}" for move in framework.moves
    )


def test_scale_has_five_steps(framework: Any) -> None:
    """The descriptor scale has exactly five steps."""
    expected = 5
    assert expected == len(framework.info.scale)


def test_step_names_contain_no_digit(framework: Any) -> None:
    """No step name on the scale contains a digit."""
    expected: list[str] = []
    names = [localize(step.name) for step in framework.info.scale]
    assert expected == [name for name in names if re.search(r"\d", name)]


def test_framework_and_examples_validate_strictly(cli: Callable[..., Any]) -> None:
    """`competency validate matrices examples --strict` exits 0."""
    run = cli("validate", MATRICES, EXAMPLES, "--strict")
    expected = 0
    assert expected == run.status, run.out + run.err


def _docs_roles_table() -> list[tuple[str, ...]]:
    """The rows of the roles table in docs/framework.md, as cell tuples."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- roles-table:start -->")
    end = text.index("<!-- roles-table:end -->")
    rows = [line for line in text[start:end].splitlines() if line.startswith("|")]
    cells = [tuple(cell.strip() for cell in row.strip("|").split("|")) for row in rows]
    return cells[2:]  # after the header and the separator


def _framework_roles_table(framework: Any) -> list[tuple[str, ...]]:
    """The rows the roles table should have, read from the role files."""
    tracks = {track.id: localize(track.name) for track in framework.info.tracks}
    grades = {grade.id: localize(grade.name) for grade in framework.info.grades}
    return [
        (
            f"{localize(role.title)} (`{role.id}`)",
            tracks[role.track],
            f"`{level.id}`",
            localize(level.title),
            f"{grades[level.grade]} (`{level.grade}`)",
        )
        for role in framework.roles.values()
        for level in role.levels
    ]


def test_docs_roles_table_matches_role_files(framework: Any) -> None:
    """The roles table in docs/framework.md has one row per level, true to the role files."""
    assert sorted(_framework_roles_table(framework)) == sorted(_docs_roles_table())
