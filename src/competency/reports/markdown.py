"""Reports as Markdown, for pull requests, wikis and review documents."""

from __future__ import annotations

from collections.abc import Sequence

from competency.gap import CompetencyResult, GapReport, LevelReport
from competency.reports import _words as words
from competency.teams import TeamReport

__all__ = ["gap", "level", "team"]


def _cell(value: str) -> str:
    """Text safe inside a table cell: pipes escaped, lines joined."""
    return " ".join(value.replace("|", "\\|").split())


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
    ]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    return lines


def _who(person: str, name: str | None) -> str:
    return f"{name} (`{person}`)" if name else f"`{person}`"


def _code(text: str) -> str:
    return f"`{text}`"


def _codes(labels: Sequence[str]) -> str:
    return words.joined(labels, code=_code)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- gap ----------------------------------------------------------------------


def gap(report: GapReport, colour: bool = False) -> str:
    """One person's gap report as a Markdown document."""
    title = report.target_title or report.target
    lines = [
        f"# {_who(report.person, report.person_name)}: gap to {title} (`{report.target}`)",
        "",
        f"**Verdict: {report.verdict}.** {report.count('met')} of {len(report.competencies)} "
        f"competencies met, as of {report.as_of}.",
        "",
        "## Competencies",
    ]
    for competency in report.competencies:
        lines += _competency(competency)
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


def _competency(competency: CompetencyResult) -> list[str]:
    rows = [
        [_code(b.id), b.status, words.evidence_detail(b, _code), b.text]
        for b in competency.behaviours
    ]
    return [
        "",
        f"### {competency.name}: {competency.status}",
        "",
        f"{_sentence(words.competency_line(competency))}.",
        "",
        *_table(["Behaviour", "Status", "Evidence", "Text"], rows),
    ]


def _next_steps(report: GapReport) -> list[str]:
    lines = ["", "## Next steps", ""]
    if not report.next_steps:
        return [*lines, "None: every competency is met."]
    for step in report.next_steps:
        lines.append(f"- **{step.competency}** ({step.status})")
        for behaviour in step.behaviours:
            action = words.action(behaviour, report.policy)
            lines.append(f"  - `{behaviour.id}`: {behaviour.text} *({action})*")
        if step.assessed_below:
            lines.append(f"  - {words.reassess(step).capitalize()}.")
    return lines


def _notes(report: GapReport) -> list[str]:
    lines: list[str] = []
    for heading, entries in words.notes(report, _code):
        lines += ["", f"## {heading}", "", *(f"- {entry}" for entry in entries)]
    return lines


# --- level --------------------------------------------------------------------


def level(report: LevelReport, colour: bool = False) -> str:
    """The verdict at every level of the person's role, as Markdown."""
    current = f"`{report.current_level}`" if report.current_level else "none"
    lines = [
        f"# {_who(report.person, report.person_name)}: levels of `{report.role}`",
        "",
        f"Current level: {current}, as of {report.as_of}.",
        "",
        *_table(words.LEVEL_HEADER, words.level_rows(report, _code)),
    ]
    if report.moves:
        lines += ["", "## Moves open, closest first", ""]
        lines += _table(words.MOVE_HEADER, words.move_rows(report, _code))
    lines += ["", f"Policy: {words.policy_summary(report.policy)}."]
    return "\n".join(lines) + "\n"


# --- team ---------------------------------------------------------------------


def team(report: TeamReport, colour: bool = False) -> str:
    """The team summary as Markdown."""
    counts = report.verdicts()
    lines = [
        f"# Team summary, as of {report.as_of}",
        "",
        f"{words.plural(len(report.people), 'person', 'people')}: {counts['ready']} ready, "
        f"{counts['almost']} almost, {counts['not-yet']} not-yet for their next level.",
        "",
        "## People",
        "",
        *_table(
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
            [
                [
                    f"`{p.person}`",
                    p.level or "",
                    p.current_level or "none",
                    p.next_level or "",
                    p.verdict or "",
                    str(p.met),
                    str(p.partial),
                    str(p.gap),
                ]
                for p in report.people
            ],
        ),
        "",
        "## Competencies at each person's next level",
        "",
        *_table(
            ["Competency", "Met", "Partial", "Gap"],
            [[c.name, str(c.met), str(c.partial), str(c.gap)] for c in report.competencies],
        ),
        "",
        "## Training needs",
        "",
        *_table(
            ["Behaviour", "People", "Missing", "Stale", "Thin", "Text"],
            [
                [
                    f"`{n.behaviour}`",
                    str(n.people),
                    str(n.missing),
                    str(n.stale),
                    str(n.thin),
                    n.text,
                ]
                for n in report.training_needs
            ],
        ),
        "",
        "## Bench",
        "",
        *_table(
            ["Level", "Ready", "Almost"],
            [[f"`{b.level}`", _codes(b.ready), _codes(b.almost)] for b in report.bench],
        ),
    ]
    if report.failed:
        lines += ["", "## Files not analysed", ""]
        lines += [
            f"- `{d.file}:{d.line}:{d.column}`: {d.severity} {d.code} {d.message}"
            for failed in report.failed
            for d in failed.diagnostics
        ]
    return "\n".join(lines) + "\n"
