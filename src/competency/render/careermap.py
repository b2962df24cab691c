"""The career map as a drawing: grades as rows, roles as columns, moves as arrows.

`layout` places a `CareerMapView` (or the part of it around one role) on a
grid and returns plain data: boxes, arrows and labels with coordinates. The
templates draw it as an inline SVG in HTML (``html/map.svg.j2``, autoescaped)
and the PDF embeds the same SVG, so both formats show one drawing. Higher
grades are drawn higher up, so a promotion points up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from competency.render.view import CareerMapView, MapRole, MoveView

__all__ = ["Arrow", "Box", "Column", "MapLayout", "layout", "wrap"]

_LEFT = 78  # the grade labels
_TOP = 50  # the role titles
_COLUMN = 150
_ROW = 68
_BOX_HEIGHT = 50
_GAP = 10
_LINE = 13
_CHARS = 21


@dataclass(frozen=True, slots=True)
class Box:
    """A level or an outside role on the map."""

    key: str
    ref: str
    lines: tuple[str, ...]
    x: int
    y: int
    width: int
    height: int
    external: bool = False
    focus: bool = False


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
    """A column header: a role's title, wrapped."""

    x: int
    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MapLayout:
    """Everything the SVG template draws."""

    width: int
    height: int
    columns: tuple[Column, ...]
    rows: tuple[tuple[int, str], ...]
    """(y, grade name) for each grade, highest first."""
    boxes: tuple[Box, ...]
    arrows: tuple[Arrow, ...]
    types: tuple[tuple[str, str], ...]
    """The move types drawn, with their names, for the key."""


def wrap(text: str, width: int = _CHARS, lines: int = 3) -> tuple[str, ...]:
    """`text` cut into at most `lines` lines of about `width` characters, at spaces."""
    out: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            out.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
        if len(out[-1]) > width:
            out[-1] = out[-1][: width - 1].rstrip() + "…"
    return tuple(out) or ("",)


def layout(career_map: CareerMapView, role: str | None = None) -> MapLayout:
    """The drawing of `career_map`, or only of `role`'s levels and the moves that touch it."""
    moves = list(career_map.moves)
    roles = list(career_map.roles)
    if role is not None:
        keys = {level.key for r in roles if r.id == role for level in r.levels}
        moves = [m for m in moves if m.source in keys or m.target in keys]
        touched = {m.source for m in moves} | {m.target for m in moves} | keys
        roles = [r for r in roles if r.id == role or any(lv.key in touched for lv in r.levels)]
        externals = [x for x in career_map.externals if x.key in touched]
    else:
        externals = list(career_map.externals)
    grades = [g.id for g in career_map.grades]
    used = sorted({_grade_row(grades, lv.grade) for r in roles for lv in r.levels})
    rows = max(len(used), len(externals), 1)
    lowest, highest = (used[0], used[-1]) if used else (0, 0)
    shown_grades = list(range(highest, lowest - 1, -1)) if used else []
    while len(shown_grades) < rows:
        shown_grades.append(-1)

    def row_y(grade_row: int) -> int:
        return _TOP + shown_grades.index(grade_row) * _ROW

    boxes: dict[str, Box] = {}
    columns = []
    for i, map_role in enumerate(roles):
        x = _LEFT + i * _COLUMN
        columns.append(Column(x, wrap(map_role.title, _CHARS, 3)))
        boxes.update(_role_boxes(map_role, x, grades, row_y, role))
    if externals:
        x = _LEFT + len(roles) * _COLUMN
        columns.append(Column(x, ()))
        for j, node in enumerate(externals):
            boxes[node.key] = Box(
                node.key,
                node.ref,
                wrap(node.label),
                x + _GAP // 2,
                _TOP + j * _ROW,
                _COLUMN - _GAP,
                _BOX_HEIGHT,
                external=True,
            )
    arrows = tuple(_arrow(boxes[m.source], boxes[m.target], m) for m in moves)
    names = {m.type: m.type_name for m in moves}
    return MapLayout(
        width=_LEFT + len(columns) * _COLUMN + _GAP,
        height=_TOP + len(shown_grades) * _ROW + _GAP,
        columns=tuple(columns),
        rows=tuple((row_y(g), career_map.grades[g].name) for g in shown_grades if g >= 0),
        boxes=tuple(boxes.values()),
        arrows=arrows,
        types=tuple(names.items()),
    )


def _grade_row(grades: list[str], grade: str) -> int:
    return grades.index(grade) if grade in grades else 0


def _role_boxes(
    map_role: MapRole,
    x: int,
    grades: list[str],
    row_y: Callable[[int], int],
    focus: str | None,
) -> dict[str, Box]:
    """The boxes of one role's levels; levels that share a grade share its row."""
    boxes = {}
    by_grade: dict[str, list[int]] = {}
    for index, level in enumerate(map_role.levels):
        by_grade.setdefault(level.grade, []).append(index)
    for grade, members in by_grade.items():
        width = (_COLUMN - _GAP) // len(members)
        for slot, index in enumerate(members):
            level = map_role.levels[index]
            boxes[level.key] = Box(
                level.key,
                level.ref,
                wrap(level.label, max(8, _CHARS * width // (_COLUMN - _GAP))),
                x + _GAP // 2 + slot * width,
                row_y(_grade_row(grades, grade)),
                width - (4 if len(members) > 1 else 0),
                _BOX_HEIGHT,
                focus=map_role.id == focus,
            )
    return boxes


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
