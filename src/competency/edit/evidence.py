"""The text of a new evidence file: the one scaffold of ``new evidence`` and ``template evidence``.

What a person filling in evidence needs: the schema modeline, every key
explained in a comment, their person id, role, current level and target,
``items: []`` (so the file is valid as written and nothing made up counts
as evidence), and, per competency the target expects, a commented item to
copy whose ``shows`` lists that competency's behaviour references with
their texts. Names and texts come from the `Names` the caller passes.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from competency.model import FORMAT
from competency.modeline import modeline

if TYPE_CHECKING:  # types only: the edit package imports nothing above the core (`fmt` stays light)
    from competency.framework import ExpectedCompetency, Framework
    from competency.names import Names

__all__ = ["PLACEHOLDER_PERSON", "evidence_file"]

#: The person id written when none is given: a valid id that asks to be replaced.
PLACEHOLDER_PERSON = "replace-me"
_WIDTH = 100


def _inert(text: str) -> str:
    """`text` for one comment line: control characters as escapes, line breaks as spaces.

    Nothing in a text can then end the comment, or reach a terminal raw.
    """
    from competency.escape import terminal

    return terminal(" ".join(text.split()))


def _comment(text: str, indent: int = 0, *, nested: bool = False) -> list[str]:
    """Text wrapped into comment lines, indented after the ``#``.

    `nested` lines are comments inside commented YAML (``#   # text``), so
    they stay comments when the YAML around them is uncommented.
    """
    prefix = "#" + " " * (indent + 1) + ("# " if nested else "")
    wrapped = textwrap.wrap(_inert(text), _WIDTH, initial_indent=prefix, subsequent_indent=prefix)
    return wrapped or ["#"]


def evidence_file(
    framework: Framework,
    target: str,
    names: Names,
    *,
    person: str | None = None,
    level: str | None = None,
    schema: str = "",
) -> str:
    """The text of an evidence file aiming at `target` (``ROLE@LEVEL``), ready to fill in.

    `level` is the person's current level in the target's role (an id of
    it; none leaves the key as a comment). `schema` is what the
    ``yaml-language-server`` modeline points at (a path or URL of
    ``evidence.schema.json``); without it there is no modeline. Raises
    `UnknownReferenceError` for an unknown target.
    """
    found = framework.level(target)
    role = found.role.id
    title = names.level(found.ref)
    expected = framework.expected(found.ref)
    from competency.escape import terminal

    lines = [modeline(terminal(schema)).rstrip("\n"), "#"] if schema else []
    lines += _comment(
        f"Evidence for {title} ({found.ref}), framework {framework.info.id} "
        f"{framework.info.version}: pieces of work that show the behaviours the level expects. "
        "Check it with: competency validate THIS-FILE; compare it with the level with: "
        "competency gap THIS-FILE"
    )
    lines += [
        f"format: {FORMAT}  # the file format; always {FORMAT}",
        "kind: evidence  # what this file is",
        "person:  # who the evidence is about",
        f"  id: {person or PLACEHOLDER_PERSON}  # a lowercase id, unique in the team",
        "  # name: Their Name  # the name reports show (optional)",
        "  # manager: their-manager  # the person id of their manager (optional)",
        f"role: {role}  # the person's role: a role id of the framework",
    ]
    lines += _level(framework, role, level)
    lines += [
        f"target: {found.ref}  # the level aimed at, ROLE@LEVEL (optional)",
        "items: []  # pieces of work, one entry each: replace [] with items like those below",
        "# assessments:  # a step judged by someone, never a number (optional)",
        "#   - competency: COMPETENCY",
        "#     step: STEP",
        "#     by: manager  # self, manager, peer or panel",
        "#     assessor: their-manager  # who assessed: a person id (optional)",
        "#     date: YYYY-MM-DD",
        "# not_applicable:  # behaviours that do not apply to this job, with why (optional)",
        "#   - behaviour: COMPETENCY.BEHAVIOUR",
        "#     reason: Why it does not apply.",
    ]
    lines += _items(names, title, expected)
    return "\n".join(lines) + "\n"


def _level(framework: Framework, role: str, level: str | None) -> list[str]:
    """The current level, and when it was confirmed as comments; a comment alone without one."""
    if level is None:
        return ["# level: their current level in this role, if they have one (optional)"]
    return [
        f"level: {level}  # their current level in that role (optional)",
        "# When a manager or a panel confirmed that level, its behaviours carry over and",
        "# the gap report asks only for what is new at the target:",
        "# confirmed:  # when a manager or panel confirmed that level (optional)",
        "#   date: YYYY-MM-DD  # the date of the decision",
        "#   by: manager  # manager or panel",
        "# history:  # instead of confirmed: every level confirmed, oldest first (optional)",
        f"#   - level: {role}@{level}  # the last entry is this file's role and level",
        "#     date: YYYY-MM-DD  # the date of the decision; dates increase",
        "#     by: panel  # manager or panel",
        f"#     framework: {{version: {framework.info.version}}}"
        "  # the ladder it was judged against (optional)",
    ]


def _items(names: Names, title: str, expected: list[ExpectedCompetency]) -> list[str]:
    """Per expected competency, a commented item whose `shows` lists its behaviours."""
    lines = ["#"]
    lines += _comment(
        f"What {title} expects, competency by competency. For each piece of work, copy the "
        "item of a competency it shows under `items:` (without the `#`), fill it in, and keep "
        "in `shows` only the behaviours the work really shows (of any competency)."
    )
    for part in expected:
        if not part.behaviours:
            continue
        name = names.competency(part.competency)
        lines += [
            "#",
            f"# {_inert(name)} ({part.competency}), expected at {part.step}:",
            "#   - id: short-name-for-the-work  # a short name, unique in this file (optional)",
            "#     date: YYYY-MM-DD  # when the work happened",
            "#     source: self  # who saw it: self, manager, peer, customer or system",
            "#     summary: What you did, for whom, and what came of it.",
            "#     link: https://tickets.example.com/1234  # a ticket or document (optional)",
            "#     shows:  # the behaviours the work shows",
        ]
        for info in part.behaviours:
            lines.append(f"#       - {info.ref}")
            lines += _comment(names.text(info.behaviour.text), 8, nested=True)
    return lines
