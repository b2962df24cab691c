"""A ready-to-fill evidence file for a target level (``competency template evidence``).

The writer of the ``template`` registry entry: the text itself is
`competency.edit.evidence.evidence_file`, the one evidence scaffold that
``competency new evidence`` writes too.
"""

from __future__ import annotations

from dataclasses import dataclass

from competency.edit.evidence import PLACEHOLDER_PERSON, evidence_file
from competency.framework import Framework
from competency.names import names_for
from competency.write.options import PLAIN, WriteOptions

__all__ = ["PLACEHOLDER_PERSON", "EvidenceTemplate", "evidence_yaml"]


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
    """The evidence file for `request`, with names from the `Names` of `options`.

    The current level written is the one below the target, if it has one.
    """
    framework = request.framework
    found = framework.level(request.target)
    below = found.role.levels[found.index - 1].id if found.index > 0 else None
    names = names_for(framework, names=options.names)
    return evidence_file(
        framework,
        found.ref,
        names,
        person=request.person,
        level=below,
        schema=request.schema,
    )
