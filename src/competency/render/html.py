"""One self-contained HTML page: every ladder, a role picker and a level comparison.

The page needs nothing from the network and works from ``file://``: the CSS
and JavaScript are inlined, and a Content-Security-Policy allows only the
page's own script (by its hash) and no requests at all. Text is escaped by
Jinja2's autoescaping; the data the script needs is embedded as JSON in a
``<script type="application/json">`` element, with ``<``, ``>`` and ``&``
written as ``\\u003c`` and so on, so no text can close the element. The
script builds the comparison with ``textContent`` only, never as HTML.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from competency.render._jinja import environment, render_template
from competency.render.careermap import MapLayout, layout
from competency.render.errors import RenderError
from competency.render.view import CellView, MoveView, SiteView

__all__ = ["json_for_script", "render_html", "script_data", "script_hash", "template_asset"]

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def json_for_script(data: Any) -> str:
    """`data` as JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return "".join(_SCRIPT_ESCAPES.get(c, c) for c in text)


def _cell_data(cell: CellView) -> dict[str, Any]:
    return {
        "competency": cell.competency,
        "name": cell.competency_name,
        "step": cell.step_name,
        "index": cell.step_index,
        "behaviours": [b.ref for b in cell.behaviours],
        "lang": cell.lang,
    }


def script_data(site: SiteView) -> dict[str, Any]:
    """What the page's script needs to compare any two levels and to search.

    A text shown in another language than the page's (a fallback) comes with
    its locale (`lang`, and `langs` for behaviours), so the script marks it.
    """
    behaviours: dict[str, str] = {}
    langs: dict[str, str] = {}
    # The behaviours each one replaces directly, by reference: the script
    # follows the chain, as `Framework.replaced_by` does.
    replaces: dict[str, list[str]] = {}
    levels: dict[str, Any] = {}
    roles: list[dict[str, Any]] = []
    for role in site.roles:
        choices = [
            {"ref": level.ref, "title": level.title, "lang": level.lang} for level in role.levels
        ]
        roles.append({"id": role.id, "title": role.title, "lang": role.lang, "levels": choices})
        for level in role.levels:
            levels[level.ref] = {
                "title": level.title,
                "lang": level.lang,
                "role": role.title,
                "grade": level.grade_name,
                "cells": [_cell_data(cell) for cell in level.expected],
            }
            for cell in level.expected:
                behaviours.update((b.ref, b.text) for b in cell.behaviours)
                langs.update((b.ref, b.lang) for b in cell.behaviours if b.lang)
                replaces.update((b.ref, list(b.replaces_refs)) for b in cell.behaviours)
    for competency in site.competencies:
        for step in competency.steps:
            behaviours.update((b.ref, b.text) for b in step.behaviours)
            langs.update((b.ref, b.lang) for b in step.behaviours if b.lang)
            replaces.update((b.ref, list(b.replaces_refs)) for b in step.behaviours)
    return {
        "site": site.id,
        "title": site.title,
        "roles": roles,
        "levels": levels,
        "behaviours": behaviours,
        "langs": langs,
        "replaces": {ref: refs for ref, refs in replaces.items() if refs},
        "competencies": [{"id": c.id, "name": c.name, "lang": c.lang} for c in site.competencies],
        "messages": dict(site.messages),
        "self_counts": site.self_counts,
    }


def role_moves(site: SiteView) -> dict[str, list[MoveView]]:
    """The moves into and out of each role's levels, by role id."""
    found: dict[str, list[MoveView]] = {}
    for map_role in site.career_map.roles:
        keys = {level.key for level in map_role.levels}
        found[map_role.id] = [
            m for m in site.career_map.moves if m.source in keys or m.target in keys
        ]
    return found


def role_maps(site: SiteView) -> dict[str, MapLayout]:
    """Each role's part of the career map, drawn around it."""
    return {role.id: layout(site.career_map, role.id) for role in site.roles}


def template_asset(env: Any, name: str) -> str:
    """A file of the templates, as it is: styles and script are not Jinja templates."""
    import jinja2

    try:
        source: str = env.loader.get_source(env, name)[0]
    except jinja2.TemplateNotFound:
        raise RenderError(f"template not found: {name}") from None
    except UnicodeDecodeError:
        raise RenderError(f"{name}: the template is not UTF-8 text") from None
    return source


def script_hash(script: str) -> str:
    """The Content-Security-Policy source that allows `script` inline: ``sha256-...``."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"sha256-{digest}"


def render_html(site: SiteView, templates: Path | None = None) -> dict[str, str]:
    """The page ``index.html`` for `site`."""
    from markupsafe import Markup

    env = environment(templates, autoescape=True)
    script = template_asset(env, "html/script.js")
    page = render_template(
        env,
        "html/page.html.j2",
        site=site,
        m=site.messages,
        style=Markup(template_asset(env, "html/style.css")),
        script=Markup(script),
        script_hash=script_hash(script),
        data_json=Markup(json_for_script(script_data(site))),
        site_map=layout(site.career_map),
        role_maps=role_maps(site),
        role_moves=role_moves(site),
    )
    return {"index.html": page}
