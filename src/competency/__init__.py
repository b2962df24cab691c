"""competency: career ladders and competency matrices kept as code.

The public API:

- `load_framework(path)` -> `Framework`, or raises `DiagnosticsError`;
- `load_evidence(path, framework)` -> `Evidence`, or raises `DiagnosticsError`;
- `validate(paths)` -> `Result` with `.ok` and `.diagnostics`;
- the typed models of `competency.model`.
"""

from competency.__about__ import __version__
from competency.api import load_evidence, load_framework, validate
from competency.diagnostics import Diagnostic, DiagnosticsError, Result, Severity
from competency.framework import (
    BehaviourInfo,
    ExpectedCompetency,
    Framework,
    LevelInfo,
    UnknownReferenceError,
)
from competency.model import (
    Assessment,
    Behaviour,
    Competency,
    Evidence,
    EvidenceItem,
    Expectation,
    FrameworkInfo,
    Level,
    Move,
    Paths,
    Readiness,
    Role,
    Step,
    localize,
)

__all__ = [
    "Assessment",
    "Behaviour",
    "BehaviourInfo",
    "Competency",
    "Diagnostic",
    "DiagnosticsError",
    "Evidence",
    "EvidenceItem",
    "Expectation",
    "ExpectedCompetency",
    "Framework",
    "FrameworkInfo",
    "Level",
    "LevelInfo",
    "Move",
    "Paths",
    "Readiness",
    "Result",
    "Role",
    "Severity",
    "Step",
    "UnknownReferenceError",
    "__version__",
    "load_evidence",
    "load_framework",
    "localize",
    "validate",
]
