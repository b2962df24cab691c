"""Phrases and table rows shared by the text and Markdown reports, so both say the same thing.

Where a reference or an item label appears, a `Code` function marks it up:
`plain` for the terminal, backticks for Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from competency.model import Readiness

if TYPE_CHECKING:
    from competency.analysis.gap import (
        BehaviourResult,
        CompetencyResult,
        Disagreement,
        GapReport,
        IgnoredItem,
        LevelReport,
        NextStep,
    )
    from competency.analysis.team import TeamReport

__all__ = [
    "LEVEL_HEADER",
    "MOVE_HEADER",
    "Code",
    "action",
    "assessment_line",
    "bench_names",
    "competency_line",
    "disagreement",
    "evidence_detail",
    "ignored_reason",
    "joined",
    "level_rows",
    "move_rows",
    "notes",
    "plain",
    "plural",
    "policy_summary",
    "reassess",
]

#: Marks up a reference or an item label for one output.
Code = Callable[[str], str]

#: The columns of the level table and of the moves table, counts last.
LEVEL_HEADER = ("Level", "Title", "Verdict", "Met", "Partial", "Gap")
MOVE_HEADER = ("Move", "From", "To", "Verdict", "Met", "Partial", "Gap")


def plain(text: str) -> str:
    """The text as it is: the `Code` of the terminal."""
    return text


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 item``, ``2 items``."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def joined(labels: Sequence[str], empty: str = "", code: Code = plain) -> str:
    """Item labels (or references) separated by commas; `empty` when there are none."""
    return ", ".join(code(label) for label in labels) if labels else empty


def bench_names(report: TeamReport) -> dict[str, str]:
    """The name of each person the bench lists (their id when the evidence gives no name).

    One pass over the report's people, keeping only the few the bench names.
    """
    wanted = {person for entry in report.bench for person in (*entry.ready, *entry.almost)}
    found = {p.person: p.name or p.person for p in report.people if p.person in wanted}
    return {person: found.get(person, person) for person in wanted}


def policy_summary(policy: Readiness) -> str:
    """The readiness policy in one sentence."""
    rule = (
        "every applicable behaviour evidenced or carried"
        if policy.competency_met == "all"
        else f"at least {policy.competency_met.at_least:.0%} of applicable behaviours "
        "evidenced or carried"
    )
    return (
        f"items count for {plural(policy.max_age_months, 'month')}; a behaviour needs "
        f"{plural(policy.min_items, 'item')} from {plural(policy.min_sources, 'source')}; "
        f"sources {', '.join(policy.sources)}; a competency is met with {rule}; "
        f"almost means no gap and at most {policy.almost_within} partial; "
        + (
            "what a confirmed level expected is carried"
            if policy.carry_confirmed
            else "nothing is carried from a confirmed level"
        )
    )


def action(behaviour: BehaviourResult, policy: Readiness) -> str:
    """What to do about a behaviour that is missing, thin or stale."""
    if behaviour.status == "thin":
        return (
            f"add evidence: needs {plural(policy.min_items, 'item')} from "
            f"{plural(policy.min_sources, 'source')}, has {joined(behaviour.evidence)}"
        )
    if behaviour.status == "stale":
        return (
            f"show it again: the evidence ({joined(behaviour.too_old)}) is older than "
            f"{plural(policy.max_age_months, 'month')}"
        )
    return "show it: no evidence yet"


def reassess(step: NextStep) -> str:
    """The advice when the assessed step is below the expected one."""
    return (
        f"ask for a new manager or panel assessment: assessed {step.assessed}, "
        f"expected {step.expected}"
    )


def assessment_line(expected: str, assessed: str | None, below: bool) -> str:
    """``expected proficient, assessed practising (below expected)``."""
    if assessed is None:
        return f"expected {expected}, not assessed"
    return f"expected {expected}, assessed {assessed}" + (" (below expected)" if below else "")


def competency_line(competency: CompetencyResult) -> str:
    """``expected proficient, not assessed; 3 of 5 behaviours evidenced``."""
    line = assessment_line(competency.expected, competency.assessed, competency.assessed_below)
    applicable = plural(competency.applicable, "behaviour")
    carried = sum(1 for b in competency.behaviours if b.status == "carried")
    if carried:
        return f"{line}; {competency.evidenced} of {applicable} evidenced or carried"
    return f"{line}; {competency.evidenced} of {applicable} evidenced"


def evidence_detail(behaviour: BehaviourResult, code: Code = plain, text: Code = plain) -> str:
    """What stands behind a behaviour: its items, the too-old ones, or why it does not apply.

    `code` formats item labels and `text` the reason a behaviour does not apply.
    """
    if behaviour.status == "stale":
        return f"too old: {joined(behaviour.too_old, code=code)}"
    if behaviour.status == "not-applicable":
        return f"not applicable: {text(behaviour.reason or '')}"
    return joined(behaviour.evidence, code=code)


def split_carried(
    competency: CompetencyResult,
) -> tuple[list[BehaviourResult], list[BehaviourResult]]:
    """A competency's behaviours to show (new at the target first), and the carried ones."""
    shown = [b for b in competency.behaviours if b.status != "carried"]
    shown.sort(key=lambda b: not b.new)  # stable: file order within each group
    carried = [b for b in competency.behaviours if b.status == "carried"]
    return shown, carried


def carried_line(carried: Sequence[BehaviourResult], level: str | None, code: Code = plain) -> str:
    """``carried from ROLE@LEVEL: 5 behaviours (a, b, ...)``."""
    source = f"carried from {code(level)}" if level else "carried"
    refs = joined([b.id for b in carried], code=code)
    return f"{source}: {plural(len(carried), 'behaviour')} ({refs})"


def confirmation(report: GapReport, code: Code = plain) -> str:
    """Which confirmed level carries over, or why a confirmation was ignored; '' for none."""
    if report.confirmed is not None:
        found = report.confirmed
        return (
            f"Confirmed at {code(found.level)} on {found.date} by the {found.by}: what it "
            "expected is carried, so this report asks only for what is new."
        )
    if report.confirmation_ignored:
        return (
            "The evidence's confirmation is dated after the as-of date, so it was ignored "
            "and nothing is carried."
        )
    return ""


def disagreement(found: Disagreement) -> str:
    """The two assessments of one competency, and how far apart they are."""
    flag = ", flagged" if found.flagged else ""
    return (
        f"{found.competency}: self {found.self_step} ({found.self_date}), {found.other_by} "
        f"{found.other_step} ({found.other_date}); {plural(found.steps_apart, 'step')} apart{flag}"
    )


def ignored_reason(item: IgnoredItem, as_of: str) -> str:
    """Why an item was ignored, in words."""
    if item.reason == "suggested":
        return "suggested by a tool, waiting for a person to confirm it"
    if item.reason == "source-not-accepted":
        return f"source '{item.source}' is not accepted by the policy"
    return f"dated after the as-of date {as_of}"


def notes(report: GapReport, code: Code = plain) -> list[tuple[str, list[str]]]:
    """The fine print of a gap report: a heading and its entries, for each part that has any."""
    found = []
    if report.disagreements:
        found.append(
            ("Assessments that disagree", [disagreement(each) for each in report.disagreements])
        )
    if report.beyond_target:
        extra = [
            f"{code(each.id)}: {joined(each.evidence, code=code)}" for each in report.beyond_target
        ]
        found.append(("Shown beyond the target", extra))
    if report.ignored_items:
        ignored = [
            f"{code(item.item)} ({item.date}, {item.source}): "
            f"{ignored_reason(item, str(report.as_of))}"
            for item in report.ignored_items
        ]
        found.append(("Ignored items", ignored))
    return found


def level_rows(report: LevelReport, code: Code = plain, text: Code = plain) -> list[list[str]]:
    """One row per level of the role, the columns of `LEVEL_HEADER`; `text` formats titles."""
    return [
        [code(e.level), text(e.title), e.verdict, str(e.met), str(e.partial), str(e.gap)]
        for e in report.levels
    ]


def move_rows(report: LevelReport, code: Code = plain) -> list[list[str]]:
    """One row per move open, the columns of `MOVE_HEADER`."""
    return [
        [m.type, code(m.from_), code(m.to), m.verdict, str(m.met), str(m.partial), str(m.gap)]
        for m in report.moves
    ]
