"""The team over time: ``competency trend`` (docs/format.md, section 10).

The span from D1 to D2 is cut into periods: their ends are the calendar
month (or quarter) ends on or after D1 and before D2, then D2 itself. For
each period end E: the people counted (any item or confirmation on or before
E), the confirmations dated in the period, how many people are at each
current level at E, their next-level verdicts at E, and per level the median
whole months since the confirmed level at E over the people whose current
level is that confirmed one.

Each person is analysed once per period while their evidence is in memory
(`TrendBuilder.person`, in a worker process with ``--jobs``) and only a
compact `PersonTrend` is kept until `TrendBuilder.add` counts it, so a team
of any size costs memory per period, not per person. One `Analyzer` per
period keeps each level's expected behaviours worked out once. Pure: no
files, no printing (`competency.team_folder.trend_folder` reads a folder).
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from pydantic import Field

from competency.analysis.gap import Analyzer, NoTargetError, default_target
from competency.analysis.history import months_between
from competency.analysis.judge import role_at
from competency.analysis.report import FrameworkStamp, ReportModel
from competency.analysis.team import FailedFile, ProblemEntry
from competency.contract import (
    ArgumentValueError,
    as_date,
    check_failed,
    check_instance,
    check_iterable,
    check_optional,
)
from competency.diagnostics import Diagnostic
from competency.framework import Framework, UnknownReferenceError
from competency.model import Evidence, Readiness
from competency.names import Names, names_for

__all__ = [
    "VERDICT_KEYS",
    "Every",
    "PersonTrend",
    "TrendBuilder",
    "TrendPeriod",
    "TrendReport",
    "period_ends",
    "trend",
]

#: How long a period is: a calendar month or a calendar quarter.
Every = Literal["month", "quarter"]

#: The keys of a period's `next_level` counts, in order; ``none``: no next level.
VERDICT_KEYS = ("ready", "almost", "not-yet", "none")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def period_ends(start: date, end: date, every: Every = "quarter") -> list[date]:
    """The period ends from `start` to `end`: month or quarter ends in [start, end), then `end`.

    >>> period_ends(date(2026, 1, 15), date(2026, 5, 1))
    [datetime.date(2026, 3, 31), datetime.date(2026, 5, 1)]
    """
    if end < start:
        raise ArgumentValueError(f"trend(): the end {end} is before the start {start}")
    step = 1 if every == "month" else 3
    year, month = start.year, start.month
    if every == "quarter":
        month = ((month - 1) // 3 + 1) * 3  # the last month of start's quarter
    found = []
    while True:
        last = _month_end(year, month)
        if last >= end:
            break
        if last >= start:
            found.append(last)
        year, month = divmod(year * 12 + month - 1 + step, 12)
        month += 1
    found.append(end)
    return found


class TrendPeriod(ReportModel):
    """One period: who is counted, what was confirmed, where people stand at its end."""

    end: date
    people: int
    """People counted at the end: with an item or a confirmation on or before it."""
    confirmations: dict[str, int]
    """Confirmations dated in the period, by level (framework order)."""
    at_level: dict[str, int]
    """People counted at each current level at the end (framework order; ``none`` last)."""
    next_level: dict[str, int]
    """Their next-level verdicts at the end: ready, almost, not-yet, none."""
    median_months_in_level: dict[str, int | float]
    """Per level, the median whole months since the confirmed level, over the people whose
    current level is their confirmed one (a half when the middle two differ by an odd number)."""
    start: date
    """The period's first day: the day after the previous end, or the trend's start."""


class TrendReport(ReportModel):
    """The team over time: one `TrendPeriod` per period end."""

    periods: list[TrendPeriod]
    start: date = Field(serialization_alias="from")
    end: date = Field(serialization_alias="to")
    every: Every
    framework: FrameworkStamp
    policy: Readiness
    failed: list[FailedFile] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)
    """Every level any period names (at_level, confirmations, medians), in framework order."""


#: One person in one period: counted, levels confirmed in it, current level, verdict,
#: and (confirmed level, months) when the current level is the confirmed one.
_Row = tuple[bool, tuple[str, ...], str | None, str, tuple[str, int] | None]


@dataclass(frozen=True, slots=True)
class PersonTrend:
    """What the trend keeps of one person: a small row per period (picklable)."""

    rows: tuple[_Row, ...]


_NOT_COUNTED: _Row = (False, (), None, "none", None)


@dataclass
class _Counts:
    people: int = 0
    confirmations: Counter[str] = field(default_factory=Counter)
    at_level: Counter[str] = field(default_factory=Counter)
    next_level: Counter[str] = field(default_factory=Counter)
    months: dict[str, Counter[int]] = field(default_factory=dict)


class TrendBuilder:
    """Builds a trend one person at a time, keeping counters per period only.

    `person` analyses one evidence file for every period (in this process or
    a worker); `add` counts its record; `report` makes the `TrendReport`.
    """

    def __init__(
        self,
        framework: Framework,
        start: date,
        end: date,
        every: Every = "quarter",
        policy: Readiness | None = None,
        names: Names | None = None,
    ) -> None:
        if every not in ("month", "quarter"):
            raise ArgumentValueError(f"trend(): every must be month or quarter, not {every!r}")
        self.framework = framework
        self.start, self.end, self.every = start, end, every
        self.ends = period_ends(start, end, every)
        self.starts = [start, *(day + timedelta(days=1) for day in self.ends[:-1])]
        names = names_for(framework, names=names)
        self.analyzers = [Analyzer(framework, day, policy, names) for day in self.ends]
        self._counts = [_Counts() for _ in self.ends]

    def person(self, evidence: Evidence, file: str | None = None) -> PersonTrend:
        """One person analysed as of every period end."""
        entries = evidence.confirmations()
        first = min(
            (day for day in (*(i.date for i in evidence.items), *(e.date for e in entries))),
            default=None,
        )
        rows = []
        for analyzer, begin in zip(self.analyzers, self.starts, strict=True):
            day = analyzer.as_of
            if first is None or first > day:
                rows.append(_NOT_COUNTED)
                continue
            confirmed = tuple(e.level for e in entries if begin <= e.date <= day)
            rows.append((True, confirmed, *self._standing(analyzer, evidence)))
        return PersonTrend(tuple(rows))

    def _standing(
        self, analyzer: Analyzer, evidence: Evidence
    ) -> tuple[str | None, str, tuple[str, int] | None]:
        """Current level, next-level verdict and time in the confirmed level, at as-of."""
        day = analyzer.as_of
        in_force = evidence.confirmed_at(day)
        # Before a lateral move the person was in the role of the entry in force then.
        role = role_at(self.framework, evidence, day)
        profile = analyzer.profile(evidence)
        current = analyzer.current_level(profile, role)
        try:
            target = default_target(self.framework, evidence, day)
        except (NoTargetError, UnknownReferenceError):
            verdict = "none"
        else:
            verdict = analyzer.judge(profile, target).verdict
        months = None
        if in_force is not None and current == in_force.level:
            months = (in_force.level, months_between(in_force.date, day))
        return current, verdict, months

    def add(self, record: PersonTrend) -> None:
        """Count one person in every period."""
        for counts, (counted, confirmed, current, verdict, months) in zip(
            self._counts, record.rows, strict=True
        ):
            counts.confirmations.update(confirmed)
            if not counted:
                continue
            counts.people += 1
            counts.at_level[current if current is not None else "none"] += 1
            counts.next_level[verdict] += 1
            if months is not None:
                counts.months.setdefault(months[0], Counter())[months[1]] += 1

    def report(self, failed: Sequence[tuple[str, Sequence[Diagnostic]]] = ()) -> TrendReport:
        """The trend of everyone added, with the files that could not be read."""
        order = {info.ref: i for i, info in enumerate(self.framework.levels())}

        def ordered(counter: Counter[str]) -> dict[str, int]:
            keys = sorted(counter, key=lambda ref: order.get(ref, len(order)))
            return {key: counter[key] for key in keys if counter[key]}

        periods = []
        for begin, day, counts in zip(self.starts, self.ends, self._counts, strict=True):
            months = {
                level: _median(counts.months[level])
                for level in sorted(counts.months, key=lambda ref: order.get(ref, len(order)))
            }
            periods.append(
                TrendPeriod(
                    end=day,
                    people=counts.people,
                    confirmations=ordered(counts.confirmations),
                    at_level=ordered(counts.at_level),
                    next_level={key: counts.next_level[key] for key in VERDICT_KEYS},
                    median_months_in_level=months,
                    start=begin,
                )
            )
        named: set[str] = set()
        for period in periods:
            named.update(period.at_level, period.confirmations, period.median_months_in_level)
        named.discard("none")
        analyzer = self.analyzers[-1]
        return TrendReport(
            levels=sorted(named, key=lambda ref: order.get(ref, len(order))),
            periods=periods,
            start=self.start,
            end=self.end,
            every=self.every,
            framework=analyzer.stamp,
            policy=analyzer.policy,
            failed=[
                FailedFile(
                    file=file,
                    diagnostics=[ProblemEntry.model_validate(p.as_dict()) for p in problems],
                )
                for file, problems in failed
            ],
        )


def _median(counts: Counter[int]) -> int | float:
    """The median of values given with their counts; a whole number when it is one."""
    values = sorted(counts)
    total = sum(counts.values())
    low_rank, high_rank = (total - 1) // 2, total // 2
    seen, low, high = 0, None, None
    for value in values:
        seen += counts[value]
        if low is None and seen > low_rank:
            low = value
        if seen > high_rank:
            high = value
            break
    assert low is not None
    assert high is not None
    middle = (low + high) / 2
    return int(middle) if middle.is_integer() else middle


def trend(
    framework: Framework,
    evidences: Iterable[Evidence],
    start: date,
    end: date,
    every: Every = "quarter",
    policy: Readiness | None = None,
    names: Names | None = None,
    failed: Sequence[tuple[str, Sequence[Diagnostic]]] = (),
) -> TrendReport:
    """The team of `evidences` from `start` to `end`, period by period (month or quarter).

    Each person is analysed as of every period end, then dropped; `failed`
    lists files that could not be read, with their diagnostics. Raises
    `ArgumentValueError` when `end` is before `start`.
    """
    check_instance("trend", "framework", framework, Framework)
    start_day, end_day = as_date("trend", "start", start), as_date("trend", "end", end)
    if start_day is None or end_day is None:
        raise ArgumentValueError("trend(): start and end are needed")
    if policy is not None:
        check_instance("trend", "policy", policy, Readiness)
    check_optional("trend", "names", names, Names)
    check_iterable("trend", "evidences", evidences)
    check_failed("trend", "failed", failed)
    builder = TrendBuilder(framework, start_day, end_day, every, policy, names)
    for evidence in evidences:
        check_instance("trend", "evidences", evidence, Evidence)
        builder.add(builder.person(evidence))
    return builder.report(failed)
