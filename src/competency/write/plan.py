"""Development plans (`competency.analysis.plan`) as text and Markdown.

A plan reads top to bottom the way a one-to-one goes: the verdict today and
once the suggested items are confirmed, the items to confirm first, then per
competency what to work on, why each behaviour does not count yet, and the
resources to grow with. JSON is the report's own model (`data.json_report`);
HTML and PDF pages come from `competency.render.reports`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from competency.escape import markdown as _md
from competency.escape import terminal
from competency.write.colour import Style, paint
from competency.write.options import PLAIN, WriteOptions
from competency.write.text import _inert

if TYPE_CHECKING:
    from competency.analysis.plan import PlanCompetency, PlanReport

__all__ = ["markdown", "text"]

#: What each behaviour status asks the person to do, in a few words.
ACTIONS = {
    "suggested": "confirm the suggested item",
    "thin": "add evidence",
    "stale": "show it again",
    "missing": "show it",
}


def _title(report: PlanReport) -> str:
    who = report.person_name or report.person
    target = report.target_title or report.target
    return f"Development plan: {who} ({report.person}) towards {target} ({report.target})"


def _step(report: PlanReport, options: WriteOptions, step: str | None) -> str:
    if step is None:
        return "none"
    return options.names.step(step) if options.names is not None else step


def text(report: PlanReport, options: WriteOptions = PLAIN) -> str:
    """The plan for the terminal: every input value escaped once, before colour is added."""
    return "\n".join(_text_lines(_inert(report), options)) + "\n"


def _text_lines(report: PlanReport, options: WriteOptions) -> Iterator[str]:
    colour = options.colour
    yield _title(report)
    yield f"As of {report.as_of}"
    verdict = paint(report.verdict, _STYLE[report.verdict], colour)
    line = f"Verdict today: {verdict}"
    if report.verdict_if_confirmed != report.verdict:
        line += f"; once the suggested items are confirmed: {report.verdict_if_confirmed}"
    yield line
    if report.start is not None:
        yield f"From {report.start}"
    if report.move_note:
        yield f"The move: {report.move_note}"
    if report.suggested:
        yield ""
        yield "Confirm first (suggested items that would count once a person confirms them):"
        for item in report.suggested:
            shows = ", ".join(item.shows)
            yield f"  {item.item} ({item.date}, {item.source}): {item.summary}"
            yield f"    shows {shows}"
    if not report.competencies:
        yield ""
        yield "Nothing to work on: every competency the target expects is met."
        return
    for competency in report.competencies:
        yield ""
        yield from _text_competency(report, competency, options)


def _text_competency(
    report: PlanReport, competency: PlanCompetency, options: WriteOptions
) -> Iterator[str]:
    status = paint(competency.status, _STYLE[competency.status], options.colour)
    expected = terminal(_step(report, options, competency.expected))
    yield f"{competency.name} ({competency.id}): {status}, expected {expected}"
    if competency.assessed_below:
        assessed = terminal(_step(report, options, competency.assessed))
        yield (
            f"  Assessed at {assessed}, below the expected step: ask for a new assessment "
            "once the behaviours below are shown."
        )
    for behaviour in competency.behaviours:
        word = paint(behaviour.status, _STYLE[behaviour.status], options.colour)
        yield f"  {word} {behaviour.id}" + (" (new)" if behaviour.new else "")
        yield f"      {behaviour.text}"
        yield f"      {behaviour.why}"
    if competency.resources:
        yield "  Resources:"
        for resource in competency.resources:
            where = f" {resource.url}" if resource.url else ""
            step = terminal(_step(report, options, resource.step))
            yield f"    - {resource.title} ({resource.kind}, {step}){where}"


_STYLE: dict[str, Style] = {
    "ready": "strong-good",
    "almost": "fair",
    "not-yet": "strong-poor",
    "met": "good",
    "partial": "fair",
    "gap": "poor",
    "suggested": "fair",
    "thin": "fair",
    "stale": "fair",
    "missing": "poor",
}


def markdown(report: PlanReport, options: WriteOptions = PLAIN) -> str:
    """The plan as Markdown: headings per competency, a checklist per behaviour."""
    return "\n".join(_md_lines(report, options)) + "\n"


def _md_lines(report: PlanReport, options: WriteOptions) -> Iterator[str]:
    who = _md(report.person_name or report.person)
    target = _md(report.target_title or report.target)
    yield (
        f"# Development plan: {who} ({_code(report.person)}) "
        f"towards {target} ({_code(report.target)})"
    )
    yield ""
    verdict = f"**{report.verdict}**"
    if report.verdict_if_confirmed != report.verdict:
        verdict += f" (once the suggested items are confirmed: **{report.verdict_if_confirmed}**)"
    yield f"- As of: {report.as_of}"
    yield f"- Verdict today: {verdict}"
    if report.start is not None:
        yield f"- From: {_code(report.start)}"
    if report.move_note:
        yield f"- The move: {_md(report.move_note)}"
    if report.suggested:
        yield ""
        yield "## Confirm first"
        yield ""
        for item in report.suggested:
            shows = ", ".join(_md(ref) for ref in item.shows)
            summary = _md(item.summary)
            yield f"- [ ] {_md(item.item)} ({item.date}, {item.source}): {summary}; shows {shows}"
    if not report.competencies:
        yield ""
        yield "Nothing to work on: every competency the target expects is met."
        return
    for competency in report.competencies:
        yield ""
        expected = _step(report, options, competency.expected)
        yield f"## {_md(competency.name)} ({competency.status}, expected {_md(expected)})"
        yield ""
        if competency.assessed_below:
            assessed = _step(report, options, competency.assessed)
            yield (
                f"Assessed at {_md(assessed)}, below the expected step: ask for a new "
                "assessment once the behaviours below are shown."
            )
            if competency.behaviours:
                yield ""
        for behaviour in competency.behaviours:
            new = " *(new)*" if behaviour.new else ""
            yield f"- [ ] {_md(behaviour.text)}{new}  "
            yield f"  {_md(behaviour.why)}"
        if competency.resources:
            yield ""
            yield "Resources:"
            yield ""
            for resource in competency.resources:
                step = _md(_step(report, options, resource.step))
                title = _md(resource.title)
                url = (resource.url or "").replace("<", "%3C").replace(">", "%3E")
                named = f"[{title}](<{url}>)" if url else title
                yield f"- {named} ({resource.kind}, {step})"


def _code(value: str) -> str:
    """An id or reference as a code span (no mention or link inside one); else escaped text."""
    plain = value and all(ch.isascii() and (ch.isalnum() or ch in "@-._#") for ch in value)
    return f"`{value}`" if plain else _md(value)
