"""The Mermaid charts of the Markdown pages, as data: a role's chart and a family's chart.

GitHub draws a Mermaid chart at the width of the page's column, so a chart
stays readable only when it is small and narrow. Both charts run left to
right (``flowchart LR``): the boxes a move fans out to stack in a column
instead of spreading across the page, and arrows carry no labels (a label
is a box of its own to Mermaid's layout):

- a role's chart (`role_chart`) has that role's levels, highest first, and
  the other ends of the moves into and out of them, at most `MAX_BOXES`
  boxes; moves between its own levels are the ladder and are left to the
  table, so the chart stays about three boxes wide (where people come
  from, the role, where they go) however long the ladder is. When there
  are more other ends than room, the ones joined to the role by more
  moves, by the stronger move type (promotion first) and at the nearer
  grade are kept, and `hidden` counts the moves left for the table;
- a family's chart (`family_chart`) has one box per role, the family's
  roles and the roles of other families its moves reach, and one arrow per
  pair of roles that any move joins, solid when one of them is a promotion
  (moves within a role and moves to outside roles are not drawn; the table
  lists them).

Labels are plain text here; the template escapes them with the `mermaid`
filter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from competency.render.view import CareerMapView, MapRole, MoveView, SiteView

__all__ = ["MAX_BOXES", "Chart", "ChartEdge", "ChartNode", "family_chart", "role_chart"]

#: The most boxes a role's chart draws.
MAX_BOXES = 15

#: Move types from the strongest tie between two boxes to the weakest.
_TYPE_ORDER = ("promotion", "track-change", "lateral", "feeder", "exit")


@dataclass(frozen=True, slots=True)
class ChartNode:
    """A box. `kind` is ``own`` for the levels (or roles) the chart is about,
    ``other`` for another role's level, ``family`` for a role of another family
    and ``external`` for a role outside the framework."""

    key: str
    label: str
    kind: str = "other"


@dataclass(frozen=True, slots=True)
class ChartEdge:
    """An arrow; `promotion` draws it solid, anything else dotted."""

    source: str
    target: str
    promotion: bool


@dataclass(frozen=True, slots=True)
class Chart:
    """A Mermaid flowchart: its boxes, its arrows, and the moves only the table shows."""

    nodes: tuple[ChartNode, ...]
    edges: tuple[ChartEdge, ...]
    hidden: int = 0
    direction: str = "LR"


def _rank(move_type: str) -> int:
    return _TYPE_ORDER.index(move_type) if move_type in _TYPE_ORDER else len(_TYPE_ORDER)


def _edge(move: MoveView) -> ChartEdge:
    return ChartEdge(move.source, move.target, move.type == "promotion")


def _other_labels(career_map: CareerMapView, role_id: str) -> dict[str, str]:
    """Labels of the boxes of other roles and outside roles: the level's title, with its
    role's title in front when the level's title does not already say it."""
    labels = {node.key: node.label for node in career_map.externals}
    for other in career_map.roles:
        if other.id == role_id:
            continue
        for level in other.levels:
            named = other.title.casefold() in level.label.casefold()
            labels[level.key] = level.label if named else f"{other.title}: {level.label}"
    return labels


def role_chart(career_map: CareerMapView, role_id: str, limit: int = MAX_BOXES) -> Chart:
    """The chart of one role: its levels and the nearest, most important other ends."""
    mine = next((r for r in career_map.roles if r.id == role_id), None)
    if mine is None:
        return Chart((), ())
    own = {level.key: level for level in mine.levels}
    moves = [m for m in career_map.moves if m.source in own or m.target in own]
    if not moves:
        return Chart((), ())
    grades = [g.id for g in career_map.grades]
    grade_of = {lv.key: lv.grade for r in career_map.roles for lv in r.levels}
    labels = _other_labels(career_map, role_id)

    def position(grade: str) -> int:
        return grades.index(grade) if grade in grades else 0

    count: Counter[str] = Counter()
    strongest: dict[str, int] = {}
    nearest: dict[str, int] = {}
    for move in moves:
        mine_end, other = (move.source, move.target)
        if mine_end not in own:
            mine_end, other = other, mine_end
        if other in own:
            continue
        count[other] += 1
        strongest[other] = min(strongest.get(other, len(_TYPE_ORDER)), _rank(move.type))
        distance = (
            abs(position(grade_of[other]) - position(own[mine_end].grade))
            if other in grade_of
            else len(grades)
        )
        nearest[other] = min(nearest.get(other, distance), distance)
    order = {key: i for i, key in enumerate(count)}
    room = max(limit - len(own), 0)
    kept = sorted(count, key=lambda k: (-count[k], strongest[k], nearest[k], order[k]))[:room]
    shown = set(own) | set(kept)
    drawn = [m for m in moves if m.source in shown and m.target in shown]
    ladder = [m for m in drawn if m.source in own and m.target in own]
    nodes = [ChartNode(level.key, level.label, "own") for level in reversed(mine.levels)]
    outside = {node.key for node in career_map.externals}
    nodes += [
        ChartNode(k, labels[k], "external" if k in outside else "other")
        for k in count
        if k in shown
    ]
    edges = tuple(_edge(m) for m in drawn if m not in ladder)
    if not edges:  # only the ladder's own promotions: the table says it all
        return Chart((), ())
    return Chart(tuple(nodes), edges, hidden=len(moves) - len(drawn))


def family_chart(site: SiteView, family: str) -> Chart:
    """The chart of a family: one box per role, one arrow per pair of roles a move joins."""
    career_map = site.career_map
    family_of = {role.id: role.family for role in site.roles}
    role_at: dict[str, MapRole] = {lv.key: r for r in career_map.roles for lv in r.levels}
    members = [r for r in career_map.roles if family_of.get(r.id) == family]
    ids = {r.id for r in members}
    pairs: dict[tuple[str, str], list[MoveView]] = {}
    for move in career_map.moves:
        source, target = role_at.get(move.source), role_at.get(move.target)
        if source is None or target is None or source.id == target.id:
            continue
        if source.id in ids or target.id in ids:
            pairs.setdefault((source.key, target.key), []).append(move)
    reached = dict.fromkeys(k for pair in pairs for k in pair)
    nodes = [ChartNode(r.key, r.title, "own") for r in members]
    nodes += [
        ChartNode(r.key, r.title, "family")
        for r in career_map.roles
        if r.key in reached and r.id not in ids
    ]
    edges = tuple(
        ChartEdge(source, target, any(m.type == "promotion" for m in joined))
        for (source, target), joined in pairs.items()
    )
    return Chart(tuple(nodes), edges)
