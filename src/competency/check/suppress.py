"""Suppressions: which warnings a run drops, and which suppressions are wrong or stale.

Format sections 3 and 9 give four ways to drop warnings:

- `LintOptions.ignore`: codes dropped for one run;
- ``lint.ignore`` in framework.yaml: codes dropped for the framework and the
  evidence files checked against it;
- ``# competency: ignore[CODE,...]`` at the end of a line: those codes,
  reported on that line;
- ``# competency: ignore-file[CODE,...]`` on a line of its own: those codes,
  anywhere in the file.

Errors are never dropped. A suppression that names an error or an unknown
code, or that is written wrongly, is a Q106 warning; one that drops nothing
is a Q105 warning when `LintOptions.report_unused` asks for it. ``lint.allow``
(phrases the vague-qualifier check accepts) is applied where Q100 is found,
in `competency.check.rules`; its unused phrases are reported here too.

`suppress` is the one place all of this happens: `check_framework` and
`check_evidence` call it on what they found, so every command and the
Python API see the same result.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import yaml

from competency.contract import ArgumentTypeError, check_bool, check_instance
from competency.diagnostics import CODES, CompetencyError, Diagnostic, Severity, has_errors
from competency.load import Document, Loader
from competency.model import Lint

__all__ = [
    "CommentCache",
    "LintOptions",
    "SuppressionError",
    "cannot_suppress",
    "suppress",
]


class SuppressionError(CompetencyError, ValueError):
    """A code given to `LintOptions` that cannot be ignored (an error, or unknown)."""


def cannot_suppress(code: str) -> str | None:
    """Why `code` cannot be suppressed, or None when it is a warning code."""
    known = CODES.get(code)
    if known is None:
        return f"unknown diagnostic code '{code}'"
    if known[0] is Severity.ERROR:
        return f"{code} is an error, and errors cannot be suppressed"
    return None


@dataclass(frozen=True, slots=True)
class LintOptions:
    """How one run treats warnings, on top of the framework's ``lint`` settings.

    >>> LintOptions(ignore=frozenset({"Q100"}), report_unused=True).ignore
    frozenset({'Q100'})
    """

    ignore: frozenset[str] = frozenset()
    """Warning codes dropped everywhere for this run."""
    report_unused: bool = False
    """Report suppressions that drop nothing (Q105), so stale ones get cleaned up."""

    def __post_init__(self) -> None:
        if isinstance(self.ignore, str) or not isinstance(self.ignore, Iterable):
            raise ArgumentTypeError(
                "LintOptions(): ignore must be a set of codes (a frozenset of str), "
                f"not {type(self.ignore).__name__}"
            )
        codes = list(self.ignore)
        for code in codes:
            check_instance("LintOptions", "ignore (each code)", code, str)
        check_bool("LintOptions", "report_unused", self.report_unused)
        # A list or a set is taken as the frozenset it stands for.
        object.__setattr__(self, "ignore", frozenset(codes))
        for code in sorted(self.ignore):
            problem = cannot_suppress(code)
            if problem is not None:
                raise SuppressionError(problem)


# --- comments ---------------------------------------------------------------

#: A comment that starts like a suppression; `_GRAMMAR` says whether it is one.
_MARKER = re.compile(r"#\s*competency\s*:\s*ignore")
_GRAMMAR = re.compile(r"#\s*competency\s*:\s*(ignore-file|ignore)\s*\[([^\]]*)\]")
_CODE = re.compile(r"[^,\s]+")
_LINES = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")  # libyaml's line breaks

#: lint.ignore codes never reported as unused: whether they drop anything depends on
#: the evidence a run reads (Q104), or they are about suppressions themselves.
_NOT_JUDGED = frozenset({"Q104", "Q105", "Q106"})


@dataclass
class _Entry:
    """One code named by one suppression, and whether it dropped anything."""

    code: str
    line: int
    column: int
    used: bool = False
    alone: bool = False
    """An ignore[...] comment on a line of its own, which has no warning to drop."""


@dataclass
class _FileSuppressions:
    """The suppression comments of one file."""

    lines: dict[int, list[_Entry]] = field(default_factory=dict)
    whole: list[_Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def entries(self) -> Iterable[_Entry]:
        yield from self.whole
        for entries in self.lines.values():
            yield from entries


def _scalar_spans(text: str) -> tuple[list[tuple[tuple[int, int], tuple[int, int]]], int]:
    """Where scalars lie, as 0-based ((line, column), (line, column)) pairs, and the last
    line the scanner understood: a ``#`` inside a scalar starts no comment."""
    spans = []
    loader = Loader(text)
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, yaml.ScalarToken):
                start = (token.start_mark.line, token.start_mark.column)
                if token.style in {"|", ">"}:  # a comment may follow the block header
                    start = (token.start_mark.line + 1, 0)
                spans.append((start, (token.end_mark.line, token.end_mark.column)))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return spans, (mark.line if mark is not None else 0) - 1
    finally:
        loader.dispose()
    return spans, len(text)


def _comments(document: Document) -> _FileSuppressions:
    """The ``# competency: ...`` comments of a document, read from its bytes."""
    found = _FileSuppressions()
    text = document.raw.decode("utf-8-sig", errors="replace")
    if not _MARKER.search(text):
        return found
    spans, understood = _scalar_spans(text)
    for index, line in enumerate(_LINES.split(text)):
        if index > understood:
            break
        for marker in _MARKER.finditer(line):
            column = marker.start()
            if column > 0 and not line[column - 1].isspace():
                continue  # "a#b" is part of a plain scalar, not a comment
            if any(start <= (index, column) < end for start, end in spans):
                continue
            _read_comment(document, found, line, index + 1, column)
            break
    return found


def _read_comment(
    document: Document, found: _FileSuppressions, line: str, number: int, column: int
) -> None:
    """Record the suppression at `column` of `line` (1-based `number`), or why it is none."""

    def problem(at: int, message: str) -> None:
        found.problems.append(Diagnostic.make(document.display, number, at + 1, "Q106", message))

    parsed = _GRAMMAR.match(line, column)
    if parsed is None:
        problem(
            column,
            "not a suppression: write '# competency: ignore[CODE,...]' at the end of a line "
            "or '# competency: ignore-file[CODE,...]' on a line of its own",
        )
        return
    whole_file = parsed.group(1) == "ignore-file"
    if whole_file and line[:column].strip():
        problem(column, "ignore-file[...] goes on a line of its own")
        return
    codes = list(_CODE.finditer(parsed.group(2)))
    if not codes:
        problem(column, "a suppression names at least one code")
        return
    start = parsed.start(2)
    for match in codes:
        code, at = match.group(0), start + match.start()
        why = cannot_suppress(code)
        if why is not None:
            problem(at, why)
            continue
        entry = _Entry(code, number, at + 1, alone=not line[:column].strip())
        if whole_file:
            found.whole.append(entry)
        else:
            found.lines.setdefault(number, []).append(entry)


class CommentCache:
    """The suppression comments of documents, read once per document object.

    An incremental check (the language server's) keeps one: a document that
    did not change is not scanned again. Each call hands out a fresh copy,
    since applying suppressions marks which of them were used.
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[Document, _FileSuppressions]] = {}

    def comments(self, document: Document) -> _FileSuppressions:
        """The comments of `document`, none of them used yet."""
        known = self._known.get(id(document))
        if known is None or known[0] is not document:
            known = (document, _comments(document))
            self._known[id(document)] = known
        found = known[1]
        if not (found.lines or found.whole or found.problems):
            return _FileSuppressions()
        return _FileSuppressions(
            {line: [replace(e) for e in entries] for line, entries in found.lines.items()},
            [replace(e) for e in found.whole],
            list(found.problems),
        )

    def keep(self, documents: Iterable[Document]) -> None:
        """Forget every document but these."""
        wanted = {id(d) for d in documents}
        self._known = {key: value for key, value in self._known.items() if key in wanted}


# --- applying them ----------------------------------------------------------


@dataclass
class _Settings:
    """The ``lint.ignore`` entries of a framework, and where they are written."""

    entries: list[_Entry]
    problems: list[Diagnostic]


def _settings(lint: Lint | None, settings: Document | None) -> _Settings:
    entries: list[_Entry] = []
    problems: list[Diagnostic] = []
    for index, code in enumerate(lint.ignore if lint is not None else []):
        line, column = settings.positions.value(("lint", "ignore", index)) if settings else (1, 1)
        why = cannot_suppress(code)
        if why is None:
            entries.append(_Entry(code, line, column))
        elif settings is not None:
            problems.append(settings.at(("lint", "ignore", index), "Q106", why))
    return _Settings(entries, problems)


def suppress(
    diagnostics: Sequence[Diagnostic],
    documents: Sequence[Document],
    options: LintOptions,
    *,
    lint: Lint | None = None,
    settings: Document | None = None,
    allow_used: Iterable[str] = (),
    cache: CommentCache | None = None,
) -> list[Diagnostic]:
    """`diagnostics` without the suppressed warnings, with Q106 and (if asked) Q105 added.

    `documents` are the files whose comments count; `lint` holds the
    framework's settings. `settings` is the framework file itself when
    these diagnostics are the framework's own: only then are its
    ``lint.ignore`` and ``lint.allow`` entries judged (Q106, Q105), at
    their place in it. `allow_used` is what the Q100 check found each
    ``lint.allow`` phrase to accept. `cache` keeps the comments of documents
    read before.
    """
    read = cache.comments if cache is not None else _comments
    comments = {document.display: read(document) for document in documents}
    ignored = _settings(lint, settings)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if diagnostic.severity is Severity.ERROR:
            kept.append(diagnostic)
            continue
        matching = [e for e in ignored.entries if e.code == diagnostic.code]
        here = comments.get(diagnostic.file)
        if here is not None:
            matching += [e for e in here.whole if e.code == diagnostic.code]
            matching += [
                e for e in here.lines.get(diagnostic.line, []) if e.code == diagnostic.code
            ]
        for entry in matching:
            entry.used = True
        if not matching and diagnostic.code not in options.ignore:
            kept.append(diagnostic)
    extra = list(ignored.problems)
    for document in documents:
        extra += comments[document.display].problems
    # While there are errors, files with errors are not checked for warnings: a
    # suppression that drops nothing then may only be waiting for them to be fixed.
    if options.report_unused and not has_errors(diagnostics):
        extra += _unused(comments, documents, ignored, settings, lint, allow_used)
    codes = options.ignore | {e.code for e in ignored.entries}
    return kept + [d for d in extra if d.code not in codes]


def _unused(
    comments: dict[str, _FileSuppressions],
    documents: Sequence[Document],
    ignored: _Settings,
    settings: Document | None,
    lint: Lint | None,
    allow_used: Iterable[str],
) -> Iterable[Diagnostic]:
    """Q105 for every suppression that dropped nothing."""
    for document in documents:
        here = comments[document.display]
        for entry in here.entries():
            if entry.used:
                continue
            if any(entry is whole for whole in here.whole):
                why = f"nothing in this file is reported as {entry.code}; remove this suppression"
            elif entry.alone:
                why = (
                    f"ignore[{entry.code}] on a line of its own drops nothing; put it at the end "
                    "of the line the warning is reported on"
                )
            else:
                why = f"nothing on this line is reported as {entry.code}; remove this suppression"
            yield Diagnostic.make(document.display, entry.line, entry.column, "Q105", why)
    if settings is None or lint is None:
        return
    for entry in ignored.entries:
        if not entry.used and entry.code not in _NOT_JUDGED:
            yield Diagnostic.make(
                settings.display,
                entry.line,
                entry.column,
                "Q105",
                f"no file of this framework is reported as {entry.code}; "
                "remove it from lint.ignore",
            )
    accepted = {phrase.casefold() for phrase in allow_used}
    for index, phrase in enumerate(lint.allow):
        if phrase.casefold() not in accepted:
            yield settings.at(
                ("lint", "allow", index),
                "Q105",
                f"no vague qualifier is accepted by '{phrase}'; remove it from lint.allow",
            )
