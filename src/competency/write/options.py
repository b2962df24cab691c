"""What a writer needs besides the result: one typed options object for every writer."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from competency.model import Evidence
from competency.names import Names

__all__ = ["PLAIN", "WriteOptions"]


@dataclass(frozen=True)
class WriteOptions:
    """How to write a result; every field has a default that suits a plain file."""

    colour: bool = False
    """Colour for a terminal (text formats only)."""
    names: Names | None = None
    """Names of ids in the requested locale (the localisation step); needed by pages."""
    locale: str | None = None
    """Locale of the fixed words of HTML and PDF pages."""
    evidence: Evidence | None = None
    """The evidence behind a gap report, for the items a promotion packet quotes."""
    templates: Path | None = None
    """A folder of templates that override the built-in ones (HTML and PDF)."""
    font_paths: Sequence[str | os.PathLike[str]] = ()
    """Extra font folders for PDF."""
    evidence_text: str | None = None
    """The evidence file as written, for the review mode of a gap report's HTML page."""


#: Options for plain output: no colour, the framework's default names.
PLAIN = WriteOptions()
