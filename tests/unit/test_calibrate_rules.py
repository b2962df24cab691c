"""One person's calibration record, rule by rule (analysis/calibrate.py).

The mutation run (docs/development.md) found that an assessment skipped
first (after as-of, or by the person) or a competency with one assessor
listed first could hide everything after it; these tests pin that nothing
does.
"""

from __future__ import annotations

from typing import Any

from competency.analysis.calibrate import calibration_record
from competency.analysis.gap import Analyzer
from competency.model import Evidence
from tests.unit.test_gap_world import AS_OF, assessment, make_evidence, make_framework

FRAMEWORK = make_framework()


def _evidence(*assessments: dict[str, Any]) -> Evidence:
    evidence = make_evidence(assessments=list(assessments))
    data = evidence.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["person"]["manager"] = "mia"
    return Evidence.model_validate(data)


def _by(who: str, competency: str, step: str, by: str, on: str = "2026-10-01") -> dict[str, Any]:
    return {**assessment(competency, step, by, on), "assessor": who}


def test_skipped_assessments_first_hide_none_after_them() -> None:
    """Rule: an assessment after as-of or by the person is set aside, and those after it count."""
    record = calibration_record(
        Analyzer(FRAMEWORK, AS_OF),
        _evidence(
            _by("ann", "writing", "leading", "manager", on="2026-12-01"),
            assessment("writing", "leading", "self"),
            _by("ann", "writing", "learning", "manager"),
            _by("bo", "writing", "practising", "peer"),
        ),
    )
    expected = ((("ann", None),), (("writing", 1, 0, 1),), 1, 1)
    assert expected == (
        record.assessed,
        record.agreement,
        record.compared,
        record.disagreements,
    )


def test_a_competency_with_one_assessor_first_hides_no_agreement_after_it() -> None:
    """Rule: agreement is counted for every competency with two assessors or more, in order."""
    record = calibration_record(
        Analyzer(FRAMEWORK, AS_OF),
        _evidence(
            _by("ann", "writing", "learning", "manager"),
            _by("ann", "fixing", "practising", "manager"),
            _by("bo", "fixing", "practising", "peer"),
            _by("cy", "fixing", "leading", "panel"),
        ),
    )
    expected = (("fixing", 3, 1, 1),)
    assert expected == record.agreement


def test_self_and_manager_two_steps_apart_disagree_one_step_does_not() -> None:
    """Rule: a disagreement is the person and the manager two steps apart or more."""
    record = calibration_record(
        Analyzer(FRAMEWORK, AS_OF),
        _evidence(
            assessment("writing", "practising", "self"),
            _by("ann", "writing", "learning", "manager"),
            assessment("fixing", "leading", "self"),
            _by("ann", "fixing", "learning", "manager"),
        ),
    )
    assert (record.compared, record.disagreements) == (2, 1)
