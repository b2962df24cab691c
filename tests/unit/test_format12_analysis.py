"""Format 1.2 in the gap analysis: the confirmed level at the as-of date, suggested items."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from competency import analyze, load_framework
from competency.analysis.gap import Analyzer, NoTargetError, default_target
from competency.framework import Framework
from competency.model import Evidence
from tests.conftest import MATRICES, Run

HISTORY = """\
format: competency/v1
kind: evidence
person: {id: ana-b, name: Ana Berg, manager: dana-k}
role: support-engineer
level: se1
history:
  - {level: support-specialist@ss2, date: 2024-09-01, by: manager}
  - {level: support-specialist@ss3, date: 2025-06-01, by: panel}
  - {level: support-engineer@se1, date: 2026-03-01, by: panel}
items: []
"""


@pytest.fixture(scope="module")
def framework() -> Framework:
    """The shipped framework, loaded once."""
    return load_framework(MATRICES)


def _evidence(text: str = HISTORY, **update: object) -> Evidence:
    return Evidence.model_validate(yaml.safe_load(text)).model_copy(update=update)


def _statuses(framework: Framework, evidence: Evidence, target: str, day: date) -> set[str]:
    report = analyze(framework, evidence, target, as_of=day)
    return {b.status for c in report.competencies for b in c.behaviours}


def test_the_entry_in_force_at_as_of_is_the_confirmed_level(framework: Framework) -> None:
    """Between two history entries, the earlier one is confirmed, with its role."""
    report = analyze(framework, _evidence(), as_of=date(2025, 12, 1))
    assert report.confirmed is not None
    assert (report.confirmed.level, str(report.confirmed.date), report.confirmed.by) == (
        "support-specialist@ss3",
        "2025-06-01",
        "panel",
    )


def test_an_entry_dated_on_as_of_is_in_force(framework: Framework) -> None:
    """A confirmation dated exactly on the as-of date counts (on or before)."""
    report = analyze(framework, _evidence(), as_of=date(2026, 3, 1))
    assert report.confirmed is not None
    assert report.confirmed.level == "support-engineer@se1"


def test_before_the_first_entry_nothing_is_confirmed_and_the_report_says_so(
    framework: Framework,
) -> None:
    """As of a date before every entry nothing carries, and the confirmation is flagged."""
    report = analyze(framework, _evidence(), "support-specialist@ss2", as_of=date(2024, 8, 31))
    statuses = {b.status for c in report.competencies for b in c.behaviours}
    assert (report.confirmed, report.confirmation_ignored, "carried" in statuses) == (
        None,
        True,
        False,
    )


def test_the_default_target_follows_the_level_in_force(framework: Framework) -> None:
    """Replaying an earlier date aims at the level after the one confirmed then."""
    evidence = _evidence()
    assert [
        default_target(framework, evidence, date(2024, 10, 1)),
        default_target(framework, evidence, date(2025, 7, 1)),
        default_target(framework, evidence, date(2026, 11, 1)),
    ] == ["support-specialist@ss3", "support-specialist@ss4", "support-engineer@se2"]


def test_no_default_target_before_the_first_confirmation(framework: Framework) -> None:
    """With a history but nothing confirmed yet at as-of, there is no default target."""
    with pytest.raises(NoTargetError, match="no level was confirmed by the as-of date"):
        default_target(framework, _evidence(), date(2024, 1, 1))


def test_an_earlier_role_carries_into_its_own_levels_only(framework: Framework) -> None:
    """Confirmed at ss3 (before the lateral move), ss3 and below are ready, se1 is judged."""
    analyzer = Analyzer(framework, date(2025, 12, 1))
    profile = analyzer.profile(_evidence())
    verdicts = [
        analyzer.judge(profile, level).verdict
        for level in ("support-specialist@ss2", "support-specialist@ss3", "support-engineer@se1")
    ]
    assert verdicts == ["ready", "ready", "not-yet"]


def test_confirmed_shorthand_and_one_entry_history_agree(framework: Framework) -> None:
    """`confirmed` is the shorthand of a history with one entry: the same report."""
    head = HISTORY[: HISTORY.index("history:")]
    shorthand = head + "confirmed: {date: 2026-03-01, by: panel}\nitems: []\n"
    one = head + (
        "history:\n  - {level: support-engineer@se1, date: 2026-03-01, by: panel}\nitems: []\n"
    )
    day = date(2026, 11, 1)
    reports = [
        analyze(framework, _evidence(text), as_of=day).model_dump() for text in (shorthand, one)
    ]
    assert reports[0] == reports[1]


SUGGESTED = """\
format: competency/v1
kind: evidence
person: {id: bo-c}
role: support-specialist
items:
  - id: zendesk-1
    date: 2026-10-01
    source: system
    summary: Ticket 1
    shows: [support-specialist.handles-live-channels]
    suggested: true
  - id: own-note
    date: 2026-10-02
    source: manager
    summary: Chat shifts
    shows: [support-specialist.handles-live-channels]
"""


def test_a_suggested_item_never_counts_and_is_listed_as_suggested(framework: Framework) -> None:
    """The suggested item is under ignored_items with reason suggested; the other one counts."""
    evidence = Evidence.model_validate(yaml.safe_load(SUGGESTED))
    report = analyze(framework, evidence, "support-specialist@ss2", as_of=date(2026, 11, 1))
    ignored = [(i.item, i.reason) for i in report.ignored_items]
    shown = {b.id: b.evidence for c in report.competencies for b in c.behaviours}
    assert (ignored, shown["support-specialist.handles-live-channels"]) == (
        [("zendesk-1", "suggested")],
        ["own-note"],
    )


def test_suggested_is_the_first_reason_that_applies(framework: Framework) -> None:
    """A suggested item dated after as-of is reported as suggested (waiting for a person)."""
    evidence = Evidence.model_validate(yaml.safe_load(SUGGESTED))
    report = analyze(framework, evidence, "support-specialist@ss2", as_of=date(2026, 9, 1))
    assert [(i.item, i.reason) for i in report.ignored_items] == [
        ("zendesk-1", "suggested"),
        ("own-note", "after-as-of"),
    ]


def test_gap_replays_history_from_the_command_line(cli: Callable[..., Run], tmp_path: Path) -> None:
    """`gap --as-of` before the lateral move aims at ss4; after it at se2."""
    path = tmp_path / "ana.yaml"
    path.write_text(HISTORY, encoding="utf-8")
    before = cli("gap", path, "--matrices", MATRICES, "--as-of", "2025-12-01", "--format", "json")
    after = cli("gap", path, "--matrices", MATRICES, "--as-of", "2026-11-01", "--format", "json")
    targets = [json.loads(run.out)["target"] for run in (before, after)]
    assert (before.status, after.status, targets) == (
        0,
        0,
        ["support-specialist@ss4", "support-engineer@se2"],
    )


def test_team_and_level_judge_the_role_in_force_before_a_lateral_move(
    framework: Framework,
) -> None:
    """Before the move to support engineering, team and level judge the specialist ladder."""
    from competency import level_report, team

    day = date(2025, 12, 1)
    person = team(framework, [_evidence()], as_of=day).people[0]
    levels = level_report(framework, _evidence(), as_of=day)
    assert (person.role, person.current_level, levels.role, levels.level) == (
        "support-specialist",
        "support-specialist@ss3",
        "support-specialist",
        "ss3",
    )


def test_after_the_move_team_judges_the_new_role(framework: Framework) -> None:
    """Once the support engineer level is confirmed, the file's role is the one judged."""
    from competency import team

    person = team(framework, [_evidence()], as_of=date(2026, 11, 1)).people[0]
    assert (person.role, person.current_level) == ("support-engineer", "support-engineer@se1")
