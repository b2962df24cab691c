"""The impact of a ladder change as text, Markdown and GitHub Actions annotations.

JSON is `competency.write.data.json_report`. Every value from an input
(ids, names, file paths, references) is escaped for its target with
`competency.escape`. ``--format github`` is two outputs: the Markdown of
`markdown` as the job's step summary, and the annotations of `github`
(one line per group of people who lose or gain the same thing, and one per
problem in an evidence file), which the command prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from competency.escape import markdown as md
from competency.escape import terminal
from competency.write import _words as words
from competency.write.colour import Style, paint
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.impact import (
        ImpactProblem,
        ImpactReport,
        PersonImpact,
    )
    from competency.names import Names

__all__ = ["github", "markdown", "text"]


def _stamp(report: ImpactReport, side: str) -> str:
    stamp = report.base if side == "base" else report.head
    return f"{stamp.id} {stamp.version} ({stamp.hash[:19]})"


def _counts(report: ImpactReport) -> str:
    summary = report.summary
    return (
        f"{words.plural(summary.people, 'person', 'people')}: {summary.changed} changed, "
        f"{summary.lost} lost, {summary.gained} gained, {summary.problems} with problems"
    )


def _outcome(person: PersonImpact) -> str:
    """lost, gained, both, changed, or problems only."""
    if person.lost and person.gained:
        return "lost and gained"
    if person.lost or person.gained:
        return "lost" if person.lost else "gained"
    return "changed" if person.changed else "problems"


def _missing(problem: ImpactProblem) -> str:
    return {"base": "BASE does not have", "head": "HEAD does not have"}.get(
        problem.missing_in, "neither framework has"
    )


def _problem_line(problem: ImpactProblem) -> str:
    """``FILE:LINE:COLUMN: behaviour 'x' (items[2].shows[0]), which HEAD does not have``."""
    where = ""
    if problem.file is not None:
        where = problem.file + (
            f":{problem.line}:{problem.column}: " if problem.line is not None else ": "
        )
    return (
        f"{where}{problem.kind} '{problem.reference}' ({problem.where}), which {_missing(problem)}"
    )


# --- text ---------------------------------------------------------------------


def text(report: ImpactReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """The counts first, then each person who changed or has problems."""
    colour = options.colour
    yield (
        f"Impact of {terminal(_stamp(report, 'base'))} -> {terminal(_stamp(report, 'head'))}, "
        f"as of {report.as_of}\n{_counts(report)}"
    )
    for person in report.people:
        yield "\n\n" + "\n".join(_text_person(person, colour))
    if report.failed:
        yield "\n\n" + words.plural(len(report.failed), "file") + " could not be read:"
        for failed in report.failed:
            yield f"\n  {terminal(failed.file)}"


def _text_person(person: PersonImpact, colour: bool) -> list[str]:
    who = terminal(person.person) + (f" ({terminal(person.name)})" if person.name else "")
    where = f", {terminal(person.file)}" if person.file else ""
    outcome = _outcome(person)
    style: Style = "poor" if person.lost else "good" if person.gained else "dim"
    lines = [f"{who}{where}: {paint(outcome, style, colour)}"]
    for label, key in (("current", "current"), ("target", "target"), ("verdict", "verdict")):
        before, after = getattr(person.base, key), getattr(person.head, key)
        if before != after or key != "verdict" or person.changed:
            lines.append(
                f"  {label:<9} {terminal(before or 'none')} -> {terminal(after or 'none')}"
            )
    if person.behaviours:
        lines.append("  behaviours")
        width = max(len(terminal(b.id)) for b in person.behaviours)
        lines.extend(
            f"    {terminal(b.id):<{width}}  {b.base or 'not expected'} -> "
            f"{b.head or 'not expected'}"
            for b in person.behaviours
        )
    if person.problems:
        lines.append("  problems")
        lines.extend(f"    {terminal(_problem_line(p))}" for p in person.problems)
    return lines


# --- Markdown -----------------------------------------------------------------


def _side_cell(before: str | None, after: str | None) -> str:
    if before == after:
        return md(before or "none")
    return f"{md(before or 'none')} → {md(after or 'none')}"


def markdown(report: ImpactReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """The counts, a table of the people who changed, then each one's behaviours and problems."""
    summary = report.summary
    yield "\n".join(
        [
            "## Impact of the ladder change",
            "",
            f"Base: {md(_stamp(report, 'base'))}; head: {md(_stamp(report, 'head'))}; "
            f"as of {report.as_of}.",
            "",
            "| People | Changed | Lost | Gained | With problems |",
            "| --- | --- | --- | --- | --- |",
            f"| {summary.people} | {summary.changed} | {summary.lost} | {summary.gained} "
            f"| {summary.problems} |",
        ]
    )
    if not report.people:
        yield "\n\nNo one's current level, target or verdict changes."
    else:
        yield "\n\n| Person | Current level | Target | Verdict | Outcome |"
        yield "\n| --- | --- | --- | --- | --- |"
        for person in report.people:
            base, head = person.base, person.head
            yield (
                f"\n| {md(person.person)} | {_side_cell(base.current, head.current)} "
                f"| {_side_cell(base.target, head.target)} "
                f"| {_side_cell(base.verdict, head.verdict)} | {_outcome(person)} |"
            )
        for person in report.people:
            if person.behaviours or person.problems:
                yield "\n\n" + "\n".join(_md_person(person))
    if report.failed:
        yield "\n\n### Files that could not be read\n"
        for failed in report.failed:
            yield f"\n- {md(failed.file)}"
    yield "\n"


def _md_person(person: PersonImpact) -> list[str]:
    lines = [f"### {md(person.person)}" + (f" ({md(person.name)})" if person.name else "")]
    if person.behaviours:
        lines += ["", "| Behaviour | Base | Head |", "| --- | --- | --- |"]
        lines += [
            f"| {md(b.id)} | {b.base or 'not expected'} | {b.head or 'not expected'} |"
            for b in person.behaviours
        ]
    if person.problems:
        lines += ["", *(f"- {md(_problem_line(p))}" for p in person.problems)]
    return lines


# --- GitHub Actions annotations -----------------------------------------------


def _data(value: str) -> str:
    """A message for a workflow command: escaped as the runner unescapes it, inert in a log."""
    return terminal(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def _title(names: Names | None, ref: str) -> str:
    """A level's title in HEAD (its reference when HEAD does not have it)."""
    if names is None:
        return ref
    try:
        return names.level(ref)
    except LookupError:
        return ref


def _role_file(report: ImpactReport, ref: str) -> str | None:
    """The role file of a level in HEAD's folder (roles/ROLE.yaml), when the folder is known."""
    if report.ladder is None:
        return None
    role = ref.partition("@")[0]
    return f"{report.ladder}/roles/{role}.yaml" if report.ladder else f"roles/{role}.yaml"


def _annotation(
    kind: str, message: str, file: str | None, line: int | None = None, column: int | None = None
) -> str:
    properties = []
    if file is not None:
        properties.append(f"file={_property(file)}")
        if line is not None:
            properties += [f"line={line}", f"col={column or 1}"]
    return (
        f"::{kind} {','.join(properties)}::{_data(message)}"
        if properties
        else f"::{kind}::{_data(message)}"
    )


def github(report: ImpactReport, options: WriteOptions = PLAIN) -> str:
    """Annotations: one per group of people who lose or gain the same thing, then problems.

    "3 people lose ready for Support Engineer II" is a warning on the role
    file of that level in HEAD; gains are notices; a reference in an
    evidence file that HEAD (or BASE) does not have is a warning (a notice
    when only BASE lacks it) at its line and column.
    """
    names = options.names
    groups: dict[tuple[str, str, str], int] = {}
    for person in report.people:
        for key in _groups(person):
            groups[key] = groups.get(key, 0) + 1
    lines = []
    for (kind, what, ref), count in groups.items():
        one = count == 1
        people = words.plural(count, "person", "people")
        title = _title(names, ref)
        message = {
            "lose-verdict": f"{people} {'loses' if one else 'lose'} {what} for {title}",
            "gain-verdict": f"{people} {'becomes' if one else 'become'} {what} for {title}",
            "drop-level": f"{people} no longer {'reaches' if one else 'reach'} {title}, "
            "their current level before this change",
            "reach-level": f"{people} now {'reaches' if one else 'reach'} {title}",
        }[kind]
        severity = "warning" if kind in ("lose-verdict", "drop-level") else "notice"
        lines.append(_annotation(severity, message, _role_file(report, ref)))
    for person in report.people:
        for problem in person.problems:
            severity = "notice" if problem.missing_in == "base" else "warning"
            message = f"{person.person}: {_problem_line(problem.model_copy(update={'file': None}))}"
            lines.append(_annotation(severity, message, problem.file, problem.line, problem.column))
    return "\n".join(lines)


def _groups(person: PersonImpact) -> Iterator[tuple[str, str, str]]:
    """What one person loses and gains, as (kind, verdict, level) keys to count."""
    base, head = person.base, person.head
    if person.verdict_change is not None and head.target is not None:
        worse = person.verdict_change == "worse"
        verdict = base.verdict if worse else head.verdict
        yield ("lose-verdict" if worse else "gain-verdict"), verdict or "", head.target
    if person.current_change == "dropped" and base.current is not None:
        yield "drop-level", "", base.current
    if person.current_change == "rose" and head.current is not None:
        yield "reach-level", "", head.current
