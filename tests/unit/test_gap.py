"""docs/format.md, "How the gap analysis decides": one test a rule, on test_gap_world's world."""

from __future__ import annotations

from datetime import date

import pytest

from competency.analysis.gap import (
    GapReport,
    NoTargetError,
    analyze,
    current_level,
    default_target,
    level_report,
    months_before,
    verdict_of,
)
from competency.framework import Framework, UnknownReferenceError
from competency.model import AtLeast, Evidence, Readiness
from tests.unit.test_gap_world import (
    A2_BEHAVIOURS,
    AS_OF,
    assessment,
    item,
    make_evidence,
    make_framework,
)

ALL_A2 = ("writing.w1", "writing.w2", "writing.w3", "fixing.f1", "fixing.f2")
ROLE_A2 = ("agent.logs-tickets", "agent.pairs")


def gap(
    evidence: Evidence,
    target: str = "agent@a2",
    as_of: date = AS_OF,
    policy: Readiness | None = None,
    framework: Framework | None = None,
) -> GapReport:
    """The report for `evidence` against `target` in the tiny world."""
    return analyze(framework or make_framework(), evidence, target, as_of, policy)


def status(report: GapReport, ref: str) -> str:
    """The status of one behaviour in a report."""
    for competency in report.competencies:
        for behaviour in competency.behaviours:
            if behaviour.id == ref:
                return behaviour.status
    raise AssertionError(f"{ref} is not in the report")


def competency_status(report: GapReport, competency_id: str) -> str:
    """The status of one competency in a report."""
    return next(c.status for c in report.competencies if c.id == competency_id)


def assessed(report: GapReport, competency_id: str) -> str | None:
    """The assessed step of one competency in a report."""
    return next(c.assessed for c in report.competencies if c.id == competency_id)


# --- the age window -------------------------------------------------------------


def test_months_before_clamps_to_the_last_day_of_a_shorter_month() -> None:
    """2026-08-31 minus 6 months is 2026-02-28."""
    assert date(2026, 2, 28) == months_before(date(2026, 8, 31), 6)


def test_months_before_clamps_to_the_29th_in_a_leap_year() -> None:
    """2028-08-31 minus 6 months is 2028-02-29."""
    assert date(2028, 2, 29) == months_before(date(2028, 8, 31), 6)


def test_months_before_crosses_a_year() -> None:
    """2026-03-15 minus 18 months is 2024-09-15."""
    assert date(2024, 9, 15) == months_before(date(2026, 3, 15), 18)


def test_item_on_the_first_day_of_the_age_window_counts() -> None:
    """With 6 months as of 2026-08-31, an item of 2026-02-28 is valid."""
    report = gap(
        make_evidence(item("writing.w1", on="2026-02-28")),
        as_of=date(2026, 8, 31),
        policy=Readiness(max_age_months=6),
    )
    assert status(report, "writing.w1") == "evidenced"


def test_item_the_day_before_the_age_window_is_stale() -> None:
    """With 6 months as of 2026-08-31, an item of 2026-02-27 is too old."""
    report = gap(
        make_evidence(item("writing.w1", on="2026-02-27")),
        as_of=date(2026, 8, 31),
        policy=Readiness(max_age_months=6),
    )
    assert status(report, "writing.w1") == "stale"


def test_item_dated_on_the_as_of_date_counts() -> None:
    """An item of the as-of day itself is valid."""
    report = gap(make_evidence(item("writing.w1", on="2026-11-01")))
    assert status(report, "writing.w1") == "evidenced"


def test_item_dated_after_as_of_never_counts() -> None:
    """An item dated the day after as-of leaves the behaviour missing."""
    report = gap(make_evidence(item("writing.w1", on="2026-11-02")))
    assert status(report, "writing.w1") == "missing"


def test_item_dated_after_as_of_is_listed_as_ignored() -> None:
    """The report lists a future item under ignored_items with its reason."""
    report = gap(make_evidence(item("writing.w1", on="2026-11-02", label="later")))
    assert [(i.item, i.reason) for i in report.ignored_items] == [("later", "after-as-of")]


def test_item_from_an_unaccepted_source_never_counts() -> None:
    """A self item does not count when the policy accepts only managers."""
    report = gap(
        make_evidence(item("writing.w1", source="self")),
        policy=Readiness(sources=["manager"]),
    )
    assert status(report, "writing.w1") == "missing"


def test_item_from_an_unaccepted_source_is_listed_as_ignored() -> None:
    """The report lists it under ignored_items as source-not-accepted."""
    report = gap(
        make_evidence(item("writing.w1", source="self", label="mine")),
        policy=Readiness(sources=["manager"]),
    )
    assert [(i.item, i.reason) for i in report.ignored_items] == [("mine", "source-not-accepted")]


def test_an_item_ignored_for_two_reasons_gives_the_first_that_applies() -> None:
    """An unaccepted source dated after as-of is listed as source-not-accepted."""
    report = gap(
        make_evidence(item("writing.w1", source="self", on="2026-12-01", label="mine")),
        policy=Readiness(sources=["manager"]),
    )
    assert [(i.item, i.reason) for i in report.ignored_items] == [("mine", "source-not-accepted")]


def test_old_item_from_an_unaccepted_source_does_not_make_a_behaviour_stale() -> None:
    """Stale needs an accepted source; otherwise the behaviour is missing."""
    report = gap(
        make_evidence(item("writing.w1", source="self", on="2020-01-01")),
        policy=Readiness(sources=["manager"]),
    )
    assert status(report, "writing.w1") == "missing"


def test_too_old_items_are_named_on_the_stale_behaviour() -> None:
    """A stale behaviour lists its too-old items under too_old, not evidence."""
    report = gap(make_evidence(item("writing.w1", on="2020-01-01", label="old")))
    behaviour = report.competencies[0].behaviours[0]
    assert (behaviour.too_old, behaviour.evidence) == (["old"], [])


# --- behaviour statuses ---------------------------------------------------------


def test_behaviour_without_items_is_missing() -> None:
    """No item at all: missing."""
    assert status(gap(make_evidence()), "writing.w1") == "missing"


def test_not_applicable_wins_over_valid_evidence() -> None:
    """A behaviour listed as not applicable stays not-applicable even when shown."""
    report = gap(make_evidence(item("writing.w1"), not_applicable=["writing.w1"]))
    assert status(report, "writing.w1") == "not-applicable"


def test_not_applicable_behaviour_carries_its_reason() -> None:
    """The reason from the evidence file is in the report."""
    report = gap(make_evidence(not_applicable=["writing.w1"]))
    assert report.competencies[0].behaviours[0].reason == "Not part of this job."


def test_fewer_items_than_min_items_is_thin() -> None:
    """One valid item when two are needed: thin."""
    report = gap(make_evidence(item("writing.w1")), policy=Readiness(min_items=2))
    assert status(report, "writing.w1") == "thin"


def test_min_items_reached_is_evidenced() -> None:
    """Two valid items when two are needed: evidenced."""
    report = gap(
        make_evidence(item("writing.w1"), item("writing.w1", source="peer")),
        policy=Readiness(min_items=2),
    )
    assert status(report, "writing.w1") == "evidenced"


def test_fewer_sources_than_min_sources_is_thin() -> None:
    """Two items from one source when two sources are needed: thin."""
    report = gap(
        make_evidence(item("writing.w1"), item("writing.w1")),
        policy=Readiness(min_sources=2),
    )
    assert status(report, "writing.w1") == "thin"


def test_min_sources_reached_is_evidenced() -> None:
    """Items from two sources when two are needed: evidenced."""
    report = gap(
        make_evidence(item("writing.w1"), item("writing.w1", source="customer")),
        policy=Readiness(min_sources=2),
    )
    assert status(report, "writing.w1") == "evidenced"


def test_an_item_naming_a_behaviour_twice_counts_once() -> None:
    """One item is one item, however often its shows list repeats a reference."""
    report = gap(make_evidence(item("writing.w1", "writing.w1")), policy=Readiness(min_items=2))
    assert status(report, "writing.w1") == "thin"


def test_a_valid_item_beats_a_too_old_one() -> None:
    """With one valid and one too-old item, the behaviour is evidenced, not stale."""
    report = gap(make_evidence(item("writing.w1", on="2020-01-01"), item("writing.w1")))
    assert status(report, "writing.w1") == "evidenced"


def test_too_old_items_do_not_count_towards_min_items() -> None:
    """A valid and a too-old item when two are needed: thin."""
    report = gap(
        make_evidence(item("writing.w1", on="2020-01-01"), item("writing.w1")),
        policy=Readiness(min_items=2),
    )
    assert status(report, "writing.w1") == "thin"


def test_evidence_names_item_ids_and_positions_of_items_without_one() -> None:
    """Items with an id are named by it, others as #N (their place in the file)."""
    report = gap(make_evidence(item("writing.w1", label="first"), item("writing.w1")))
    assert report.competencies[0].behaviours[0].evidence == ["first", "#2"]


# --- the assessed step ------------------------------------------------------------


def test_latest_manager_assessment_sets_the_assessed_step() -> None:
    """Of two manager assessments, the later one counts."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "proficient", "manager", "2026-09-01"),
            assessment("writing", "learning", "manager", "2026-03-01"),
        ]
    )
    assert assessed(gap(evidence), "writing") == "proficient"


def test_a_later_panel_assessment_wins_over_an_earlier_manager_one() -> None:
    """Manager and panel are one stream: the latest of either sets the step."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "leading", "panel", "2026-09-01"),
            assessment("writing", "learning", "manager", "2026-03-01"),
        ]
    )
    assert assessed(gap(evidence), "writing") == "leading"


def test_of_two_assessments_on_the_same_day_the_later_in_the_file_counts() -> None:
    """Same date, manager then panel: the panel's step, written later, is the assessed step."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "learning", "manager", "2026-09-01"),
            assessment("writing", "proficient", "panel", "2026-09-01"),
        ]
    )
    assert assessed(gap(evidence), "writing") == "proficient"


def test_panel_assessment_sets_the_assessed_step() -> None:
    """A panel assessment counts like a manager's."""
    evidence = make_evidence(assessments=[assessment("writing", "leading", "panel")])
    assert assessed(gap(evidence), "writing") == "leading"


def test_self_assessment_never_sets_the_assessed_step() -> None:
    """Only self assessments: no assessed step."""
    evidence = make_evidence(assessments=[assessment("writing", "leading", "self")])
    assert assessed(gap(evidence), "writing") is None


def test_peer_assessment_never_sets_the_assessed_step() -> None:
    """Only peer assessments: no assessed step."""
    evidence = make_evidence(assessments=[assessment("writing", "leading", "peer")])
    assert assessed(gap(evidence), "writing") is None


def test_assessment_after_as_of_is_ignored() -> None:
    """A manager assessment dated after as-of does not set the step."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "learning", "manager", "2026-06-01"),
            assessment("writing", "leading", "manager", "2026-11-02"),
        ]
    )
    assert assessed(gap(evidence), "writing") == "learning"


def test_assessed_step_below_expected_keeps_a_competency_from_met() -> None:
    """Every behaviour evidenced but assessed below the expected step: partial."""
    evidence = make_evidence(
        item("writing.w1", "writing.w2", "writing.w3"),
        assessments=[assessment("writing", "learning", "manager")],
    )
    assert competency_status(gap(evidence), "writing") == "partial"


def test_assessed_step_above_expected_is_met() -> None:
    """Every behaviour evidenced and assessed above the expected step: met."""
    evidence = make_evidence(
        item("writing.w1", "writing.w2", "writing.w3"),
        assessments=[assessment("writing", "leading", "manager")],
    )
    assert competency_status(gap(evidence), "writing") == "met"


# --- competency statuses --------------------------------------------------------------


def test_competency_is_met_when_every_behaviour_is_evidenced_or_not_applicable() -> None:
    """Two evidenced and one not applicable: met."""
    evidence = make_evidence(item("writing.w1", "writing.w2"), not_applicable=["writing.w3"])
    assert competency_status(gap(evidence), "writing") == "met"


def test_competency_is_partial_when_some_behaviours_are_evidenced() -> None:
    """One of three evidenced: partial."""
    assert competency_status(gap(make_evidence(item("writing.w1"))), "writing") == "partial"


def test_competency_is_a_gap_when_no_behaviour_is_evidenced() -> None:
    """Thin evidence is not evidenced: with nothing evidenced the status is gap."""
    report = gap(make_evidence(item("writing.w1")), policy=Readiness(min_items=2))
    assert competency_status(report, "writing") == "gap"


def test_competency_with_only_not_applicable_behaviours_is_met() -> None:
    """No applicable behaviour counts as met."""
    evidence = make_evidence(not_applicable=["writing.w1", "writing.w2", "writing.w3"])
    assert competency_status(gap(evidence), "writing") == "met"


def _ten_behaviours() -> Framework:
    ids = [f"b{n}" for n in range(10)]
    return make_framework(
        competencies={"writing": {"practising": ids}},
        roles={"agent": {"track": "ic", "levels": [("a1", "g1", {"writing": "practising"})]}},
        moves=[],
    )


def test_fraction_rule_is_met_at_exactly_the_fraction() -> None:
    """at_least 0.7 with 7 of 10 evidenced is met (exact arithmetic, not 7.000000000000001)."""
    evidence = make_evidence(item(*(f"writing.b{n}" for n in range(7))))
    report = gap(
        evidence,
        "agent@a1",
        policy=Readiness(competency_met=AtLeast(at_least=0.7)),
        framework=_ten_behaviours(),
    )
    assert competency_status(report, "writing") == "met"


def test_fraction_rule_is_not_met_below_the_fraction() -> None:
    """at_least 0.7 with 6 of 10 evidenced is partial."""
    evidence = make_evidence(item(*(f"writing.b{n}" for n in range(6))))
    report = gap(
        evidence,
        "agent@a1",
        policy=Readiness(competency_met=AtLeast(at_least=0.7)),
        framework=_ten_behaviours(),
    )
    assert competency_status(report, "writing") == "partial"


def test_fraction_rule_counts_only_applicable_behaviours() -> None:
    """at_least 0.5 with 4 of 10 evidenced is met when 2 of the rest do not apply (4 of 8)."""
    evidence = make_evidence(
        item(*(f"writing.b{n}" for n in range(4))),
        not_applicable=["writing.b8", "writing.b9"],
    )
    report = gap(
        evidence,
        "agent@a1",
        policy=Readiness(competency_met=AtLeast(at_least=0.5)),
        framework=_ten_behaviours(),
    )
    assert competency_status(report, "writing") == "met"


def test_fraction_rule_with_no_applicable_behaviour_is_met() -> None:
    """Every behaviour not applicable counts as met under a fraction too."""
    evidence = make_evidence(not_applicable=[f"writing.b{n}" for n in range(10)])
    report = gap(
        evidence,
        "agent@a1",
        policy=Readiness(competency_met=AtLeast(at_least=0.9)),
        framework=_ten_behaviours(),
    )
    assert competency_status(report, "writing") == "met"


def test_fraction_rule_still_needs_the_assessed_step() -> None:
    """Enough behaviours evidenced but assessed below: not met."""
    evidence = make_evidence(
        item(*(f"writing.b{n}" for n in range(10))),
        assessments=[assessment("writing", "learning", "manager")],
    )
    report = gap(
        evidence,
        "agent@a1",
        policy=Readiness(competency_met=AtLeast(at_least=0.5)),
        framework=_ten_behaviours(),
    )
    assert competency_status(report, "writing") == "partial"


# --- the verdict ------------------------------------------------------------------


def test_verdict_is_ready_when_every_competency_is_met() -> None:
    """All met: ready."""
    assert verdict_of(["met", "met"], 2) == "ready"


def test_verdict_is_almost_with_partials_within_almost_within() -> None:
    """No gap and two partial with almost_within 2: almost."""
    assert verdict_of(["met", "partial", "partial"], 2) == "almost"


def test_verdict_is_not_yet_with_more_partials_than_almost_within() -> None:
    """One partial with almost_within 0: not-yet."""
    assert verdict_of(["met", "partial"], 0) == "not-yet"


def test_verdict_is_not_yet_with_any_gap() -> None:
    """A gap: not-yet, however few partials."""
    assert verdict_of(["met", "gap"], 5) == "not-yet"


def test_report_verdict_is_ready_when_everything_is_shown() -> None:
    """Every behaviour of agent@a2 shown by one manager item: ready."""
    assert gap(make_evidence(item(*A2_BEHAVIOURS))).verdict == "ready"


def test_report_verdict_uses_the_policys_almost_within() -> None:
    """One competency partial: almost by default, not-yet with almost_within 0."""
    evidence = make_evidence(item(*A2_BEHAVIOURS[:-1]))
    verdicts = (gap(evidence).verdict, gap(evidence, policy=Readiness(almost_within=0)).verdict)
    assert verdicts == ("almost", "not-yet")


# --- disagreements ------------------------------------------------------------------


def test_disagreement_names_both_steps() -> None:
    """Self practising against manager proficient names both steps and the assessor."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "practising", "self"),
            assessment("writing", "proficient", "manager"),
        ]
    )
    found = gap(evidence).disagreements[0]
    assert (
        found.self_step,
        found.other_by,
        found.other_step,
    ) == ("practising", "manager", "proficient")


def test_disagreement_one_step_apart_is_not_flagged() -> None:
    """One step apart: listed, not flagged."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "practising", "self"),
            assessment("writing", "proficient", "manager"),
        ]
    )
    found = gap(evidence).disagreements[0]
    assert (found.steps_apart, found.flagged) == (1, False)


def test_disagreement_two_steps_apart_is_flagged() -> None:
    """Two steps apart: flagged."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "leading", "self"),
            assessment("writing", "practising", "peer"),
        ]
    )
    found = gap(evidence).disagreements[0]
    assert (found.steps_apart, found.flagged) == (2, True)


def test_matching_assessments_are_not_a_disagreement() -> None:
    """Self and manager on the same step: nothing listed."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "practising", "self"),
            assessment("writing", "practising", "manager"),
        ]
    )
    assert gap(evidence).disagreements == []


def test_disagreement_compares_the_latest_of_each_side() -> None:
    """An older self assessment that differed no longer counts once a newer one agrees."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "leading", "self", "2026-01-01"),
            assessment("writing", "practising", "self", "2026-09-01"),
            assessment("writing", "learning", "manager", "2026-02-01"),
            assessment("writing", "practising", "panel", "2026-08-01"),
        ]
    )
    assert gap(evidence).disagreements == []


def test_disagreements_follow_the_targets_competency_order() -> None:
    """agent@a2 lists writing before fixing, whatever the order in the evidence file."""
    evidence = make_evidence(
        assessments=[
            assessment("fixing", "leading", "self"),
            assessment("fixing", "learning", "manager"),
            assessment("writing", "leading", "self"),
            assessment("writing", "learning", "manager"),
        ]
    )
    assert [d.competency for d in gap(evidence).disagreements] == ["writing", "fixing"]


def test_disagreement_ignores_assessments_after_as_of() -> None:
    """A self assessment dated after as-of is not compared."""
    evidence = make_evidence(
        assessments=[
            assessment("writing", "leading", "self", "2026-12-01"),
            assessment("writing", "learning", "manager", "2026-02-01"),
        ]
    )
    assert gap(evidence).disagreements == []


# --- beyond the target ----------------------------------------------------------------


def test_beyond_target_lists_behaviours_the_target_does_not_expect() -> None:
    """agent@a1 does not expect fixing.f2 or agent.pairs; valid items showing them are listed."""
    evidence = make_evidence(item("agent.pairs", "fixing.f2", "writing.w1", label="extra"))
    report = gap(evidence, "agent@a1")
    assert [(b.id, b.evidence) for b in report.beyond_target] == [
        ("fixing.f2", ["extra"]),
        ("agent.pairs", ["extra"]),
    ]


def test_beyond_target_leaves_out_items_that_do_not_count() -> None:
    """An item from the future showing an unexpected behaviour is ignored, not beyond target."""
    evidence = make_evidence(item("agent.pairs", on="2027-01-01"))
    assert gap(evidence, "agent@a1").beyond_target == []


# --- expected behaviours and targets --------------------------------------------------


def test_target_expects_role_additions_of_lower_levels_when_cumulative() -> None:
    """agent@a2 expects agent.logs-tickets, which agent@a1 adds, after its own additions' step."""
    fixing = gap(make_evidence()).competencies[1]
    assert [b.id for b in fixing.behaviours] == [
        "fixing.f1",
        "fixing.f2",
        "agent.logs-tickets",
        "agent.pairs",
    ]


def test_target_expects_only_its_own_step_and_additions_when_not_cumulative() -> None:
    """Without cumulative, agent@a2 expects fixing.f2 and agent.pairs only."""
    report = gap(make_evidence(), framework=make_framework(cumulative=False))
    assert [b.id for b in report.competencies[1].behaviours] == ["fixing.f2", "agent.pairs"]


def test_competencies_keep_the_order_the_level_lists_them() -> None:
    """writing comes before fixing, as in the role file."""
    assert [c.id for c in gap(make_evidence()).competencies] == ["writing", "fixing"]


def test_default_target_is_the_level_after_the_named_level() -> None:
    """An agent at a1 aims at agent@a2."""
    assert default_target(make_framework(), make_evidence(level="a1")) == "agent@a2"


def test_no_named_level_means_no_default_target() -> None:
    """Without a level there is no next level to aim at."""
    with pytest.raises(NoTargetError, match="names no target and no current level"):
        default_target(make_framework(), make_evidence(level=None))


def test_the_top_level_has_no_default_target() -> None:
    """At agent@a3, the top, there is no level above."""
    with pytest.raises(NoTargetError, match="highest level"):
        default_target(make_framework(), make_evidence(level="a3"))


def test_analyze_without_target_uses_the_next_level() -> None:
    """analyze() with no target compares with the level after the named one."""
    report = analyze(make_framework(), make_evidence(level="a2"), as_of=AS_OF)
    assert report.target == "agent@a3"


def test_a_target_in_another_role_is_allowed() -> None:
    """An agent's evidence can be compared with lead@l1."""
    report = gap(make_evidence(item("writing.w1", "writing.w2", "writing.w3")), "lead@l1")
    assert (report.target, competency_status(report, "writing")) == ("lead@l1", "met")


def test_an_unknown_target_is_an_unknown_reference() -> None:
    """A level the framework lacks raises UnknownReferenceError."""
    with pytest.raises(UnknownReferenceError):
        gap(make_evidence(), "agent@a9")


# --- the rest of the report -------------------------------------------------------------


def test_report_counts_its_competencies_by_status() -> None:
    """count() agrees with the statuses listed: writing met, fixing a gap."""
    report = gap(make_evidence(item("writing.w1", "writing.w2", "writing.w3")))
    assert (report.count("met"), report.count("partial"), report.count("gap")) == (1, 0, 1)


def test_competency_names_come_from_the_framework() -> None:
    """Each competency result carries the competency's name, not only its id."""
    report = gap(make_evidence())
    assert [(c.id, c.name) for c in report.competencies] == [
        ("writing", "Writing"),
        ("fixing", "Fixing"),
    ]


def test_report_names_the_framework_id_version_and_hash() -> None:
    """The framework stamp makes the report reproducible."""
    stamp = gap(make_evidence()).framework
    assert (stamp.id, stamp.version, stamp.hash) == ("tiny", "1.2.3", "sha256:tiny")


def test_report_names_the_policy_used() -> None:
    """The policy in the report is the one passed in."""
    policy = Readiness(min_items=3)
    assert policy == gap(make_evidence(), policy=policy).policy


def test_report_uses_the_frameworks_policy_by_default() -> None:
    """Without a policy, the framework's readiness applies."""
    framework = make_framework(readiness=Readiness(max_age_months=3))
    report = analyze(framework, make_evidence(), "agent@a2", AS_OF)
    assert report.policy.max_age_months == 3


def test_as_of_defaults_to_today() -> None:
    """Without an as-of date the report is dated today."""
    before = date.today()
    report = analyze(make_framework(), make_evidence(), "agent@a2")
    assert report.as_of in {before, date.today()}


def test_next_steps_list_the_missing_thin_and_stale_behaviours_of_unmet_competencies() -> None:
    """writing has w1 evidenced, w2 stale and w3 missing: the next steps are w2 and w3."""
    evidence = make_evidence(item("writing.w1"), item("writing.w2", on="2020-01-01"))
    step = gap(evidence).next_steps[0]
    assert (
        step.competency,
        [(b.id, b.status) for b in step.behaviours],
    ) == ("writing", [("writing.w2", "stale"), ("writing.w3", "missing")])


def test_next_steps_leave_out_met_competencies() -> None:
    """With writing met, the next steps name only fixing."""
    evidence = make_evidence(item("writing.w1", "writing.w2", "writing.w3"))
    assert [step.competency for step in gap(evidence).next_steps] == ["fixing"]


def test_next_steps_ask_for_reassessment_when_assessed_below() -> None:
    """A competency held back only by its assessment says so."""
    evidence = make_evidence(
        item("writing.w1", "writing.w2", "writing.w3"),
        assessments=[assessment("writing", "learning", "manager")],
    )
    step = gap(evidence).next_steps[0]
    assert (step.competency, step.behaviours, step.assessed_below) == ("writing", [], True)


# --- current level and levels -------------------------------------------------------------


def test_current_level_is_the_top_of_the_unbroken_ready_run() -> None:
    """Everything for a2 shown (a1 is a subset): current level agent@a2."""
    assert current_level(make_framework(), make_evidence(item(*A2_BEHAVIOURS)), AS_OF) == "agent@a2"


def test_current_level_is_none_when_the_lowest_is_not_ready() -> None:
    """Nothing shown: no current level."""
    assert current_level(make_framework(), make_evidence(), AS_OF) is None


def _skipping_world() -> Framework:
    """Not cumulative, so a3's behaviours need not include a2's."""
    return make_framework(
        cumulative=False,
        competencies={"writing": {"learning": ["w1"], "practising": ["w2"], "proficient": ["w3"]}},
        roles={
            "agent": {
                "track": "ic",
                "levels": [
                    ("a1", "g1", {"writing": "learning"}),
                    ("a2", "g2", {"writing": "practising"}),
                    ("a3", "g3", {"writing": "proficient"}),
                ],
            }
        },
        moves=[],
    )


def test_current_level_stops_at_the_first_level_not_ready() -> None:
    """a1 and a3 ready but a2 not: the run stops at a1."""
    evidence = make_evidence(item("writing.w1", "writing.w3"))
    assert current_level(_skipping_world(), evidence, AS_OF) == "agent@a1"


def test_level_report_lists_every_level_of_the_role_lowest_first() -> None:
    """Three levels, lowest first, each with its verdict."""
    evidence = make_evidence(item("writing.w1", "writing.w3"))
    report = level_report(_skipping_world(), evidence, AS_OF)
    assert [(entry.level, entry.verdict) for entry in report.levels] == [
        ("agent@a1", "ready"),
        ("agent@a2", "not-yet"),
        ("agent@a3", "ready"),
    ]


def test_level_report_offers_moves_from_the_named_and_the_current_level() -> None:
    """Named a1, current a2: the moves from a1 and from a2, closest first."""
    evidence = make_evidence(item(*A2_BEHAVIOURS), level="a1")
    report = level_report(make_framework(), evidence, AS_OF)
    assert [(move.from_, move.to, move.verdict) for move in report.moves] == [
        ("agent@a1", "agent@a2", "ready"),
        ("agent@a2", "agent@a3", "almost"),
    ]


def test_level_report_leaves_out_moves_to_outside_roles() -> None:
    """From a3 the exit to external:sales has nothing to judge; only lead@l1 is listed."""
    evidence = make_evidence(level="a3")
    assert [move.to for move in level_report(make_framework(), evidence, AS_OF).moves] == [
        "lead@l1"
    ]
