"""The career map as a drawing: grades as rows, roles as columns, moves as arrows.

`layout` places a `CareerMapView` (or the part of it around one role) on a
grid and returns plain data: boxes, arrows and labels with coordinates. The
templates draw it as an inline SVG in HTML (``html/map.svg.j2``, autoescaped)
and the PDF embeds the same SVG, so both formats show one drawing. Higher
grades are drawn higher up, so a promotion points up.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from competency.render.linebreak import longest_unit, wrap_to_width
from competency.render.view import CareerMapView, MapLevel, MapNode, MapRole, MoveView

__all__ = ["Arrow", "Box", "Column", "GradeRow", "MapLayout", "layout"]

_LEFT = 78  # the grade labels
_COLUMN = 150
_ROW_GAP = 18
_BOX_HEIGHT = 50
_GAP = 10
_PAD = 6  # inside a box, left and right of its text
#: The text size the HTML draws at; the PDF draws larger (see `layout`).
SIZE = 11.0


@dataclass(frozen=True, slots=True)
class Box:
    """A level or an outside role on the map; `text_y` is the first line's baseline."""

    key: str
    ref: str
    lines: tuple[str, ...]
    x: int
    y: int
    width: int
    height: int
    external: bool = False
    focus: bool = False
    text_y: int = 0


@dataclass(frozen=True, slots=True)
class Arrow:
    """A move, as an SVG path from one box to another."""

    path: str
    type: str
    label: str
    """From, to and type in words, for the tooltip and screen readers."""
    target: str
    """The ref of the destination (a level, or external:ID)."""


@dataclass(frozen=True, slots=True)
class Column:
    """A column header: a role's title, wrapped to the column's width."""

    x: int
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class GradeRow:
    """A grade's row: where it starts, how tall it is, and its name in lines."""

    y: int
    height: int
    lines: tuple[str, ...]
    text_y: int = 0


@dataclass(frozen=True, slots=True)
class MapLayout:
    """Everything the SVG template draws, in SVG units; `size` is the text size."""

    width: int
    height: int
    columns: tuple[Column, ...]
    rows: tuple[GradeRow, ...]
    """Each grade shown, highest first."""
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    types: tuple[tuple[str, str], ...]
    """The move types drawn, with their names, for the key."""
    size: float = SIZE
    line: int = 13
    """The distance between two lines of text."""
    left: int = _LEFT
    """The width of the grade labels' column."""
    column: int = _COLUMN


def _roles_around(
    career_map: CareerMapView, role: str
) -> tuple[list[MapRole], list[MapNode], list[MoveView]]:
    """`role` first with all its levels, then the other ends of the moves into or out of it."""
    mine = [r for r in career_map.roles if r.id == role]
    keys = {level.key for r in mine for level in r.levels}
    moves = [m for m in career_map.moves if m.source in keys or m.target in keys]
    touched = {m.source for m in moves} | {m.target for m in moves}
    others = []
    for other in career_map.roles:
        if other.id == role:
            continue
        levels = tuple(lv for lv in other.levels if lv.key in touched)
        if levels:
            others.append(replace(other, levels=levels))
    externals = [x for x in career_map.externals if x.key in touched]
    return mine + others, externals, moves


def layout(
    career_map: CareerMapView,
    role: str | None = None,
    size: float = SIZE,
    min_column: int = _COLUMN,
    min_row: int = _BOX_HEIGHT,
) -> MapLayout:
    """The drawing of `career_map`, or of `role`'s levels and the moves into and out of them.

    Around a role, that role comes first and other roles show only the
    levels a move joins to it. Labels are wrapped to their box's width at
    text size `size` (measured, see `competency.render.linebreak`), and a
    grade's row grows to hold its tallest label. `min_column` is the narrowest
    a column may be: the PDF widens columns so that a tall map fills its
    page's width too. `min_row` is the lowest a grade's row may be: the PDF
    raises rows so that a wide map fills its page's height.
    """
    if role is not None:
        roles, externals, moves = _roles_around(career_map, role)
    else:
        roles, externals = list(career_map.roles), list(career_map.externals)
        moves = list(career_map.moves)
    line = round(size * 1.2)
    # Columns widen (up to a limit) until their longest word fits, so a word is
    # cut between letters only when it is longer than that.
    words = [longest_unit(r.title, size, bold=True) for r in roles]
    words += [longest_unit(lv.label, size) for r in roles for lv in r.levels]
    words += [longest_unit(x.label, size) for x in externals]
    longest = max(words, default=0) + 2 * _PAD + _GAP + 2
    column_width = round(max(min_column, min(longest, 12 * size)))
    grade_word = max((longest_unit(g.name, size, bold=True) for g in career_map.grades), default=0)
    left = round(max(_LEFT, min(grade_word + 10, 8 * size)))
    grades = [g.id for g in career_map.grades]
    used = sorted({_grade_row(grades, lv.grade) for r in roles for lv in r.levels})
    shown: list[int] = list(range(used[-1], used[0] - 1, -1)) if used else []
    while len(shown) < max(len(externals), 1):
        shown.append(-1)

    titles = [wrap_to_width(r.title, column_width - 2 * _PAD, size, bold=True) for r in roles]
    top = max(50, round(size * 1.3) + (max(map(len, titles), default=1) - 1) * line + 24)
    labels: dict[str, tuple[str, ...]] = {}
    needed = [1] * len(shown)
    for map_role in roles:
        by_grade = _by_grade(map_role)
        for grade, members in by_grade.items():
            width = (column_width - _GAP) // len(members) - (4 if len(members) > 1 else 0)
            row = shown.index(_grade_row(grades, grade))
            for level in members:
                labels[level.key] = wrap_to_width(level.label, width - 2 * _PAD, size)
                needed[row] = max(needed[row], len(labels[level.key]))
    for j, node in enumerate(externals):
        labels[node.key] = wrap_to_width(node.label, column_width - _GAP - 2 * _PAD, size)
        needed[j] = max(needed[j], len(labels[node.key]))
    grade_lines = [
        wrap_to_width(career_map.grades[g].name, left - 8, size, bold=True) if g >= 0 else ()
        for g in shown
    ]
    heights = [
        max(min_row, n * line + 2 * _PAD, len(g) * line + 2 * _PAD)
        for n, g in zip(needed, grade_lines, strict=True)
    ]
    tops = [top + sum(heights[:i]) + i * _ROW_GAP for i in range(len(shown))]

    def baseline(row: int, count: int) -> int:
        """Where the first of `count` lines centred in `row` sits."""
        return tops[row] + (heights[row] - count * line) // 2 + round(size * 0.85)

    def place(key: str, ref: str, x: int, row: int, width: int, **flags: bool) -> Box:
        lines = labels[key]
        text_y = baseline(row, len(lines))
        return Box(key, ref, lines, x, tops[row], width, heights[row], text_y=text_y, **flags)

    boxes: dict[str, Box] = {}
    columns = []
    for i, map_role in enumerate(roles):
        x = left + i * column_width
        columns.append(Column(x, titles[i]))
        for grade, members in _by_grade(map_role).items():
            width = (column_width - _GAP) // len(members)
            row = shown.index(_grade_row(grades, grade))
            for slot, level in enumerate(members):
                boxes[level.key] = place(
                    level.key,
                    level.ref,
                    x + _GAP // 2 + slot * width,
                    row,
                    width - (4 if len(members) > 1 else 0),
                    focus=map_role.id == role,
                )
    if externals:
        x = left + len(roles) * column_width
        columns.append(Column(x, ()))
        for j, node in enumerate(externals):
            boxes[node.key] = place(
                node.key, node.ref, x + _GAP // 2, j, column_width - _GAP, external=True
            )
    arrows = tuple(_arrow(boxes[m.source], boxes[m.target], m) for m in moves)
    names = {m.type: m.type_name for m in moves}
    rows = tuple(
        GradeRow(tops[i], heights[i], grade_lines[i], baseline(i, len(grade_lines[i])))
        for i, g in enumerate(shown)
        if g >= 0
    )
    height = (tops[-1] + heights[-1] if shown else top) + _GAP
    return MapLayout(
        width=left + len(columns) * column_width + _GAP,
        height=height,
        columns=tuple(columns),
        rows=rows,
        boxes=tuple(boxes.values()),
        arrows=arrows,
        types=tuple(names.items()),
        size=size,
        line=line,
        left=left,
        column=column_width,
    )


def _grade_row(grades: list[str], grade: str) -> int:
    return grades.index(grade) if grade in grades else 0


def _by_grade(map_role: MapRole) -> dict[str, list[MapLevel]]:
    """A role's levels by grade; levels that share a grade share its row."""
    found: dict[str, list[MapLevel]] = {}
    for level in map_role.levels:
        found.setdefault(level.grade, []).append(level)
    return found


def _arrow(source: Box, target: Box, move: MoveView) -> Arrow:
    """A path from `source` to `target`: straight within a column, curved between columns."""
    sx, sy = source.x + source.width // 2, source.y + source.height // 2
    tx, ty = target.x + target.width // 2, target.y + target.height // 2
    if abs(sx - tx) < _COLUMN // 2:
        if ty < sy:
            start, end = (sx, source.y), (tx, target.y + target.height)
        elif ty > sy:
            start, end = (sx, source.y + source.height), (tx, target.y)
        else:
            start, end = (source.x + source.width, sy), (target.x, ty)
        path = f"M{start[0]},{start[1]} L{end[0]},{end[1]}"
    else:
        right = tx > sx
        start = (source.x + source.width if right else source.x, sy)
        end = (target.x if right else target.x + target.width, ty)
        bend = (end[0] - start[0]) // 2
        path = (
            f"M{start[0]},{start[1]} C{start[0] + bend},{start[1]} "
            f"{end[0] - bend},{end[1]} {end[0]},{end[1]}"
        )
    label = f"{move.source_label} → {move.target_label} ({move.type_name})"
    return Arrow(path, move.type, label, target.ref)
