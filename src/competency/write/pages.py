"""Report pages: gap, level and team as HTML and PDF (`competency.render.reports`), history
and trend as HTML (`competency.render.cycle`).

`html(kind)` and `pdf(kind)` adapt the page renderers (Jinja2 and Typst,
imported only when a page is asked for) to the writer signature. Names come
from the one `Names` of the options, so pages show the same names as every
other format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from competency.write.options import PLAIN, WriteOptions

if TYPE_CHECKING:
    from competency.render.reports import ReportKind

__all__ = [
    "gap_html",
    "gap_pdf",
    "history_html",
    "html",
    "level_html",
    "level_pdf",
    "pdf",
    "plan_html",
    "plan_pdf",
    "team_html",
    "team_pdf",
    "trend_html",
]


def html(kind: ReportKind) -> Callable[[Any, WriteOptions], Iterator[str]]:
    """The writer of `kind`'s HTML page, in pieces as Jinja2 makes it."""

    def write(report: Any, options: WriteOptions = PLAIN) -> Iterator[str]:
        from competency.render import reports

        yield from reports.report_html_pieces(
            kind,
            report,
            evidence=options.evidence,
            locale=options.locale,
            names=options.names,
            templates=options.templates,
            evidence_text=options.evidence_text,
        )

    return write


def pdf(kind: ReportKind) -> Callable[[Any, WriteOptions], bytes]:
    """The writer of `kind`'s PDF."""

    def write(report: Any, options: WriteOptions = PLAIN) -> bytes:
        from competency.render import reports

        return reports.report_pdf(
            kind,
            report,
            evidence=options.evidence,
            locale=options.locale,
            names=options.names,
            templates=options.templates,
            font_paths=options.font_paths,
        )

    return write


gap_html, level_html, team_html = html("gap"), html("level"), html("team")
gap_pdf, level_pdf, team_pdf = pdf("gap"), pdf("level"), pdf("team")
plan_html, plan_pdf = html("plan"), pdf("plan")


def history_html(report: Any, options: WriteOptions = PLAIN) -> Iterator[str]:
    """A person's levels over time as an HTML page."""
    from competency.render import cycle

    yield from cycle.history_html_pieces(
        report, locale=options.locale, names=options.names, templates=options.templates
    )


def trend_html(report: Any, options: WriteOptions = PLAIN) -> Iterator[str]:
    """The team over time as an HTML page with a chart per measure."""
    from competency.render import cycle

    yield from cycle.trend_html_pieces(
        report, locale=options.locale, names=options.names, templates=options.templates
    )
