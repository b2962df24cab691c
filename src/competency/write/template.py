"""A ready-to-fill evidence file for a target level (``competency template evidence``).

The file is valid as written (``items: []``), so ``competency validate``
passes before anything is filled in; comments list every behaviour the
target expects with the reference an item's ``shows`` uses.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from competency.escape import terminal
from competency.framework import ExpectedCompetency, Framework
from competency.model import FORMAT
from competency.names import Names
from competency.write.options import PLAIN, WriteOptions

__all__ = ["PLACEHOLDER_PERSON", "EvidenceTemplate", "evidence_template", "evidence_yaml"]

#: The person id written when none is given: a valid id that asks to be replaced.
PLACEHOLDER_PERSON = "replace-me"
_WIDTH = 100


def _inert(text: str) -> str:
    """`text` for one comment line: control characters as escapes, line breaks as spaces.

    Nothing in a text can then end the comment, or reach a terminal raw.
    """
    return terminal(" ".join(text.split()))


def _comment(text: str, indent: int = 0) -> list[str]:
    """Text wrapped into comment lines, indented after the ``#``."""
    prefix = "#" + " " * (indent + 1)
    return textwrap.wrap(_inert(text), _WIDTH, initial_indent=prefix, subsequent_indent=prefix) or [
        "#"
    ]


@dataclass(frozen=True)
class EvidenceTemplate:
    """What an evidence template is written for: a target level, and optionally a person."""

    framework: Framework
    target: str
    """The level to aim at, ``ROLE@LEVEL``."""
    person: str | None = None
    schema: str = ""
    """Where the modeline's schema is (a path or URL); none when empty."""


def evidence_yaml(request: EvidenceTemplate, options: WriteOptions = PLAIN) -> str:
    """The evidence file for `request`, with names in the locale of `options`."""
    names = options.names if options.names is not None else Names(request.framework)
    return evidence_template(
        request.framework, request.target, request.person, request.schema, names
    )


def evidence_template(
    framework: Framework,
    target: str,
    person: str | None = None,
    schema: str = "",
    names: Names | None = None,
) -> str:
    """The text of an evidence file for `target` (``ROLE@LEVEL``), ready to fill in.

    `schema` is what the ``yaml-language-server`` modeline points at (a
    path or URL of ``evidence.schema.json``); without it there is no modeline.
    """
    names = names if names is not None else Names(framework)
    found = framework.level(target)
    title = names.level(found.ref)
    expected = framework.expected(found.ref)
    lines = [f"# yaml-language-server: $schema={terminal(schema)}", "#"] if schema else []
    lines += _comment(
        f"Evidence for {title} ({found.ref}), framework {framework.info.id} "
        f"{framework.info.version}. Add one item per piece of work: when it happened, who saw "
        "it, what you did, a link, and the behaviours it shows (the references listed below). "
        "Check it with: competency validate THIS-FILE; compare it with the level with: "
        "competency gap THIS-FILE."
    )
    lines += [
        f"format: {FORMAT}",
        "kind: evidence",
        "person:",
        f"  id: {person or PLACEHOLDER_PERSON}",
        "  # name: Your Name",
        "  # manager: your-manager             # your manager's person id",
        f"role: {found.role.id}",
    ]
    if found.index > 0:
        below = found.role.levels[found.index - 1].id
        lines.append(f"level: {below}  # your current level")
        lines += [
            "# When your manager or a panel confirmed that level, its behaviours carry over",
            "# and the gap report asks only for what is new at the target:",
            "# confirmed:",
            "#   date: YYYY-MM-DD",
            "#   by: manager                        # manager | panel",
            "# or, instead of confirmed, every level confirmed so far, oldest first",
            "# (dates increase; the last entry is your current level):",
            "# history:",
            f"#   - {{level: {found.role.id}@{below}, date: YYYY-MM-DD, by: panel}}",
        ]
    else:
        lines.append("# level: your current level in this role, if you have one")
    lines.append(f"target: {found.ref}  # the level you aim at")
    lines.append("items: []")
    lines += _how_to_add(expected)
    lines += _expected_behaviours(names, title, expected)
    return "\n".join(lines) + "\n"


def _how_to_add(expected: list[ExpectedCompetency]) -> list[str]:
    example = next((part.behaviours[0].ref for part in expected if part.behaviours), "OWNER.ID")
    return [
        "#",
        "# Replace `items: []` with a list like this one:",
        "# items:",
        "#   - id: short-name-for-the-work      # optional, unique in this file",
        "#     date: YYYY-MM-DD",
        "#     source: manager                  # self | manager | peer | customer | system",
        "#     summary: What you did and what came of it, in a sentence or two.",
        "#     link: https://tickets.example.com/1234",
        f"#     shows: [{example}]",
        "#",
        "# Optional: assessments of a competency's step, and behaviours that do not apply to you:",
        "# assessments:",
        "#   - {competency: COMPETENCY, step: STEP, by: manager, date: YYYY-MM-DD}",
        "#   - {competency: COMPETENCY, step: STEP, by: peer, assessor: PERSON-ID,",
        "#      date: YYYY-MM-DD}",
        "# not_applicable:",
        "#   - {behaviour: OWNER.ID, reason: Why it does not apply to this job.}",
    ]


def _expected_behaviours(names: Names, title: str, expected: list[ExpectedCompetency]) -> list[str]:
    lines = ["#", f"# What {_inert(title)} expects, competency by competency:"]
    for part in expected:
        name = names.competency(part.competency)
        lines += ["#", f"# {_inert(name)} ({part.competency}), expected at {part.step}:"]
        for info in part.behaviours:
            lines.append(f"#   {info.ref}")
            lines += _comment(names.text(info.behaviour.text), 5)
    return lines
