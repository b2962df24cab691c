"""Comments in ruamel.yaml's round-trip data, and how to move them with their keys.

ruamel.yaml keeps each comment in a slot of the collection next to it: the
comment after an entry's value (for a nested block, after its last scalar),
the lines above an entry, the lines at the end of a collection. `Comments`
gathers them into one model, where the lines between two entries belong to
the entry below them, so that `competency.edit.fmt` can reorder keys and
turn flow collections into blocks with every comment in a sensible place.
Only `fmt` uses this module, and only when ruamel.yaml is installed.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

__all__ = ["SUPPRESSION", "Comments", "entries", "is_map", "is_seq"]


def is_map(node: Any) -> bool:
    """True for a mapping of ruamel.yaml's round-trip data."""
    from ruamel.yaml.comments import CommentedMap

    return isinstance(node, CommentedMap)


def is_seq(node: Any) -> bool:
    """True for a list of ruamel.yaml's round-trip data."""
    from ruamel.yaml.comments import CommentedSeq

    return isinstance(node, CommentedSeq)


def _is_block(node: Any) -> bool:
    """A non-empty collection written in block style."""
    return (is_map(node) or is_seq(node)) and len(node) > 0 and not node.fa.flow_style()


def entries(node: Any) -> list[Any]:
    """A mapping's keys or a list's indexes, in order."""
    return list(node) if is_map(node) else list(range(len(node)))


class Comments:
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
        if not (is_map(node) or is_seq(node)):
            return
        for entry in entries(node):
            value = node[entry]
            if (is_map(value) or is_seq(value)) and value.fa.flow_style() and len(value):
                if _suppresses(self.after(node, entry)):
                    # "{a: 1, b: 2}  # competency: ignore[...]" drops the warnings on
                    # its line: spread over lines, most of them would come back.
                    continue
                eol, lines = self.take(node, entry)
                if eol is not None and is_seq(node):
                    first = next(iter(value)) if is_map(value) else None
                    if (
                        first is None
                        or self.after(value, first) is not None
                        or (is_map(value[first]) or is_seq(value[first]))
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
        for entry in entries(node):
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
        keys = entries(node)
        original = _column(node)
        for before, after in itertools.pairwise(keys):
            lines = self.tail(node, before, original)
            if lines:
                self.prepend(node, after, lines, column)
        for slots in node.ca.items.values():
            for token in slots[1] or []:  # lines above an entry: at the entry's column
                if token.value.strip():
                    token.column = column
        for entry in keys:
            value = node[entry]
            if _is_block(value):
                self.parents[id(value)] = (node, entry)
                nested = is_map(node) or is_map(value)
                self.normalise(value, column + (2 if nested else 4))

    def reorder(self, node: Any, order: list[Any]) -> None:
        """Put `node`'s keys in `order`, with the lines above each key and after the last."""
        keys = list(node)
        if keys == order:
            return
        column = self.columns.get(id(node), 0)
        parent = self.parents.get(id(node))
        if parent is not None and is_map(parent[0]):
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
        if not (is_map(node) or is_seq(node)):
            return
        if is_map(node) and len(node):
            slots = node.ca.items.get(next(iter(node)))
            while slots and slots[1] and not slots[1][0].value.strip():
                slots[1].pop(0)
        for entry in entries(node):
            value = node[entry]
            if is_seq(node) and is_map(value) and len(value):
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
        return 2 if is_map(node) else 0

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
            entry = entries(node)[-1]
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
        holder, last = self.deepest(node, entries(node)[-1])
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


#: The start of a ``# competency: ignore[...]`` comment (competency.check.suppress).
SUPPRESSION = re.compile(r"#\s*competency\s*:\s*ignore")


def _suppresses(token: Any) -> bool:
    """True when a comment token's end-of-line part is a suppression comment."""
    if token is None or token.value.startswith("\n"):
        return False
    return SUPPRESSION.search(token.value.partition("\n")[0]) is not None


def _indented(line: str, column: int, original: int) -> str:
    """`line` moved from entries at column `original` to entries at `column`."""
    if not line.strip():
        return ""
    indent = _indent(line)
    return " " * (column if indent == original else min(indent, column)) + line.lstrip(" ")


def _column(node: Any) -> int:
    """The column of `node`'s entries in the original text (its keys or its dashes)."""
    if is_map(node):
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
