"""Level and framework diffs as text (for a terminal) and Markdown (for GitHub).

`competency.diff` computes the diffs as data; this module only writes them.
Text from the framework files goes through `competency.escape`: `terminal`
for text, `markdown` for Markdown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from competency.diff import (
    CHANGE_KINDS,
    Change,
    ChangeKind,
    CompetencyDiff,
    Direction,
    FrameworkDiff,
    LevelDiff,
    StepChange,
)
from competency.escape import json_text
from competency.escape import markdown as _md
from competency.escape import terminal as _t
from competency.write.colour import paint
from competency.write.options import PLAIN, WriteOptions

__all__ = [
    "as_json",
    "framework_markdown",
    "framework_text",
    "level_markdown",
    "level_text",
]

_HEADINGS: dict[ChangeKind, str] = {
    "role": "Roles",
    "level": "Levels",
    "competency": "Competencies",
    "behaviour": "Behaviours",
    "step": "Expected steps",
    "grade": "Grades",
    "move": "Moves",
}
_STEP_WORDS: dict[StepChange, str] = {
    "raised": "raised",
    "lowered": "lowered",
    "same": "same step",
    "added": "newly expected",
    "removed": "no longer expected",
}
_VERSION_WORDS: dict[Direction, str] = {
    "raised": "raised",
    "lowered": "lowered",
    "same": "unchanged",
}
_NO_LISTED_CHANGES = (
    "No listed changes, but other content changed (summaries, notes, scale or policy)."
)


def _level_text(diff: LevelDiff, colour: bool) -> Iterator[str]:
    old, new = diff.old, diff.new
    yield f"{old.ref} -> {new.ref}"
    yield f"  level: {_t(old.title)} -> {_t(new.title)}"
    yield f"  grade: {_t(old.grade.name)} -> {_t(new.grade.name)} ({diff.grade_change})"
    if diff.track_changed:
        yield f"  track: {_t(old.track.name)} -> {_t(new.track.name)} (changed)"
    else:
        yield f"  track: {_t(new.track.name)} (same)"
    if not diff.changed:
        yield ""
        yield "No changes: both levels expect the same steps and behaviours."
        return
    for item in (c for c in diff.competencies if c.changed):
        yield ""
        yield f"{_t(item.competency.name)}: {_step_phrase(item, name=_t)}"
        yield from (
            f"  {paint('+ ' + b.ref, 'good', colour)}  {_t(b.text)}{_replacing(b.replaces)}"
            for b in item.added
        )
        yield from (f"  {paint('- ' + b.ref, 'poor', colour)}  {_t(b.text)}" for b in item.removed)
    same = [_t(c.competency.name) for c in diff.competencies if not c.changed]
    if same:
        yield ""
        yield "Unchanged: " + ", ".join(same)


def _step_phrase(item: CompetencyDiff, arrow: str = "->", name: Callable[[str], str] = str) -> str:
    """``raised, Learning -> Practising`` and the like; `name` formats each step name."""
    word = _STEP_WORDS[item.change]
    if item.old_step and item.new_step:
        if item.change == "same":
            return f"{word} ({name(item.new_step.name)})"
        return f"{word}, {name(item.old_step.name)} {arrow} {name(item.new_step.name)}"
    step = item.new_step or item.old_step
    return f"{word} ({name(step.name)})" if step else word


def _level_markdown(diff: LevelDiff) -> Iterator[str]:
    old, new = diff.old, diff.new
    yield f"# `{old.ref}` → `{new.ref}`"
    yield ""
    yield "| | From | To |"
    yield "| --- | --- | --- |"
    yield f"| Level | {_md(old.title)} | {_md(new.title)} |"
    yield f"| Role | {_md(old.role.name)} | {_md(new.role.name)} |"
    yield f"| Grade | {_md(old.grade.name)} | {_md(new.grade.name)} ({diff.grade_change}) |"
    track_note = "changed" if diff.track_changed else "same"
    yield f"| Track | {_md(old.track.name)} | {_md(new.track.name)} ({track_note}) |"
    if not diff.changed:
        yield ""
        yield "No changes: both levels expect the same steps and behaviours."
        return
    for item in (c for c in diff.competencies if c.changed):
        yield ""
        yield f"## {_md(item.competency.name)}: {_step_phrase(item, '→', _md)}"
        yield ""
        yield from (
            f"- Added: `{b.ref}` {_md(b.text)}{_replacing(b.replaces, '`')}" for b in item.added
        )
        yield from (f"- No longer listed: `{b.ref}` {_md(b.text)}" for b in item.removed)
        if not (item.added or item.removed):
            yield "- Same behaviours."
    same = [_md(c.competency.name) for c in diff.competencies if not c.changed]
    if same:
        yield ""
        yield "## Unchanged"
        yield ""
        yield ", ".join(same)


def _framework_text(diff: FrameworkDiff, colour: bool) -> Iterator[str]:
    yield (
        f"{diff.old.id} {_t(diff.old.version)} -> {diff.new.id} {_t(diff.new.version)} "
        f"(version {_VERSION_WORDS[diff.version_change]})"
    )
    yield from (f"{paint('warning:', 'warning', colour)} {_t(w)}" for w in diff.warnings)
    if not diff.changes:
        yield ""
        yield _NO_LISTED_CHANGES if diff.content_changed else "No changes."
        return
    for kind in CHANGE_KINDS:
        changes = diff.by_kind(kind)
        if changes:
            yield ""
            yield _HEADINGS[kind]
            yield from (f"  {line}" for c in changes for line in _change_lines(c))


def _change_lines(change: Change) -> list[str]:
    """One change as text: a line, and for rewordings the old and new text."""
    head = f"{change.action:<9} {change.ref}"
    if change.competency:
        head += f" {change.competency}"
    if change.action == "reworded":
        return [head, f"            was: {_t(change.old)}", f"            now: {_t(change.new)}"]
    if change.old is not None and change.new is not None:
        return [f"{head}: {_t(change.old)} -> {_t(change.new)}"]
    value = change.new if change.new is not None else change.old
    return [f"{head}: {_t(value)}" if value else head]


def _framework_markdown(diff: FrameworkDiff) -> Iterator[str]:
    old, new = diff.old, diff.new
    yield f"# Changes from {_md(old.id)} {old.version} to {_md(new.id)} {new.version}"
    for warning in diff.warnings:
        yield ""
        yield f"> **Warning:** {_md(warning)}"
    if not diff.changes:
        yield ""
        yield _NO_LISTED_CHANGES if diff.content_changed else "No changes."
        return
    for kind in CHANGE_KINDS:
        changes = diff.by_kind(kind)
        if changes:
            yield ""
            yield f"## {_HEADINGS[kind]}"
            yield ""
            yield from (_change_markdown(c) for c in changes)


def _change_markdown(change: Change) -> str:
    where = f"`{change.ref}`" + (f" `{change.competency}`" if change.competency else "")
    if change.action == "reworded":
        return f"- **reworded** {where}: ~~{_md(change.old or '')}~~ {_md(change.new or '')}"
    if change.old is not None and change.new is not None:
        return f"- **{change.action}** {where}: {_md(change.old)} → {_md(change.new)}"
    value = change.new if change.new is not None else change.old
    return f"- **{change.action}** {where}: {_md(value or '')}"


def level_text(diff: LevelDiff, options: WriteOptions = PLAIN) -> str:
    """A level diff as plain text for a terminal."""
    return "\n".join(_level_text(diff, options.colour))


def level_markdown(diff: LevelDiff, options: WriteOptions = PLAIN) -> str:
    """A level diff as GitHub-flavoured Markdown; text from the YAML is escaped."""
    return "\n".join(_level_markdown(diff))


def framework_text(diff: FrameworkDiff, options: WriteOptions = PLAIN) -> str:
    """A framework changelog as plain text for a terminal."""
    return "\n".join(_framework_text(diff, options.colour))


def framework_markdown(diff: FrameworkDiff, options: WriteOptions = PLAIN) -> str:
    """A framework changelog as GitHub-flavoured Markdown; text from the YAML is escaped."""
    return "\n".join(_framework_markdown(diff))


def as_json(diff: LevelDiff | FrameworkDiff, options: WriteOptions = PLAIN) -> str:
    """Either diff as JSON, its `as_dict()` form (docs/diff.md)."""
    return json_text(json.dumps(diff.as_dict(), indent=2, ensure_ascii=False))


def _replacing(refs: tuple[str, ...], quote: str = "") -> str:
    """`` (replaces a, b)`` after an added behaviour that grows out of removed ones."""
    if not refs:
        return ""
    return " (replaces " + ", ".join(f"{quote}{ref}{quote}" for ref in refs) + ")"
