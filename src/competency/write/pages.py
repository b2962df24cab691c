"""Gap, level and team reports as HTML and PDF pages, through `competency.render.reports`.

These adapt the page renderers (Jinja2 and Typst, imported only when a
page is asked for) to the writer signature. Step names come from the one
`Names` of the options, so pages show the same names as every other format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.analysis.gap import GapReport, LevelReport
    from competency.analysis.team import TeamReport

__all__ = ["gap_html", "gap_pdf", "level_html", "level_pdf", "team_html", "team_pdf"]


def _steps(options: WriteOptions) -> dict[str, str] | None:
    return options.names.steps() if options.names is not None else None


def gap_html(report: GapReport, options: WriteOptions = PLAIN) -> str:
    """A promotion packet as one HTML page."""
    from competency.render import reports

    return reports.gap_html(
        report,
        evidence=options.evidence,
        steps=_steps(options),
        locale=options.locale,
        names=options.names,
        templates=options.templates,
    )


def gap_pdf(report: GapReport, options: WriteOptions = PLAIN) -> bytes:
    """A promotion packet as a PDF."""
    from competency.render import reports

    return reports.gap_pdf(
        report,
        evidence=options.evidence,
        steps=_steps(options),
        locale=options.locale,
        names=options.names,
        templates=options.templates,
        font_paths=options.font_paths,
    )


def level_html(report: LevelReport, options: WriteOptions = PLAIN) -> str:
    """The verdict at every level of a person's role, as one HTML page."""
    from competency.render import reports

    return reports.level_html(
        report, locale=options.locale, names=options.names, templates=options.templates
    )


def level_pdf(report: LevelReport, options: WriteOptions = PLAIN) -> bytes:
    """The verdict at every level of a person's role, as a PDF."""
    from competency.render import reports

    return reports.level_pdf(
        report,
        locale=options.locale,
        names=options.names,
        templates=options.templates,
        font_paths=options.font_paths,
    )


def team_html(report: TeamReport, options: WriteOptions = PLAIN) -> str:
    """The team summary and heatmap as one HTML page."""
    from competency.render import reports

    return reports.team_html(
        report, locale=options.locale, names=options.names, templates=options.templates
    )


def team_pdf(report: TeamReport, options: WriteOptions = PLAIN) -> bytes:
    """The team summary and heatmap as a PDF."""
    from competency.render import reports

    return reports.team_pdf(
        report,
        locale=options.locale,
        names=options.names,
        templates=options.templates,
        font_paths=options.font_paths,
    )
