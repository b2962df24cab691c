"""The readiness policy of one run: the framework's, a policy file's keys, then overrides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields

from competency.model import Readiness, Source

__all__ = ["PolicyOverrides", "apply_overrides"]


@dataclass(frozen=True)
class PolicyOverrides:
    """Readiness keys set for one run; None keeps the policy's value."""

    max_age_months: int | None = None
    min_items: int | None = None
    min_sources: int | None = None
    sources: Sequence[Source] | None = None
    carry_confirmed: bool | None = None


def apply_overrides(policy: Readiness, overrides: PolicyOverrides) -> Readiness:
    """`policy` with the keys `overrides` sets (their types are checked by mypy and the CLI)."""
    changes = {
        field.name: getattr(overrides, field.name)
        for field in fields(overrides)
        if getattr(overrides, field.name) is not None
    }
    if "sources" in changes:
        changes["sources"] = list(dict.fromkeys(changes["sources"]))
    return policy.model_copy(update=changes) if changes else policy
