"""Reports for the terminal: verdict first, then what to do about it.

Colour is optional and only marks words that are already there (verdicts
and statuses), so the reports read the same without it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel

from competency.escape import terminal
from competency.write import _words as words
from competency.write._table import Paint, column_widths, table, table_lines
from competency.write.colour import Style, paint
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.gap import CompetencyResult, GapReport, LevelReport
    from competency.analysis.team import PersonSummary, TeamReport

__all__ = ["gap", "level", "team"]

#: Styles for verdicts and statuses; words without one stay plain.
_STYLES: dict[str, Style] = {
    "ready": "strong-good",
    "met": "good",
    "evidenced": "good",
    "carried": "good",
    "almost": "fair",
    "partial": "fair",
    "thin": "fair",
    "stale": "fair",
    "not-yet": "strong-poor",
    "gap": "poor",
    "missing": "poor",
}

#: Where long sentences wrap.
WIDTH = 100

#: How many training needs the team report shows; JSON and CSV carry them all.
TOP_NEEDS = 10


def _painter(colour: bool) -> Paint:
    """A function that pads a status word to a width and colours it when asked."""

    def pad_and_paint(word: str, width: int = 0) -> str:
        padded = word.ljust(width)
        style = _STYLES.get(word)
        if style is None:
            return padded
        return paint(word, style, colour) + padded[len(word) :]

    return pad_and_paint


R = TypeVar("R")


def _inert(value: R) -> R:
    """A copy of a report whose every string is safe for a terminal (`escape.terminal`)."""
    found: Any
    if isinstance(value, str):
        found = terminal(value)
    elif isinstance(value, BaseModel):
        fields = type(value).model_fields
        found = value.model_copy(update={key: _inert(getattr(value, key)) for key in fields})
    elif isinstance(value, list | tuple):
        found = type(value)(_inert(item) for item in value)
    elif isinstance(value, dict):
        found = {_inert(key): _inert(item) for key, item in value.items()}
    else:
        found = value
    return cast("R", found)


def _who(person: str, name: str | None) -> str:
    return f"{name} ({person})" if name else person


# --- gap ----------------------------------------------------------------------


def gap(report: GapReport, options: WriteOptions = PLAIN) -> str:
    """One person's gap report: verdict, competencies, next steps, and the fine print."""
    colour = options.colour
    report = _inert(report)
    paint = _painter(colour)
    lines = _gap_heading(report, paint)
    lines += ["", "Competencies (+ marks what is new at this level)"]
    carried_from = report.confirmed.level if report.confirmed is not None else None
    waiting = report.waiting()
    for competency in report.competencies:
        lines += _competency(competency, paint, carried_from, waiting)
    lines += _next_steps(report, paint)
    lines += _gap_notes(report)
    lines += ["", *_wrapped(f"Policy: {words.policy_summary(report.policy)}.", "")]
    lines.append(
        f"Framework: {report.framework.id} {report.framework.version} ({report.framework.hash})"
    )
    return "\n".join(lines)


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "  ")


def _gap_heading(report: GapReport, paint: Paint) -> list[str]:
    total = len(report.competencies)
    title = f"{report.target_title} ({report.target})" if report.target_title else report.target
    return [
        f"{_who(report.person, report.person_name)} against {title}, as of {report.as_of}",
        f"Verdict: {paint(report.verdict, 0)}: {report.count('met')} of {total} competencies "
        f"met, {report.count('partial')} partial, {report.count('gap')} gap",
        *_wrapped(words.confirmation(report), ""),
    ]


def _competency(
    competency: CompetencyResult,
    paint: Paint,
    carried_from: str | None,
    waiting: dict[str, list[str]],
) -> list[str]:
    """What is new first (marked +), behaviour by behaviour, with the suggested items waiting
    for confirmation; the carried ones in one line."""
    lines = [
        "",
        f"  {paint(competency.status, 8)} {competency.name} ({competency.id})",
        f"           {words.competency_line(competency)}",
    ]
    shown, carried = words.split_carried(competency)
    width = max((len(behaviour.id) for behaviour in shown), default=0)
    for behaviour in shown:
        detail = words.evidence_detail(behaviour)
        mark = "+" if behaviour.new else " "
        row = f"    {mark} {paint(behaviour.status, 14)} {behaviour.id.ljust(width)}  {detail}"
        lines.append(row.rstrip())
        if behaviour.replaces:
            lines.append(f"      {'':14} {'':{width}}  replaces {words.joined(behaviour.replaces)}")
        if behaviour.id in waiting:
            items = words.joined(waiting[behaviour.id])
            lines.append(f"      {'':14} {'':{width}}  waiting for confirmation: {items}")
    if carried:
        lines += _wrapped(words.carried_line(carried, carried_from), "      ")
    return lines


def _next_steps(report: GapReport, paint: Paint) -> list[str]:
    if not report.next_steps:
        return ["", "Next steps: none; every competency is met."]
    lines = ["", "Next steps"]
    for step in report.next_steps:
        lines.append(f"  {step.competency} ({paint(step.status, 0)})")
        for behaviour in step.behaviours:
            lines.append(f"    - {behaviour.id}: {words.action(behaviour, report.policy)}")
            lines += _wrapped(behaviour.text, "      ")
        if step.assessed_below:
            lines.append(f"    - {words.reassess(step)}")
        for resource in step.resources:
            where = f" {resource.url}" if resource.url else ""
            named = f"resource: {resource.title} ({resource.kind}, {resource.step}){where}"
            lines += _wrapped(named, "    ")
    return lines


def _gap_notes(report: GapReport) -> list[str]:
    lines: list[str] = []
    for heading, entries in words.notes(report):
        lines += ["", heading, *(f"  {entry}" for entry in entries)]
    return lines


# --- level --------------------------------------------------------------------


def level(report: LevelReport, options: WriteOptions = PLAIN) -> str:
    """The verdict at every level of the person's role, the current level, and the moves."""
    colour = options.colour
    report = _inert(report)
    paint = _painter(colour)
    named = f", named level {report.role}@{report.level}" if report.level else ""
    lines = [
        f"{_who(report.person, report.person_name)}, {report.role}{named}, as of {report.as_of}",
        f"Current level: {report.current_level or 'none (the lowest level is not ready yet)'}",
        "",
    ]
    lines += table(words.LEVEL_HEADER, words.level_rows(report), 3, paint=paint, painted=2)
    if report.moves:
        lines += ["", "Moves open, closest first"]
        lines += table(words.MOVE_HEADER, words.move_rows(report), 3, paint=paint, painted=3)
    else:
        lines += ["", "No moves in paths.yaml start at the named or the current level."]
    lines += ["", *_wrapped(f"Policy: {words.policy_summary(report.policy)}.", "")]
    return "\n".join(lines)


# --- team ---------------------------------------------------------------------


def team(report: TeamReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """Everyone's next-level verdict, the competencies, training needs and bench strength.

    The people's table is streamed: its rows are read twice from the
    report's compact people (once for the column widths), never kept.
    """
    colour = options.colour
    counts = report.verdicts()
    people = report.people
    # The bench names people: their names are read before the people leave the copy.
    who = _inert(words.bench_names(report))
    report = _inert(report.model_copy(update={"people": []}))
    paint = _painter(colour)
    yield "\n".join(
        [
            f"Team of {words.plural(len(people), 'person', 'people')}, as of {report.as_of} "
            f"({report.framework.id} {report.framework.version})",
            f"Next-level verdicts: {counts['ready']} ready, {counts['almost']} almost, "
            f"{counts['not-yet']} not-yet"
            + (f", {counts['none']} at the top" if counts["none"] else ""),
        ]
    )
    if people:
        header = ["Person", "Named level", "Current level", "Next level", "Verdict", "Met/Part/Gap"]
        widths = column_widths(header, _team_rows(people))
        yield "\n\nPeople"
        for line in table_lines(header, _team_rows(people), widths, 1, paint=paint, painted=4):
            yield "\n" + line
    lines = [
        *_team_competencies(report),
        *_team_needs(report),
        *_team_bench(report, who),
        *_team_failed(report),
    ]
    if lines:
        yield "\n" + "\n".join(lines)


def _team_rows(people: Sequence[PersonSummary]) -> Iterator[list[str]]:
    """The people's rows of the team table, each made safe for a terminal."""
    for person in map(_inert, people):
        yield [
            person.person,
            person.level or "-",
            person.current_level or "none",
            person.next_level or "-",
            person.verdict or "-",
            f"{person.met}/{person.partial}/{person.gap}",
        ]


def _team_competencies(report: TeamReport) -> list[str]:
    if not report.competencies:
        return []
    rows = [[c.id, str(c.met), str(c.partial), str(c.gap)] for c in report.competencies]
    return [
        "",
        "Competencies at each person's next level",
        *table(["Competency", "Met", "Partial", "Gap"], rows, 3),
    ]


def _team_needs(report: TeamReport) -> list[str]:
    if not report.training_needs:
        return []
    shown = report.training_needs[:TOP_NEEDS]
    more = len(report.training_needs) - len(shown)
    lines = ["", "Training needs: behaviours most often not evidenced at the next level"]
    for need in shown:
        lines.append(
            f"  {words.plural(need.people, 'person', 'people')}: {need.behaviour} "
            f"(missing {need.missing}, stale {need.stale}, thin {need.thin})"
        )
        lines += _wrapped(need.text, "      ")
    if more:
        lines.append(f"  ... and {more} more (the JSON and CSV forms list them all)")
    return lines


def _team_bench(report: TeamReport, who: dict[str, str]) -> list[str]:
    if not report.bench:
        return []
    lines = ["", "Bench: who is ready for each level"]
    for entry in report.bench:
        ready = words.joined([who[p] for p in entry.ready], "nobody")
        almost = words.joined([who[p] for p in entry.almost], "nobody")
        lines.append(f"  {entry.title} ({entry.level}): ready: {ready}; almost: {almost}")
    return lines


def _team_failed(report: TeamReport) -> list[str]:
    # The diagnostics themselves go to stderr, one per line, like `validate`'s.
    if not report.failed:
        return []
    lines = ["", f"Not analysed: {words.plural(len(report.failed), 'file')} with errors"]
    lines += [f"  {failed.file}" for failed in report.failed]
    return lines
