"""The rows of the analytics tables, as plain Python: no pyarrow here.

`PersonRows` is what one person adds to the team tables (``people``,
``behaviour_status``, ``competency_status``): compact tuples, picklable, so
a worker process makes them and the parent only batches them into Arrow
(`competency.analytics.arrow`). `RowBuilder` makes them with the one
`Analyzer` of the gap analysis, so the statuses are the team report's.

The column order of each tuple is the order of the names in `PEOPLE`,
`BEHAVIOUR_STATUS` and `COMPETENCY_STATUS` (docs/analytics.md), without the
stamp columns (`STAMP`) that every table ends with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from competency.analysis.gap import Analyzer, BehaviourJudge
from competency.analysis.judge import named_level, role_at
from competency.analysis.team import next_level_for
from competency.framework import Framework
from competency.model import Evidence, Readiness
from competency.names import Names

__all__ = [
    "BEHAVIOUR_STATUS",
    "COMPETENCY_STATUS",
    "PEOPLE",
    "STAMP",
    "PersonRows",
    "RowBuilder",
]

#: The columns every team table ends with: the framework judged against and the date.
STAMP = ("framework_id", "framework_version", "framework_hash", "as_of")

#: The person's columns; ``name`` and ``file`` are filled only when names are asked for.
PEOPLE = (
    "person",
    "role",
    "level",
    "current_level",
    "confirmed_level",
    "confirmed_date",
    "confirmed_by",
    "manager",
    "target",
    "verdict",
    "met",
    "partial",
    "gap",
    "name",
    "file",
)

#: One row per behaviour the person's target expects; ``summaries`` only with names.
BEHAVIOUR_STATUS = (
    "person",
    "target",
    "competency",
    "behaviour",
    "status",
    "items",
    "sources",
    "newest",
    "summaries",
)

#: One row per competency the person's target expects.
COMPETENCY_STATUS = (
    "person",
    "target",
    "competency",
    "step",
    "assessed",
    "status",
    "evidenced",
    "applicable",
)

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class PersonRows:
    """One person's rows of the three team tables; small and picklable."""

    person: Row
    behaviours: tuple[Row, ...] = ()
    competencies: tuple[Row, ...] = ()


@dataclass(slots=True)
class _Fact:
    """What the items that show one behaviour say: counted items, their sources, the newest."""

    items: int = 0
    sources: set[str] = field(default_factory=set)
    newest: date | None = None
    summaries: list[str] = field(default_factory=list)


class RowBuilder:
    """Makes `PersonRows` for one framework, as-of date (default today), policy and locale.

    Keep one for many people: what each level expects is worked out once.
    With `with_names`, the person's name, the file and the summaries of the
    items that count are kept; without, none of them is.
    """

    def __init__(
        self,
        framework: Framework,
        as_of: date | None = None,
        policy: Readiness | None = None,
        locale: str | None = None,
        *,
        with_names: bool = False,
    ) -> None:
        self.judge = BehaviourJudge(framework, as_of, policy)
        self.names = Names(framework, locale)
        self.analyzer = Analyzer(framework, self.judge.as_of, self.judge.policy, self.names)
        self.with_names = with_names

    @property
    def stamp(self) -> Row:
        """The values of the `STAMP` columns."""
        stamp = self.analyzer.stamp
        return (stamp.id, stamp.version, stamp.hash, self.analyzer.as_of)

    def person(self, evidence: Evidence, file: str | None = None) -> PersonRows:
        """One person's rows: their levels and verdict, and their target's statuses."""
        analyzer, as_of = self.analyzer, self.analyzer.as_of
        profile = analyzer.profile(evidence)
        role = role_at(analyzer.framework, evidence, as_of)
        current = analyzer.current_level(profile, role)
        target = next_level_for(analyzer, evidence, current)
        judgement = analyzer.judge(profile, target) if target is not None else None
        parts = judgement.competencies if judgement is not None else ()
        person = evidence.person.id
        names = self.with_names
        people_row = (
            person,
            role,
            named_level(evidence, as_of),
            current,
            profile.confirmed,
            profile.confirmed_on,
            profile.confirmed_by,
            evidence.person.manager,
            target,
            judgement.verdict if judgement is not None else None,
            sum(1 for part in parts if part.status == "met"),
            sum(1 for part in parts if part.status == "partial"),
            sum(1 for part in parts if part.status == "gap"),
            evidence.person.name if names else None,
            file if names else None,
        )
        facts = self._facts(evidence) if parts else {}
        empty = _Fact()
        behaviours = []
        for part in parts:
            competency = part.expected.competency
            for info in part.expected.behaviours:
                fact = facts.get(info.ref, empty)
                behaviours.append(
                    (
                        person,
                        target,
                        competency,
                        info.ref,
                        profile.status(info.ref),
                        fact.items,
                        tuple(sorted(fact.sources)),
                        fact.newest,
                        tuple(fact.summaries) if names else None,
                    )
                )
        competencies = tuple(
            (
                person,
                target,
                part.expected.competency,
                part.expected.step,
                part.assessed,
                part.status,
                part.evidenced,
                part.applicable,
            )
            for part in parts
        )
        return PersonRows(people_row, tuple(behaviours), competencies)

    def _facts(self, evidence: Evidence) -> dict[str, _Fact]:
        """Per behaviour: the items that count, their sources, and the newest item not ignored.

        An item too old to count still sets the newest date (it is what makes
        a behaviour stale); an ignored one (suggested, a source the policy
        does not accept, dated after as-of) does not.
        """
        judge, found = self.judge, dict[str, _Fact]()
        for item in evidence.items:
            if judge.ignored_reason(item) is not None:
                continue
            counts = item.date >= judge.oldest
            summary = self.names.text(item.summary) if counts and self.with_names else None
            for ref in dict.fromkeys(item.shows):  # one item counts once per behaviour
                fact = found.setdefault(ref, _Fact())
                if fact.newest is None or item.date > fact.newest:
                    fact.newest = item.date
                if counts:
                    fact.items += 1
                    fact.sources.add(item.source)
                    if summary is not None:
                        fact.summaries.append(summary)
        return found
