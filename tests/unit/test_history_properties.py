"""Replaying an as-of date equals analysing the evidence as it stood then (Hypothesis).

For any evidence and any date D: the gap report as of D equals the gap
report as of D of a copy truncated at D (items, assessments and history
entries dated after D removed; when history is cut, the last remaining
entry's level becomes the file's role and level): same verdict, same
competency statuses and assessed steps, same behaviour statuses, and the
same default target.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from competency import load_framework
from competency.analysis.gap import Analyzer, NoTargetError, default_target
from competency.analysis.report import GapReport
from competency.model import Evidence
from tests.conftest import ROOT

FRAMEWORK = load_framework(ROOT / "tests" / "golden" / "framework")
REFS = sorted(FRAMEWORK.behaviour_refs)
LEVELS = [info.ref for info in FRAMEWORK.levels()]
COMPETENCIES = sorted(FRAMEWORK.competencies)
STEPS = [step.id for step in FRAMEWORK.info.scale]
SOURCES = ["self", "manager", "peer", "customer", "system"]
FIRST, LAST = date(2024, 1, 1), date(2026, 12, 31)
DAYS = st.dates(FIRST, LAST)


@st.composite
def evidences(draw: st.DrawFn) -> Evidence:
    """Evidence for the golden framework: a history (or a 1.1 confirmed, or neither),
    items, assessments and not-applicable behaviours, dated across three years."""
    kind = draw(st.sampled_from(["history", "confirmed", "none"]))
    data: dict[str, Any] = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": {"id": "sam"},
        "items": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "date": DAYS,
                        "source": st.sampled_from(SOURCES),
                        "summary": st.just("Did it."),
                        "shows": st.lists(st.sampled_from(REFS), min_size=1, max_size=3),
                        "suggested": st.booleans(),
                    }
                ),
                max_size=8,
            )
        ),
        "assessments": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "competency": st.sampled_from(COMPETENCIES),
                        "step": st.sampled_from(STEPS),
                        "by": st.sampled_from(["self", "manager", "peer", "panel"]),
                        "date": DAYS,
                    }
                ),
                max_size=4,
            )
        ),
        "not_applicable": [
            {"behaviour": ref, "reason": "Not here."}
            for ref in draw(st.lists(st.sampled_from(REFS), max_size=1, unique=True))
        ],
    }
    if draw(st.booleans()):
        data["target"] = draw(st.sampled_from(LEVELS))
    if kind == "history":
        days = sorted(draw(st.sets(DAYS, min_size=1, max_size=4)))
        levels = draw(st.lists(st.sampled_from(LEVELS), min_size=len(days), max_size=len(days)))
        by = st.sampled_from(["manager", "panel"])
        data["history"] = [
            {"level": level, "date": day, "by": draw(by)}
            for level, day in zip(levels, days, strict=True)
        ]
        data["role"], _, data["level"] = levels[-1].partition("@")
    else:
        data["role"], _, level = draw(st.sampled_from(LEVELS)).partition("@")
        if draw(st.booleans()) or kind == "confirmed":
            data["level"] = level
        if kind == "confirmed" and "level" in data:
            data["confirmed"] = {
                "date": draw(DAYS),
                "by": draw(st.sampled_from(["manager", "panel"])),
            }
    return Evidence.model_validate(data)


def truncated(evidence: Evidence, day: date) -> Evidence:
    """`evidence` as it stood on `day`: nothing dated after it."""
    update: dict[str, Any] = {
        "items": [item for item in evidence.items if item.date <= day],
        "assessments": [a for a in evidence.assessments if a.date <= day],
    }
    if evidence.history is not None:
        kept = [entry for entry in evidence.history if entry.date <= day]
        update["history"] = kept or None
        if kept:
            update["role"], _, update["level"] = kept[-1].level.partition("@")
        else:
            update["level"] = None
    elif evidence.confirmed is not None and evidence.confirmed.date > day:
        update["confirmed"] = None
    return evidence.model_copy(update=update)


def outcome(report: GapReport) -> tuple[Any, ...]:
    """What must agree: the verdict, and every competency's and behaviour's status."""
    return (
        report.target,
        report.verdict,
        [
            (c.id, c.status, c.assessed, [(b.id, b.status) for b in c.behaviours])
            for c in report.competencies
        ],
    )


def _target(evidence: Evidence, day: date) -> str | None:
    try:
        return default_target(FRAMEWORK, evidence, day)
    except NoTargetError:
        return None


@settings(max_examples=200, deadline=None)
@given(
    evidences(),
    st.dates(FIRST - timedelta(days=30), LAST + timedelta(days=30)),
    st.sampled_from(LEVELS),
)
def test_replaying_a_date_equals_the_evidence_truncated_at_it(
    evidence: Evidence, day: date, target: str
) -> None:
    """Against any level, the report as of D equals that of the copy truncated at D."""
    analyzer = Analyzer(FRAMEWORK, day)
    replayed = analyzer.report(evidence, target)
    cut = analyzer.report(truncated(evidence, day), target)
    assert outcome(replayed) == outcome(cut)


@settings(max_examples=200, deadline=None)
@given(evidences(), st.dates(FIRST - timedelta(days=30), LAST + timedelta(days=30)))
def test_replaying_a_date_aims_at_the_same_default_target(evidence: Evidence, day: date) -> None:
    """The default target as of D is the truncated copy's, and so is its report."""
    target = _target(evidence, day)
    cut = truncated(evidence, day)
    assert target == _target(cut, day)
    if target is not None:
        analyzer = Analyzer(FRAMEWORK, day)
        assert outcome(analyzer.report(evidence, target)) == outcome(analyzer.report(cut, target))
