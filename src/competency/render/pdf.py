"""A PDF of the ladders, typeset by Typst (the optional ``pdf`` extra).

The rendering model goes to the Typst template as one JSON string through
``sys.inputs`` and the template reads it with ``json(bytes(...))``: text is
only ever data there, never markup, so no text can run Typst code. The
output is reproducible: the document date (and the PDF's timestamp) is the
render date, so two renders of the same framework on the same date give the
same bytes.

Before compiling, every character is checked against the fonts Typst can
use (see `competency.render.fonts`); a character no font has stops the
render with `MissingGlyphsError` instead of printing empty boxes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from competency.diagnostics import require_extra
from competency.render._jinja import template_path
from competency.render.errors import MissingGlyphsError, RenderError
from competency.render.fonts import find_missing_glyphs
from competency.render.view import SiteView, to_data

__all__ = [
    "MAP_PAGE",
    "TEMPLATE",
    "compile_pdf",
    "map_key_svg",
    "map_size",
    "map_svg",
    "render_pdf",
    "strings",
]

#: The Typst template, relative to a templates folder.
TEMPLATE = "pdf/ladders.typ"


def strings(value: Any) -> Iterator[str]:
    """Every string inside JSON-ready data, keys excepted, in document order."""
    # A stack, not nested generators: each yield would pass through every level above.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(reversed(item.values()))
        elif isinstance(item, list):
            stack.extend(reversed(item))


def _timestamp(day: str) -> int:
    """Midnight UTC of the render date, as the PDF's creation time."""
    moment = datetime.combine(date.fromisoformat(day), datetime.min.time(), tzinfo=UTC)
    return int(moment.timestamp())


def compile_pdf(
    template: Path, data: Any, font_paths: Sequence[str | os.PathLike[str]] = ()
) -> bytes:
    """Compile the Typst `template` with `data` as ``sys.inputs.data``; return the PDF."""
    typst = require_extra("typst", "pdf", "PDF output", "the typst package")
    missing = find_missing_glyphs(strings(data), font_paths)
    if missing:
        raise MissingGlyphsError(missing)
    try:
        pdf: bytes = typst.compile(
            str(template),
            root=str(template.parent),
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
            font_paths=[os.fspath(p) for p in font_paths],
            timestamp=_timestamp(data["date"]),
        )
    except typst.TypstError as error:
        raise RenderError(f"{template}: Typst could not compile the PDF: {error}") from None
    return pdf


#: The room the career map has on its A4 landscape page, in millimetres: the
#: width between the margins, and the height left under the heading and key.
MAP_PAGE = (269.0, 152.0)
#: The smallest text the map is drawn at when a bigger size would shrink it.
_POINTS_PER_MM = 72 / 25.4


def map_size(site: SiteView) -> float:
    """The map's text size (SVG units) that prints largest once the map fills `MAP_PAGE`.

    A bigger size makes labels wrap into more lines and rows grow, so the
    drawing gets taller and may be shrunk more to fit: the sizes from 11
    to 40 are tried and the one whose printed text is largest wins.
    """
    from competency.render.careermap import layout

    best, best_points = 11.0, 0.0
    for size in range(11, 41):
        drawing = layout(site.career_map, size=size)
        scale = min(MAP_PAGE[0] / drawing.width, MAP_PAGE[1] / drawing.height)
        points = size * scale * _POINTS_PER_MM
        if points > best_points:
            best, best_points = float(size), points
    return best


def map_svg(site: SiteView, templates: Path | None = None) -> str:
    """The career map as the SVG the HTML page draws, without links, sized for the PDF page."""
    from competency.render._jinja import environment
    from competency.render.careermap import layout

    env = environment(templates, autoescape=True)
    source = '{% import "html/map.svg.j2" as maps %}{{ maps.draw(shape, title, "map", false) }}'
    drawing = env.from_string(source)
    shape = layout(site.career_map, size=map_size(site))
    return drawing.render(shape=shape, title=site.messages["career_map"])


def map_key_svg(site: SiteView, templates: Path | None = None) -> str:
    """The key to the map's line styles, one sample and name per move type drawn."""
    from competency.render._jinja import environment
    from competency.render.careermap import layout

    env = environment(templates, autoescape=True)
    source = '{% import "html/map.svg.j2" as maps %}{{ maps.key_svg(shape, title) }}'
    key = env.from_string(source)
    return key.render(shape=layout(site.career_map), title=site.messages["move_type"])


def render_pdf(
    site: SiteView,
    templates: Path | None = None,
    *,
    font_paths: Sequence[str | os.PathLike[str]] = (),
    role: str | None = None,
) -> dict[str, bytes]:
    """The PDF of `site`: a cover with the scale and career map, then a ladder per role.

    The file is named after the framework, or after `role` when only one
    role was rendered.
    """
    name = role if role is not None else site.id
    data = to_data(site)
    data["map_svg"] = map_svg(site, templates)
    data["map_key_svg"] = map_key_svg(site, templates) if site.career_map.moves else ""
    pdf = compile_pdf(template_path(TEMPLATE, templates), data, font_paths)
    return {f"{name}.pdf": pdf}
