"""Gap, level and team reports as HTML and PDF: promotion packets and team heatmaps.

The analysis (`competency.analysis.gap`, `competency.analysis.team`) builds the typed
reports; this module lays them out with the same machinery as the ladders:
Jinja2 templates for HTML (autoescaped, no requests, no script but the
team heatmap's sort) and one
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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from competency.render._jinja import environment, render_template_pieces, template_path
from competency.render.messages import Messages, messages_for
from competency.render.view import safe_url
from competency.text import localize

if TYPE_CHECKING:
    from competency.analysis.gap import GapReport, LevelReport
    from competency.analysis.plan import PlanReport
    from competency.analysis.team import TeamReport
    from competency.model import Evidence, Readiness
    from competency.names import Names

__all__ = [
    "REPORT_TEMPLATE",
    "ReportKind",
    "report_data",
    "report_html",
    "report_html_pieces",
    "report_page_pieces",
    "report_pdf",
    "short_label",
]

#: The kinds of report a page can be made of.
ReportKind = Literal["gap", "level", "team", "plan"]

#: The Typst template of the reports, relative to a templates folder.
REPORT_TEMPLATE = "pdf/report.typ"


# --- the data every report template reads ----------------------------------------


def _short(text: str, width: int = 70) -> str:
    """The start of an item's summary, cut at a word, for a link in a list."""
    if len(text) <= width:
        return text
    return text[:width].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _items(evidence: Evidence | None) -> dict[str, dict[str, str]]:
    """Evidence items by the label reports use: the item's id, or #N for the Nth item."""
    if evidence is None:
        return {}
    found = {}
    for index, item in enumerate(evidence.items):
        label = item.id if item.id is not None else f"#{index + 1}"
        found[label] = {
            "anchor": f"item-{index + 1}",
            "summary": localize(item.summary),
            "short": _short(localize(item.summary)),
            "date": item.date.isoformat(),
            "source": item.source,
            "link": safe_url(item.link),
        }
    return found


#: A symbol per status, so that cells read without colour.
SYMBOLS = {"met": "✓", "partial": "◐", "gap": "✗"}


def _level_title(names: Names | None, ref: str | None) -> str:
    """A level's title from ROLE@LEVEL, with the role's title when it is not in the title."""
    if not ref:
        return ""
    return names.level(ref) if names is not None else ref


def _order(report: TeamReport, names: Names | None) -> list[Any]:
    """The report's competencies in framework order (by category, as the framework lists them)."""
    if names is None:
        return list(report.competencies)
    framework = names.framework
    rank = {c: i for i, c in enumerate(framework.competencies)}
    categories = {c.id: i for i, c in enumerate(framework.info.categories)}

    def key(tally: Any) -> tuple[int, int]:
        competency = framework.competencies.get(tally.id)
        category = categories.get(competency.category, 99) if competency is not None else 99
        return category, rank.get(tally.id, len(rank))

    return sorted(report.competencies, key=key)


def _category(names: Names | None, competency_id: str) -> str:
    if names is None:
        return ""
    competency = names.framework.competencies.get(competency_id)
    if competency is None:
        return ""
    for category in names.framework.info.categories:
        if category.id == competency.category:
            return names.text(category.name)
    return competency.category


def short_label(name: str, width: int = 18) -> str:
    """A competency's name cut for a column header: up to the first bracket, at most `width`."""
    short = name.split(" (")[0].strip()
    return short if len(short) <= width else short[: width - 1].rstrip() + "…"


def _heatmap(report: TeamReport, names: Names | None) -> dict[str, Any] | None:
    """People as rows (readiest first), competencies as columns in framework order.

    `people` holds the same rows in the report's order, for the people table.
    """
    if not report.people:
        return None
    columns = _order(report, names)
    titles: dict[str | None, str] = {}

    def title(ref: str | None) -> str:
        if ref not in titles:
            titles[ref] = _level_title(names, ref)
        return titles[ref]

    people: list[dict[str, Any]] = [
        {
            "person": person.person,
            "name": person.name or person.person,
            "role": names.role(person.role) if names is not None else person.role,
            "level": title(f"{person.role}@{person.level}" if person.level else None),
            "current_level": title(person.current_level),
            "next_level": title(person.next_level),
            "verdict": person.verdict,
            "met": person.met,
            "partial": person.partial,
            "gap": person.gap,
            "manager": person.manager,
            "cells": [person.competencies.get(c.id) for c in columns],
        }
        for person in report.people
    ]
    known = {row["person"]: row["name"] for row in people}
    for row in people:
        # A manager is named like anyone else when they are in the team too.
        row["manager_name"] = known.get(row["manager"], row["manager"]) if row["manager"] else ""
    rank = {"ready": 0, "almost": 1, "not-yet": 2}
    rows = sorted(
        people,
        key=lambda row: (rank.get(row["verdict"] or "", 3), -row["met"], row["gap"], row["name"]),
    )
    groups: list[dict[str, Any]] = []
    for c in columns:
        category = _category(names, c.id)
        if groups and groups[-1]["name"] == category:
            groups[-1]["span"] += 1
        else:
            groups.append({"name": category, "span": 1})
    return {
        "competencies": [
            {"id": c.id, "name": c.name, "short": short_label(c.name)} for c in columns
        ],
        "categories": groups if any(g["name"] for g in groups) else [],
        "rows": rows,
        "people": people,
        "names": known,
        "readiness": {
            verdict: sum(1 for row in people if row["verdict"] == verdict)
            for verdict in ("ready", "almost", "not-yet")
        },
        "symbols": SYMBOLS,
    }


def _policy(policy: Readiness, messages: Messages) -> list[str]:
    """The policy of a report in words, one line per rule."""
    rule = policy.competency_met
    met = (
        messages["policy_met_all"]
        if rule == "all"
        else messages["policy_met_share"].format(
            share=messages.format_percent(float(rule.at_least))
        )
    )
    return [
        messages["policy_age"].format(months=policy.max_age_months),
        messages["policy_items"].format(items=policy.min_items, sources=policy.min_sources),
        messages["policy_sources"].format(
            sources=", ".join(messages.get(f"source_{source}", source) for source in policy.sources)
        ),
        met,
        messages["policy_almost"].format(count=policy.almost_within),
        messages["policy_carry_yes" if policy.carry_confirmed else "policy_carry_no"],
    ]


def _packet(report: GapReport, names: Names | None, evidence: Evidence | None) -> dict[str, Any]:
    """What the promotion packet adds to a gap report: titles instead of ids."""
    replaced = {r for c in report.competencies for b in c.behaviours for r in b.replaces}
    replaced |= {b.id for b in report.beyond_target}
    confirmed = report.confirmed.level if report.confirmed is not None else None
    named = evidence.level if evidence is not None and evidence.level else None
    named_ref = f"{evidence.role}@{named}" if evidence is not None and named else None
    return {
        "target": report.target_title or _level_title(names, report.target),
        "role": names.role(report.target.partition("@")[0]) if names is not None else "",
        "confirmed": _level_title(names, confirmed),
        "named": _level_title(names, named_ref),
        "counts": {s: report.count(s) for s in ("met", "partial", "gap")},
        "carried": sum(
            1 for c in report.competencies for b in c.behaviours if b.status == "carried"
        ),
        "texts": {
            ref: names.behaviour(ref) if names is not None else ref for ref in sorted(replaced)
        },
        "names": {c.id: c.name for c in report.competencies},
        "waiting": report.waiting(),
    }


def report_data(
    kind: ReportKind,
    report: GapReport | LevelReport | TeamReport | PlanReport,
    *,
    locale: str | None = None,
    evidence: Evidence | None = None,
    names: Names | None = None,
    evidence_text: str | None = None,
) -> dict[str, Any]:
    """What a report template reads: the report as JSON data, messages and extras.

    `names` gives the names readers know for the step, level and competency
    ids a report carries; without it the pages show the ids. `evidence_text`
    (the evidence file as written) gives a gap page its review mode.
    """
    from competency.analysis.gap import GapReport
    from competency.analysis.team import TeamReport

    messages = messages_for(locale)
    # A team's people are in the heatmap's rows, with their levels' titles.
    people = {"people"} if isinstance(report, TeamReport) else None
    data: dict[str, Any] = {
        "kind": kind,
        "locale": locale or messages.locale,
        "report": report.model_dump(mode="json", by_alias=True, exclude=people),
        "messages": dict(messages),
        "date": report.as_of.isoformat(),
        "date_text": messages.format_date(report.as_of),
        "items": _items(evidence),
        "heatmap": None,
        "steps": names.steps() if names is not None else {},
        "policy": _policy(report.policy, messages),
        "packet": None,
        "plan": None,
        "review": None,
        "titles": None,
    }
    if isinstance(report, TeamReport):
        data["heatmap"] = _heatmap(report, names)
    elif isinstance(report, GapReport):
        data["packet"] = _packet(report, names, evidence)
        if evidence is not None and evidence_text is not None:
            data["review"] = _review(report, names, evidence, evidence_text)
    elif kind == "plan":
        data["plan"] = _plan_extras(report, names)
    elif kind == "level":
        data["titles"] = _level_titles(cast("LevelReport", report), names)
    return data


def _level_titles(report: LevelReport, names: Names | None) -> dict[str, Any]:
    """What a level page names instead of ids: the role, and every level it mentions."""
    refs = {report.current_level} | {lv.level for lv in report.levels}
    refs |= {mv.to for mv in report.moves}
    return {
        "role": names.role(report.role) if names is not None else report.role,
        "levels": {ref: _level_title(names, ref) for ref in sorted(r for r in refs if r)},
    }


def _review(
    report: GapReport, names: Names | None, evidence: Evidence, text: str
) -> dict[str, Any] | None:
    """What the packet's review mode needs: where to edit the evidence file's text, and the
    choices to offer (suggested items, each competency's steps, the levels of the role)."""
    from competency.render.html import json_for_script
    from competency.render.review import review_anchors

    anchors = review_anchors(text)
    if anchors is None:
        return None
    by_label = {item["label"]: index for index, item in enumerate(anchors["items"])}
    texts = _items(evidence)
    suggested = [
        {
            "index": by_label.get(i.item),
            "label": i.item,
            "summary": texts.get(i.item, {}).get("short", ""),
            "shows": [names.behaviour(ref) if names is not None else ref for ref in i.shows],
        }
        for i in report.ignored_items
        if i.reason == "suggested"
    ]
    levels: list[dict[str, str]] = []
    if names is not None and evidence.role in names.framework.roles:
        role = names.framework.roles[evidence.role]
        levels = [{"id": lv.id, "title": names.text(lv.title)} for lv in role.levels]
    old = None
    if evidence.confirmed is not None and evidence.level is not None:
        old = (
            f"{{level: {evidence.role}@{evidence.level}, "
            f"date: {evidence.confirmed.date.isoformat()}, by: {evidence.confirmed.by}}}"
        )
    script = {**anchors, "role": evidence.role, "confirmed_entry": old}
    return {
        "suggested": suggested,
        "competencies": [{"id": c.id, "name": c.name} for c in report.competencies],
        "levels": levels,
        "date": report.as_of.isoformat(),
        "json": json_for_script(script),
    }


def _plan_extras(report: Any, names: Names | None) -> dict[str, Any]:
    """What a plan page shows besides the report: the titles of the levels it names."""
    return {
        "target": report.target_title or _level_title(names, report.target),
        "start": _level_title(names, report.start),
        "texts": {
            ref: names.behaviour(ref) if names is not None else ref
            for item in report.suggested
            for ref in item.shows
        },
    }


# --- HTML and PDF -------------------------------------------------------------------


#: The report pages that have a script (the team heatmap's sort, the packet's review),
#: by template name.
SCRIPTS = {"team": "html/team.js", "gap": "html/review.js"}


def _html(name: str, data: dict[str, Any], templates: Path | None) -> Iterator[str]:
    from markupsafe import Markup

    from competency.render.html import script_hash, template_asset

    env = environment(templates, autoescape=True)
    style = template_asset(env, "html/style.css")
    # The packet's review script only when the page has the evidence file's text.
    scripted = name in SCRIPTS and (name != "gap" or bool(data.get("review")))
    script = template_asset(env, SCRIPTS[name]) if scripted else ""
    yield from render_template_pieces(
        env,
        f"html/{name}.html.j2",
        data=data,
        m=data["messages"],
        style=Markup(style),
        script=Markup(script),
        script_hash=script_hash(script) if script else "",
    )


def _pdf(
    data: dict[str, Any], templates: Path | None, font_paths: Sequence[str | os.PathLike[str]]
) -> bytes:
    from competency.render.pdf import compile_pdf

    return compile_pdf(template_path(REPORT_TEMPLATE, templates), data, font_paths)


def report_html(
    kind: ReportKind,
    report: GapReport | LevelReport | TeamReport | PlanReport,
    *,
    evidence: Evidence | None = None,
    locale: str | None = None,
    names: Names | None = None,
    templates: Path | None = None,
    evidence_text: str | None = None,
) -> str:
    """A report as one HTML page: a promotion packet (gap), a level table or a team heatmap.

    `evidence` (gap only) gives each item's summary, date and link;
    `evidence_text` (gap only, the file as written) gives the packet its review mode.
    """
    pieces = report_html_pieces(
        kind,
        report,
        evidence=evidence,
        locale=locale,
        names=names,
        templates=templates,
        evidence_text=evidence_text,
    )
    return "".join(pieces)


def report_html_pieces(
    kind: ReportKind,
    report: GapReport | LevelReport | TeamReport | PlanReport,
    *,
    evidence: Evidence | None = None,
    locale: str | None = None,
    names: Names | None = None,
    templates: Path | None = None,
    evidence_text: str | None = None,
) -> Iterator[str]:
    """`report_html`'s page in pieces as they are made: a team's page is never one string."""
    data = report_data(
        kind, report, locale=locale, evidence=evidence, names=names, evidence_text=evidence_text
    )
    yield from _html(kind, data, templates)


def report_pdf(
    kind: ReportKind,
    report: GapReport | LevelReport | TeamReport | PlanReport,
    *,
    evidence: Evidence | None = None,
    locale: str | None = None,
    names: Names | None = None,
    templates: Path | None = None,
    font_paths: Sequence[str | os.PathLike[str]] = (),
) -> bytes:
    """A report as a PDF, laid out by the one Typst report template."""
    data = report_data(kind, report, locale=locale, evidence=evidence, names=names)
    return _pdf(data, templates, font_paths)


def report_page_pieces(
    name: str, data: dict[str, Any], templates: Path | None = None
) -> Iterator[str]:
    """The page of template ``html/NAME.html.j2`` for `data` a writer has prepared, in pieces.

    `data` holds what the frame (``html/report.html.j2``) reads: ``locale``,
    ``report`` (with its ``framework``), ``date`` and ``date_text``, plus the
    page's own keys; the fixed words are English (`messages_for(None)`).
    """
    messages = messages_for(data.get("locale"))
    yield from _html(name, {"messages": dict(messages), **data}, templates)
