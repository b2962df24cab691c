"""The shipped framework's roles, paths and spans have the shape issue 22 asks for.

Issue 22, items 3 to 5: the missing roles and manager ladders, each with
decision rights capped in a currency; paths in from outside, out of the
front line and back from management, with every lateral move raising no
competency by more than one step; and spans of control by operating model.
These tests read the files in matrices/ and the role and path sections of
docs/framework.md.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any

import pytest

from competency import localize
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "framework.md"

#: The roles the third edition adds (issue 22, item 3).
NEW_IC_ROLES = [
    "technical-account-manager",
    "workforce-management-analyst",
    "customer-success-operations",
    "community-support-specialist",
    "trust-and-safety-specialist",
    "support-enablement-specialist",
    "support-automation-specialist",
]
NEW_MANAGER_ROLES = [
    "quality-assurance-manager",
    "operations-manager",
    "implementation-manager",
    "learning-and-enablement-leader",
    "customer-executive",
]
NEW_ROLES = NEW_IC_ROLES + NEW_MANAGER_ROLES

#: The lowest grade an individual-contributor ladder must reach: the review
#: (section 4.1) counts a ceiling at the fourth grade as a dead end.
LOWEST_IC_CEILING = "g5"

#: Internal moves a person can make; feeders and exits cross the boundary.
INTERNAL_MOVES = {"promotion", "lateral", "track-change"}

#: A decision-rights sentence in a scope, and a currency amount inside it.
DECIDES = re.compile(r"Decides without asking[^.]*\.")
CURRENCY = re.compile(r"\bUSD \d[\d,]*\b")

#: A span of control written as a range of number words ("four to ten").
NUMBER_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty)"
SPAN = re.compile(rf"\b{NUMBER_WORD} to {NUMBER_WORD}\b")


def _role_of(endpoint: str) -> str:
    """The role id of a ROLE@LEVEL endpoint (an external stays as written)."""
    return endpoint.partition("@")[0]


def _grade_index(framework: Any, grade: str) -> int:
    """The position of a grade on the framework's grade ladder, lowest first."""
    return [g.id for g in framework.info.grades].index(grade)


def _step_index(framework: Any, step: str) -> int:
    """The position of a step on the scale, lowest first."""
    return [s.id for s in framework.info.scale].index(step)


def _baseline(framework: Any, competency_id: str) -> int:
    """The step index just below a competency's lowest described step: 'not yet expected'."""
    competency = framework.competencies[competency_id]
    lowest = min(_step_index(framework, step) for step in competency.steps)
    return lowest - 1


def _internal_moves(framework: Any) -> list[Any]:
    """The moves between two levels inside the framework."""
    return [move for move in framework.moves if move.type in INTERNAL_MOVES]


@pytest.mark.parametrize("role_id", NEW_ROLES)
def test_new_role_exists_with_two_to_six_levels(framework: Any, role_id: str) -> None:
    """Each role issue 22 asks for has a file with two to six levels."""
    assert 2 <= len(framework.roles[role_id].levels) <= 6


@pytest.mark.parametrize("role_id", NEW_ROLES)
def test_new_role_says_why_and_every_level_has_scope_and_metrics(
    framework: Any, role_id: str
) -> None:
    """A new role has a `why`, and each of its levels a scope and at least two metrics."""
    role = framework.roles[role_id]
    expected: list[str] = []
    actual = [
        level.id
        for level in role.levels
        if not localize(level.scope).strip() or len(level.metrics) < 2
    ]
    assert (True, expected) == (bool(localize(role.why).strip()), actual)


@pytest.mark.parametrize("role_id", NEW_ROLES)
def test_new_role_adds_behaviours_of_its_own_at_every_level(framework: Any, role_id: str) -> None:
    """Every level of a new role adds at least one role-specific behaviour."""
    expected: list[str] = []
    actual = [
        level.id
        for level in framework.roles[role_id].levels
        if not any(
            expectation.behaviours
            for expectation in level.expects.values()
            if not isinstance(expectation, str)
        )
    ]
    assert expected == actual


def test_every_individual_contributor_role_has_a_route_into_management(framework: Any) -> None:
    """Each IC role has a track change from one of its levels into a manager role."""
    routes = {
        _role_of(move.from_)
        for move in framework.moves
        if move.type == "track-change" and framework.roles[_role_of(move.to)].track == "manager"
    }
    expected: list[str] = []
    actual = [
        role.id for role in framework.roles.values() if role.track == "ic" and role.id not in routes
    ]
    assert expected == actual


def _highest_ic_grade_from(framework: Any, start: str) -> int:
    """The highest grade reachable from a level by promotions and laterals on the IC track."""
    seen = {start}
    queue = deque([start])
    best = _grade_index(framework, framework.level(start).level.grade)
    while queue:
        ref = queue.popleft()
        for move in framework.moves:
            if move.from_ != ref or move.type not in {"promotion", "lateral"}:
                continue
            target = framework.level(move.to)
            if target.role.track != "ic" or move.to in seen:
                continue
            seen.add(move.to)
            queue.append(move.to)
            best = max(best, _grade_index(framework, target.level.grade))
    return best


def test_no_individual_contributor_ladder_stops_below_band_e(framework: Any) -> None:
    """From the top level of every IC role, IC promotions and laterals lead to g5 or higher."""
    floor = _grade_index(framework, LOWEST_IC_CEILING)
    expected: list[str] = []
    actual = [
        role.id
        for role in framework.roles.values()
        if role.track == "ic"
        and _highest_ic_grade_from(framework, f"{role.id}@{role.levels[-1].id}") < floor
    ]
    assert expected == actual


def test_every_level_is_reachable_from_a_way_in(framework: Any) -> None:
    """Every level can be reached by internal moves from a level that a feeder enters."""
    entries = {move.to for move in framework.moves if move.type == "feeder"}
    seen = set(entries)
    queue = deque(entries)
    while queue:
        ref = queue.popleft()
        for move in _internal_moves(framework):
            if move.from_ == ref and move.to not in seen:
                seen.add(move.to)
                queue.append(move.to)
    expected: list[str] = []
    assert expected == [found.ref for found in framework.levels() if found.ref not in seen]


def test_every_lateral_raises_no_competency_by_more_than_one_step(framework: Any) -> None:
    """A lateral move expects each competency at most one step above the level it leaves.

    A competency the level left does not expect counts as one step below the
    competency's lowest described step, so a lateral may introduce it only at
    that lowest step.
    """
    expected: list[str] = []
    actual = []
    for move in framework.moves:
        if move.type != "lateral":
            continue
        before = framework.level(move.from_).level.steps()
        after = framework.level(move.to).level.steps()
        for competency_id, step in after.items():
            start = (
                _step_index(framework, before[competency_id])
                if competency_id in before
                else _baseline(framework, competency_id)
            )
            if _step_index(framework, step) - start > 1:
                actual.append(f"{move.from_} -> {move.to}: {competency_id}")
    assert expected == actual


def test_no_lateral_stays_inside_one_role(framework: Any) -> None:
    """No lateral move goes between two levels of the same role."""
    expected: list[str] = []
    actual = [
        f"{m.from_} -> {m.to}"
        for m in framework.moves
        if m.type == "lateral" and _role_of(m.from_) == _role_of(m.to)
    ]
    assert expected == actual


def test_every_level_of_a_new_role_decides_with_a_currency_cap(framework: Any) -> None:
    """Each new level's scope says what it decides without asking, with a USD amount.

    Detection: a scope sentence that starts "Decides without asking" and
    contains "USD" followed by a number.
    """
    expected: list[str] = []
    actual = [
        f"{role_id}@{level.id}"
        for role_id in NEW_ROLES
        for level in framework.roles[role_id].levels
        if not any(CURRENCY.search(s) for s in DECIDES.findall(localize(level.scope)))
    ]
    assert expected == actual


def test_every_new_decision_right_is_also_a_behaviour_with_the_cap(framework: Any) -> None:
    """Each new level adds an ownership behaviour that grants the capped decision."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        if found.role.id in NEW_ROLES
        and not any(
            info.level == found.level.id and CURRENCY.search(localize(info.behaviour.text))
            for part in framework.expected(found.ref)
            if part.competency == "ownership"
            for info in part.behaviours
        )
    ]
    assert expected == actual


def test_every_stated_decision_right_names_a_currency_cap(framework: Any) -> None:
    """In any role, a scope sentence starting "Decides without asking" names a USD amount."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        for sentence in DECIDES.findall(localize(found.level.scope))
        if not CURRENCY.search(sentence)
    ]
    assert expected == actual


def test_every_manager_level_names_a_span_of_control(framework: Any) -> None:
    """Every people-manager level's scope gives its span as a range of number words."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        if found.role.track == "manager" and not SPAN.search(localize(found.level.scope))
    ]
    assert expected == actual


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("customer-experience-leader@tl", "eight to fifteen"),
        ("customer-experience-leader@tl", "six to ten on a B2B technical queue"),
        ("customer-experience-leader@tl", "twelve to fifteen on a high-volume consumer"),
        ("customer-experience-leader@tl", "five to eight as a player-coach"),
        ("customer-success-leader@cstl", "five to eight customer success managers"),
    ],
)
def test_front_line_lead_spans_follow_the_operating_model(
    framework: Any, ref: str, words: str
) -> None:
    """A front-line lead's scope gives the span for its operating model, not the seed's 4-10."""
    assert words in localize(framework.level(ref).level.scope)


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        ("external:customer-service", "support-specialist@ss1", "feeder"),
        ("external:support-elsewhere", "support-specialist@ss2", "feeder"),
        ("external:support-elsewhere", "support-specialist@ss3", "feeder"),
        ("external:sales", "support-specialist@ss2", "feeder"),
        ("external:support-leadership", "customer-success-leader@cstl", "feeder"),
        ("external:support-leadership", "customer-success-leader@csmgr", "feeder"),
        ("external:support-leadership", "customer-success-leader@csdir", "feeder"),
        ("external:support-leadership", "customer-executive@vpcs", "feeder"),
        ("support-specialist@ss2", "external:sales", "exit"),
        ("support-specialist@ss3", "external:product-management", "exit"),
        ("support-specialist@ss3", "external:qa-engineering", "exit"),
        ("support-specialist@ss3", "external:technical-writing", "exit"),
        ("support-specialist@ss3", "external:marketing", "exit"),
        ("customer-success-manager@csm3", "external:product-management", "exit"),
        ("customer-success-manager@csm3", "external:operations", "exit"),
        ("customer-experience-leader@mgr", "support-specialist@ss5", "track-change"),
        ("customer-success-leader@csmgr", "customer-success-manager@csm4", "track-change"),
        ("customer-success-leader@csdir", "customer-executive@vpcs", "promotion"),
        ("customer-experience-leader@vp", "customer-executive@cco", "promotion"),
        ("customer-executive@vpcs", "customer-executive@cco", "promotion"),
    ],
)
def test_paths_offer_the_move(framework: Any, start: str, end: str, kind: str) -> None:
    """paths.yaml offers a move issue 22, item 4, asks for, with a note."""
    expected = [True]
    notes = [
        localize(m.note or "")
        for m in framework.moves
        if (m.from_, m.to, m.type) == (start, end, kind)
    ]
    assert expected == [bool(note.strip()) for note in notes]


def test_a_chief_customer_officer_sits_above_both_vps(framework: Any) -> None:
    """The CCO's grade is above the grades of the VP of CX and the VP of Customer Success."""
    cco = _grade_index(framework, framework.level("customer-executive@cco").level.grade)
    vps = [
        _grade_index(framework, framework.level(ref).level.grade)
        for ref in ("customer-experience-leader@vp", "customer-executive@vpcs")
    ]
    expected = [True, True]
    assert expected == [cco > vp for vp in vps]


#: Grade names borrowed from job titles (the review, section 4.1).
TITLE_WORDS = re.compile(r"\b(Associate|Intermediate|Senior|Lead|Staff|Principal|Director)\b")


def test_grade_names_borrow_no_job_title(framework: Any) -> None:
    """No grade name is a word that also serves as a job title, such as Staff or Principal."""
    expected: list[str] = []
    actual = [
        localize(g.name) for g in framework.info.grades if TITLE_WORDS.search(localize(g.name))
    ]
    assert expected == actual


def _docs_section(start: str, end: str) -> str:
    """The text of docs/framework.md between two headings."""
    text = DOCS.read_text(encoding="utf-8")
    return text[text.index(start) : text.index(end)]


def test_docs_decision_rights_table_names_every_new_role(framework: Any) -> None:
    """The decision-rights section of docs/framework.md names each new level's title."""
    section = _docs_section("## Decision rights", "## Metrics")
    expected: list[str] = []
    actual = [
        localize(level.title)
        for role_id in NEW_ROLES
        for level in framework.roles[role_id].levels
        if localize(level.title) not in section
    ]
    assert expected == actual


def test_docs_cap_in_the_decision_rights_table_matches_the_scope(framework: Any) -> None:
    """Each USD amount the decision-rights table gives for a level appears in that level's scope."""
    section = _docs_section("## Decision rights", "## Metrics")
    titles = {
        localize(level.title): localize(level.scope)
        for role_id in NEW_ROLES
        for level in framework.roles[role_id].levels
    }
    expected: list[str] = []
    actual = []
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if line.startswith("|") and cells[0] in titles:
            actual += [
                f"{cells[0]}: {amount}"
                for amount in CURRENCY.findall(line)
                if amount not in titles[cells[0]]
            ]
    assert expected == actual
