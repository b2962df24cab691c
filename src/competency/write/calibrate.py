"""The calibration report as text, Markdown and CSV (``competency calibrate``).

What a head of support reads before a calibration meeting: first the groups
that stand out, in words ("more people ready than the rest of the team
(p = 0.012)"), then a table per section. Text and Markdown lead with the
grouping the report was asked for (`CalibrationReport.by`): managers'
verdicts, or assessors' assessments. CSV is one row per group with a
`section` column (`CSV_COLUMNS`); JSON is the report itself
(`competency.write.data.json_report`), HTML is laid out by
`competency.render.calibrate`.

Every value from an input file is escaped for its target: `escape.terminal`
for text, `escape.markdown` for Markdown, `escape.cell` for CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from competency.analysis.calibrate import AssessorEntry, ManagerEntry
from competency.escape import html_text, markdown, terminal
from competency.render.english import ENGLISH
from competency.write._table import table
from competency.write.data import cell_value
from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.calibrate import CalibrationReport

__all__ = [
    "CSV_COLUMNS",
    "Section",
    "calibrate_csv",
    "calibrate_html",
    "calibrate_markdown",
    "calibrate_text",
    "csv_rows",
    "detail",
    "finding",
    "p_text",
    "page_data",
    "sections",
]

#: The words of a report: `render.english.ENGLISH` (text, Markdown) or a locale's
#: messages (the page); `calibrate_*` keys.
Words = Mapping[str, str]

#: The columns of ``calibrate --format csv``: one row per group, `section` first.
CSV_COLUMNS = (
    "section",
    "group",
    "name",
    "people",
    "ready",
    "almost",
    "not-yet",
    "none",
    "assessments",
    "above",
    "at",
    "below",
    "not_compared",
    "pairs",
    "same",
    "within_one",
    "compared",
    "disagreements",
    "share",
    "rest_share",
    "p",
    "flag",
)


def p_text(p: float | None) -> str:
    """A p value as people read it: ``p = 0.012``, ``p < 0.001``; ``-`` when not tested."""
    if p is None:
        return "-"
    if p < 0.001:
        return "p < 0.001"
    shown = f"{p:.3f}"
    if p < 0.05 and shown == "0.050":  # flagged, so never shown as 0.05 itself
        return "p < 0.05"
    return f"p = {shown}"


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def finding(
    entry: ManagerEntry | AssessorEntry,
    who: Callable[[str, str | None], str],
    words: Words = ENGLISH,
    percent: Callable[[float | None], str] | None = None,
) -> str:
    """A flagged group in words: who, what stands out, the p value, and the counts behind it."""
    assert entry.flag is not None
    named = who(_group(entry), entry.name)
    return f"{named}: {words[f'calibrate_{entry.flag}']} ({p_text(entry.p)}): " + (
        detail(entry, words, percent)
    )


def _group(entry: ManagerEntry | AssessorEntry) -> str:
    """The manager or assessor a row is about."""
    return entry.manager if isinstance(entry, ManagerEntry) else entry.assessor


def detail(
    entry: ManagerEntry | AssessorEntry,
    words: Words = ENGLISH,
    percent: Callable[[float | None], str] | None = None,
) -> str:
    """The counts behind a flag: "3 of 5 ready (60%), against 14% of everyone else"."""
    shown = percent or _percent
    if isinstance(entry, ManagerEntry):
        key, counted = "calibrate_ready_detail", entry.verdicts["ready"]
        total = entry.people - entry.verdicts["none"]
    else:
        key, counted = "calibrate_above_detail", entry.above
        total = entry.above + entry.at + entry.below
    return words[key].format(
        counted=counted, total=total, share=shown(entry.share), rest=shown(entry.rest_share)
    )


@dataclass(frozen=True)
class Section:
    """One table of the report: its key, title, header and rows of plain (unescaped) values."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: list[list[str]]
    numeric: int
    """How many of the last columns are numbers (aligned right in text)."""
    empty: str
    """What to say when there are no rows."""


def _header(words: Words, *keys: str) -> tuple[str, ...]:
    return tuple("p" if key == "p" else words[f"calibrate_{key}"] for key in keys)


def sections(
    report: CalibrationReport,
    words: Words = ENGLISH,
    percent: Callable[[float | None], str] | None = None,
) -> list[Section]:
    """The report's four tables, the chosen grouping first; values unescaped.

    `words` gives the titles and headers (English unless a page's locale asks
    otherwise), `percent` writes a share (``60%`` unless a locale's format).
    """
    shown = percent or _percent
    managers = Section(
        "managers",
        words["calibrate_managers"],
        _header(
            words,
            "manager",
            "people",
            "ready",
            "almost",
            "not_yet",
            "none",
            "ready_share",
            "others_share",
            "p",
        ),
        [
            [
                m.manager,
                str(m.people),
                *(str(m.verdicts[v]) for v in ("ready", "almost", "not-yet", "none")),
                shown(m.share),
                shown(m.rest_share),
                _p_cell(m.p, m.flag),
            ]
            for m in report.managers
        ],
        8,
        words["calibrate_no_one"],
    )
    assessors = Section(
        "assessors",
        words["calibrate_assessors"],
        _header(
            words,
            "assessor",
            "assessments",
            "above",
            "at",
            "below",
            "not_compared",
            "above_share",
            "others_share",
            "p",
        ),
        [
            [
                a.assessor,
                str(a.assessments),
                str(a.above),
                str(a.at),
                str(a.below),
                str(a.not_compared),
                shown(a.share),
                shown(a.rest_share),
                _p_cell(a.p, a.flag),
            ]
            for a in report.assessors
        ],
        8,
        words["calibrate_no_assessments"],
    )
    agreement = Section(
        "agreement",
        words["calibrate_agreement"],
        _header(words, "competency", "people", "pairs", "same", "within_one"),
        [
            [a.competency, str(a.people), str(a.pairs), shown(a.same), shown(a.within_one)]
            for a in report.agreement
        ],
        4,
        words["calibrate_no_agreement"],
    )
    disagreements = Section(
        "self_vs_manager",
        words["calibrate_self_vs_manager"],
        _header(words, "manager", "compared", "disagreements", "people"),
        [
            [s.manager, str(s.compared), str(s.disagreements), str(s.people)]
            for s in report.self_vs_manager
        ],
        3,
        words["calibrate_no_one"],
    )
    first = [managers, assessors] if report.by == "manager" else [assessors, managers]
    return [*first, agreement, disagreements]


def _p_cell(p: float | None, flag: str | None) -> str:
    """The p column: the value, marked with * when it raised a flag."""
    if p is None:
        return "-"
    shown = p_text(p).removeprefix("p = ").replace("p ", "")
    return shown + (" *" if flag else "")


def _flagged(report: CalibrationReport) -> list[ManagerEntry | AssessorEntry]:
    """Flagged groups, the chosen grouping's first."""
    managers = [m for m in report.managers if m.flag]
    assessors = [a for a in report.assessors if a.flag]
    return [*managers, *assessors] if report.by == "manager" else [*assessors, *managers]


def _summary(report: CalibrationReport) -> str:
    managers = sum(1 for m in report.managers if m.manager != "(none)")
    assessors = sum(1 for a in report.assessors if a.assessor != "(none)")
    return (
        f"{_count(report.people, 'person', 'people')}, {_count(managers, 'manager')}; "
        f"{_count(report.assessments, 'manager or panel assessment')} "
        f"by {_count(assessors, 'known assessor')}"
    )


def _count(number: int, word: str, many: str | None = None) -> str:
    return f"{number} {word if number == 1 else many or word + 's'}"


_NOTHING = ENGLISH["calibrate_nothing"]
_NOTE = ENGLISH["calibrate_note"]


# --- text ---------------------------------------------------------------------------


def calibrate_text(report: CalibrationReport, options: WriteOptions = PLAIN) -> str:
    """The report for a terminal: what stands out first, then one table per section."""

    def who(group: str, name: str | None) -> str:
        return f"{terminal(name)} ({terminal(group)})" if name else terminal(group)

    lines = [
        f"Calibration as of {report.as_of} ({terminal(report.framework.id)} "
        f"{terminal(report.framework.version)}): {_summary(report)}",
        "",
        ENGLISH["calibrate_discuss"],
    ]
    flagged = _flagged(report)
    lines += [f"  {finding(entry, who)}" for entry in flagged] or [f"  {_NOTHING}"]
    for section in sections(report):
        lines += ["", section.title]
        if not section.rows:
            lines.append(f"  {section.empty}")
            continue
        rows = [[terminal(section_row[0]), *section_row[1:]] for section_row in section.rows]
        lines += table(section.header, rows, section.numeric)
    lines += ["", _NOTE]
    if report.failed:
        lines += [
            "",
            f"Left out: {_count(len(report.failed), 'file')} with errors (see the diagnostics)",
        ]
    return "\n".join(lines)


# --- Markdown -----------------------------------------------------------------------


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def calibrate_markdown(report: CalibrationReport, options: WriteOptions = PLAIN) -> str:
    """The report as a Markdown document, for a meeting's notes or a wiki page."""

    def who(group: str, name: str | None) -> str:
        code = f"`{group}`" if group.replace("-", "").isalnum() else markdown(group)
        return f"{markdown(name)} ({code})" if name else code

    lines = [
        f"# Calibration, as of {report.as_of}",
        "",
        f"{markdown(report.framework.id)} {markdown(report.framework.version)}: "
        f"{_summary(report)}.",
        "",
        f"## {ENGLISH['calibrate_discuss']}",
        "",
    ]
    flagged = _flagged(report)
    lines += [f"- {finding(entry, who)}" for entry in flagged] or [_NOTHING]
    for section in sections(report):
        lines += ["", f"## {section.title}", ""]
        if not section.rows:
            lines.append(section.empty)
            continue
        lines.append(_md_row(section.header))
        lines.append(_md_row(["---"] * len(section.header)))
        # Only the first cell (an id from the input) needs escaping; the rest are numbers.
        lines += [_md_row([markdown(row[0]), *row[1:]]) for row in section.rows]
    lines += ["", _NOTE.replace("*", "\\*")]
    if report.failed:
        lines += ["", f"Left out: {_count(len(report.failed), 'file')} with errors."]
    return "\n".join(lines) + "\n"


# --- CSV ----------------------------------------------------------------------------


def csv_rows(report: CalibrationReport) -> list[dict[str, object]]:
    """One row per group, keyed by `CSV_COLUMNS`; the chosen grouping's section first."""
    managers: list[dict[str, object]] = [
        {
            "section": "manager",
            "group": m.manager,
            "name": m.name,
            "people": m.people,
            **m.verdicts,
            "share": m.share,
            "rest_share": m.rest_share,
            "p": m.p,
            "flag": m.flag,
        }
        for m in report.managers
    ]
    assessors: list[dict[str, object]] = [
        {
            "section": "assessor",
            "group": a.assessor,
            "name": a.name,
            "assessments": a.assessments,
            "above": a.above,
            "at": a.at,
            "below": a.below,
            "not_compared": a.not_compared,
            "share": a.share,
            "rest_share": a.rest_share,
            "p": a.p,
            "flag": a.flag,
        }
        for a in report.assessors
    ]
    agreement: list[dict[str, object]] = [
        {
            "section": "agreement",
            "group": a.competency,
            "name": a.name,
            "people": a.people,
            "pairs": a.pairs,
            "same": a.same,
            "within_one": a.within_one,
        }
        for a in report.agreement
    ]
    disagreements: list[dict[str, object]] = [
        {
            "section": "self_vs_manager",
            "group": s.manager,
            "name": s.name,
            "people": s.people,
            "compared": s.compared,
            "disagreements": s.disagreements,
        }
        for s in report.self_vs_manager
    ]
    first = [*managers, *assessors] if report.by == "manager" else [*assessors, *managers]
    return [*first, *agreement, *disagreements]


def calibrate_csv(report: CalibrationReport, options: WriteOptions = PLAIN) -> str:
    """One row per group with a `section` column; empty cells where a column does not apply."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in csv_rows(report):
        writer.writerow([cell_value(row.get(column)) for column in CSV_COLUMNS])
    return out.getvalue().removesuffix("\n")


# --- HTML ---------------------------------------------------------------------------


def _bar(entry: ManagerEntry, words: Words) -> list[dict[str, object]]:
    """A manager's verdicts as parts of a bar: each part's verdict, count and width."""
    parts: list[dict[str, object]] = []
    for verdict in ("ready", "almost", "not-yet", "none"):
        count = entry.verdicts[verdict]
        if count:
            width = round(100 * count / entry.people, 1)
            said = words["calibrate_no_next"] if verdict == "none" else words[f"verdict_{verdict}"]
            label = f"{said}: {count}"
            parts.append({"verdict": verdict, "count": count, "width": width, "label": label})
    return parts


def page_data(report: CalibrationReport, locale: str | None = None) -> dict[str, object]:
    """What ``html/calibrate.html.j2`` reads: the report, its findings in words, its tables.

    The page's fixed words and its percentages are in `locale` (English
    without one); the groups' ids and people's names are as the files wrote
    them. Values stay text here (`escape.html_text` makes them safe for a
    log); Jinja2's autoescaping escapes the HTML.
    """
    from competency.render.messages import messages_for

    messages = messages_for(locale)

    def who(group: str, name: str | None) -> str:
        return f"{name} ({group})" if name else group

    def percent(share: float | None) -> str:
        return "-" if share is None else messages.format_percent(share)

    findings = []
    for entry in _flagged(report):
        assert entry.flag is not None
        findings.append(
            {
                "who": html_text(who(_group(entry), entry.name)),
                "words": messages[f"calibrate_{entry.flag}"],
                "p": p_text(entry.p),
                "detail": html_text(detail(entry, messages, percent)),
            }
        )
    bars = {m.manager: _bar(m, messages) for m in report.managers}
    flags = {m.manager: m.flag for m in report.managers} | {
        a.assessor: a.flag for a in report.assessors
    }
    tables = []
    for section in sections(report, messages, percent):
        grouped = section.key in ("managers", "assessors")
        rows = [
            {
                "cells": [html_text(cell) for cell in row],
                "flag": flags.get(row[0]) if grouped else None,
                "bar": bars.get(row[0], []) if section.key == "managers" else [],
            }
            for row in section.rows
        ]
        tables.append(
            {
                "key": section.key,
                "title": section.title,
                "header": section.header,
                "rows": rows,
                "empty": section.empty,
            }
        )
    managers = sum(1 for m in report.managers if m.manager != "(none)")
    assessors = sum(1 for a in report.assessors if a.assessor != "(none)")
    summary = messages["calibrate_summary"].format(
        people=report.people,
        managers=managers,
        assessments=report.assessments,
        assessors=assessors,
    )
    return {
        "kind": "calibrate",
        "locale": messages.locale,
        "report": report.model_dump(mode="json", by_alias=True),
        "date": report.as_of.isoformat(),
        "date_text": messages.format_date(report.as_of),
        "summary": html_text(summary),
        "findings": findings,
        "sections": tables,
        "words": {
            key: messages[f"calibrate_{key}"]
            for key in ("title", "discuss", "nothing", "note", "spread", "no_next")
        },
    }


def calibrate_html(report: CalibrationReport, options: WriteOptions = PLAIN) -> Iterator[str]:
    """The report as a self-contained page in `options.locale` (light and dark, no requests,
    no script)."""
    from competency.render.reports import report_page_pieces

    yield from report_page_pieces("calibrate", page_data(report, options.locale), options.templates)
