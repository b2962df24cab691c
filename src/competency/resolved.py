"""The shape of ``competency export --format json``: a whole framework, resolved, in one document.

A web app or another tool should not have to reimplement the format's rules
(cumulative steps, role additions, ``replaces``) to show a ladder. This
document carries the framework's own parts as the files hold them and, per
level and competency, the behaviours expected there, those new at that level
and those inherited from the level below, by reference. `competency.schema`
writes its JSON Schema (``schemas/framework-document.schema.json``) from these
models; `competency.interop.document` fills them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from competency.fielddocs import Documented
from competency.model import (
    Category,
    External,
    Grade,
    HiringKit,
    Metric,
    Move,
    Readiness,
    Reference,
    Step,
    Text,
    Track,
)

__all__ = [
    "DOCUMENT_FORMAT",
    "DocumentBehaviour",
    "DocumentCompetency",
    "DocumentExpectation",
    "DocumentLevel",
    "DocumentNewBehaviour",
    "DocumentRole",
    "DocumentStep",
    "FrameworkDocument",
]

#: The value of the document's ``format`` key.
DOCUMENT_FORMAT = "competency/framework-document-v1"


class _Part(Documented, BaseModel):  # BaseModel named for ruff (RUF012 knows pydantic by name)
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class DocumentBehaviour(_Part):
    """One behaviour of the framework, wherever it is defined."""

    ref: str
    """Its reference, OWNER.ID: the competency id for the library, the role id for additions."""
    owner: str
    competency: str
    """The competency it belongs to."""
    step: str
    """The scale step it is described at (for role additions: the step the adding level expects)."""
    level: str | None = None
    """For role additions, the ROLE@LEVEL that adds it; null for library behaviours."""
    text: Text
    replaces: list[str] = []
    """References of the behaviours this one replaces directly."""
    examples: list[Text] = []


class DocumentStep(_Part):
    """A competency at one scale step: its summary and the behaviours described there."""

    step: str
    summary: Text | None = None
    behaviours: list[str]
    """References into `behaviours` of the document, in file order."""


class DocumentCompetency(_Part):
    """A competency with its steps in scale order."""

    id: str
    name: Text
    category: str
    summary: Text | None = None
    steps: list[DocumentStep] = []
    hiring: HiringKit | None = None
    references: list[Reference] = []


class DocumentNewBehaviour(_Part):
    """A behaviour new at a level, with the behaviours of the level below that it replaces."""

    ref: str
    replaces: list[str] = []


class DocumentExpectation(_Part):
    """One competency a level expects, resolved by the format's rules."""

    competency: str
    step: str
    note: Text | None = None
    expected: list[str]
    """Every behaviour expected here (references), in the format's order."""
    new: list[DocumentNewBehaviour]
    """What is new at this level: expected here and not by the level below."""
    inherited: list[str]
    """Expected here and already by the level below."""


class DocumentLevel(_Part):
    """A level of a role."""

    id: str
    ref: str
    """ROLE@LEVEL."""
    title: Text
    grade: str
    summary: Text | None = None
    scope: Text | None = None
    metrics: list[Metric] = []
    expects: list[DocumentExpectation]


class DocumentRole(_Part):
    """A role and its levels, lowest first."""

    id: str
    title: Text
    track: str
    family: str | None = None
    summary: Text | None = None
    why: Text | None = None
    levels: list[DocumentLevel]


class FrameworkDocument(_Part):
    """A whole framework, resolved: its parts, every behaviour, and what each level expects."""

    format: Literal["competency/framework-document-v1"]
    """What this document is; always competency/framework-document-v1."""
    id: str
    title: Text
    version: str
    hash: str
    """The framework's content hash (sha256:...), naming the exact files exported."""
    summary: Text | None = None
    default_locale: str
    locales: list[str] = []
    cumulative: bool
    scale: list[Step]
    categories: list[Category]
    tracks: list[Track]
    grades: list[Grade]
    externals: list[External] = []
    readiness: Readiness
    behaviours: list[DocumentBehaviour]
    """Every behaviour: the library's by competency and step, then the roles' additions."""
    competencies: list[DocumentCompetency]
    roles: list[DocumentRole]
    paths: list[Move] = []
    """The moves between levels, as paths.yaml lists them."""
