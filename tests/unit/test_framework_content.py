"""The content of the shipped framework's third edition (issue 22, items 1, 2, 7 and 10).

These tests check what a program can check about how the shipped ladders
read: each level stays a manageable size, the craft of an individual
contributor ladder is never dropped on the way up and stays visible in the
behaviours of its top levels, every manager level holds one-to-ones and
interviews for the four hiring traits, every competency offers ways to grow
at two or more steps, every behaviour is expected by some level, and the
table of `replaces` links in docs/framework.md lists exactly the links in
the files.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from competency import localize
from tests.conftest import ROOT

DOCS = ROOT / "docs" / "framework.md"

#: The shipped framework's own bounds, tighter than issue 10's (test_shipped_framework).
MOST_EXPECTED = 38
NEW_ABOVE_LOWEST = range(6, 26)

#: The craft of each individual-contributor role family: once a level of a role in the family
#: expects one of these, every higher level of that role expects it at the same step or above.
CRAFT = {
    "support": {
        "customer-empathy",
        "communication",
        "product-knowledge",
        "troubleshooting",
        "technical-depth",
        "knowledge-management",
        "escalation-and-incidents",
        "quality-and-feedback",
        "process-and-documentation",
        "data-and-metrics",
    },
    "success": {
        "customer-empathy",
        "communication",
        "product-knowledge",
        "troubleshooting",
        "teaching-and-enablement",
        "commercial-acumen",
        "knowledge-management",
    },
    # The third edition's specialist ladders: each is its own craft, whatever family it is drawn in.
    "community": {
        "customer-empathy",
        "communication",
        "product-knowledge",
        "troubleshooting",
        "knowledge-management",
        "escalation-and-incidents",
        "teaching-and-enablement",
    },
    "trust-and-safety": {
        "customer-empathy",
        "troubleshooting",
        "technical-depth",
        "knowledge-management",
        "escalation-and-incidents",
        "process-and-documentation",
        "quality-and-feedback",
        "data-and-metrics",
    },
    "workforce-management": {
        "communication",
        "escalation-and-incidents",
        "process-and-documentation",
        "data-and-metrics",
        "strategy-and-business",
    },
    "automation": {
        "communication",
        "product-knowledge",
        "troubleshooting",
        "technical-depth",
        "knowledge-management",
        "quality-and-feedback",
        "data-and-metrics",
        "product-collaboration",
    },
    "enablement": {
        "communication",
        "product-knowledge",
        "knowledge-management",
        "quality-and-feedback",
        "teaching-and-enablement",
        "mentoring",
    },
    "technical-account": {
        "customer-empathy",
        "communication",
        "product-knowledge",
        "troubleshooting",
        "technical-depth",
        "escalation-and-incidents",
        "product-collaboration",
        "commercial-acumen",
    },
    "success-operations": {
        "communication",
        "technical-depth",
        "process-and-documentation",
        "data-and-metrics",
        "commercial-acumen",
        "strategy-and-business",
    },
}

#: IC roles whose craft is a specialism of its own rather than that of the family they are drawn
#: in (`family` in the role file groups the career map; this says what must never be dropped).
CRAFT_FAMILY = {
    "community-support-specialist": "community",
    "trust-and-safety-specialist": "trust-and-safety",
    "workforce-management-analyst": "workforce-management",
    "support-automation-specialist": "automation",
    "support-enablement-specialist": "enablement",
    "technical-account-manager": "technical-account",
    "customer-success-operations": "success-operations",
}

#: Craft that must stay visible in what a level expects, not only in its step: (role, first level
#: it applies from, competency, a pattern one of the level's behaviours in it must match).
CRAFT_IN_WORDS = [
    ("support-engineer", "se1", "technical-depth", r"\breads (the )?code\b"),
    ("product-support-engineer", "pse1", "technical-depth", r"\breads (the )?code\b"),
    ("support-engineer", "se1", "troubleshooting", r"\broot causes?\b"),
    ("product-support-engineer", "pse1", "troubleshooting", r"\broot causes?\b"),
    ("support-specialist", "ss3", "troubleshooting", r"\broot causes?\b"),
    ("support-specialist", "ss3", "customer-empathy", r"\bangr(y|iest)\b"),
    ("customer-success-manager", "csm2", "commercial-acumen", r"\brenewals?\b"),
    ("customer-success-manager", "csm2", "commercial-acumen", r"\bsuccess plans?\b"),
]

PEOPLE = "people-management"
ONE_TO_ONES = re.compile(r"\bone-to-ones?\b", re.I)
FOUR_TRAITS = re.compile(r"drive, coachability, positivity and empathy|four (hiring )?traits", re.I)


def _craft_family(role: Any) -> str:
    """The craft family of an IC role: its own specialism if it has one, else its family."""
    return str(CRAFT_FAMILY.get(role.id, role.family))


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


def _texts(framework: Any, ref: str, competency: str) -> list[str]:
    """The English texts of the behaviours a level expects under one competency."""
    return [
        localize(info.behaviour.text)
        for part in framework.expected(ref)
        if part.competency == competency
        for info in part.behaviours
    ]


def test_no_level_expects_more_than_thirty_eight_behaviours(framework: Any) -> None:
    """Every level of the shipped framework expects at most thirty-eight behaviours."""
    expected: list[str] = []
    sizes = _sizes(framework)
    assert expected == [ref for ref, (_, count, _) in sizes.items() if count > MOST_EXPECTED]


def test_every_higher_level_adds_six_to_twenty_five(framework: Any) -> None:
    """A level above a role's lowest adds between six and twenty-five new behaviours."""
    expected: list[str] = []
    sizes = _sizes(framework)
    assert expected == [
        ref for ref, (index, _, new) in sizes.items() if index and new not in NEW_ABOVE_LOWEST
    ]


def test_craft_is_never_dropped_along_an_individual_contributor_ladder(framework: Any) -> None:
    """Once an IC level expects a craft competency of its family, each higher level does too."""
    order = {step.id: index for index, step in enumerate(framework.info.scale)}
    expected: list[tuple[str, str]] = []
    actual = []
    for role in framework.roles.values():
        if role.track != "ic":
            continue
        craft = CRAFT[_craft_family(role)]
        for lower, higher in zip(role.levels, role.levels[1:], strict=False):
            below, above = lower.steps(), higher.steps()
            actual += [
                (f"{role.id}@{higher.id}", competency)
                for competency in sorted(craft & below.keys())
                if competency not in above or order[above[competency]] < order[below[competency]]
            ]
    assert expected == actual


def test_every_individual_contributor_role_has_a_craft_family(framework: Any) -> None:
    """Each IC role belongs to a family whose craft set is defined here."""
    expected: list[str] = []
    actual = [
        r.id for r in framework.roles.values() if r.track == "ic" and _craft_family(r) not in CRAFT
    ]
    assert expected == actual


def test_every_specialist_craft_family_names_an_individual_contributor_role(
    framework: Any,
) -> None:
    """Each role given a craft family of its own exists and is on the IC track."""
    expected: list[str] = []
    actual = [
        role_id
        for role_id in CRAFT_FAMILY
        if role_id not in framework.roles or framework.roles[role_id].track != "ic"
    ]
    assert expected == actual


def test_every_specialist_craft_is_expected_by_its_role(framework: Any) -> None:
    """Each competency named as a specialism's craft is expected by some level of its role."""
    expected: list[tuple[str, str]] = []
    actual = [
        (role_id, competency)
        for role_id, family in CRAFT_FAMILY.items()
        for competency in sorted(CRAFT[family])
        if not any(competency in level.steps() for level in framework.roles[role_id].levels)
    ]
    assert expected == actual


@pytest.mark.parametrize(("role_id", "first", "competency", "pattern"), CRAFT_IN_WORDS)
def test_craft_stays_in_the_words_up_the_ladder(
    framework: Any, role_id: str, first: str, competency: str, pattern: str
) -> None:
    """From the named level up, the role's levels expect a behaviour that names the craft."""
    role = framework.roles[role_id]
    ids = [level.id for level in role.levels]
    expected: list[str] = []
    actual = [
        level_id
        for level_id in ids[ids.index(first) :]
        if not any(
            re.search(pattern, text, re.I)
            for text in _texts(framework, f"{role_id}@{level_id}", competency)
        )
    ]
    assert expected == actual


def test_every_manager_level_holds_one_to_ones(framework: Any) -> None:
    """Every people-manager level expects a behaviour about holding one-to-ones."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        if found.role.track == "manager"
        and not any(ONE_TO_ONES.search(t) for t in _texts(framework, found.ref, PEOPLE))
    ]
    assert expected == actual


def test_every_manager_level_interviews_for_the_four_traits(framework: Any) -> None:
    """Every people-manager level expects interviewing for the four hiring traits."""
    expected: list[str] = []
    actual = [
        found.ref
        for found in framework.levels()
        if found.role.track == "manager"
        and not any(FOUR_TRAITS.search(t) for t in _texts(framework, found.ref, PEOPLE))
    ]
    assert expected == actual


def test_every_competency_has_resources_at_two_or_more_steps(framework: Any) -> None:
    """Each competency lists resources at two or more of its steps."""
    expected: list[str] = []
    actual = [
        competency.id
        for competency in framework.competencies.values()
        if sum(1 for step in competency.steps.values() if step.resources) < 2
    ]
    assert expected == actual


def test_every_behaviour_is_expected_by_some_level(framework: Any) -> None:
    """No library or role behaviour is left that no level expects."""
    used = {
        info.ref
        for found in framework.levels()
        for part in framework.expected(found.ref)
        for info in part.behaviours
    }
    expected: list[str] = []
    assert expected == [info.ref for info in framework.behaviours() if info.ref not in used]


def _links_in_files(framework: Any) -> set[tuple[str, str]]:
    """Every `replaces` link as (behaviour, behaviour it grows out of), both written in full."""
    links = set()
    for info in framework.behaviours():
        owner = info.ref.partition(".")[0]
        for lower in info.behaviour.replaces or []:
            links.add((info.ref, lower if "." in lower else f"{owner}.{lower}"))
    return links


def _links_in_docs() -> list[tuple[str, str, str]]:
    """The rows of the replaces table in docs/framework.md: (behaviour, grows out of, how)."""
    text = DOCS.read_text(encoding="utf-8")
    start = text.index("<!-- replaces:start -->")
    end = text.index("<!-- replaces:end -->")
    rows = [line for line in text[start:end].splitlines() if line.startswith("| `")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    return [(higher.strip("`"), lower.strip("`"), how) for higher, lower, how in cells]


def test_docs_table_lists_exactly_the_replaces_links(framework: Any) -> None:
    """The replaces table in docs/framework.md has one row for each link in the files."""
    rows = _links_in_docs()
    assert (sorted(_links_in_files(framework)), len(rows)) == (
        sorted((higher, lower) for higher, lower, _ in rows),
        len({(higher, lower) for higher, lower, _ in rows}),
    )


def test_docs_table_says_how_each_link_grows(framework: Any) -> None:
    """Every row of the replaces table says in words how the higher behaviour contains the lower."""
    expected: list[str] = []
    assert expected == [higher for higher, _, how in _links_in_docs() if len(how.split()) < 4]


def _table(start: str, end: str) -> list[list[str]]:
    """The body rows of the Markdown table between two markers in docs/framework.md."""
    text = DOCS.read_text(encoding="utf-8")
    block = text[text.index(start) : text.index(end)]
    rows = [line for line in block.splitlines() if line.startswith("| ")][2:]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def test_support_specialist_caps_grow_in_dollars_level_by_level(framework: Any) -> None:
    """The currency caps table names each Support Specialist level in order, caps rising."""
    rows = _table("<!-- ss-caps:start -->", "<!-- ss-caps:end -->")
    titles = [localize(level.title) for level in framework.roles["support-specialist"].levels]
    amounts = [
        int(found.group(1).replace(",", ""))
        for _, _, cap in rows
        if (found := re.search(r"USD ([\d,]+)", cap))
    ]
    assert ([row[0] for row in rows], len(amounts)) == (titles, len(titles) - 1)
    assert amounts == sorted(set(amounts))


def test_seed_count_adds_up() -> None:
    """Each article's fully, partly and not-at-all counts add up, and so do the totals."""
    rows = _table("<!-- seed-count:start -->", "<!-- seed-count:end -->")
    counts = [[int(cell) for cell in row[1:]] for row in rows]
    *articles, total = counts
    expected = [True] * len(counts) + [True]
    actual = [ideas == fully + partly + none for ideas, fully, partly, none in counts] + [
        total == [sum(column) for column in zip(*articles, strict=True)]
    ]
    assert (expected, total[0]) == (actual, 143)
