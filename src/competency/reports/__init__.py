"""Reports as text: the terminal, Markdown, JSON and CSV forms of the analysis reports.

The analysis (`competency.gap`, `competency.teams`) builds typed report
objects; the modules here only turn them into text. Each ``*_FORMATS``
table maps a ``--format`` name to the function ``(report, colour) -> str``
that writes it, named as ``module:function`` and imported only when used
(so ``competency validate`` never pays for it). The commands offer exactly
the names in these tables: another output, such as HTML, is added with one
entry that renders the same report objects.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

__all__ = [
    "BINARY_FORMATS",
    "GAP_FORMATS",
    "LEVEL_FORMATS",
    "PAGE_FORMATS",
    "TEAM_FORMATS",
    "Formatter",
    "formatter",
]

#: A report and whether to colour it -> the whole output (bytes for PDF).
Formatter = Callable[..., str | bytes]

GAP_FORMATS: dict[str, str] = {
    "text": "competency.reports.text:gap",
    "json": "competency.reports.data:json_report",
    "md": "competency.reports.markdown:gap",
    "html": "competency.render.reports:gap_html",
    "pdf": "competency.render.reports:gap_pdf",
}
LEVEL_FORMATS: dict[str, str] = {
    "text": "competency.reports.text:level",
    "json": "competency.reports.data:json_report",
    "md": "competency.reports.markdown:level",
    "html": "competency.render.reports:level_html",
    "pdf": "competency.render.reports:level_pdf",
}
TEAM_FORMATS: dict[str, str] = {
    "text": "competency.reports.text:team",
    "json": "competency.reports.data:json_report",
    "md": "competency.reports.markdown:team",
    "csv": "competency.reports.data:team_csv",
    "xlsx": "competency.reports.spreadsheet:team_xlsx",
    "html": "competency.render.reports:team_html",
    "pdf": "competency.render.reports:team_pdf",
}

#: Formats laid out by `competency.render.reports`: they take keyword
#: arguments (the locale; for PDF, font folders) and, for PDF, return bytes.
PAGE_FORMATS = frozenset({"html", "pdf"})

#: Formats whose output is bytes, not text: never printed to a terminal.
BINARY_FORMATS = frozenset({"pdf", "xlsx"})


def formatter(formats: dict[str, str], name: str) -> Formatter:
    """The function that writes format `name` of one of the tables above."""
    module, _, function = formats[name].partition(":")
    found: Formatter = getattr(importlib.import_module(module), function)
    return found
