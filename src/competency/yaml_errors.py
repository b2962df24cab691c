"""libyaml's syntax errors, said as what to fix: the common mistakes of people who edit YAML.

libyaml reports where it gave up in its own grammar's words ("mapping values
are not allowed in this context", "found character that cannot start any
token", "did not find expected key"). `explain` reads the text around that
place and, for the mistakes people make most (a ``: `` inside unquoted text,
a tab, a line indented to a column no line above it has, a quote or bracket
that is never closed), says what happened and how to fix it, keeping
libyaml's words where they help. Anything else keeps libyaml's message. Pure
text work on the error's parts: no YAML library here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Explained", "explain"]

#: Longer text is shortened in the "quote it" example.
_EXAMPLE_WIDTH = 60
_KEY = re.compile(r"""(?:[A-Za-z0-9_][\w.@/-]*|"[^"]*"|'[^']*')""")
_CLOSER = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Explained:
    """Where to report a syntax error (0-based line and column) and what to say."""

    line: int
    column: int
    message: str


#: The line breaks libyaml counts lines by, so that line numbers agree with its marks.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def explain(
    text: str,
    context: str | None,
    context_at: tuple[int, int] | None,
    problem: str | None,
    problem_at: tuple[int, int],
) -> Explained:
    """The diagnostic for libyaml's error `context`/`problem` (marks as 0-based line, column)."""
    words = " ".join(p for p in (context, problem) if p) or "invalid YAML"
    lines = _LINE_BREAK.split(text)
    line, column = problem_at
    here = lines[line] if line < len(lines) else ""
    said = _said(lines, here, words, context, context_at, problem or "", problem_at)
    if isinstance(said, Explained):
        return said
    if said is None:
        said = words
        if context_at is not None and context_at[0] != line:
            # Where the unclosed quote or bracket began, which libyaml's mark does not show.
            said += f" (the construct began at {_at(context_at)})"
    return Explained(line, column, said)


def _said(
    lines: list[str],
    here: str,
    words: str,
    context: str | None,
    context_at: tuple[int, int] | None,
    problem: str,
    problem_at: tuple[int, int],
) -> str | Explained | None:
    line, column = problem_at
    if "tab" in problem or (problem.endswith("cannot start any token") and "\t" in here):
        at = column if column < len(here) and here[column] == "\t" else max(here.find("\t"), 0)
        return Explained(
            line,
            at,
            "a tab character: YAML indents with spaces, never tabs; replace the tab with spaces",
        )
    if problem.endswith("cannot start any token") and column < len(here):
        char = here[column]
        if char in "@`":
            key, value = _key_value(here)
            example = f' (for example {key}: "{_short(value)}")' if key and value else ""
            return f"{words}: plain text cannot start with {char}; quote the text{example}"
        return None
    if problem.startswith("mapping values are not allowed"):
        return _colon(lines, here, words, problem_at)
    if "quoted scalar" in (context or "") and "end of stream" in problem and context_at:
        quote = _char(lines, context_at)
        return (
            f"the {quote} that opens at {_at(context_at)} is never closed; "
            f"add the closing {quote} at the end of the text"
        )
    if "flow" in (context or "") and context_at is not None:
        return _flow(lines, words, context_at, problem_at)
    if problem.startswith(("did not find expected key", "did not find expected '-'", "expected <")):
        return _block(lines, here, words, context_at, problem_at)
    if "simple key" in (context or "") and context_at is not None:
        return _simple_key(lines, words, context_at)
    return None


def _colon(lines: list[str], here: str, words: str, at: tuple[int, int]) -> str | None:
    """A ``: `` where a key cannot start: inside unquoted text, or a key indented too far."""
    line, column = at
    head = _content(here[:column])
    if ": " in head:
        key, value = _key_value(here)
        return (
            f'{words}: the text of "{key}" holds ": ", which YAML reads as the start of a key; '
            f"quote the text, for example {key}: {_quoted(value)}"
        )
    owner = _owner(lines, line)
    if owner is None:
        return None
    owner_line, owner_column, owner_key = owner
    word = head.strip()
    if _KEY.fullmatch(word):
        return (
            f'{words}: "{word}" on line {line + 1} is indented deeper than "{owner_key}" '
            f"(line {owner_line + 1}), so YAML reads it as more of the text of "
            f'"{owner_key}"; align "{word}" with "{owner_key}" at column {owner_column + 1}'
        )
    return (
        f'{words}: the text of "{owner_key}" (line {owner_line + 1}) goes on to line {line + 1} '
        'and holds ": " there, which YAML reads as the start of a key; quote the whole text'
    )


def _flow(lines: list[str], words: str, opened: tuple[int, int], at: tuple[int, int]) -> str | None:
    """A ``[`` or ``{`` whose items go wrong: usually it is never closed."""
    bracket = _char(lines, opened)
    if bracket not in _CLOSER:
        return None
    closer = _CLOSER[bracket]
    if at[0] >= len(lines) - 1 and not "".join(lines[at[0] :]).strip():
        return (
            f'the "{bracket}" that opens at {_at(opened)} is never closed; close it with "{closer}"'
        )
    if at[0] != opened[0]:
        return (
            f'{words}: the "{bracket}" that opens at {_at(opened)} is not closed before '
            f'line {at[0] + 1}; close it with "{closer}" at the end of its items'
        )
    return None


def _block(
    lines: list[str],
    here: str,
    words: str,
    start: tuple[int, int] | None,
    at: tuple[int, int],
) -> str | None:
    """A line of a block mapping or list that does not fit: text after a quote, or indentation."""
    line, column = at
    before = here[:column].rstrip()
    if before and before[-1] in "\"'" and before.strip() != before[-1]:
        quote = before[-1]
        opening = before.rfind(quote, 0, len(before) - 1)
        if opening < 0:
            return _runaway(lines, quote, (line, len(before) - 1))
        if _content(here[:opening]).rstrip().endswith(":"):
            key, _ = _key_value(here)
            inner = here[opening + 1 :].rstrip().removesuffix(quote)
            other = "'" if quote == '"' else '"'
            fix = ""
            if other not in inner and inner.count(quote) >= 2:
                fix = (
                    f"; to have {quote} in the text, quote it with {other} instead: "
                    f"{key}: {other}{_short(inner)}{other}"
                )
            return (
                f"{words}: text goes on after the closing {quote} at line {line + 1}, "
                f"column {len(before)}; put all the text inside the quotes{fix}"
            )
        return None
    if column >= len(here) or (column != 0 and not here[:column].isspace()):
        return None
    kind = "-" if here[column] == "-" and here[column + 1 : column + 2] in ("", " ") else "key"
    token = "-" if kind == "-" else _KEY.match(here, column)
    if token is None:
        return None
    name = token if isinstance(token, str) else token.group(0)
    anchors = _anchors(lines, line)
    same = [a for a in anchors if a[2] == kind]
    if any(a[1] == column for a in same):
        return None
    if not same or any(a[1] == column for a in anchors):
        if start is None:
            return None
        if kind == "-":
            return (
                f'{words}: line {line + 1} starts a "- " item among the keys of the mapping '
                f"that starts at {_at(start)}; put the list under a key that ends with "
                '":", indented more than that key'
            )
        keys = [a for a in anchors if a[2] == "key"][:1]
        where = (
            f'align it with "{_name(lines, keys[0])}" on line {keys[0][0] + 1} '
            f"(column {keys[0][1] + 1})"
            if keys
            else "end the list before it"
        )
        return (
            f'{words}: line {line + 1} starts a key among the "- " items of the list that '
            f'starts at {_at(start)}; start it with "- " to make it an item, or {where}'
        )
    deeper = [a for a in same if a[1] > column][:1]
    shallower = [a for a in same if a[1] < column][:1]
    choices = " or with ".join(
        f'"{_name(lines, a)}" on line {a[0] + 1} (column {a[1] + 1})'
        for a in sorted(deeper + shallower, key=lambda a: -a[0])
    )
    return (
        f"{words}: line {line + 1} is indented to column {column + 1}, which no line above "
        f'it has; align its "{name}" with {choices}'
    )


def _runaway(lines: list[str], quote: str, closed: tuple[int, int]) -> str | None:
    """A quote left open on its line, closed by the next quote in the file, lines below."""
    for number in range(closed[0] - 1, -1, -1):
        if lines[number].count(quote) % 2:
            opened = (number, lines[number].rfind(quote))
            return (
                f"the {quote} that opens at {_at(opened)} is not closed on its line, so the "
                f"text runs on to the {quote} at {_at(closed)}, and what follows that "
                f"cannot be read; close the quote on line {number + 1}"
            )
    return None


def _simple_key(lines: list[str], words: str, start: tuple[int, int]) -> str | None:
    """A line that is neither ``key: value`` nor part of a value (a ``:`` without a space)."""
    here = lines[start[0]] if start[0] < len(lines) else ""
    word = here[start[1] :].strip()
    if not word or len(word) > _EXAMPLE_WIDTH:
        return None
    if ":" in word and ": " not in word:
        key, _, value = word.partition(":")
        fix = f'put a space after the ":" ({key}: {value})'
    else:
        fix = (
            f'end the key with ": " ({word}: value), '
            "or indent the line to go on with the text above"
        )
    return f'{words}: "{word}" on line {start[0] + 1} is not "key: value"; {fix}'


def _anchors(lines: list[str], line: int) -> list[tuple[int, int, str]]:
    """The (line, column, kind) a line below these may align with, nearest line first.

    Walking up from `line`, each earlier line whose indentation is less than
    all those seen so far opens a column: its ``- `` and the key after it.
    """
    found: list[tuple[int, int, str]] = []
    limit = 1 << 30
    for number in range(line - 1, -1, -1):
        text = lines[number]
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(text) - len(stripped)
        if indent >= limit:
            continue
        column, marks = indent, []
        while text[column : column + 2] in ("- ", "-") and column < len(text):
            marks.append((number, column, "-"))
            column += 1
            while column < len(text) and text[column] == " ":
                column += 1
        if column < len(text) and _KEY.match(text, column) and ":" in text[column:]:
            marks.append((number, column, "key"))
        found.extend(m for m in reversed(marks) if m[1] < limit)
        limit = indent
        if indent == 0:
            break
    return found


def _owner(lines: list[str], line: int) -> tuple[int, int, str] | None:
    """The nearest key above `line`, indented less than it: whose text a deeper line goes on."""
    if line >= len(lines):
        return None
    here = lines[line]
    indent = len(here) - len(here.lstrip(" "))
    for number, column, kind in _anchors(lines, line):
        if kind == "key" and column < indent:
            return number, column, _name(lines, (number, column, kind))
    return None


def _name(lines: list[str], anchor: tuple[int, int, str]) -> str:
    if anchor[2] == "-":
        return "-"
    found = _KEY.match(lines[anchor[0]], anchor[1])
    return found.group(0) if found else ""


def _content(text: str) -> str:
    """A line without its indentation and ``- `` marks."""
    text = text.lstrip(" ")
    while text.startswith("- "):
        text = text[2:].lstrip(" ")
    return text


def _key_value(line: str) -> tuple[str, str]:
    key, _, value = _content(line).partition(": ")
    return key.strip(), value.strip()


def _quoted(value: str) -> str:
    """`value` quoted as YAML would read it back, shortened for an example."""
    if '"' in value or "\\" in value:
        return "'" + _short(value.replace("'", "''")) + "'"
    return '"' + _short(value) + '"'


def _short(value: str) -> str:
    return value if len(value) <= _EXAMPLE_WIDTH else value[: _EXAMPLE_WIDTH - 1] + "…"


def _char(lines: list[str], at: tuple[int, int]) -> str:
    here = lines[at[0]] if at[0] < len(lines) else ""
    return here[at[1]] if at[1] < len(here) else ""


def _at(at: tuple[int, int]) -> str:
    return f"line {at[0] + 1}, column {at[1] + 1}"
