"""``competency fmt``: one canonical key order and style for every file.

Keys follow the order docs/format.md lists them in, per kind of file (``format``,
``kind``, ``id`` first); a competency's steps follow the framework's scale;
collections are written in block style with two-space indentation. Comments
and text are kept exactly: the file goes through ruamel.yaml's round-trip
loader and dumper, and comments are re-attached so that the lines above a
key move with the key. Before a file is written, a check compares the
original and the result (the data, every comment, every text) and leaves the
file as it is if anything but order and layout would change.
"""

from __future__ import annotations

import bisect
import functools
import io
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from competency.diagnostics import CompetencyError, require_extra
from competency.edit._comments import SUPPRESSION, Comments, is_map, is_seq
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
from competency.edit._outline import ids
from competency.folders import FRAMEWORK_FILES
from competency.load import Document, parse_yaml
from competency.model import (
    Assessment,
    Behaviour,
    Category,
    Competency,
    CompetencyStep,
    Confirmation,
    Evidence,
    EvidenceItem,
    EvidenceMapping,
    Expectation,
    External,
    FrameworkInfo,
    FrameworkStamp,
    Grade,
    HiringKit,
    HistoryEntry,
    Level,
    Lint,
    MappingCondition,
    MappingFields,
    MappingRule,
    Metric,
    Move,
    NotApplicable,
    Paths,
    Person,
    Readiness,
    Reference,
    Resource,
    Role,
    Step,
    Track,
    declared_keys,
)

__all__ = [
    "FormatError",
    "FormatReport",
    "Formatted",
    "format_paths",
    "format_text",
]


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


_BEHAVIOURS = _Shape(declared_keys(Behaviour))
_READINESS = _Shape(declared_keys(Readiness))
_FRAMEWORK = _Shape(
    declared_keys(FrameworkInfo),
    {
        "scale": _Shape(declared_keys(Step)),
        "categories": _Shape(declared_keys(Category)),
        "tracks": _Shape(declared_keys(Track)),
        "grades": _Shape(declared_keys(Grade)),
        "externals": _Shape(declared_keys(External)),
        "readiness": _READINESS,
        "lint": _Shape(declared_keys(Lint)),
    },
)
_COMPETENCY = _Shape(
    declared_keys(Competency),
    {
        "steps": _Shape(
            each=_Shape(
                declared_keys(CompetencyStep),
                {"behaviours": _BEHAVIOURS, "resources": _Shape(declared_keys(Resource))},
            ),
            by_scale=True,
        ),
        "hiring": _Shape(declared_keys(HiringKit)),
        "references": _Shape(declared_keys(Reference)),
    },
)
_ROLE = _Shape(
    declared_keys(Role),
    {
        "levels": _Shape(
            declared_keys(Level),
            {
                "expects": _Shape(
                    each=_Shape(declared_keys(Expectation), {"behaviours": _BEHAVIOURS})
                ),
                "metrics": _Shape(declared_keys(Metric)),
            },
        )
    },
)
_PATHS = _Shape(declared_keys(Paths), {"moves": _Shape(declared_keys(Move))})
_EVIDENCE = _Shape(
    declared_keys(Evidence),
    {
        "person": _Shape(declared_keys(Person)),
        "confirmed": _Shape(declared_keys(Confirmation)),
        "history": _Shape(
            declared_keys(HistoryEntry), {"framework": _Shape(declared_keys(FrameworkStamp))}
        ),
        "items": _Shape(declared_keys(EvidenceItem)),
        "assessments": _Shape(declared_keys(Assessment)),
        "not_applicable": _Shape(declared_keys(NotApplicable)),
    },
)
_MAPPING = _Shape(
    declared_keys(EvidenceMapping),
    {
        "fields": _Shape(declared_keys(MappingFields)),
        "rules": _Shape(
            declared_keys(MappingRule), {"when": _Shape(declared_keys(MappingCondition))}
        ),
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
    "evidence-mapping": _MAPPING,
    None: _READINESS,
}
_UNKNOWN_KIND = _Shape(("format", "kind", "id"))


class FormatError(CompetencyError, ValueError):
    """A file that cannot be formatted without losing something; it is left as it is."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class Formatted:
    """One file: whether its canonical form differs, and what stopped it, if anything."""

    file: YamlFile
    changed: bool = False
    #: True when the file was rewritten in its canonical form.
    written: bool = False
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
    def written(self) -> list[Formatted]:
        """The files rewritten in their canonical form."""
        return [file for file in self.files if file.written]

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
    are reported and left as they are. Raises `MissingExtraError` without
    ruamel.yaml (the ``fmt`` extra).
    """
    require_extra("ruamel.yaml", "fmt", "formatting YAML")
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
    except (YAMLError, ValueError, OverflowError, RecursionError) as error:
        # The strict loader refuses what ruamel.yaml cannot build first; this is the
        # last guard, so that one file that cannot be formatted never stops the others.
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = f"cannot format: {type(error).__name__}: {error}; file left as it is"
        raise FormatError(Problem(display, line, column, message)) from None
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
            return Formatted(file, changed=True, problems=(Problem(file.display, 1, 1, message),))
        except OSError as error:
            message = f"cannot write: {error.strerror or error}"
            return Formatted(file, changed=True, problems=(Problem(file.display, 1, 1, message),))
    return Formatted(file, changed=True, written=write)


class _Scales:
    """The scale of the framework a file belongs to: the nearest framework.yaml above it."""

    def __init__(self) -> None:
        self._found: dict[Path, tuple[str, ...]] = {}

    def near(self, path: Path) -> tuple[str, ...]:
        folder = path.resolve().parent
        for candidate in (folder, *folder.parents):
            if candidate in self._found:
                return self._found[candidate]
            for name in FRAMEWORK_FILES:
                if (candidate / name).is_file():
                    scale = self._read(candidate / name)
                    self._found[folder] = self._found[candidate] = scale
                    return scale
        self._found[folder] = ()
        return ()

    @staticmethod
    def _read(path: Path) -> tuple[str, ...]:
        data = load(YamlFile(path, str(path))).data
        return tuple(ids(data.get("scale"))) if isinstance(data, dict) else ()


# --- loading and dumping with ruamel.yaml ---------------------------------------------


class _Timestamp(str):
    """A plain scalar that looks like a date or time, kept as the text it is.

    ruamel.yaml would build a `datetime` from it, and fail on one that is no
    real date (a 30th of February, an hour 25, the year 0). The strict loader
    keeps dates as text too; the models parse them where a date is expected.
    """

    __slots__ = ()


@functools.cache
def _handlers() -> tuple[type, type]:
    """ruamel.yaml's round-trip constructor and representer, dates kept as text."""
    from ruamel.yaml.constructor import RoundTripConstructor
    from ruamel.yaml.representer import RoundTripRepresenter

    timestamp = "tag:yaml.org,2002:timestamp"

    class Constructor(RoundTripConstructor):
        pass

    class Representer(RoundTripRepresenter):
        pass

    def construct(constructor: Any, node: Any) -> _Timestamp:
        return _Timestamp(constructor.construct_scalar(node))

    def represent(representer: Any, data: _Timestamp) -> Any:
        # Tagged as a timestamp, the text resolves to its own tag and is written plain.
        return representer.represent_scalar(timestamp, str(data))

    Constructor.add_constructor(timestamp, construct)
    Representer.add_representer(_Timestamp, represent)
    return Constructor, Representer


def _round_trip() -> Any:
    from ruamel.yaml import YAML

    handler = YAML(typ="rt")
    handler.Constructor, handler.Representer = _handlers()
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
    comments = Comments()
    comments.block_style(data)
    comments.gather_ends(data)
    comments.normalise(data, 0)
    if is_map(data):
        kind = data.get("kind")
        shape = _KINDS.get(kind, _UNKNOWN_KIND) if kind is None or isinstance(kind, str) else None
        if shape is not None:
            _apply(comments, data, shape, scale)
    comments.hoist(data)
    return data


# --- canonical order ------------------------------------------------------------------


def _apply(comments: Comments, node: Any, shape: _Shape, scale: Sequence[str]) -> None:
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
        for item in value if is_seq(value) else [value]:
            if is_map(item):
                _apply(comments, item, below, scale)


def _canonical(keys: list[Any], known: Sequence[str]) -> list[Any]:
    """Known keys in their canonical order, then the others as they were."""
    rank: dict[Any, int] = {key: index for index, key in enumerate(known)}
    return sorted(keys, key=lambda key: rank.get(key, len(rank)))


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
    old_lines, new_lines = _suppressed(before, document), _suppressed(after, kept)
    if old_lines != new_lines:
        moved = old_lines - new_lines
        line = _line_of(before, next(iter(moved))[0]) if moved else 1
        raise FormatError(
            Problem(
                display,
                line,
                1,
                "a suppression comment here would no longer share its line with the "
                "same keys and values, changing what it suppresses; file left as it is",
            )
        )


_BREAKS = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")  # libyaml's line breaks


def _suppressed(text: str, document: Document) -> Counter[tuple[str, bool, frozenset[Any]]]:
    """Each suppression comment: its text, whether it is alone on its line, and the keys
    and values that start on its line (those whose warnings it drops)."""
    on_line: dict[int, set[tuple[bool, Any]]] = {}
    for is_key, points in ((False, document.positions.values), (True, document.positions.keys)):
        for loc, (line, _) in points.items():
            on_line.setdefault(line, set()).add((is_key, loc))
    starts = [0] + [match.end() for match in _BREAKS.finditer(text)]
    found: Counter[tuple[str, bool, frozenset[Any]]] = Counter()
    for index, comment in _comment_spans(text):
        if SUPPRESSION.search(comment) is None:
            continue
        line = bisect.bisect_right(starts, index)
        alone = not text[starts[line - 1] : index].strip()
        found[(comment, alone, frozenset(on_line.get(line, ())))] += 1
    return found


def _line_of(text: str, comment: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if comment in line:
            return number
    return 1


def _content(text: str) -> tuple[Counter[str], Counter[str]]:
    """Every comment (from ``#`` to the end of its line) and every scalar of `text`, counted."""
    events = _scalar_events(text)
    comments = Counter(comment for _, comment in _comment_spans(text, events))
    return comments, Counter(event.value for event in events)


def _scalar_events(text: str) -> list[Any]:
    from ruamel.yaml import YAML
    from ruamel.yaml.events import ScalarEvent

    return [e for e in YAML(typ="safe", pure=True).parse(text) if isinstance(e, ScalarEvent)]


def _comment_spans(text: str, events: list[Any] | None = None) -> list[tuple[int, str]]:
    """Where each comment of `text` starts, and its text (from ``#`` to the end of its line)."""
    events = _scalar_events(text) if events is None else events
    inside = _inside(text, [(event.start_mark.index, event.end_mark.index) for event in events])
    found: list[tuple[int, str]] = []
    index = text.find("#")
    while index >= 0:
        if not inside(index) and (index == 0 or text[index - 1] in " \t\n"):
            end = text.find("\n", index)
            end = end if end >= 0 else len(text)
            found.append((index, text[index:end].rstrip()))
            index = end
        index = text.find("#", index + 1)
    return found


def _inside(text: str, spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    flags = bytearray(len(text) + 1)
    for start, end in spans:
        flags[start:end] = b"\x01" * (end - start)
    return lambda index: bool(flags[index])
