"""Reports as Markdown, for pull requests, wikis and review documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from competency.escape import markdown as _md
from competency.write import _words as words
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.gap import BehaviourResult, CompetencyResult, GapReport, LevelReport
    from competency.analysis.team import TeamReport

__all__ = ["gap", "level", "team"]


#: Text that can sit in a code span as it is: ids, references, item labels, paths.
_PLAIN_CODE = re.compile(r"[A-Za-z0-9#@._:/+-]+")


def _cell(value: str) -> str:
    """A table cell built from escaped parts: only its lines are joined."""
    return " ".join(value.split())


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    return list(_table_lines(header, rows))


def _table_lines(header: Sequence[str], rows: Iterable[Sequence[str]]) -> Iterator[str]:
    yield "| " + " | ".join(header) + " |"
    yield "| " + " | ".join("---" for _ in header) + " |"
    for row in rows:
        yield "| " + " | ".join(_cell(cell) for cell in row) + " |"


def _who(person: str, name: str | None) -> str:
    return f"{_md(name)} ({_code(person)})" if name else _code(person)


def _code(text: str) -> str:
    """An id or path as a code span; anything unusual as escaped text instead."""
    return f"`{text}`" if _PLAIN_CODE.fullmatch(text) else _md(text)


def _codes(labels: Sequence[str]) -> str:
    return words.joined(labels, code=_code)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- gap ----------------------------------------------------------------------


def gap(report: GapReport, options: WriteOptions = PLAIN) -> str:
    """One person's gap report as a Markdown document."""
    title = _md(report.target_title or report.target)
    lines = [
        f"# {_who(report.person, report.person_name)}: gap to {title} ({_code(report.target)})",
        "",
        f"**Verdict: {report.verdict}.** {report.count('met')} of {len(report.competencies)} "
        f"competencies met, as of {report.as_of}.",
    ]
    confirmation = words.confirmation(report, _code)
    if confirmation:
        lines += ["", confirmation]
    lines += ["", "## Competencies"]
    carried_from = report.confirmed.level if report.confirmed is not None else None
    waiting = report.waiting()
    for competency in report.competencies:
        lines += _competency(competency, carried_from, waiting)
    lines += _next_steps(report)
    lines += _notes(report)
    lines += [
        "",
        "---",
        "",
        f"Policy: {words.policy_summary(report.policy)}. Framework `{report.framework.id}` "
        f"{report.framework.version}, `{report.framework.hash}`.",
    ]
    return "\n".join(lines) + "\n"


def _competency(
    competency: CompetencyResult, carried_from: str | None, waiting: dict[str, list[str]]
) -> list[str]:
    """What is new first, in a table (with the suggested items waiting for confirmation);
    the carried behaviours folded into one line."""
    shown, carried = words.split_carried(competency)
    rows = [
        [
            _code(b.id) + (" (new)" if b.new else ""),
            b.status,
            _evidence_cell(b, waiting.get(b.id, [])),
            _md(b.text) + _replaces(b),
        ]
        for b in shown
    ]
    lines = [
        "",
        f"### {_md(competency.name)}: {competency.status}",
        "",
        f"{_sentence(words.competency_line(competency))}.",
    ]
    if rows:
        lines += ["", *_table(["Behaviour", "Status", "Evidence", "Text"], rows)]
    if carried:
        lines += ["", f"{_sentence(words.carried_line(carried, carried_from, _code))}."]
    return lines


def _evidence_cell(behaviour: BehaviourResult, waiting: list[str]) -> str:
    """What stands behind a behaviour, then the suggested items waiting for confirmation."""
    detail = words.evidence_detail(behaviour, _code, _md)
    if not waiting:
        return detail
    pending = f"waiting for confirmation: {words.joined(waiting, code=_code)}"
    return f"{detail}; {pending}" if detail else pending


def _replaces(behaviour: BehaviourResult) -> str:
    if not behaviour.replaces:
        return ""
    return f" (replaces {words.joined(behaviour.replaces, code=_code)})"


def _next_steps(report: GapReport) -> list[str]:
    lines = ["", "## Next steps", ""]
    if not report.next_steps:
        return [*lines, "None: every competency is met."]
    for step in report.next_steps:
        lines.append(f"- **{_md(step.competency)}** ({step.status})")
        for behaviour in step.behaviours:
            action = words.action(behaviour, report.policy)
            lines.append(f"  - {_code(behaviour.id)}: {_md(behaviour.text)} *({action})*")
        if step.assessed_below:
            lines.append(f"  - {words.reassess(step).capitalize()}.")
        if step.resources:
            named = [
                f"{_md(r.title)} ({r.kind})" + (f": <{_url(r.url)}>" if r.url else "")
                for r in step.resources
            ]
            lines.append(f"  - Resources: {'; '.join(named)}")
    return lines


def _url(url: str) -> str:
    """An http(s) address for an autolink: nothing in it can end the link early."""
    return url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20")


def _notes(report: GapReport) -> list[str]:
    lines: list[str] = []
    for heading, entries in words.notes(report, _code):
        lines += ["", f"## {heading}", "", *(f"- {entry}" for entry in entries)]
    return lines


# --- level --------------------------------------------------------------------


def level(report: LevelReport, options: WriteOptions = PLAIN) -> str:
    """The verdict at every level of the person's role, as Markdown."""
    current = _code(report.current_level) if report.current_level else "none"
    lines = [
        f"# {_who(report.person, report.person_name)}: levels of {_code(report.role)}",
        "",
        f"Current level: {current}, as of {report.as_of}.",
        "",
        *_table(words.LEVEL_HEADER, words.level_rows(report, _code, _md)),
    ]
    if report.moves:
        lines += ["", "## Moves open, closest first", ""]
        lines += _table(words.MOVE_HEADER, words.move_rows(report, _code))
    lines += ["", f"Policy: {words.policy_summary(report.policy)}."]
    return "\n".join(lines) + "\n"


# --- team ---------------------------------------------------------------------


def team(report: TeamReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """The team summary as Markdown, the people's table streamed row by row."""
    counts = report.verdicts()
    who = words.bench_names(report)
    people = _table_lines(
        [
            "Person",
            "Named level",
            "Current level",
            "Next level",
            "Verdict",
            "Met",
            "Partial",
            "Gap",
        ],
        (
            [
                _code(p.person),
                p.level or "",
                p.current_level or "none",
                p.next_level or "",
                p.verdict or "",
                str(p.met),
                str(p.partial),
                str(p.gap),
            ]
            for p in report.people
        ),
    )
    yield "\n".join(
        [
            f"# Team summary, as of {report.as_of}",
            "",
            f"{words.plural(len(report.people), 'person', 'people')}: {counts['ready']} ready, "
            f"{counts['almost']} almost, {counts['not-yet']} not-yet for their next level.",
            "",
            "## People",
            "",
        ]
    )
    for line in people:
        yield "\n" + line
    lines = [
        "",
        "",
        "## Competencies at each person's next level",
        "",
        *_table(
            ["Competency", "Met", "Partial", "Gap"],
            [[_md(c.name), str(c.met), str(c.partial), str(c.gap)] for c in report.competencies],
        ),
        "",
        "## Training needs",
        "",
        *_table(
            ["Behaviour", "People", "Missing", "Stale", "Thin", "Text"],
            [
                [
                    _code(n.behaviour),
                    str(n.people),
                    str(n.missing),
                    str(n.stale),
                    str(n.thin),
                    _md(n.text),
                ]
                for n in report.training_needs
            ],
        ),
        "",
        "## Bench",
        "",
        *_table(
            ["Level", "Ready", "Almost"],
            [
                [
                    f"{_md(b.title)} ({_code(b.level)})",
                    ", ".join(_md(who[p]) for p in b.ready),
                    ", ".join(_md(who[p]) for p in b.almost),
                ]
                for b in report.bench
            ],
        ),
    ]
    if report.failed:
        lines += ["", "## Files not analysed", ""]
        lines += [
            f"- {_code(f'{d.file}:{d.line}:{d.column}')}: {d.severity} {d.code} {_md(d.message)}"
            for failed in report.failed
            for d in failed.diagnostics
        ]
    yield "\n".join(lines) + "\n"
