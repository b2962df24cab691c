"""The JSON contract of docs/gap-analysis.md: the keys, their order, the shapes of values."""

from __future__ import annotations

import json
from typing import Any

from competency.analysis.gap import analyze
from competency.write.data import json_report
from tests.unit.test_gap_world import AS_OF, assessment, item, make_evidence, make_framework

CONTRACT_KEYS = [
    "person",
    "target",
    "as_of",
    "framework",
    "verdict",
    "competencies",
    "disagreements",
    "beyond_target",
    "ignored_items",
]


def as_json() -> dict[str, Any]:
    """A report with something in every list, through the JSON formatter."""
    evidence = make_evidence(
        item("writing.w1", label="shown"),
        item("agent.edits", label="extra"),
        item("writing.w2", on="2027-01-01", label="future"),
        assessments=[
            assessment("writing", "leading", "self"),
            assessment("writing", "practising", "manager"),
        ],
        person="amara-o",
    )
    report = analyze(make_framework(), evidence, "agent@a2", AS_OF)
    loaded: dict[str, Any] = json.loads(json_report(report))
    return loaded


def test_contract_keys_come_first_in_order() -> None:
    """The nine contract keys open the document, in the order of section 8."""
    assert list(as_json())[: len(CONTRACT_KEYS)] == CONTRACT_KEYS


def test_added_keys_come_after_the_contract() -> None:
    """Keys added beyond the contract (policy, next steps ...) follow it."""
    assert list(as_json())[len(CONTRACT_KEYS) :] == [
        "policy",
        "next_steps",
        "person_name",
        "target_title",
        "confirmed",
        "confirmation_ignored",
    ]


def test_scalar_values_are_plain_strings() -> None:
    """person, target, as_of and verdict are strings; as_of is YYYY-MM-DD."""
    data = as_json()
    assert [data[k] for k in ("person", "target", "as_of", "verdict")] == [
        "amara-o",
        "agent@a2",
        "2026-11-01",
        "not-yet",
    ]


def test_framework_has_id_version_and_hash() -> None:
    """framework is {id, version, hash} and nothing else."""
    assert as_json()["framework"] == {"id": "tiny", "version": "1.2.3", "hash": "sha256:tiny"}


def test_competency_entries_start_with_the_contract_keys() -> None:
    """Each competency opens with id, expected, assessed, status, behaviours."""
    competency = as_json()["competencies"][0]
    assert list(competency)[:5] == ["id", "expected", "assessed", "status", "behaviours"]


def test_competency_entry_values() -> None:
    """The writing entry names its steps and status as in section 8's example."""
    competency = as_json()["competencies"][0]
    assert [competency[k] for k in ("id", "expected", "assessed", "status")] == [
        "writing",
        "practising",
        "practising",
        "partial",
    ]


def test_behaviour_entries_start_with_id_status_evidence() -> None:
    """Each behaviour opens with id, status and the list of evidence item ids."""
    behaviour = as_json()["competencies"][0]["behaviours"][0]
    assert [(k, behaviour[k]) for k in list(behaviour)[:3]] == [
        ("id", "writing.w1"),
        ("status", "evidenced"),
        ("evidence", ["shown"]),
    ]


def test_an_unassessed_competency_has_a_null_assessed_step() -> None:
    """No manager or panel assessment: assessed is null."""
    assert as_json()["competencies"][1]["assessed"] is None


def test_lists_are_lists_even_when_there_is_one_entry() -> None:
    """disagreements, beyond_target and ignored_items are JSON arrays."""
    data = as_json()
    assert [len(data[k]) for k in ("disagreements", "beyond_target", "ignored_items")] == [1, 1, 1]
