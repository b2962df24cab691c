"""A ready-to-fill evidence file for a target level (``competency template evidence``).

The file is valid as written (``items: []``), so ``competency validate``
passes before anything is filled in; comments list every behaviour the
target expects with the reference an item's ``shows`` uses.
"""

from __future__ import annotations

import textwrap

from competency.framework import ExpectedCompetency, Framework
from competency.gap import competency_name
from competency.model import FORMAT, localize

__all__ = ["PLACEHOLDER_PERSON", "evidence_template"]

#: The person id written when none is given: a valid id that asks to be replaced.
PLACEHOLDER_PERSON = "replace-me"
_WIDTH = 100


def _comment(text: str, indent: int = 0) -> list[str]:
    """Text wrapped into comment lines, indented after the ``#``."""
    prefix = "#" + " " * (indent + 1)
    return textwrap.wrap(text, _WIDTH, initial_indent=prefix, subsequent_indent=prefix) or ["#"]


def evidence_template(
    framework: Framework, target: str, person: str | None = None, schema: str = ""
) -> str:
    """The text of an evidence file for `target` (``ROLE@LEVEL``), ready to fill in.

    `schema` is what the ``yaml-language-server`` modeline points at (a
    path or URL of ``evidence.schema.json``); without it there is no modeline.
    """
    found = framework.level(target)
    locale = framework.default_locale
    title = localize(found.level.title, None, locale)
    expected = framework.expected(found.ref)
    lines = [f"# yaml-language-server: $schema={schema}", "#"] if schema else []
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
        f"role: {found.role.id}",
    ]
    if found.index > 0:
        below = found.role.levels[found.index - 1].id
        lines.append(f"level: {below}  # your current level; the gap command aims one above it")
    else:
        lines.append("# level: your current level in this role, if you have one")
    lines.append("items: []")
    lines += _how_to_add(expected)
    lines += _expected_behaviours(framework, title, expected)
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
        "# not_applicable:",
        "#   - {behaviour: OWNER.ID, reason: Why it does not apply to this job.}",
    ]


def _expected_behaviours(
    framework: Framework, title: str, expected: list[ExpectedCompetency]
) -> list[str]:
    locale = framework.default_locale
    lines = ["#", f"# What {title} expects, competency by competency:"]
    for part in expected:
        name = competency_name(framework, part.competency)
        lines += ["#", f"# {name} ({part.competency}), expected at {part.step}:"]
        for info in part.behaviours:
            lines.append(f"#   {info.ref}")
            lines += _comment(localize(info.behaviour.text, None, locale), 5)
    return lines
