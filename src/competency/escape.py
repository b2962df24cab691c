"""One escaping helper per place text from input files goes.

Text from YAML files and file names is written by people we do not
control, and read in terminals, CI logs, GitHub Markdown and spreadsheets.
Each function here makes such text inert for one target; every writer uses
these and nothing else:

- `terminal`: text output (terminals and CI logs);
- `markdown`: inline Markdown on GitHub;
- `cell`: one CSV or spreadsheet cell (and `from_cell`, its inverse, for
  reading such a cell back);
- `json_text`: JSON printed where people read it (a terminal, a CI log);
- `html_text`: text placed in HTML, before Jinja2's autoescaping.

HTML markup is escaped by Jinja2's autoescaping (`html_text` is its
`finalize` step), and Typst receives data as JSON, never as markup.
"""

from __future__ import annotations

import re

__all__ = ["cell", "from_cell", "html_text", "json_text", "markdown", "terminal"]

# C0 controls, DEL and C1 controls; bidirectional embeddings, overrides and
# isolates; the Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def terminal(text: object) -> str:
    """`text` with every control, bidi and line-break character shown as a visible escape.

    Nothing printed can then move the cursor, set a terminal title, make a
    hyperlink, reorder what is shown, or start a new line in a CI log; and
    text that starts with ``::`` (a GitHub Actions workflow command, if it
    began a line) has its first colon shown as ``\\x3a``.

    >>> terminal("ok\\x1b]0;owned\\x07\\n::error::x")
    'ok\\\\x1b]0;owned\\\\x07\\\\n::error::x'
    """
    if text is None:
        return ""
    shown = _UNSAFE.sub(_visible, str(text))
    if _COMMAND.match(shown):
        # Text at the start of a line that starts with "::" is a GitHub Actions
        # workflow command; its first colon is shown as an escape instead.
        at = shown.index(":")
        shown = shown[:at] + "\\x3a" + shown[at + 1 :]
    return shown


# What the GitHub Actions runner strips before a workflow command: any Unicode white
# space (what str.isspace says, which `\s` matches) and the zero-width characters.
_SPACE = "(?:\\s|[\ufeff\u200b-\u200d])"
#: What GitHub Actions reads as a workflow command when a line starts with it.
_COMMAND = re.compile(_SPACE + "*::")


# Characters that start Markdown or HTML syntax anywhere in a line. A
# backslash before any ASCII punctuation shows the character itself
# (CommonMark 2.4), and GitHub honours `\|` inside table cells.
_ALWAYS = frozenset("\\`*_[]<>|&~$#")
# Text that would start a block if it began a line: a list item, a
# thematic break or a setext underline. Quotes and headings are covered by
# _ALWAYS, which escapes `>` and `#` everywhere.
_BLOCK_START = re.compile(r"[+\-](?=\s|$)|-{2,}|=+|\d{1,9}[.)](?=\s|$)")


def markdown(text: object) -> str:
    """`text` as inline Markdown that shows exactly the text and nothing else.

    HTML tags, links, emphasis, code spans, table pipes and block starts
    are escaped; whitespace, line breaks included, becomes single spaces (a
    line break would end a table row or a list item, or forge a new line);
    control characters are shown as visible escapes; a mention (``@team``)
    or an issue reference (``#123``) gets a word joiner (U+2060) after its
    sign, so that posting the report notifies nobody and links nothing.
    """
    if text is None:
        return ""
    flat = " ".join(terminal(" ".join(str(text).split())).split())
    escaped = "".join("\\" + c if c in _ALWAYS else c for c in flat)
    match = _BLOCK_START.match(escaped)
    if match:
        # An ordered-list number is broken by escaping its dot; the rest by
        # escaping their first character.
        at = match.end() - 1 if escaped[0].isdigit() else 0
        escaped = escaped[:at] + "\\" + escaped[at:]
    return _MENTION.sub("\\1\u2060", escaped)


# A GitHub mention (`@user`, `@org/team`) or reference (`#123`, `owner/repo#123`):
# a backslash does not stop GitHub from linking them (it reads the rendered text),
# so an invisible word joiner after the sign breaks them while the text reads the same.
_MENTION = re.compile(r"(@(?=[A-Za-z0-9])|#(?=[0-9]))")


# JSON escapes C0 controls itself; these it leaves raw when ensure_ascii is off.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(serialised: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with no raw control character.

    DEL, C1 controls, bidi controls and the Unicode line separators are
    written as ``\\uXXXX`` escapes: the same JSON for a parser, inert in a
    terminal. These characters only ever occur inside JSON strings.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)


# Line breaks (and tabs) that a browser shows as a space anyway.
_HTML_SPACE = re.compile("[\t\r\n\x85\u2028\u2029]+")


def html_text(text: object) -> object:
    """`text` for an HTML page: line breaks as spaces, controls as visible escapes.

    A browser shows a line break as a space, but an HTML report printed in
    a CI log would start a new log line. Anything that is not a plain
    string (a number, or markup Jinja2 already trusts) is returned as it is;
    Jinja2's autoescaping then escapes the HTML.
    """
    if type(text) is not str:
        return text
    return terminal(_HTML_SPACE.sub(" ", text))


#: A cell starting with one of these is read as a formula by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (and so XLSX) cannot hold, and other controls.
_CELL_BREAK = re.compile("[\r\n\x85\u2028\u2029]+")
# A line inside a cell that starts with "::" (after a line break and any white space).
_CELL_COMMAND = re.compile("([\r\n\x85\u2028\u2029]" + _SPACE + "*):(?=:)")
_CELL_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def cell(value: object, *, lines: bool = False) -> str:
    """`value` as the text of a CSV or spreadsheet cell that is never a formula.

    A leading ``=``, ``+``, ``-``, ``@``, tab, carriage return or ``::`` (a
    CI workflow command, in a CSV printed in a log) gets an apostrophe in
    front (the convention spreadsheets use for "this is text"), and so does
    a leading apostrophe, so that `from_cell` gives the text back; control
    characters become visible escapes. Line breaks become spaces (a report
    printed in a CI log must not start a new line), unless `lines` keeps
    them for a file meant to be read back (an exported framework); then a
    line inside the cell that starts with ``::`` has its first colon shown
    as ``\\x3a``.
    """
    if value is None:
        return ""
    text = str(value)
    if lines:
        text = _CELL_COMMAND.sub(lambda found: found.group(1) + "\\x3a", text)
    else:
        text = _CELL_BREAK.sub(" ", text).strip(" ")
    text = _CELL_UNSAFE.sub(_visible, text)
    if text.startswith((*_FORMULA_START, "'")) or _COMMAND.match(text):
        return "'" + text
    return text


def from_cell(text: str) -> str:
    """The text a cell written by `cell` holds: one leading apostrophe dropped.

    Control characters that `cell` showed as escapes stay escapes: a cell
    never gives them back.

    >>> from_cell(cell("=1+2")), from_cell(cell("'quoted'"))
    ('=1+2', "'quoted'")
    """
    return text[1:] if text.startswith("'") else text
