"""``history`` and ``trend`` as HTML pages, with the trend's charts drawn here as inline SVG.

The pages share the frame, style and footer of the other report pages
(`competency.render.reports`). The trend page has one chart per measure:
SVG made by this module when the page is written (no script, no library,
no request), each with a title and a description for screen readers and
the numbers in a table after it, so nothing is only in the picture.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from competency.render.messages import messages_for
from competency.render.reports import _html, _policy

if TYPE_CHECKING:
    from competency.analysis.history import HistoryReport
    from competency.analysis.trend import TrendReport
    from competency.names import Names

__all__ = ["Series", "chart_svg", "history_html_pieces", "trend_html_pieces"]

#: One line or one layer of bars: its name, and a value per period (None: no value).
Series = tuple[str, Sequence[float | None]]

_WIDTH, _HEIGHT = 640, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 12, 12, 36


def _nice_step(top: float) -> float:
    """A step of 1, 2 or 5 times a power of ten that cuts 0..top into at most five parts."""
    if top <= 0:
        return 1.0
    raw = top / 5
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if factor * power >= raw:
            return max(factor * power, 1.0)
    return 10.0 * power  # pragma: no cover - the loop always returns


def _number(value: float) -> str:
    return f"{value:g}"


def chart_svg(
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[Series],
    kind: str = "bars",
    classes: Sequence[str] = (),
) -> Markup:
    """An accessible SVG chart: stacked bars, or lines with points, one per series.

    Colours come from the classes ``s0`` to ``s7`` (and ``v-ready`` ... for
    verdicts, when a series is named so), set by the page's style for light
    and dark schemes; every text is escaped.
    """
    count = max(len(labels), 1)
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM
    if kind == "bars":
        totals = [sum(s[1][i] or 0 for s in series) for i in range(len(labels))]
    else:
        totals = [v for s in series for v in s[1] if v is not None]
    top = max([*totals, 0])
    step = _nice_step(top)
    ceiling = step * max(math.ceil(top / step), 1)
    band = plot_w / count

    def y(value: float) -> float:
        return _TOP + plot_h - value / ceiling * plot_h

    parts = [
        f'<svg class="chart" viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMidYMid meet">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
    ]
    tick = 0.0
    while tick <= ceiling + 1e-9:
        parts.append(
            f'<line class="grid" x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(tick):.1f}" '
            f'y2="{y(tick):.1f}"/><text class="axis" x="{_LEFT - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{_number(tick)}</text>'
        )
        tick += step
    every = max(1, math.ceil(count / 8))  # at most eight dates under the axis
    for index, label in enumerate(labels):
        if index % every == 0 or index == count - 1:
            x = _LEFT + band * (index + 0.5)
            parts.append(
                f'<text class="axis" x="{x:.1f}" y="{_HEIGHT - _BOTTOM + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    for number, (name, values) in enumerate(series):
        css = classes[number] if number < len(classes) else _css_class(name, number)
        if kind == "bars":
            parts.append(f'<g class="{css}">')
            for index, value in enumerate(values):
                if not value:
                    continue
                below = sum(s[1][index] or 0 for s in series[:number])
                x = _LEFT + band * index + band * 0.15
                parts.append(
                    f'<rect x="{x:.1f}" y="{y(below + value):.1f}" width="{band * 0.7:.1f}" '
                    f'height="{y(below) - y(below + value):.1f}"><title>{escape(name)}: '
                    f"{escape(labels[index])}, {_number(value)}</title></rect>"
                )
            parts.append("</g>")
        else:
            points = [
                (_LEFT + band * (index + 0.5), y(value), value, labels[index])
                for index, value in enumerate(values)
                if value is not None
            ]
            if not points:
                continue
            path = " ".join(f"{x:.1f},{py:.1f}" for x, py, _, _ in points)
            parts.append(f'<g class="{css}"><polyline class="line" points="{path}"/>')
            parts += [
                f'<circle cx="{x:.1f}" cy="{py:.1f}" r="3.5"><title>{escape(name)}: '
                f"{escape(label)}, {_number(value)}</title></circle>"
                for x, py, value, label in points
            ]
            parts.append("</g>")
    parts.append(
        f'<line class="axis-line" x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(0):.1f}" '
        f'y2="{y(0):.1f}"/></svg>'
    )
    return Markup("".join(parts))


_VERDICT_CLASSES = {"ready", "almost", "not-yet", "none"}


def _css_class(name: str, number: int) -> str:
    return f"v-{name}" if name in _VERDICT_CLASSES else f"s{number % 8}"


# --- history --------------------------------------------------------------------


def history_html_pieces(
    report: HistoryReport,
    *,
    locale: str | None = None,
    names: Names | None = None,
    templates: Path | None = None,
) -> Iterator[str]:
    """A person's levels over time as one HTML page, in pieces."""
    messages = messages_for(locale)
    data: dict[str, Any] = {
        "kind": "history",
        "locale": locale or messages.locale,
        "report": report.model_dump(mode="json", by_alias=True),
        "messages": dict(messages),
        "date": report.as_of.isoformat(),
        "date_text": messages.format_date(report.as_of),
        "dates": {row.date.isoformat(): messages.format_date(row.date) for row in report.entries},
        "policy": _policy(report.policy, messages) if report.policy is not None else [],
        "current_title": names.level(report.current) if names and report.current else "",
    }
    yield from _html("history", data, templates)


# --- trend ----------------------------------------------------------------------


def _level_series(
    report: TrendReport, measure: str, names: Names | None
) -> tuple[list[Series], list[str]]:
    """A series per level the measure names in any period (framework order kept)."""
    levels = [
        level
        for level in [*report.levels, "none"]
        if any(level in getattr(period, measure) for period in report.periods)
    ]
    series: list[Series] = []
    titles = []
    for level in levels:
        values = [getattr(period, measure).get(level) for period in report.periods]
        if measure != "median_months_in_level":
            values = [value or 0 for value in values]
        title = names.level(level) if names is not None and level != "none" else level
        series.append((title, values))
        titles.append(level)
    return series, titles


def trend_html_pieces(
    report: TrendReport,
    *,
    locale: str | None = None,
    names: Names | None = None,
    templates: Path | None = None,
) -> Iterator[str]:
    """The team over time as one HTML page with a chart and a table per measure, in pieces."""
    messages = messages_for(locale)
    labels = [period.end.isoformat() for period in report.periods]
    verdicts: list[Series] = [
        (key, [float(period.next_level.get(key, 0)) for period in report.periods])
        for key in ("ready", "almost", "not-yet", "none")
    ]
    people: list[Series] = [(messages["people"], [float(p.people) for p in report.periods])]
    measures: list[tuple[str, str, list[Series], str, list[str]]] = [
        ("people", messages["people"], people, "lines", ["s0"]),
        ("next-level", messages["next_level_verdicts"], verdicts, "bars", []),
    ]
    for measure, key, kind in (
        ("at_level", "at_level", "bars"),
        ("confirmations", "confirmations", "bars"),
        ("median_months_in_level", "median_months", "lines"),
    ):
        series, refs = _level_series(report, measure, names)
        # A level keeps its colour in every chart: its place among the report's levels.
        fixed = ["v-none" if ref == "none" else f"s{report.levels.index(ref) % 8}" for ref in refs]
        measures.append((measure.replace("_", "-"), messages[key], series, kind, fixed))
    charts = []
    for chart_id, title, series, kind, fixed in measures:
        shown = [(messages.get(f"verdict_{name}", name), values) for name, values in series]
        description = messages["chart_description"].format(
            measure=title, start=labels[0] if labels else "", end=labels[-1] if labels else ""
        )
        classes = fixed or [_css_class(key, number) for number, (key, _) in enumerate(series)]
        svg = chart_svg(chart_id, title, description, labels, shown, kind, classes)
        charts.append(
            {
                "id": chart_id,
                "title": title,
                "svg": svg if series else None,
                "legend": [
                    {"name": name, "css": css}
                    for (name, _), css in zip(shown, classes, strict=True)
                ],
                "columns": [name for name, _ in shown],
                "rows": [
                    [labels[index], *(_cell(values[index]) for _, values in shown)]
                    for index in range(len(labels))
                ],
            }
        )
    data: dict[str, Any] = {
        "kind": "trend",
        "locale": locale or messages.locale,
        "report": report.model_dump(mode="json", by_alias=True),
        "messages": dict(messages),
        "date": report.end.isoformat(),
        "date_text": messages.format_date(report.end),
        "start_text": messages.format_date(report.start),
        "charts": charts,
        "policy": _policy(report.policy, messages),
    }
    yield from _html("trend", data, templates)


def _cell(value: float | None) -> str:
    return "–" if value is None else _number(value)
