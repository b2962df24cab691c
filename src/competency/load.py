"""Strict YAML: bytes -> plain data and the position of every key and value.

One pass over libyaml's event stream (PyYAML's C parser) builds the data and
records where each key and value starts, so every later diagnostic can point
at a line and column. Building from events rather than from PyYAML's node
composer keeps the construction iterative (no recursion, so 20,000-deep
input stops cleanly at `MAX_DEPTH`) and lets us refuse what the format
forbids as we meet it: duplicate keys, anchors and aliases, merge keys,
explicit tags and further documents.

Scalars are resolved with the YAML 1.2 core rules, not PyYAML's YAML 1.1
ones: ``yes``/``no``/``on``/``off`` stay strings and so do dates, which the
models parse where a date is expected.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from sys import intern
from typing import Any

import yaml

from competency.diagnostics import Diagnostic
from competency.yaml_errors import explain

try:
    #: The fastest loader that keeps every scalar a string: libyaml's when PyYAML has it.
    from yaml import CBaseLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import BaseLoader as Loader  # type: ignore[assignment]

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "MAX_PROBLEMS_PER_FILE",
    "Document",
    "Loader",
    "Loc",
    "Node",
    "Positions",
    "load_document",
    "parse_yaml",
    "plain_is_text",
]

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_PROBLEMS_PER_FILE = 100

#: A path into a document: mapping keys and list indexes.
Loc = tuple[str | int, ...]

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")


#: A line and column, 1-based (columns count characters, as libyaml's do).
Point = tuple[int, int]


@dataclass(frozen=True)
class Node:
    """What stands at a place in a document: a mapping key or a value, and its span.

    `end` is where the node stops (the character after it); for a scalar it is
    on its last line, for a collection where the next thing begins.
    """

    loc: Loc
    key: bool
    start: Point
    end: Point


#: A position packed into one int, ``line << 32 | column`` (1-based); 0 where none was recorded.
_Packed = int


def _unpack(packed: _Packed) -> Point:
    return (packed >> 32, packed & 0xFFFFFFFF)


def _pack(mark: Any) -> _Packed:
    """libyaml's 0-based mark as a packed 1-based position."""
    packed: int = (mark.line + 1) << 32 | (mark.column + 1)
    return packed


#: Children a container's lookup walks one by one before it indexes them in a dictionary.
_SCAN = 16


class Positions:
    """Where each value (and each mapping key) of a document starts and ends, 1-based.

    Both ways: `value` and `key` go from a path to a position; `at` goes from a
    line and column to the innermost key or value under it (for editors). The
    reverse index is built on first use from the spans the loader recorded.

    Stored compactly, since a framework's every node has one: the nodes in
    document order, each a name (its key or list index) and four packed
    positions (start and end of the value and of its key) in arrays, and where
    its subtree ends. A path is found by walking from the root, a few siblings
    at a time. `values`, `keys`, `value_ends` and `key_ends` are read-only
    mappings over these arrays, made as asked.
    """

    __slots__ = (
        "_after",
        "_children",
        "_end",
        "_index",
        "_key_end",
        "_key_start",
        "_names",
        "_start",
    )

    def __init__(self) -> None:
        #: Each node's key or list index (None for the root), in document order.
        self._names: list[str | int | None] = []
        self._start = array("Q")
        self._end = array("Q")
        self._key_start = array("Q")
        self._key_end = array("Q")
        #: The node after each node's subtree: its next sibling, if any.
        self._after = array("I")
        #: Name -> child, for the containers with many children that were looked into.
        self._children: dict[int, dict[str | int | None, int]] = {}
        self._index: _Index | None = None

    def _add(self, name: str | int | None, start: _Packed, key_start: _Packed = 0) -> int:
        """A new node (its value's start 0 while only its key is known); its number."""
        node = len(self._names)
        self._names.append(name)
        self._start.append(start)
        self._end.append(0)
        self._key_start.append(key_start)
        self._key_end.append(0)
        self._after.append(node + 1)
        return node

    @property
    def values(self) -> Mapping[Loc, Point]:
        """Where each value starts."""
        return _Points(self, self._start)

    @property
    def keys(self) -> Mapping[Loc, Point]:
        """Where each mapping key starts."""
        return _Points(self, self._key_start)

    @property
    def value_ends(self) -> Mapping[Loc, Point]:
        """Where each value ends (the character after it)."""
        return _Points(self, self._end)

    @property
    def key_ends(self) -> Mapping[Loc, Point]:
        """Where each mapping key ends (the character after it)."""
        return _Points(self, self._key_end)

    def _child(self, node: int, name: str | int) -> int:
        """The child of `node` named `name`, or -1."""
        index = self._children.get(node)
        if index is not None:
            return index.get(name, -1)
        names, after = self._names, self._after
        child, stop, seen = node + 1, after[node], 0
        while child < stop:
            if names[child] == name:
                return child
            child = after[child]
            seen += 1
            if seen == _SCAN:
                # A long mapping or list: index it once, so that many lookups stay linear.
                index = {}
                child = node + 1
                while child < stop:
                    index.setdefault(names[child], child)
                    child = after[child]
                self._children[node] = index
                return index.get(name, -1)
        return -1

    def _find(self, loc: Loc) -> int:
        """The node at `loc` exactly, or -1."""
        node = 0 if self._names else -1
        for name in loc:
            if node < 0:
                break
            node = self._child(node, name)
        return node

    def _locs(self) -> Iterator[tuple[int, Loc]]:
        """Every node with its path, in document order."""
        names, after = self._names, self._after
        open_: list[tuple[int, Loc]] = []
        for node, name in enumerate(names):
            while open_ and node >= open_[-1][0]:
                open_.pop()
            loc: Loc = (*open_[-1][1], name) if open_ else ()  # type: ignore[arg-type]
            yield node, loc
            if after[node] > node + 1:
                open_.append((after[node], loc))

    def value(self, loc: Loc) -> Point:
        """Position of the value at `loc`, or of its nearest known ancestor."""
        if not self._names:
            return (1, 1)
        node, found = 0, self._start[0]
        for name in loc:
            node = self._child(node, name)
            if node < 0 or not self._start[node]:
                break
            found = self._start[node]
        return _unpack(found) if found else (1, 1)

    def key(self, loc: Loc) -> Point:
        """Position of the key that holds `loc`, else of the value."""
        node = self._find(loc)
        if node >= 0 and self._key_start[node]:
            return _unpack(self._key_start[node])
        return self.value(loc)

    def node(self, loc: Loc, *, key: bool = False) -> Node | None:
        """The key (or value) recorded at `loc` with its span, or None."""
        number = self._find(loc)
        if number < 0:
            return None
        start = (self._key_start if key else self._start)[number]
        if not start:
            return None
        end = (self._key_end if key else self._end)[number] or start
        return Node(loc, key, _unpack(start), _unpack(end))

    def at(self, line: int, column: int) -> Node | None:
        """The innermost key or value whose span holds the 1-based `line` and `column`.

        A scalar's span includes the column just after it (where an editor's
        cursor stands after typing it). None outside every node.
        """
        if self._index is None:
            self._index = _Index(self)
        return self._index.at((line, column))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Positions):
            return NotImplemented
        return dict(self.values) == dict(other.values) and dict(self.keys) == dict(other.keys)

    __hash__ = None  # type: ignore[assignment]  # mutable while the loader fills it, as before

    def __repr__(self) -> str:
        return f"Positions(values={dict(self.values)!r}, keys={dict(self.keys)!r})"


class _Points(Mapping[Loc, Point]):
    """One of `Positions`' arrays as a read-only mapping from paths to points."""

    __slots__ = ("_points", "_positions")

    def __init__(self, positions: Positions, points: array[int]) -> None:
        self._positions = positions
        self._points = points

    def __getitem__(self, loc: Loc) -> Point:
        node = self._positions._find(loc)
        packed = self._points[node] if node >= 0 else 0
        if not packed:
            raise KeyError(loc)
        return _unpack(packed)

    def __contains__(self, loc: object) -> bool:
        if not isinstance(loc, tuple):
            return False
        node = self._positions._find(loc)
        return node >= 0 and bool(self._points[node])

    def __iter__(self) -> Iterator[Loc]:
        points = self._points
        return (loc for node, loc in self._positions._locs() if points[node])

    def __len__(self) -> int:
        return len(self._points) - self._points.count(0)


class _Index:
    """Spans sorted by start, with each span's parent, for `Positions.at`.

    Spans nest (a key and its value sit inside their mapping), so the node
    under a point is the last span that starts at or before it, or the first
    of its ancestors that reaches the point: a bisect and a walk of at most
    the document's depth.
    """

    def __init__(self, positions: Positions) -> None:
        nodes: list[tuple[Point, int, bool, Loc, Point]] = []
        recorded = (
            (False, positions._start, positions._end),
            (True, positions._key_start, positions._key_end),
        )
        for number, loc in positions._locs():
            for key, starts, ends in recorded:
                start = starts[number]
                if start:
                    # At one start, the deeper node comes later (a value after its own key).
                    depth = 2 * len(loc) + (0 if key else 1)
                    end = _unpack(ends[number] or start)
                    nodes.append((_unpack(start), depth, key, loc, end))
        nodes.sort(key=lambda node: (node[0], node[1]))
        self.starts = [node[0] for node in nodes]
        self.nodes = [Node(loc, key, start, end) for start, _, key, loc, end in nodes]
        where = {(node.loc, node.key): number for number, node in enumerate(self.nodes)}
        self.parents = [
            where.get((node.loc[:-1], False), -1) if node.loc else -1 for node in self.nodes
        ]
        # A scalar's span takes the point just after it; a collection's stops before its end.
        self.scalar = [True] * len(self.nodes)
        for parent in self.parents:
            if parent >= 0:
                self.scalar[parent] = False

    def at(self, point: Point) -> Node | None:
        number = bisect.bisect_right(self.starts, point) - 1
        while number >= 0:
            node = self.nodes[number]
            if point < node.end or (point == node.end and self.scalar[number]):
                return node
            number = self.parents[number]
        return None


@dataclass
class Document:
    """One YAML file: its data (None when unreadable), positions and problems."""

    path: Path
    display: str
    data: Any
    positions: Positions
    diagnostics: list[Diagnostic]
    raw: bytes = b""

    def at(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Diagnostic:
        """A diagnostic pointing at the value (or the key) found at `loc`."""
        line, column = self.positions.key(loc) if key else self.positions.value(loc)
        return Diagnostic.make(self.display, line, column, code, message)


class _Problems:
    """Collects one file's diagnostics, with a cap so hostile input stays cheap."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.items: list[Diagnostic] = []
        self.full = False

    def add(self, mark: Any, code: str, message: str) -> None:
        if self.full:
            return
        if len(self.items) >= MAX_PROBLEMS_PER_FILE:
            self.full = True
            self.items.append(
                Diagnostic.make(
                    self.display,
                    mark.line + 1,
                    mark.column + 1,
                    "Y111",
                    f"more than {MAX_PROBLEMS_PER_FILE} problems; "
                    "the rest of this file is not reported",
                )
            )
            return
        self.items.append(
            Diagnostic.make(self.display, mark.line + 1, mark.column + 1, code, message)
        )


def _resolve_plain(text: str) -> Any:
    """The YAML 1.2 core schema for plain scalars, without YAML 1.1's surprises."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


def plain_is_text(text: str) -> bool:
    """Whether `text`, written as a plain (unquoted) scalar, loads back as this same text.

    Writers of YAML quote every string for which this is false ("0e0",
    "null", "true", "12").
    """
    return not (
        text in _NULL or text in _TRUE or text in _FALSE or _INT.match(text) or _FLOAT.match(text)
    )


class _Frame:
    """One open mapping or sequence while the event stream is walked."""

    __slots__ = ("container", "dropped", "key", "key_marks", "key_node", "node", "skip")

    def __init__(self, container: dict[str, Any] | list[Any], node: int, dropped: bool) -> None:
        self.container = container
        self.node = node  # its node in the positions (-1 when dropped)
        self.dropped = dropped  # inside a refused value: parsed, not kept
        self.key: str | None = None  # a mapping's key waiting for its value
        self.key_node = -1  # the waiting key's node, which its value completes
        self.skip = False  # the waiting key was refused; drop its value
        self.key_marks: dict[str, Any] = {}


def parse_yaml(text: str, display: str) -> tuple[Any, Positions, list[Diagnostic]]:
    """Parse one YAML document strictly; return data, positions and problems."""
    try:
        return _parse_with(Loader, text, display)
    except _LibyamlDepthError:
        # Newer libyaml stops deep flow nesting itself, while still scanning ahead
        # for a possible key, so its error lands far past where our own limit
        # (MAX_DEPTH) applies. The pure-Python parser has no such limit: on this
        # rare path it finds the level where ours is crossed, whatever the
        # PyYAML version.
        return _parse_with(yaml.BaseLoader, text, display)


class _LibyamlDepthError(Exception):
    """libyaml refused the nesting before our own depth check could."""


_SCALAR, _MAPPING_START, _SEQUENCE_START = (
    yaml.ScalarEvent,
    yaml.MappingStartEvent,
    yaml.SequenceStartEvent,
)
_MAPPING_END, _SEQUENCE_END = yaml.MappingEndEvent, yaml.SequenceEndEvent


def _parse_with(loader: Any, text: str, display: str) -> tuple[Any, Positions, list[Diagnostic]]:
    problems = _Problems(display)
    positions = Positions()
    root: list[Any] = []
    stack: list[_Frame] = []
    documents = 0
    parser = loader(text)
    # The parser's own get_event, not yaml.parse's generator around it: this
    # loop runs once per node, and a generator step per event costs as much
    # as the rest of the loop.
    next_event = parser.get_event
    ends = positions._end
    try:
        event: Any
        while (event := next_event()) is not None:
            kind = type(event)
            # The common events first, by exact type.
            if kind is _SCALAR or kind is _MAPPING_START or kind is _SEQUENCE_START:
                if event.anchor is not None or event.tag is not None:
                    _check_node_event(event, problems)
                if not _take_node(event, stack, root, positions, problems):
                    break
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                frame = stack.pop()
                if not frame.dropped:
                    ends[frame.node] = _pack(event.end_mark)
                    positions._after[frame.node] = len(ends)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.add(
                        event.start_mark,
                        "Y105",
                        "a second YAML document starts here; a file holds one document",
                    )
                    break
            elif kind is yaml.StreamEndEvent:
                break
            elif isinstance(event, yaml.NodeEvent):  # an alias
                _check_node_event(event, problems)
                if not _take_node(event, stack, root, positions, problems):
                    break
    except yaml.MarkedYAMLError as error:
        if "maximum nesting depth" in (error.problem or "") and loader is not yaml.BaseLoader:
            raise _LibyamlDepthError from error
        mark = error.problem_mark or error.context_mark
        start = error.context_mark
        said = explain(
            text,
            error.context,
            (start.line, start.column) if start is not None else None,
            error.problem,
            (mark.line, mark.column) if mark is not None else (0, 0),
        )
        problems.add(yaml.Mark(display, 0, said.line, said.column, text, 0), "Y100", said.message)
        return None, positions, problems.items
    except yaml.reader.ReaderError as error:
        # libyaml refuses control characters; it gives their offset in UTF-8 bytes.
        offset = len(text.encode("utf-8")[: error.position].decode("utf-8", "ignore"))
        line, column = _line_column(text, offset)
        problems.add(
            yaml.Mark(display, offset, line - 1, column - 1, text, offset),
            "Y106",
            f"control character U+{error.character:04X} is not allowed in a YAML file",
        )
        return None, positions, problems.items
    finally:
        parser.dispose()
        # Collections left open by an error or an early stop hold what was read so far.
        for frame in stack:
            if not frame.dropped:
                positions._after[frame.node] = len(ends)
    return (root[0] if root else None), positions, problems.items


def _take_node(
    event: Any, stack: list[_Frame], root: list[Any], positions: Positions, problems: _Problems
) -> bool:
    """Place one node event (key, scalar, or collection start); False to stop."""
    top = stack[-1] if stack else None
    in_mapping = top is not None and type(top.container) is dict
    if in_mapping and top is not None and top.key is None:
        if type(event) is _SCALAR:
            _take_key(top, event, problems, positions)
            return True
        # A complex key (`? [a, b]`): refuse it and parse past it.
        problems.add(event.start_mark, "Y100", "a mapping key must be a plain string")
        top.key, top.skip = "", True
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append(_Frame({} if isinstance(event, yaml.MappingStartEvent) else [], -1, True))
        return True
    value: Any
    kind = type(event)
    collection = kind is _MAPPING_START or kind is _SEQUENCE_START
    if kind is _SCALAR:
        value = _scalar(event, problems)
    elif kind is _MAPPING_START:
        value = {}
    elif kind is _SEQUENCE_START:
        value = []
    else:  # an alias, already reported
        value = None
    if collection and len(stack) >= MAX_DEPTH:
        problems.add(
            event.start_mark,
            "Y108",
            f"nested more than {MAX_DEPTH} levels deep; the formats need far fewer",
        )
        return False
    dropped = top is not None and (top.dropped or top.skip)
    node = -1
    if not dropped:
        # Packed as `_pack` does, written out: this runs once per node.
        mark = event.start_mark
        start = (mark.line + 1) << 32 | (mark.column + 1)
        if in_mapping and top is not None:
            node = top.key_node
            positions._start[node] = start
        else:
            node = positions._add(len(top.container) if top is not None else None, start)
        if not collection:
            mark = event.end_mark
            positions._end[node] = (mark.line + 1) << 32 | (mark.column + 1)
        if top is None:
            root.append(value)
        elif in_mapping:
            top.container[top.key or ""] = value  # type: ignore[call-overload]
        else:
            top.container.append(value)  # type: ignore[union-attr]
    if in_mapping and top is not None:
        top.key, top.skip = None, False
    if collection:
        stack.append(_Frame(value, node, dropped))
    return True


def _scalar(event: Any, problems: _Problems) -> Any:
    """A scalar event's value; a plain integer too long for Python to read is kept as text."""
    if event.style:
        return event.value
    try:
        return _resolve_plain(event.value)
    except ValueError:
        # Python refuses to convert integers of more than `sys.get_int_max_str_digits()`
        # digits (4,300 by default), a guard against quadratic time in int(). No
        # field of the format needs such a number.
        problems.add(
            event.start_mark,
            "Y112",
            f"a number of {len(event.value):,} digits is too long; "
            "no value in these files needs one (quote it if it is text)",
        )
        return event.value


def _check_node_event(event: Any, problems: _Problems) -> None:
    if isinstance(event, yaml.AliasEvent):
        problems.add(
            event.start_mark,
            "Y102",
            f"YAML alias '*{event.anchor}' is not allowed; write the value out in full",
        )
        return
    if event.anchor is not None:
        problems.add(
            event.start_mark,
            "Y102",
            f"YAML anchor '&{event.anchor}' is not allowed; write the value out in full",
        )
    if event.tag is not None:
        problems.add(event.start_mark, "Y104", f"explicit YAML tag '{event.tag}' is not allowed")


def _take_key(frame: _Frame, event: Any, problems: _Problems, positions: Positions) -> None:
    """A scalar in key position of a mapping: refuse merge keys and duplicates."""
    mark = event.start_mark
    # One string per distinct key: the models keep the keys of every text map (en, th ...).
    key = intern(event.value)
    frame.key = key
    if key == "<<" and not event.style:
        problems.add(mark, "Y103", "merge keys ('<<') are not allowed; write the keys out")
        frame.skip = True
        return
    first = frame.key_marks.get(key)
    if first is not None:
        problems.add(
            mark,
            "Y101",
            f"duplicate key '{key}' (first defined at line {first.line + 1}, "
            f"column {first.column + 1})",
        )
        frame.skip = True
        return
    frame.key_marks[key] = mark
    if not frame.dropped:
        # A new node, its value's start still 0 (`Positions._add` written out: once per key).
        end = event.end_mark
        node = len(positions._names)
        positions._names.append(key)
        positions._start.append(0)
        positions._end.append(0)
        positions._key_start.append((mark.line + 1) << 32 | (mark.column + 1))
        positions._key_end.append((end.line + 1) << 32 | (end.column + 1))
        positions._after.append(node + 1)
        frame.key_node = node


def load_document(
    path: Path, display: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read and parse one file; problems are returned, never raised."""
    shown = display if display is not None else str(path)

    def failed(code: str, message: str, line: int = 1, column: int = 1) -> Document:
        problem = Diagnostic.make(shown, line, column, code, message)
        return Document(path, shown, None, Positions(), [problem])

    try:
        raw = _read_regular(path, max_bytes)
    except _NotRead as refused:
        return failed(refused.code, str(refused))
    except FileNotFoundError:
        if path.is_symlink():
            return failed("Y110", "symbolic link to a file that does not exist")
        return failed("X100", "file not found")
    except OSError as error:
        if error.errno == errno.ELOOP:
            return failed("Y110", "symbolic links that lead round in a loop")
        return failed("Y110", f"cannot read file: {_reason(error)}")
    document = parse_bytes(raw, path, shown)
    document.raw = raw
    return document


class _NotRead(Exception):
    """A path that is not read, with the code and message to report."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _reason(error: OSError) -> str:
    """Why the system refused a path, in words."""
    if error.errno == errno.ENAMETOOLONG:
        return "the path is longer than the system allows"
    if error.errno == errno.EAGAIN:
        return "it has nothing to read yet (a device or kernel file, not a file)"
    return error.strerror or str(error)


#: Bytes read at a time.
_CHUNK = 1024 * 1024


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """The bytes of a regular file, at most `max_bytes`; else `_NotRead` or `OSError`.

    The file is opened without waiting (a FIFO or a kernel file that has
    nothing to give does not block) and checked once open, so what is read
    is what was checked. A folder that cannot be listed says why. The size
    the system reports is not trusted: at most `max_bytes` + 1 bytes are
    read, so a file that never ends costs no more than one over the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        # A socket cannot be opened at all (ENXIO): say what it is, as for a FIFO.
        if error.errno == errno.ENXIO:
            raise _NotRead("Y110", "not a regular file") from None
        raise
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            try:
                with os.scandir(path):
                    pass  # a folder that can be listed was listed: it is only no file
            except OSError as error:
                raise _NotRead("Y110", f"cannot read folder: {_reason(error)}") from None
            raise _NotRead("Y110", "not a regular file")
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end; only regular files are read.
            raise _NotRead("Y110", "not a regular file")
        if info.st_size > max_bytes:
            raise _NotRead(
                "Y107",
                f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit "
                "(raise the size limit if this is intended)",
            )
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(descriptor, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(descriptor)
    if total > max_bytes:  # the file grew, or its size was not what the system said
        raise _NotRead("Y107", f"file is over the {max_bytes:,}-byte limit")
    return b"".join(chunks)


def parse_bytes(raw: bytes, path: Path, display: str) -> Document:
    """Decode UTF-8 (with an optional BOM) and parse; problems go in the document."""

    def failed(code: str, message: str, line: int = 1, column: int = 1) -> Document:
        problem = Diagnostic.make(display, line, column, code, message)
        return Document(path, display, None, Positions(), [problem], raw)

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # After a BOM, the offsets count from the end of the BOM: read them in error.object.
        # Columns count characters, as libyaml's do, so decode the valid bytes before.
        before = error.object[: error.start].decode("utf-8")
        line, column = _line_column(before, len(before))
        return failed(
            "Y106",
            f"byte 0x{error.object[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            column,
        )
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _line_column(text, nul)
        return failed("Y106", "NUL character in a text file", line, column)
    data, positions, diagnostics = parse_yaml(text, display)
    if data is None and not diagnostics:
        diagnostics = [Diagnostic.make(display, 1, 1, "Y109", "file is empty")]
    return Document(path, display, data, positions, diagnostics, raw)


#: What libyaml counts as a line break (YAML 1.1 section 5.4), so that positions found
#: here agree with the ones libyaml gives: CR LF, CR, LF, NEL, LS and PS.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset, counting every YAML line break."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, offset):
        line, start = line + 1, found.end()
    return line, offset - start + 1
