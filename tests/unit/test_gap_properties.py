"""Properties of the verdict that hold for any evidence and any policy (Hypothesis)."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from competency.analysis.gap import VERDICT_RANK, analyze, months_before
from competency.model import AtLeast, Evidence, Readiness
from tests.unit.test_gap_world import SCALE, make_framework

FRAMEWORK = make_framework()
REFS = sorted(FRAMEWORK.behaviour_refs)
TARGETS = [info.ref for info in FRAMEWORK.levels()]
SOURCES = ["self", "manager", "peer", "customer", "system"]
EARLIEST, LATEST = date(2023, 1, 1), date(2027, 12, 31)

policies = st.builds(
    Readiness,
    max_age_months=st.integers(1, 36),
    min_items=st.integers(1, 3),
    min_sources=st.integers(1, 3),
    sources=st.lists(st.sampled_from(SOURCES), min_size=1, max_size=5, unique=True),
    competency_met=st.one_of(
        st.just("all"),
        st.builds(AtLeast, at_least=st.sampled_from([0.25, 0.5, 0.7, 1.0])),
    ),
    almost_within=st.integers(0, 3),
)


def items(on: st.SearchStrategy[date], sources: list[str] = SOURCES) -> st.SearchStrategy[Any]:
    """Evidence items dated by `on`, from `sources`."""
    return st.fixed_dictionaries(
        {
            "date": on,
            "source": st.sampled_from(sources),
            "summary": st.just("Did it."),
            "shows": st.lists(st.sampled_from(REFS), min_size=1, max_size=4),
        }
    )


def assessments(on: st.SearchStrategy[date]) -> st.SearchStrategy[Any]:
    """Assessments of the tiny world's competencies dated by `on`."""
    return st.fixed_dictionaries(
        {
            "competency": st.sampled_from(["writing", "fixing"]),
            "step": st.sampled_from(SCALE),
            "by": st.sampled_from(["self", "manager", "peer", "panel"]),
            "date": on,
        }
    )


@st.composite
def evidences(draw: st.DrawFn, until: date = LATEST, min_items: int = 0) -> Evidence:
    """Evidence with items and assessments dated up to `until`, and a few exclusions."""
    on = st.dates(EARLIEST, until)
    data = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": {"id": "sam"},
        "role": "agent",
        "level": "a1",
        "items": draw(st.lists(items(on), min_size=min_items, max_size=12)),
        "assessments": draw(st.lists(assessments(on), max_size=4)),
        "not_applicable": [
            {"behaviour": ref, "reason": "Not here."}
            for ref in draw(st.lists(st.sampled_from(REFS), max_size=2, unique=True))
        ],
    }
    return Evidence.model_validate(data)


def rank(evidence: Evidence, target: str, as_of: date, policy: Readiness) -> int:
    """The verdict as a number: higher is better."""
    return VERDICT_RANK[analyze(FRAMEWORK, evidence, target, as_of, policy).verdict]


def with_items(evidence: Evidence, entries: list[Any]) -> Evidence:
    """The same evidence with another list of items."""
    data = evidence.model_dump(mode="json")
    data["items"] = entries
    return Evidence.model_validate(data)


@settings(max_examples=300, deadline=None)
@given(
    evidence=evidences(),
    target=st.sampled_from(TARGETS),
    as_of=st.dates(date(2025, 1, 1), date(2027, 6, 30)),
    policy=policies,
    data=st.data(),
)
def test_adding_a_valid_item_never_lowers_the_verdict(
    evidence: Evidence, target: str, as_of: date, policy: Readiness, data: st.DataObject
) -> None:
    """One more item from an accepted source, inside the age window, never makes it worse."""
    window = st.dates(months_before(as_of, policy.max_age_months), as_of)
    extra = data.draw(items(window, list(policy.sources)))
    entries = [*evidence.model_dump(mode="json")["items"], extra]
    before = rank(evidence, target, as_of, policy)
    assert rank(with_items(evidence, entries), target, as_of, policy) >= before


@settings(max_examples=300, deadline=None)
@given(
    evidence=evidences(min_items=1),
    target=st.sampled_from(TARGETS),
    as_of=st.dates(date(2025, 1, 1), date(2027, 6, 30)),
    policy=policies,
    data=st.data(),
)
def test_removing_an_item_never_raises_the_verdict(
    evidence: Evidence, target: str, as_of: date, policy: Readiness, data: st.DataObject
) -> None:
    """Taking any one item away never makes the verdict better."""
    entries = evidence.model_dump(mode="json")["items"]
    index = data.draw(st.integers(0, len(entries) - 1))
    fewer = with_items(evidence, entries[:index] + entries[index + 1 :])
    assert rank(fewer, target, as_of, policy) <= rank(evidence, target, as_of, policy)


@settings(max_examples=300, deadline=None)
@given(
    earlier=st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    days_later=st.integers(0, 1500),
    target=st.sampled_from(TARGETS),
    policy=policies,
    data=st.data(),
)
def test_a_later_as_of_date_never_gives_a_better_verdict(
    earlier: date, days_later: int, target: str, policy: Readiness, data: st.DataObject
) -> None:
    """With nothing dated after the earlier date, evidence only ages as time passes."""
    evidence = data.draw(evidences(until=earlier))
    later = date.fromordinal(earlier.toordinal() + days_later)
    assert rank(evidence, target, later, policy) <= rank(evidence, target, earlier, policy)
