"""The judging rules of docs/format.md section 8, one test per rule (analysis/judge.py).

Each test names the rule it pins; together they kill the mutants of the
judging that the broader tests let through (tools/mutate.py,
docs/development.md): an ignored item or assessment listed first, the
boundaries the format fixes, the confirmed level, "none applicable is met".
"""

from __future__ import annotations

from datetime import date
from typing import Any

from competency.analysis.gap import analyze
from competency.analysis.judge import (
    BehaviourJudge,
    months_before,
    top_of_ready_run,
    verdict_of,
)
from competency.model import AtLeast, Evidence, Readiness
from tests.unit.test_gap_world import AS_OF, assessment, item, make_evidence, make_framework

FRAMEWORK = make_framework()


def _statuses(evidence: Evidence, policy: Readiness | None = None) -> dict[str, str]:
    judge = BehaviourJudge(FRAMEWORK, AS_OF, policy or Readiness(min_items=1, min_sources=1))
    return dict(judge.profile(evidence).statuses)


def _with_history(*entries: tuple[str, str], **kw: Any) -> Evidence:
    evidence = make_evidence(**kw)
    data = evidence.model_dump(mode="json", by_alias=True, exclude_none=True)
    data.pop("level", None)
    data["history"] = [{"level": level, "date": on, "by": "manager"} for level, on in entries]
    return Evidence.model_validate(data)


# --- which items count ---------------------------------------------------------------


def test_an_item_after_as_of_listed_first_does_not_stop_the_items_after_it() -> None:
    """Rule: an ignored item (dated after as-of) is skipped, and the items after it still count."""
    evidence = make_evidence(item("writing.w1", on="2026-12-01"), item("writing.w2"))
    expected = {"writing.w2": "evidenced"}
    assert expected == _statuses(evidence)


def test_a_too_old_item_listed_first_does_not_stop_the_items_after_it() -> None:
    """Rule: an item older than max_age_months is stale, and the items after it still count."""
    evidence = make_evidence(item("writing.w1", on="2020-01-01"), item("writing.w2"))
    expected = {"writing.w1": "stale", "writing.w2": "evidenced"}
    assert expected == _statuses(evidence)


def test_an_item_dated_on_as_of_counts() -> None:
    """Rule: an item dated exactly on the as-of date counts (only later ones are ignored)."""
    evidence = make_evidence(item("writing.w1", on=AS_OF.isoformat()))
    assert _statuses(evidence) == {"writing.w1": "evidenced"}


def test_an_item_dated_on_the_oldest_day_counts() -> None:
    """Rule: an item dated exactly max_age_months before as-of is still inside the window."""
    oldest = months_before(AS_OF, Readiness().max_age_months)
    evidence = make_evidence(item("writing.w1", on=oldest.isoformat()))
    assert _statuses(evidence) == {"writing.w1": "evidenced"}


def test_min_items_and_min_sources_are_inclusive() -> None:
    """Rule: exactly min_items items from exactly min_sources sources is enough (evidenced)."""
    policy = Readiness(min_items=2, min_sources=2)
    evidence = make_evidence(
        item("writing.w1", source="manager"),
        item("writing.w1", source="peer"),
        item("writing.w2", source="manager"),
        item("writing.w2", source="manager"),
    )
    expected = {"writing.w1": "evidenced", "writing.w2": "thin"}
    assert expected == _statuses(evidence, policy)


def test_an_item_shows_a_behaviour_once_however_often_it_lists_it() -> None:
    """Rule: one item counts once per behaviour, even when it lists the behaviour twice."""
    evidence = make_evidence(item("writing.w1", "writing.w1"))
    assert _statuses(evidence, Readiness(min_items=2, min_sources=1)) == {"writing.w1": "thin"}


# --- assessments ---------------------------------------------------------------------


def test_an_assessment_after_as_of_listed_first_does_not_stop_the_others() -> None:
    """Rule: an assessment dated after as-of is skipped, and the ones after it still count."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "leading", "manager", on="2026-12-01"),
            assessment("writing", "learning", "manager"),
        ]
    )
    judge = BehaviourJudge(FRAMEWORK, AS_OF)
    assert judge.profile(evidence).assessed["writing"].step == "learning"


def test_an_assessment_dated_on_as_of_counts() -> None:
    """Rule: an assessment dated exactly on the as-of date counts."""
    evidence = make_evidence(
        assessments=[assessment("writing", "learning", "manager", on=AS_OF.isoformat())]
    )
    profile = BehaviourJudge(FRAMEWORK, AS_OF).profile(evidence)
    assert profile.assessed["writing"].step == "learning"


def test_on_the_same_day_the_later_assessment_in_the_file_wins() -> None:
    """Rule: two assessments of one day: the one written later in the file is the latest."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "learning", "manager"),
            assessment("writing", "proficient", "manager"),
            assessment("writing", "leading", "manager", on="2026-01-01"),
        ]
    )
    profile = BehaviourJudge(FRAMEWORK, AS_OF).profile(evidence)
    assert profile.assessed["writing"].step == "proficient"


def test_only_a_manager_or_panel_sets_the_assessed_step() -> None:
    """Rule: self and peer assessments are kept as such but never set the assessed step."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "learning", "self"),
            assessment("fixing", "learning", "peer"),
            assessment("fixing", "leading", "panel", on="2026-01-01"),
        ]
    )
    profile = BehaviourJudge(FRAMEWORK, AS_OF).profile(evidence)
    expected = ({"fixing": "leading"}, {"writing": "learning"}, {"fixing": "learning"})
    assert expected == (
        {k: a.step for k, a in profile.assessed.items()},
        {k: a.step for k, a in profile.latest_self.items()},
        {k: a.step for k, a in profile.latest_other.items()},
    )


def test_an_assessment_at_the_expected_step_is_not_below_it() -> None:
    """Rule: assessed at exactly the expected step: not below, so the competency can be met."""
    evidence = make_evidence(
        item("writing.w1", "writing.w2", "writing.w3"),
        assessments=[assessment("writing", "practising", "manager")],
    )
    judge = BehaviourJudge(FRAMEWORK, AS_OF, Readiness(min_items=1, min_sources=1))
    part = judge.judge(judge.profile(evidence), "agent@a1").competencies[0]
    assert (part.expected.competency, part.status, part.assessed_below) == ("writing", "met", False)


# --- competencies and verdicts -------------------------------------------------------


def test_no_applicable_behaviour_is_met_under_at_least() -> None:
    """Rule: with competency_met at_least, a competency whose behaviours are all not applicable
    is met (none applicable is enough)."""
    policy = Readiness(competency_met=AtLeast(at_least=0.5))
    judge = BehaviourJudge(FRAMEWORK, AS_OF, policy)
    expected = (True, True, False)
    assert expected == (judge.enough(0, 0), judge.enough(1, 2), judge.enough(0, 1))


def test_all_means_every_applicable_behaviour() -> None:
    """Rule: under competency_met all, one missing applicable behaviour is not enough."""
    judge = BehaviourJudge(FRAMEWORK, AS_OF, Readiness())
    expected = (True, True, False)
    assert expected == (judge.enough(0, 0), judge.enough(2, 2), judge.enough(1, 2))


def test_partial_needs_at_least_one_shown_behaviour_else_gap() -> None:
    """Rule: not met with one shown behaviour is partial; with none it is a gap."""
    evidence = make_evidence(item("writing.w1"))
    judge = BehaviourJudge(FRAMEWORK, AS_OF, Readiness(min_items=1, min_sources=1))
    parts = judge.judge(judge.profile(evidence), "agent@a1").competencies
    assert [(p.expected.competency, p.status, p.evidenced, p.applicable) for p in parts] == [
        ("writing", "partial", 1, 3),
        ("fixing", "gap", 0, 2),
    ]


def test_almost_allows_exactly_almost_within_partials() -> None:
    """Rule: no gap and at most almost_within partial competencies is almost; one more is not."""
    expected = ("ready", "almost", "not-yet", "not-yet")
    assert expected == (
        verdict_of(["met", "met"], 1),
        verdict_of(["met", "partial"], 1),
        verdict_of(["partial", "partial"], 1),
        verdict_of(["met", "gap"], 3),
    )


def test_the_ready_run_stops_at_the_first_level_that_is_not_ready() -> None:
    """Rule: the current level is the top of the unbroken ready run from the lowest level."""
    from competency.analysis.judge import Judgement
    from competency.analysis.report import Verdict

    verdicts: list[tuple[str, Verdict]] = [("a@1", "ready"), ("a@2", "almost"), ("a@3", "ready")]
    run = [Judgement(t, (), v) for t, v in verdicts]
    assert top_of_ready_run(run) == "a@1"


# --- the confirmed level -------------------------------------------------------------


def test_a_confirmed_level_is_ready_whatever_the_evidence() -> None:
    """Rule: the confirmed level and the lower levels of its role are ready with no evidence;
    the level above is judged on the evidence (the carried behaviours take it to almost)."""
    evidence = _with_history(("agent@a2", "2026-01-01"))
    verdicts = [
        analyze(FRAMEWORK, evidence, f"agent@{lv}", AS_OF).verdict for lv in ("a1", "a2", "a3")
    ]
    assert verdicts == ["ready", "ready", "almost"]


def test_a_confirmation_dated_on_as_of_is_in_force() -> None:
    """Rule: a confirmation dated exactly on the as-of date counts."""
    evidence = _with_history(("agent@a1", AS_OF.isoformat()))
    assert analyze(FRAMEWORK, evidence, "agent@a1", AS_OF).verdict == "ready"


def test_a_confirmation_after_as_of_is_not_in_force() -> None:
    """Rule: a confirmation dated after the as-of date does not count (and says so)."""
    evidence = _with_history(("agent@a1", "2026-11-02"))
    judge = BehaviourJudge(FRAMEWORK, AS_OF)
    profile = judge.profile(evidence)
    assert (profile.confirmed, profile.confirmation_ignored) == (None, True)


def test_a_confirmation_in_another_role_does_not_cover_this_one() -> None:
    """Rule: a confirmed lead@l1 does not make agent@a1 ready: it is judged on what is
    shown and carried (agent.logs-tickets is neither, so almost)."""
    evidence = _with_history(("lead@l1", "2026-01-01"), role="lead")
    assert analyze(FRAMEWORK, evidence, "agent@a1", AS_OF).verdict == "almost"


def test_carried_never_hides_evidenced_and_not_applicable_wins() -> None:
    """Rule: a carried behaviour that is also evidenced stays evidenced; not-applicable wins."""
    evidence = _with_history(("agent@a1", "2026-01-01"))
    data = evidence.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["items"] = [item("writing.w1")]
    data["not_applicable"] = [{"behaviour": "writing.w2", "reason": "No."}]
    statuses = _statuses(Evidence.model_validate(data))
    expected = ("evidenced", "not-applicable", "carried")
    assert expected == (statuses["writing.w1"], statuses["writing.w2"], statuses["writing.w3"])


def test_months_before_keeps_the_day_or_the_month_end() -> None:
    """Rule: moving back by months keeps the day, or takes the month's last day; the year 1
    is a year like any other, and before it is the earliest date there is."""
    expected = (date(2026, 2, 28), date(2025, 11, 30), date(2024, 2, 29), date(1, 3, 15), date.min)
    assert expected == (
        months_before(date(2026, 8, 31), 6),
        months_before(date(2026, 11, 30), 12),
        months_before(date(2024, 3, 31), 1),
        months_before(date(2, 3, 15), 12),
        months_before(date(1, 6, 1), 12),
    )


# --- what the judging hands to the reports -------------------------------------------


def test_judgements_are_immutable_values() -> None:
    """Rule: a judgement (and each competency's) cannot change once made: reports share them."""
    import dataclasses

    import pytest

    judge = BehaviourJudge(FRAMEWORK, AS_OF)
    judgement = judge.judge(judge.profile(make_evidence()), "agent@a1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        judgement.verdict = "ready"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        judgement.competencies[0].status = "met"  # type: ignore[misc]


def test_a_judgement_counts_its_competencies_by_status() -> None:
    """Rule: count(status) is the number of competencies with exactly that status."""
    evidence = make_evidence(item("writing.w1", "writing.w2", "writing.w3", "fixing.f1"))
    judge = BehaviourJudge(FRAMEWORK, AS_OF, Readiness(min_items=1, min_sources=1))
    judgement = judge.judge(judge.profile(evidence), "agent@a2")
    expected = (1, 1, 0)
    assert expected == (judgement.count("met"), judgement.count("partial"), judgement.count("gap"))


def test_a_confirmation_in_force_is_not_said_to_be_ignored() -> None:
    """Rule: confirmation_ignored is true only when every confirmation is after as-of."""
    profile = BehaviourJudge(FRAMEWORK, AS_OF).profile(_with_history(("agent@a1", "2026-01-01")))
    assert (profile.confirmed, profile.confirmation_ignored) == ("agent@a1", False)


def test_a_confirmed_level_the_framework_lacks_carries_nothing() -> None:
    """Rule: unchecked evidence confirming an unknown level (impact's head) carries nothing."""
    evidence = _with_history(("agent@a9", "2026-01-01"))
    profile = BehaviourJudge(FRAMEWORK, AS_OF).profile(evidence)
    assert (profile.confirmed, profile.statuses) == (None, {})


def test_the_confirmed_level_stays_ready_even_when_an_assessment_is_below_it() -> None:
    """Rule: the confirmed level and those below it are ready whatever the evidence says, even
    with a later assessment below the expected step (which alone would leave a competency
    partial); the level above is not."""
    evidence = _with_history(
        ("agent@a2", "2026-01-01"),
        assessments=[assessment("writing", "learning", "manager", on="2026-06-01")],
    )
    judge = BehaviourJudge(FRAMEWORK, AS_OF)
    profile = judge.profile(evidence)
    found = [
        (j.verdict, j.competencies[0].assessed_below)
        for j in (judge.judge(profile, f"agent@{level}") for level in ("a1", "a2", "a3"))
    ]
    assert found == [("ready", True), ("ready", True), ("almost", True)]
