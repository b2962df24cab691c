"""`competency level`: the columns of each level and the moves, one rule per test.

The mutation run (docs/development.md) found these unpinned: the met,
partial and gap counts, a move to an external listed first, the
closest-first order of the moves and their notes.
"""

from __future__ import annotations

from competency.analysis.gap import level_report
from competency.model import Move, Readiness
from tests.unit.test_gap_world import AS_OF, item, make_evidence, make_framework

POLICY = Readiness(min_items=1, min_sources=1, almost_within=1)


def _moves(*moves: tuple[str, str, str, str | None]) -> list[Move]:
    return [
        Move.model_validate({"from": a, "to": b, "type": t, **({"note": n} if n else {})})
        for a, b, t, n in moves
    ]


def test_each_level_counts_its_met_partial_and_gap_competencies() -> None:
    """Rule: the met, partial and gap columns count the level's competencies by status."""
    evidence = make_evidence(item("writing.w1", "writing.w2", "writing.w3", "fixing.f1"))
    report = level_report(make_framework(), evidence, AS_OF, POLICY)
    expected = [
        ("agent@a1", "almost", 1, 1, 0),
        ("agent@a2", "almost", 1, 1, 0),
        ("agent@a3", "not-yet", 0, 2, 0),
    ]
    assert expected == [(v.level, v.verdict, v.met, v.partial, v.gap) for v in report.levels]


def test_a_move_to_an_external_listed_first_hides_no_other_move() -> None:
    """Rule: an exit to an external is skipped, and the moves after it are still judged."""
    framework = make_framework(moves=[])
    framework.moves.extend(
        _moves(
            ("agent@a1", "external:sales", "exit", None),
            ("agent@a1", "agent@a2", "promotion", None),
            ("agent@a1", "lead@l1", "track-change", None),
        )
    )
    report = level_report(framework, make_evidence(), AS_OF, POLICY)
    assert sorted(move.to for move in report.moves) == ["agent@a2", "lead@l1"]


def test_moves_come_closest_first_with_their_notes() -> None:
    """Rule: moves are ordered by verdict (best first), then fewer gaps, then fewer partial;
    each keeps its note (in the report's locale) and its counts."""
    framework = make_framework(moves=[])
    framework.moves.extend(
        _moves(
            ("agent@a1", "agent@a3", "promotion", "The long way."),
            ("agent@a1", "lead@l1", "track-change", None),
            ("agent@a1", "agent@a2", "promotion", "The usual next step."),
        )
    )
    evidence = make_evidence(item("writing.w1", "writing.w2", "writing.w3", "fixing.f1"))
    report = level_report(framework, evidence, AS_OF, POLICY)
    expected = [
        ("lead@l1", "ready", 2, 0, 0, None),
        ("agent@a2", "almost", 1, 1, 0, "The usual next step."),
        ("agent@a3", "not-yet", 0, 2, 0, "The long way."),
    ]
    assert expected == [(m.to, m.verdict, m.met, m.partial, m.gap, m.note) for m in report.moves]


def test_moves_of_one_verdict_come_by_fewer_gaps_then_fewer_partial_then_file_order() -> None:
    """Rule: among moves of one verdict, fewer gaps first, then fewer partial, then as listed."""
    framework = make_framework(moves=[])
    framework.moves.extend(
        _moves(
            ("agent@a1", "agent@a3", "promotion", None),
            ("agent@a1", "lead@l1", "track-change", None),
            ("agent@a1", "agent@a2", "promotion", None),
        )
    )
    evidence = make_evidence(item("writing.w1", "writing.w2", "writing.w3"))
    report = level_report(framework, evidence, AS_OF, POLICY)
    expected = [
        ("lead@l1", "not-yet", 1, 0, 1),
        ("agent@a2", "not-yet", 1, 0, 1),
        ("agent@a3", "not-yet", 0, 1, 1),
    ]
    assert expected == [(m.to, m.verdict, m.met, m.partial, m.gap) for m in report.moves]
