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
from competency.render.mermaid import MAX_BOXES, Chart, family_chart, role_chart

if TYPE_CHECKING:
    from competency.render.view import MoveView, SiteView

__all__ = [
    "Verbatim",
    "escape_markdown",
    "family_charts",
    "mermaid_label",
    "render_markdown",
    "safe_url",
]


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


def family_charts(site: SiteView) -> list[tuple[str, Chart]]:
    """One chart of roles per family, with the family's name, in the site's order."""
    names = {role.family: role.family_name for role in site.roles}
    return [
        (names[family] or site.messages["other_family"], family_chart(site, family))
        for family in names
    ]


def _touches(site: SiteView, role_id: str, move: MoveView) -> bool:
    """Whether `move` leads into or out of one of `role_id`'s levels."""
    keys = {lv.key for r in site.career_map.roles if r.id == role_id for lv in r.levels}
    return move.source in keys or move.target in keys


def render_markdown(site: SiteView, templates: Path | None = None) -> dict[str, str]:
    """The Markdown pages of `site`, by path inside the output folder."""
    env = environment(
        templates,
        autoescape=False,
        finalize=_finalize,
        filters={"mermaid": mermaid_label, "url": safe_url},
    )
    m = site.messages
    pages = {
        "index.md": render_template(
            env, "markdown/index.md.j2", site=site, m=m, family_charts=family_charts(site)
        )
    }
    for role in site.roles:
        moves = [m for m in site.career_map.moves if _touches(site, role.id, m)]
        pages[f"roles/{role.id}.md"] = render_template(
            env,
            "markdown/role.md.j2",
            site=site,
            role=role,
            m=m,
            moves=moves,
            chart=role_chart(site.career_map, role.id),
            limit=MAX_BOXES,
        )
    for competency in site.competencies:
        pages[f"competencies/{competency.id}.md"] = render_template(
            env, "markdown/competency.md.j2", site=site, competency=competency, m=m
        )
    return pages
