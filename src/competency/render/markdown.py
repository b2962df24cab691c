"""Markdown pages for GitHub: an index, one page per role, one per competency.

Every ``{{ value }}`` in a Markdown template is escaped on the way out (the
environment's `finalize` hook), so a template cannot forget to: text from
YAML can never open a table cell, a heading, a link, a code span, math or
raw HTML. Only values the renderer builds itself (Mermaid labels, URLs) are
marked `Verbatim` and pass unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from competency.escape import markdown as escape_markdown
from competency.render._jinja import environment, render_template

if TYPE_CHECKING:
    from competency.render.view import SiteView

__all__ = ["Verbatim", "escape_markdown", "mermaid_label", "render_markdown", "safe_url"]


class Verbatim(str):
    """Text the renderer has already made safe for Markdown; never escaped again."""

    __slots__ = ()


def _finalize(value: Any) -> str:
    if isinstance(value, Verbatim):
        return value
    return escape_markdown(value)


def mermaid_label(text: object) -> Verbatim:
    """A quoted Mermaid label; everything but letters, digits and spaces becomes an entity."""
    flat = " ".join(str(text).split())
    body = "".join(c if c.isalnum() or c == " " else f"#{ord(c)};" for c in flat)
    return Verbatim(f'"{body}"')


def safe_url(url: object) -> Verbatim:
    """A link destination with the characters that could end it percent-encoded."""
    return Verbatim(quote(str(url), safe=":/?#@!$&'*+,;=%-._~"))


def render_markdown(site: SiteView, templates: Path | None = None) -> dict[str, str]:
    """The Markdown pages of `site`, by path inside the output folder."""
    env = environment(
        templates,
        autoescape=False,
        finalize=_finalize,
        filters={"mermaid": mermaid_label, "url": safe_url},
    )
    m = site.messages
    pages = {"index.md": render_template(env, "markdown/index.md.j2", site=site, m=m)}
    for role in site.roles:
        pages[f"roles/{role.id}.md"] = render_template(
            env, "markdown/role.md.j2", site=site, role=role, m=m
        )
    for competency in site.competencies:
        pages[f"competencies/{competency.id}.md"] = render_template(
            env, "markdown/competency.md.j2", site=site, competency=competency, m=m
        )
    return pages
