"""The shipped framework in matrices/ has the shape issues 3 and 10 promise.

These tests check what a program can check about the customer support and
success framework: which competencies and roles exist, that every role and
competency is filled in, that each level is a manageable size and adds a
manageable amount, that every competency has an interview kit, that the
paths offer every kind of move, that the example people get the verdicts
their stories promise, and that the tables in docs/framework.md agree with
the files.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from competency import localize
from competency.check._parts import TEXT_KEYS, TEXT_LIST_KEYS
from tests.conftest import EXAMPLES, MATRICES, ROOT

COMPETENCIES = [
    "customer-empathy",
    "communication",
    "product-knowledge",
    "troubleshooting",
    "technical-depth",
    "process-and-documentation",
    "knowledge-management",
    "escalation-and-incidents",
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
    "customer-success-leader",
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


def test_library_has_every_named_competency(framework: Any) -> None:
    """Each of the nineteen competencies issues 3 and 10 name exists."""
    expected: list[str] = []
    assert expected == [c for c in COMPETENCIES if c not in framework.competencies]


def test_every_required_role_exists(framework: Any) -> None:
    """Each of the eleven roles issues 3 and 10 name has a role file."""
    expected: list[str] = []
    assert expected == [r for r in ROLES if r not in framework.roles]


@pytest.mark.parametrize("role_id", ROLES)
def test_role_has_two_to_six_levels(framework: Any, role_id: str) -> None:
    """A role has between two and six levels."""
    assert 2 <= len(framework.roles[role_id].levels) <= 6


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


@pytest.mark.parametrize("competency_id", COMPETENCIES)
def test_competency_has_a_full_hiring_kit(framework: Any, competency_id: str) -> None:
    """The competency has at least three questions, two signals and two red flags."""
    kit = framework.competencies[competency_id].hiring
    expected = (True, True, True)
    actual = (
        kit is not None and len(kit.questions) >= 3,
        kit is not None and len(kit.signals) >= 2,
        kit is not None and len(kit.red_flags) >= 2,
    )
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
    """A lateral move or a promotion leads from support specialist into each specialist role.

    Issue 22 made every lateral that raises a competency two steps a promotion
    from the level below, so some specialist roles are reached that way.
    """
    reached = {
        _role_of(move.to)
        for move in framework.moves
        if move.type in {"lateral", "promotion"} and _role_of(move.from_) == "support-specialist"
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


# --- issue 10: right-sized levels ------------------------------------------------------

#: Per-level bounds of issue 10, item 1.
MOST_EXPECTED = 60
MOST_EXPECTED_MEDIAN = 45
MOST_EXPECTED_AT_LOWEST = 45
NEW_ABOVE_LOWEST = range(5, 26)


def _sizes(framework: Any) -> dict[str, tuple[int, int, int]]:
    """For every level: (index in its role, behaviours expected, behaviours new there)."""
    return {
        found.ref: (
            found.index,
            sum(len(part.behaviours) for part in framework.expected(found.ref)),
            sum(len(part.new) for part in framework.what_is_new(found.ref)),
        )
        for found in framework.levels()
    }


def test_no_level_expects_more_than_sixty_behaviours(framework: Any) -> None:
    """Every level expects at most sixty behaviours, after `replaces`."""
    expected: list[str] = []
    sizes = _sizes(framework)
    assert expected == [ref for ref, (_, count, _) in sizes.items() if count > MOST_EXPECTED]


def test_the_median_level_expects_at_most_forty_five(framework: Any) -> None:
    """The median of the levels' expected counts is at most forty-five."""
    counts = [count for _, count, _ in _sizes(framework).values()]
    assert statistics.median(counts) <= MOST_EXPECTED_MEDIAN


def test_a_lowest_level_expects_at_most_forty_five(framework: Any) -> None:
    """The lowest level of every role expects at most forty-five behaviours."""
    expected: list[str] = []
    sizes = _sizes(framework)
    assert expected == [
        ref
        for ref, (index, count, _) in sizes.items()
        if index == 0 and count > MOST_EXPECTED_AT_LOWEST
    ]


def test_every_higher_level_adds_five_to_twenty_five_new_behaviours(framework: Any) -> None:
    """A level above a role's lowest adds between five and twenty-five new behaviours."""
    expected: list[str] = []
    sizes = _sizes(framework)
    assert expected == [
        ref for ref, (index, _, new) in sizes.items() if index and new not in NEW_ABOVE_LOWEST
    ]


def test_level_sizes_table_in_docs_matches_the_framework(framework: Any) -> None:
    """The per-level table in docs/framework.md gives the true expected and new counts."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- level-sizes:start -->")
    end = text.index("<!-- level-sizes:end -->")
    rows = [line for line in text[start:end].splitlines() if line.startswith("| `")]
    cells = [[cell.strip().strip("`") for cell in row.strip("|").split("|")] for row in rows]
    documented = {f"{role}@{level}": (int(count), int(new)) for role, level, _, count, new in cells}
    actual = {ref: (count, new) for ref, (_, count, new) in _sizes(framework).items()}
    assert actual == documented


# --- issue 10: the right behaviours for the right people -------------------------------

#: Competencies whose behaviours are desk work on customer cases.
DESK_COMPETENCIES = {"troubleshooting", "technical-depth", "product-knowledge"}

#: Wording of a behaviour only one person in a team can show.
ONE_PERSON = re.compile(r"\b(owns|maintains) the (team's|quality|style|knowledge|saved)", re.I)


def test_managers_are_not_expected_desk_competencies(framework: Any) -> None:
    """No people-manager level expects troubleshooting, technical depth or product knowledge."""
    expected: list[tuple[str, str]] = []
    actual = [
        (found.ref, competency)
        for found in framework.levels()
        if found.role.track == "manager"
        for competency in found.level.steps()
        if competency in DESK_COMPETENCIES
    ]
    assert expected == actual


def test_no_manager_level_expects_front_line_ticket_behaviours(framework: Any) -> None:
    """No behaviour a people-manager level expects mentions tagging tickets or curl."""
    expected: list[str] = []
    actual = [
        info.ref
        for found in framework.levels()
        if found.role.track == "manager"
        for part in framework.expected(found.ref)
        for info in part.behaviours
        if re.search(r"\btags?\b|\bcurl\b", localize(info.behaviour.text), re.I)
    ]
    assert expected == actual


def test_no_behaviour_is_a_one_person_job(framework: Any) -> None:
    """No behaviour says it owns or maintains the team's single artefact."""
    expected: list[str] = []
    actual = [
        info.ref
        for info in framework.behaviours()
        if ONE_PERSON.search(localize(info.behaviour.text))
    ]
    assert expected == actual


def test_front_line_ticket_behaviours_are_retired_by_principal(framework: Any) -> None:
    """The highest front-line level no longer expects the first level's ticket behaviours."""
    role = framework.roles["support-specialist"]
    first = {
        info.ref
        for part in framework.expected(f"support-specialist@{role.levels[0].id}")
        for info in part.behaviours
        if info.role_specific
    }
    top = {
        info.ref
        for part in framework.expected(f"support-specialist@{role.levels[-1].id}")
        for info in part.behaviours
    }
    expected: set[str] = set()
    assert expected == first & top


# --- issue 10: two growth paths above Proficient ---------------------------------------

#: Individual-contributor roles with a craft path to the Principal grade.
PRINCIPAL_PATHS = ["support-specialist", "support-engineer", "customer-success-manager"]


@pytest.mark.parametrize("role_id", PRINCIPAL_PATHS)
def test_craft_path_reaches_principal_grade(framework: Any, role_id: str) -> None:
    """The individual-contributor role's top level sits on the Principal grade (g6)."""
    role = framework.roles[role_id]
    assert (role.track, role.levels[-1].grade) == ("ic", "g6")


def test_support_engineer_two_asks_for_more_technical_depth_than_one(framework: Any) -> None:
    """Support Engineer II expects a higher technical-depth step than Support Engineer I."""
    se1 = framework.level("support-engineer@se1").level.steps()["technical-depth"]
    se2 = framework.level("support-engineer@se2").level.steps()["technical-depth"]
    assert framework.compare_steps(se2, se1) > 0


def test_customer_success_has_its_own_manager_ladder(framework: Any) -> None:
    """customer-success-leader sits on the manager track, and senior CSMs can move into it."""
    moves = {(move.from_, _role_of(move.to), move.type) for move in framework.moves}
    assert (framework.roles["customer-success-leader"].track, True) == (
        "manager",
        ("customer-success-manager@csm3", "customer-success-leader", "track-change") in moves,
    )


#: Spans of control: the seed's four to ten for managers of managers, and the
#: operating-model ranges of issue 22 for front-line leads (five to fifteen).
SPAN = re.compile(r"\b(four|five|six|eight) to (six|eight|ten|fifteen)\b")


def test_every_manager_level_names_a_span_of_four_to_ten(framework: Any) -> None:
    """Every people-manager level's scope gives a span between four and fifteen reports."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        if found.role.track == "manager" and not SPAN.search(localize(found.level.scope))
    ]
    assert expected == actual


# --- issue 10: decision rights, metrics and paths --------------------------------------


def test_every_front_line_level_gives_decision_rights(framework: Any) -> None:
    """Every support-specialist level's scope and expectations say what the person decides."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        if found.role.id == "support-specialist"
        and not (
            re.search(r"decid|decision", localize(found.level.scope), re.I)
            and any(
                info.level == found.level.id
                for part in framework.expected(found.ref)
                for info in part.behaviours
                if part.competency == "ownership"
            )
        )
    ]
    assert expected == actual


def test_no_target_is_relative_to_a_median(framework: Any) -> None:
    """No metric target is set against a team median."""
    expected: list[str] = []
    actual = [
        f"{found.ref}: {localize(metric.name)}"
        for found in framework.levels()
        for metric in found.level.metrics
        if "median" in localize(metric.target).lower()
    ]
    assert expected == actual


def _csat(level: Any) -> int | None:
    """The percentage of the level's CSAT target, or None without one."""
    for metric in level.metrics:
        if "CSAT" in localize(metric.name):
            found = re.search(r"(\d+) %", localize(metric.target))
            return int(found.group(1)) if found else None
    return None


@pytest.mark.parametrize("role_id", ROLES)
def test_csat_target_never_weakens_up_a_role(framework: Any, role_id: str) -> None:
    """A level's CSAT target is at least the CSAT target of every level below it."""
    targets = [t for t in (_csat(level) for level in framework.roles[role_id].levels) if t]
    assert targets == sorted(targets)


def test_front_line_levels_define_productivity(framework: Any) -> None:
    """Every front-line level below Staff defines productivity as solved tickets per hour."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        if found.role.id == "support-specialist"
        and found.level.grade in {"g1", "g2", "g3", "g4"}
        and not any("per productive hour" in localize(m.name) for m in found.level.metrics)
    ]
    assert expected == actual


def test_a_role_has_sub_levels_linked_by_a_promotion(framework: Any) -> None:
    """Some promotion goes to a later level of the same role on the same grade, with a note."""
    sub_levels = [
        move.to
        for move in framework.moves
        if move.type == "promotion"
        and _role_of(move.from_) == _role_of(move.to)
        and framework.level(move.from_).level.grade == framework.level(move.to).level.grade
        and localize(move.note or "")
    ]
    assert sub_levels != []


def test_every_move_has_a_note(framework: Any) -> None:
    """Every move in paths.yaml says how people get there."""
    expected: list[str] = []
    actual = [f"{m.from_} -> {m.to}" for m in framework.moves if not localize(m.note or "")]
    assert expected == actual


def test_every_move_into_management_starts_with_a_stretch_role(framework: Any) -> None:
    """A track change from an individual contributor into a manager role names a stretch role."""
    expected: list[str] = []
    actual = [
        f"{move.from_} -> {move.to}"
        for move in framework.moves
        if move.type == "track-change"
        and framework.roles[_role_of(move.to)].track == "manager"
        and "stretch role" not in localize(move.note or "")
    ]
    assert expected == actual


# --- issue 10: translations -------------------------------------------------------------

#: The locales issue 10, item 7, asks for, and the roles translated completely.
TRANSLATED_LOCALES = ["th", "zh-Hans"]
TRANSLATED_ROLES = ["support-specialist", "customer-success-manager"]


def _translated_files(framework: Any) -> list[str]:
    """framework.yaml, the translated roles and every competency they use, relative paths."""
    used = {
        competency
        for role_id in TRANSLATED_ROLES
        for level in framework.roles[role_id].levels
        for competency in level.steps()
    }
    return [
        "framework.yaml",
        *(f"roles/{role_id}.yaml" for role_id in TRANSLATED_ROLES),
        *(f"competencies/{competency}.yaml" for competency in sorted(used)),
    ]


def _texts(node: Any) -> list[Any]:
    """Every text of a framework file's data: the values of its text keys and text lists."""
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    if not isinstance(node, dict):
        return []
    found: list[Any] = []
    for key, value in node.items():
        if key in TEXT_KEYS and isinstance(value, str | dict):
            found.append(value)
        elif key in TEXT_LIST_KEYS and isinstance(value, list):
            found.extend(value)
        else:
            found.extend(_texts(value))
    return found


def test_the_framework_declares_english_thai_and_chinese(framework: Any) -> None:
    """framework.yaml lists en, th and zh-Hans, so validate checks each file's translation."""
    assert ["en", *TRANSLATED_LOCALES] == framework.info.locales


@pytest.mark.parametrize("locale", TRANSLATED_LOCALES)
def test_translated_files_have_every_text_in_the_locale(framework: Any, locale: str) -> None:
    """Every text of the scale, the two roles and their competencies has the locale."""
    expected: list[str] = []
    actual = [
        f"{path}: {localize(text)}"
        for path in _translated_files(framework)
        for text in _texts(yaml.safe_load((MATRICES / path).read_text(encoding="utf-8")))
        if not (isinstance(text, dict) and text.get(locale))
    ]
    assert expected == actual


# --- issue 10: seed coverage ----------------------------------------------------------

#: Each of the four hiring traits, its competency, and words its kit must carry.
TRAIT_KITS = [
    ("customer-empathy", "questions", "Role-play"),
    ("customer-empathy", "signals", "benefit of the doubt"),
    ("customer-empathy", "red_flags", "contempt"),
    ("ownership", "red_flags", "how to get promoted"),
    ("ownership", "red_flags", "Blames other people"),
    ("positivity-and-team-health", "questions", "worst boss"),
    ("positivity-and-team-health", "questions", "pet peeve"),
    ("positivity-and-team-health", "red_flags", "Trash-talks"),
    ("coachability", "questions", "a time you failed"),
]


@pytest.mark.parametrize(("competency_id", "part", "words"), TRAIT_KITS)
def test_hiring_trait_kit_carries_the_sources_question(
    framework: Any, competency_id: str, part: str, words: str
) -> None:
    """The kit of a hiring trait asks the source's question or names its red flag."""
    kit = framework.competencies[competency_id].hiring
    assert any(words in localize(line) for line in getattr(kit, part))


def _coverage_refs() -> list[str]:
    """The file paths and behaviour references in the seed coverage table of docs/framework.md."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- seed-coverage:start -->")
    end = text.index("<!-- seed-coverage:end -->")
    return re.findall(r"`([^`]+)`", text[start:end])


def test_seed_coverage_table_names_only_what_exists(framework: Any) -> None:
    """Every file, level, external, role and behaviour the seed coverage table names exists."""
    levels = {found.ref for found in framework.levels()}
    levels |= {f"external:{external.id}" for external in framework.info.externals}
    expected: list[str] = []
    actual = [
        ref
        for ref in _coverage_refs()
        if not (
            (ROOT / ref).exists()
            or ref in levels
            or ref in framework.behaviour_refs
            or ref in framework.competencies
            or ref in framework.roles
        )
    ]
    assert expected == actual


# --- issue 9, item 7: the example people ---------------------------------------------

#: Each example person and the verdict for their target that their story promises.
EXAMPLE_VERDICTS = {
    "priya-n": "ready",
    "jonas-b": "ready",
    "tomasz-k": "almost",
    "mateo-s": "almost",
    "kwame-m": "not-yet",
    "hana-s": "not-yet",
    "lucia-f": "not-yet",
    "ploy-s": "ready",
    "aroha-t": "almost",
    "bao-l": "ready",
    "femi-a": "almost",
    "sofia-g": "almost",
}

#: Issue 10, item 8: the situations the example people must cover, and who shows each.
EXAMPLE_SITUATIONS = {
    "ready": "priya-n",
    "almost": "tomasz-k",
    "not yet": "lucia-f",
    "stale evidence": "kwame-m",
    "a disagreement": "hana-s",
    "a lateral move": "mateo-s",
    "a sub-level promotion": "ploy-s",
    "a move into management after a stretch role": "jonas-b",
    "a team lead becoming a manager": "aroha-t",
    "performing below their level": "bao-l",
    "an outside hire being levelled": "femi-a",
    "a promotion blocked by a metric": "sofia-g",
}

AS_OF = ("--as-of", "2026-11-01")


def _gap(cli: Callable[..., Any], person: str) -> dict[str, Any]:
    """The JSON gap report of an example person against their target."""
    run = cli(
        "gap", EXAMPLES / f"{person}.yaml", "--matrices", MATRICES, *AS_OF, "--format", "json"
    )
    report: dict[str, Any] = json.loads(run.out)
    return report


def _situation(framework: Any, report: dict[str, Any]) -> set[str]:
    """The situations of issue 10, item 8, that one gap report shows."""
    confirmed = framework.level(report["confirmed"]["level"])
    target = framework.level(report["target"])
    statuses = {b["status"] for c in report["competencies"] for b in c["behaviours"]}
    moves = {(m.from_, m.to, m.type, localize(m.note or "")) for m in framework.moves}
    shown = {{"ready": "ready", "almost": "almost", "not-yet": "not yet"}[report["verdict"]]}
    if "stale" in statuses:
        shown.add("stale evidence")
    if any(d["flagged"] for d in report["disagreements"]):
        shown.add("a disagreement")
    if confirmed.role.id != target.role.id and confirmed.level.grade == target.level.grade:
        shown.add("a lateral move")
    if confirmed.role.id == target.role.id and confirmed.level.grade == target.level.grade:
        shown.add("a sub-level promotion")
    if (
        confirmed.role.track == "ic"
        and target.role.track == "manager"
        and any(
            (start, end, kind) == (confirmed.ref, target.ref, "track-change")
            and "stretch role" in note
            for start, end, kind, note in moves
        )
    ):
        shown.add("a move into management after a stretch role")
    below = [c for c in report["competencies"] if c.get("assessed_below")]
    if (
        confirmed.role.track == target.role.track == "manager"
        and confirmed.role.id == target.role.id
        and target.index == confirmed.index + 1
    ):
        shown.add("a team lead becoming a manager")
    if confirmed.ref == target.ref and below:
        shown.add("performing below their level")
    every_behaviour_shown = all(
        b["status"] in {"evidenced", "carried", "not-applicable"}
        for c in report["competencies"]
        for b in c["behaviours"]
    )
    if report["verdict"] != "ready" and every_behaviour_shown and below:
        shown.add("a promotion blocked by a metric")
    evidence = yaml.safe_load((EXAMPLES / f"{report['person']}.yaml").read_text(encoding="utf-8"))
    history = evidence.get("history", [])
    if (
        len(history) == 1
        and history[0]["by"] == "panel"
        and any(item["date"] < history[0]["date"] for item in evidence["items"])
        and target.index > confirmed.index
    ):
        shown.add("an outside hire being levelled")
    return shown


def test_there_are_at_least_twelve_example_people() -> None:
    """examples/ holds at least twelve people (issue 22, item 8)."""
    assert len(list(EXAMPLES.glob("*.yaml"))) >= 12


def _examples() -> list[dict[str, Any]]:
    """Every example evidence file, as plain YAML."""
    return [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLES.glob("*.yaml"))
    ]


def test_most_example_people_have_a_manager() -> None:
    """More than half of the example people name their manager (issue 22, item 8)."""
    people = _examples()
    with_manager = [e["person"]["id"] for e in people if e["person"].get("manager")]
    assert len(with_manager) * 2 > len(people), with_manager


def test_most_example_people_have_two_or_more_confirmations() -> None:
    """More than half of the example people have a history of two or more entries."""
    people = _examples()
    with_history = [e["person"]["id"] for e in people if len(e.get("history", [])) >= 2]
    assert len(with_history) * 2 > len(people), with_history


def test_one_manager_has_five_or_more_example_people() -> None:
    """Some manager has five or more example people, so calibrate can test a group."""
    managers = [e["person"].get("manager") for e in _examples()]
    largest = max(managers.count(m) for m in set(managers) if m)
    assert largest >= 5, managers


def test_every_example_story_names_its_verdict_and_command() -> None:
    """Each example's story comment names its verdict and the gap command that gives it."""
    expected: list[str] = []
    actual = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        story = "".join(
            line.lstrip("#").strip() + " "
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("#")
        )
        verdict = EXAMPLE_VERDICTS[path.stem]
        command = f"competency gap examples/{path.name} --as-of 2026-11-01"
        says = re.search(rf"verdict for [\w@.-]+(:| is) {verdict}\b", story)
        if "Story:" not in story or not says or command not in story:
            actual.append(path.stem)
    assert expected == actual


@pytest.mark.parametrize(("situation", "person"), sorted(EXAMPLE_SITUATIONS.items()))
def test_example_person_shows_their_situation(
    framework: Any, cli: Callable[..., Any], situation: str, person: str
) -> None:
    """The example person's gap report shows the situation they stand for."""
    assert situation in _situation(framework, _gap(cli, person))


def test_every_example_person_is_listed(cli: Callable[..., Any]) -> None:
    """The verdict table here names every file in examples/."""
    assert sorted(EXAMPLE_VERDICTS) == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize(("person", "verdict"), sorted(EXAMPLE_VERDICTS.items()))
def test_example_gets_the_verdict_its_story_promises(
    cli: Callable[..., Any], person: str, verdict: str
) -> None:
    """`competency gap` gives the example person the verdict named in their story."""
    run = cli(
        "gap", EXAMPLES / f"{person}.yaml", "--matrices", MATRICES, *AS_OF, "--format", "json"
    )
    data = json.loads(run.out)
    assert (data["verdict"], data["confirmed"] is not None) == (verdict, True)


@pytest.mark.parametrize("person", sorted(EXAMPLE_VERDICTS))
def test_example_has_a_current_level(cli: Callable[..., Any], person: str) -> None:
    """`competency level` gives every example person a current level."""
    run = cli("level", EXAMPLES / f"{person}.yaml", "--matrices", MATRICES, *AS_OF)
    current = [line for line in run.out.splitlines() if line.startswith("Current level: ")]
    assert (len(current), "Current level: none" in current) == (1, False)


def test_an_example_shows_a_behaviour_replacing_a_confirmed_one(cli: Callable[..., Any]) -> None:
    """Priya's ss2 credit behaviour replaces her confirmed ss1 one and is new, not carried."""
    run = cli("gap", EXAMPLES / "priya-n.yaml", "--matrices", MATRICES, *AS_OF, "--format", "json")
    behaviours = {b["id"]: b for c in json.loads(run.out)["competencies"] for b in c["behaviours"]}
    found = behaviours["support-specialist.decides-standard-credits"]
    assert (found["status"], found["replaces"]) == (
        "evidenced",
        ["support-specialist.decides-small-credits"],
    )
