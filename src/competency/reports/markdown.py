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


def _codes(labels: Sequence[str]) -> str:
    return ", ".join(f"`{label}`" for label in labels)


# --- gap ----------------------------------------------------------------------


def gap(report: GapReport, colour: bool = False) -> str:
    """One person's gap report as a Markdown document."""
    title = report.target_title or report.target
    met = sum(1 for c in report.competencies if c.status == "met")
    lines = [
        f"# {_who(report.person, report.person_name)}: gap to {title} (`{report.target}`)",
        "",
        f"**Verdict: {report.verdict}.** {met} of {len(report.competencies)} competencies met, "
        f"as of {report.as_of}.",
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
    line = words.assessment_line(
        competency.expected, competency.assessed, competency.assessed_below
    )
    rows = []
    for behaviour in competency.behaviours:
        if behaviour.status == "stale":
            detail = f"too old: {_codes(behaviour.too_old)}"
        elif behaviour.status == "not-applicable":
            detail = f"not applicable: {behaviour.reason}"
        else:
            detail = _codes(behaviour.evidence)
        rows.append([f"`{behaviour.id}`", behaviour.status, detail, behaviour.text])
    return [
        "",
        f"### {competency.name}: {competency.status}",
        "",
        f"{line.capitalize()}; {competency.evidenced} of "
        f"{words.plural(competency.applicable, 'behaviour')} evidenced.",
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
    if report.disagreements:
        lines += ["", "## Assessments that disagree", ""]
        lines += [f"- {words.disagreement(found)}" for found in report.disagreements]
    if report.beyond_target:
        lines += ["", "## Shown beyond the target", ""]
        lines += [f"- `{extra.id}`: {_codes(extra.evidence)}" for extra in report.beyond_target]
    if report.ignored_items:
        lines += ["", "## Ignored items", ""]
        lines += [
            f"- `{item.item}` ({item.date}, {item.source}): "
            f"{words.ignored_reason(item, str(report.as_of))}"
            for item in report.ignored_items
        ]
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
        *_table(
            ["Level", "Title", "Verdict", "Met", "Partial", "Gap"],
            [
                [f"`{e.level}`", e.title, e.verdict, str(e.met), str(e.partial), str(e.gap)]
                for e in report.levels
            ],
        ),
    ]
    if report.moves:
        lines += ["", "## Moves open, closest first", ""]
        lines += _table(
            ["Move", "From", "To", "Verdict", "Met", "Partial", "Gap"],
            [
                [
                    m.type,
                    f"`{m.from_}`",
                    f"`{m.to}`",
                    m.verdict,
                    str(m.met),
                    str(m.partial),
                    str(m.gap),
                ]
                for m in report.moves
            ],
        )
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
