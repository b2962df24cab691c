"""Markdown pages for GitHub: an index, one page per role, one per competency.

Every ``{{ value }}`` in a Markdown template is escaped on the way out (the
environment's `finalize` hook), so a template cannot forget to: text from
YAML can never open a table cell, a heading, a link, a code span, math or
raw HTML. Only values the renderer builds itself (Mermaid labels, URLs) are
marked `Verbatim` and pass unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from competency.escape import markdown as escape_markdown
from competency.render._jinja import environment, render_template

if TYPE_CHECKING:
    from competency.render.view import MapRole, MoveView, SiteView

__all__ = [
    "MapGroup",
    "Verbatim",
    "escape_markdown",
    "map_groups",
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


@dataclass(frozen=True, slots=True)
class MapGroup:
    """The part of the career map one Mermaid chart shows: a family's roles and their moves."""

    title: str
    roles: tuple[MapRole, ...]
    outside: tuple[tuple[str, str], ...]
    """Nodes of other families and outside roles the moves reach: (key, label)."""
    moves: tuple[MoveView, ...]


def _labels(site: SiteView) -> dict[str, str]:
    """Every map node's label, with its role's title for levels."""
    labels = {node.key: node.label for node in site.career_map.externals}
    for map_role in site.career_map.roles:
        labels.update((lv.key, f"{map_role.title}: {lv.label}") for lv in map_role.levels)
    return labels


def map_groups(site: SiteView) -> list[MapGroup]:
    """One small chart per family of roles: its roles' levels and the moves that touch them."""
    labels = _labels(site)
    family_of = {role.id: role.family for role in site.roles}
    groups = []
    for family in dict.fromkeys(role.family for role in site.roles):
        members = tuple(r for r in site.career_map.roles if family_of.get(r.id) == family)
        keys = {lv.key for r in members for lv in r.levels}
        moves = tuple(m for m in site.career_map.moves if m.source in keys or m.target in keys)
        ends = dict.fromkeys(k for m in moves for k in (m.source, m.target) if k not in keys)
        title = family[:1].upper() + family[1:] if family else site.messages["other_family"]
        groups.append(MapGroup(title, members, tuple((k, labels[k]) for k in ends), moves))
    return groups


def _role_map(site: SiteView, role_id: str) -> tuple[list[MoveView], list[tuple[str, str]]]:
    """The moves into and out of one role's levels, and the nodes they join."""
    labels = _labels(site)
    keys = {lv.key for r in site.career_map.roles if r.id == role_id for lv in r.levels}
    moves = [m for m in site.career_map.moves if m.source in keys or m.target in keys]
    nodes = dict.fromkeys(k for m in moves for k in (m.source, m.target))
    return moves, [(k, labels[k]) for k in nodes]


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
            env, "markdown/index.md.j2", site=site, m=m, map_groups=map_groups(site)
        )
    }
    for role in site.roles:
        moves, nodes = _role_map(site, role.id)
        pages[f"roles/{role.id}.md"] = render_template(
            env, "markdown/role.md.j2", site=site, role=role, m=m, moves=moves, nodes=nodes
        )
    for competency in site.competencies:
        pages[f"competencies/{competency.id}.md"] = render_template(
            env, "markdown/competency.md.j2", site=site, competency=competency, m=m
        )
    return pages
