"""Gap, level and team reports as HTML and PDF: promotion packets and team heatmaps.

The analysis (`competency.analysis.gap`, `competency.analysis.team`) builds the typed
reports; this module lays them out with the same machinery as the ladders:
Jinja2 templates for HTML (autoescaped, no script, no requests) and one
Typst template for PDF, which reads the report as JSON from ``sys.inputs``.

Each public ``*_html`` and ``*_pdf`` function takes a report and, as
keyword arguments, what a report alone does not carry: the evidence file
(for each item's summary, date and link in the promotion packet) and the
scale's step names in the report's locale. `competency.write.pages` lists
them in the writer registry. The team heatmap reads each person's statuses
from the team report itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from competency.render._jinja import environment, render_template, template_path
from competency.render.messages import messages_for
from competency.render.view import safe_url

if TYPE_CHECKING:
    from competency.analysis.gap import GapReport, LevelReport
    from competency.analysis.team import TeamReport
    from competency.model import Evidence

__all__ = [
    "REPORT_TEMPLATE",
    "gap_html",
    "gap_pdf",
    "level_html",
    "level_pdf",
    "report_data",
    "team_html",
    "team_pdf",
]

#: The Typst template of the reports, relative to a templates folder.
REPORT_TEMPLATE = "pdf/report.typ"


# --- the data every report template reads ----------------------------------------


def _items(evidence: Evidence | None) -> dict[str, dict[str, str]]:
    """Evidence items by the label reports use: the item's id, or #N for the Nth item."""
    if evidence is None:
        return {}
    from competency.text import localize

    found = {}
    for index, item in enumerate(evidence.items):
        label = item.id if item.id is not None else f"#{index + 1}"
        found[label] = {
            "anchor": f"item-{index + 1}",
            "summary": localize(item.summary),
            "date": item.date.isoformat(),
            "source": item.source,
            "link": safe_url(item.link),
        }
    return found


def _heatmap(report: TeamReport) -> dict[str, Any] | None:
    """People as rows, competencies as columns, each cell a status (or None)."""
    if not report.people:
        return None
    rows = [
        {
            "person": person.person,
            "name": person.name or person.person,
            "next_level": person.next_level or "",
            "cells": [person.competencies.get(c.id) for c in report.competencies],
        }
        for person in report.people
    ]
    return {
        "competencies": [{"id": c.id, "name": c.name} for c in report.competencies],
        "rows": rows,
    }


def report_data(
    kind: str,
    report: GapReport | LevelReport | TeamReport,
    *,
    locale: str | None = None,
    evidence: Evidence | None = None,
    steps: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """What a report template reads: the report as JSON data, messages and extras.

    `steps` maps scale step ids to the names readers know; without it the
    pages show the ids.
    """
    messages = messages_for(locale)
    data: dict[str, Any] = {
        "kind": kind,
        "locale": locale or messages.locale,
        "report": report.model_dump(mode="json", by_alias=True),
        "messages": dict(messages),
        "date": report.as_of.isoformat(),
        "date_text": messages.format_date(report.as_of),
        "items": _items(evidence),
        "heatmap": None,
        "steps": dict(steps or {}),
    }
    from competency.analysis.team import TeamReport

    if isinstance(report, TeamReport):
        data["heatmap"] = _heatmap(report)
    return data


# --- HTML and PDF -------------------------------------------------------------------


def _html(name: str, data: dict[str, Any], templates: Path | None) -> str:
    from markupsafe import Markup

    from competency.render.html import template_asset

    env = environment(templates, autoescape=True)
    style = template_asset(env, "html/style.css")
    return render_template(
        env, f"html/{name}.html.j2", data=data, m=data["messages"], style=Markup(style)
    )


def _pdf(
    data: dict[str, Any], templates: Path | None, font_paths: Sequence[str | os.PathLike[str]]
) -> bytes:
    from competency.render.pdf import compile_pdf

    return compile_pdf(template_path(REPORT_TEMPLATE, templates), data, font_paths)


def gap_html(
    report: GapReport,
    *,
    evidence: Evidence | None = None,
    steps: Mapping[str, str] | None = None,
    locale: str | None = None,
    templates: Path | None = None,
) -> str:
    """A promotion packet as one HTML page."""
    data = report_data("gap", report, locale=locale, evidence=evidence, steps=steps)
    return _html("gap", data, templates)


def gap_pdf(
    report: GapReport,
    *,
    evidence: Evidence | None = None,
    steps: Mapping[str, str] | None = None,
    locale: str | None = None,
    templates: Path | None = None,
    font_paths: Sequence[str | os.PathLike[str]] = (),
) -> bytes:
    """A promotion packet as a PDF."""
    data = report_data("gap", report, locale=locale, evidence=evidence, steps=steps)
    return _pdf(data, templates, font_paths)


def level_html(
    report: LevelReport,
    *,
    locale: str | None = None,
    templates: Path | None = None,
) -> str:
    """The verdict at every level of a person's role, as one HTML page."""
    return _html("level", report_data("level", report, locale=locale), templates)


def level_pdf(
    report: LevelReport,
    *,
    locale: str | None = None,
    templates: Path | None = None,
    font_paths: Sequence[str | os.PathLike[str]] = (),
) -> bytes:
    """The verdict at every level of a person's role, as a PDF."""
    return _pdf(report_data("level", report, locale=locale), templates, font_paths)


def team_html(
    report: TeamReport,
    *,
    locale: str | None = None,
    templates: Path | None = None,
) -> str:
    """The team summary and heatmap as one HTML page."""
    data = report_data("team", report, locale=locale)
    return _html("team", data, templates)


def team_pdf(
    report: TeamReport,
    *,
    locale: str | None = None,
    templates: Path | None = None,
    font_paths: Sequence[str | os.PathLike[str]] = (),
) -> bytes:
    """The team summary and heatmap as a PDF."""
    data = report_data("team", report, locale=locale)
    return _pdf(data, templates, font_paths)
