"""The team view: per person, per competency, training needs, bench, and reading a folder."""

from __future__ import annotations

import pytest

from competency.analysis.team import TeamReport, team
from competency.diagnostics import Diagnostic
from competency.framework import Framework
from competency.model import Evidence
from tests.unit.test_gap_world import (
    A2_BEHAVIOURS,
    AS_OF,
    item,
    make_evidence,
    make_framework,
)


def summary(*evidences: Evidence, framework: Framework | None = None) -> TeamReport:
    """The team report of `evidences` in the tiny world."""
    return team(framework or make_framework(), evidences, as_of=AS_OF)


def ready_for_a2(person: str) -> Evidence:
    """Someone at a1 who has shown everything agent@a2 expects."""
    return make_evidence(item(*A2_BEHAVIOURS), person=person)


def test_each_person_gets_current_level_next_level_and_verdict() -> None:
    """A ready a1 agent: current agent@a2, next agent@a2 (after the named a1), ready."""
    person = summary(ready_for_a2("sam")).people[0]
    assert (person.current_level, person.next_level, person.verdict) == (
        "agent@a2",
        "agent@a2",
        "ready",
    )


def test_next_level_without_a_named_level_follows_the_current_level() -> None:
    """No named level and nothing shown: the next level is the lowest, agent@a1."""
    person = summary(make_evidence(level=None)).people[0]
    assert (person.current_level, person.next_level) == (None, "agent@a1")


def test_each_person_gets_competency_statuses_at_the_next_level() -> None:
    """Someone who has shown only writing: writing met, fixing a gap, in the level's order."""
    evidence = make_evidence(item("writing.w1", "writing.w2", "writing.w3"))
    assert summary(evidence).people[0].competencies == {"writing": "met", "fixing": "gap"}


def test_a_person_at_the_top_has_no_next_level_verdict() -> None:
    """Named at agent@a3, the top: no next level, no verdict."""
    person = summary(make_evidence(level="a3")).people[0]
    assert (person.next_level, person.verdict) == (None, None)


def test_people_keep_the_order_they_were_given() -> None:
    """The report lists people in input order."""
    report = summary(make_evidence(person="zoe"), make_evidence(person="abe"))
    assert [p.person for p in report.people] == ["zoe", "abe"]


def test_file_names_are_kept_when_given() -> None:
    """(file, evidence) pairs put the file on the person's line."""
    report = team(make_framework(), [("people/sam.yaml", make_evidence())], as_of=AS_OF)
    assert report.people[0].file == "people/sam.yaml"


def test_competencies_are_counted_at_each_persons_next_level() -> None:
    """One ready person and one with nothing: writing is met once and a gap once."""
    report = summary(ready_for_a2("sam"), make_evidence(person="kim"))
    writing = next(c for c in report.competencies if c.id == "writing")
    assert (writing.met, writing.partial, writing.gap) == (1, 0, 1)


def test_training_needs_put_the_most_common_gaps_first() -> None:
    """w3 is missing for both people, w2 for one: w3 comes first."""
    report = summary(
        make_evidence(item("writing.w1", "writing.w2"), person="sam"),
        make_evidence(item("writing.w1"), person="kim"),
    )
    writing = [(n.behaviour, n.people) for n in report.training_needs if "writing" in n.behaviour]
    assert writing == [("writing.w3", 2), ("writing.w2", 1)]


def test_training_needs_count_missing_stale_and_thin_apart() -> None:
    """w1 stale for one person and missing for another."""
    report = summary(
        make_evidence(item("writing.w1", on="2020-01-01"), person="sam"),
        make_evidence(person="kim"),
    )
    need = next(n for n in report.training_needs if n.behaviour == "writing.w1")
    assert (need.people, need.missing, need.stale, need.thin) == (2, 1, 1, 0)


def test_bench_lists_who_is_ready_and_almost_for_each_level() -> None:
    """sam is ready for agent@a2, kim almost (one behaviour short), lee neither."""
    report = summary(
        ready_for_a2("sam"),
        make_evidence(item(*A2_BEHAVIOURS[:-1]), person="kim"),
        make_evidence(person="lee"),
    )
    assert [(b.level, b.ready, b.almost) for b in report.bench] == [("agent@a2", ["sam"], ["kim"])]


def test_failed_files_are_carried_into_the_report() -> None:
    """Diagnostics of files that failed to load appear under failed."""
    problem = Diagnostic.make("bad.yaml", 3, 5, "S101", "missing required key 'role'")
    report = team(make_framework(), [], as_of=AS_OF, failed=[("bad.yaml", [problem])])
    assert [(f.file, f.diagnostics[0].line, f.diagnostics[0].code) for f in report.failed] == [
        ("bad.yaml", 3, "S101")
    ]


def test_verdict_counts_add_up_the_people() -> None:
    """verdicts() counts each next-level verdict, and 'none' for people at the top."""
    report = summary(ready_for_a2("sam"), make_evidence(level="a3", person="kim"))
    assert report.verdicts() == {"ready": 1, "almost": 0, "not-yet": 0, "none": 1}


def test_expected_behaviours_are_worked_out_once_per_level(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ten people at the same level cost one Framework.expected call per level, not ten."""
    framework = make_framework()
    calls: list[str] = []
    original = framework.expected

    def counting(ref: str) -> object:
        calls.append(ref)
        return original(ref)

    monkeypatch.setattr(framework, "expected", counting)
    summary(*(ready_for_a2(f"p{n}") for n in range(10)), framework=framework)
    assert sorted(calls) == ["agent@a1", "agent@a2", "agent@a3"]


# --- reading a folder ------------------------------------------------------------------
