"""Gap, level and team reports as HTML and PDF pages, through `competency.render.reports`.

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
    "html",
    "level_html",
    "level_pdf",
    "pdf",
    "plan_html",
    "plan_pdf",
    "team_html",
    "team_pdf",
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
