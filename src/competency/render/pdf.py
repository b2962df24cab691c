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
from competency.render.view import CareerMapView, SiteView, to_data

__all__ = [
    "MAP_PAGE",
    "MIN_MAP_POINTS",
    "TEMPLATE",
    "compile_pdf",
    "map_column",
    "map_fill",
    "map_key_svg",
    "map_pages",
    "map_points",
    "map_row",
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
#: Points in a millimetre.
_POINTS_PER_MM = 72 / 25.4


#: The smallest text, in points, a map may print at; below it, fewer roles a page.
MIN_MAP_POINTS = 8.0

#: The column widths (SVG units) tried for a map: wider columns wrap labels
#: into fewer lines, so a tall map gets shorter and wider, nearer the page's shape.
_COLUMNS = (150, 170, 190, 215, 240, 270, 300)


def map_size(site: SiteView | CareerMapView) -> float:
    """The map's text size (SVG units) that prints largest once the map fills `MAP_PAGE`.

    A bigger size makes labels wrap into more lines and rows grow, so the
    drawing gets taller and may be shrunk more to fit: the sizes from 11
    to 40, each with the column widths of `_COLUMNS`, are tried and the
    pair whose printed text is largest wins (on a tie, the one that
    covers more of the page).
    """
    return _best_size(_map_of(site))[0]


def map_column(site: SiteView | CareerMapView) -> int:
    """The narrowest column (SVG units) of the map drawn at `map_size`."""
    return _best_size(_map_of(site))[2]


def map_points(site: SiteView | CareerMapView) -> float:
    """The printed size, in points, of the map's text at `map_size`."""
    return _best_size(_map_of(site))[1]


def map_fill(site: SiteView | CareerMapView) -> float:
    """The share of `MAP_PAGE` the map covers once scaled to fit it."""
    return _best_size(_map_of(site))[3]


def _map_of(site: SiteView | CareerMapView) -> CareerMapView:
    return site.career_map if isinstance(site, SiteView) else site


_Best = tuple[float, float, int, float, int]
_BEST: dict[int, tuple[CareerMapView, _Best]] = {}


def _best_size(career_map: CareerMapView) -> _Best:
    """(size, printed points, column, share of the page, row) of the map's best drawing."""
    cached = _BEST.get(id(career_map))
    if cached is not None and cached[0] is career_map:
        return cached[1]
    tried = [best for _found, best in _search(career_map)]
    best = tried[-1]
    chosen: _Best = (*best, _row(career_map, best))
    if len(_BEST) > 64:
        _BEST.clear()
    _BEST[id(career_map)] = (career_map, chosen)
    return chosen


_Drawing = tuple[float, float, int, float]


def _search(career_map: CareerMapView) -> Iterator[tuple[_Drawing, _Drawing]]:
    """Each drawing tried, with the best so far: for each column width, every fourth
    size, then the sizes around the best of those (the printed size rises with the
    text size until wrapping makes the map too tall)."""

    def better(a: _Drawing, b: _Drawing) -> bool:
        return (a[1], a[3]) > (b[1], b[3])

    best: _Drawing = (11.0, 0.0, _COLUMNS[0], 0.0)
    for column in _COLUMNS:
        coarse = best
        for size in range(11, 41, 4):
            found = _measure(career_map, size, column)
            coarse = found if better(found, coarse) else coarse
            yield found, coarse if better(coarse, best) else best
        centre = int(coarse[0]) if coarse[2] == column else 11
        for size in range(max(11, centre - 3), min(40, centre + 3) + 1):
            found = _measure(career_map, size, column)
            coarse = found if better(found, coarse) else coarse
            yield found, coarse if better(coarse, best) else best
        best = coarse if better(coarse, best) else best


def _measure(career_map: CareerMapView, size: int, column: int) -> tuple[float, float, int, float]:
    """(size, printed points, column, share of the page) of the map drawn at `size`, `column`."""
    from competency.render.careermap import layout

    drawing = layout(career_map, size=size, min_column=column)
    scale = min(MAP_PAGE[0] / drawing.width, MAP_PAGE[1] / drawing.height)
    points = round(size * scale * _POINTS_PER_MM, 2)
    fill = drawing.width * drawing.height * scale * scale / (MAP_PAGE[0] * MAP_PAGE[1])
    return float(size), points, column, fill


def _prints_large_enough(career_map: CareerMapView) -> bool:
    """Whether a drawing `_best_size` tries prints at `MIN_MAP_POINTS` or more.

    It stops at the first that does: deciding which roles share a page asks
    this of many maps.
    """
    cached = _BEST.get(id(career_map))
    if cached is not None and cached[0] is career_map:
        return cached[1][1] >= MIN_MAP_POINTS
    return any(found[1] >= MIN_MAP_POINTS for found, _best in _search(career_map))


def map_row(site: SiteView | CareerMapView) -> int:
    """The lowest row (SVG units) of the map drawn at `map_size`: raised so that a map
    wider than the page's shape fills its height too."""
    return _best_size(_map_of(site))[4]


def _row(career_map: CareerMapView, best: tuple[float, float, int, float]) -> int:
    """The highest row height that keeps the drawing within the page's shape (by bisection)."""
    from competency.render.careermap import layout

    size, column = int(best[0]), best[2]
    drawing = layout(career_map, size=size, min_column=column)
    tallest = drawing.width * MAP_PAGE[1] / MAP_PAGE[0]
    low, high = 50, 50 + round(tallest)
    while low < high:
        middle = (low + high + 1) // 2
        if layout(career_map, size=size, min_column=column, min_row=middle).height <= tallest:
            low = middle
        else:
            high = middle - 1
    return low


def map_pages(site: SiteView) -> list[tuple[str, CareerMapView]]:
    """The maps the PDF draws, each with its heading's suffix: the whole map when its text
    prints at `MIN_MAP_POINTS` or more, else one map per family of roles (its roles, the
    moves between them, and the outside roles they lead to or come from).

    Moves between families are in the table of moves after the maps.
    """
    whole = site.career_map
    if len(site.families) < 2 or _prints_large_enough(whole):
        return [("", whole)]
    pages = []
    for family in site.families:
        members = {role.id for track in family.tracks for role in track.roles}
        order = [role.id for role in whole.roles if role.id in members]  # the map's own order
        groups = _groups(whole, order)
        for number, group in enumerate(groups, start=1):
            title = family.name if len(groups) == 1 else f"{family.name} ({number}/{len(groups)})"
            pages.append((title, _restricted(whole, set(group))))
    return pages


def _groups(whole: CareerMapView, order: list[str]) -> list[list[str]]:
    """`order` cut into runs of roles whose map prints at `MIN_MAP_POINTS` or more.

    Greedy, in the family's order: a role joins the current page while the
    page still prints large enough (a role alone always gets a page).
    """
    groups: list[list[str]] = []
    current: list[str] = []
    for role in order:
        trial = [*current, role]
        if current and not _prints_large_enough(_restricted(whole, set(trial))):
            groups.append(current)
            current = [role]
        else:
            current = trial
    if current:
        groups.append(current)
    return groups


def _restricted(whole: CareerMapView, role_ids: set[str]) -> CareerMapView:
    """`whole` with only the roles in `role_ids`, their moves among themselves and outside."""
    roles = tuple(role for role in whole.roles if role.id in role_ids)
    keys = {level.key for role in roles for level in role.levels}
    outside = {node.key for node in whole.externals}
    moves = tuple(
        move
        for move in whole.moves
        if (move.source in keys or move.source in outside)
        and (move.target in keys or move.target in outside)
        and (move.source in keys or move.target in keys)
    )
    used = {move.source for move in moves} | {move.target for move in moves}
    externals = tuple(node for node in whole.externals if node.key in used)
    return CareerMapView(whole.grades, roles, externals, moves)


def map_svg(
    site: SiteView, templates: Path | None = None, career_map: CareerMapView | None = None
) -> str:
    """The career map as the SVG the HTML page draws, without links, sized for the PDF page."""
    from competency.render._jinja import environment
    from competency.render.careermap import layout

    shown = career_map if career_map is not None else site.career_map
    env = environment(templates, autoescape=True)
    source = '{% import "html/map.svg.j2" as maps %}{{ maps.draw(shape, title, "map", false) }}'
    drawing = env.from_string(source)
    shape = layout(
        shown, size=map_size(shown), min_column=map_column(shown), min_row=map_row(shown)
    )
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
    data["map_pages"] = [
        {"title": title, "svg": map_svg(site, templates, part)} for title, part in map_pages(site)
    ]
    data["map_key_svg"] = map_key_svg(site, templates) if site.career_map.moves else ""
    pdf = compile_pdf(template_path(TEMPLATE, templates), data, font_paths)
    return {f"{name}.pdf": pdf}
