"""``history`` and ``trend`` as text, Markdown and CSV (JSON is `data.json_report`).

Every value from an input file is escaped for its target: `escape.terminal`
for text (through `text._inert`), `escape.markdown` for Markdown and
`escape.cell` for CSV cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from competency.escape import markdown as _md
from competency.write import _words as words
from competency.write._table import table
from competency.write.data import cell_value
from competency.write.markdown import _code, _table, _who
from competency.write.options import PLAIN, WriteOptions
from competency.write.text import _inert, _painter

if TYPE_CHECKING:
    from competency.analysis.history import HistoryReport, HistoryRow
    from competency.analysis.trend import TrendPeriod, TrendReport

__all__ = [
    "TREND_CSV_COLUMNS",
    "history_markdown",
    "history_text",
    "trend_csv",
    "trend_markdown",
    "trend_rows",
    "trend_text",
]

#: The columns of ``competency trend --format csv``: one row per period, measure and key.
TREND_CSV_COLUMNS = ("end", "start", "measure", "key", "value")

#: The measures of a period, as the JSON contract names them.
MEASURES = ("people", "confirmations", "at_level", "next_level", "median_months_in_level")


# --- history ------------------------------------------------------------------


def _framework_cell(row: HistoryRow) -> str:
    """The ladder an entry names: its version, else its hash's start; and whether it differs."""
    named = row.framework
    if named is None:
        return "-"
    shown = named.version if named.version is not None else (named.hash or "")[:19] + "…"
    return f"{shown} (differs)" if row.framework_differs else shown


def _months(row: HistoryRow) -> str:
    return "future" if row.future else str(row.months_in_level)


def _history_rows(report: HistoryReport) -> list[list[str]]:
    return [
        [
            row.level,
            row.title,
            row.grade or "-",
            row.date.isoformat(),
            row.by,
            _framework_cell(row),
            _months(row),
        ]
        for row in report.entries
    ]


_HISTORY_HEADER = ["Level", "Title", "Grade", "Date", "By", "Framework", "Months"]


def history_text(report: HistoryReport, options: WriteOptions = PLAIN) -> str:
    """A person's levels over time, then the verdict for the next level."""
    report = _inert(report)
    paint = _painter(options.colour)
    lines = [
        f"{_person(report.person, report.person_name)}: levels over time, as of {report.as_of}"
    ]
    if report.entries:
        lines += ["", *table(_HISTORY_HEADER, _history_rows(report), 1)]
        if any(row.future for row in report.entries):
            lines.append("  (future: dated after the as-of date, not counted)")
    else:
        lines += ["", "No level has been confirmed (no history and no confirmed)."]
    lines.append("")
    lines.append(f"Confirmed level at {report.as_of}: {report.current or 'none'}")
    if report.next is None:
        lines.append("Next level: none (no target, and no level above the confirmed one)")
    else:
        lines.append(
            f"Next level: {report.next.title} ({report.next.target}): "
            f"{paint(report.next.verdict, 0)}"
        )
    if report.framework is not None:
        stamp = report.framework
        lines.append(f"Framework now: {stamp.id} {stamp.version} ({stamp.hash})")
    return "\n".join(lines)


def _person(person: str, name: str | None) -> str:
    return f"{name} ({person})" if name else person


def history_markdown(report: HistoryReport, options: WriteOptions = PLAIN) -> str:
    """A person's levels over time as a Markdown document."""
    lines = [f"# {_who(report.person, report.person_name)}: levels over time", ""]
    lines.append(f"As of {report.as_of}.")
    if report.entries:
        rows = [
            [
                _code(row.level),
                _md(row.title),
                _code(row.grade) if row.grade else "-",
                row.date.isoformat(),
                row.by,
                _md(_framework_cell(row)),
                _months(row),
            ]
            for row in report.entries
        ]
        lines += ["", *_table(_HISTORY_HEADER, rows)]
        if any(row.future for row in report.entries):
            lines += ["", "*future*: dated after the as-of date, not counted."]
    else:
        lines += ["", "No level has been confirmed."]
    current = _code(report.current) if report.current else "none"
    lines += ["", f"Confirmed level at {report.as_of}: {current}."]
    if report.next is None:
        lines.append("Next level: none.")
    else:
        lines.append(
            f"Next level: {_md(report.next.title)} ({_code(report.next.target)}): "
            f"**{report.next.verdict}**."
        )
    if report.framework is not None:
        stamp = report.framework
        lines += ["", "---", "", f"Framework now: `{stamp.id}` {stamp.version} (`{stamp.hash}`)."]
    return "\n".join(lines)


# --- trend --------------------------------------------------------------------


def _summary_rows(report: TrendReport) -> list[list[str]]:
    return [
        [
            period.end.isoformat(),
            str(period.people),
            str(sum(period.confirmations.values())),
            *(str(period.next_level.get(key, 0)) for key in ("ready", "almost", "not-yet", "none")),
        ]
        for period in report.periods
    ]


_SUMMARY_HEADER = ["Period end", "People", "Confirmed", "Ready", "Almost", "Not-yet", "None"]


def _heading(report: TrendReport) -> str:
    stamp = report.framework
    return (
        f"Trend from {report.start} to {report.end}, by {report.every} ({stamp.id} {stamp.version})"
    )


def _median_text(value: int | float) -> str:
    return f"{value:g}"


def trend_text(report: TrendReport, options: WriteOptions = PLAIN) -> str:
    """The team period by period: a summary table, then each period's levels."""
    report = _inert(report)
    lines = [_heading(report), "", *table(_SUMMARY_HEADER, _summary_rows(report), 6)]
    lines += [
        "",
        "Current levels at each period end: people (median months since confirmation)",
    ]
    for period in report.periods:
        lines.append(f"  {period.end} (from {period.start}): {_people(period.people)}")
        for level, count in period.at_level.items():
            median = period.median_months_in_level.get(level)
            suffix = f" ({_median_text(median)} months)" if median is not None else ""
            lines.append(f"    {level}: {count}{suffix}")
        if period.confirmations:
            confirmed = ", ".join(f"{ref} {n}" for ref, n in period.confirmations.items())
            lines.append(f"    confirmed in the period: {confirmed}")
    if report.failed:
        lines += ["", f"Not analysed: {words.plural(len(report.failed), 'file')} with errors"]
        lines += [f"  {failed.file}" for failed in report.failed]
    return "\n".join(lines)


def _people(count: int) -> str:
    return words.plural(count, "person", "people")


def _by_level(report: TrendReport, measure: str) -> tuple[list[str], list[list[str]]]:
    """Rows of one measure by level (the levels any period has), a column per period end."""
    periods = report.periods
    levels = [
        level
        for level in [*report.levels, "none"]
        if any(level in _measure(p, measure) for p in periods)
    ]
    header = ["Level", *(period.end.isoformat() for period in periods)]
    rows = [
        [
            _code(level) if level != "none" else "none",
            *(_value(_measure(period, measure).get(level)) for period in periods),
        ]
        for level in levels
    ]
    return header, rows


def _measure(period: TrendPeriod, measure: str) -> dict[str, int | float]:
    found: dict[str, int | float] = getattr(period, measure)
    return found


def _value(value: int | float | None) -> str:
    return "-" if value is None else _median_text(value)


def trend_markdown(report: TrendReport, options: WriteOptions = PLAIN) -> str:
    """The team period by period as a Markdown document: a table per measure."""
    stamp = report.framework
    lines = [
        f"# The team from {report.start} to {report.end}, by {report.every}",
        "",
        *_table(_SUMMARY_HEADER, _summary_rows(report)),
    ]
    for measure, title in (
        ("at_level", "People at each current level"),
        ("confirmations", "Confirmations in the period"),
        ("median_months_in_level", "Median months since confirmation"),
    ):
        header, rows = _by_level(report, measure)
        lines += ["", f"## {title}", ""]
        lines += _table(header, rows) if rows else ["None."]
    if report.failed:
        lines += ["", "## Not analysed", ""]
        lines += [f"- {_code(failed.file)}" for failed in report.failed]
    lines += ["", "---", "", f"Framework: `{stamp.id}` {stamp.version} (`{stamp.hash}`)."]
    return "\n".join(lines)


def trend_rows(report: TrendReport) -> Iterator[list[str | int | float]]:
    """The long table: one row per period, measure and key (``people`` has no key)."""
    for period in report.periods:
        end, start = period.end.isoformat(), period.start.isoformat()
        yield [end, start, "people", "", period.people]
        for measure in MEASURES[1:]:
            for key, value in _measure(period, measure).items():
                yield [end, start, measure, key, value]


def trend_csv(report: TrendReport, options: WriteOptions = PLAIN) -> str:
    """The long table as CSV, for spreadsheets and pivot tables; no final line break."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TREND_CSV_COLUMNS)
    writer.writerows([cell_value(value) for value in row] for row in trend_rows(report))
    return out.getvalue().removesuffix("\n")
