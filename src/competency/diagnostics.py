"""Diagnostics: what went wrong, where, and how sure we are that it matters.

Every data problem the loader or the checker finds becomes a `Diagnostic`
with a file, a 1-based line and column, a severity, a stable code and a plain
message. Problems are *collected* into a `Result`; exceptions are kept for
"cannot go on". The codes are documented in ``docs/diagnostics.md``.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType

__all__ = [
    "CODES",
    "CompetencyError",
    "Diagnostic",
    "DiagnosticsError",
    "MissingExtraError",
    "Result",
    "Severity",
    "has_errors",
    "require_extra",
]


class Severity(enum.StrEnum):
    """How much a diagnostic matters: errors fail a run, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


#: Every diagnostic code with its severity and a one-line title. The docs
#: (docs/diagnostics.md) list the same codes; a test keeps the two in step.
CODES: dict[str, tuple[Severity, str]] = {
    # Reading files and YAML
    "Y100": (Severity.ERROR, "YAML syntax error"),
    "Y101": (Severity.ERROR, "duplicate key"),
    "Y102": (Severity.ERROR, "anchor or alias"),
    "Y103": (Severity.ERROR, "merge key"),
    "Y104": (Severity.ERROR, "explicit tag"),
    "Y105": (Severity.ERROR, "more than one document"),
    "Y106": (Severity.ERROR, "not UTF-8 text"),
    "Y107": (Severity.ERROR, "file too large"),
    "Y108": (Severity.ERROR, "nested too deeply"),
    "Y109": (Severity.ERROR, "empty file"),
    "Y110": (Severity.ERROR, "file cannot be read"),
    "Y111": (Severity.ERROR, "too many problems in one file"),
    "Y112": (Severity.ERROR, "number too long"),
    # Shape of one file
    "F100": (Severity.ERROR, "missing or unsupported format"),
    "F101": (Severity.ERROR, "missing or unknown kind"),
    "S100": (Severity.ERROR, "unknown key"),
    "S101": (Severity.ERROR, "missing required key"),
    "S102": (Severity.ERROR, "wrong type"),
    "S103": (Severity.ERROR, "empty value"),
    "S104": (Severity.ERROR, "invalid id"),
    "S105": (Severity.ERROR, "invalid date"),
    "S106": (Severity.ERROR, "invalid value"),
    "S107": (Severity.ERROR, "invalid reference syntax"),
    "S108": (Severity.ERROR, "invalid locale code"),
    "S109": (Severity.ERROR, "web address that is not http or https"),
    "S110": (Severity.ERROR, "regular expression that does not compile"),
    # Uniqueness
    "U100": (Severity.ERROR, "duplicate id"),
    "U101": (Severity.ERROR, "role id used by a competency"),
    "U102": (Severity.ERROR, "id that is a reserved file name"),
    # References between files
    "R100": (Severity.ERROR, "unknown category"),
    "R101": (Severity.ERROR, "unknown competency"),
    "R102": (Severity.ERROR, "unknown scale step"),
    "R103": (Severity.ERROR, "unknown track"),
    "R104": (Severity.ERROR, "unknown grade"),
    "R105": (Severity.ERROR, "unknown role or level"),
    "R106": (Severity.ERROR, "unknown behaviour"),
    "R107": (Severity.ERROR, "unknown external"),
    "R108": (Severity.ERROR, "behaviour cannot replace this one"),
    "R109": (Severity.ERROR, "unknown role family"),
    # An evidence file's history (1.2)
    "H100": (Severity.ERROR, "history dates do not increase"),
    "H101": (Severity.ERROR, "last history entry is not the file's level"),
    "H102": (Severity.ERROR, "both confirmed and history"),
    # Framework structure
    "D100": (Severity.ERROR, "numeric descriptor name"),
    "L100": (Severity.ERROR, "expectation without behaviours"),
    "L101": (Severity.ERROR, "step lower than the level below"),
    "L102": (Severity.ERROR, "competency dropped from the level below"),
    "L103": (Severity.ERROR, "grade lower than the level below"),
    "P100": (Severity.ERROR, "move breaks its type's rule"),
    "P101": (Severity.ERROR, "move from a level to itself"),
    "P102": (Severity.ERROR, "move listed twice"),
    "X100": (Severity.ERROR, "path not found"),
    "X101": (Severity.ERROR, "framework file missing"),
    "X102": (Severity.ERROR, "more than one framework file"),
    "X103": (Severity.ERROR, "more than one paths file"),
    "X104": (Severity.ERROR, "evidence without a framework"),
    "X105": (Severity.WARNING, "evidence not checked against a framework with errors"),
    # Importing a spreadsheet (competency import)
    "I100": (Severity.ERROR, "spreadsheet cannot be read"),
    "I101": (Severity.ERROR, "missing column"),
    "I102": (Severity.ERROR, "unknown or repeated column"),
    "I103": (Severity.WARNING, "blank row"),
    "I104": (Severity.ERROR, "duplicate row"),
    "I105": (Severity.ERROR, "merged cells"),
    "I106": (Severity.ERROR, "formula in a cell"),
    "I107": (Severity.ERROR, "not text where text belongs"),
    "I108": (Severity.ERROR, "unknown scale step"),
    "I109": (Severity.ERROR, "row does not fit the framework"),
    # Importing a CASE package (competency import)
    "I110": (Severity.ERROR, "CASE package cannot be read"),
    "I111": (Severity.WARNING, "CASE package part not imported as written"),
    # Quality warnings
    "D101": (Severity.WARNING, "descriptor name looks like a score"),
    "Q100": (Severity.WARNING, "vague qualifier"),
    "Q101": (Severity.WARNING, "level adds nothing over the level below"),
    "Q102": (Severity.WARNING, "same behaviour text twice"),
    "Q103": (Severity.WARNING, "missing translation"),
    "Q104": (Severity.WARNING, "no files found"),
    "Q105": (Severity.WARNING, "suppression that suppresses nothing"),
    "Q106": (Severity.WARNING, "suppression that cannot apply"),
    "Q107": (Severity.WARNING, "text in a locale the framework does not list"),
}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem at one place: ``file:line:column: severity code message``."""

    file: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    @classmethod
    def make(cls, file: str, line: int, column: int, code: str, message: str) -> Diagnostic:
        """Build a diagnostic whose severity is the one registered for `code`."""
        return cls(file, line, column, code, message, CODES[code][0])

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"

    def as_dict(self) -> dict[str, str | int]:
        """The JSON form: file, line, column, severity, code, message.

        See docs/format.md, "Reading the diagnostics".
        """
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }


@dataclass
class Result:
    """All diagnostics of a run; `ok` is true when there is no error."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error (warnings allowed)."""
        return not has_errors(self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """The diagnostics that are errors."""
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        """The diagnostics that are warnings."""
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics to this result."""
        self.diagnostics.extend(diagnostics)

    def sorted(self) -> list[Diagnostic]:
        """Diagnostics by file, then position, without exact duplicates."""
        return sorted(set(self.diagnostics), key=_sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any of `diagnostics` is an error (warnings alone are not)."""
    return any(d.severity is Severity.ERROR for d in diagnostics)


def _sort_key(d: Diagnostic) -> tuple[str, int, int, str, str]:
    return (d.file, d.line, d.column, d.code, d.message)


class CompetencyError(Exception):
    """The base of every exception the library raises on purpose.

    Bad data never raises: it becomes diagnostics. What does raise is a
    request that cannot be answered (an unknown level, no target, a page
    that cannot be rendered) or input that is wrong as a whole.
    """


class DiagnosticsError(CompetencyError, ValueError):
    """Raised by the Python API when input has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        head = "\n".join(str(d) for d in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"{len(errors)} error(s):\n{head}{more}")


class MissingExtraError(CompetencyError, RuntimeError):
    """An optional package that a feature needs is not installed; says which extra installs it.

    `extra` is the EXTRA of ``pip install 'competency[EXTRA]'``, which the
    message names. Raised by `require_extra`, the one place that imports an
    optional package.
    """

    def __init__(self, message: str, extra: str = "") -> None:
        super().__init__(message)
        self.extra = extra

    @classmethod
    def needs(cls, purpose: str, package: str, extra: str) -> MissingExtraError:
        """The error for `purpose`, which needs `package`, installed by the extra `extra`."""
        return cls(f"{purpose} needs {package}: pip install 'competency[{extra}]'", extra)


def require_extra(module: str, extra: str, purpose: str, package: str | None = None) -> ModuleType:
    """The module `module`, imported; `MissingExtraError` when it (or its package) is missing.

    `package` is how the message names what to install (default: `module`).
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        # The extra itself missing or unusable; another module missing inside it stays a bug.
        name = error.name if isinstance(error, ModuleNotFoundError) else None
        if name is not None and name.partition(".")[0] != module.partition(".")[0]:
            raise
        raise MissingExtraError.needs(purpose, package or module, extra) from None
