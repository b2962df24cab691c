"""Framework lookups: roles, levels, behaviours, scale order, and the expected behaviours."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from competency import load_framework
from competency.framework import Framework, UnknownReferenceError, closest
from tests.acceptance.support import BASE, base_files, changed, check

LEAD_WITH_ADDITIONS = """\
format: competency/v1
kind: role
id: team-lead
title: Support Team Lead
track: manager
levels:
  - id: tl1
    title: Team Lead I
    grade: g2
    expects:
      troubleshooting:
        step: practising
        behaviours:
          - id: reviews-escalations
            text: Reviews every escalation of the team before it goes to engineering.
  - id: tl2
    title: Team Lead II
    grade: g3
    expects:
      troubleshooting:
        step: proficient
        behaviours:
          - id: runs-incident-reviews
            text: Runs the review after each incident and publishes what the team changes.
      empathy: learning
"""
"""A role whose two levels each add a behaviour, and whose top level adds a competency."""


@pytest.fixture(scope="module")
def base() -> Framework:
    """The tiny base framework of the acceptance tests."""
    return load_framework(BASE / "matrices")


def _framework(files: dict[str, str]) -> Framework:
    checked = check(files)
    assert checked.framework is not None, checked.diagnostics
    return checked.framework


def _with_lead(cumulative: bool = True) -> Framework:
    files = base_files()
    files["roles/team-lead.yaml"] = LEAD_WITH_ADDITIONS
    files["paths.yaml"] = (
        files["paths.yaml"]
        .replace("team-lead@tl1", "external:sales")
        .replace("type: track-change", "type: exit")
    )
    if not cumulative:
        files["framework.yaml"] = files["framework.yaml"].replace(
            "cumulative: true", "cumulative: false"
        )
    return _framework(files)


def _refs(framework: Framework, level: str) -> dict[str, list[str]]:
    """Competency id to the references of its expected behaviours, in order."""
    return {e.competency: [b.ref for b in e.behaviours] for e in framework.expected(level)}


# --- scale and grades -----------------------------------------------------------


def test_step_index_follows_the_scale(base: Framework) -> None:
    """Steps are numbered from 0, lowest first, in the framework file's order."""
    expected = [0, 1, 2]
    assert expected == [base.step_index(s) for s in ("learning", "practising", "proficient")]


def test_compare_steps_is_negative_below_zero_equal_positive_above(base: Framework) -> None:
    """compare_steps orders two steps by the scale."""
    expected = (True, 0, True)
    actual = (
        base.compare_steps("learning", "proficient") < 0,
        base.compare_steps("practising", "practising"),
        base.compare_steps("proficient", "learning") > 0,
    )
    assert expected == actual


def test_grade_index_follows_the_grades(base: Framework) -> None:
    """Grades are numbered from 0, lowest first."""
    expected = [0, 1, 2]
    assert expected == [base.grade_index(g) for g in ("g1", "g2", "g3")]


@pytest.mark.parametrize(
    ("lookup", "kind", "reference"),
    [
        (lambda f: f.step_index("expert"), "step", "expert"),
        (lambda f: f.grade_index("g9"), "grade", "g9"),
        (lambda f: f.role("manager"), "role", "manager"),
        (lambda f: f.level("specialist@sp9"), "level", "specialist@sp9"),
        (lambda f: f.level("nobody@sp1"), "level", "nobody@sp1"),
        (lambda f: f.behaviour("empathy.listens"), "behaviour", "empathy.listens"),
    ],
    ids=["step", "grade", "role", "level", "level-of-unknown-role", "behaviour"],
)
def test_unknown_reference_raises_with_what_and_which(
    base: Framework, lookup: Callable[[Framework], object], kind: str, reference: str
) -> None:
    """Looking up something the framework lacks raises UnknownReferenceError naming it."""
    with pytest.raises(UnknownReferenceError) as raised:
        lookup(base)
    assert (kind, reference) == (raised.value.kind, raised.value.reference)


# --- roles and levels -------------------------------------------------------------


def test_role_is_found_by_id(base: Framework) -> None:
    """role() returns the role model with that id."""
    expected = "Support Team Lead"
    assert expected == base.role("team-lead").title


def test_level_is_found_by_reference(base: Framework) -> None:
    """level('ROLE@LEVEL') gives the level, its role and its index."""
    found = base.level("specialist@sp2")
    expected = ("Support Specialist II", "specialist", 1, "specialist@sp2")
    assert expected == (found.level.title, found.role.id, found.index, found.ref)


def test_levels_go_role_by_role_lowest_first(base: Framework) -> None:
    """levels() lists every level, role by role in file order, lowest first."""
    expected = ["specialist@sp1", "specialist@sp2", "team-lead@tl1", "team-lead@tl2"]
    assert expected == [found.ref for found in base.levels()]


def test_next_level_is_the_one_above(base: Framework) -> None:
    """next_level gives the following level of the same role."""
    expected = "specialist@sp2"
    assert expected == getattr(base.next_level("specialist@sp1"), "ref", None)


def test_next_level_of_the_top_level_is_none(base: Framework) -> None:
    """The highest level of a role has no next level."""
    assert base.next_level("team-lead@tl2") is None


def test_moves_from_a_level(base: Framework) -> None:
    """moves_from lists the paths.yaml moves that start at a level."""
    expected = [("team-lead@tl1", "track-change")]
    assert expected == [(m.to, m.type) for m in base.moves_from("specialist@sp2")]


# --- behaviours -------------------------------------------------------------------


def test_library_behaviour_knows_its_competency_and_step(base: Framework) -> None:
    """A competency's behaviour is found by COMPETENCY.ID with its step and owner."""
    found = base.behaviour("troubleshooting.finds-root-cause")
    expected = ("troubleshooting", "troubleshooting", "proficient", None, False)
    actual = (found.owner, found.competency, found.step, found.level, found.role_specific)
    assert expected == actual


def test_role_behaviour_knows_its_role_level_and_competency(base: Framework) -> None:
    """A role-specific behaviour is found by ROLE.ID with the adding level and its step."""
    found = base.behaviour("team-lead.runs-incident-reviews")
    expected = ("team-lead", "troubleshooting", "proficient", "tl2", True)
    actual = (found.owner, found.competency, found.step, found.level, found.role_specific)
    assert expected == actual


def test_behaviour_refs_are_every_library_and_role_behaviour(base: Framework) -> None:
    """behaviour_refs holds the references of all behaviours the framework defines."""
    expected = {
        "empathy.restates-problem",
        "empathy.names-impact",
        "troubleshooting.reproduces-first",
        "troubleshooting.finds-root-cause",
        "team-lead.runs-incident-reviews",
    }
    assert expected == base.behaviour_refs


# --- expected behaviours -------------------------------------------------------------


def test_cumulative_expectation_includes_the_steps_below(base: Framework) -> None:
    """With cumulative: true, a step brings the behaviours of every step up to it."""
    expected = {
        "empathy": ["empathy.restates-problem", "empathy.names-impact"],
        "troubleshooting": ["troubleshooting.reproduces-first", "troubleshooting.finds-root-cause"],
    }
    assert expected == _refs(base, "specialist@sp2")


def test_non_cumulative_expectation_is_only_that_step() -> None:
    """With cumulative: false, only the behaviours at the expected step count."""
    framework = _framework(changed("framework.yaml", "cumulative: true", "cumulative: false"))
    expected = {
        "empathy": ["empathy.names-impact"],
        "troubleshooting": ["troubleshooting.finds-root-cause"],
    }
    assert expected == _refs(framework, "specialist@sp2")


def test_role_additions_come_after_library_behaviours_lowest_level_first() -> None:
    """Cumulative: library behaviours by step, then what lower levels add, then this level's."""
    expected = {
        "troubleshooting": [
            "troubleshooting.reproduces-first",
            "troubleshooting.finds-root-cause",
            "team-lead.reviews-escalations",
            "team-lead.runs-incident-reviews",
        ],
        "empathy": ["empathy.restates-problem"],
    }
    assert expected == _refs(_with_lead(), "team-lead@tl2")


def test_non_cumulative_role_additions_are_only_this_levels() -> None:
    """Without cumulative, only the additions of the level itself are expected."""
    expected = {
        "empathy": ["empathy.restates-problem"],
        "troubleshooting": ["troubleshooting.finds-root-cause", "team-lead.runs-incident-reviews"],
    }
    assert expected == _refs(_with_lead(cumulative=False), "team-lead@tl2")


def test_competencies_come_in_the_order_the_level_lists_them() -> None:
    """expected() follows the level's expects, not the competency files."""
    expected = ["troubleshooting", "empathy"]
    assert expected == list(_refs(_with_lead(), "team-lead@tl2"))


def test_behaviours_follow_scale_order_not_file_order() -> None:
    """Steps written high to low in a competency file still come lowest first."""
    files = base_files()
    name = "competencies/troubleshooting.yaml"
    head, steps = files[name].split("steps:\n")
    practising, proficient = steps.split("  proficient:\n")
    files[name] = f"{head}steps:\n  proficient:\n{proficient}{practising}"
    expected = ["troubleshooting.reproduces-first", "troubleshooting.finds-root-cause"]
    assert expected == _refs(_framework(files), "specialist@sp2")["troubleshooting"]


def test_behaviours_within_a_step_keep_file_order() -> None:
    """Two behaviours of one step come in the order the file lists them."""
    files = changed(
        "competencies/empathy.yaml",
        "  practising:\n    behaviours:\n",
        "  practising:\n    behaviours:\n      - id: zz-confirms\n"
        "        text: Confirms the fix with the customer before closing.\n",
    )
    expected = ["empathy.restates-problem", "empathy.zz-confirms", "empathy.names-impact"]
    assert expected == _refs(_framework(files), "specialist@sp2")["empathy"]


def test_expected_competency_names_its_step(base: Framework) -> None:
    """Each expected competency carries the step the level expects."""
    expected = [("empathy", "learning"), ("troubleshooting", "practising")]
    assert expected == [(e.competency, e.step) for e in base.expected("specialist@sp1")]


def test_content_hash_names_the_bytes() -> None:
    """The content hash is sha256 and changes when any file changes."""
    one = _framework(base_files()).content_hash
    two = _framework(changed("roles/specialist.yaml", "Support Specialist I\n", "Specialist I\n"))
    assert (one.startswith("sha256:"), one == two.content_hash) == (True, False)


def test_default_locale_comes_from_the_framework_file(base: Framework) -> None:
    """default_locale is the framework file's default_locale."""
    expected = "en"
    assert expected == base.default_locale


def test_every_level_of_the_shipped_framework_expects_some_behaviour(framework: Framework) -> None:
    """In matrices/, each expectation of each level comes to at least one behaviour."""
    empty = [
        (found.ref, e.competency)
        for found in framework.levels()
        for e in framework.expected(found.ref)
        if not e.behaviours
    ]
    expected: list[tuple[str, str]] = []
    assert expected == empty


@pytest.mark.parametrize(
    ("value", "choices", "expected"),
    [
        ("troubleshootin", ["troubleshooting", "empathy"], "troubleshooting"),
        ("Empathy", ["troubleshooting", "empathy"], "empathy"),
        ("mangaer", ["manager", "ic"], "manager"),
        ("specialst@sp1", ["specialist@sp1", "specialist@sp2"], "specialist@sp1"),
        ("empathy.names-impacts", ["empathy.names-impact"], "empathy.names-impact"),
        ("sp3", ["sp1", "sp2"], None),
        ("specialist@sp3", ["specialist@sp1", "specialist@sp2"], None),
        ("empathy.listens", ["empathy.restates-problem", "empathy.names-impact"], None),
        ("lead", ["team-lead", "specialist"], None),
        ("ix", ["ic"], None),
    ],
)
def test_closest_suggests_only_likely_typos(
    value: str, choices: list[str], expected: str | None
) -> None:
    """A suggestion is a misspelling of the value, never another level or an unrelated id."""
    assert expected == closest(value, choices)


def test_comes_to_behaviours_agrees_with_the_expectation_everywhere_in_the_shipped_framework() -> (
    None
):
    """The shortcut validation takes gives the answer of the built expectation, level by level."""
    from competency.framework import LevelInfo
    from tests.conftest import MATRICES

    framework = load_framework(MATRICES)
    answers = [
        (
            framework.comes_to_behaviours(found, competency, step),
            bool(framework.expected_competency(found, competency, step).behaviours),
        )
        for role in framework.roles.values()
        for index, level in enumerate(role.levels)
        for found in [LevelInfo(role, level, index)]
        for competency, step in level.steps().items()
    ]
    assert (len(answers) > 100, [a for a in answers if a[0] != a[1]]) == (True, [])


def test_closest_compares_only_choices_of_a_typo_length(monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters are compared only for choices of a typo's length, never past 200."""
    import competency.framework as framework_module

    compared: list[tuple[int, int]] = []
    real = framework_module._edits

    def counting(a: str, b: str) -> int:
        compared.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(framework_module, "_edits", counting)
    choices = ["troubleshooting", "x" * 40, "troubleshooting-and-more-and-more"]
    found = [closest("troubleshootin", choices), closest("t" * 900_000, choices)]
    found.append(closest("x" * 201, ["x" * 200, "x" * 201 + "y"]))
    expected = (["troubleshooting", None, None], [(14, 15)])
    assert expected == (found, compared)
