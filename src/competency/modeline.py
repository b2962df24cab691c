"""The schema modeline: the first line of a YAML file that tells an editor its JSON Schema.

``# yaml-language-server: $schema=REFERENCE`` makes editors complete and
check a file as it is typed. `modeline` writes the line; `Schemas` says what
it points at: the schemas/ folder beside the framework when it has the
schema, by a path relative to the file, else the published URL. Every file
the library writes with a modeline (``competency new``, ``competency
template``, ``competency import``) goes through here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from competency.model import SCHEMA_BASE_URI

__all__ = ["Schemas", "modeline"]


def modeline(reference: str) -> str:
    """The modeline pointing at `reference` (a path or URL of a schema), line break included."""
    return f"# yaml-language-server: $schema={reference}\n"


@dataclass(frozen=True)
class Schemas:
    """Where the modelines point: a local schemas folder that has the schema, else `base`."""

    #: The published location, ending with a slash; the file name is appended.
    base: str
    #: A folder of ``<kind>.schema.json`` files, referred to by a relative path.
    folder: Path | None = None

    def reference(self, kind: str, file: Path) -> str:
        """The modeline's ``$schema`` value for a file of `kind` written at `file`."""
        return self.reference_from(kind, file.resolve().parent)

    def reference_from(self, kind: str, start: Path) -> str:
        """The ``$schema`` value for a file of `kind` in the folder `start`."""
        name = f"{kind}.schema.json"
        if self.folder is not None and (self.folder / name).is_file():
            return Path(os.path.relpath(self.folder.resolve() / name, start.resolve())).as_posix()
        return self.base + name

    def modeline(self, kind: str, file: Path) -> str:
        """The first line of a file of `kind` written at `file`."""
        return modeline(self.reference(kind, file))

    @classmethod
    def beside(cls, framework_folder: Path) -> Schemas:
        """The schemas/ folder beside a framework folder, else the published schemas."""
        return cls(SCHEMA_BASE_URI, framework_folder.resolve().parent / "schemas")
