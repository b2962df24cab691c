"""A person's levels over time: ``competency history`` (docs/format.md, section 10).

For each confirmation (`Evidence.confirmations`: the 1.1 `confirmed` or the
1.2 `history`): the level, its title and grade, the date, who confirmed it,
the framework it names and whether that differs from the framework read now,
and the whole calendar months spent in it (to the next confirmation, or to
as-of for the last one in force). Then the verdict for the next level at
as-of. Pure: no files, no printing.
"""

from __future__ import annotations

from datetime import date

from competency.analysis.gap import Analyzer, NoTargetError, default_target
from competency.analysis.judge import months_before
from competency.analysis.report import FrameworkStamp, ReportModel, Verdict
from competency.contract import as_date, check_instance
from competency.framework import Framework, UnknownReferenceError
from competency.model import Evidence, HistoryEntry, Readiness
from competency.model import FrameworkStamp as NamedFramework
from competency.names import Names

__all__ = [
    "HistoryReport",
    "HistoryRow",
    "NamedFramework",
    "NextLevel",
    "framework_differs",
    "history_report",
    "months_between",
]


def months_between(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end`: the largest m with start + m months <= end.

    Months are added as section 8 subtracts them (a day past the end of a
    shorter month becomes its last day), so 2026-01-31 to 2026-02-28 is one
    month. Zero when `end` is before `start` plus one month (or before `start`).

    >>> months_between(date(2026, 3, 1), date(2026, 11, 1))
    8
    """
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if months_before(start, -months) > end:
        months -= 1
    return max(months, 0)


def framework_differs(named: NamedFramework | None, now: FrameworkStamp) -> bool:
    """True when `named` names a hash (or, without one, a version) other than `now`'s.

    The hash names exact content, so it decides when given; a version alone
    is compared otherwise. An entry that names no framework never differs.
    """
    if named is None:
        return False
    if named.hash is not None:
        return named.hash != now.hash
    return named.version is not None and named.version != now.version


class HistoryRow(ReportModel):
    """One confirmation: the level, when, by whom, against which ladder, and for how long."""

    level: str
    """ROLE@LEVEL."""
    title: str
    """The level's title (the reference itself when the framework no longer has it)."""
    grade: str | None
    """The level's grade id, when the framework has the level and it has a grade."""
    date: date
    by: str
    """manager or panel."""
    framework: NamedFramework | None
    """The ladder the entry says it was judged against (version and/or hash), if any."""
    framework_differs: bool
    """True when that ladder is not the one read now (hash compared when given, else version)."""
    months_in_level: int | None
    """Whole calendar months from this entry to the next one (or to as-of); none when future."""
    future: bool = False
    """True when the entry is dated after as-of: shown, never counted."""
    grade_name: str | None = None
    """The grade's name in the report's locale."""


class NextLevel(ReportModel):
    """The verdict for the next level at as-of."""

    target: str
    verdict: Verdict
    title: str


class HistoryReport(ReportModel):
    """A person's confirmed levels over time, and the verdict for the next level."""

    person: str
    as_of: date
    entries: list[HistoryRow]
    next: NextLevel | None
    """The default target's verdict at as-of; none when there is no next level."""
    person_name: str | None = None
    framework: FrameworkStamp | None = None
    """The framework read now, which entries are compared with."""
    current: str | None = None
    """The confirmed level at as-of (the latest entry dated on or before it), if any."""
    policy: Readiness | None = None


def history_report(
    framework: Framework,
    evidence: Evidence,
    as_of: date | None = None,
    policy: Readiness | None = None,
    names: Names | None = None,
) -> HistoryReport:
    """Every confirmation of `evidence` with its time in level, and the next level's verdict.

    `as_of` defaults to today and `policy` to the framework's. Entries dated
    after as-of are listed with ``future`` true and no months; the entry in
    force at as-of runs to as-of.
    """
    check_instance("history_report", "framework", framework, Framework)
    check_instance("history_report", "evidence", evidence, Evidence)
    as_date("history_report", "as_of", as_of)
    if policy is not None:
        check_instance("history_report", "policy", policy, Readiness)
    if names is not None:
        check_instance("history_report", "names", names, Names)
    analyzer = Analyzer(framework, as_of, policy, names)
    day = analyzer.as_of
    entries = evidence.confirmations()
    rows = [
        _row(analyzer, entry, entries[index + 1] if index + 1 < len(entries) else None, day)
        for index, entry in enumerate(entries)
    ]
    in_force = evidence.confirmed_at(day)
    return HistoryReport(
        person=evidence.person.id,
        as_of=day,
        entries=rows,
        next=_next(analyzer, evidence),
        person_name=evidence.person.name,
        framework=analyzer.stamp,
        current=in_force.level if in_force is not None else None,
        policy=analyzer.policy,
    )


def _row(
    analyzer: Analyzer, entry: HistoryEntry, following: HistoryEntry | None, day: date
) -> HistoryRow:
    framework, names = analyzer.framework, analyzer.names
    try:
        found = framework.level(entry.level)
    except UnknownReferenceError:  # checked evidence never gets here
        title, grade, grade_name = entry.level, None, None
    else:
        title, grade = names.level(found.ref), found.level.grade
        grade_name = _grade_name(names, grade)
    future = entry.date > day
    end = day if following is None else min(following.date, day)
    return HistoryRow(
        level=entry.level,
        title=title,
        grade=grade,
        date=entry.date,
        by=entry.by,
        framework=entry.framework,
        framework_differs=framework_differs(entry.framework, analyzer.stamp),
        months_in_level=None if future else months_between(entry.date, end),
        future=future,
        grade_name=grade_name,
    )


def _grade_name(names: Names, grade: str | None) -> str | None:
    if grade is None:
        return None
    for found in names.framework.info.grades:
        if found.id == grade:
            return names.text(found.name)
    return grade


def _next(analyzer: Analyzer, evidence: Evidence) -> NextLevel | None:
    """The default target at as-of and its verdict; None when there is no next level."""
    try:
        target = default_target(analyzer.framework, evidence, analyzer.as_of)
    except (NoTargetError, UnknownReferenceError):  # the latter only for unchecked evidence
        return None
    judgement = analyzer.judge(analyzer.profile(evidence), target)
    return NextLevel(target=target, verdict=judgement.verdict, title=analyzer.names.level(target))
