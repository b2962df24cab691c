"""Suggested evidence items from a help-desk or tracker export (format section 10, `suggest`).

`suggest` reads an export row by row (`competency.interop.rows`), turns each
row that an evidence mapping (``kind: evidence-mapping``) maps to a person
with an evidence file, and that matches at least one rule, into an item
with ``suggested: true``, and appends the new items to the end of each
file's ``items`` block as text: every byte of the file before stays as it
was, in order (only ``items: []`` is rewritten to ``items:``). Each
evidence file is parsed once, when the folder is read; of it only its ids,
names and where new items go are kept. Before anything is written, each
file's new text is vouched for as `competency validate` would check it: the
items are valid by construction, and where their lines land is proved from
the parse's positions for a plain block list (`_proven`); in other layouts
the file with its first new item is parsed and checked, and when that
cannot vouch for them, all are checked in the file, then each alone. A
CSV's rows are read by column index (`Rows.picked`). Every file is staged beside
its target as it is made and all are put in place at the end, all or
nothing (`competency.files.StagedFiles`).

People: a row's person value is looked up in the mapping's ``people``,
then in the extra `people` given (``--people FILE``), each exactly and then
without regard to case; else it is the person id of an evidence file in
the folder, else the name (``person.name``) of exactly one of them, without
regard to case or repeated spaces.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Any

import yaml

from competency.check import check_evidence
from competency.contract import (
    ArgumentTypeError,
    check_bool,
    check_instance,
    check_optional_str,
    check_path,
)
from competency.diagnostics import Diagnostic
from competency.edit._files import decode, encode
from competency.files import StagedFiles
from competency.framework import Framework
from competency.interop.rows import ExportError, ExportRow, Rows, read_rows
from competency.io import EvidenceFile, EvidenceFolder, check_evidence_file, each_evidence_file
from competency.load import (
    DEFAULT_MAX_BYTES,
    Document,
    load_document,
    parse_bytes,
    plain_is_text,
)
from competency.model import ID_MAX, EvidenceMapping, MappingCondition, Source, is_id
from competency.pool import paused_collection

__all__ = [
    "SHIPPED_MAPPINGS",
    "Added",
    "ExportError",
    "Skipped",
    "SuggestReport",
    "item_id",
    "read_people",
    "row_date",
    "shipped_mapping",
    "suggest",
]

#: The mappings that ship with the package, usable by name (``--mapping zendesk``).
SHIPPED_MAPPINGS = ("freshdesk", "github", "intercom", "jira", "zendesk")


def shipped_mapping(name: str) -> Path | None:
    """The file of the shipped mapping called `name`, or None when there is none."""
    if name not in SHIPPED_MAPPINGS:
        return None
    found = resources.files("competency") / "mappings" / f"{name}.yaml"
    return Path(str(found))


@dataclass(frozen=True, slots=True)
class Added:
    """One suggested item added (or, with a dry run, that would be)."""

    person: str
    file: str
    """The evidence file as shown: the folder as given, then the path inside it."""
    item: str
    shows: tuple[str, ...]
    row: int
    date: date
    summary: str
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """One row that gave no item, and why."""

    row: int
    reason: str


@dataclass
class SuggestReport:
    """What `suggest` added and skipped, the files written, and the folder's problems."""

    added: list[Added] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    """The files written (none for a dry run), as shown."""
    dry_run: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Problems of the evidence files in the folder (files with errors are left out)."""
    notes: list[str] = field(default_factory=list)
    """Warnings about the export as a whole (a rule's column it does not have)."""

    def to_json(self) -> dict[str, Any]:
        """The JSON contract: ``{"added": [{"person", "file", "item", "shows"}],
        "skipped": [{"row", "reason"}]}``."""
        return {
            "added": [
                {"person": a.person, "file": a.file, "item": a.item, "shows": list(a.shows)}
                for a in self.added
            ],
            "skipped": [{"row": s.row, "reason": s.reason} for s in self.skipped],
        }


_NOT_ID = re.compile(r"[^a-z0-9]+")


def item_id(prefix: str, value: str) -> str | None:
    """The item id for a row: `prefix`, a hyphen and `value` lowercased with every run of
    other characters than a-z and 0-9 made one hyphen, at most `ID_MAX` characters; None
    when `value` has no letter or digit.

    >>> item_id("zendesk", "  #4821 ")
    'zendesk-4821'
    >>> item_id("jira", "SUP-12")
    'jira-sup-12'
    """
    if value.isascii() and value.isalnum():  # most ids: letters and digits only
        slug = value.lower()
    else:
        slug = _NOT_ID.sub("-", value.lower()).strip("-")
    if not slug:
        return None
    made = f"{prefix}-{slug}"[:ID_MAX].rstrip("-")
    return made if is_id(made) else None


_DATE = re.compile(
    r"([0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?"
    r"(?:\s*(?:Z|UTC|[+-][0-9]{2}(?::?[0-9]{2})?))?)?"
)


def row_date(text: str) -> date | None:
    """The date of an ISO date or date-time (the date part as written, no time zone
    arithmetic); None when `text` is neither.

    >>> row_date("2026-03-15T22:10:00Z"), row_date("15/Mar/26 10:22 AM")
    (datetime.date(2026, 3, 15), None)
    """
    found = _DATE.fullmatch(text.strip())
    if found is None:
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError:
        return None


#: Characters dropped from a summary or link: controls and bidirectional controls.
_DROPPED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _clean(text: str) -> str:
    """One line of text: controls dropped, every run of whitespace one space."""
    if text.isprintable() and "  " not in text and text.strip(" ") == text:
        # Nothing to change: a printable string has no control, bidirectional or other
        # space character than " ", and no run of it nor one at an end.
        return text
    return " ".join(_DROPPED.sub(" ", text).split())


# --- people ---------------------------------------------------------------------------


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


#: How many answers a memo keeps before it starts again (person values, rule fields' texts):
#: an export repeats a few hundred people and tag sets many thousand times.
_MEMO = 1 << 16


class _People:
    """Who a row's person value is (a person id with an evidence file), or why not."""

    def __init__(
        self,
        mapping: EvidenceMapping,
        extra: Mapping[str, str],
        files: Mapping[str, _Target],
    ) -> None:
        self.tables = [dict(mapping.people), dict(extra)]
        self.folded = [{_fold(k): v for k, v in table.items()} for table in self.tables]
        self.files = files
        names: dict[str, list[str]] = {}
        for person, target in files.items():
            if target.person_name:
                names.setdefault(_fold(target.person_name), []).append(person)
        self.names = names
        self.known: dict[str, tuple[str | None, str]] = {}

    def find(self, value: str) -> tuple[str | None, str]:
        """(person id, '') or (None, why not)."""
        found = self.known.get(value)
        if found is None:
            if len(self.known) >= _MEMO:
                self.known.clear()
            found = self.known[value] = self._find(value)
        return found

    def _find(self, value: str) -> tuple[str | None, str]:
        for table, folded in zip(self.tables, self.folded, strict=True):
            person = table.get(value) or folded.get(_fold(value))
            if person is not None:
                if person in self.files:
                    return person, ""
                return None, f"person '{person}' (for '{value}') has no evidence file"
        if value in self.files:
            return value, ""
        named = self.names.get(_fold(value), [])
        if len(named) == 1:
            return named[0], ""
        if len(named) > 1:
            return None, f"'{value}' is the name of {len(named)} people; map it in people"
        return (
            None,
            f"person '{value}' is not mapped (map it in the mapping's people or a people file)",
        )


def read_people(
    path: str | os.PathLike[str], display: str | None = None
) -> tuple[dict[str, str] | None, list[Diagnostic]]:
    """A people file (``--people``): a YAML mapping from a person field's value to a person
    id, as a mapping's own ``people``. None and the problems when it has errors."""
    document = load_document(Path(path), display)
    if document.diagnostics:
        return None, list(document.diagnostics)
    if not isinstance(document.data, dict):
        message = "expected a mapping from the export's person values to person ids"
        return None, [document.at((), "S102", message)]
    problems = []
    for key, value in document.data.items():
        if not is_id(value):
            problems.append(
                document.at((key,), "S104", f"'{value}' is not a person id (lowercase kebab-case)")
            )
    if problems:
        return None, problems
    return {str(key): str(value) for key, value in document.data.items()}, []


# --- rules ----------------------------------------------------------------------------


class _Rules:
    """The mapping's rules, each column read once a row; the answer for the same texts in
    the rules' columns is worked out once (and its tuple shared by every item)."""

    def __init__(self, mapping: EvidenceMapping) -> None:
        self.fields = tuple(dict.fromkeys(rule.when.field for rule in mapping.rules))
        self.rules = [
            (self.fields.index(rule.when.field), _test(rule.when), tuple(rule.shows))
            for rule in mapping.rules
        ]
        self.known: dict[tuple[Any, ...], tuple[str, ...]] = {}

    def shows(self, key: tuple[Any, ...], rows: Rows) -> tuple[str, ...]:
        """The union of the matching rules' behaviours, in rule order, for a row's `key`
        of its values in the rules' fields (`Rows.picked`)."""
        found = self.known.get(key)
        if found is None:
            if len(self.known) >= _MEMO:
                self.known.clear()
            found = self.known[key] = self._shows(rows.values_of(key))
        return found

    def _shows(self, texts: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
        found: dict[str, None] = {}
        for field_index, test, shows in self.rules:
            if any(test(value) for value in texts[field_index]):
                found.update(dict.fromkeys(shows))
        return tuple(found)


def _test(when: MappingCondition) -> Callable[[str], bool]:
    kind, value = when.test
    if kind == "contains":
        return lambda text: value in text
    if kind == "equals":
        return lambda text: text.strip() == value
    pattern = re.compile(value)
    return lambda text: pattern.search(text) is not None


# --- the run --------------------------------------------------------------------------


@dataclass
class _Target:
    """An evidence file that may gain items: what its one parse told, and what it gains.

    Only this is kept of each file between reading the folder and writing, never its
    model or its text."""

    path: Path
    name: str
    person: str
    person_name: str | None
    taken: set[str]
    """The ids of its items, and of the items it gains."""
    before: int
    """How many items the file had."""
    digest: bytes
    """The hash of its bytes as read, to know it is still that file when it is written."""
    place: _Place | _Refused
    """Where new items go, or why they cannot."""
    added: list[Added] = field(default_factory=list)


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


@dataclass(frozen=True)
class _Reading:
    """What reading the folder needs: the framework, and the folder as given and as shown."""

    framework: Framework
    root: Path
    shown: str


def _read_target(reading: _Reading, item: tuple[Path, str]) -> tuple[EvidenceFile, _Target | None]:
    """Read, parse and check one evidence file once; what `suggest` keeps of it."""
    path, name = item
    document = load_document(path, name)
    found = check_evidence_file(document, reading.framework)
    if found.evidence is None:
        return found, None
    evidence = found.evidence
    text, _ = decode(document.raw)
    target = _Target(
        reading.root / os.path.relpath(name, reading.shown),
        name,
        evidence.person.id,
        evidence.person.name,
        {item.id for item in evidence.items if item.id is not None},
        len(evidence.items),
        _digest(document.raw),
        _place_of(document, text),
    )
    return found, target


def suggest(
    export: str | os.PathLike[str],
    mapping: EvidenceMapping,
    into: str | os.PathLike[str],
    framework: Framework,
    *,
    people: Mapping[str, str] | None = None,
    dry_run: bool = False,
    display: str | None = None,
    into_display: str | None = None,
) -> SuggestReport:
    """Turn the rows of `export` into suggested items in the evidence files below `into`.

    `mapping` must have been checked against `framework` (`io.read_mapping`).
    `people` adds value -> person id pairs after the mapping's own. Raises
    `ExportError` when the export cannot be read as a whole (nothing is
    written), `competency.files.WriteError` when a file cannot be written
    (nothing is changed). With `dry_run`, nothing is written and the report
    says what would be added.
    """
    check_path("suggest", "export", export)
    check_instance("suggest", "mapping", mapping, EvidenceMapping)
    check_path("suggest", "into", into)
    check_instance("suggest", "framework", framework, Framework)
    if people is not None and (
        not isinstance(people, Mapping)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in people.items())
    ):
        raise ArgumentTypeError(
            f"suggest(): people must be a mapping of str to str, not {type(people).__name__}"
        )
    check_bool("suggest", "dry_run", dry_run)
    check_optional_str("suggest", "display", display)
    check_optional_str("suggest", "into_display", into_display)
    shown_into = into_display if into_display is not None else os.fspath(into)
    root = Path(into)
    folder = EvidenceFolder()
    files: dict[str, _Target] = {}
    reading = each_evidence_file(
        into,
        framework,
        _read_target,
        folder,
        setup=_Reading,
        setup_args=(framework, root, shown_into),
        display=shown_into,
    )
    with paused_collection():  # what is kept of a file is acyclic: see paused_collection
        for target in reading:
            if target is not None:
                files[target.person] = target
    report = SuggestReport(dry_run=dry_run, diagnostics=list(folder.diagnostics))
    rows = read_rows(export, display)
    report.notes.extend(_check_columns(rows, mapping, display or os.fspath(export)))
    who = _People(mapping, people or {}, files)
    rules = _Rules(mapping)
    with paused_collection():  # the items are acyclic: see paused_collection
        pending = _gather(rows, mapping, who, rules, files, report.skipped)
    files.clear()
    # Each file's new bytes go to a temporary file beside it as soon as they are made and
    # checked; all of them are put in place at the end, or none (files.StagedFiles).
    with StagedFiles(inside=root, replace=True) as staged, paused_collection():
        written: list[str] = []
        for target in pending:
            data, kept, refused = _apply_within(target, framework, mapping.source)
            report.skipped.extend(refused)
            report.added.extend(kept)
            if data is not None and kept and not dry_run:
                staged.stage(target.path, data)
                written.append(target.name)
        if written:
            staged.commit()
            report.written = written
    report.added.sort(key=attrgetter("row"))
    report.skipped.sort(key=attrgetter("row"))
    return report


def _gather(
    rows: Rows,
    mapping: EvidenceMapping,
    who: _People,
    rules: _Rules,
    files: Mapping[str, _Target],
    skipped: list[Skipped],
) -> list[_Target]:
    """Each row's item added to its file's target, or the row to `skipped` with why; the
    targets that gained an item, in the order of their first row."""
    pending: dict[str, _Target] = {}
    first_row: dict[str, int] = {}
    for number, made in _made(rows, mapping, who, rules):
        if isinstance(made, str):
            skipped.append(Skipped(number, made))
            continue
        person, ident, day, summary, link, shows = made
        target = files[person]
        pending.setdefault(person, target)
        if ident in target.taken:
            earlier = first_row.get(ident)
            reason = (
                f"item '{ident}' is already in {target.name}"
                if earlier is None
                else f"item '{ident}' is also made by row {earlier}"
            )
            skipped.append(Skipped(number, reason))
            continue
        target.taken.add(ident)
        first_row[ident] = number
        target.added.append(Added(person, target.name, ident, shows, number, day, summary, link))
    return list(pending.values())


def _check_columns(rows: Rows, mapping: EvidenceMapping, shown: str) -> list[str]:
    """Refuse a header without a required field's column; notes for other missing ones."""
    if rows.columns is None:
        return []
    header = ExportRow(0, dict.fromkeys(rows.columns, ""))
    fields = mapping.fields
    for key in ("id", "date", "person", "summary"):
        column = getattr(fields, key)
        if not header.has(column):
            listed = ", ".join(f"'{name}'" for name in rows.columns if name)
            raise ExportError(
                Diagnostic.make(
                    shown,
                    1,
                    1,
                    "I101",
                    f"no column '{column}' (the mapping's fields.{key}); the columns are {listed}",
                )
            )
    notes = []
    if fields.link is not None and not header.has(fields.link):
        notes.append(f"the export has no column '{fields.link}' (fields.link); no links")
    for index, rule in enumerate(mapping.rules):
        if not header.has(rule.when.field):
            notes.append(
                f"the export has no column '{rule.when.field}' (rules[{index}].when.field); "
                "that rule matches no row"
            )
    return notes


_Made = tuple[str, str, date, str, str | None, tuple[str, ...]]


def _made(
    rows: Rows, mapping: EvidenceMapping, who: _People, rules: _Rules
) -> Iterator[tuple[int, _Made | str]]:
    """Each row's number and what it makes: (person, item id, date, summary, link, shows),
    or why it is skipped. One loop over the rows' picked fields, the rules, people and
    dates each looked up in a memo."""
    fields = mapping.fields
    no_id = f"no value in '{fields.id}' (the id field)"
    no_person = f"no value in '{fields.person}' (the person field)"
    no_date = f"no value in '{fields.date}' (the date field)"
    no_summary = f"no value in '{fields.summary}' (the summary field)"
    texts = (fields.id, fields.person, fields.date, fields.summary, fields.link)
    prefix = mapping.id
    quick_ids = is_id(prefix)
    found_person = who.find
    known_person = who.known
    rule_shows = rules.shows
    known_shows = rules.known
    days: dict[str, date | None] = {}
    iso_date = _DATE.fullmatch
    has_link = fields.link is not None
    for number, problem, (raw_id, value, when, summary, link), key in rows.picked(
        texts, rules.fields
    ):
        if problem:
            yield number, problem
            continue
        raw_id = raw_id.strip()
        if not raw_id:
            yield number, no_id
            continue
        if quick_ids and raw_id.isascii() and raw_id.isalnum():
            # item_id's answer without its checks: an id, a hyphen and letters and digits
            # are an id once cut to its length and of a hyphen at its end.
            ident: str | None = f"{prefix}-{raw_id.lower()}"[:ID_MAX].rstrip("-")
        else:
            ident = item_id(prefix, raw_id)
        if ident is None:
            why = f"'{raw_id}' in '{fields.id}' has no letter or digit to make an item id of"
            yield number, why
            continue
        value = value.strip()
        if not value:
            yield number, no_person
            continue
        person, why = known_person.get(value) or found_person(value)
        if person is None:
            yield number, why
            continue
        shows = known_shows.get(key) or rule_shows(key, rows)
        if not shows:
            yield number, "no rule matches"
            continue
        when = when.strip()
        if not when:
            yield number, no_date
            continue
        found = iso_date(when)
        if found is None:
            day = None
        else:
            written = found.group(1)
            day = days[written] if written in days else _day(written, days)
        if day is None:
            why = f"'{when}' in '{fields.date}' is not an ISO date or date-time (YYYY-MM-DD...)"
            yield number, why
            continue
        summary = summary.strip()
        if not (summary.isprintable() and "  " not in summary):  # else as it is: see _clean
            summary = _clean(summary)
        if not summary:
            yield number, no_summary
            continue
        if has_link:
            link = _clean(link.strip())
        yield number, (person, ident, day, summary, link or None, shows)


def _day(written: str, days: dict[str, date | None]) -> date | None:
    """The date written YYYY-MM-DD in `written` (None when there is none), kept in `days`."""
    if len(days) >= _MEMO:
        days.clear()
    try:
        day: date | None = date.fromisoformat(written)
    except ValueError:
        day = None
    days[written] = day
    return day


# --- appending to a file --------------------------------------------------------------


def _apply(
    target: _Target, framework: Framework, source: str
) -> tuple[bytes | None, list[Added], list[Skipped]]:
    """The file's new bytes, the items kept, and the rows refused (with why)."""
    if not target.added:
        return None, [], []
    try:
        raw = target.path.read_bytes()
        text, bom = decode(raw)
    except (OSError, UnicodeDecodeError) as error:
        why = f"{target.name} cannot be read: {error}"
        return None, [], [Skipped(a.row, why) for a in target.added]
    if _digest(raw) != target.digest:
        why = f"{target.name} changed while suggest ran; nothing added to it"
        return None, [], [Skipped(a.row, why) for a in target.added]
    newline = "\r\n" if "\r\n" in text else "\n"
    place = target.place
    if not isinstance(place, _Refused) and place[5] and _valid_items(target, framework, source):
        block = _items_text(target.added, source, place[1], place[2], newline)
        made = _insert(text, block, newline, place)
        if not isinstance(made, _Refused):
            return encode(made, bom), target.added, []
    lines = [_item_lines(item, source) for item in target.added]

    def attempt(items: list[Added]) -> tuple[bytes | None, str]:
        chosen = lines if items is target.added else [_item_lines(i, source) for i in items]
        made = _append(text, chosen, newline, target.place)
        if isinstance(made, _Refused):
            return None, made.reason
        data = encode(made, bom)
        problem = _still_valid(data, target, framework, [item.item for item in items])
        return (None, problem) if problem else (data, "")

    data = _checked_by_probe(text, bom, newline, lines, target, framework, source)
    if data is not None:
        return data, target.added, []
    data, problem = attempt(target.added)
    if data is not None:
        return data, target.added, []
    kept: list[Added] = []
    refused: list[Skipped] = []
    for item in target.added:  # find the items that cannot go in, one by one
        alone, why = attempt([item])
        if alone is None:
            refused.append(Skipped(item.row, f"not added to {target.name}: {why}"))
        else:
            kept.append(item)
    if not kept:
        return None, [], refused
    data, problem = attempt(kept)
    if data is None:
        why = f"not added to {target.name}: {problem}"
        return None, [], refused + [Skipped(a.row, why) for a in kept]
    return data, kept, refused


def _apply_within(
    target: _Target, framework: Framework, source: str, limit: int = DEFAULT_MAX_BYTES
) -> tuple[bytes | None, list[Added], list[Skipped]]:
    """`_apply`, keeping the file within the size `competency` reads (`limit` bytes).

    When every item would take the file over it, the first items in row order that
    fit go in and the others are refused: a file over the limit could no longer be
    read by any command (validate, gap, team) and would lose the person's evidence.
    """
    data, kept, refused = _apply(target, framework, source)
    if data is None or len(data) <= limit:
        return data, kept, refused
    fits: tuple[bytes | None, list[Added], list[Skipped]] = (None, [], [])
    low, high = 0, len(kept)  # `low` items are known to fit, `high` known not to
    while high - low > 1:
        middle = (low + high) // 2
        tried = _apply(replace(target, added=kept[:middle]), framework, source)
        if tried[0] is not None and len(tried[0]) <= limit:
            low, fits = middle, tried
        else:
            high = middle
    why = f"not added to {target.name}: the file would be over the {limit:,}-byte limit"
    return fits[0], fits[1], refused + fits[2] + [Skipped(a.row, why) for a in kept[low:]]


#: The values `source` may take (the format's `Source`).
_SOURCES = frozenset(Source.__args__)  # type: ignore[attr-defined]


def _checked_by_probe(
    text: str,
    bom: bool,
    newline: str,
    lines: list[list[str]],
    target: _Target,
    framework: Framework,
    source: str,
) -> bytes | None:
    """The new bytes with every item, checked without parsing them all; None when this
    cannot vouch for them (then each is checked the slow way, as before).

    The file as read was checked (it loaded without errors), and every new item is made
    of values that are valid by construction: an id (``is_id``, not yet in the file), a
    date, the mapping's `source`, a one-line summary and link that load back as the same
    text (`_scalar`), and behaviours of the framework. What is left to prove is where
    they land, and that depends only on the file and the lines' shape, the same for every
    item: the file with the first item alone is parsed and checked as `competency
    validate` would, and must end with it.
    """
    if isinstance(target.place, _Refused) or not _valid_items(target, framework, source):
        return None
    first = target.added[0]
    probe = _append(text, lines[:1], newline, target.place)
    if isinstance(probe, _Refused):
        return None
    if _still_valid(encode(probe, bom), target, framework, [first.item]):
        return None
    made = _append(text, lines, newline, target.place)
    return None if isinstance(made, _Refused) else encode(made, bom)


def _valid_items(target: _Target, framework: Framework, source: str) -> bool:
    """Whether the values of every new item of `target` are valid by how they are made:
    ids (``is_id``, not yet in the file), dates, summaries and links are, by `_row` and
    `_scalar`; what is left is the mapping's `source` and the behaviours."""
    if source not in _SOURCES:
        return False
    known = framework.behaviour_refs
    shown = {ref for shows in {item.shows for item in target.added} for ref in shows}
    return shown <= known


def _still_valid(data: bytes, target: _Target, framework: Framework, expected: list[str]) -> str:
    """'' when the new text validates and ends its items with `expected`; else what is
    wrong."""
    document = parse_bytes(data, target.path, target.name)
    evidence, problems = check_evidence(document, framework)
    errors = [d for d in problems if d.severity == "error"]
    if errors or evidence is None:
        first = errors[0] if errors else None
        return f"the file would not validate ({first})" if first else "the file would not load"
    ids = [item.id for item in evidence.items[len(evidence.items) - len(expected) :]]
    if (
        len(evidence.items) != target.before + len(expected)
        or ids != expected
        or not all(item.suggested for item in evidence.items[-len(expected) :])
    ):
        return "the new items did not land in the file's items"
    return ""


def _items_text(items: list[Added], source: str, dash: int, indent: int, newline: str) -> str:
    """The lines of `items` as `_append` writes them (dashes at `dash`, keys at
    `indent`), one format string an item."""
    rest = newline + " " * indent
    head = " " * dash + "- id: "
    tail = f"{rest}suggested: true{newline}"
    middle = f"{rest}source: {source}{rest}summary: "
    joined: dict[tuple[str, ...], str] = {}
    parts = []
    for item in items:
        shows = joined.get(item.shows)
        if shows is None:
            shows = joined[item.shows] = f"{rest}shows: [{', '.join(item.shows)}]"
        link = "" if item.link is None else f"{rest}link: {_scalar(item.link)}"
        parts.append(
            f"{head}{item.item}{rest}date: {item.date.isoformat()}{middle}"
            f"{_scalar(item.summary)}{link}{shows}{tail}"
        )
    return "".join(parts)


def _item_lines(item: Added, source: str) -> list[str]:
    lines = [
        f"id: {item.item}",
        f"date: {item.date.isoformat()}",
        f"source: {source}",
        f"summary: {_scalar(item.summary)}",
    ]
    if item.link is not None:
        lines.append(f"link: {_scalar(item.link)}")
    lines.append(f"shows: [{', '.join(item.shows)}]")
    lines.append("suggested: true")
    return lines


#: Text that is a plain scalar as written: a letter or digit first, then letters, digits,
#: spaces and punctuation that mean nothing in a plain scalar (no ``:`` or ``#``, no quote
#: or bracket first, no space last), and read as text. Most summaries are; PyYAML's
#: emitter, which decides the rest (and wrote every one before), took 45 % of a
#: 50,000-row `suggest` (docs/performance.md).
_PLAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 .,;'()/_+=?!&%$-]*[A-Za-z0-9.)!?])?")


def _resolved(text: str) -> bool:
    """Whether PyYAML reads `text` as a plain scalar of another type than text ("yes", "0x1f",
    "2024-01-01"), as its emitter asks before writing it plain."""
    found = yaml.SafeDumper.yaml_implicit_resolvers.get(text[0], [])
    return any(pattern.match(text) for _, pattern in found)


#: The first characters of a plain scalar that PyYAML's resolvers may read as another
#: type than text; every text that `plain_is_text` refuses starts with one of them too
#: (a digit, a sign, a dot, "~", "n", "t", "f" in any case: a test checks).
_RESOLVED_FIRST = frozenset(yaml.SafeDumper.yaml_implicit_resolvers)


def _scalar(text: str) -> str:
    """`text` as a one-line YAML scalar that loads back as the same text."""
    if _PLAIN.fullmatch(text) and (
        text[0] not in _RESOLVED_FIRST or (plain_is_text(text) and not _resolved(text))
    ):
        return text
    dumped = yaml.safe_dump({"v": text}, allow_unicode=True, width=1 << 30)
    value = dumped[3:].rstrip("\n")
    if "\n" in value or (
        value[:1] not in {"'", '"'} and (value != text or not plain_is_text(text))
    ):
        return json.dumps(text, ensure_ascii=False)
    return value


@dataclass(frozen=True)
class _Refused:
    reason: str


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _line_starts(text: str) -> list[int]:
    return [0, *map(re.Match.end, _BREAK.finditer(text))]


def _append(
    text: str, items: list[list[str]], newline: str, place: _Place | _Refused
) -> str | _Refused:
    """`text` with `items` (each its lines, unindented) added at `place`: the end of its
    ``items`` block, or after the document's last value when it has none."""
    if isinstance(place, _Refused):
        return place
    first, rest = " " * place[1] + "- ", newline + " " * place[2]
    block = "".join(first + rest.join(lines) + newline for lines in items)
    return _insert(text, block, newline, place)


def _insert(text: str, block: str, newline: str, place: _Place) -> str | _Refused:
    """`text` with the items' lines `block` added at `place` (see `_append`)."""
    starts = _line_starts(text)
    (line, column), _, _, empty, header, _ = place
    if empty is not None:  # items: [] -> items:
        (s_line, s_col), (e_line, e_col) = empty
        if s_line != e_line:
            return _Refused("the file's 'items: [...]' spans lines; write it as 'items:'")
        begin, end = starts[s_line] + s_col, starts[e_line] + e_col
        while begin > 0 and text[begin - 1] in " \t":
            begin -= 1
        text = text[:begin] + text[end:]
        starts = _line_starts(text)
        line, column = s_line, len(text)  # after this line
    # Where the new lines go: after the line holding the last value, or at the start of
    # that line when nothing but indentation comes before the value's end there.
    if line >= len(starts):
        offset = len(text)
    else:
        start = starts[line]
        if text[start : start + column].strip() == "":
            offset = start
        else:
            offset = starts[line + 1] if line + 1 < len(starts) else len(text)
    before = text[:offset]
    ended = before == "" or before.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))
    lead = "" if ended else newline
    if header is not None:
        block = " " * header + "items:" + newline + block
    return before + lead + block + text[offset:]


_Place = tuple[
    tuple[int, int],  # (line, column) from 0 of the end of the last value before the new lines
    int,  # column of the new items' dashes
    int,  # column of their keys
    tuple[tuple[int, int], tuple[int, int]] | None,  # the span of an empty flow list to remove
    int | None,  # the column of an 'items:' key to write, when there is none
    bool,  # whether the layout alone proves where new lines land (`_proven`)
]


def _place_of(document: Document, text: str) -> _Place | _Refused:
    """Where new items go, from the file's one parse (its data and positions).

    The last value before the new lines ends where the last scalar or flow collection
    inside it ends: a block collection's own end is where the next thing begins, after
    any comments, and the new lines go before those.
    """
    data = document.data
    if not isinstance(data, dict):
        return _Refused("the file is not a mapping" if data is not None else "the file is empty")
    starts = _line_starts(text)
    root = _span(document, ())
    if _char(text, starts, root[0]) == "{":
        return _Refused("the file is written as one flow mapping ({...})")
    key_column = root[0][1]
    if "items" not in data:
        last_end = root[0]
        if data:
            last = next(reversed(data))
            last_end = _last_end(document, text, starts, (last,), data[last])
        return (last_end, key_column + 2, key_column + 4, None, key_column, False)
    items = data["items"]
    span = _span(document, ("items",))
    if not isinstance(items, list):
        return _Refused("the file's items are not a list")
    if _char(text, starts, span[0]) == "[":
        if items:
            return _Refused("the file's items are a flow list ([...]); write them as a block list")
        return ((0, 0), key_column + 2, key_column + 4, span, None, False)
    if not items:  # pragma: no cover - a block list has an item
        return _Refused("the file's items are empty")
    indent = _span(document, ("items", 0))[0][1]
    index = len(items) - 1
    last_start, last_end = _last_leaf(document, text, starts, ("items", index), items[index])
    dash = span[0][1]
    proven = _proven(text, starts, span[0], dash, indent, last_start, last_end)
    return (last_end, dash, indent, None, None, proven)


#: What may follow the last value of the last item on its line: blanks and a comment.
_LINE_REST = re.compile(r"[ \t]*(?:(?<=[ \t])#[^\r\n]*)?(?:\r\n|\n|\Z)")
#: Line breaks other than LF and CRLF, which the proof leaves to the probe.
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _proven(
    text: str,
    starts: list[int],
    items_start: tuple[int, int],
    dash: int,
    indent: int,
    last_start: tuple[int, int],
    last_end: tuple[int, int],
) -> bool:
    """Whether the layout alone proves that item lines added after the last item's line
    land as new items of the file's block list ``items`` (what the probe parse checks).

    It does when the list is a block list (a dash first), each item's keys are two
    columns right of its dash (as the new lines are written), the last item's last value
    is a scalar or flow collection that is not a block scalar (``|``, ``>``) and ends on
    its line with at most blanks and a comment after it, and every line break is LF or
    CRLF. Then the new lines start a line, their dashes in the list's column and their
    keys inside their own items: the loaded list is the old one with them after it, and
    what follows (comments, blank lines, later keys, less indented) reads as before.
    Any other layout is left to the probe.
    """
    if indent != dash + 2 or _char(text, starts, items_start) != "-":
        return False
    if _char(text, starts, last_start) in ("|", ">") or _ODD_BREAK.search(text):
        return False
    line, column = last_end
    if line >= len(starts) or column == 0:
        return False
    offset = starts[line] + column
    if text[offset - 1] in " \t":
        return False
    return _LINE_REST.match(text, offset) is not None


def _span(
    document: Document, loc: tuple[str | int, ...]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The (line, column) from 0 where the value at `loc` starts and ends."""
    node = document.positions.node(loc)
    if node is None:  # pragma: no cover - every value of a parsed file has its place
        raise LookupError(loc)
    (line, column), (end_line, end_column) = node.start, node.end
    return (line - 1, column - 1), (end_line - 1, end_column - 1)


def _char(text: str, starts: list[int], at: tuple[int, int]) -> str:
    offset = starts[at[0]] + at[1] if at[0] < len(starts) else len(text)
    return text[offset : offset + 1]


def _last_end(
    document: Document, text: str, starts: list[int], loc: tuple[str | int, ...], value: Any
) -> tuple[int, int]:
    """Where the last scalar or flow collection of the value at `loc` ends."""
    return _last_leaf(document, text, starts, loc, value)[1]


def _last_leaf(
    document: Document, text: str, starts: list[int], loc: tuple[str | int, ...], value: Any
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Where the last scalar or flow collection of the value at `loc` starts and ends."""
    start, end = _span(document, loc)
    if not isinstance(value, dict | list) or not value or _char(text, starts, start) in ("[", "{"):
        return start, end  # a scalar, an empty collection (always flow) or a flow collection
    if isinstance(value, dict):
        key = next(reversed(value))
        return _last_leaf(document, text, starts, (*loc, key), value[key])
    return _last_leaf(document, text, starts, (*loc, len(value) - 1), value[-1])
