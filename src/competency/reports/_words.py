"""Phrases shared by the text and Markdown reports, so both say the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from competency.gap import BehaviourResult, Disagreement, IgnoredItem, NextStep
from competency.model import Readiness

__all__ = [
    "action",
    "assessment_line",
    "disagreement",
    "ignored_reason",
    "joined",
    "plural",
    "policy_summary",
    "reassess",
]


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 item``, ``2 items``."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def joined(labels: Sequence[str], empty: str = "") -> str:
    """Item labels separated by commas."""
    return ", ".join(labels) if labels else empty


def policy_summary(policy: Readiness) -> str:
    """The readiness policy in one sentence."""
    rule = (
        "every applicable behaviour evidenced"
        if policy.competency_met == "all"
        else f"at least {policy.competency_met.at_least:.0%} of applicable behaviours evidenced"
    )
    return (
        f"items count for {plural(policy.max_age_months, 'month')}; a behaviour needs "
        f"{plural(policy.min_items, 'item')} from {plural(policy.min_sources, 'source')}; "
        f"sources {', '.join(policy.sources)}; a competency is met with {rule}; "
        f"almost means no gap and at most {policy.almost_within} partial"
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


def disagreement(found: Disagreement) -> str:
    """The two assessments of one competency, and how far apart they are."""
    flag = ", flagged" if found.flagged else ""
    return (
        f"{found.competency}: self {found.self_step} ({found.self_date}), {found.other_by} "
        f"{found.other_step} ({found.other_date}); {plural(found.steps_apart, 'step')} apart{flag}"
    )


def ignored_reason(item: IgnoredItem, as_of: str) -> str:
    """Why an item was ignored, in words."""
    if item.reason == "source-not-accepted":
        return f"source '{item.source}' is not accepted by the policy"
    return f"dated after the as-of date {as_of}"
