"""competency.diff: level diffs, framework changelogs and version order."""

from __future__ import annotations

from dataclasses import replace

import pytest

from competency.diff import CompetencyDiff, compare_versions, diff_frameworks, diff_levels
from competency.framework import Framework, UnknownReferenceError
from competency.model import Text
from competency.text import localize
from competency.write.diff import framework_markdown, level_markdown

SS1, SS2, SS3 = "support-specialist@ss1", "support-specialist@ss2", "support-specialist@ss3"
SE1 = "support-engineer@se1"


def _competency(framework: Framework, old: str, new: str, competency: str) -> CompetencyDiff:
    """The entry for one competency in the diff from `old` to `new`."""
    found = diff_levels(framework, old, new).competencies
    return next(c for c in found if c.competency.id == competency)


def _with_version(framework: Framework, version: str) -> Framework:
    return replace(framework, info=framework.info.model_copy(update={"version": version}))


def _reworded(framework: Framework, competency_id: str, behaviour_id: str, text: Text) -> Framework:
    """A copy of `framework` where one library behaviour has a new text."""
    competency = framework.competencies[competency_id]
    steps = {
        step_id: step.model_copy(
            update={
                "behaviours": [
                    b.model_copy(update={"text": text}) if b.id == behaviour_id else b
                    for b in step.behaviours
                ]
            }
        )
        for step_id, step in competency.steps.items()
    }
    competencies = {
        **framework.competencies,
        competency_id: competency.model_copy(update={"steps": steps}),
    }
    return replace(framework, competencies=competencies)


# --- levels ---------------------------------------------------------------


def test_a_behaviour_of_the_higher_step_is_added(framework: Framework) -> None:
    """From ss1 to ss2, a Practising troubleshooting behaviour is listed as added."""
    added = _competency(framework, SS1, SS2, "troubleshooting").added
    assert "troubleshooting.narrows-down" in [b.ref for b in added]


def test_added_behaviours_carry_their_text(framework: Framework) -> None:
    """An added behaviour comes with its text from the framework, in the default locale."""
    added = _competency(framework, SS1, SS2, "troubleshooting").added
    text = localize(
        framework.behaviour("troubleshooting.narrows-down").behaviour.text,
        None,
        framework.default_locale,
    )
    assert text == next(b.text for b in added if b.ref == "troubleshooting.narrows-down")


def test_a_higher_expected_step_is_raised_with_both_steps(framework: Framework) -> None:
    """Troubleshooting goes from Learning to Practising between ss1 and ss2."""
    found = _competency(framework, SS1, SS2, "troubleshooting")
    actual = (
        found.change,
        found.old_step and found.old_step.name,
        found.new_step and found.new_step.name,
    )
    expected = ("raised", "Learning", "Practising")
    assert expected == actual


def test_going_down_a_role_lowers_the_step(framework: Framework) -> None:
    """Comparing ss2 with ss1 reports the troubleshooting step as lowered."""
    expected = "lowered"
    assert expected == _competency(framework, SS2, SS1, "troubleshooting").change


def test_a_competency_only_the_second_level_expects_is_added(framework: Framework) -> None:
    """Collaboration with product, first expected at ss2, is added with no old step."""
    found = _competency(framework, SS1, SS2, "product-collaboration")
    expected = ("added", None)
    assert expected == (found.change, found.old_step)


def test_a_competency_only_the_first_level_expects_is_no_longer_expected(
    framework: Framework,
) -> None:
    """Going from ss2 back to ss1, collaboration with product is removed with no new step."""
    found = _competency(framework, SS2, SS1, "product-collaboration")
    expected = ("removed", None)
    assert expected == (found.change, found.new_step)


def test_competencies_follow_the_second_level_then_those_only_the_first_expects(
    framework: Framework,
) -> None:
    """The order is the order of B's expectations, then A's that B does not have."""
    new = [e.competency for e in framework.expected(SE1)]
    expected = new + [e.competency for e in framework.expected(SS3) if e.competency not in new]
    assert expected == [c.competency.id for c in diff_levels(framework, SS3, SE1).competencies]


def test_a_lateral_move_drops_every_role_specific_behaviour_of_the_old_role(
    framework: Framework,
) -> None:
    """Behaviours that support-specialist adds are no longer listed at support-engineer@se1."""
    own = {
        b.ref
        for e in framework.expected(SS3)
        for b in e.behaviours
        if b.owner == "support-specialist"
    }
    removed = {b.ref for c in diff_levels(framework, SS3, SE1).competencies for b in c.removed}
    expected: tuple[bool, set[str]] = (True, set())
    assert expected == (bool(own), own - removed)


def test_the_grade_change_is_named(framework: Framework) -> None:
    """ss1 (Associate) to ss2 (Intermediate) raises the grade."""
    expected = "raised"
    assert expected == diff_levels(framework, SS1, SS2).grade_change


def test_identical_levels_have_no_changes(framework: Framework) -> None:
    """A level compared with itself changes nothing."""
    assert diff_levels(framework, SS2, SS2).changed is False


def test_an_unknown_level_raises_unknown_reference(framework: Framework) -> None:
    """A level the role does not have raises UnknownReferenceError naming it."""
    with pytest.raises(UnknownReferenceError) as raised:
        diff_levels(framework, SS1, "support-specialist@ss9")
    expected = "support-specialist@ss9"
    assert expected == raised.value.reference


def test_level_json_has_the_documented_keys(framework: Framework) -> None:
    """The JSON form of a level diff keeps the keys docs/diff.md lists."""
    actual = diff_levels(framework, SS1, SS2).as_dict()
    expected = {"kind", "from", "to", "grade_change", "track_changed", "changed", "competencies"}
    assert expected == set(actual)


def test_level_json_competency_has_the_documented_keys(framework: Framework) -> None:
    """Each competency in the JSON form keeps the keys docs/diff.md lists."""
    first = diff_levels(framework, SS1, SS2).as_dict()["competencies"][0]
    assert {"id", "name", "change", "from", "to", "added", "removed"} == set(first)


# --- frameworks -----------------------------------------------------------


def test_a_framework_compared_with_itself_has_no_changes(framework: Framework) -> None:
    """No changes, no content change and no warning for the same framework twice."""
    found = diff_frameworks(framework, framework)
    expected = ((), False, False)
    assert expected == (found.changes, found.content_changed, found.version_warning)


def test_a_reworded_behaviour_is_listed_with_both_texts(framework: Framework) -> None:
    """Changing a behaviour's text gives one reworded change with old and new text."""
    new = _reworded(framework, "troubleshooting", "narrows-down", "Narrows problems down.")
    old_text = localize(
        framework.behaviour("troubleshooting.narrows-down").behaviour.text,
        None,
        framework.default_locale,
    )
    change = diff_frameworks(framework, new).changes[0]
    actual = (change.kind, change.action, change.ref, change.old, change.new)
    expected = (
        "behaviour",
        "reworded",
        "troubleshooting.narrows-down",
        old_text,
        "Narrows problems down.",
    )
    assert expected == actual


def _english(framework: Framework, ref: str) -> str:
    """A behaviour's English, whatever form its text has in the shipped files."""
    text = framework.behaviour(ref).behaviour.text
    return text if isinstance(text, str) else text["en"]


def test_a_text_moved_into_a_locale_map_is_not_reworded(framework: Framework) -> None:
    """A plain string and the same string under the default locale say the same."""
    english = _english(framework, "people-management.runs-one-to-ones")
    plain = _reworded(framework, "people-management", "runs-one-to-ones", english)
    mapped = _reworded(framework, "people-management", "runs-one-to-ones", {"en": english})
    expected = ()
    assert expected == diff_frameworks(plain, mapped).changes


def test_a_new_translation_rewords_the_text(framework: Framework) -> None:
    """Adding a locale to a text is a rewording: the text differs in that locale."""
    english = _english(framework, "people-management.runs-one-to-ones")
    plain = _reworded(framework, "people-management", "runs-one-to-ones", english)
    new = _reworded(
        framework, "people-management", "runs-one-to-ones", {"en": english, "th": "แยก"}
    )
    expected = ["reworded"]
    assert expected == [c.action for c in diff_frameworks(plain, new).changes]


def test_content_change_without_a_new_version_warns(framework: Framework) -> None:
    """A reworded behaviour with the version unchanged sets the version warning."""
    new = _reworded(framework, "troubleshooting", "narrows-down", "Narrows problems down.")
    assert diff_frameworks(framework, new).version_warning is True


def test_content_change_with_a_raised_version_does_not_warn(framework: Framework) -> None:
    """The same rewording with a raised version gives no warning."""
    new = _reworded(framework, "troubleshooting", "narrows-down", "Narrows problems down.")
    found = diff_frameworks(framework, _with_version(new, "99.0.0"))
    expected: tuple[bool, list[str]] = (False, [])
    assert expected == (found.version_warning, found.warnings)


def test_a_lower_version_warns_even_without_other_changes(framework: Framework) -> None:
    """Going down from 1.0.0 to 0.9.0 is a warning on its own."""
    old = _with_version(framework, "1.0.0")
    found = diff_frameworks(old, _with_version(framework, "0.9.0"))
    expected = ("lowered", True)
    assert expected == (found.version_change, found.version_warning)


def test_an_unlisted_change_still_counts_as_content(framework: Framework) -> None:
    """A new framework summary is no listed change, but content changed and warns."""
    info = framework.info.model_copy(update={"summary": "A new summary."})
    found = diff_frameworks(framework, replace(framework, info=info))
    expected = ((), True, True)
    assert expected == (found.changes, found.content_changed, found.version_warning)


def test_a_removed_role_is_one_change(framework: Framework) -> None:
    """Removing a role lists the role, not its levels, steps or behaviours."""
    roles = {k: v for k, v in framework.roles.items() if k != "support-operations"}
    moves = [m for m in framework.moves if "support-operations" not in m.from_ + m.to]
    new = replace(framework, roles=roles, moves=moves)
    kinds = {(c.kind, c.action) for c in diff_frameworks(framework, new).changes}
    assert {("role", "removed"), ("move", "removed")} == kinds


def test_a_higher_grade_is_raised(framework: Framework) -> None:
    """Moving ss1 from g1 to g2 reports its grade as raised from g1 to g2."""
    role = framework.roles["support-specialist"]
    levels = [role.levels[0].model_copy(update={"grade": "g2"}), *role.levels[1:]]
    roles = {**framework.roles, role.id: role.model_copy(update={"levels": levels})}
    change = diff_frameworks(framework, replace(framework, roles=roles)).changes[0]
    expected = ("grade", "raised", SS1, "g1", "g2")
    assert expected == (change.kind, change.action, change.ref, change.old, change.new)


def test_framework_json_has_the_documented_keys(framework: Framework) -> None:
    """The JSON form of a framework diff keeps the keys docs/diff.md lists."""
    expected = {
        "kind",
        "from",
        "to",
        "version_change",
        "content_changed",
        "version_warning",
        "warnings",
        "changes",
    }
    assert expected == set(diff_frameworks(framework, framework).as_dict())


def test_markdown_escapes_text_from_the_yaml(framework: Framework) -> None:
    """Angle brackets and pipes in a behaviour text cannot become HTML or table cells."""
    new = _reworded(framework, "troubleshooting", "narrows-down", "<script>x</script> | y")
    report = framework_markdown(diff_frameworks(framework, new))
    expected = (False, True)
    assert expected == ("<script>" in report, r"\<script\>x\</script\> \| y" in report)


def test_markdown_shows_step_names_as_written(framework: Framework) -> None:
    """A step name with an ASCII arrow in it keeps it in the Markdown level diff."""
    scale = [
        s.model_copy(update={"name": "Practising -> more"}) if s.id == "practising" else s
        for s in framework.info.scale
    ]
    renamed = replace(framework, info=framework.info.model_copy(update={"scale": scale}))
    report = level_markdown(diff_levels(renamed, SS1, SS2))
    assert "raised, Learning → Practising -\\> more" in report


def test_a_grade_off_the_new_ladder_is_changed(framework: Framework) -> None:
    """A level whose old grade the new framework no longer has is listed as changed."""
    old_grade = framework.level(SS1).level.grade
    grades = [
        g.model_copy(update={"id": "renamed"}) if g.id == old_grade else g
        for g in framework.info.grades
    ]
    roles = {
        role_id: role.model_copy(
            update={
                "levels": [
                    lv.model_copy(update={"grade": "renamed"}) if lv.grade == old_grade else lv
                    for lv in role.levels
                ]
            }
        )
        for role_id, role in framework.roles.items()
    }
    new = replace(framework, info=framework.info.model_copy(update={"grades": grades}), roles=roles)
    found = [c for c in diff_frameworks(framework, new).by_kind("grade") if c.ref == SS1]
    assert [("changed", old_grade, "renamed")] == [(c.action, c.old, c.new) for c in found]


# --- versions -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("1.9.0", "1.10.0"),
        ("1.0.0-rc.1", "1.0.0"),
        ("1.0.0-alpha", "1.0.0-alpha.1"),
        ("1.0.0-alpha.2", "1.0.0-alpha.10"),
        ("1.0.0-2", "1.0.0-alpha"),
        ("0.9.9", "1.0.0"),
    ],
)
def test_versions_compare_by_semver_precedence(lower: str, higher: str) -> None:
    """Each pair compares lower, then higher, in both directions."""
    expected = (-1, 1)
    assert expected == (compare_versions(lower, higher), compare_versions(higher, lower))


def test_build_metadata_does_not_change_precedence() -> None:
    """1.0.0+build.5 and 1.0.0 are equal in precedence."""
    expected = 0
    assert expected == compare_versions("1.0.0+build.5", "1.0.0")


def test_a_version_that_is_not_semver_is_refused() -> None:
    """A two-part version raises ValueError."""
    with pytest.raises(ValueError, match="not a semantic version"):
        compare_versions("1.0", "1.0.0")
