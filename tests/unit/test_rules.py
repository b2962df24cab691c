"""The cross-file rules: references, uniqueness, monotonic levels, moves, quality warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from competency import load_framework
from competency.check import check_document, rules
from competency.framework import Framework
from competency.load import parse_bytes
from competency.model import Evidence
from tests.acceptance.support import BASE, base_files, changed, check

SPECIALIST = "roles/specialist.yaml"
LEAD = "roles/team-lead.yaml"
PATHS = "paths.yaml"
SP1 = "      empathy: learning\n      troubleshooting: practising\n"
SP2 = "      empathy: practising\n      troubleshooting: proficient\n"


def _found(files: dict[str, str], code: str) -> list[str]:
    """The diagnostics of one code, as 'FILE:LINE:COLUMN message'."""
    return [
        f"{d.file}:{d.line}:{d.column} {d.message}"
        for d in check(files).diagnostics
        if d.code == code
    ]


def _codes(files: dict[str, str]) -> list[str]:
    return sorted(d.code for d in check(files).diagnostics)


def _levels(sp1: str, sp2: str, *, cumulative: bool = True) -> dict[str, str]:
    """The base with new expectations for the two specialist levels."""
    files = base_files()
    files[SPECIALIST] = files[SPECIALIST].replace(SP1, sp1).replace(SP2, sp2)
    if not cumulative:
        files["framework.yaml"] = files["framework.yaml"].replace(
            "cumulative: true", "cumulative: false"
        )
    return files


def _move(start: str, end: str, kind: str) -> dict[str, str]:
    """The base with one more move in paths.yaml."""
    files = base_files()
    files[PATHS] += f"  - from: {start}\n    to: {end}\n    type: {kind}\n"
    return files


# --- framework.yaml -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "what", "where"),
    [
        (
            "  - id: craft\n",
            "  - id: customer\n",
            "category",
            "19:9 duplicate category id 'customer' (first at line 17)",
        ),
        (
            "  - id: manager\n",
            "  - id: ic\n",
            "track",
            "24:9 duplicate track id 'ic' (first at line 22)",
        ),
        (
            "  - id: g3\n",
            "  - id: g1\n",
            "grade",
            "31:9 duplicate grade id 'g1' (first at line 27)",
        ),
    ],
)
def test_duplicate_ids_in_framework_lists_are_u100(
    old: str, new: str, what: str, where: str
) -> None:
    """A repeated category, track or grade id is U100 naming the first one's line."""
    files = changed("framework.yaml", old, new)
    expected = [f"matrices/framework.yaml:{where}"]
    assert expected == _found(files, "U100"), what


def test_duplicate_external_id_is_u100() -> None:
    """A repeated external id is U100."""
    files = changed(
        "framework.yaml",
        "    name: Sales\n",
        "    name: Sales\n  - id: sales\n    name: Sales team\n",
    )
    expected = ["matrices/framework.yaml:36:9 duplicate external id 'sales' (first at line 34)"]
    assert expected == _found(files, "U100")


def test_numeric_step_name_in_a_locale_is_d100_at_that_locale() -> None:
    """A step name map with a numeric entry is D100 at that entry."""
    files = changed(
        "framework.yaml", "    name: Practising\n", "    name: {en: Practising, fr: '2'}\n"
    )
    expected = ["matrices/framework.yaml:13:32 step name '2' is a number; descriptors are words"]
    assert expected == _found(files, "D100")


def test_score_like_step_name_is_d101_not_d100() -> None:
    """'Score B' reads like a score (D101) but is not a number (D100)."""
    files = changed("framework.yaml", "    name: Practising\n", "    name: Score B\n")
    expected = ["D101"]
    assert expected == _codes(files)


# --- competencies ---------------------------------------------------------------------


def test_unknown_category_is_r100_with_a_hint() -> None:
    """A misspelt category is R100 with 'did you mean'."""
    files = changed("competencies/empathy.yaml", "category: customer", "category: custommer")
    expected = [
        "matrices/competencies/empathy.yaml:5:11 unknown category 'custommer'; "
        "did you mean 'customer'?"
    ]
    assert expected == _found(files, "R100")


def test_unknown_category_far_from_any_has_no_hint() -> None:
    """A category close to none is R100 without a hint."""
    files = changed("competencies/empathy.yaml", "category: customer", "category: people")
    expected = ["matrices/competencies/empathy.yaml:5:11 unknown category 'people'"]
    assert expected == _found(files, "R100")


def test_unknown_step_of_a_competency_is_r102_at_the_key() -> None:
    """A competency step the scale lacks is R102 at the step's key."""
    files = changed("competencies/empathy.yaml", "  learning:\n", "  learnin:\n")
    expected = [
        "matrices/competencies/empathy.yaml:7:3 unknown scale step 'learnin'; "
        "did you mean 'learning'?"
    ]
    assert expected == _found(files, "R102")


def test_behaviour_id_repeated_across_steps_is_u100() -> None:
    """Behaviour ids are unique within a competency, across its steps."""
    files = changed("competencies/empathy.yaml", "- id: names-impact", "- id: restates-problem")
    expected = [
        "matrices/competencies/empathy.yaml:13:13 duplicate behaviour id 'restates-problem' "
        "(also at step 'learning')"
    ]
    assert expected == _found(files, "U100")


def test_vague_behaviour_text_is_q100_naming_each_word_once() -> None:
    """Q100 lists each vague word once, in the order written."""
    files = changed(
        "competencies/empathy.yaml",
        "Names the business impact of the problem in the first reply.",
        "Often names some impact and some cost.",
    )
    expected = [
        "matrices/competencies/empathy.yaml:14:15 vague qualifier 'Often', 'some'; "
        "say what the person does, how often or how much"
    ]
    assert expected == _found(files, "Q100")


def test_vague_text_in_one_locale_is_q100_at_that_locale() -> None:
    """In a translated behaviour, Q100 points at the entry with the vague word."""
    files = changed(
        "competencies/empathy.yaml",
        "text: Names the business impact of the problem in the first reply.",
        "text: {en: Often names the impact., fr: Nomme l'impact.}",
    )
    expected = [
        "matrices/competencies/empathy.yaml:14:20 vague qualifier 'Often'; "
        "say what the person does, how often or how much"
    ]
    assert expected == _found(files, "Q100")


# --- roles ------------------------------------------------------------------------------


def test_unknown_track_is_r103_with_a_hint() -> None:
    """A misspelt track is R103 at the track."""
    files = changed(LEAD, "track: manager", "track: managr")
    expected = ["matrices/roles/team-lead.yaml:5:8 unknown track 'managr'; did you mean 'manager'?"]
    assert expected == _found(files, "R103")


def test_unknown_grade_is_r104_and_not_also_l103() -> None:
    """An unknown grade is R104; it is not compared with the grade below."""
    files = changed(SPECIALIST, "grade: g2", "grade: g0")
    expected = ["R104"]
    assert expected == _codes(files)


def test_lower_grade_than_the_level_below_is_l103() -> None:
    """A level on a lower grade than the one below is L103 at its grade."""
    files = changed(LEAD, "grade: g3", "grade: g1")
    expected = [
        "matrices/roles/team-lead.yaml:15:12 grade 'g1' is lower than 'g2' of the level below"
    ]
    assert expected == _found(files, "L103")


def test_unknown_competency_is_r101_at_the_key_and_nothing_else() -> None:
    """Expecting an unknown competency is R101 at its key, without L100 or L102 on top."""
    files = _levels(SP1, SP2.replace("empathy:", "empaty:"))
    expected = [
        "matrices/roles/specialist.yaml:17:7 unknown competency 'empaty'; did you mean 'empathy'?"
    ]
    assert (expected, ["L102", "R101"]) == (_found(files, "R101"), _codes(files))


def test_unknown_step_in_short_form_is_r102_at_the_value() -> None:
    """expects: {competency: step} with an unknown step is R102 at the step."""
    files = _levels(SP1, SP2.replace("proficient", "profficient"))
    expected = [
        "matrices/roles/specialist.yaml:18:24 unknown scale step 'profficient'; "
        "did you mean 'proficient'?"
    ]
    assert expected == _found(files, "R102")


def test_unknown_step_in_long_form_is_r102_at_the_step_key_value() -> None:
    """In the long form, an unknown step is R102 at the value of step."""
    files = changed(LEAD, "        step: proficient\n", "        step: expert\n")
    expected = ["matrices/roles/team-lead.yaml:19:15 unknown scale step 'expert'"]
    assert expected == _found(files, "R102")


def test_role_behaviour_id_repeated_across_levels_is_u100() -> None:
    """Role-specific behaviour ids are unique within the role, across levels."""
    addition = (
        "        behaviours:\n          - id: runs-incident-reviews\n"
        "            text: Writes the weekly team report.\n"
    )
    files = changed(
        LEAD,
        "      troubleshooting: proficient\n  - id: tl2",
        f"      troubleshooting:\n        step: proficient\n{addition}  - id: tl2",
    )
    expected = [
        "matrices/roles/team-lead.yaml:25:17 duplicate role behaviour id 'runs-incident-reviews' "
        "(also at level 'tl1')"
    ]
    assert expected == _found(files, "U100")


# --- monotonic levels ---------------------------------------------------------------------


def test_step_below_every_described_one_is_l100() -> None:
    """Expecting a step below every described step comes to no behaviour: L100."""
    files = _levels(SP1.replace("troubleshooting: practising", "troubleshooting: learning"), SP2)
    expected = ["matrices/roles/specialist.yaml:12:24"]
    assert expected == [line.split()[0] for line in _found(files, "L100")]


def test_role_behaviours_rescue_an_undescribed_step() -> None:
    """A level may expect an undescribed step when it adds role-specific behaviours."""
    long_form = (
        "      troubleshooting:\n        step: learning\n        behaviours:\n"
        "          - id: logs-tickets\n            text: Logs every ticket with its product area.\n"
    )
    files = _levels("      empathy: learning\n" + long_form, SP2)
    expected: list[str] = []
    assert expected == _codes(files)


def test_undescribed_step_is_fine_when_cumulative() -> None:
    """Cumulative: a step the competency skips still brings the steps below."""
    files = _levels(SP1, SP2.replace("empathy: practising", "empathy: proficient"))
    expected: list[str] = []
    assert expected == _codes(files)


def test_undescribed_step_is_l100_when_not_cumulative() -> None:
    """Not cumulative: a step the competency skips comes to nothing: L100."""
    files = _levels(
        SP1, SP2.replace("empathy: practising", "empathy: proficient"), cumulative=False
    )
    expected = [
        "matrices/roles/specialist.yaml:17:16 expecting 'empathy' at 'proficient' comes to no "
        "behaviour: the competency describes no behaviour at it and the role adds none"
    ]
    assert expected == _found(files, "L100")


def test_lower_step_than_the_level_below_is_l101() -> None:
    """Expecting a lower step than the level below is L101 at the step."""
    sp1 = "      empathy: practising\n      troubleshooting: practising\n"
    sp2 = "      empathy: learning\n      troubleshooting: proficient\n"
    expected = [
        "matrices/roles/specialist.yaml:17:16 expects 'empathy' at 'learning', lower than "
        "'practising' at the level below"
    ]
    assert expected == _found(_levels(sp1, sp2), "L101")


def test_dropping_a_competency_is_l102() -> None:
    """A level that stops expecting a competency of the level below is L102."""
    files = _levels(SP1, "      empathy: practising\n")
    expected = [
        "matrices/roles/specialist.yaml:17:7 drops 'troubleshooting', which the level below "
        "expects at 'practising'"
    ]
    assert expected == _found(files, "L102")


@pytest.mark.parametrize("cumulative", [True, False], ids=["cumulative", "not-cumulative"])
def test_level_that_adds_nothing_is_q101(cumulative: bool) -> None:
    """A level expecting exactly what the level below does is Q101, cumulative or not."""
    files = _levels(SP1, SP1, cumulative=cumulative)
    expected = [
        "matrices/roles/specialist.yaml:13:9 level 'sp2' expects nothing more than the level below"
    ]
    assert expected == _found(files, "Q101")


def test_level_that_raises_a_step_is_not_q101() -> None:
    """A level that raises one step over the level below adds something."""
    files = _levels(SP1, SP1.replace("empathy: learning", "empathy: practising"))
    expected: list[str] = []
    assert expected == _found(files, "Q101")


def test_level_that_adds_a_competency_is_not_q101() -> None:
    """A level that expects a competency the level below does not adds something."""
    files = _levels("      empathy: learning\n", SP1)
    expected: list[str] = []
    assert expected == _found(files, "Q101")


def test_level_that_adds_a_role_behaviour_is_not_q101() -> None:
    """A level with the same steps but a role-specific behaviour adds something."""
    addition = (
        "      troubleshooting:\n        step: practising\n        behaviours:\n"
        "          - id: pairs\n            text: Pairs with an engineer once a week.\n"
    )
    files = _levels(SP1, "      empathy: learning\n" + addition)
    expected: list[str] = []
    assert expected == _found(files, "Q101")


# --- paths ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "kind", "message"),
    [
        (
            "specialist@sp2",
            "team-lead@tl1",
            "promotion",
            "a promotion goes to a higher grade, or to a later level of the same role on "
            "the same grade; 'team-lead@tl1' is at 'g2', "
            "'specialist@sp2' at 'g2'",
        ),
        (
            "team-lead@tl2",
            "specialist@sp2",
            "promotion",
            "a promotion goes to a higher grade, or to a later level of the same role on "
            "the same grade; 'specialist@sp2' is at 'g2', "
            "'team-lead@tl2' at 'g3'",
        ),
        (
            "specialist@sp1",
            "team-lead@tl1",
            "lateral",
            "a lateral move stays on the same grade; 'specialist@sp1' is at 'g1', "
            "'team-lead@tl1' at 'g2'",
        ),
        (
            "specialist@sp1",
            "specialist@sp2",
            "track-change",
            "a track-change move changes track; both ends are on 'ic'",
        ),
        (
            "specialist@sp1",
            "specialist@sp2",
            "feeder",
            "a feeder move starts at an external role (external:ID)",
        ),
        ("external:sales", "external:sales", "feeder", "a feeder move ends inside the framework"),
        (
            "specialist@sp2",
            "team-lead@tl1",
            "exit",
            "an exit move ends at an external role (external:ID)",
        ),
        ("external:sales", "external:sales", "exit", "an exit move starts inside the framework"),
        (
            "external:sales",
            "specialist@sp1",
            "lateral",
            "a lateral move links two levels of the framework; use feeder or exit for externals",
        ),
        (
            "specialist@sp1",
            "external:sales",
            "track-change",
            "a track-change move links two levels of the framework; "
            "use feeder or exit for externals",
        ),
    ],
)
def test_move_breaking_its_type_rule_is_p100(start: str, end: str, kind: str, message: str) -> None:
    """Each move type's rule, broken, is P100 at the move's type."""
    expected = [f"matrices/paths.yaml:15:11 {message}"]
    assert expected == _found(_move(start, end, kind), "P100")


@pytest.mark.parametrize(
    ("start", "end", "kind"),
    [
        ("specialist@sp1", "team-lead@tl2", "promotion"),
        ("specialist@sp2", "team-lead@tl1", "lateral"),
        ("team-lead@tl1", "specialist@sp2", "track-change"),
        ("external:sales", "team-lead@tl1", "feeder"),
        ("team-lead@tl2", "external:sales", "exit"),
    ],
)
def test_move_keeping_its_type_rule_is_fine(start: str, end: str, kind: str) -> None:
    """A move that keeps its type's rule adds no diagnostic."""
    expected: list[str] = []
    assert expected == _codes(_move(start, end, kind))


@pytest.mark.parametrize(
    ("start", "kind", "code", "message"),
    [
        (
            "specialst@sp1",
            "promotion",
            "R105",
            "unknown role 'specialst'; did you mean 'specialist'?",
        ),
        (
            "specialist@sp3",
            "promotion",
            "R105",
            "role 'specialist' has no level 'sp3'",
        ),
        ("external:support", "feeder", "R107", "unknown external 'support'"),
    ],
)
def test_unknown_endpoint_is_reported_once_without_p100(
    start: str, kind: str, code: str, message: str
) -> None:
    """An unknown role, level or external is R105 or R107 at the endpoint, and no P100."""
    files = changed(
        PATHS,
        "  - from: external:sales\n    to: specialist@sp1\n    type: feeder\n",
        f"  - from: {start}\n    to: specialist@sp2\n    type: {kind}\n",
    )
    expected = [f"matrices/paths.yaml:10:11 {message}"]
    assert (expected, [code]) == (_found(files, code), _codes(files))


# --- duplicate texts and translations -----------------------------------------------------------


def test_same_text_in_a_role_and_a_competency_is_q102_ignoring_case_and_spaces() -> None:
    """A role behaviour repeating a library one, up to case and spacing, is Q102."""
    files = changed(
        LEAD,
        "Runs the review after each incident and publishes what the team changes.",
        "names the  business impact of the problem in the FIRST reply.",
    )
    expected = [
        "matrices/roles/team-lead.yaml:22:19 the same behaviour text is already at "
        "matrices/competencies/empathy.yaml:14"
    ]
    assert expected == _found(files, "Q102")


def test_same_text_twice_in_one_competency_is_q102() -> None:
    """Two behaviours of one competency with one text: Q102 at the second."""
    files = changed(
        "competencies/empathy.yaml",
        "Names the business impact of the problem in the first reply.",
        "Restates the customer's problem in their own words before answering.",
    )
    expected = ["Q102"]
    assert expected == _codes(files)


def _french(files: dict[str, str]) -> dict[str, str]:
    files["framework.yaml"] = files["framework.yaml"].replace("locales: [en]", "locales: [en, fr]")
    return files


def test_declared_locale_without_any_text_is_not_checked() -> None:
    """With locales [en, fr] and no French text anywhere, no file is checked for French."""
    expected: list[str] = []
    assert expected == _found(_french(base_files()), "Q103")


def test_one_french_text_makes_its_file_need_french_everywhere() -> None:
    """A French title in the team lead file: every other text of that file is Q103."""
    files = _french(base_files())
    files[LEAD] = files[LEAD].replace(
        "title: Team Lead I\n", "title: {en: Team Lead I, fr: Chef d'équipe I}\n"
    )
    expected = [
        "matrices/roles/team-lead.yaml:4:8 no translation for fr",
        "matrices/roles/team-lead.yaml:14:12 no translation for fr",
        "matrices/roles/team-lead.yaml:22:19 no translation for fr",
    ]
    assert expected == _found(files, "Q103")


def test_french_in_one_file_leaves_the_other_files_alone() -> None:
    """A fully French team lead file: no Q103 in the files with no French."""
    files = _french(base_files())
    files[LEAD] = (
        files[LEAD]
        .replace(
            "title: Support Team Lead\n", "title: {en: Support Team Lead, fr: Chef d'équipe}\n"
        )
        .replace("title: Team Lead I\n", "title: {en: Team Lead I, fr: Chef d'équipe I}\n")
        .replace("title: Team Lead II\n", "title: {en: Team Lead II, fr: Chef d'équipe II}\n")
        .replace(
            "text: Runs the review after each incident and publishes what the team changes.\n",
            "text: {en: Runs each incident review., fr: Anime chaque revue d'incident.}\n",
        )
    )
    expected: list[str] = []
    assert expected == _found(files, "Q103")


def test_example_lists_are_checked_for_translations() -> None:
    """Each item of a behaviour's examples is a text that needs every locale of its file."""
    files = _french(base_files())
    files[LEAD] = files[LEAD].replace(
        "publishes what the team changes.\n",
        "publishes what the team changes.\n"
        "            examples:\n"
        "              - {en: The March review., fr: La revue de mars.}\n"
        "              - The April review.\n",
    )
    expected = "matrices/roles/team-lead.yaml:25:17 no translation for fr"
    assert expected in _found(files, "Q103")


def test_a_text_without_the_default_locale_is_q103() -> None:
    """A map without the default locale lacks it, like any declared locale."""
    files = changed(
        "roles/team-lead.yaml", "title: Team Lead I\n", "title: {fr: Chef d'équipe I}\n"
    )
    files = _french(files)
    expected = ["matrices/roles/team-lead.yaml:8:12 no translation for en"]
    assert expected == [line for line in _found(files, "Q103") if line.endswith(" en")]


def test_text_in_a_locale_not_listed_is_q107() -> None:
    """A German title when only English and French are listed is Q107 at the 'de' key."""
    files = _french(base_files())
    files[LEAD] = files[LEAD].replace(
        "title: Team Lead I\n", "title:\n      en: Team Lead I\n      de: Teamleitung I\n"
    )
    expected = [
        "matrices/roles/team-lead.yaml:10:7 text in 'de', a locale the framework's locales"
        " do not list"
    ]
    assert expected == _found(files, "Q107")


def test_a_locale_in_other_case_is_q107_with_the_listed_spelling() -> None:
    """'zh-hans' when 'zh-Hans' is listed: Q107 suggests the listed spelling."""
    files = changed("framework.yaml", "locales: [en]", "locales: [en, zh-Hans]")
    files[LEAD] = files[LEAD].replace(
        "title: Team Lead I\n", "title: {en: Team Lead I, zh-hans: 组长 I}\n"
    )
    expected = [
        "matrices/roles/team-lead.yaml:8:30 text in 'zh-hans', a locale the framework's"
        " locales do not list; did you mean 'zh-Hans'?"
    ]
    assert expected == _found(files, "Q107")


def test_text_in_the_default_locale_is_never_q107() -> None:
    """With no locales declared, a map in the default locale alone is fine."""
    files = changed("framework.yaml", "locales: [en]", "locales: []")
    files[LEAD] = files[LEAD].replace("title: Team Lead I\n", "title: {en: Team Lead I}\n")
    expected: list[str] = []
    assert expected == _found(files, "Q107")


@pytest.mark.parametrize("locales", ["locales: []", "locales: [en]"])
def test_default_locale_alone_needs_no_translation(locales: str) -> None:
    """With no locale besides the default, plain strings are complete."""
    files = changed("framework.yaml", "locales: [en]", locales)
    expected: list[str] = []
    assert expected == _found(files, "Q103")


# --- evidence ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def framework() -> Framework:
    """The tiny base framework."""
    return load_framework(BASE / "matrices")


def _evidence_problems(framework: Framework, old: str, new: str) -> list[str]:
    text = (BASE / "evidence/amara.yaml").read_text(encoding="utf-8")
    assert old in text
    document = parse_bytes(text.replace(old, new).encode(), Path("e.yaml"), "e.yaml")
    model, problems = check_document(document)
    assert isinstance(model, Evidence), problems
    return [
        f"{d.line}:{d.column} {d.code} {d.message}"
        for d in rules.evidence(document, model, framework)
    ]


def test_valid_evidence_has_no_problems(framework: Framework) -> None:
    """The base evidence file names only things the framework has."""
    expected: list[str] = []
    assert expected == _evidence_problems(framework, "role:", "role:")


def test_evidence_may_show_a_role_behaviour(framework: Framework) -> None:
    """ROLE.BEHAVIOUR references to role-specific behaviours are known."""
    expected: list[str] = []
    assert expected == _evidence_problems(
        framework, "empathy.names-impact", "team-lead.runs-incident-reviews"
    )


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "role: specialist",
            "role: lead",
            "4:7 R105 unknown role 'lead'",
        ),
        (
            "level: sp1",
            "level: sp7",
            "5:8 R105 role 'specialist' has no level 'sp7'",
        ),
        (
            "empathy.names-impact]",
            "empathy.names-impacts]",
            "11:47 R106 unknown behaviour 'empathy.names-impacts'; "
            "did you mean 'empathy.names-impact'?",
        ),
        (
            "behaviour: empathy.restates-problem",
            "behaviour: empathy.listens",
            "18:16 R106 unknown behaviour 'empathy.listens'",
        ),
        (
            "competency: troubleshooting",
            "competency: writing",
            "13:17 R101 unknown competency 'writing'",
        ),
        ("step: practising", "step: expert", "14:11 R102 unknown scale step 'expert'"),
    ],
    ids=["role", "level", "shows", "not-applicable", "assessed-competency", "assessed-step"],
)
def test_unknown_reference_in_evidence_is_reported(
    framework: Framework, old: str, new: str, problem: str
) -> None:
    """Each role, level, behaviour, competency and step evidence names must exist."""
    expected = [problem]
    assert expected == _evidence_problems(framework, old, new)


def test_item_id_twice_is_u100(framework: Framework) -> None:
    """Item ids are unique within an evidence file."""
    extra = (
        "  - id: webhook-outage\n    date: 2026-09-01\n    source: peer\n"
        "    summary: Paired on a fix.\n    shows: [empathy.names-impact]\nassessments:"
    )
    expected = ["12:9 U100 duplicate item id 'webhook-outage' (first at line 7)"]
    assert expected == _evidence_problems(framework, "assessments:", extra)


def test_behaviour_listed_twice_as_not_applicable_is_u100(framework: Framework) -> None:
    """A behaviour may be marked not applicable once."""
    entry = "  - behaviour: empathy.restates-problem\n    reason: Written escalations only.\n"
    text = (BASE / "evidence/amara.yaml").read_text(encoding="utf-8")
    expected = ["20:16 U100 behaviour 'empathy.restates-problem' is listed twice"]
    assert expected == _evidence_problems(
        framework, text[text.index("not_applicable:") :], "not_applicable:\n" + entry + entry
    )


def _sub_levels(start: str, end: str) -> dict[str, str]:
    """sp1 and sp2 both on grade g2 (sub-levels), with one more promotion in paths.yaml."""
    files = _move(start, end, "promotion")
    files[SPECIALIST] = files[SPECIALIST].replace("    grade: g1\n", "    grade: g2\n", 1)
    return files


def test_a_promotion_to_a_later_sub_level_on_the_same_grade_is_fine() -> None:
    """(1.1) sp1 -> sp2 on one grade is a promotion between sub-levels: no P100."""
    assert _found(_sub_levels("specialist@sp1", "specialist@sp2"), "P100") == []


def test_a_promotion_to_an_earlier_sub_level_is_p100() -> None:
    """(1.1) sp2 -> sp1 on one grade goes back down the role: P100 at the move's type."""
    found = _found(_sub_levels("specialist@sp2", "specialist@sp1"), "P100")
    assert [line.split(" ")[0] for line in found] == ["matrices/paths.yaml:15:11"]
