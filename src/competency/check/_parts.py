"""The valid, typed parts of a framework folder, shared by the framework checks and rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from competency.load import Document
from competency.model import Competency, FrameworkInfo, Paths, Role

__all__ = ["TEXT_KEYS", "TEXT_LIST_KEYS", "Parts"]

#: Keys whose values are text (a string or a locale map), and keys whose
#: values are lists of text; used for the translation check.
TEXT_KEYS = frozenset(
    {"title", "name", "summary", "meaning", "why", "scope", "text", "note", "reason", "target"}
)
TEXT_LIST_KEYS = frozenset({"examples", "questions", "signals", "red_flags"})


@dataclass
class Parts:
    """The valid, typed parts of a framework folder, with their documents."""

    info: tuple[Document, FrameworkInfo] | None = None
    competencies: dict[str, tuple[Document, Competency]] = field(default_factory=dict)
    roles: dict[str, tuple[Document, Role]] = field(default_factory=dict)
    paths: tuple[Document, Paths] | None = None
    unchecked: set[str] = field(default_factory=set)
    """Ids of roles and competencies whose files have errors of their own."""
