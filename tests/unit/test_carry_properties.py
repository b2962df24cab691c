"""Properties of revision 1.1 that hold for any evidence (Hypothesis): carrying and replacing."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from competency import load_framework
from competency.analysis.gap import VERDICT_RANK, Analyzer
from competency.framework import Framework
from competency.model import Evidence
from tests.acceptance.support import CASES, base_files, check
from tests.conftest import MATRICES

SOURCES = ["self", "manager", "peer", "customer", "system"]


def _replacing_world() -> Framework:
    """The acceptance base framework with the R108 positive case's replacements in it."""
    files = base_files()
    overlay = CASES / "R108" / "positive" / "matrices"
    for path in overlay.rglob("*.yaml"):
        files[path.relative_to(overlay).as_posix()] = path.read_text(encoding="utf-8")
    checked = check(files)
    assert checked.framework is not None, checked.diagnostics
    return checked.framework


WORLD = _replacing_world()
REFS = sorted(WORLD.behaviour_refs)
LEVELS = [info.ref for info in WORLD.levels()]


@st.composite
def evidences(draw: st.DrawFn) -> Evidence:
    """Evidence for the replacing world, with or without a confirmed level."""
    role = draw(st.sampled_from(sorted(WORLD.roles)))
    levels = [level.id for level in WORLD.roles[role].levels]
    on = st.dates(date(2025, 1, 1), date(2026, 12, 31))
    data: dict[str, Any] = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": {"id": "sam"},
        "role": role,
        "level": draw(st.sampled_from(levels)),
        "items": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "date": on,
                        "source": st.sampled_from(SOURCES),
                        "summary": st.just("Did it."),
                        "shows": st.lists(st.sampled_from(REFS), min_size=1, max_size=3),
                    }
                ),
                max_size=8,
            )
        ),
    }
    if draw(st.booleans()):
        data["confirmed"] = {"date": draw(on), "by": draw(st.sampled_from(["manager", "panel"]))}
    return Evidence.model_validate(data)


AS_OF = date(2026, 11, 1)


def _judge(evidence: Evidence, target: str, carry: bool) -> Any:
    policy = WORLD.info.readiness.model_copy(update={"carry_confirmed": carry})
    analyzer = Analyzer(WORLD, AS_OF, policy)
    return analyzer.report(evidence, target)


@settings(max_examples=150, deadline=None)
@given(evidences(), st.sampled_from(LEVELS))
def test_carrying_never_makes_a_verdict_worse(evidence: Evidence, target: str) -> None:
    """The verdict with carrying is at least the verdict without it."""
    carried = _judge(evidence, target, carry=True)
    plain = _judge(evidence, target, carry=False)
    assert VERDICT_RANK[carried.verdict] >= VERDICT_RANK[plain.verdict]


@settings(max_examples=150, deadline=None)
@given(evidences(), st.sampled_from(LEVELS))
def test_no_carrying_equals_revision_one(evidence: Evidence, target: str) -> None:
    """With carry_confirmed false the report equals that of the same evidence without confirmed."""
    without = evidence.model_copy(update={"confirmed": None})
    plain = _judge(evidence, target, carry=False).model_dump()
    before = _judge(without, target, carry=False).model_dump()
    assert plain == before


def _never_with_its_replacement(framework: Framework) -> list[str]:
    """Levels whose expected set holds a behaviour together with one that replaces it."""
    found = []
    for info in framework.levels():
        expected = [b for part in framework.expected(info.ref) for b in part.behaviours]
        refs = {b.ref for b in expected}
        if refs & framework.replaced_by(expected):
            found.append(info.ref)
    return found


def test_expected_sets_never_hold_a_behaviour_and_its_replacement() -> None:
    """In the replacing world and the shipped framework, replaced behaviours are gone."""
    shipped = load_framework(MATRICES)
    assert (_never_with_its_replacement(WORLD), _never_with_its_replacement(shipped)) == ([], [])


def test_replaced_behaviours_leave_the_expected_set_through_chains() -> None:
    """sp2 expects scripts-repro, which replaces logs-repro-steps and reproduces-first."""
    expected = {b.ref for part in WORLD.expected("specialist@sp2") for b in part.behaviours}
    gone = {"specialist.logs-repro-steps", "troubleshooting.reproduces-first"}
    assert (expected & gone, "specialist.scripts-repro" in expected) == (set(), True)


def test_what_is_new_names_the_replaced_behaviour_of_the_level_below() -> None:
    """At sp2, scripts-repro is new and replaces what sp1 expected."""
    changes = {c.competency: c for c in WORLD.what_is_new("specialist@sp2")}
    new = {n.info.ref: sorted(r.ref for r in n.replaces) for n in changes["troubleshooting"].new}
    assert new["specialist.scripts-repro"] == [
        "specialist.logs-repro-steps",
        "troubleshooting.reproduces-first",
    ]


def test_a_replacing_behaviour_is_new_not_carried() -> None:
    """Confirmed at sp1, sam must show scripts-repro at sp2: it is new, so it is missing."""
    evidence = Evidence.model_validate(
        {
            "format": "competency/v1",
            "kind": "evidence",
            "person": {"id": "sam"},
            "role": "specialist",
            "level": "sp1",
            "confirmed": {"date": "2026-01-05", "by": "panel"},
        }
    )
    report = _judge(evidence, "specialist@sp2", carry=True)
    statuses = {b.id: (b.status, b.new) for c in report.competencies for b in c.behaviours}
    assert statuses["specialist.scripts-repro"] == ("missing", True)
