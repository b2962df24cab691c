"""``competency fmt``: one canonical key order and style for every file.

Keys follow the order FORMAT.md lists them in, per kind of file (``format``,
``kind``, ``id`` first); a competency's steps follow the framework's scale;
collections are written in block style with two-space indentation. Comments
and text are kept exactly: the file goes through ruamel.yaml's round-trip
loader and dumper, and comments are re-attached so that the lines above a
key move with the key. Before a file is written, a check compares the
original and the result (the data, every comment, every text) and leaves the
file as it is if anything but order and layout would change.
"""

from __future__ import annotations

import io
import itertools
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from competency.edit._files import (
    EditError,
    Problem,
    YamlFile,
    decode,
    encode,
    load,
    replace_file,
    yaml_files,
)
from competency.load import Document, parse_yaml

__all__ = [
    "FormatError",
    "FormatReport",
    "Formatted",
    "format_paths",
    "format_text",
]

_FRAMEWORK_FILES = ("framework.yaml", "framework.yml")


@dataclass(frozen=True)
class _Shape:
    """How to order one mapping and what lies below its keys."""

    keys: tuple[str, ...] = ()
    #: The shape of the value under a key (of each item, when the value is a list).
    fields: Mapping[str, _Shape] = field(default_factory=dict)
    #: For a mapping keyed by ids (steps, expects): the shape of every value.
    each: _Shape | None = None
    #: The keys are scale step ids: order them as the framework's scale.
    by_scale: bool = False


_BEHAVIOURS = _Shape(("id", "text", "replaces", "examples"))
_NAMED = _Shape(("id", "name"))
_READINESS = _Shape(
    (
        "max_age_months",
        "min_items",
        "min_sources",
        "sources",
        "competency_met",
        "almost_within",
        "carry_confirmed",
    )
)
_FRAMEWORK = _Shape(
    (
        "format",
        "kind",
        "id",
        "title",
        "version",
        "summary",
        "default_locale",
        "locales",
        "cumulative",
        "scale",
        "categories",
        "tracks",
        "grades",
        "externals",
        "readiness",
        "lint",
    ),
    {
        "scale": _Shape(("id", "name", "meaning")),
        "categories": _Shape(("id", "name", "summary")),
        "tracks": _NAMED,
        "grades": _NAMED,
        "externals": _NAMED,
        "readiness": _READINESS,
        "lint": _Shape(("ignore", "allow")),
    },
)
_COMPETENCY = _Shape(
    ("format", "kind", "id", "name", "category", "summary", "steps", "hiring", "references"),
    {
        "steps": _Shape(
            each=_Shape(("summary", "behaviours"), {"behaviours": _BEHAVIOURS}), by_scale=True
        ),
        "hiring": _Shape(("questions", "signals", "red_flags")),
        "references": _Shape(("scheme", "code", "url")),
    },
)
_ROLE = _Shape(
    ("format", "kind", "id", "title", "track", "family", "summary", "why", "levels"),
    {
        "levels": _Shape(
            ("id", "title", "grade", "summary", "scope", "expects", "metrics"),
            {
                "expects": _Shape(
                    each=_Shape(("step", "behaviours", "note"), {"behaviours": _BEHAVIOURS})
                ),
                "metrics": _Shape(("name", "target")),
            },
        )
    },
)
_PATHS = _Shape(("format", "kind", "moves"), {"moves": _Shape(("from", "to", "type", "note"))})
_EVIDENCE = _Shape(
    (
        "format",
        "kind",
        "person",
        "role",
        "level",
        "confirmed",
        "target",
        "items",
        "assessments",
        "not_applicable",
    ),
    {
        "person": _Shape(("id", "name")),
        "confirmed": _Shape(("date", "by")),
        "items": _Shape(("id", "date", "source", "summary", "link", "shows")),
        "assessments": _Shape(("competency", "step", "by", "date", "note")),
        "not_applicable": _Shape(("behaviour", "reason")),
    },
)
#: The shape of each kind of file. A file without a kind is a policy file
#: (readiness keys); a kind this table does not know only gets its first keys.
_KINDS: dict[str | None, _Shape] = {
    "framework": _FRAMEWORK,
    "competency": _COMPETENCY,
    "role": _ROLE,
    "paths": _PATHS,
    "evidence": _EVIDENCE,
    None: _READINESS,
}
_UNKNOWN_KIND = _Shape(("format", "kind", "id"))


class FormatError(ValueError):
    """A file that cannot be formatted without losing something; it is left as it is."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Formatted:
    """One file: whether its canonical form differs, and what stopped it, if anything."""

    file: YamlFile
    changed: bool = False
    problems: tuple[Problem, ...] = ()


@dataclass
class FormatReport:
    """Every file looked at, in order."""

    files: list[Formatted] = field(default_factory=list)

    @property
    def changed(self) -> list[Formatted]:
        """The files whose canonical form differs from what is on disk."""
        return [file for file in self.files if file.changed]

    @property
    def problems(self) -> list[Problem]:
        """Every problem, file by file."""
        return [problem for file in self.files for problem in file.problems]

    @property
    def ok(self) -> bool:
        """True when every file could be read and formatted."""
        return not self.problems


# --- the public functions -------------------------------------------------------------


def format_paths(paths: Iterable[str | Path], *, write: bool) -> FormatReport:
    """Format the YAML files given and those in the folders given.

    With `write`, each file whose canonical form differs is replaced
    atomically (a symbolic link is refused); without it nothing is written
    and the report says which files would change. Files that do not load
    are reported and left as they are.
    """
    report = FormatReport()
    scales = _Scales()
    for given in paths:
        if not Path(given).exists() and not Path(given).is_symlink():
            problem = Problem(str(given), 1, 1, "path not found")
            report.files.append(Formatted(YamlFile(Path(given), str(given)), problems=(problem,)))
            continue
        for file in yaml_files(given):
            report.files.append(_format_file(file, scales, write=write))
    return report


def format_text(text: str, *, scale: Sequence[str] = (), display: str = "<text>") -> str:
    """The canonical form of one file's text.

    `scale` is the framework's scale (step ids, lowest first), which orders
    a competency's steps. Raises `FormatError` when the text does not load or
    when formatting would change anything but order and layout.
    """
    from ruamel.yaml.error import YAMLError

    document = _strict(text, display)
    if document.data is None:  # only comments: nothing to order
        return text
    try:
        formatted = _dump(_reordered(text, scale))
    except YAMLError as error:  # pragma: no cover - the strict loader refuses first
        raise FormatError(Problem(display, 1, 1, f"cannot format: {error}")) from None
    if formatted != text:
        _check_kept(text, formatted, document, display)
    return formatted


# --- files ----------------------------------------------------------------------------


def _format_file(file: YamlFile, scales: _Scales, *, write: bool) -> Formatted:
    document = load(file)
    # An empty file (Y109) is valid YAML with nothing to format; the rest stops here.
    problems = tuple(Problem.from_diagnostic(d) for d in document.diagnostics if d.code != "Y109")
    if problems or document.data is None:
        return Formatted(file, problems=problems)
    text, bom = decode(document.raw)
    try:
        formatted = format_text(text, scale=scales.near(file.path), display=file.display)
    except FormatError as error:
        return Formatted(file, problems=(error.problem,))
    if formatted == text:
        return Formatted(file)
    if write:
        try:
            replace_file(file.path, encode(formatted, bom))
        except EditError:
            message = "is a symbolic link; format the file it points to"
            return Formatted(file, True, (Problem(file.display, 1, 1, message),))
        except OSError as error:
            message = f"cannot write: {error.strerror or error}"
            return Formatted(file, True, (Problem(file.display, 1, 1, message),))
    return Formatted(file, changed=True)


class _Scales:
    """The scale of the framework a file belongs to: the nearest framework.yaml above it."""

    def __init__(self) -> None:
        self._found: dict[Path, tuple[str, ...]] = {}

    def near(self, path: Path) -> tuple[str, ...]:
        folder = path.resolve().parent
        for candidate in (folder, *folder.parents):
            if candidate in self._found:
                return self._found[candidate]
            for name in _FRAMEWORK_FILES:
                if (candidate / name).is_file():
                    scale = self._read(candidate / name)
                    self._found[folder] = self._found[candidate] = scale
                    return scale
        self._found[folder] = ()
        return ()

    @staticmethod
    def _read(path: Path) -> tuple[str, ...]:
        data = load(YamlFile(path, str(path))).data
        steps = data.get("scale") if isinstance(data, dict) else None
        if not isinstance(steps, list):
            return ()
        return tuple(
            step["id"]
            for step in steps
            if isinstance(step, dict) and isinstance(step.get("id"), str)
        )


# --- loading and dumping with ruamel.yaml ---------------------------------------------


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    # Never fold a line: a long text stays on its line, as written.
    handler.width = sys.maxsize
    handler.indent(mapping=2, sequence=4, offset=2)
    return handler


def _dump(data: Any) -> str:
    stream = io.StringIO()
    _round_trip().dump(data, stream)
    return stream.getvalue()


def _strict(text: str, display: str) -> Document:
    """The text loaded by `competency.load`; a problem there stops formatting."""
    data, positions, diagnostics = parse_yaml(text, display)
    if diagnostics:
        raise FormatError(Problem.from_diagnostic(diagnostics[0]))
    return Document(Path(display), display, data, positions, [])


def _reordered(text: str, scale: Sequence[str]) -> Any:
    data = _round_trip().load(text)
    comments = _Comments()
    comments.block_style(data)
    comments.gather_ends(data)
    comments.normalise(data, 0)
    if _is_map(data):
        kind = data.get("kind")
        shape = _KINDS.get(kind, _UNKNOWN_KIND) if kind is None or isinstance(kind, str) else None
        if shape is not None:
            _apply(comments, data, shape, scale)
    comments.hoist(data)
    return data


# --- canonical order ------------------------------------------------------------------


def _apply(comments: _Comments, node: Any, shape: _Shape, scale: Sequence[str]) -> None:
    """Order `node` (a mapping) by `shape`, then the mappings below it."""
    if shape.by_scale:
        rank = {step: index for index, step in enumerate(scale)}
        order = sorted(node, key=lambda key: rank.get(key, len(rank)))
    else:
        order = _canonical(list(node), shape.keys)
    comments.reorder(node, order)
    for key, value in node.items():
        below = shape.each if shape.each is not None else shape.fields.get(key)
        if below is None:
            continue
        for item in value if _is_seq(value) else [value]:
            if _is_map(item):
                _apply(comments, item, below, scale)


def _canonical(keys: list[Any], known: Sequence[str]) -> list[Any]:
    """Known keys in their canonical order, then the others as they were."""
    rank = {key: index for index, key in enumerate(known)}
    return sorted(
        keys, key=lambda key: rank.get(key, len(rank)) if isinstance(key, str) else len(rank)
    )


def _is_map(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedMap

    return isinstance(node, CommentedMap)


def _is_seq(node: Any) -> bool:
    from ruamel.yaml.comments import CommentedSeq

    return isinstance(node, CommentedSeq)


def _is_block(node: Any) -> bool:
    """A non-empty collection written in block style."""
    return (_is_map(node) or _is_seq(node)) and len(node) > 0 and not node.fa.flow_style()


def _entries(node: Any) -> list[Any]:
    return list(node) if _is_map(node) else list(range(len(node)))


class _Comments:
    """Where ruamel.yaml keeps comments, and how to move them with their keys.

    ruamel.yaml attaches the comment lines that follow a value to that value
    (for a nested block, to its last scalar), whatever they are about. Before
    keys are reordered, the lines between two entries move to the entry
    below them, where a reader sees them: a comment above a key travels with
    the key. A line indented deeper than the entries stays where it is: it
    belongs to the block above. Moved lines are indented as the entry they
    now stand above.
    """

    def __init__(self) -> None:
        #: The column each collection's entries are written at, by id of the collection.
        self.columns: dict[int, int] = {}
        #: The mapping or list each collection is the value of, and under which entry.
        self.parents: dict[int, tuple[Any, Any]] = {}

    def block_style(self, node: Any) -> None:
        """Every collection in block style, but for one whose comment would have no place.

        The end-of-line comment of a flow collection moves to the line of its
        key (or, in a list, to the mapping's first key); the lines below it
        move below the block.
        """
        if not (_is_map(node) or _is_seq(node)):
            return
        for entry in _entries(node):
            value = node[entry]
            if (_is_map(value) or _is_seq(value)) and value.fa.flow_style() and len(value):
                eol, lines = self.take(node, entry)
                if eol is not None and _is_seq(node):
                    first = next(iter(value)) if _is_map(value) else None
                    if (
                        first is None
                        or self.after(value, first) is not None
                        or (_is_map(value[first]) or _is_seq(value[first]))
                    ):
                        self.set_after(node, entry, _token_for(eol, lines, value))
                        continue
                    # "- {a: 1}  # note" becomes "- a: 1  # note".
                    self.set_after(value, first, eol)
                    eol = None
                if eol is not None:
                    eol = _token(eol.value, 0)  # one space after the key
                value.fa.set_block_style()
                self.set_after(node, entry, eol)
                self.append(value, lines)
            self.block_style(value)

    def gather_ends(self, node: Any) -> None:
        """Lines ruamel.yaml keeps at the end of a collection join those after its last value."""
        if not _is_block(node):
            return
        for entry in _entries(node):
            self.gather_ends(node[entry])
        if node.ca.end:
            lines = [line for token in node.ca.end for line in _token_lines(token)]
            node.ca.end = []
            self.append(node, lines)

    def normalise(self, node: Any, column: int) -> None:
        """Move the comment lines between entries to the entry below them, all the way down.

        `column` is where `node`'s entries will be written.
        """
        if not _is_block(node):
            return
        self.columns[id(node)] = column
        entries = _entries(node)
        original = _column(node)
        for before, after in itertools.pairwise(entries):
            lines = self.tail(node, before, original)
            if lines:
                self.prepend(node, after, lines, column)
        for slots in node.ca.items.values():
            for token in slots[1] or []:  # lines above an entry: at the entry's column
                if token.value.strip():
                    token.column = column
        for entry in entries:
            value = node[entry]
            if _is_block(value):
                self.parents[id(value)] = (node, entry)
                nested = _is_map(node) or _is_map(value)
                self.normalise(value, column + (2 if nested else 4))

    def reorder(self, node: Any, order: list[Any]) -> None:
        """Put `node`'s keys in `order`, with the lines above each key and after the last."""
        keys = list(node)
        if keys == order:
            return
        column = self.columns.get(id(node), 0)
        parent = self.parents.get(id(node))
        if parent is not None and _is_map(parent[0]):
            # The lines above the first key sit in the parent's comment on the key's line.
            lead = self.lead(*parent)
            if lead:
                self.prepend(node, keys[0], lead, column)
        original = _column(node)
        ending = self.tail(node, keys[-1], original)
        for key in order:
            node.move_to_end(key)
        # A line at the entries' column is about this mapping; a line further left
        # is about an enclosing one, and keeps its place relative to it.
        self.append(node, [_indented(line, column, original) for line in ending])

    def hoist(self, node: Any) -> None:
        """Tidy the lines above the first entry of each mapping.

        Blank lines there go (a block does not start with one); above the
        first key of a list item's mapping, the lines go above the item's
        dash, since ruamel.yaml cannot write a comment between the dash and
        the key.
        """
        if not (_is_map(node) or _is_seq(node)):
            return
        if _is_map(node) and len(node):
            slots = node.ca.items.get(next(iter(node)))
            while slots and slots[1] and not slots[1][0].value.strip():
                slots[1].pop(0)
        for entry in _entries(node):
            value = node[entry]
            if _is_seq(node) and _is_map(value) and len(value):
                slots = value.ca.items.get(next(iter(value)))
                if slots and slots[1]:
                    lines = [token.value.rstrip("\n") for token in slots[1]]
                    slots[1] = None
                    self.prepend(node, entry, lines, self.columns.get(id(node), 0))
            self.hoist(value)

    # -- the comment after an entry ----------------------------------------------------

    @staticmethod
    def slot(node: Any) -> int:
        """The index, in ``ca.items[entry]``, of the comment after an entry's value."""
        return 2 if _is_map(node) else 0

    def after(self, node: Any, entry: Any) -> Any:
        """The comment token after `entry`'s value, or None."""
        slots = node.ca.items.get(entry)
        return slots[self.slot(node)] if slots else None

    def set_after(self, node: Any, entry: Any, token: Any) -> None:
        slots = node.ca.items.setdefault(entry, [None, None, None, None])
        slots[self.slot(node)] = token
        if not any(slots):
            del node.ca.items[entry]

    def take(self, node: Any, entry: Any) -> tuple[Any, list[str]]:
        """Remove the comment after `entry`'s value; return its end-of-line part and lines."""
        token = self.after(node, entry)
        if token is None:
            return None, []
        self.set_after(node, entry, None)
        return _split(token, node[entry])

    @staticmethod
    def deepest(node: Any, entry: Any) -> tuple[Any, Any]:
        """The collection and entry whose comment holds the lines after `entry`'s value."""
        while _is_block(node[entry]):
            node = node[entry]
            entry = _entries(node)[-1]
        return node, entry

    def tail(self, node: Any, entry: Any, column: int) -> list[str]:
        """Remove and return the comment lines after `entry` that are not part of its value.

        They are the last lines after its value (at any depth) that are not
        indented deeper than `column`, the column of `node`'s entries.
        """
        holder, last = self.deepest(node, entry)
        token = self.after(holder, last)
        if token is None:
            return []
        eol, lines = _split(token, holder[last])
        cut = len(lines)
        while cut and (not lines[cut - 1].strip() or _indent(lines[cut - 1]) <= column):
            cut -= 1
        self.set_after(holder, last, _token_for(eol, lines[:cut], holder[last]))
        return lines[cut:]

    def lead(self, parent: Any, key: Any) -> list[str]:
        """Remove and return the comment lines between `key`'s line and its block value."""
        slots = parent.ca.items.get(key)
        if not slots:
            return []
        lines: list[str] = []
        if slots[2] is not None:
            eol, lines = _split(slots[2], parent[key])
            slots[2] = eol
        for token in slots[3] or []:
            lines += _token_lines(token)
        slots[3] = None
        parent[key].ca.comment = None
        if not any(slots):
            del parent.ca.items[key]
        return lines

    def append(self, node: Any, lines: list[str]) -> None:
        """Add comment lines after the last value of `node`, at any depth."""
        if not lines or not _is_block(node):
            return
        holder, last = self.deepest(node, _entries(node)[-1])
        token = self.after(holder, last)
        eol, existing = _split(token, holder[last]) if token is not None else (None, [])
        self.set_after(holder, last, _token_for(eol, existing + lines, holder[last]))

    @staticmethod
    def prepend(node: Any, entry: Any, lines: list[str], column: int) -> None:
        """Put comment lines above `entry`, before those already there, at `column`."""
        slots = node.ca.items.setdefault(entry, [None, None, None, None])
        tokens = [
            _token(line.strip() + "\n", column) if line.strip() else _token("\n", 0)
            for line in lines
        ]
        slots[1] = tokens + list(slots[1] or [])


def _indented(line: str, column: int, original: int) -> str:
    """`line` moved from entries at column `original` to entries at `column`."""
    if not line.strip():
        return ""
    indent = _indent(line)
    return " " * (column if indent == original else min(indent, column)) + line.lstrip(" ")


def _column(node: Any) -> int:
    """The column of `node`'s entries in the original text (its keys or its dashes)."""
    if _is_map(node):
        found = node.lc.key(next(iter(node))) if node.lc.data else None
        return int(found[1]) if found else 0
    return int(node.lc.col) if node.lc.col is not None else 0


def _token_lines(token: Any) -> list[str]:
    """The lines of a comment token that starts a line, indented as in the file."""
    lines = _lines(token.value)
    if lines and not token.value.startswith("\n"):
        lines[0] = " " * token.column + lines[0]
    return lines


def _is_block_scalar(value: Any) -> bool:
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _split(token: Any, value: Any) -> tuple[Any, list[str]]:
    """A comment token as its end-of-line comment (a token or None) and the lines below."""
    text = token.value
    if text.startswith("\n"):
        return None, _lines(text[1:])
    first, _, rest = text.partition("\n")
    if _is_block_scalar(value):
        # A block scalar ends with its line break: what follows starts a line.
        return None, [" " * token.column + first, *_lines(rest)]
    return _token(first + "\n", token.column), _lines(rest)


def _token_for(eol: Any, lines: list[str], value: Any) -> Any:
    """One comment token for an end-of-line comment and the lines below it (or None)."""
    below = "".join(line + "\n" for line in lines)
    if eol is not None:
        return _token(eol.value + below, eol.column)
    if not lines:
        return None
    if _is_block_scalar(value):
        return _token(below.lstrip(" "), _indent(lines[0]))
    return _token("\n" + below, 0)


def _lines(text: str) -> list[str]:
    return text.split("\n")[:-1] if text else []


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _token(value: str, column: int) -> Any:
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    return CommentToken(value, CommentMark(column))


# --- the check that nothing but order and layout changed ------------------------------


def _check_kept(before: str, after: str, document: Document, display: str) -> None:
    kept = _strict(after, display)
    if kept.data != document.data:
        raise FormatError(Problem(display, 1, 1, "formatting would change the data; left as it is"))
    old_comments, old_scalars = _content(before)
    new_comments, new_scalars = _content(after)
    lost = old_comments - new_comments
    if lost or new_comments - old_comments:
        line = _line_of(before, next(iter(lost))) if lost else 1
        raise FormatError(
            Problem(
                display,
                line,
                1,
                "a comment here cannot be kept in place (inside a flow collection?); "
                "file left as it is",
            )
        )
    if old_scalars != new_scalars:
        raise FormatError(Problem(display, 1, 1, "formatting would change a text; left as it is"))


def _line_of(text: str, comment: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if comment in line:
            return number
    return 1


def _content(text: str) -> tuple[Counter[str], Counter[str]]:
    """Every comment (from ``#`` to the end of its line) and every scalar of `text`, counted."""
    from ruamel.yaml import YAML
    from ruamel.yaml.events import ScalarEvent

    events = [e for e in YAML(typ="safe", pure=True).parse(text) if isinstance(e, ScalarEvent)]
    inside = _inside(text, [(event.start_mark.index, event.end_mark.index) for event in events])
    comments: Counter[str] = Counter()
    index = text.find("#")
    while index >= 0:
        if not inside(index) and (index == 0 or text[index - 1] in " \t\n"):
            end = text.find("\n", index)
            end = end if end >= 0 else len(text)
            comments[text[index:end].rstrip()] += 1
            index = end
        index = text.find("#", index + 1)
    return comments, Counter(event.value for event in events)


def _inside(text: str, spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    flags = bytearray(len(text) + 1)
    for start, end in spans:
        flags[start:end] = b"\x01" * (end - start)
    return lambda index: bool(flags[index])
