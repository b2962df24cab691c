"""Where a review in the browser may edit an evidence file's text: lines, not meanings.

The promotion packet's review mode (``html/review.js``) downloads the
evidence file with the manager's changes applied to the original text:
a ``suggested: true`` line deleted (confirmed), an item's lines removed
(dropped), assessments and a history entry added as new lines, the
``level:`` value replaced. This module reads the text once with the
parser's events and says which lines those edits touch, so the page only
splices lines. Every number is a line index from 0, in the lines the YAML
parser counts (``\\r\\n``, ``\\r``, ``\\n``, U+0085, U+2028 and U+2029 end a
line). A part written in a way a line edit cannot change safely (a flow
mapping, a value on the line of its dash) is None, and the page says to
edit the file by hand. No rule of the analysis is here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml

from competency.load import Loader

__all__ = ["review_anchors"]

_BOM = "\ufeff"


def review_anchors(text: str) -> dict[str, Any] | None:
    """What the review script needs to edit `text` (an evidence file), or None when it cannot.

    None for text that is not a block mapping of YAML; the packet then has
    no review mode.
    """
    bom = text.startswith(_BOM)
    body = text[1:] if bom else text
    try:
        events = list(yaml.parse(body, Loader=Loader))
    except yaml.YAMLError:
        return None
    top = _top(events)
    if top is None:
        return None
    start, walk = top
    found: dict[str, Any] = {
        "text": body,
        "bom": bom,
        "key_column": start.start_mark.column,
        "items": [],
        "items_key": None,
        "assessments": None,
        "history": None,
        "confirmed": None,
        "level": None,
    }
    lines = _lines(body)
    while True:
        key = next(walk)
        if isinstance(key, yaml.MappingEndEvent):
            break
        value = next(walk)
        name = key.value if isinstance(key, yaml.ScalarEvent) else None
        if name == "items" and isinstance(value, yaml.SequenceStartEvent):
            found["items_key"] = key.start_mark.line if not value.flow_style else None
            found["items"] = _items(value, walk, lines)
            continue
        if name in ("assessments", "history") and isinstance(value, yaml.SequenceStartEvent):
            found[name] = _list_end(key, value, walk, lines)
            continue
        end = _skip(value, walk)
        if name == "confirmed" and isinstance(value, yaml.MappingStartEvent):
            found["confirmed"] = {"start": key.start_mark.line, "end": end + 1}
        elif name == "level" and _one_line(key, value):
            found["level"] = {
                "line": value.start_mark.line,
                "start": value.start_mark.column,
                "end": value.end_mark.column,
            }
    return found


def _one_line(key: Any, value: Any) -> bool:
    """Whether `value` is a scalar on the line of its `key`."""
    marks: Any = (value.start_mark, value.end_mark, key.start_mark)
    return isinstance(value, yaml.ScalarEvent) and (marks[0].line == marks[1].line == marks[2].line)


def _lines(text: str) -> list[str]:
    """The lines of `text` as the parser counts them, without their breaks."""
    return re.split("\r\n|[\r\n\x85\u2028\u2029]", text)


def _top(events: list[Any]) -> tuple[Any, Iterator[Any]] | None:
    walk: Iterator[Any] = iter(events)
    for event in walk:
        if isinstance(event, yaml.MappingStartEvent):
            return None if event.flow_style else (event, walk)
        if isinstance(event, yaml.NodeEvent | yaml.CollectionStartEvent):
            return None
    return None


def _skip(start: Any, walk: Iterator[Any]) -> int:
    """Move past one node; the line its last character is on."""
    if isinstance(start, yaml.ScalarEvent | yaml.AliasEvent):
        return _end_line(start)
    last = int(start.start_mark.line)
    depth = 1
    event: Any
    for event in walk:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            marks: Any = (event.start_mark, event.end_mark)
            if marks[0].index != marks[1].index:  # a flow ']' or '}'
                last = int(marks[1].line)
            if depth == 0:
                return last
        elif isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
            last = _end_line(event)
    return last


def _end_line(event: Any) -> int:
    """The line an event's node ends on."""
    return int(event.end_mark.line)


def _items(start: Any, walk: Iterator[Any], lines: list[str]) -> list[dict[str, Any]]:
    """Each item's label (its id, else #N), its lines, and its ``suggested`` line."""
    found: list[dict[str, Any]] = []
    for event in walk:
        if isinstance(event, yaml.SequenceEndEvent):
            break
        index = len(found)
        entry: dict[str, Any] = {"label": f"#{index + 1}", "start": None, "end": None}
        entry["suggested"] = None
        first = int(event.start_mark.line)
        dashed = _dash_line(lines, first, event.start_mark.column)
        if not isinstance(event, yaml.MappingStartEvent):
            end = _skip(event, walk)
        else:
            flow = bool(start.flow_style or event.flow_style)
            end = first
            while True:
                key = next(walk)
                if isinstance(key, yaml.MappingEndEvent):
                    end = max(end, _end_line(key)) if flow else end
                    break
                value = next(walk)
                last = _skip(value, walk)
                end = max(end, last)
                name = key.value if isinstance(key, yaml.ScalarEvent) else None
                if name == "id" and isinstance(value, yaml.ScalarEvent):
                    entry["label"] = value.value
                alone = not flow and _alone(lines, key, value, last)
                if name == "suggested" and alone and key.start_mark.line != dashed:
                    entry["suggested"] = int(key.start_mark.line)
        if not start.flow_style and dashed is not None:
            entry["start"], entry["end"] = dashed, end + 1
        found.append(entry)
    return found


def _dash_line(lines: list[str], line: int, column: int) -> int | None:
    """The line of the ``-`` that opens an item starting at (line, column), or None."""
    if lines[line][:column].strip() == "-":
        return line
    if line > 0 and column > 0 and lines[line - 1].strip() == "-":
        return line - 1
    return None


def _alone(lines: list[str], key: Any, value: Any, last: int) -> bool:
    """Whether a key and its value fill their line, but for indentation and a comment."""
    line = int(key.start_mark.line)
    if last != line or not isinstance(value, yaml.ScalarEvent):
        return False
    end: Any = value.end_mark
    rest = lines[line][end.column :].strip()
    return lines[line][: key.start_mark.column].strip() == "" and (not rest or rest[0] == "#")


def _list_end(key: Any, start: Any, walk: Iterator[Any], lines: list[str]) -> dict[str, Any]:
    """Where new entries of a top-level list go: after its last line, at its dashes' column."""
    if start.flow_style:
        end = _skip(start, walk)
        line = int(key.start_mark.line)
        empty = end == line and lines[line][start.start_mark.column :].startswith("[]")
        return {"empty": line if empty else None, "at": None, "dash": None}
    dash = int(start.start_mark.column)
    end = _skip(start, walk)
    return {"empty": None, "at": end + 1, "dash": dash}
